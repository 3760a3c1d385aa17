#!/usr/bin/env bash
# Set up everything plannerview needs on Debian 12 (as root, or as a user with sudo):
# Debian packages (only those missing), a virtual environment in .venv, the package with its
# GUI and test extras, and the first-party plugins. Safe to run again: it skips what is done.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { printf '[setup] %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------------------------
DEB_PACKAGES=(
  python3 python3-venv python3-pip
  # Qt + VTK under a virtual X server (see docs/headless.md)
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-render-util0 libxcb-image0 libegl1 libgl1 libgl1-mesa-dri libegl-mesa0 libfontconfig1
  libdbus-1-3
  # DICOM conformance checker (dciodvfy) used by the export tests
  dicom3tools
  # remote consult hub (plannerview consult serve, tests/sync): Orthanc with DICOMweb, nginx for
  # TLS in front of it, PostgreSQL for the many-sites index
  orthanc orthanc-dicomweb orthanc-postgresql nginx postgresql
  # pdftotext / pdftoppm: the report tests read the PDF's text and render its first page
  poppler-utils
)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      log "need root or sudo to install: ${missing[*]}"; exit 2; fi
  fi
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian orthanc, nginx and postgresql packages may start system services on 4242/8042,
  # 80 and 5432; plannerview starts its own hubs (consult serve), so keep those off.
  for svc in orthanc nginx postgresql; do
    if printf '%s\n' "${missing[@]}" | grep -qx "$svc"; then
      if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true
      elif command -v service >/dev/null 2>&1; then
        $SUDO service "$svc" stop >/dev/null 2>&1 || true
      fi
    fi
  done
fi

# --- Python virtual environment ----------------------------------------------------------------
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for cand in python3 python3.13 python3.12 python3.11; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PY=$cand; break
    fi
  done
fi
[ -n "$PY" ] || { log "Python 3.11 or newer is required"; exit 2; }

if [ ! -x .venv/bin/python ]; then
  log "creating virtual environment .venv with $PY"
  "$PY" -m venv .venv
fi

# Reinstall only when the package definitions changed.
stamp=.venv/.plannerview-installed
want=$(cat pyproject.toml plugins/*/pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  args=(-e "$ROOT[gui,dev]")
  for p in plugins/*/; do
    [ -f "$p/pyproject.toml" ] && args+=(-e "$ROOT/$p")
  done
  .venv/bin/python -m pip install -q "${args[@]}"
  echo "$want" > "$stamp"
fi
# --- dose engines (plugins/plannerview-dose) -------------------------------------------------------
# MCsquare's executables and data from the opentps-core 2.0.0 wheel (pip download --no-deps; opentps
# itself is never installed) and pyRadPlan 0.5.0 in its own venv, both under
# .venv/share/plannerview-dose. Redone only when the pins in provision.py change; ~1 min the first time.
# PLANNERVIEW_SKIP_DOSE_ENGINES=1 skips it (the dose plugin then says the engines are missing).
prov=plugins/plannerview-dose/plannerview_dose/provision.py
stamp_d=.venv/.plannerview-dose-engines
if [ -f "$prov" ] && [ "${PLANNERVIEW_SKIP_DOSE_ENGINES:-0}" != "1" ]; then
  want_d=$(sha256sum "$prov" | cut -d' ' -f1)
  if [ ! -f "$stamp_d" ] || [ "$(cat "$stamp_d")" != "$want_d" ]; then
    log "provisioning the dose engines (MCsquare from the opentps-core wheel, pyRadPlan venv)"
    t0=$SECONDS
    .venv/bin/python -m plannerview_dose.provision || { log "dose engine provisioning failed"; exit 1; }
    echo "$want_d" > "$stamp_d"
    log "dose engines ready ($((SECONDS - t0)) s)"
  fi
fi
log "ready: $ROOT/.venv"
