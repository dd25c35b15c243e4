#!/usr/bin/env bash
# Set up everything NEC Companion needs, idempotently: system libraries Qt needs (Debian/Ubuntu, when
# missing and we may install), a virtual environment in .venv, and the project with its test extras.
# Sourced by scripts/start and scripts/test; safe to run again (it skips what is already done).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

log() { printf '[setup] %s\n' "$*" >&2; }

if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  log "NEC Companion needs Python 3.11 or newer (found: $("$PY" --version 2>&1 || echo none))."
  exit 1
fi

# System libraries that Qt's wheels load at run time (offscreen for tests, xcb for a real screen) and
# poppler-utils (pdftotext/pdfinfo, used by the tests to read exported PDFs independently).
APT_PACKAGES=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
              libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
              libxcb-randr0 libxcb-render-util0 libxcb-image0 poppler-utils)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    log "installing system packages with sudo: ${missing[*]}"
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "note: these system packages may be missing: ${missing[*]}"
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  log "creating the virtual environment in .venv"
  "$PY" -m venv "$VENV"
fi

# Reinstall only when the project's dependency list changed.
STAMP="$VENV/.nec-companion-installed"
WANT="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  log "installing NEC Companion and its dependencies (first run takes a minute)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" >&2 || true
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT[test]" 2>&1 \
    | grep -v "^WARNING: Location" >&2 || true
  "$VENV/bin/python" -c "import PySide6, markdown, platformdirs, cryptography, pytest, pytestqt, hypothesis, textstat" \
    || { log "the installation did not complete; see the messages above"; exit 1; }
  echo "$WANT" > "$STAMP"
fi
