"""Paints a `ChartSpec` with QPainter (QtGui only, no widgets): the one drawing path for the screen, images, PDF
pages and printers. It owns the pixels: fonts and pens sized from the target device (200 % text gets 200 %
margins; a 300 dpi PDF looks like the screen), colours and dash patterns, the order things are painted in, and the
`ChartLayout` record of where every text went. Where things go (ranges, ticks, legend rows, marker lanes, the key)
is worked out by the Qt-free `charts.layout`. In monochrome, series differ by dash pattern and point shape and
pauses by hatching, so a black-and-white printout reads like the colour chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from nec_companion.charts import layout as plan
from nec_companion.charts.layout import Axis, PlacedMarker, clamp
from nec_companion.charts.model import ChartSpec, line_runs
from nec_companion.charts.palette import COLOUR, MONOCHROME, Colours
from nec_companion.core.i18n import N_

EMPTY_MESSAGE = N_("No data yet")
KEY_IN_TABLE = N_("Each mark above the chart is listed in the table.")
TOO_SMALL = N_("Too small to draw")
#: Screen pixels per inch that pen widths are designed for; other devices scale from it.
DESIGN_DPI = 96.0
#: Mapped coordinates are kept within this many pixels of the plot: QPainter misbehaves far outside.
_COORD_LIMIT = 1e5

# ------------------------------------------------------------------------------------------------ colours


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


def _symbol_path(shape: str, centre: QPointF, radius: float) -> QPainterPath:
    path = QPainterPath()
    corners = [QPointF(x, y) for x, y in plan.symbol_outline(shape, centre.x(), centre.y(), radius)]
    if shape == "square":
        path.addRect(QRectF(corners[0], corners[1]))
    elif shape in ("triangle", "diamond"):
        path.addPolygon(QPolygonF(corners))
    elif shape == "cross":
        path.moveTo(corners[0])
        path.lineTo(corners[1])
        path.moveTo(corners[2])
        path.lineTo(corners[3])
    else:
        path.addEllipse(centre, radius, radius)
    return path


class _ChartDrawing:
    """One draw_chart call: measures, lays out, then paints back to front."""

    def __init__(self, painter: QPainter, rect: QRectF, spec: ChartSpec, font: QFont, monochrome: bool,
                 layout: ChartLayout) -> None:
        self.p = painter
        self.rect = rect
        self.spec = spec
        self.mono = monochrome
        self.layout = layout
        self.c: Colours = MONOCHROME if monochrome else COLOUR
        self.font = QFont(font)
        if monochrome:  # sub-pixel text would put coloured fringes on a black-and-white page
            self.font.setStyleStrategy(QFont.StyleStrategy.NoSubpixelAntialias)
        self.title_font = _scaled_font(self.font, 1.15, bold=True)
        device = painter.device()
        self.fm = QFontMetricsF(self.font, device)
        self.title_fm = QFontMetricsF(self.title_font, device)
        dpi = device.logicalDpiY() if device is not None else DESIGN_DPI
        self.u = clamp(dpi / DESIGN_DPI, 0.25, 50.0)  # one design pixel on this device
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
            fm = self.title_fm if font is self.title_font else self.fm
            shown = plan.breakable(text, rect.width(), fm.horizontalAdvance)
        bounds = self.p.boundingRect(rect, flags, shown)
        self.p.drawText(rect, flags, shown)
        self.layout.texts.append((role, text, bounds))
        return bounds

    def width(self, text: str, fm: QFontMetricsF | None = None) -> float:
        return (fm or self.fm).horizontalAdvance(text)

    def wrapped_height(self, text: str, width: float, fm: QFontMetricsF | None = None) -> float:
        if not text:
            return 0.0
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        fm = fm or self.fm
        text = plan.breakable(text, width, fm.horizontalAdvance)
        return fm.boundingRect(QRectF(0, 0, max(width, 1.0), 1e6), flags, text).height()

    # ------------------------------------------------------------------------------------------ styling

    def _resolve_looks(self) -> list[_Look]:
        looks = []
        solid_index = bar_index = 0
        for index, (series, _points) in enumerate(self.series):
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

        words = self.spec.speaks()
        x_extent = plan.x_extent(self.series, self.spec)
        has_data = any(y is not None for _, points in self.series for _, y in points)
        if not has_data or x_extent is None:
            self._draw_message(QRectF(left, top, width, rect.bottom() - self.pad - top))
            return
        self.layout.empty = False

        legend = plan.legend_items(self.spec, self.series)
        legend_rows = plan.flow_legend(legend, width, em, self.width)
        legend_h = len(legend_rows) * em * 1.2
        legend_top = top
        top += legend_h + (em * 0.4 if legend_rows else 0.0)

        # Horizontal margins from the widest tick label any tick count could produce.
        left_extent = plan.value_extent(self.series, self.spec, "left")
        right_extent = plan.value_extent(self.series, self.spec, "right")
        tick_len = em * 0.3
        y_tick_w = plan.widest_value_labels(left_extent, (self.spec.y_min, self.spec.y_max), self.width, words)
        plot_left = left + y_tick_w + tick_len + em * 0.25
        if right_extent is not None:
            y2_tick_w = plan.widest_value_labels(right_extent, (self.spec.y2_min, self.spec.y2_max),
                                                 self.width, words)
            plot_right = right - y2_tick_w - tick_len - em * 0.25
        else:
            plot_right = right - em * 1.2  # room for half of the last x tick label
        plot_w = plot_right - plot_left
        if plot_w < em * 2:
            self._draw_message(QRectF(left, top, width, rect.bottom() - self.pad - top), words.gettext(TOO_SMALL))
            self.layout.empty = True
            return

        # Axis titles read across, above their axes: easier than sideways text, and never cut short.
        titles = plan.axis_titles(self.spec, width, right_extent is not None, em, self.width, self.wrapped_height)
        titles_top = top
        top += sum(h for _, _, _, h in titles) + (em * 0.2 if titles else 0.0)

        x_low, x_high, slot = x_extent
        minimum_x = min([x for _, pts in self.series for x, y in pts if y is not None] or [x_low])
        x_axis = plan.x_axis(self.spec, x_low, x_high, minimum_x, plot_w, em * 0.8, self.width)
        if not math.isfinite(x_axis.high - x_axis.low):  # spans near the float limit: fall back to the data
            x_axis = Axis(x_low, x_high, (), ())

        def sx(x: float) -> float:
            return clamp(plot_left + x_axis.fraction(x) * plot_w, plot_left - _COORD_LIMIT, plot_right + _COORD_LIMIT)

        # Markers above the plot, then the key and note below it, fix the plot's height.
        marks = plan.place_markers(self.spec, sx, x_axis, plot_left, plot_right, rect.left() + self.pad,
                                   rect.right() - self.pad, em, self.width)
        placed, lanes, numbered = marks.placed, marks.lanes, marks.numbered
        self.layout.markers_numbered = numbered
        self.layout.markers_compact = marks.compact
        lane_h = em * 1.05
        markers_h = lanes * lane_h + (em * 0.2 if lanes else 0.0)
        key_entries = [(m.number, m.kind, plan.key_text(self.spec, m)) for m in placed] if numbered else []
        key_layout, key_h = plan.layout_key(key_entries, width, em, self.width, self.wrapped_height)
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
                in_table = self.spec.speaks().gettext(KEY_IN_TABLE)
                key_entries = [(0, "", in_table)]
                key_h = self.wrapped_height(in_table, width)
                key_layout = [((0.0, 0.0, width, key_h), 0, "", in_table)]
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
            self._draw_message(QRectF(left, top, width, rect.bottom() - self.pad - top), words.gettext(TOO_SMALL))
            self.layout.empty = True
            return
        plot = QRectF(plot_left, plot_top, plot_w, plot_h)
        self.layout.plot = plot
        self.layout.x_axis = (x_axis.low, x_axis.high)

        max_y_ticks = int(clamp(plot_h / (em * 1.7) + 1, 3, 8))
        y_axis = plan.value_axis(left_extent or (0.0, 1.0), self.spec.y_min, self.spec.y_max, max_y_ticks, words)
        self.layout.y_axis = (y_axis.low, y_axis.high)
        y2_axis = (plan.value_axis(right_extent, self.spec.y2_min, self.spec.y2_max, max_y_ticks, words)
                   if right_extent is not None else None)

        def make_sy(axis: Axis) -> Callable[[float], float]:
            def sy(y: float) -> float:
                return clamp(plot.bottom() - axis.fraction(y) * plot_h, plot.top() - _COORD_LIMIT,
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

    def _draw_message(self, area: QRectF, message: str = "") -> None:
        if area.height() < self.em or area.width() < self.em:
            return
        message = message or self.spec.speaks().gettext(EMPTY_MESSAGE)
        frame = area
        self.p.setPen(self.pen(self.c.grid, 1.0, (3.0, 3.0)))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRoundedRect(frame, self.em * 0.4, self.em * 0.4)
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        self.text("message", frame, flags, message, colour=self.c.muted)

    # ------------------------------------------------------------------------------------------ legend

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
        return [(QRectF(x0, plot.top(), x1 - x0, plot.height()), label)
                for x0, x1, label in plan.shaded_spans(self.spec, sx, plot.left(), plot.right(), self.u)]

    def _draw_shaded(self, plot: QRectF, sx: Callable[[float], float]) -> None:
        for band, _label in self._shaded_bands(plot, sx):
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

    def _draw_grid(self, plot: QRectF, x_axis: Axis, y_axis: Axis, sx: Callable[[float], float],
                   sy: Callable[[float], float]) -> None:
        p = self.p
        p.setPen(self.pen(self.c.grid, 1.0, cap=Qt.PenCapStyle.FlatCap))
        lines = [QLineF(plot.left(), sy(t), plot.right(), sy(t)) for t in y_axis.ticks]
        lines += [QLineF(sx(t), plot.top(), sx(t), plot.bottom()) for t in x_axis.ticks]
        p.drawLines(lines)

    def _guide_bands(self, plot: QRectF, sy: Callable[[float], float]) -> list[tuple[float, float, str]]:
        return plan.guide_spans(self.spec, sy, plot.top(), plot.bottom())

    def _draw_guides(self, plot: QRectF, sy: Callable[[float], float]) -> None:
        p = self.p
        p.save()
        p.setClipRect(plot, Qt.ClipOperation.IntersectClip)
        for top, bottom, _label in self._guide_bands(plot, sy):
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
        bounds = (plot.left(), plot.top(), plot.width(), plot.height())
        return [QRectF(*box) for box in plan.data_boxes(self.series, bounds, sx, sy, sy2, slot_px,
                                                         self._point_radius(4.2))]

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
                run = plan.decimate(run)
            if len(run) == 1:
                continue
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in run]))
            boxes += [QRectF(*box) for box in plan.segment_boxes(run)]
        # Dots on each value when there is room, and always on isolated values that have no line.
        xs = [x for run in runs for x, _ in run]
        spacing = (max(xs) - min(xs)) / max(1, len(xs) - 1) if len(xs) > 1 else plot.width()
        for run in runs:
            if len(run) == 1 or (spacing >= 7 * self.u and look.pattern != _DASHED):
                boxes += self._draw_points([(x, y) for x, y in run], look, None, None, radius=2.6, ring=False)
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
        base = clamp(sy(0.0), plot.top(), plot.bottom())
        values = [(sx(x), sy(y)) for x, y in points if y is not None]
        if not values:
            return []
        group = clamp(slot_px * 0.76, 1.0, plot.width() / 3)
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

    def _draw_ticks(self, plot: QRectF, x_axis: Axis, y_axis: Axis, y2_axis: Axis | None,
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
            x = clamp(sx(t) - w / 2, self.rect.left() + self.pad * 0.5, self.rect.right() - self.pad * 0.5 - w)
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

    def _value_labels(self, role: str, axis: Axis, sy: Callable[[float], float], edge: float, *,
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

    def _draw_axis_titles(self, titles: list[tuple[str, str, str, float]], left: float, right: float,
                          top: float) -> None:
        y = top
        for role, text, side, height in titles:
            box = QRectF(left, y, right - left, max(height, self.em))
            align = Qt.AlignmentFlag.AlignRight if side == "right" else Qt.AlignmentFlag.AlignLeft
            self.text(role, box, int(align) | int(Qt.TextFlag.TextWordWrap), text)
            y += height

    # ------------------------------------------------------------------------------------------ markers

    def _marker_symbol(self, kind: str, centre: QPointF, size: float | None = None) -> None:
        fill, outline = self.c.markers.get(kind, self.c.markers["event"])
        radius = (size or self.em * 0.36)
        path = _symbol_path(_MARKER_SHAPES.get(kind, "circle"), centre, radius)
        self.p.setPen(self.pen(outline, 1.6))
        self.p.setBrush(QColor(fill))
        self.p.drawPath(path)

    def _draw_markers(self, placed: list[PlacedMarker], plot: QRectF, lane_h: float, lanes_top: float) -> None:
        p, em = self.p, self.em
        lanes = max((m.lane for m in placed), default=-1) + 1
        for m in placed:
            centre_y = lanes_top + (lanes - 1 - m.lane) * lane_h + lane_h / 2
            p.setPen(self.pen(self.c.axis, 1.0, cap=Qt.PenCapStyle.FlatCap))
            p.drawLine(QLineF(m.x_px, centre_y, m.x_px, plot.top() + em * 0.3))
            self._marker_symbol(m.kind, QPointF(m.x_px, centre_y))
            half = em * 0.5
            self.layout.marks.append((QRectF(m.x_px - half, centre_y - half, 2 * half, 2 * half),
                                      plan.key_text(self.spec, m)))
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

    def _draw_key(self, cells: list[tuple[plan.Box, int, str, str]], left: float, top: float) -> None:
        em = self.em
        lead_number = self.width(str(len(cells))) if cells and cells[0][1] > 0 else 0.0
        for cell, number, kind, text in cells:
            box = QRectF(*cell).translated(left, top)
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
