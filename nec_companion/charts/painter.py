"""Draws a `ChartSpec` with QPainter: the one drawing path for the screen, images, PDF pages and printers.

Sizes come from the font's metrics on the target device (so 200 % text gets 200 % margins) and pen widths
from the device's resolution (so a 300 dpi PDF looks like the screen). In monochrome, series differ by dash
pattern and point shape and pauses by hatching, so a black-and-white printout reads like the colour chart.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from nec_companion.charts import palette
from nec_companion.charts.model import (
    MARKER_KIND_NAMES,
    MARKER_KINDS,
    ChartSpec,
    finite_or_none,
    format_tick,
    line_runs,
    nice_ticks,
    tick_step,
)

EMPTY_MESSAGE = "No data yet"
KEY_IN_TABLE = "Each mark above the chart is listed in the table."
#: Screen pixels per inch that pen widths are designed for; other devices scale from it.
DESIGN_DPI = 96.0
#: Mapped coordinates are kept within this many pixels of the plot: QPainter misbehaves far outside.
_COORD_LIMIT = 1e5

# ------------------------------------------------------------------------------------------------ colours


@dataclass(frozen=True)
class _Colours:
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


COLOUR = _Colours(
    background="#ffffff", ink=palette.INK, muted=palette.MUTED, axis="#7d8f98", grid="#e3e9ec",
    shade_fill=palette.PANEL, shade_hatch="#66808c", guide_line="#5f8ea2", guide_fill="#e9f2f5",
    marker_line="#c5d1d7",
    # Calm and told apart by lightness as well as hue; no red anywhere.
    series=(palette.ACCENT, "#a35a1c", "#4d7a37", "#6a4f96", "#2f7f86"),
    dashed_series=palette.MUTED,
    bar_fills=("#7fb2c6", "#e0b48a", "#a9c79a", "#b9a9d6", "#8fc7cc"),
    markers={"plan": (palette.ACCENT, palette.ACCENT), "event": ("#ffffff", palette.MUTED),
             "warning": ("#e8b04b", palette.WARN_INK)},
)
MONOCHROME = _Colours(
    background="#ffffff", ink="#1a1a1a", muted="#444444", axis="#666666", grid="#dddddd",
    shade_fill="#f3f3f3", shade_hatch="#767676", guide_line="#6e6e6e", guide_fill="#f1f1f1",
    marker_line="#bdbdbd",
    series=("#1a1a1a",), dashed_series="#555555",
    bar_fills=("#a8a8a8", "#ffffff", "#d6d6d6", "#7a7a7a", "#ececec"),
    markers={"plan": ("#333333", "#1a1a1a"), "event": ("#ffffff", "#1a1a1a"), "warning": ("#ffffff", "#1a1a1a")},
)

#: Dash patterns (in pen widths) that tell monochrome lines apart; None is solid.
_MONO_PATTERNS: tuple[tuple[float, ...] | None, ...] = (None, (1.0, 1.6), (5.0, 2.0, 1.0, 2.0), (2.5, 1.5))
_DASHED = (4.0, 2.5)
_SHAPES = ("circle", "square", "triangle", "diamond", "cross")
#: Marker kinds keep their own shapes everywhere: plan = diamond, event = circle, warning = triangle.
_MARKER_SHAPES = {"plan": "diamond", "event": "circle", "warning": "triangle"}


@dataclass
class _Look:
    colour: QColor
    pattern: tuple[float, ...] | None
    shape: str
    bar_fill: QColor
    bar_hatched: bool


@dataclass
class ChartLayout:
    """Where draw_chart put things (device coordinates): for tests, hit-testing and export checks."""

    rect: QRectF
    plot: QRectF = field(default_factory=QRectF)
    empty: bool = True
    markers_numbered: bool = False
    #: Space was short: marks are bare symbols in one row and the key is one line pointing at the table.
    markers_compact: bool = False
    #: (role, text, bounding rect) for every piece of text drawn; roles: title, legend, x-tick, y-tick,
    #: y2-tick, x-label, y-label, y2-label, marker-label, marker-number, key, shaded-label, guide-label, note,
    #: message.
    texts: list[tuple[str, str, QRectF]] = field(default_factory=list)
    x_axis: tuple[float, float] = (0.0, 1.0)
    y_axis: tuple[float, float] = (0.0, 1.0)
    #: Each marker's symbol and its full text ("Day 15: Swollen belly noticed"), for tooltips.
    marks: list[tuple[QRectF, str]] = field(default_factory=list)

    def rects(self, *roles: str) -> list[QRectF]:
        return [r for role, _, r in self.texts if role in roles]

    def strings(self, *roles: str) -> list[str]:
        return [t for role, t, _ in self.texts if not roles or role in roles]


def draw_chart(painter: QPainter, rect: QRectF, spec: ChartSpec, *, font: QFont,
               monochrome: bool = False) -> ChartLayout:
    """Draw `spec` into `rect` with `painter` (widget, QImage, QPdfWriter or QPrinter) and say where things went.

    Never raises for odd data: gaps, NaN, huge or negative values, zero-width ranges and tiny rects all draw
    something sensible. The painter's state is restored afterwards.
    """
    rect = QRectF(rect)
    layout = ChartLayout(rect=rect)
    if not painter.isActive() or not (rect.width() >= 8 and rect.height() >= 8):
        return layout
    painter.save()
    try:
        _ChartDrawing(painter, rect, spec, font, monochrome, layout).draw()
    finally:
        painter.restore()
    return layout


# ------------------------------------------------------------------------------------------------ helpers


def _scaled_font(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if bold:
        scaled.setWeight(QFont.Weight.DemiBold)
    return scaled


def _clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def _decimate(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
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


def _symbol_path(shape: str, centre: QPointF, radius: float) -> QPainterPath:
    path = QPainterPath()
    x, y, r = centre.x(), centre.y(), radius
    if shape == "square":
        path.addRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7))
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(x, y - r * 1.1), QPointF(x + r * 1.05, y + r * 0.8),
                                   QPointF(x - r * 1.05, y + r * 0.8), QPointF(x, y - r * 1.1)]))
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(x, y - r * 1.15), QPointF(x + r * 1.0, y), QPointF(x, y + r * 1.15),
                                   QPointF(x - r * 1.0, y), QPointF(x, y - r * 1.15)]))
    elif shape == "cross":
        path.moveTo(x - r, y - r)
        path.lineTo(x + r, y + r)
        path.moveTo(x + r, y - r)
        path.lineTo(x - r, y + r)
    else:
        path.addEllipse(centre, r, r)
    return path


@dataclass
class _Axis:
    low: float
    high: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]

    def fraction(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low)


@dataclass
class _Placed:
    """A marker placed in the lane above the plot."""

    number: int
    x_px: float
    kind: str
    label: str
    x_value: float
    lane: int = 0
    text_left: bool = False


class _ChartDrawing:
    """One draw_chart call: measures, lays out, then paints back to front."""

    def __init__(self, painter: QPainter, rect: QRectF, spec: ChartSpec, font: QFont, monochrome: bool,
                 layout: ChartLayout) -> None:
        self.p = painter
        self.rect = rect
        self.spec = spec
        self.mono = monochrome
        self.layout = layout
        self.c = MONOCHROME if monochrome else COLOUR
        self.font = QFont(font)
        if monochrome:  # sub-pixel text would put coloured fringes on a black-and-white page
            self.font.setStyleStrategy(QFont.StyleStrategy.NoSubpixelAntialias)
        self.title_font = _scaled_font(self.font, 1.15, bold=True)
        device = painter.device()
        self.fm = QFontMetricsF(self.font, device)
        self.title_fm = QFontMetricsF(self.title_font, device)
        dpi = device.logicalDpiY() if device is not None else DESIGN_DPI
        self.u = _clamp(dpi / DESIGN_DPI, 0.25, 50.0)  # one design pixel on this device
        self.em = self.fm.height()
        self.pad = self.em * 0.6
        self._pens: dict[tuple[object, ...], QPen] = {}
        self.series = [(s, s.clean_points()) for s in spec.series]
        self.looks = self._resolve_looks()

    # ------------------------------------------------------------------------------------------ primitives

    def colour(self, name: str, alpha: int = 255) -> QColor:
        colour = QColor(name)
        colour.setAlpha(alpha)
        return colour

    def pen(self, name: str | QColor, width: float, pattern: Sequence[float] | None = None,
            cap: Qt.PenCapStyle = Qt.PenCapStyle.RoundCap) -> QPen:
        key = (name if isinstance(name, str) else name.rgba(), width, tuple(pattern or ()), cap)
        cached = self._pens.get(key)
        if cached is not None:
            return cached
        pen = QPen(QColor(name) if isinstance(name, str) else name)
        pen.setWidthF(width * self.u)
        pen.setCapStyle(cap if pattern is None else Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if pattern:
            pen.setDashPattern(list(pattern))
        self._pens[key] = pen
        return pen

    def text(self, role: str, rect: QRectF, flags: int, text: str, *, font: QFont | None = None,
             colour: str | None = None) -> QRectF:
        font = font or self.font
        self.p.setFont(font)
        self.p.setPen(QColor(colour or self.c.ink))
        shown = text
        if flags & int(Qt.TextFlag.TextWordWrap):
            shown = self._breakable(text, rect.width(), self.title_fm if font is self.title_font else self.fm)
        bounds = self.p.boundingRect(rect, flags, shown)
        self.p.drawText(rect, flags, shown)
        self.layout.texts.append((role, text, bounds))
        return bounds

    @staticmethod
    def _breakable(text: str, width: float, fm: QFontMetricsF) -> str:
        """Text whose over-long words (a pasted link, a long drug name) may break, so wrapping never overflows."""
        if fm.horizontalAdvance(text) <= width or width <= 0:
            return text
        words = []
        for word in text.split(" "):
            word_w = fm.horizontalAdvance(word)
            if word_w > width and len(word) > 1:
                chunk = max(1, int(len(word) * width / word_w * 0.9))
                word = "\u200b".join(word[i:i + chunk] for i in range(0, len(word), chunk))
            words.append(word)
        return " ".join(words)

    def width(self, text: str, fm: QFontMetricsF | None = None) -> float:
        return (fm or self.fm).horizontalAdvance(text)

    def wrapped_height(self, text: str, width: float, fm: QFontMetricsF | None = None) -> float:
        if not text:
            return 0.0
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        fm = fm or self.fm
        text = self._breakable(text, width, fm)
        return fm.boundingRect(QRectF(0, 0, max(width, 1.0), 1e6), flags, text).height()

    # ------------------------------------------------------------------------------------------ styling

    def _resolve_looks(self) -> list[_Look]:
        looks = []
        solid_index = bar_index = 0
        for index, (series, _) in enumerate(self.series):
            if series.dashed:
                colour = QColor(self.c.dashed_series)
                pattern: tuple[float, ...] | None = _DASHED
            else:
                colour = QColor(self.c.series[solid_index % len(self.c.series)])
                pattern = _MONO_PATTERNS[solid_index % len(_MONO_PATTERNS)] if self.mono else None
                solid_index += 1
            bar_fill = QColor(self.c.bar_fills[bar_index % len(self.c.bar_fills)])
            hatched = self.mono and bar_index % 2 == 1
            if series.style == "bars":
                bar_index += 1
            looks.append(_Look(colour, pattern, _SHAPES[index % len(_SHAPES)], bar_fill, hatched))
        return looks

    # ------------------------------------------------------------------------------------------ ranges

    def _x_extent(self) -> tuple[float, float, float] | None:
        """(low, high, bar slot width) over series, pauses and markers; None when nothing has an x."""
        xs = [x for s, pts in self.series for x, y in pts if y is not None]
        xs += [x for m in self.spec.markers if (x := finite_or_none(m.x)) is not None]
        for r in self.spec.shaded:
            a, b = finite_or_none(r.x_start), finite_or_none(r.x_end)
            if a is not None and b is not None:
                xs += [a, b]
        if not xs:
            return None
        bar_xs = sorted({x for s, pts in self.series if s.style == "bars" for x, y in pts if y is not None})
        gaps = [b - a for a, b in itertools.pairwise(bar_xs) if b - a > 0]
        slot = min(gaps) if gaps else 1.0
        low, high = min(xs), max(xs)
        if bar_xs:
            low, high = min(low, bar_xs[0] - slot / 2), max(high, bar_xs[-1] + slot / 2)
        if high - low <= max(abs(low), abs(high)) * 1e-12:
            low, high = low - 1.0, high + 1.0
        return low, high, slot

    def _value_extent(self, axis: str) -> tuple[float, float] | None:
        values = [y for s, pts in self.series if s.axis == axis for _, y in pts if y is not None]
        if any(s.style == "bars" for s, _ in self.series if s.axis == axis) and values:
            values.append(0.0)
        if axis == "left" and values:
            for g in self.spec.guides:
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

    def _value_axis(self, extent: tuple[float, float], fixed_low: float | None, fixed_high: float | None,
                    max_ticks: int) -> _Axis:
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
        return _Axis(axis_low, axis_high, shown, tuple(format_tick(t, step) for t in shown))

    def _widest_value_labels(self, extent: tuple[float, float] | None, fixed: tuple[float | None, float | None]
                             ) -> float:
        if extent is None:
            return 0.0
        widest = 0.0
        for count in range(3, 9):
            axis = self._value_axis(extent, fixed[0], fixed[1], count)
            widest = max([widest, *(self.width(label) for label in axis.labels)])
        return widest

    def _x_axis(self, low: float, high: float, minimum: float, plot_width: float) -> _Axis:
        """Round x ticks that fit the width without their labels touching; fixed ticks are thinned to fit."""
        gap = self.em * 0.8
        fx_low, fx_high = finite_or_none(self.spec.x_min), finite_or_none(self.spec.x_max)
        if fx_low is not None and fx_high is not None and not fx_high > fx_low:
            fx_low = fx_high = None  # impossible limits are ignored, not obeyed
        low, high = (fx_low if fx_low is not None else low), (fx_high if fx_high is not None else high)
        if not high > low:
            low, high = low - 1.0, low + 1.0
            fx_low = fx_high = None
        if self.spec.x_ticks:
            fixed = [(x, str(label)) for raw, label in self.spec.x_ticks
                     if (x := finite_or_none(raw)) is not None and low - 1e-9 <= x <= high + 1e-9]
            fixed.sort()
            for stride in range(1, max(2, len(fixed) + 1)):
                chosen = fixed[::stride]
                if self._x_labels_fit([x for x, _ in chosen], [t for _, t in chosen], low, high, plot_width, gap):
                    break
            return _Axis(low, high, tuple(x for x, _ in chosen), tuple(t for _, t in chosen))
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
            axis = _Axis(axis_low, axis_high, shown, tuple(format_tick(t, step) for t in shown))
            if self._x_labels_fit(list(axis.ticks), list(axis.labels), axis_low, axis_high, plot_width, gap):
                break
        assert axis is not None
        return axis

    def _x_labels_fit(self, xs: list[float], labels: list[str], low: float, high: float, plot_width: float,
                      gap: float) -> bool:
        span = high - low
        positions = [(x - low) / span * plot_width for x in xs]
        for i in range(1, len(xs)):
            needed = (self.width(labels[i - 1]) + self.width(labels[i])) / 2 + gap
            if positions[i] - positions[i - 1] < needed:
                return False
        return True

    # ------------------------------------------------------------------------------------------ layout + paint

    def draw(self) -> None:
        p, c, rect, em = self.p, self.c, self.rect, self.em
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        p.fillRect(rect, QColor(c.background))
        left, right = rect.left() + self.pad, rect.right() - self.pad
        width = right - left
        top = rect.top() + self.pad * 0.8
        title_flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        if self.spec.title:
            title = self.spec.title
            title_h = self.wrapped_height(title, width, self.title_fm)
            if title_h > (rect.height() - 2 * self.pad) * 0.4:  # a long title in a small chart: one line, elided
                title = self.title_fm.elidedText(title, Qt.TextElideMode.ElideRight, width)
                title_h = self.title_fm.height()
            if title_h <= rect.bottom() - self.pad * 0.5 - top:
                self.text("title", QRectF(left, top, width, title_h), title_flags, title, font=self.title_font)
            top += title_h + em * 0.35

        x_extent = self._x_extent()
        has_data = any(y is not None for _, points in self.series for _, y in points)
        if not has_data or x_extent is None:
            self._draw_message(QRectF(left, top, width, rect.bottom() - self.pad - top))
            return
        self.layout.empty = False

        legend = self._legend_items()
        legend_rows = self._flow_legend(legend, width)
        legend_h = len(legend_rows) * em * 1.2
        legend_top = top
        top += legend_h + (em * 0.4 if legend_rows else 0.0)

        # Horizontal margins from the widest tick label any tick count could produce.
        left_extent = self._value_extent("left")
        right_extent = self._value_extent("right")
        tick_len = em * 0.3
        y_tick_w = self._widest_value_labels(left_extent, (self.spec.y_min, self.spec.y_max))
        plot_left = left + y_tick_w + tick_len + em * 0.25
        if right_extent is not None:
            y2_tick_w = self._widest_value_labels(right_extent, (self.spec.y2_min, self.spec.y2_max))
            plot_right = right - y2_tick_w - tick_len - em * 0.25
        else:
            plot_right = right - em * 1.2  # room for half of the last x tick label
        plot_w = plot_right - plot_left
        if plot_w < em * 2:
            self._draw_message(QRectF(left, top, width, rect.bottom() - self.pad - top), "Too small to draw")
            self.layout.empty = True
            return

        # Axis titles read across, above their axes: easier than sideways text, and never cut short.
        titles = self._axis_titles(width, right_extent is not None)
        titles_top = top
        top += sum(h for _, _, _, h in titles) + (em * 0.2 if titles else 0.0)

        x_low, x_high, slot = x_extent
        minimum_x = min([x for _, pts in self.series for x, y in pts if y is not None] or [x_low])
        x_axis = self._x_axis(x_low, x_high, minimum_x, plot_w)
        if not math.isfinite(x_axis.high - x_axis.low):  # spans near the float limit: fall back to the data
            x_axis = _Axis(x_low, x_high, (), ())

        def sx(x: float) -> float:
            return _clamp(plot_left + x_axis.fraction(x) * plot_w, plot_left - _COORD_LIMIT, plot_right + _COORD_LIMIT)

        # Markers above the plot, then the key and note below it, fix the plot's height.
        placed, lanes, numbered = self._place_markers(sx, x_axis, plot_left, plot_right)
        self.layout.markers_numbered = numbered
        lane_h = em * 1.05
        markers_h = lanes * lane_h + (em * 0.2 if lanes else 0.0)
        key_entries = [(m.number, m.kind, self._key_text(m)) for m in placed] if numbered else []
        key_layout, key_h = self._layout_key(key_entries, width)
        note = self.spec.note
        note_h = self.wrapped_height(note, width) if note else 0.0
        bottom = rect.bottom() - self.pad * 0.8
        axis_below = em * 0.55 + em * 1.1 + (em * 1.1 if self.spec.x_label else 0.0)
        # When space is short, give the plot room first: drop the caption, then replace the key by one line
        # and the numbered marks by bare symbols in one row (the table alternative lists every marker anyway).
        comfortable = max(em * 4, rect.height() * 0.3)
        for step in range(3):
            if step == 1:
                note, note_h = "", 0.0
            elif step == 2 and key_entries:
                key_entries = [(0, "", KEY_IN_TABLE)]
                key_h = self.wrapped_height(KEY_IN_TABLE, width)
                key_layout = [(QRectF(0, 0, width, key_h), 0, "", KEY_IN_TABLE)]
                self.layout.markers_compact = True
                for m in placed:
                    m.lane = 0
                markers_h = lane_h + em * 0.2
            plot_top = top + markers_h + em * 0.55  # room for half of the top y tick label
            below = axis_below + (em * 0.5 + key_h if key_h else 0.0) + (em * 0.4 + note_h if note_h else 0.0)
            plot_h = bottom - below - plot_top
            if plot_h >= comfortable:
                break
        if plot_h < em * 2.5:
            self._draw_message(QRectF(left, top, width, rect.bottom() - self.pad - top), "Too small to draw")
            self.layout.empty = True
            return
        plot = QRectF(plot_left, plot_top, plot_w, plot_h)
        self.layout.plot = plot
        self.layout.x_axis = (x_axis.low, x_axis.high)

        max_y_ticks = int(_clamp(plot_h / (em * 1.7) + 1, 3, 8))
        y_axis = self._value_axis(left_extent or (0.0, 1.0), self.spec.y_min, self.spec.y_max, max_y_ticks)
        self.layout.y_axis = (y_axis.low, y_axis.high)
        y2_axis = (self._value_axis(right_extent, self.spec.y2_min, self.spec.y2_max, max_y_ticks)
                   if right_extent is not None else None)

        def make_sy(axis: _Axis) -> Callable[[float], float]:
            def sy(y: float) -> float:
                return _clamp(plot.bottom() - axis.fraction(y) * plot_h, plot.top() - _COORD_LIMIT,
                              plot.bottom() + _COORD_LIMIT)
            return sy

        sy = make_sy(y_axis)
        sy2 = make_sy(y2_axis) if y2_axis is not None else sy

        # Back to front; labels inside the plot go under the data so they never hide a value.
        self._draw_legend(legend_rows, left, legend_top)
        self._draw_axis_titles(titles, left, right, titles_top)
        self._draw_shaded(plot, sx)
        self._draw_grid(plot, x_axis, y_axis, sx, sy)
        self._draw_guides(plot, sy)
        slot_px = abs(sx(x_axis.low + slot) - sx(x_axis.low))
        data_boxes = self._data_boxes(plot, sx, sy, sy2, slot_px)
        self._label_shaded(plot, sx, data_boxes)
        self._label_guides(plot, sy, data_boxes)
        for m in placed:
            p.setPen(self.pen(c.marker_line, 1.0, (2.0, 3.0)))
            p.drawLine(QLineF(m.x_px, plot.top(), m.x_px, plot.bottom()))
        p.setPen(self.pen(c.axis, 1.0, cap=Qt.PenCapStyle.FlatCap))
        p.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
        p.drawLine(QLineF(plot.left(), plot.top(), plot.left(), plot.bottom()))
        if y2_axis is not None:
            p.drawLine(QLineF(plot.right(), plot.top(), plot.right(), plot.bottom()))
        self._draw_series(plot, sx, sy, sy2, slot_px)
        self._draw_ticks(plot, x_axis, y_axis, y2_axis, sx, sy, sy2, tick_len)
        self._draw_markers(placed, plot, lane_h, top)
        y = plot.bottom() + em * 0.55 + em * 1.1 + (em * 1.1 if self.spec.x_label else 0.0)
        if key_h:
            self._draw_key(key_layout, left, y + em * 0.5)
            y += em * 0.5 + key_h
        if note_h:
            flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
            self.text("note", QRectF(left, y + em * 0.4, width, note_h), flags, note, colour=c.muted)

    def _draw_message(self, area: QRectF, message: str = EMPTY_MESSAGE) -> None:
        if area.height() < self.em or area.width() < self.em:
            return
        frame = area
        self.p.setPen(self.pen(self.c.grid, 1.0, (3.0, 3.0)))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRoundedRect(frame, self.em * 0.4, self.em * 0.4)
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        self.text("message", frame, flags, message, colour=self.c.muted)

    # ------------------------------------------------------------------------------------------ legend

    def _legend_items(self) -> list[tuple[str, object, str]]:
        items: list[tuple[str, object, str]] = []
        for index, (series, _) in enumerate(self.series):
            name = series.name + (" (right scale)" if series.axis == "right" else "")
            items.append(("series", index, name))
        seen = set()
        for r in self.spec.shaded:
            if r.label and r.label not in seen:
                seen.add(r.label)
                items.append(("shaded", None, r.label))
        kinds = {m.kind for m in self.spec.markers if finite_or_none(m.x) is not None}
        for kind in MARKER_KINDS:
            if kind in kinds:
                items.append(("marker", kind, MARKER_KIND_NAMES[kind]))
        return items

    def _flow_legend(self, items: list[tuple[str, object, str]], width: float
                     ) -> list[list[tuple[str, object, str, float]]]:
        swatch, gap = self.em * 1.8, self.em * 1.1
        rows: list[list[tuple[str, object, str, float]]] = []
        x = 0.0
        for kind, payload, text in items:
            w = min(width, swatch + self.em * 0.35 + self.width(text))
            if rows and x + w <= width:
                rows[-1].append((kind, payload, text, w))
                x += w + gap
            else:
                rows.append([(kind, payload, text, w)])
                x = w + gap
        return rows

    def _draw_legend(self, rows: list[list[tuple[str, object, str, float]]], left: float, top: float) -> None:
        em, swatch, gap = self.em, self.em * 1.8, self.em * 1.1
        for row_index, row in enumerate(rows):
            y = top + row_index * em * 1.2
            x = left
            for kind, payload, text, w in row:
                box = QRectF(x, y + em * 0.15, swatch, em * 0.9)
                self._draw_swatch(kind, payload, box)
                text_w = w - swatch - em * 0.35
                shown = self.fm.elidedText(text, Qt.TextElideMode.ElideRight, text_w + 1)
                flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignVCenter)
                self.text("legend", QRectF(box.right() + em * 0.35, y, text_w + 2, em * 1.2), flags, shown)
                x += w + gap

    def _draw_swatch(self, kind: str, payload: object, box: QRectF) -> None:
        p = self.p
        centre = box.center()
        if kind == "series":
            index = int(payload)  # type: ignore[call-overload]
            series, look = self.series[index][0], self.looks[index]
            if series.style == "bars":
                self._bar_brush_rect(QRectF(centre.x() - box.height() * 0.45, box.top(), box.height() * 0.9,
                                            box.height()), look)
            elif series.style == "points":
                self._symbol(look.shape, centre, self._point_radius(4.2) / self.u, look.colour)
            else:
                p.setPen(self.pen(look.colour, 2.4, look.pattern))
                p.drawLine(QLineF(box.left(), centre.y(), box.right(), centre.y()))
                if not series.dashed:
                    self._symbol(look.shape, centre, 2.8, look.colour)
        elif kind == "shaded":
            self._shade_rect(box, spacing=5.0)
            p.setPen(self.pen(self.c.shade_hatch, 0.8))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(box)
        elif kind == "marker":
            self._marker_symbol(str(payload), centre)

    # ------------------------------------------------------------------------------------------ plot layers

    def _shade_rect(self, band: QRectF, *, spacing: float = 9.0) -> None:
        p = self.p
        p.save()
        p.setClipRect(band, Qt.ClipOperation.IntersectClip)
        p.fillRect(band, QColor(self.c.shade_fill))
        p.setPen(self.pen(self.c.shade_hatch, 0.9))
        step = spacing * self.u
        h = band.height()
        x = band.left() - h
        lines = []
        while x < band.right():
            lines.append(QLineF(x, band.bottom(), x + h, band.top()))
            x += step
        p.drawLines(lines)
        p.restore()

    def _shaded_bands(self, plot: QRectF, sx: Callable[[float], float]) -> list[tuple[QRectF, str]]:
        bands = []
        for r in self.spec.shaded:
            a, b = finite_or_none(r.x_start), finite_or_none(r.x_end)
            if a is None or b is None:
                continue
            x0, x1 = sorted((sx(a), sx(b)))
            x0, x1 = max(x0, plot.left()), min(x1, plot.right())
            if x1 - x0 < 2 * self.u:  # a pause within one day still shows as a thin band
                middle = (x0 + x1) / 2
                x0, x1 = middle - self.u, middle + self.u
            if x1 > plot.left() and x0 < plot.right():
                bands.append((QRectF(x0, plot.top(), x1 - x0, plot.height()), r.label))
        return bands

    def _draw_shaded(self, plot: QRectF, sx: Callable[[float], float]) -> None:
        for band, _ in self._shaded_bands(plot, sx):
            self._shade_rect(band)

    def _label_shaded(self, plot: QRectF, sx: Callable[[float], float], data_boxes: list[QRectF]) -> None:
        """Label a pause inside its band, across or (when narrow) upwards, unless the label would cross data;
        the legend names the hatching either way."""
        em = self.em
        for band, label in self._shaded_bands(plot, sx):
            if not label:
                continue
            w = self.width(label)
            if w + em * 0.6 <= band.width():
                box = QRectF(band.left(), band.top() + em * 0.25, band.width(), em)
                if not any(box.intersects(d) for d in data_boxes):
                    self._backed_text("shaded-label", box, int(Qt.AlignmentFlag.AlignHCenter), label)
            elif band.width() >= em * 1.1 and w + em * 0.6 <= band.height():
                # Too narrow to read across: read it upwards.
                cx, top = band.center().x(), band.top() + em * 0.3
                if any(QRectF(cx - em / 2, top, em, w).intersects(d) for d in data_boxes):
                    continue
                p = self.p
                p.save()
                p.translate(cx, top + w)
                p.rotate(-90)
                p.setFont(self.font)
                p.setPen(QColor(self.c.ink))
                backing = QRectF(-em * 0.1, -em * 0.55, w + em * 0.2, em * 1.1)
                p.fillRect(backing, self.colour(self.c.background, 215))
                p.drawText(QRectF(0, -em / 2, w + 1, em), int(Qt.AlignmentFlag.AlignVCenter), label)
                p.restore()
                self.layout.texts.append(("shaded-label", label, QRectF(cx - em / 2, top, em, w)))

    def _backed_text(self, role: str, box: QRectF, flags: int, text: str) -> QRectF:
        bounds = self.fm.boundingRect(box, flags, text)
        self.p.fillRect(bounds.adjusted(-self.em * 0.15, 0, self.em * 0.15, 0), self.colour(self.c.background, 215))
        return self.text(role, box, flags, text, colour=self.c.muted if role == "guide-label" else self.c.ink)

    def _draw_grid(self, plot: QRectF, x_axis: _Axis, y_axis: _Axis, sx: Callable[[float], float],
                   sy: Callable[[float], float]) -> None:
        p = self.p
        p.setPen(self.pen(self.c.grid, 1.0, cap=Qt.PenCapStyle.FlatCap))
        lines = [QLineF(plot.left(), sy(t), plot.right(), sy(t)) for t in y_axis.ticks]
        lines += [QLineF(sx(t), plot.top(), sx(t), plot.bottom()) for t in x_axis.ticks]
        p.drawLines(lines)

    def _guide_bands(self, plot: QRectF, sy: Callable[[float], float]) -> list[tuple[float, float, str]]:
        out = []
        for g in self.spec.guides:
            lo, hi = finite_or_none(g.y_low), finite_or_none(g.y_high)
            if g.hidden or lo is None or hi is None:
                continue
            top, bottom = sorted((sy(max(lo, hi)), sy(min(lo, hi))))
            if bottom >= plot.top() - 0.5 and top <= plot.bottom() + 0.5:
                out.append((top, bottom, g.label))
        return out

    def _draw_guides(self, plot: QRectF, sy: Callable[[float], float]) -> None:
        p = self.p
        p.save()
        p.setClipRect(plot, Qt.ClipOperation.IntersectClip)
        for top, bottom, _ in self._guide_bands(plot, sy):
            if bottom - top > 1:
                p.fillRect(QRectF(plot.left(), top, plot.width(), bottom - top), QColor(self.c.guide_fill))
            p.setPen(self.pen(self.c.guide_line, 1.3, (4.0, 3.0)))
            p.drawLine(QLineF(plot.left(), top, plot.right(), top))
            if bottom - top > 1:
                p.drawLine(QLineF(plot.left(), bottom, plot.right(), bottom))
        p.restore()

    def _label_guides(self, plot: QRectF, sy: Callable[[float], float], data_boxes: list[QRectF]) -> None:
        """Put each guide's label beside its line where it hides the least data and no other label."""
        em = self.em
        placed: list[QRectF] = []
        for top, bottom, label in self._guide_bands(plot, sy):
            if not label:
                continue
            w = min(self.width(label) + 2, plot.width() - em * 0.6)
            text = self.fm.elidedText(label, Qt.TextElideMode.ElideRight, w)
            best: tuple[float, QRectF] | None = None
            for vertical in (top - em * 1.05, bottom + em * 0.05):
                first, last = plot.left() + em * 0.3, plot.right() - em * 0.3 - w
                for x in (last, first, *(first + (last - first) * k / 7 for k in range(1, 7))):
                    box = QRectF(x, vertical, w, em)
                    if not plot.contains(box) or any(box.intersects(other) for other in placed):
                        continue
                    hidden = sum((box & d).width() * (box & d).height() for d in data_boxes if box.intersects(d))
                    if best is None or hidden < best[0] - 1e-6:
                        best = (hidden, box)
            if best is not None:
                placed.append(self._backed_text("guide-label", best[1], int(Qt.AlignmentFlag.AlignLeft), text))

    # ------------------------------------------------------------------------------------------ series

    def _data_boxes(self, plot: QRectF, sx: Callable[[float], float], sy: Callable[[float], float],
                    sy2: Callable[[float], float], slot_px: float) -> list[QRectF]:
        """Rough boxes around where the data will be drawn, so labels can be put where they hide nothing."""
        boxes: list[QRectF] = []
        half_bar = _clamp(slot_px * 0.38, 0.5, plot.width() / 6)
        base = _clamp(sy(0.0), plot.top(), plot.bottom())
        r = self._point_radius(4.2)
        for series, points in self.series:
            to_y = sy2 if series.axis == "right" else sy
            if series.style == "line":
                runs: list[list[tuple[float, float]]] = [[]]
                for x, y in points:
                    if y is None:
                        runs.append([])
                    else:
                        runs[-1].append((sx(x), to_y(y)))
                for run in runs:
                    boxes += self._segment_boxes(run) if len(run) > 1 else \
                        [QRectF(px - r, py - r, 2 * r, 2 * r) for px, py in run]
                continue
            for x, y in points:
                if y is None:
                    continue
                px, py = sx(x), to_y(y)
                if series.style == "bars":
                    boxes.append(QRectF(px - half_bar, min(py, base), 2 * half_bar, abs(base - py)))
                else:
                    boxes.append(QRectF(px - r, py - r, 2 * r, 2 * r))
        return boxes

    def _point_radius(self, radius: float) -> float:
        """Point symbols grow with the text, so they stay visible beside 200 % labels."""
        return max(radius * self.u, self.em * 0.3)

    def _draw_series(self, plot: QRectF, sx: Callable[[float], float], sy: Callable[[float], float],
                     sy2: Callable[[float], float], slot_px: float) -> list[QRectF]:
        """Draw every series; return rough boxes around the drawn data."""
        p = self.p
        boxes: list[QRectF] = []
        p.save()
        margin = 4 * self.u
        p.setClipRect(plot.adjusted(-margin, -margin, margin, margin), Qt.ClipOperation.IntersectClip)
        bar_series = [i for i, (s, _) in enumerate(self.series) if s.style == "bars"]
        # Bars first so lines and points stay visible on top of them.
        order = bar_series + [i for i in range(len(self.series)) if i not in bar_series]
        for index in order:
            series, points = self.series[index]
            look = self.looks[index]
            to_y = sy2 if series.axis == "right" else sy
            if series.style == "bars":
                position = bar_series.index(index)
                boxes += self._draw_bars(plot, points, look, sx, to_y, slot_px, position, len(bar_series))
            elif series.style == "points":
                boxes += self._draw_points(points, look, sx, to_y, radius=4.2)
            else:
                boxes += self._draw_line(plot, points, look, sx, to_y)
        p.restore()
        return boxes

    def _draw_line(self, plot: QRectF, points: list[tuple[float, float | None]], look: _Look,
                   sx: Callable[[float], float], sy: Callable[[float], float]) -> list[QRectF]:
        p = self.p
        # Broken at gaps and at pauses (review 15: the planned-feeds line ran straight through a shaded pause).
        runs = [[(sx(x), sy(y)) for x, y in run] for run in line_runs(points, self.spec.shaded)]
        total = sum(len(r) for r in runs)
        if not total:
            return []
        pen = self.pen(look.colour, 2.4, look.pattern)
        boxes = []
        for run in runs:
            if len(run) > plot.width() * 2:
                run = _decimate(run)
            if len(run) == 1:
                continue
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in run]))
            boxes += self._segment_boxes(run)
        # Dots on each value when there is room, and always on isolated values that have no line.
        xs = [x for run in runs for x, _ in run]
        spacing = (max(xs) - min(xs)) / max(1, len(xs) - 1) if len(xs) > 1 else plot.width()
        for run in runs:
            if len(run) == 1 or (spacing >= 7 * self.u and look.pattern != _DASHED):
                boxes += self._draw_points([(x, y) for x, y in run], look, None, None, radius=2.6, ring=False)
        return boxes

    def _segment_boxes(self, run: list[tuple[float, float]]) -> list[QRectF]:
        """Boxes around a polyline for label placement: one per segment, coarser for long runs."""
        boxes = []
        chunk = 2 if len(run) <= 500 else len(run) // 250 + 2
        for start in range(0, len(run) - 1, chunk - 1):
            part = run[start:start + chunk]
            xs, ys = [x for x, _ in part], [y for _, y in part]
            boxes.append(QRectF(min(xs), min(ys), max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0))
                         .adjusted(-2, -2, 2, 2))
        return boxes

    def _draw_points(self, points: list[tuple[float, float | None]] | list[tuple[float, float]], look: _Look,
                     sx: Callable[[float], float] | None, sy: Callable[[float], float] | None, *,
                     radius: float, ring: bool = True) -> list[QRectF]:
        seen: set[tuple[int, int]] = set()
        boxes = []
        r = self._point_radius(radius) if radius >= 4 else radius * self.u
        for x, y in points:
            if y is None:
                continue
            px, py = (sx(x), sy(y)) if sx is not None and sy is not None else (x, y)
            key = (int(px), int(py))
            if key in seen:  # thousands of points on one pixel look like one: draw it once
                continue
            seen.add(key)
            self._symbol(look.shape, QPointF(px, py), r / self.u, look.colour, ring=ring)
            boxes.append(QRectF(px - r, py - r, 2 * r, 2 * r))
        return boxes

    def _symbol(self, shape: str, centre: QPointF, radius: float, colour: QColor, *, ring: bool = True) -> None:
        """A filled point symbol; the thin paper-coloured ring sets points apart from bars behind them (dots on
        a line go without it, or the line would look dashed)."""
        p = self.p
        path = _symbol_path(shape, centre, radius * self.u)
        if shape == "cross":
            p.setPen(self.pen(colour, 1.8))
            p.setBrush(Qt.BrushStyle.NoBrush)
        else:
            p.setPen(self.pen(self.c.background, 1.0) if ring else Qt.PenStyle.NoPen)
            p.setBrush(colour)
        p.drawPath(path)

    def _bar_brush_rect(self, box: QRectF, look: _Look) -> None:
        p = self.p
        p.fillRect(box, look.bar_fill)
        if look.bar_hatched:
            self._shade_rect(box, spacing=4.0)
        outline = QColor(self.c.ink) if self.mono else look.colour
        p.setPen(self.pen(outline, 0.8, cap=Qt.PenCapStyle.FlatCap))
        p.setBrush(Qt.BrushStyle.NoBrush)
        if box.width() > 3 * self.u:
            p.drawRect(box)

    def _draw_bars(self, plot: QRectF, points: list[tuple[float, float | None]], look: _Look,
                   sx: Callable[[float], float], sy: Callable[[float], float], slot_px: float, position: int,
                   count: int) -> list[QRectF]:
        base = _clamp(sy(0.0), plot.top(), plot.bottom())
        values = [(sx(x), sy(y)) for x, y in points if y is not None]
        if not values:
            return []
        group = _clamp(slot_px * 0.76, 1.0, plot.width() / 3)
        bar_w = max(group / count, 1.0)
        if bar_w < 2.5:
            # More bars than pixels: draw each pixel column's tallest bar as one thin rectangle.
            columns: dict[int, tuple[float, float]] = {}
            for px, py in values:
                col = int(px)
                low, high = columns.get(col, (base, base))
                columns[col] = (max(low, py), min(high, py))
            self.p.setPen(Qt.PenStyle.NoPen)
            # Pixel-thin bars are drawn in the series colour itself: a pale fill would be under 3:1 on white.
            self.p.setBrush(QColor(self.c.ink) if self.mono else look.colour)
            rects = [QRectF(col, min(high, base), 1.0, abs(max(low, base) - min(high, base)) or 1.0)
                     for col, (low, high) in columns.items()]
            self.p.drawRects(rects)
            return rects
        boxes = []
        caps = []
        for px, py in values:
            left = px - group / 2 + position * bar_w
            top, bottom = min(py, base), max(py, base)
            boxes.append(QRectF(left + bar_w * 0.04, top, bar_w * 0.92, max(bottom - top, 1.0 * self.u)))
            caps.append(QLineF(left + bar_w * 0.04, py, left + bar_w * 0.96, py))
        if look.bar_hatched:
            for box in boxes:
                self._bar_brush_rect(box, look)
            return boxes
        # One call for all bars: fill and outline together.
        outlined = bar_w * 0.92 > 8 * self.u  # outlines on thin bars would read as stripes
        outline = QColor(self.c.ink) if self.mono else look.colour
        self.p.setPen(self.pen(outline, 0.8, cap=Qt.PenCapStyle.FlatCap) if outlined else Qt.PenStyle.NoPen)
        self.p.setBrush(look.bar_fill)
        self.p.drawRects(boxes)
        if not outlined:
            # Thin bars have no outline, so their pale fill alone would be under 3:1 on white (WCAG 1.4.11): a
            # line in the series colour marks each bar's value end instead.
            self.p.setPen(self.pen(outline, 2.0, cap=Qt.PenCapStyle.FlatCap))
            self.p.drawLines(caps)
        return boxes

    # ------------------------------------------------------------------------------------------ axes

    def _draw_ticks(self, plot: QRectF, x_axis: _Axis, y_axis: _Axis, y2_axis: _Axis | None,
                    sx: Callable[[float], float], sy: Callable[[float], float], sy2: Callable[[float], float],
                    tick_len: float) -> None:
        p, em, c = self.p, self.em, self.c
        p.setPen(self.pen(c.axis, 1.0, cap=Qt.PenCapStyle.FlatCap))
        p.drawLines([QLineF(sx(t), plot.bottom(), sx(t), plot.bottom() + tick_len) for t in x_axis.ticks]
                    + [QLineF(plot.left() - tick_len, sy(t), plot.left(), sy(t)) for t in y_axis.ticks])
        if y2_axis is not None:
            p.drawLines([QLineF(plot.right(), sy2(t), plot.right() + tick_len, sy2(t)) for t in y2_axis.ticks])

        # x tick labels, centred under their ticks but kept inside the chart, and never touching.
        last_right = -math.inf
        x_labels_gap = max(tick_len, em * 0.5) + em * 0.05  # clear of the lowest y label, which sits on the axis
        for t, label in zip(x_axis.ticks, x_axis.labels, strict=True):
            w = self.width(label)
            x = _clamp(sx(t) - w / 2, self.rect.left() + self.pad * 0.5, self.rect.right() - self.pad * 0.5 - w)
            if x < last_right + em * 0.4:
                continue
            self.text("x-tick", QRectF(x, plot.bottom() + x_labels_gap, w + 1, em),
                      int(Qt.AlignmentFlag.AlignCenter), label, colour=c.muted)
            last_right = x + w
        self._value_labels("y-tick", y_axis, sy, plot.left() - tick_len - em * 0.2, align_right=True)
        if y2_axis is not None:
            self._value_labels("y2-tick", y2_axis, sy2, plot.right() + tick_len + em * 0.2, align_right=False)

        if self.spec.x_label:
            label = self.fm.elidedText(self.spec.x_label, Qt.TextElideMode.ElideRight, plot.width())
            self.text("x-label", QRectF(plot.left(), plot.bottom() + x_labels_gap + em * 1.1, plot.width(), em),
                      int(Qt.AlignmentFlag.AlignCenter), label)

    def _value_labels(self, role: str, axis: _Axis, sy: Callable[[float], float], edge: float, *,
                      align_right: bool) -> None:
        em = self.em
        last_top = math.inf
        for t, label in zip(axis.ticks, axis.labels, strict=True):
            w = self.width(label)
            y = sy(t) - em / 2
            if y + em > last_top - em * 0.1:  # labels run bottom to top; skip one that would touch
                continue
            x = edge - w if align_right else edge
            flags = int(Qt.AlignmentFlag.AlignRight if align_right else Qt.AlignmentFlag.AlignLeft)
            self.text(role, QRectF(x, y, w + 1, em), flags | int(Qt.AlignmentFlag.AlignVCenter), label,
                      colour=self.c.muted)
            last_top = y

    def _axis_titles(self, width: float, has_right: bool) -> list[tuple[str, str, int, float]]:
        """(role, text, alignment, height): both titles on one line when they fit, else one line each."""
        items = []
        if self.spec.y_label:
            items.append(("y-label", self.spec.y_label, int(Qt.AlignmentFlag.AlignLeft)))
        if has_right and self.spec.y2_label:
            items.append(("y2-label", self.spec.y2_label, int(Qt.AlignmentFlag.AlignRight)))
        if len(items) == 2 and self.width(items[0][1]) + self.width(items[1][1]) + self.em * 2 <= width:
            # Same line: the first takes no height of its own, so both are drawn at the same top.
            return [(items[0][0], items[0][1], items[0][2], 0.0), (items[1][0], items[1][1], items[1][2], self.em)]
        return [(role, text, align, self.wrapped_height(text, width)) for role, text, align in items]

    def _draw_axis_titles(self, titles: list[tuple[str, str, int, float]], left: float, right: float,
                          top: float) -> None:
        y = top
        for role, text, align, height in titles:
            box = QRectF(left, y, right - left, max(height, self.em))
            self.text(role, box, align | int(Qt.TextFlag.TextWordWrap), text)
            y += height

    # ------------------------------------------------------------------------------------------ markers

    def _marker_symbol(self, kind: str, centre: QPointF, size: float | None = None) -> None:
        fill, outline = self.c.markers.get(kind, self.c.markers["event"])
        radius = (size or self.em * 0.36)
        path = _symbol_path(_MARKER_SHAPES.get(kind, "circle"), centre, radius)
        self.p.setPen(self.pen(outline, 1.6))
        self.p.setBrush(QColor(fill))
        self.p.drawPath(path)

    def _place_markers(self, sx: Callable[[float], float], x_axis: _Axis, plot_left: float, plot_right: float
                       ) -> tuple[list[_Placed], int, bool]:
        """Label markers in up to two lanes above the plot; when that would crowd, number them instead."""
        markers = []
        for marker in self.spec.markers:
            x = finite_or_none(marker.x)
            if x is not None and x_axis.low - 1e-9 <= x <= x_axis.high + 1e-9:
                markers.append((x, marker))
        markers.sort(key=lambda item: item[0])
        if not markers:
            return [], 0, False
        placed = [_Placed(i + 1, _clamp(sx(x), plot_left, plot_right), m.kind, m.label, x)
                  for i, (x, m) in enumerate(markers)]
        em = self.em
        symbol_w = em * 0.8
        limit_left, limit_right = self.rect.left() + self.pad, self.rect.right() - self.pad

        def assign(extent: Callable[[_Placed], tuple[float, float]], max_lanes: int) -> int | None:
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

        def labelled(m: _Placed) -> tuple[float, float]:
            w = self.width(m.label)
            m.text_left = m.x_px + symbol_w / 2 + em * 0.25 + w > limit_right
            if m.text_left:
                return m.x_px - symbol_w / 2 - em * 0.25 - w, m.x_px + symbol_w / 2
            return m.x_px - symbol_w / 2, m.x_px + symbol_w / 2 + em * 0.25 + w

        lanes = assign(labelled, 2)
        if lanes is not None and all(labelled(m)[0] >= limit_left for m in placed):
            return placed, lanes, False
        for m in placed:
            m.text_left = False

        def numbered(m: _Placed) -> tuple[float, float]:
            return m.x_px - symbol_w / 2, m.x_px + symbol_w / 2 + em * 0.1 + self.width(str(m.number))

        lanes = assign(numbered, 3)
        if lanes is None:
            # Too many marks on too few days for readable numbers: bare symbols in one row, and the key names
            # each one by its day instead.
            for m in placed:
                m.lane, m.number = 0, -1
            self.layout.markers_compact = True
            return placed, 1, True
        return placed, lanes, True

    def _key_text(self, m: _Placed) -> str:
        where = self.spec.x_text(m.x_value)
        return f"{where}: {m.label}" if where else m.label

    def _draw_markers(self, placed: list[_Placed], plot: QRectF, lane_h: float, lanes_top: float) -> None:
        p, em = self.p, self.em
        lanes = max((m.lane for m in placed), default=-1) + 1
        for m in placed:
            centre_y = lanes_top + (lanes - 1 - m.lane) * lane_h + lane_h / 2
            p.setPen(self.pen(self.c.axis, 1.0, cap=Qt.PenCapStyle.FlatCap))
            p.drawLine(QLineF(m.x_px, centre_y, m.x_px, plot.top() + em * 0.3))
            self._marker_symbol(m.kind, QPointF(m.x_px, centre_y))
            half = em * 0.5
            self.layout.marks.append((QRectF(m.x_px - half, centre_y - half, 2 * half, 2 * half), self._key_text(m)))
            flags = int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.AlignmentFlag.AlignLeft)
            if self.layout.markers_compact:
                continue
            if self.layout.markers_numbered:
                text = str(m.number)
                box = QRectF(m.x_px + em * 0.4 + em * 0.1, centre_y - em / 2, self.width(text) + 1, em)
                self._backed_text("marker-number", box, flags, text)
            else:
                w = self.width(m.label)
                x = m.x_px - em * 0.4 - em * 0.25 - w if m.text_left else m.x_px + em * 0.4 + em * 0.25
                self._backed_text("marker-label", QRectF(x, centre_y - em / 2, w + 1, em), flags, m.label)

    def _layout_key(self, entries: list[tuple[int, str, str]], width: float
                    ) -> tuple[list[tuple[QRectF, int, str, str]], float]:
        """Key entries in columns (reading down, then across), each wrapped to its column; returns their boxes."""
        if not entries:
            return [], 0.0
        em = self.em
        lead = em * 1.0 + (self.width(f"{len(entries)}") if entries[0][0] > 0 else 0.0) + em * 0.35
        gap = em * 1.2
        best: tuple[float, list[tuple[QRectF, int, str, str]]] | None = None
        for columns in range(1, min(4, len(entries)) + 1):
            column_w = (width - gap * (columns - 1)) / columns
            if column_w - lead < em * 6:
                break
            per_column = math.ceil(len(entries) / columns)
            heights = [0.0] * per_column
            cells = []
            for i, (number, kind, text) in enumerate(entries):
                column, row = divmod(i, per_column)
                heights[row] = max(heights[row], em, self.wrapped_height(text, column_w - lead))
                cells.append((column, row, number, kind, text))
            tops = [sum(heights[:r]) + r * em * 0.15 for r in range(per_column)]
            total = tops[-1] + heights[-1]
            # Shortest key wins; one more column must save at least a line to be worth the zig-zag reading.
            if best is None or total < best[0] - em * 0.5:
                best = (total, [(QRectF(column * (column_w + gap), tops[row], column_w, heights[row]), number,
                                 kind, text) for column, row, number, kind, text in cells])
        if best is None:
            return [], 0.0
        return best[1], best[0]

    def _draw_key(self, cells: list[tuple[QRectF, int, str, str]], left: float, top: float) -> None:
        em = self.em
        lead_number = self.width(str(len(cells))) if cells and cells[0][1] > 0 else 0.0
        for box, number, kind, text in cells:
            box = box.translated(left, top)
            if not number:  # the one-line stand-in for a key that did not fit
                flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
                self.text("key", box, flags, text, colour=self.c.muted)
                continue
            self._marker_symbol(kind, QPointF(box.left() + em * 0.4, box.top() + em / 2), em * 0.3)
            if number > 0:  # marks drawn as bare symbols are keyed by their day alone
                number_box = QRectF(box.left() + em * 0.95, box.top(), lead_number + 1, em)
                self.text("key", number_box, int(Qt.AlignmentFlag.AlignRight) | int(Qt.AlignmentFlag.AlignVCenter),
                          str(number), font=_scaled_font(self.font, 1.0, bold=True))
            lead = em * 1.0 + lead_number + em * 0.35
            flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
            self.text("key", QRectF(box.left() + lead, box.top(), box.width() - lead, box.height()), flags, text)
