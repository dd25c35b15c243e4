#!/bin/bash
# Run NEC Companion on a virtual screen with the Linux accessibility bus (AT-SPI) and print what a screen reader
# gets: the accessible tree (roles, names, descriptions) and the announcements sent after typing a search.
# Needs: apt-get install -y at-spi2-core python3-pyatspi xvfb dbus. Usage: dbus-run-session -- scripts/a11y_atspi.sh
set -u
cd "$(dirname "$0")/.."
OUT=$(mktemp -d)
Xvfb :97 -screen 0 1366x768x24 >"$OUT/xvfb.log" 2>&1 &
XPID=$!
sleep 1
export DISPLAY=:97
/usr/libexec/at-spi-bus-launcher --launch-immediately >"$OUT/bus.log" 2>&1 &
BPID=$!
sleep 2
export NEC_COMPANION_HOME="$OUT/home" QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb
.venv/bin/python main.py >"$OUT/app.log" 2>&1 &
APID=$!
sleep 6
timeout 60 /usr/bin/python3 scripts/a11y_atspi_tree.py
kill "$APID" "$BPID" "$XPID"
