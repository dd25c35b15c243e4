"""The app's colours, shared by the Qt style (`ui/style.py`) and the chart painter (screen and PDF). Plain
strings, no Qt: the export layer draws charts with them without importing the UI."""

INK = "#1f2a30"
MUTED = "#4a5a63"
ACCENT = "#0b5c7a"
PAPER = "#fbfaf7"
PANEL = "#eef2f3"
WARN_BG = "#fff4e0"
WARN_INK = "#6b3a00"
