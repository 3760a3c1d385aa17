#!/usr/bin/env bash
# Second README command: set everything up, then run the linter (ruff), the type check (mypy),
# the layer contracts (lint-imports, see [tool.importlinter] in pyproject.toml) and the whole test
# suite (GUI tests under a virtual X server, via pytest-xvfb).
# Extra arguments go to pytest. A run that collects no test fails.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
status=0
echo "== ruff"
lint=()
for d in plannerview plugins tests benchmarks tools; do [ -d "$d" ] && lint+=("$d"); done
.venv/bin/ruff check "${lint[@]}" || status=1
echo "== mypy (every package; ui/ with untyped defs allowed)"
.venv/bin/mypy || status=1
echo "== lint-imports (layers)"
.venv/bin/lint-imports --no-cache || status=1
echo "== pytest"
mkdir -p test-output
.venv/bin/python -m pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "pytest collected no test: failing" >&2; rc=1; fi
[ $rc -eq 0 ] || status=1
exit $status
