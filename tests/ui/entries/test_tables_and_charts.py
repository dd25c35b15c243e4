"""The tables, filters and charts over a realistic 60-day stay of twins: models pass qtmodeltester, filters and
sorting behave as a family expects, and the charts (built by the Qt-free chart_specs) show what happened."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from nec_companion.export.chart_specs import (
    PUMPING_GUIDES,
    feeding_chart_spec,
    instant_x,
    pumping_chart_spec,
    weight_chart_spec,
)
from nec_companion.journal.sample import build_sample_twins
from nec_companion.ui import style
from nec_companion.ui.entries.table_model import SORT_ROLE
from tests.conftest import ROOT
from tests.ui.entries.conftest import build_tabs

TABLES = ("Feeding", "Pumping", "Weights", "Care events", "Notes")


@pytest.fixture
def sample(qtbot, qapp, journal, clock):  # type: ignore[no-untyped-def]
    style.apply_style(qapp, scale=1.0)
    twins = build_sample_twins(journal, clock=clock)
    return build_tabs(qtbot, journal, clock, zone=twins.time_zone), twins


def test_every_table_model_and_proxy_passes_qtmodeltester(qtmodeltester, sample) -> None:
    """Each tab's model and filter proxy pass Qt's model tester, with every filter combination a family can pick."""
    tabs, _twins = sample
    for label in TABLES:
        section = tabs.table(label)
        tabs.show(label)
        qtmodeltester.check(section.model)
        qtmodeltester.check(section.proxy)
        for index in range(section.range_filter.count()):
            section.range_filter.setCurrentIndex(index)
            section.baby_filter.setCurrentIndex(section.baby_filter.count() - 1)
            qtmodeltester.check(section.model)
            qtmodeltester.check(section.proxy)
        section.range_filter.setCurrentIndex(2)  # whole stay
        assert section.proxy.rowCount() > 0
    for chart in (tabs.charts.feeding, tabs.charts.pumping, tabs.charts.weight):
        tabs.show("Charts")
        qtmodeltester.check(chart.table_model)


def test_filters_by_baby_and_dates_and_sorts_on_raw_values(sample) -> None:
    """The baby and date filters narrow the table; numbers sort as numbers, newest first by default."""
    tabs, twins = sample
    weights = tabs.table("Weights")
    tabs.show("Weights")
    assert weights.baby_filter.isVisible() and weights.baby_filter.itemText(0) == "Both babies"
    weights.range_filter.setCurrentIndex(0)  # last 7 days: 6 nights weighed before today, for two babies
    days = {weights.proxy.entry_at(row).measured_on for row in range(weights.proxy.rowCount())}
    assert min(days) >= twins.last_day - dt.timedelta(days=6)
    weights.baby_filter.setCurrentIndex(weights.baby_filter.findData(int(twins.babies[1].baby_id)))
    assert {weights.proxy.entry_at(row).baby_id for row in range(weights.proxy.rowCount())} == \
        {twins.babies[1].baby_id}
    weights.range_filter.setCurrentIndex(2)  # whole stay
    everything = weights.proxy.rowCount()
    assert everything == len(tabs.entries.weights(twins.babies[1].baby_id))
    dates = [weights.proxy.index(row, 0).data(SORT_ROLE) for row in range(everything)]
    assert dates == sorted(dates, reverse=True)
    weights.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    grams = [weights.proxy.entry_at(row).grams for row in range(everything)]
    assert grams == sorted(grams)
    weights.range_filter.setCurrentIndex(3)  # choose dates
    assert weights.custom.isVisible()
    weights.from_date.setDate(weights.from_date.date().addDays(20))
    assert 0 < weights.proxy.rowCount() < everything

    events = tabs.table("Care events")
    tabs.show("Care events")
    events.range_filter.setCurrentIndex(0)  # the probiotic started on day 3 is still going on: it shows
    assert [events.proxy.index(row, 2).data() for row in range(events.proxy.rowCount())] == ["Probiotic"] * 2

    pumping = tabs.table("Pumping")
    tabs.show("Pumping")
    assert not pumping.baby_filter.isVisible()  # pumping belongs to the mother
    feeding = tabs.table("Feeding")
    tabs.show("Feeding")
    assert feeding.kind_filter.currentText() == "Plan changes"  # the heart of it, shown first
    assert feeding.proxy.rowCount() > 0
    assert all(feeding.proxy.index(row, 2).data() == "Plan change" for row in range(feeding.proxy.rowCount()))
    feeding.kind_filter.setCurrentIndex(1)
    assert {feeding.proxy.index(row, 2).data() for row in range(feeding.proxy.rowCount())} == \
        {"Bottle (you)", "Breastfeed (you)"}


def test_weights_table_shows_change_and_the_cores_seven_day_gain(sample) -> None:
    """Each weighing shows grams since the one before and the 7-day gain the core works out for that date."""
    tabs, twins = sample
    weights = tabs.table("Weights")
    tabs.show("Weights")
    robin = twins.babies[0]
    latest = tabs.entries.weights(robin.baby_id)[-1]
    gain = tabs.entries.weight_gain(robin.baby_id)
    assert gain is not None
    weights.select(latest)
    row = weights.table.currentIndex().row()
    cells = [weights.proxy.index(row, column).data() for column in range(weights.proxy.columnCount())]
    assert cells[1] == "Robin"
    assert cells[5] == f"{gain.g_per_kg_per_day:.1f} g/kg/day"
    assert cells[4].endswith(" g") and cells[4][0] in "+\u22120"


def test_charts_show_feeds_pumping_and_weight_with_pauses_events_and_guides(sample) -> None:
    """Wren's whole stay: the pause is shaded, "something I noticed" and antibiotics are marked; the pumping
    guides can be hidden and stay hidden; every chart has its table; the specs are chart_specs' own."""
    tabs, twins = sample
    charts = tabs.charts
    tabs.show("Charts")
    wren = twins.babies[1]
    charts.baby.setCurrentIndex(charts.baby.findData(int(wren.baby_id)))
    charts.range.setCurrentIndex(charts.range.count() - 1)  # whole stay
    feeding = charts.feeding.spec()
    assert feeding.has_data and feeding.title == "Wren: planned feeds (mL/kg/day)"
    assert any(shade.label.startswith("Feeds paused") for shade in feeding.shaded)
    assert any(marker.kind == "warning" for marker in feeding.markers)
    assert any(marker.label.startswith("Antibiotics started") for marker in feeding.markers)
    assert any(marker.label == "Antibiotics stopped" for marker in feeding.markers)
    series = tabs.entries.chart_series(wren.baby_id, first_day=wren.birth_date, last_day=twins.last_day)
    assert feeding == feeding_chart_spec(series, zone_name=tabs.entries.time_zone)
    assert charts.weight.spec() == weight_chart_spec(series)
    assert charts.weight.spec().series[1].name == "Birth weight (990 g)"

    pumping = charts.pumping.spec()
    assert [guide.y_low for guide in pumping.guides] == [value for value, _ in PUMPING_GUIDES]
    assert "not a test" in pumping.note
    charts.pumping.guides_box.setChecked(False)
    assert all(guide.hidden for guide in charts.pumping.spec().guides)
    charts.range.setCurrentIndex(0)
    assert all(guide.hidden for guide in charts.pumping.spec().guides)
    assert len(charts.pumping.spec().series[0].points) == 14
    charts.feeding.table_button.click()
    assert charts.feeding.is_table_shown() and charts.feeding.table_model.rowCount() >= 14


def test_a_new_entry_reaches_every_tab(qtbot, sample) -> None:
    """A weight added anywhere updates Today at once and the Weights table and chart when they are shown."""
    tabs, twins = sample
    from nec_companion.core.measurements import Weight

    robin = twins.babies[0]
    change = tabs.entries.add(Weight(baby_id=robin.baby_id, measured_on=twins.last_day, grams=2400))
    tabs.editor.changed.emit(change)
    assert "2,400 g" in next(card for card in tabs.today.baby_cards
                             if card.card.baby.baby_id == robin.baby_id).blocks["weight"].text()
    tabs.show("Weights")
    assert tabs.table("Weights").proxy.index(0, 2).data() == "2,400 g"
    tabs.show("Charts")
    assert tabs.charts.weight.spec().series[0].points[-1] == (60.0, 2400.0)


def test_chart_specs_place_instants_by_local_day_and_import_no_qt(sample) -> None:
    """A pause starting at 18:00 local on day 12 is shaded from x = 12.25; chart_specs loads without PySide6."""
    tabs, twins = sample
    birth = twins.babies[0].birth_date
    evening = dt.datetime.combine(birth + dt.timedelta(days=11), dt.time(18, 0), tzinfo=dt.UTC)  # London, winter
    assert instant_x(evening, birth_date=birth, zone_name="Europe/London") == pytest.approx(12.25)
    days = tabs.entries.pumping_days(first_day=birth, last_day=twins.last_day)
    spec = pumping_chart_spec(days, birth_date=birth, today=twins.last_day, show_guides=False)
    assert spec.series[0].points[0][0] == 1.0 and all(guide.hidden for guide in spec.guides)
    assert "so far" in spec.summary
    code = ("import sys, nec_companion.export.chart_specs\n"
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, timeout=60).returncode == 0


def test_the_note_column_takes_the_spare_width(sample) -> None:
    """Issue 11 (#28): the free-text note column gets the room left over and reaches the table's right edge; the
    columns after it (skin to skin) fit their contents instead of stretching empty."""
    tabs, _twins = sample
    notes = tabs.table("Notes")
    tabs.show("Notes")
    notes.range_filter.setCurrentIndex(2)  # whole stay
    header = notes.table.horizontalHeader()
    headers = [column.header for column in notes.model.columns]
    note, skin = headers.index("Note"), headers.index("Skin to skin")
    assert header.sectionSize(note) > header.sectionSize(skin)
    right_edge = sum(header.sectionSize(index) for index in range(header.count()))
    assert right_edge >= notes.table.viewport().width() - 1
    tabs.host.resize(1500, 800)
    QApplication.processEvents()
    assert sum(header.sectionSize(index) for index in range(header.count())) >= notes.table.viewport().width() - 1
