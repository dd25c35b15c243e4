"""Charts: round ticks, one drawing path for images and PDF pages, monochrome print, 200 % text, the table
alternative and the chart widget.

Set SCREENSHOT_DIR to keep the PNGs of the screenshot test (e.g. SCREENSHOT_DIR=artifacts/screenshots/charts).
"""

from __future__ import annotations

import itertools
import math
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTransform

from nec_companion.charts import samples
from nec_companion.charts.model import (
    ChartSpec,
    GuideBand,
    Marker,
    Series,
    ShadedRange,
    format_number,
    format_tick,
    nice_ticks,
    table_rows,
)
from nec_companion.charts.painter import EMPTY_MESSAGE, KEY_IN_TABLE, ChartLayout, draw_chart
from nec_companion.ui import style
from nec_companion.ui.charts.widget import SHOW_CHART, SHOW_TABLE, ChartTableModel, ChartWidget

SAMPLES = samples.all_samples()


# ---------------------------------------------------------------------------------------------- helpers

def chart_font(scale: float = 1.0) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(style.BASE_POINT_SIZE * scale)
    return font


def render(spec: ChartSpec, *, width: int = 960, height: int = 600, scale: float = 1.0,
           monochrome: bool = False) -> tuple[QImage, ChartLayout]:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        layout = draw_chart(painter, QRectF(0, 0, width, height), spec, font=chart_font(scale),
                            monochrome=monochrome)
    finally:
        painter.end()
    return image, layout


def channels(image: QImage) -> tuple[bytes, bytes, bytes, int]:
    """(blue, green, red) bytes of every pixel of an RGB32 image, and its width."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return data[0::4], data[1::4], data[2::4], image.width()


def pixels_like(image: QImage, rect: QRectF, colours: list[str], *, tolerance: int = 40) -> int:
    """How many pixels inside rect are within `tolerance` (per channel) of one of `colours`."""
    blue, green, red, width = channels(image)
    targets = [QColor(c) for c in colours]
    left, right = max(0, int(rect.left())), min(width, int(rect.right()) + 1)
    top, bottom = max(0, int(rect.top())), min(image.height(), int(rect.bottom()) + 1)
    count = 0
    for y in range(top, bottom):
        row = y * width
        for x in range(left, right):
            i = row + x
            r, g, b = red[i], green[i], blue[i]
            if any(abs(r - t.red()) <= tolerance and abs(g - t.green()) <= tolerance
                   and abs(b - t.blue()) <= tolerance for t in targets):
                count += 1
    return count


def coloured_pixels(image: QImage) -> list[tuple[int, int]]:
    """Positions of pixels that are not a pure grey (red, green and blue not all equal)."""
    blue, green, red, width = channels(image)
    if blue == green == red:
        return []
    return [(i % width, i // width) for i in range(len(blue)) if not blue[i] == green[i] == red[i]][:20]


def overlapping(rects: list[tuple[str, str, QRectF]]) -> list[tuple[str, str]]:
    clashes = []
    shrunk = [(role, text, r.adjusted(0.5, 0.5, -0.5, -0.5)) for role, text, r in rects]
    for i, (role_a, text_a, a) in enumerate(shrunk):
        for role_b, text_b, b in shrunk[i + 1:]:
            if a.intersects(b):
                clashes.append((f"{role_a}:{text_a}", f"{role_b}:{text_b}"))
    return clashes


SERIES_COLOURS = [style.ACCENT, "#7fb2c6"]  # the first line/point colour and the first bar fill


# ---------------------------------------------------------------------------------------------- ticks

@given(low=st.floats(-1e12, 1e12, allow_nan=False), high=st.floats(-1e12, 1e12, allow_nan=False),
       max_ticks=st.integers(3, 8))
def test_nice_ticks_cover_the_range_evenly(low: float, high: float, max_ticks: int) -> None:
    """Ticks start at or below the lowest value, end at or above the highest, are evenly spaced, 3 to max."""
    ticks = nice_ticks(low, high, max_ticks=max_ticks)
    assert 3 <= len(ticks) <= max_ticks
    step = (ticks[-1] - ticks[0]) / (len(ticks) - 1)
    assert step > 0
    assert ticks[0] <= min(low, high) + step * 1e-6
    assert ticks[-1] >= max(low, high) - step * 1e-6
    for a, b in itertools.pairwise(ticks):
        assert b - a == pytest.approx(step, rel=1e-6)


@given(low=st.floats(-1e6, 1e6, allow_nan=False), span=st.floats(1e-3, 1e6))
def test_nice_ticks_use_round_steps(low: float, span: float) -> None:
    """The step between ticks is 1, 2, 2.5 or 5 times a power of ten, and tick values are multiples of it."""
    ticks = nice_ticks(low, low + span)
    step = (ticks[-1] - ticks[0]) / (len(ticks) - 1)
    power = 10 ** math.floor(math.log10(step))
    nice = [m * power for m in (1, 2, 2.5, 5, 10) if step == pytest.approx(m * power, rel=1e-6)]
    assert nice, step
    for tick in ticks:
        assert tick / nice[0] == pytest.approx(round(tick / nice[0]), rel=1e-9, abs=1e-6)


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 20, (0, 5, 10, 15, 20)),
    (0, 157, (0, 50, 100, 150, 200)),
    (0, 1000, (0, 200, 400, 600, 800, 1000)),
])
def test_nice_ticks_for_typical_chart_ranges(low: float, high: float, expected: tuple[float, ...]) -> None:
    """Day and millilitre ranges get the ticks a person would choose."""
    assert nice_ticks(low, high) == expected


@pytest.mark.parametrize(("low", "high"), [(math.nan, 5), (math.inf, -math.inf), (7, 7), (0, 0), (10, -10),
                                          (1e300, -1e300), (1e-300, 2e-300), (1, 1 + 1e-15)])
def test_nice_ticks_survive_odd_limits(low: float, high: float) -> None:
    """Missing, infinite, equal, reversed, huge and tiny limits still give 3+ finite, increasing ticks."""
    ticks = nice_ticks(low, high)
    assert len(ticks) >= 3
    assert all(math.isfinite(t) for t in ticks)
    assert list(ticks) == sorted(set(ticks))


def test_tick_and_value_labels_read_naturally() -> None:
    """Tick labels carry just the decimals their step needs; table values drop trailing zeros and show gaps."""
    assert [format_tick(v, 0.5) for v in (0, 0.5, 1.5)] == ["0", "0.5", "1.5"]
    assert format_tick(1500, 500) == "1,500"
    assert format_tick(7.5, 2.5) == "7.5"
    assert format_tick(2e9, 1e9) == "2e+09"
    assert [format_number(v) for v in (152.0, 152.25, 1.5, 980, None, math.nan)] == \
        ["152", "152.2", "1.5", "980", "", ""]


# ---------------------------------------------------------------------------------------------- drawing

@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_draws_its_data(qapp, name: str) -> None:
    """Each sample chart draws a plot with its series in it, a title and labelled axes."""
    image, layout = render(SAMPLES[name])
    assert not layout.empty
    assert layout.plot.width() > 400 and layout.plot.height() > 200
    assert pixels_like(image, layout.plot.adjusted(-3, -3, 3, 3), SERIES_COLOURS) > 200
    assert SAMPLES[name].title in layout.strings("title")
    assert layout.rects("x-tick") and layout.rects("y-tick")


def _hostile_specs() -> dict[str, ChartSpec]:
    line = "line"
    many = tuple((float(i), math.sin(i / 50) * 100 + 120) for i in range(10_000))
    return {
        "one point": ChartSpec("One", "x", "y", (Series("s", ((3, 5),), line),)),
        "one bar": ChartSpec("One", "x", "y", (Series("s", ((3, 5),), "bars"),)),
        "nan and inf": ChartSpec("NaN", "x", "y", (Series("s", (
            (math.nan, 1), (1, math.nan), (2, 5), (math.inf, 3), (3, -math.inf), (4, 6), (5, 7), (6, "x")), line),),
            y_min=math.nan, y_max=math.inf, x_ticks=((math.nan, "a"), (4, "four"))),
        "negative": ChartSpec("Neg", "x", "y", (Series("a", tuple((float(i), -50.0 * i) for i in range(10)), "bars"),
                                                Series("b", ((0, -10), (9, -400)), line))),
        "zero-width x": ChartSpec("Same day", "x", "y", (Series("s", ((7, 1), (7, 3), (7, 2)), line),)),
        "all zero": ChartSpec("Zeros", "x", "y", (Series("s", tuple((float(i), 0.0) for i in range(5)), line),)),
        "flat": ChartSpec("Flat", "x", "y", (Series("s", tuple((float(i), 42.0) for i in range(5)), line),)),
        "huge": ChartSpec("Huge", "x", "y", (Series("s", ((0, 1e-300), (1, 1e12), (2, 1e300), (3, -1e300)), line),),
                          guides=(GuideBand(1e308, math.inf, "off the scale"),)),
        "huge x": ChartSpec("Huge x", "x", "y", (Series("s", ((-1e300, 1), (1e300, 2)), "points"),)),
        "10,000 points": ChartSpec("Many", "x", "y", (
            Series("line", many, line), Series("bars", many, "bars"), Series("points", many, "points", axis="right"),
        ), markers=tuple(Marker(i * 97.0, f"event {i}", "event") for i in range(100))),
        "reversed limits": ChartSpec("Limits", "x", "y", (Series("s", ((0, 1), (1, 2)), line),), y_min=10, y_max=-10,
                                     x_min=5, x_max=5, shaded=(ShadedRange(1, 0, "backwards"),
                                                               ShadedRange(math.nan, 3, "nan"))),
        "crowded markers": ChartSpec("Crowd", "x", "y", (Series("s", ((0, 1), (1, 2)), line),),
                                     markers=tuple(Marker(0.5, f"same moment {i}", "warning") for i in range(40))),
        "long words": ChartSpec("T" * 300, "X" * 300, "Y" * 300, (Series("N" * 300, ((0, 1), (1, 2)), line),),
                                note="n" * 500),
    }


HOSTILE = _hostile_specs()


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("size", [(960, 600), (220, 160)])
def test_hostile_specs_draw_something_sensible(qapp, name: str, size: tuple[int, int]) -> None:
    """Odd data (one point, NaN, negatives, zero-width ranges, huge values, 10,000 points, crowds) draws
    without an exception; on a normal-size chart the data shows in the plot."""
    image, layout = render(HOSTILE[name], width=size[0], height=size[1])
    if size == (960, 600):
        assert not layout.empty, name
        assert pixels_like(image, layout.plot.adjusted(-4, -4, 4, 4), SERIES_COLOURS) > 0, name
    for _, _, rect in layout.texts:
        assert math.isfinite(rect.x()) and math.isfinite(rect.width())


@pytest.mark.parametrize("spec", [
    ChartSpec("Nothing yet", "Day", "mL"),
    ChartSpec("Empty series", "Day", "mL", (Series("s", ()),)),
    ChartSpec("All gaps", "Day", "mL", (Series("s", ((1, None), (2, None), (3, math.nan))),)),
    ChartSpec("Only markers", "Day", "mL", markers=(Marker(3, "plan", "plan"),), shaded=(ShadedRange(1, 2, "x"),)),
], ids=["no series", "empty series", "all gaps", "markers only"])
def test_empty_spec_says_no_data_yet(qapp, spec: ChartSpec) -> None:
    """A chart with nothing to plot shows its title and a calm "No data yet" message instead of empty axes."""
    _image, layout = render(spec)
    assert layout.empty
    assert layout.strings("message") == [EMPTY_MESSAGE]
    assert layout.strings("title") == [spec.title]
    assert layout.rects("x-tick") == []


def test_tiny_rect_and_inactive_painter_are_harmless(qapp) -> None:
    """A 1-pixel rect, a rect with no room for a plot, and a painter that is not painting all just return."""
    for width, height in [(1, 1), (30, 20), (60, 400), (400, 60)]:
        render(SAMPLES["feeding"], width=width, height=height)
    layout = draw_chart(QPainter(), QRectF(0, 0, 100, 100), SAMPLES["feeding"], font=chart_font())
    assert layout.empty


def test_decimated_line_keeps_a_one_point_spike(qapp) -> None:
    """With 10,000 points on a line, a single high value still reaches the top of the plot."""
    points = [(float(i), 10.0) for i in range(10_000)]
    points[6_123] = (6_123.0, 100.0)
    image, layout = render(ChartSpec("Spike", "x", "y", (Series("s", tuple(points)),), y_min=0, y_max=100))
    top_strip = QRectF(layout.plot.left(), layout.plot.top() - 2, layout.plot.width(), 6)
    assert pixels_like(image, top_strip, [style.ACCENT]) > 0


def test_draw_chart_restores_the_painter(qapp) -> None:
    """After drawing, the caller's pen, font and transform are as they were (so export can draw more)."""
    image = QImage(600, 400, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    font = QFont("DejaVu Serif")
    painter.setFont(font)
    painter.setTransform(QTransform.fromTranslate(3, 4))
    draw_chart(painter, QRectF(0, 0, 500, 300), SAMPLES["weight"], font=chart_font())
    assert painter.font().family() == "DejaVu Serif"
    assert painter.transform() == QTransform.fromTranslate(3, 4)
    painter.end()


def test_markers_are_labelled_when_few_and_numbered_with_a_key_when_crowded(qapp) -> None:
    """One marker gets its label next to it; nine close together get numbers and a key below the plot."""
    _, few = render(SAMPLES["weight"])
    assert not few.markers_numbered
    assert few.strings("marker-label") == ["Back to birth weight"]
    _, crowded = render(SAMPLES["feeding"])
    assert crowded.markers_numbered
    assert "Day 15: Swollen belly noticed, told the nurse" in crowded.strings("key")
    assert set(crowded.strings("marker-number")) == {str(n) for n in range(1, 10)}
    assert all(r.top() > crowded.plot.bottom() for r in crowded.rects("key"))


def test_key_gives_way_to_the_plot_when_space_is_short(qapp) -> None:
    """In a short chart at 200 % text the key shrinks to one line pointing at the table and the marks to bare
    symbols in one row, so the plot keeps a third of the height."""
    _, layout = render(SAMPLES["feeding"], width=1000, height=620, scale=2.0)
    assert layout.markers_compact
    assert layout.strings("key") == [KEY_IN_TABLE]
    assert layout.strings("marker-number") == []
    assert layout.plot.height() >= 620 * 0.3


def test_guides_and_pauses_are_labelled_gently(qapp) -> None:
    """Guide lines carry their labels (no "target" wording); pauses are named in the legend and on the band."""
    _, pumping = render(SAMPLES["pumping"])
    labels = pumping.strings("guide-label")
    assert labels == ["About 500 mL a day, around day 14", "750 mL a day, a goal some programs use"]
    assert not any("target" in text.lower() for text in pumping.strings())
    _, feeding = render(SAMPLES["feeding"])
    assert "Feeds paused (NPO)" in feeding.strings("legend")
    assert "Feeds paused (NPO)" in feeding.strings("shaded-label")


def test_fixed_limits_are_obeyed_and_impossible_ones_ignored(qapp) -> None:
    """x_min/x_max and y_min/y_max set the axes (a 60-day axis for 20 days of data); reversed limits are ignored."""
    points = tuple((float(d), 10.0 * d) for d in range(1, 21))
    _, fixed = render(ChartSpec("t", "Day", "mL", (Series("s", points),), x_min=0, x_max=60, y_min=0, y_max=500))
    assert fixed.x_axis == (0, 60) and fixed.y_axis == (0, 500)
    assert "60" in fixed.strings("x-tick")
    _, ignored = render(ChartSpec("t", "Day", "mL", (Series("s", points),), x_min=60, x_max=0, y_min=9, y_max=1))
    assert ignored.x_axis[0] <= 1 and ignored.x_axis[1] >= 20 and ignored.y_axis[1] >= 200


def test_hidden_guides_are_not_drawn_and_free_the_scale(qapp) -> None:
    """Hiding the guides removes their lines and labels, and the axis no longer stretches to 750 mL."""
    _, shown = render(SAMPLES["pumping"])
    _, hidden = render(SAMPLES["pumping"].with_guides_hidden(True))
    assert hidden.strings("guide-label") == []
    assert shown.y_axis[1] >= 750 > hidden.y_axis[1]


# ---------------------------------------------------------------------------------------------- monochrome

def _everything_spec() -> ChartSpec:
    xs = [float(i) for i in range(30)]
    return ChartSpec(
        "Everything", "Day", "mL",
        (Series("a", tuple((x, 10 + x) for x in xs)), Series("b", tuple((x, 20 + x / 2) for x in xs)),
         Series("c", tuple((x, 5 + x % 4) for x in xs), "bars"), Series("d", tuple((x, 8.0) for x in xs), "bars"),
         Series("e", tuple((x, x % 3) for x in xs), "points", axis="right"),
         Series("f", ((0, 15), (29, 15)), dashed=True)),
        shaded=(ShadedRange(10, 13, "Paused"),), guides=(GuideBand(30, 35, "A guide"),),
        markers=(Marker(3, "Plan", "plan"), Marker(8, "Event", "event"), Marker(20, "Noticed", "warning")),
        y2_label="Count", note="A note.",
    )


@pytest.mark.parametrize("name", [*sorted(SAMPLES), "everything"])
def test_monochrome_uses_only_greys(qapp, name: str) -> None:
    """In monochrome every pixel is a grey, so a black-and-white printout shows what the screen shows."""
    spec = _everything_spec() if name == "everything" else SAMPLES[name]
    image, layout = render(spec, monochrome=True)
    assert not layout.empty
    assert coloured_pixels(image) == []


def test_colour_mode_is_in_colour(qapp) -> None:
    """The screen version does use colour (so the monochrome check above means something)."""
    image, _ = render(_everything_spec())
    assert coloured_pixels(image) != []


def test_monochrome_series_differ_by_dash_and_shape(qapp) -> None:
    """In monochrome, each line's legend sample looks different from the others (dash pattern and symbol)."""
    spec = _everything_spec()
    image, layout = render(spec, monochrome=True)
    swatches = []
    for role, text, rect in layout.texts:
        if role == "legend" and text in ("a", "b", "f"):
            em = rect.height()
            swatch = image.copy(int(rect.left() - em * 2.4), int(rect.top()), int(em * 2), int(rect.height()))
            swatches.append(bytes(swatch.convertToFormat(QImage.Format.Format_Grayscale8).constBits()))
    assert len(swatches) == 3
    assert len(set(swatches)) == 3


# ---------------------------------------------------------------------------------------------- 200 % text

@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize(("scale", "size"), [(1.0, (1280, 800)), (1.0, (960, 600)), (1.0, (640, 480)),
                                             (2.0, (1280, 800)), (2.0, (960, 600)), (2.0, (1800, 1100))])
def test_no_text_overlaps_at_any_text_size(qapp, name: str, scale: float, size: tuple[int, int]) -> None:
    """At 100 % and 200 % text, no two labels (ticks, titles, legend, markers, key) overlap, and all stay inside."""
    _, layout = render(SAMPLES[name], width=size[0], height=size[1], scale=scale)
    assert not layout.empty
    assert overlapping(layout.texts) == []
    outer = layout.rect.adjusted(-0.5, -0.5, 0.5, 0.5)
    assert [text for _, text, r in layout.texts if not outer.contains(r)] == []


@pytest.mark.parametrize("scale", [1.0, 2.0])
@given(width=st.integers(260, 1800), days=st.integers(1, 400), offset=st.integers(-50, 5000))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_tick_labels_never_overlap(qapp, scale: float, width: int, days: int, offset: int) -> None:
    """For any width and x range, x and y tick labels keep apart (fewer ticks are chosen as text grows)."""
    spec = ChartSpec("t", "Day", "g", (Series("s", tuple((float(offset + d), 1000.0 + d * 37.5)
                                                         for d in range(days))),))
    _, layout = render(spec, width=width, height=max(300, width * 2 // 3), scale=scale)
    ticks = [t for t in layout.texts if t[0] in ("x-tick", "y-tick")]
    assert overlapping(ticks) == []


# ---------------------------------------------------------------------------------------------- table alternative

def test_table_rows_match_the_feeding_data() -> None:
    """The table has one row per day with its mL/kg/day (blank for a gap) and the pause and marker notes."""
    spec = SAMPLES["feeding"]
    headers, rows = table_rows(spec)
    assert headers == ("Day of life", "Enteral feeds (mL/kg/day)", "Notes")
    by_day = {row[0]: row for row in rows}
    assert len(rows) == 60
    for x, y in spec.series[0].points:
        assert by_day[format_number(x)][1] == format_number(y)
    assert by_day["33"][1] == ""
    assert by_day["17"][2] == "Feeds paused (NPO)"
    assert by_day["15"][2] == "Something noticed: Swollen belly noticed, told the nurse"
    assert by_day["16"][2] == "Feeds paused (NPO); Care event: Antibiotics started"


def test_table_rows_put_each_series_in_its_own_column() -> None:
    """Pumping: millilitres and sessions sit side by side for each day."""
    headers, rows = table_rows(SAMPLES["pumping"])
    assert headers == ("Day of life", "Milk pumped (mL per day)", "Pumping sessions per day", "Notes")
    assert rows[0] == ("1", "4", "5", "")
    assert rows[13] == ("14", "490", "8", "")


@given(st.lists(st.tuples(st.integers(-5, 40), st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))),
                max_size=60))
def test_table_rows_hold_every_finite_value_once(points: list[tuple[int, float | None]]) -> None:
    """Every finite value appears in the row of its x; gaps, NaN and infinities leave the cell blank."""
    _headers, rows = table_rows(ChartSpec("t", "x", "y", (Series("s", tuple(points)),)))
    xs = [row[0] for row in rows]
    assert len(xs) == len(set(xs)) == len({x for x, _ in points})
    by_x = {row[0]: row[1] for row in rows}
    for x in {x for x, _ in points}:
        expected = [format_number(y) for px, y in points if px == x and format_number(y)]
        assert by_x[format_number(x)] == ", ".join(expected)


def test_chart_table_model_passes_the_model_tester(qtmodeltester) -> None:
    """The table model behaves as Qt's views expect (rows, columns, headers, data, no children)."""
    qtmodeltester.check(ChartTableModel(table_rows(SAMPLES["pumping"])))
    qtmodeltester.check(ChartTableModel(table_rows(ChartSpec("empty", "x", "y"))))


def test_chart_table_model_shows_the_table(qapp) -> None:
    """Cells and headers come straight from table_rows; values are right-aligned; nothing is editable."""
    table = table_rows(SAMPLES["weight"])
    model = ChartTableModel(table)
    assert model.rowCount() == len(table.rows)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Weight (g)"
    assert model.data(model.index(0, 1)) == table.rows[0][1]
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


# ---------------------------------------------------------------------------------------------- widget

@pytest.fixture
def chart_widget(qtbot, qapp) -> ChartWidget:
    style.apply_style(qapp, scale=1.0)
    widget = ChartWidget(SAMPLES["pumping"])
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def test_widget_names_the_chart_for_screen_readers(chart_widget: ChartWidget) -> None:
    """The accessible name is the title and the description the summary sentence; the canvas takes focus."""
    spec = SAMPLES["pumping"]
    assert chart_widget.accessibleName() == spec.title
    assert chart_widget.accessibleDescription() == spec.summary
    assert chart_widget.canvas.accessibleDescription() == spec.summary
    assert chart_widget.canvas.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert chart_widget.table_view.accessibleName() == f"{spec.title}: table"


def test_widget_toggles_to_the_table_and_back_with_the_keyboard(qtbot, chart_widget: ChartWidget) -> None:
    """Space on "Show as table" swaps in the table, Space again brings the chart back; Enter on the chart
    opens the table too."""
    button = chart_widget.table_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert chart_widget.is_table_shown()
    assert chart_widget.stack.currentWidget().isAncestorOf(chart_widget.table_view)
    assert button.text() == SHOW_CHART
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert not chart_widget.is_table_shown()
    assert chart_widget.stack.currentWidget() is chart_widget.canvas
    assert button.text() == SHOW_TABLE
    chart_widget.window().activateWindow()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Tab)  # Tab goes from the toggle to the chart
    assert chart_widget.canvas.hasFocus()
    chart_widget.canvas.setFocus()
    qtbot.keyClick(chart_widget.canvas, Qt.Key.Key_Return)
    assert chart_widget.is_table_shown()
    assert chart_widget.table_view.hasFocus()


def test_widget_table_shows_every_row(chart_widget: ChartWidget) -> None:
    """The table view holds the chart's rows and cannot be edited; the guides' wording is shown below it."""
    model = chart_widget.table_view.model()
    assert model.rowCount() == len(SAMPLES["pumping"].series[0].points)
    assert chart_widget.table_view.editTriggers() == chart_widget.table_view.EditTrigger.NoEditTriggers
    assert "About 500 mL a day, around day 14" in chart_widget.table_note.text()


def test_widget_can_hide_the_guides(qtbot, chart_widget: ChartWidget) -> None:
    """Unticking "Show guides" hides every guide band and says so with a signal (so the app can remember)."""
    assert chart_widget.guides_box.isChecked()
    with qtbot.waitSignal(chart_widget.guides_visible_changed) as blocker:
        chart_widget.guides_box.setChecked(False)
    assert blocker.args == [False]
    assert all(g.hidden for g in chart_widget.spec().guides)
    _, layout = render(chart_widget.spec())
    assert layout.strings("guide-label") == []


def test_widget_renders_to_an_image(chart_widget: ChartWidget) -> None:
    """render_to_image gives an image of the asked size with the chart drawn on it."""
    image = chart_widget.render_to_image(700, 450)
    assert (image.width(), image.height()) == (700, 450)
    assert pixels_like(image, QRectF(0, 0, 700, 450), SERIES_COLOURS) > 200


# ---------------------------------------------------------------------------------------------- PDF

def test_charts_draw_into_a_pdf(qapp, tmp_path: Path) -> None:
    """The same draw_chart fills A4 landscape PDF pages (300 dpi): a real PDF whose text includes the titles."""
    path = tmp_path / "charts.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    painter = QPainter(writer)
    layouts = []
    try:
        for index, spec in enumerate(SAMPLES.values()):
            if index:
                writer.newPage()
            page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
            layouts.append(draw_chart(painter, QRectF(0, 0, page.width(), page.height()), spec, font=chart_font(),
                                      monochrome=True))
    finally:
        painter.end()
    assert path.read_bytes()[:5] == b"%PDF-"
    assert all(not layout.empty and overlapping(layout.texts) == [] for layout in layouts)
    assert layouts[0].strings("key") != [KEY_IN_TABLE]  # a page has room for the full marker key
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    assert len(reader.pages) == 3
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Feeds by day of life" in text
    assert "Swollen belly noticed" in text


# ---------------------------------------------------------------------------------------------- screenshots

@pytest.mark.screenshot
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_chart_screenshots(qtbot, qapp, tmp_path: Path, scale: float) -> None:
    """Every sample renders in colour and monochrome at both text sizes, and the widget with its table; the
    PNGs are kept for review."""
    out_dir = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    style.apply_style(qapp, scale=scale)
    try:
        width, height = (1000, 620) if scale == 1.0 else (1280, 800)
        for name, spec in SAMPLES.items():
            for monochrome in (False, True):
                image, layout = render(spec, width=width, height=height, scale=scale, monochrome=monochrome)
                path = out_dir / f"chart-{name}-{int(scale * 100)}{'-mono' if monochrome else ''}.png"
                assert image.save(str(path))
                assert not layout.empty and overlapping(layout.texts) == []
        widget = ChartWidget(SAMPLES["feeding"])
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        assert widget.grab().save(str(out_dir / f"chart-widget-{int(scale * 100)}.png"))
        widget.set_table_shown(True)
        assert widget.grab().save(str(out_dir / f"chart-widget-table-{int(scale * 100)}.png"))
    finally:
        style.apply_style(qapp, scale=1.0)


def test_widget_explains_a_marker_under_the_pointer(qtbot, qapp) -> None:
    """Hovering a marker's symbol gives its day and words (useful when only bare symbols fit at 200 % text)."""
    widget = ChartWidget(SAMPLES["feeding"])
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.canvas.last_layout is not None)
    rect, text = widget.canvas.last_layout.marks[2]
    assert text == "Day 15: Swollen belly noticed, told the nurse"
    assert widget.canvas.mark_at(rect.center().x(), rect.center().y()) == text
    assert widget.canvas.mark_at(1, 1) == ""


def test_a_line_is_broken_at_a_pause_not_drawn_through_it() -> None:
    """Review 15: the planned-feeds line ran straight through the shaded pause, as if feeds had gone on."""
    from nec_companion.charts.model import line_runs

    points = [(10.0, 100.0), (11.0, 110.0), (12.0, 60.0), (13.0, 40.0), (14.0, None), (15.0, 80.0), (16.0, 90.0)]
    runs = line_runs(points, [ShadedRange(12.4, 13.3, "Feeds paused")])
    assert runs == [[(10.0, 100.0), (11.0, 110.0), (12.0, 60.0)], [(13.0, 40.0)], [(15.0, 80.0), (16.0, 90.0)]]
    assert line_runs(points[:3]) == [points[:3]]  # no pause: one line


def test_each_table_button_says_which_chart_it_is_for(qtbot) -> None:
    """Read over AT-SPI: the Charts section had three buttons all called "Show as table"."""
    from nec_companion.charts.model import ChartSpec

    names = []
    for title in ("Planned feeds", "Pumping", "Weight"):
        widget = ChartWidget(ChartSpec(title, "Day", "mL"))
        qtbot.addWidget(widget)
        names.append(widget.table_button.accessibleName())
        widget.set_table_shown(True)
        assert widget.table_button.accessibleName() == f"{SHOW_CHART}: {title}"
    assert names == [f"{SHOW_TABLE}: Planned feeds", f"{SHOW_TABLE}: Pumping", f"{SHOW_TABLE}: Weight"]


def test_a_spanish_chart_speaks_spanish_whatever_the_app_speaks_when_it_is_painted() -> None:
    """Issue 13: a chart built in Spanish (a Spanish summary) is painted on the PDF worker while the app may speak
    English: its legend, its key and its axis numbers stay Spanish ("1500", not "1,500"), and its table too."""
    from dataclasses import replace

    from nec_companion.core import i18n

    with i18n.using("es"):
        spec = replace(SAMPLES["weight"], language=i18n.active().code)
        feeding = replace(SAMPLES["feeding"], language="es")
    _image, layout = render(spec)
    assert "Evento de atención" in layout.strings("legend")
    assert any(label.isdigit() and int(label) >= 1000 for label in layout.strings("y-tick"))
    assert not any("," in label for label in layout.strings("y-tick"))
    english_ticks = render(replace(spec, language="en"))[1].strings("y-tick")
    assert any("," in label for label in english_ticks)
    _image, small = render(feeding, width=420, height=330)
    assert small.strings("key") == ["Cada marca sobre la gráfica aparece en la tabla."]
    table = table_rows(feeding)
    assert table.headers[-1] == "Notas" and any("Cambio de plan: " in row[-1] for row in table.rows)
