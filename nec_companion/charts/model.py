"""Charts as plain data: what a chart shows (series, pauses, markers, guides), its ticks and its table alternative.

No Qt here, so export code can build a chart without widgets; `painter.draw_chart` turns a `ChartSpec` into
pixels on a screen, an image or a PDF page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

from nec_companion.core.i18n import N_, Language, active, language

SeriesStyle = Literal["line", "bars", "points"]
MarkerKind = Literal["plan", "event", "warning"]
Axis = Literal["left", "right"]

SERIES_STYLES: tuple[str, ...] = ("line", "bars", "points")
MARKER_KINDS: tuple[str, ...] = ("plan", "event", "warning")
#: How each marker kind is named in legends and tables (translate with `ChartSpec.speaks()` where shown).
MARKER_KIND_NAMES: dict[str, str] = {"plan": N_("Plan change"), "event": N_("Care event"),
                                     "warning": N_("Something noticed")}
# Translators: one x value named in a chart's key or table, e.g. "Day 12" ({name} is "Day").
X_TEXT = N_("{name} {number}")
NOTES = N_("Notes")
# Translators: a mark in a chart's table, e.g. "Care event: Antibiotics started".
TABLE_MARK = N_("{kind}: {label}")

#: Coordinates beyond this are treated as unusable: ranges this wide overflow a float's span arithmetic.
VALUE_LIMIT = 1e300


def finite_or_none(value: object) -> float | None:
    """`value` as a float when it is a usable finite number, else None (NaN, inf, text and None all count as a gap)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number) or abs(number) > VALUE_LIMIT:
        return None
    return number


@dataclass(frozen=True)
class Series:
    """One line, set of bars or set of points; a y of None leaves a gap."""

    name: str
    points: tuple[tuple[float, float | None], ...]
    style: SeriesStyle = "line"
    dashed: bool = False
    #: "right" puts the series on a secondary scale with its own ticks (e.g. sessions per day beside mL).
    axis: Axis = "left"

    def __post_init__(self) -> None:
        if self.style not in SERIES_STYLES:
            raise ValueError(f"series style must be one of {SERIES_STYLES}, not {self.style!r}")
        if self.axis not in ("left", "right"):
            raise ValueError(f"series axis must be 'left' or 'right', not {self.axis!r}")
        object.__setattr__(self, "points", tuple((x, y) for x, y in self.points))

    def clean_points(self) -> list[tuple[float, float | None]]:
        """Points sorted by x, with unusable x dropped and unusable y (NaN, inf) turned into gaps."""
        cleaned = []
        for x, y in self.points:
            fx = finite_or_none(x)
            if fx is not None:
                cleaned.append((fx, finite_or_none(y)))
        cleaned.sort(key=lambda point: point[0])
        return cleaned


@dataclass(frozen=True)
class ShadedRange:
    """A stretch of x shaded behind the data, e.g. feeds paused (NPO)."""

    x_start: float
    x_end: float
    label: str


@dataclass(frozen=True)
class Marker:
    """A moment on the x axis: a plan change, a care event, or something a parent noticed."""

    x: float
    label: str
    kind: MarkerKind = "event"

    def __post_init__(self) -> None:
        if self.kind not in MARKER_KINDS:
            raise ValueError(f"marker kind must be one of {MARKER_KINDS}, not {self.kind!r}")


@dataclass(frozen=True)
class GuideBand:
    """A gentle horizontal guide (a line when y_low == y_high): informative context, never a pass mark."""

    y_low: float
    y_high: float
    label: str
    hidden: bool = False


@dataclass(frozen=True)
class ChartSpec:
    """Everything one chart shows. Only title, axis labels and series are needed; the rest is optional."""

    title: str
    x_label: str
    y_label: str
    series: tuple[Series, ...] = ()
    shaded: tuple[ShadedRange, ...] = ()
    markers: tuple[Marker, ...] = ()
    guides: tuple[GuideBand, ...] = ()
    y_min: float | None = None
    y_max: float | None = None
    #: Fixed x tick positions and labels (e.g. dates); empty means round numbers chosen to fit.
    x_ticks: tuple[tuple[float, str], ...] = ()
    #: One sentence saying what the chart shows, for screen readers (the accessible description).
    summary: str = ""
    x_min: float | None = None
    x_max: float | None = None
    #: Label and limits of the secondary (right) scale, used by series with axis="right".
    y2_label: str = ""
    y2_min: float | None = None
    y2_max: float | None = None
    #: The word that names one x value in notes and marker keys: "Day" gives "Day 12".
    x_name: str = ""
    #: A short caption under the chart, e.g. where the guides come from.
    note: str = ""
    #: The language code its words are in ("es"), so the words and numbers the painter and the table add match
    #: them even when it is drawn on another thread or after the app changed language; "" for the active one.
    language: str = ""

    def __post_init__(self) -> None:
        for name in ("series", "shaded", "markers", "guides", "x_ticks"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @property
    def has_data(self) -> bool:
        """True when at least one series has a drawable point."""
        return any(y is not None for s in self.series for _, y in s.clean_points())

    def speaks(self) -> Language:
        """The language of the chart's words (see `language`)."""
        return language(self.language) if self.language else active()

    def with_guides_hidden(self, hidden: bool) -> ChartSpec:
        """The same chart with every guide band shown or hidden."""
        return replace(self, guides=tuple(replace(g, hidden=hidden) for g in self.guides))

    def x_text(self, x: float) -> str:
        """How one x value is named in notes and keys: its fixed tick label if it has one, else "Day 12"."""
        for tick_x, tick_label in self.x_ticks:
            if finite_or_none(tick_x) is not None and abs(float(tick_x) - x) < 1e-9:
                return tick_label
        number = format_number(x, self.speaks())
        return self.speaks().gettext(X_TEXT).format(name=self.x_name, number=number) if self.x_name else number


# ---------------------------------------------------------------------------------------------- numbers, ticks

_NICE_MANTISSAS = (1.0, 2.0, 2.5, 5.0)


_RANGE_LIMIT = 1e306  # a range may reach a little past VALUE_LIMIT (headroom) without overflowing its span


def _finite_limit(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return max(-_RANGE_LIMIT, min(_RANGE_LIMIT, number)) if math.isfinite(number) else None


def _sanitise_range(low: float, high: float) -> tuple[float, float]:
    lo, hi = _finite_limit(low), _finite_limit(high)
    if lo is None and hi is None:
        return 0.0, 1.0
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    assert lo is not None and hi is not None
    if lo > hi:
        lo, hi = hi, lo
    # A span far below the values' own precision cannot be ticked evenly; widen it to something printable.
    magnitude = max(abs(lo), abs(hi))
    least = max(magnitude * 1e-9, 1e-100)
    if hi - lo < least:
        middle = lo / 2 + hi / 2
        half = max(least, magnitude * 0.1 if magnitude > 1e-90 else 1.0) / 2
        lo, hi = middle - half, middle + half
    return lo, hi


def line_runs(points: list[tuple[float, float | None]],
              shaded: tuple[ShadedRange, ...] | list[ShadedRange] = ()) -> list[list[tuple[float, float]]]:
    """The stretches a line is drawn in: broken at gaps (a y of None) and wherever a shaded range (feeds paused)
    lies between two points, so a line never runs straight through a pause as if feeds had gone on."""
    spans = []
    for shade in shaded:
        a, b = finite_or_none(shade.x_start), finite_or_none(shade.x_end)
        if a is not None and b is not None:
            spans.append((min(a, b), max(a, b)))
    runs: list[list[tuple[float, float]]] = [[]]
    previous: float | None = None
    for x, y in points:
        if y is None:
            if runs[-1]:
                runs.append([])
            previous = None
            continue
        if previous is not None and runs[-1] and any(a < x and b > previous for a, b in spans):
            runs.append([])
        runs[-1].append((x, y))
        previous = x
    return [run for run in runs if run]


def nice_ticks(low: float, high: float, *, max_ticks: int = 6) -> tuple[float, ...]:
    """Round, evenly spaced tick values (steps of 1, 2 or 5 × 10^k) whose first and last cover [low, high].

    Returns between 3 and `max_ticks` ticks (max_ticks is clamped to 3..8); among the steps that fit it picks
    the one giving the most ticks with the least empty axis. Reversed, equal or non-finite
    limits are repaired rather than refused, so a chart always gets an axis.
    """
    max_ticks = min(8, max(3, int(max_ticks)))
    lo, hi = _sanitise_range(low, high)
    span = hi - lo
    exponent = math.floor(math.log10(span / (max_ticks - 1)))
    best: tuple[float, int, int, float] | None = None  # (score, first index, count, step)
    for exp in range(exponent - 1, exponent + 3):
        for mantissa in _NICE_MANTISSAS:
            step = mantissa * 10.0**exp
            if step <= 0 or not math.isfinite(step):
                continue
            first = math.floor(lo / step + 1e-9)
            last = math.ceil(hi / step - 1e-9)
            count = last - first + 1
            if not 3 <= count <= max_ticks:
                continue
            # Prefer the most ticks that fit, then the tightest cover of the data.
            waste = ((last - first) * step - span) / span
            score = -count + waste
            if best is None or score < best[0]:
                best = (score, first, count, step)
    if best is None:  # cannot happen for sane spans; keep a plain three-tick axis rather than fail
        return (lo, lo / 2 + hi / 2, hi)
    _, first, count, step = best
    decimals = _decimals(step) + 1
    ticks = []
    for index in range(first, first + count):
        value = index * step
        value = round(value, decimals) if decimals < 300 else value
        ticks.append(0.0 if value == 0 else value)
    return tuple(ticks)


def _decimals(step: float) -> int:
    """How many decimals show `step` exactly (2.5 → 1, 0.25 → 2, 50 → 0)."""
    step = abs(step)
    decimals = max(0, -math.floor(math.log10(step)))
    while decimals < 320 and abs(round(step, decimals) - step) > 1e-9 * step:
        decimals += 1
    return decimals


def tick_step(ticks: tuple[float, ...]) -> float:
    return (ticks[-1] - ticks[0]) / (len(ticks) - 1) if len(ticks) > 1 else 1.0


def format_tick(value: float, step: float, language: Language | None = None) -> str:
    """A tick label with just enough decimals for its step, in the active language: 0.5 → "0.5", 1500 → "1,500"
    ("1500" in Spanish), 2e9 → "2e+09"."""
    if not math.isfinite(value):
        return ""
    if value == 0:
        return "0"
    step = abs(step) if step and math.isfinite(step) else abs(value)
    if abs(value) >= 1e7 or step < 1e-6:
        digits = math.floor(math.log10(abs(value))) - math.floor(math.log10(step)) + 1
        return f"{value:.{min(15, max(1, digits))}g}"
    return (language or active()).number(value, decimals=_decimals(step))


def format_number(value: float | None, language: Language | None = None) -> str:
    """A data value for tables and keys in the active language: whole numbers plainly (1,050; "1050" in Spanish),
    others to 1–2 decimals, gaps as ""."""
    number = finite_or_none(value)
    if number is None:
        return ""
    if abs(number) >= 1e7:
        return f"{number:.4g}"
    speaks = language or active()
    if number == int(number):
        return speaks.number(int(number))
    text = speaks.number(number, decimals=1 if abs(number) >= 10 else 2)
    return text.rstrip("0").rstrip(".")


# ------------------------------------------------------------------------------------------- table alternative

class ChartTable(NamedTuple):
    """The table alternative of a chart: one row per x value, one column per series, then notes."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def table_rows(spec: ChartSpec) -> ChartTable:
    """The chart as a table for screen readers: x, each series' value at that x, and notes (pauses, markers).

    Every x that has a point or a marker gets a row (and a pause that covers none gets one at its start), so
    nothing drawn is missing from it.
    """
    words = spec.speaks()
    series_points = [s.clean_points() for s in spec.series]
    markers = [(fx, m) for m in spec.markers if (fx := finite_or_none(m.x)) is not None]
    shaded = []
    for r in spec.shaded:
        start, end = finite_or_none(r.x_start), finite_or_none(r.x_end)
        if start is not None and end is not None:
            shaded.append((min(start, end), max(start, end), r.label))
    xs_set = {x for points in series_points for x, _ in points} | {x for x, _ in markers}
    # A pause that covers no row of its own gets a row at its start, so it is not lost from the table.
    xs_set |= {start for start, end, _ in shaded if not any(start - 1e-9 <= x <= end + 1e-9 for x in xs_set)}
    xs: list[float] = sorted(xs_set)
    unique: list[float] = []
    for x in xs:
        if not unique or not _same(unique[-1], x):
            unique.append(x)

    values: list[dict[int, list[str]]] = [{} for _ in unique]
    for column, points in enumerate(series_points):
        position = 0
        for x, y in points:
            while not _same(unique[position], x):
                position += 1
            text = format_number(y, words)
            if text:
                values[position].setdefault(column, []).append(text)

    headers = (spec.x_label or "x", *(s.name for s in spec.series), words.gettext(NOTES))
    rows = []
    for row_index, x in enumerate(unique):
        notes = [label for start, end, label in shaded if start - 1e-9 <= x <= end + 1e-9]
        notes += [words.gettext(TABLE_MARK).format(kind=words.gettext(MARKER_KIND_NAMES[m.kind]), label=m.label)
                  for mx, m in markers if _same(mx, x)]
        cells = [", ".join(values[row_index].get(column, [])) for column in range(len(spec.series))]
        rows.append((spec.x_text(x) if spec.x_ticks else format_number(x, words), *cells, "; ".join(notes)))
    return ChartTable(headers, tuple(rows))
