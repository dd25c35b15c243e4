#!/bin/bash
# Walk every screen and journal section over the Linux accessibility bus (AT-SPI) and print, for each, the
# interactive controls with their names, the texts a screen reader reads, and any control without a name.
# Needs: apt-get install -y at-spi2-core python3-pyatspi xvfb dbus.
# Usage: dbus-run-session -- scripts/a11y_atspi_screens.sh   (uses a temporary home with the sample journal)
set -u
cd "$(dirname "$0")/.."
OUT=$(mktemp -d)
.venv/bin/python scripts/a11y_sample_home.py "$OUT/home" >/dev/null
Xvfb :97 -screen 0 1366x768x24 >"$OUT/xvfb.log" 2>&1 & XPID=$!
sleep 1; export DISPLAY=:97
/usr/libexec/at-spi-bus-launcher --launch-immediately >"$OUT/bus.log" 2>&1 & BPID=$!
sleep 2
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb
.venv/bin/python main.py --home "$OUT/home" >"$OUT/app.log" 2>&1 & APID=$!
sleep 8
timeout 300 /usr/bin/python3 scripts/a11y_atspi_screens.py
kill "$APID" "$BPID" "$XPID" 2>/dev/null
rm -rf "$OUT"
