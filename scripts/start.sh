#!/usr/bin/env bash
# First README command: set everything up, then open plannerview on the bundled demo case
# (or on the paths given). With no display, it prints the case summary instead and writes a
# screenshot of the window, since there is no screen to open a window on.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ $# -eq 0 ]; then
  if [ -d resources/demo ]; then set -- resources/demo; else set -- resources/sample; fi
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && .venv/bin/plannerview open --help >/dev/null 2>&1; then
  exec .venv/bin/plannerview open "$@"
fi
echo "[start] no display found: printing what plannerview finds in $*" >&2
.venv/bin/plannerview info "$@"
if .venv/bin/plannerview screenshot --help >/dev/null 2>&1; then
  mkdir -p test-output
  .venv/bin/plannerview screenshot "$@" --view window --out test-output/start-window.png \
    && echo "[start] screenshot of the window: test-output/start-window.png" >&2
fi
