"""Where a chart's pieces go, as pure maths (no Qt): the x and y ranges a `ChartSpec` needs, their round ticks and
tick labels, which tick labels fit a width, the legend's rows, the marker lanes above the plot, the key's columns,
point decimation and the outline of each point symbol. `painter.draw_chart` asks this module where things go and
only paints; text is measured by functions the painter passes in (`TextWidth`, `TextHeight`), so the same maths
serves a widget, an image and a PDF page, and can be tested without a display. Boxes here are plain
`(left, top, width, height)` tuples in the target device's coordinates.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nec_companion.charts.model import (
    MARKER_KIND_NAMES,
    MARKER_KINDS,
    ChartSpec,
    Series,
    finite_or_none,
    format_tick,
    nice_ticks,
    tick_step,
)
from nec_companion.core.i18n import N_, Language

# Translators: a series drawn against the secondary scale on the chart's right side.
RIGHT_SCALE = N_("{name} (right scale)")
# Translators: a mark on a chart in its key: where it is (e.g. "Day 15") and what it says.
KEY_LINE = N_("{where}: {label}")

#: (left, top, width, height)
Box = tuple[float, float, float, float]
#: The width of a text in the target's font.
TextWidth = Callable[[str], float]
#: The height of a text wrapped to a width.
TextHeight = Callable[[str, float], float]
Points = list[tuple[float, float | None]]
#: (kind: "series" | "shaded" | "marker", payload: series index or marker kind, text)
LegendItem = tuple[str, object, str]


def clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def decimate(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Keep first, lowest, highest and last point per pixel column: the drawn line looks the same, far faster."""
    out: list[tuple[float, float]] = []
    column = None
    bucket: list[tuple[float, float]] = []

    def flush() -> None:
        if not bucket:
            return
        low = min(bucket, key=lambda pt: pt[1])
        high = max(bucket, key=lambda pt: pt[1])
        chosen = [bucket[0], low, high, bucket[-1]]
        chosen.sort(key=lambda pt: bucket.index(pt))
        for pt in chosen:
            if not out or out[-1] != pt:
                out.append(pt)

    for pt in points:
        col = int(pt[0])
        if col != column:
            flush()
            bucket = []
            column = col
        bucket.append(pt)
    flush()
    return out


def symbol_outline(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    """The corners of a point symbol centred on (x, y) with radius r: a closed polygon for "triangle" and
    "diamond", the two opposite corners for "square", the four ends of the two strokes for "cross" and the
    centre for a circle."""
    if shape == "square":
        return [(x - r * 0.85, y - r * 0.85), (x + r * 0.85, y + r * 0.85)]
    if shape == "triangle":
        return [(x, y - r * 1.1), (x + r * 1.05, y + r * 0.8), (x - r * 1.05, y + r * 0.8), (x, y - r * 1.1)]
    if shape == "diamond":
        return [(x, y - r * 1.15), (x + r * 1.0, y), (x, y + r * 1.15), (x - r * 1.0, y), (x, y - r * 1.15)]
    if shape == "cross":
        return [(x - r, y - r), (x + r, y + r), (x + r, y - r), (x - r, y + r)]
    return [(x, y)]


def breakable(text: str, width: float, advance: TextWidth) -> str:
    """Text whose over-long words (a pasted link, a long drug name) may break, so wrapping never overflows."""
    if advance(text) <= width or width <= 0:
        return text
    words = []
    for word in text.split(" "):
        word_w = advance(word)
        if word_w > width and len(word) > 1:
            chunk = max(1, int(len(word) * width / word_w * 0.9))
            word = "\u200b".join(word[i:i + chunk] for i in range(0, len(word), chunk))
        words.append(word)
    return " ".join(words)


# ------------------------------------------------------------------------------------------------ axes


@dataclass
class Axis:
    """One axis: its shown range, the ticks on it and their labels (in the active language)."""

    low: float
    high: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]

    def fraction(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low)


def x_extent(series: Sequence[tuple[Series, Points]], spec: ChartSpec) -> tuple[float, float, float] | None:
    """(low, high, bar slot width) over series, pauses and markers; None when nothing has an x."""
    xs = [x for s, pts in series for x, y in pts if y is not None]
    xs += [x for m in spec.markers if (x := finite_or_none(m.x)) is not None]
    for r in spec.shaded:
        a, b = finite_or_none(r.x_start), finite_or_none(r.x_end)
        if a is not None and b is not None:
            xs += [a, b]
    if not xs:
        return None
    bar_xs = sorted({x for s, pts in series if s.style == "bars" for x, y in pts if y is not None})
    gaps = [b - a for a, b in itertools.pairwise(bar_xs) if b - a > 0]
    slot = min(gaps) if gaps else 1.0
    low, high = min(xs), max(xs)
    if bar_xs:
        low, high = min(low, bar_xs[0] - slot / 2), max(high, bar_xs[-1] + slot / 2)
    if high - low <= max(abs(low), abs(high)) * 1e-12:
        low, high = low - 1.0, high + 1.0
    return low, high, slot


def value_extent(series: Sequence[tuple[Series, Points]], spec: ChartSpec, axis: str) -> tuple[float, float] | None:
    """The range of the values on the "left" or "right" scale (with the shown guides on the left), or None."""
    values = [y for s, pts in series if s.axis == axis for _, y in pts if y is not None]
    if any(s.style == "bars" for s, _ in series if s.axis == axis) and values:
        values.append(0.0)
    if axis == "left" and values:
        for g in spec.guides:
            if not g.hidden:
                values += [v for v in (finite_or_none(g.y_low), finite_or_none(g.y_high)) if v is not None]
    if not values:
        return None
    low, high = min(values), max(values)
    if high - low <= max(abs(low), abs(high)) * 1e-12:
        # One value: show it in the middle of a range from zero, rather than on an invented scale.
        if low > 0:
            low, high = 0.0, low * 2
        elif low < 0:
            low, high = low * 2, 0.0
        else:
            low, high = 0.0, 1.0
    # A little headroom so the highest (or lowest) point is not drawn on the plot's edge; a bar baseline
    # at zero needs none.
    span = high - low
    if high > 0:
        high += span * 0.03
    if low < 0:
        low -= span * 0.03
    return low, high


def value_axis(extent: tuple[float, float], fixed_low: float | None, fixed_high: float | None,
               max_ticks: int, language: Language | None = None) -> Axis:
    """A value scale over `extent` with round ticks, obeying the spec's fixed limits when they make sense."""
    low, high = extent
    fl, fh = finite_or_none(fixed_low), finite_or_none(fixed_high)
    if fl is not None:
        low = fl
    if fh is not None:
        high = fh
    if not high > low:
        low, high = extent
        fl = fh = None
    ticks = nice_ticks(low, high, max_ticks=max_ticks)
    axis_low = fl if fl is not None else ticks[0]
    axis_high = fh if fh is not None else ticks[-1]
    if not axis_high > axis_low:
        axis_low, axis_high = ticks[0], ticks[-1]
    span = axis_high - axis_low
    shown = tuple(t for t in ticks if axis_low - span * 1e-9 <= t <= axis_high + span * 1e-9)
    step = tick_step(ticks)
    return Axis(axis_low, axis_high, shown, tuple(format_tick(t, step, language) for t in shown))


def widest_value_labels(extent: tuple[float, float] | None, fixed: tuple[float | None, float | None],
                        width: TextWidth, language: Language | None = None) -> float:
    """The widest tick label any tick count could give this scale (the margin it needs)."""
    if extent is None:
        return 0.0
    widest = 0.0
    for count in range(3, 9):
        axis = value_axis(extent, fixed[0], fixed[1], count, language)
        widest = max([widest, *(width(label) for label in axis.labels)])
    return widest


def x_labels_fit(xs: list[float], labels: list[str], low: float, high: float, plot_width: float, gap: float,
                 width: TextWidth) -> bool:
    span = high - low
    positions = [(x - low) / span * plot_width for x in xs]
    for i in range(1, len(xs)):
        needed = (width(labels[i - 1]) + width(labels[i])) / 2 + gap
        if positions[i] - positions[i - 1] < needed:
            return False
    return True


def x_axis(spec: ChartSpec, low: float, high: float, minimum: float, plot_width: float, gap: float,
           width: TextWidth) -> Axis:
    """Round x ticks that fit the width without their labels touching; fixed ticks are thinned to fit."""
    fx_low, fx_high = finite_or_none(spec.x_min), finite_or_none(spec.x_max)
    if fx_low is not None and fx_high is not None and not fx_high > fx_low:
        fx_low = fx_high = None  # impossible limits are ignored, not obeyed
    low, high = (fx_low if fx_low is not None else low), (fx_high if fx_high is not None else high)
    if not high > low:
        low, high = low - 1.0, low + 1.0
        fx_low = fx_high = None
    if spec.x_ticks:
        fixed = [(x, str(label)) for raw, label in spec.x_ticks
                 if (x := finite_or_none(raw)) is not None and low - 1e-9 <= x <= high + 1e-9]
        fixed.sort()
        chosen = fixed
        for stride in range(1, max(2, len(fixed) + 1)):
            chosen = fixed[::stride]
            if x_labels_fit([x for x, _ in chosen], [t for _, t in chosen], low, high, plot_width, gap, width):
                break
        return Axis(low, high, tuple(x for x, _ in chosen), tuple(t for _, t in chosen))
    axis = None
    for count in range(8, 2, -1):
        ticks = nice_ticks(low, high, max_ticks=count)
        # End the axis on a round tick when that adds little; otherwise at the data (180 days is not 200).
        near = (high - low) * 0.08
        axis_low = fx_low if fx_low is not None else ticks[0] if low - ticks[0] <= near else low
        axis_high = fx_high if fx_high is not None else ticks[-1] if ticks[-1] - high <= near else high
        # Do not invent negative days: when the data start at or after zero, the axis does too.
        if minimum >= 0 > axis_low and fx_low is None:
            axis_low = low
        if not axis_high > axis_low:
            axis_low, axis_high = low, high
        span = axis_high - axis_low
        shown = tuple(t for t in ticks if axis_low - span * 1e-9 <= t <= axis_high + span * 1e-9)
        step = tick_step(ticks)
        axis = Axis(axis_low, axis_high, shown, tuple(format_tick(t, step, spec.speaks()) for t in shown))
        if x_labels_fit(list(axis.ticks), list(axis.labels), axis_low, axis_high, plot_width, gap, width):
            break
    assert axis is not None
    return axis


def axis_titles(spec: ChartSpec, width: float, has_right: bool, em: float, text_width: TextWidth,
                wrapped_height: TextHeight) -> list[tuple[str, str, str, float]]:
    """(role, text, "left" | "right", height): both axis titles on one line when they fit, else one line each."""
    items = []
    if spec.y_label:
        items.append(("y-label", spec.y_label, "left"))
    if has_right and spec.y2_label:
        items.append(("y2-label", spec.y2_label, "right"))
    if len(items) == 2 and text_width(items[0][1]) + text_width(items[1][1]) + em * 2 <= width:
        # Same line: the first takes no height of its own, so both are drawn at the same top.
        return [(items[0][0], items[0][1], items[0][2], 0.0), (items[1][0], items[1][1], items[1][2], em)]
    return [(role, text, side, wrapped_height(text, width)) for role, text, side in items]


# ------------------------------------------------------------------------------------------------ data


def shaded_spans(spec: ChartSpec, sx: Callable[[float], float], left: float, right: float, least: float
                 ) -> list[tuple[float, float, str]]:
    """(x0, x1, label) of each pause within the plot's [left, right]; a pause within one day still gets a band
    2 × `least` wide."""
    spans = []
    for r in spec.shaded:
        a, b = finite_or_none(r.x_start), finite_or_none(r.x_end)
        if a is None or b is None:
            continue
        x0, x1 = sorted((sx(a), sx(b)))
        x0, x1 = max(x0, left), min(x1, right)
        if x1 - x0 < 2 * least:
            middle = (x0 + x1) / 2
            x0, x1 = middle - least, middle + least
        if x1 > left and x0 < right:
            spans.append((x0, x1, r.label))
    return spans


def guide_spans(spec: ChartSpec, sy: Callable[[float], float], top: float, bottom: float
                ) -> list[tuple[float, float, str]]:
    """(top, bottom, label) of each shown guide that reaches the plot between `top` and `bottom`."""
    out = []
    for g in spec.guides:
        lo, hi = finite_or_none(g.y_low), finite_or_none(g.y_high)
        if g.hidden or lo is None or hi is None:
            continue
        upper, lower = sorted((sy(max(lo, hi)), sy(min(lo, hi))))
        if lower >= top - 0.5 and upper <= bottom + 0.5:
            out.append((upper, lower, g.label))
    return out


def segment_boxes(run: list[tuple[float, float]]) -> list[Box]:
    """Boxes around a polyline for label placement: one per segment, coarser for long runs."""
    boxes = []
    chunk = 2 if len(run) <= 500 else len(run) // 250 + 2
    for start in range(0, len(run) - 1, chunk - 1):
        part = run[start:start + chunk]
        xs, ys = [x for x, _y in part], [y for _x, y in part]
        boxes.append((min(xs) - 2, min(ys) - 2, max(max(xs) - min(xs), 1.0) + 4, max(max(ys) - min(ys), 1.0) + 4))
    return boxes


def data_boxes(series: Sequence[tuple[Series, Points]], plot: Box, sx: Callable[[float], float],
               sy: Callable[[float], float], sy2: Callable[[float], float], slot_px: float, r: float) -> list[Box]:
    """Rough boxes around where the data will be drawn (points of radius `r`, bars in slots `slot_px` wide), so
    labels can be put where they hide nothing."""
    boxes: list[Box] = []
    _left, top, width, height = plot
    half_bar = clamp(slot_px * 0.38, 0.5, width / 6)
    base = clamp(sy(0.0), top, top + height)
    for one, points in series:
        to_y = sy2 if one.axis == "right" else sy
        if one.style == "line":
            runs: list[list[tuple[float, float]]] = [[]]
            for x, y in points:
                if y is None:
                    runs.append([])
                else:
                    runs[-1].append((sx(x), to_y(y)))
            for run in runs:
                boxes += segment_boxes(run) if len(run) > 1 else [(px - r, py - r, 2 * r, 2 * r) for px, py in run]
            continue
        for x, y in points:
            if y is None:
                continue
            px, py = sx(x), to_y(y)
            if one.style == "bars":
                boxes.append((px - half_bar, min(py, base), 2 * half_bar, abs(base - py)))
            else:
                boxes.append((px - r, py - r, 2 * r, 2 * r))
    return boxes


# ------------------------------------------------------------------------------------------------ legend


def legend_items(spec: ChartSpec, series: Sequence[tuple[Series, Points]]) -> list[LegendItem]:
    """The legend's entries in order: each series, each named pause, each kind of marker shown."""
    items: list[LegendItem] = []
    words = spec.speaks()
    for index, (one, _points) in enumerate(series):
        name = words.gettext(RIGHT_SCALE).format(name=one.name) if one.axis == "right" else one.name
        items.append(("series", index, name))
    seen = set()
    for r in spec.shaded:
        if r.label and r.label not in seen:
            seen.add(r.label)
            items.append(("shaded", None, r.label))
    kinds = {m.kind for m in spec.markers if finite_or_none(m.x) is not None}
    for kind in MARKER_KINDS:
        if kind in kinds:
            items.append(("marker", kind, words.gettext(MARKER_KIND_NAMES[kind])))
    return items


def flow_legend(items: list[LegendItem], width: float, em: float, text_width: TextWidth
                ) -> list[list[tuple[str, object, str, float]]]:
    """The legend's entries flowed into rows that fit `width`; each entry with its own width."""
    swatch, gap = em * 1.8, em * 1.1
    rows: list[list[tuple[str, object, str, float]]] = []
    x = 0.0
    for kind, payload, text in items:
        w = min(width, swatch + em * 0.35 + text_width(text))
        if rows and x + w <= width:
            rows[-1].append((kind, payload, text, w))
            x += w + gap
        else:
            rows.append([(kind, payload, text, w)])
            x = w + gap
    return rows


# ------------------------------------------------------------------------------------------------ markers


@dataclass
class PlacedMarker:
    """A marker placed in the lane above the plot."""

    number: int
    x_px: float
    kind: str
    label: str
    x_value: float
    lane: int = 0
    text_left: bool = False


@dataclass
class MarkerPlan:
    """Where the markers went: the placed marks, how many lanes they use, and whether they are numbered (with a
    key under the chart) or, when space is short, bare symbols in one row (`compact`)."""

    placed: list[PlacedMarker]
    lanes: int
    numbered: bool
    compact: bool = False


def place_markers(spec: ChartSpec, sx: Callable[[float], float], axis: Axis, plot_left: float, plot_right: float,
                  limit_left: float, limit_right: float, em: float, text_width: TextWidth) -> MarkerPlan:
    """Label markers in up to two lanes above the plot; when that would crowd, number them instead."""
    markers = []
    for marker in spec.markers:
        x = finite_or_none(marker.x)
        if x is not None and axis.low - 1e-9 <= x <= axis.high + 1e-9:
            markers.append((x, marker))
    markers.sort(key=lambda item: item[0])
    if not markers:
        return MarkerPlan([], 0, False)
    placed = [PlacedMarker(i + 1, clamp(sx(x), plot_left, plot_right), m.kind, m.label, x)
              for i, (x, m) in enumerate(markers)]
    symbol_w = em * 0.8

    def assign(extent: Callable[[PlacedMarker], tuple[float, float]], max_lanes: int) -> int | None:
        ends: list[float] = []
        for m in placed:
            a, b = extent(m)
            for lane, end in enumerate(ends):
                if a >= end:
                    m.lane, ends[lane] = lane, b + em * 0.5
                    break
            else:
                if len(ends) >= max_lanes:
                    return None
                m.lane = len(ends)
                ends.append(b + em * 0.5)
        return len(ends)

    def labelled(m: PlacedMarker) -> tuple[float, float]:
        w = text_width(m.label)
        m.text_left = m.x_px + symbol_w / 2 + em * 0.25 + w > limit_right
        if m.text_left:
            return m.x_px - symbol_w / 2 - em * 0.25 - w, m.x_px + symbol_w / 2
        return m.x_px - symbol_w / 2, m.x_px + symbol_w / 2 + em * 0.25 + w

    lanes = assign(labelled, 2)
    if lanes is not None and all(labelled(m)[0] >= limit_left for m in placed):
        return MarkerPlan(placed, lanes, False)
    for m in placed:
        m.text_left = False

    def numbered(m: PlacedMarker) -> tuple[float, float]:
        return m.x_px - symbol_w / 2, m.x_px + symbol_w / 2 + em * 0.1 + text_width(str(m.number))

    lanes = assign(numbered, 3)
    if lanes is None:
        # Too many marks on too few days for readable numbers: bare symbols in one row, and the key names
        # each one by its day instead.
        for m in placed:
            m.lane, m.number = 0, -1
        return MarkerPlan(placed, 1, True, compact=True)
    return MarkerPlan(placed, lanes, True)


def key_text(spec: ChartSpec, m: PlacedMarker) -> str:
    """A marker's line in the key and its tooltip: "Day 15: Swollen belly noticed"."""
    where = spec.x_text(m.x_value)
    return spec.speaks().gettext(KEY_LINE).format(where=where, label=m.label) if where else m.label


def layout_key(entries: list[tuple[int, str, str]], width: float, em: float, text_width: TextWidth,
               wrapped_height: TextHeight) -> tuple[list[tuple[Box, int, str, str]], float]:
    """Key entries (number, kind, text) in columns (reading down, then across), each wrapped to its column;
    returns their boxes relative to the key's top left, and the key's height."""
    if not entries:
        return [], 0.0
    lead = em * 1.0 + (text_width(f"{len(entries)}") if entries[0][0] > 0 else 0.0) + em * 0.35
    gap = em * 1.2
    best: tuple[float, list[tuple[Box, int, str, str]]] | None = None
    for columns in range(1, min(4, len(entries)) + 1):
        column_w = (width - gap * (columns - 1)) / columns
        if column_w - lead < em * 6:
            break
        per_column = math.ceil(len(entries) / columns)
        heights = [0.0] * per_column
        cells = []
        for i, (number, kind, text) in enumerate(entries):
            column, row = divmod(i, per_column)
            heights[row] = max(heights[row], em, wrapped_height(text, column_w - lead))
            cells.append((column, row, number, kind, text))
        tops = [sum(heights[:r]) + r * em * 0.15 for r in range(per_column)]
        total = tops[-1] + heights[-1]
        # Shortest key wins; one more column must save at least a line to be worth the zig-zag reading.
        if best is None or total < best[0] - em * 0.5:
            best = (total, [((column * (column_w + gap), tops[row], column_w, heights[row]), number, kind, text)
                            for column, row, number, kind, text in cells])
    if best is None:
        return [], 0.0
    return best[1], best[0]


__all__ = [
    "Axis",
    "Box",
    "MarkerPlan",
    "PlacedMarker",
    "axis_titles",
    "breakable",
    "clamp",
    "data_boxes",
    "decimate",
    "flow_legend",
    "guide_spans",
    "key_text",
    "layout_key",
    "legend_items",
    "place_markers",
    "segment_boxes",
    "shaded_spans",
    "symbol_outline",
    "value_axis",
    "value_extent",
    "widest_value_labels",
    "x_axis",
    "x_extent",
    "x_labels_fit",
]
