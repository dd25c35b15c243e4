"""The façade's figures match the pure calculations over every entry, and the sample twins are realistic and
deterministic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from nec_companion.core.clock import ManualClock
from nec_companion.core.daily import baby_chart_series, feeding_days, pumping_days, weight_gain
from nec_companion.core.entries import EntryKind
from nec_companion.core.feeding import BolusFeeds, FeedingPlanChange
from nec_companion.core.today import baby_today, pumping_today
from nec_companion.journal import JournalEntries
from nec_companion.journal.sample import build_sample_twins

from .conftest import PASSPHRASE, ZONE


@pytest.fixture
def sample(journal, clock):
    return build_sample_twins(journal, clock=clock)


def test_sample_twins_tell_a_realistic_60_day_stay(sample, entries):
    """60 days of twins: a daily weight, pumping 8 times a day, a pause with a warning sign, milestones."""
    assert [baby.nickname for baby in sample.babies] == ["Robin", "Wren"]
    assert (sample.last_day - sample.first_day).days == 59 and sample.last_day == entries.today()
    assert sample.total_entries > 700
    assert 55 * 8 < sample.counts[EntryKind.PUMPING] <= 60 * 8
    wren = sample.babies[1].baby_id
    assert any(plan.is_paused for plan in entries.feeding_plans(wren))
    assert any(event.is_warning_sign for event in entries.care_events(wren))
    tags = {tag for note in entries.notes() for tag in note.tags}
    assert {"first hold", "full feeds reached", "first bottle", "first breastfeed"} <= tags
    today = entries.today_overview()
    for card in today.babies:
        assert 130 <= card.ml_per_kg_today <= 180
        assert 12 <= card.weight_gain.g_per_kg_per_day <= 22
    assert today.pumping.day.sessions >= 1 and today.pumping.rolling_24h_ml > 300


def test_sample_is_deterministic(make_directory, clock):
    """Two journals built with the same seed and clock hold the same entries."""
    built = []
    for _ in range(2):
        journal, _ = make_directory().create(passphrase=PASSPHRASE)
        build_sample_twins(journal, clock=clock, days=40)
        entries = JournalEntries(journal, clock=clock)
        built.append([entries.list_entries(kind) for kind in EntryKind])
        journal.close(save=False)
    assert built[0] == built[1]
    assert all(built[0])  # every kind is there


def test_facade_figures_equal_the_pure_calculations(sample, entries):
    """Feeding days, chart series, Today cards, pumping and weight gain equal the maths over all entries."""
    plans, weights = entries.feeding_plans(), entries.weights()
    events, notes, feeds = entries.care_events(), entries.notes(), entries.family_feeds()
    sessions = entries.pumping_sessions()
    zone, now = entries.time_zone, entries.now()
    for baby in sample.babies:
        first, last = sample.first_day + timedelta(days=5), sample.last_day - timedelta(days=3)
        assert entries.feeding_days(baby.baby_id, first_day=first, last_day=last) == feeding_days(
            baby=baby, plans=plans, weights=weights, zone_name=zone, first_day=first, last_day=last)
        assert entries.chart_series(baby.baby_id, first_day=first, last_day=last) == baby_chart_series(
            baby=baby, plans=plans, weights=weights, events=events, notes=notes, zone_name=zone, first_day=first,
            last_day=last)
        assert entries.baby_today(baby.baby_id) == baby_today(
            baby=baby, now=now, zone_name=zone, plans=plans, weights=weights, events=events, family_feeds=feeds,
            notes=notes)
        assert entries.weight_gain(baby.baby_id) == weight_gain(baby=baby, weights=weights)
        periods = entries.plan_periods(baby.baby_id, first_day=first, last_day=last)
        assert periods == entries.chart_series(baby.baby_id, first_day=first, last_day=last).periods
    assert entries.pumping_days(first_day=sample.first_day, last_day=sample.last_day) == pumping_days(
        sessions, zone_name=zone, first_day=sample.first_day, last_day=sample.last_day)
    assert entries.pumping_today() == pumping_today(sessions=sessions, now=now, zone_name=zone)
    assert entries.rolling_pumping_total() == entries.pumping_today().rolling_24h_ml


def test_chart_series_marks_the_pause_and_the_warning(sample, entries):
    """Wren's chart has a shaded pause on days 13-15, the 'something I noticed' marker, and weights."""
    wren = sample.babies[1]
    series = entries.chart_series(wren.baby_id, first_day=sample.first_day, last_day=sample.last_day)
    assert len(series.days) == 60 and series.days[0].day_of_life == 1
    (pause,) = series.paused_spans
    assert (pause.end - pause.start) > timedelta(hours=40)
    paused_days = [day.day_of_life for day in series.days if day.hours_paused > 0]
    assert paused_days == [13, 14, 15]
    assert any(event.is_warning_sign for event in series.care_events)
    assert len(series.weights) >= 58 and series.plan_changes
    assert {tag for note in series.milestones for tag in note.tags} >= {"first hold"}


def test_today_updates_after_adding_a_plan_change(sample, entries, clock):
    """A new plan recorded now changes today's planned volume and the plan in words at once."""
    robin = sample.babies[0]
    before = entries.baby_today(robin.baby_id)
    change = entries.add(FeedingPlanChange(baby_id=robin.baby_id, effective_at=clock.now(), time_zone=ZONE,
                                           regimen=BolusFeeds(50, 3)), confirmed=True)
    after = entries.baby_today(robin.baby_id)
    assert change.baby_ids == (robin.baby_id,)
    assert after.plan == change.entry and after.plan_text.startswith("50 mL every 3 hours")
    assert after.planned_ml_today != before.planned_ml_today


def test_dst_day_in_a_stored_journal(journal, twins, clock):
    """Stored in a journal, a plan running across London's clock change gives 23 hours of feeds that day."""
    clock.set(datetime(2025, 4, 2, 12, 0, tzinfo=UTC))
    entries = JournalEntries(journal, clock=clock, time_zone=ZONE)
    robin = twins[0].baby_id
    entries.add(FeedingPlanChange(baby_id=robin, effective_at=datetime(2025, 3, 25, 9, tzinfo=UTC), time_zone=ZONE,
                                  regimen=BolusFeeds(12, 3)))
    days = entries.feeding_days(robin, first_day=date(2025, 3, 29), last_day=date(2025, 3, 31))
    assert [day.hours for day in days] == [24, 23, 24]
    assert [day.planned_ml for day in days] == pytest.approx([96, 92, 96])


def test_twins_today_cards_are_separate(sample, entries):
    """Each Today card is about its own baby only."""
    overview = entries.today_overview()
    robin_card, wren_card = overview.babies
    assert robin_card.baby == sample.babies[0] and wren_card.baby == sample.babies[1]
    assert all(event.baby_id == robin_card.baby.baby_id for event in robin_card.recent_events)
    assert robin_card.latest_weight.baby_id != wren_card.latest_weight.baby_id
    assert overview.warnings == ()


def test_a_warning_shows_on_today_for_24_hours(sample, entries, clock: ManualClock):
    """'Something I noticed' recorded now shows on that baby's card until 24 hours later."""
    from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign

    robin = sample.babies[0].baby_id
    entries.add(CareEvent(baby_id=robin, kind=CareEventKind.NOTICED, started_at=clock.now(), time_zone=ZONE,
                          signs=frozenset({NoticedSign.SLEEPIER_THAN_USUAL})))
    assert [event.baby_id for event in entries.today_overview().warnings] == [robin]
    clock.advance(timedelta(hours=25))
    assert entries.today_overview().warnings == ()
