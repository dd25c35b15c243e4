"""The app's colours, shared by the Qt style (`ui/style.py`) and the chart painter (screen and PDF), and the
chart's two colour schemes (`COLOUR` on screen, `MONOCHROME` on paper). Plain strings, no Qt: the export layer
draws charts with them without importing the UI."""

from dataclasses import dataclass

INK = "#1f2a30"
MUTED = "#4a5a63"
ACCENT = "#0b5c7a"
PAPER = "#fbfaf7"
PANEL = "#eef2f3"
WARN_BG = "#fff4e0"
WARN_INK = "#6b3a00"


@dataclass(frozen=True)
class Colours:
    """The colours of one way of drawing a chart (on screen in colour, or on a black-and-white page)."""

    background: str
    ink: str
    muted: str
    axis: str
    grid: str
    shade_fill: str
    shade_hatch: str
    guide_line: str
    guide_fill: str
    marker_line: str
    series: tuple[str, ...]
    dashed_series: str
    bar_fills: tuple[str, ...]
    #: (fill, outline) per marker kind
    markers: dict[str, tuple[str, str]]


COLOUR = Colours(
    background="#ffffff", ink=INK, muted=MUTED, axis="#7d8f98", grid="#e3e9ec",
    shade_fill=PANEL, shade_hatch="#66808c", guide_line="#5f8ea2", guide_fill="#e9f2f5",
    marker_line="#c5d1d7",
    # Calm and told apart by lightness as well as hue; no red anywhere.
    series=(ACCENT, "#a35a1c", "#4d7a37", "#6a4f96", "#2f7f86"),
    dashed_series=MUTED,
    bar_fills=("#7fb2c6", "#e0b48a", "#a9c79a", "#b9a9d6", "#8fc7cc"),
    markers={"plan": (ACCENT, ACCENT), "event": ("#ffffff", MUTED),
             "warning": ("#e8b04b", WARN_INK)},
)
MONOCHROME = Colours(
    background="#ffffff", ink="#1a1a1a", muted="#444444", axis="#666666", grid="#dddddd",
    shade_fill="#f3f3f3", shade_hatch="#767676", guide_line="#6e6e6e", guide_fill="#f1f1f1",
    marker_line="#bdbdbd",
    series=("#1a1a1a",), dashed_series="#555555",
    bar_fills=("#a8a8a8", "#ffffff", "#d6d6d6", "#7a7a7a", "#ececec"),
    markers={"plan": ("#333333", "#1a1a1a"), "event": ("#ffffff", "#1a1a1a"), "warning": ("#ffffff", "#1a1a1a")},
)

