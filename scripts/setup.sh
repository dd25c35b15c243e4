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

# System libraries that Qt's wheels load at run time (offscreen for tests, xcb for a real screen), poppler-utils
# (pdftotext/pdfinfo, used by the tests to read exported PDFs independently), and the validators for the Linux
# desktop files (desktop-file-validate, appstreamcli), and Xvfb (a real X server for the test that checks the
# X11 selection is cleared at lock). Debian/Ubuntu package names.
APT_PACKAGES=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
              libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
              libxcb-randr0 libxcb-render-util0 libxcb-image0 poppler-utils desktop-file-utils appstream xvfb)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
else
  # Not Debian or Ubuntu: say so plainly rather than skipping in silence.
  log "note: not a Debian/Ubuntu system, so system packages are not checked. Install your system's packages"
  log "      for: ${APT_PACKAGES[*]}"
  log "      (without them Qt may not start, and the PDF and desktop-file tests are skipped or fail)."
fi
apt_install() {  # arguments: the command prefix ("" as root, "sudo -n" otherwise); never prompts, never aborts
  local prefix=("$@")
  "${prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 &&
    "${prefix[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
}
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing system packages: ${missing[*]}"
    apt_install || log "warning: could not install system packages: ${missing[*]}"
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    log "installing system packages with sudo: ${missing[*]}"
    apt_install sudo -n || log "warning: could not install system packages: ${missing[*]}"
  else
    log "note: these system packages are missing and this user may not install them: ${missing[*]}"
    log "      ask an administrator to run: apt-get install ${missing[*]}"
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  log "creating the virtual environment in .venv"
  "$PY" -m venv "$VENV"
fi

# Reinstall only when the project's dependency list changed.
STAMP="$VENV/.nec-companion-installed"
EXTRAS="test,build,dev"
WANT="$(cat "$ROOT/pyproject.toml" "$ROOT/setup.py" | sha256sum | cut -d' ' -f1) $EXTRAS"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  log "installing NEC Companion and its dependencies (first run takes a minute)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" >&2 || true
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT[$EXTRAS]" 2>&1 \
    | grep -v "^WARNING: Location" >&2 || true
  "$VENV/bin/python" -c "import PySide6, markdown, platformdirs, cryptography, pytest, pytestqt, hypothesis, textstat" \
    || { log "the installation did not complete; see the messages above"; exit 1; }
  echo "$WANT" > "$STAMP"
fi
