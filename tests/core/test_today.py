"""The Today overview: the plan in force in words, today's mL/kg/day, weight, events, the warning banner."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from nec_companion.core.babies import BabyId
from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
from nec_companion.core.feeding import FamilyFeed, FamilyFeedMethod
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.pumping import PumpingSession
from nec_companion.core.today import NO_PLAN_TEXT, baby_today, pumping_today

from .journal_builders import LONDON, a_baby, bolus, local, paused

BABY = a_baby(1, birth_date=date(2025, 3, 1), birth_weight_g=1000)
TWIN = a_baby(2, birth_date=date(2025, 3, 1), birth_weight_g=900, nickname="Pip")
NOW = local(LONDON, 2025, 3, 20, 10, 30)


def event(kind, hours_ago, *, baby_id=1, ended_hours_ago=None, **extra):
    return CareEvent(baby_id=BabyId(baby_id), kind=kind, started_at=NOW - timedelta(hours=hours_ago),
                     time_zone=LONDON,
                     ended_at=NOW - timedelta(hours=ended_hours_ago) if ended_hours_ago is not None else None,
                     **extra)


def test_today_card_shows_the_plan_in_force_and_todays_figures():
    """The card has the plan in words with its start, today's whole-day mL and mL/kg/day, and the latest weight."""
    plans = [bolus(local(LONDON, 2025, 3, 18, 9), 15, 3), bolus(local(LONDON, 2025, 3, 20, 9, 15), 18, 3),
             bolus(local(LONDON, 2025, 3, 20, 9), 16, 3, baby_id=2)]
    weights = [Weight(baby_id=BabyId(1), measured_on=date(2025, 3, 19), grams=1200, measured_at=time(22)),
               Weight(baby_id=BabyId(1), measured_on=date(2025, 3, 12), grams=1080),
               Weight(baby_id=BabyId(2), measured_on=date(2025, 3, 19), grams=5000)]
    card = baby_today(baby=BABY, now=NOW, zone_name=LONDON, plans=plans, weights=weights)
    assert card.plan is not None and card.plan.regimen.volume_ml == 18
    assert card.plan_text.startswith("18 mL every 3 hours (144 mL a day)")
    assert card.plan_since_text == "since 9:15\u202fAM today"  # the locale's short time (CLDR)
    expected_ml = 15 / 3 * 9.25 + 18 / 3 * 14.75
    assert card.planned_ml_today == pytest.approx(expected_ml)
    assert card.ml_per_kg_today == pytest.approx(expected_ml / 1.2)
    assert card.latest_weight.grams == 1200
    assert card.weight_gain is not None and card.weight_gain.g_per_kg_per_day == pytest.approx(15.05, abs=0.01)
    assert card.ages.day_of_life == 20


def test_no_plan_yet():
    """Before any plan change the card says so plainly, and no figures are invented."""
    card = baby_today(baby=BABY, now=NOW, zone_name=LONDON, plans=[], weights=[])
    assert card.plan is None and card.plan_text == NO_PLAN_TEXT and card.plan_since_text == ""
    assert card.planned_ml_today == 0 and card.feeding.hours_without_plan == 24
    assert card.latest_weight is None and card.weight_gain is None


def test_paused_plan_shows_as_paused():
    """Feeds paused since yesterday show as paused with the reason."""
    plans = [bolus(local(LONDON, 2025, 3, 10), 15, 3), paused(local(LONDON, 2025, 3, 19, 21), reason="belly rest")]
    card = baby_today(baby=BABY, now=NOW, zone_name=LONDON, plans=plans, weights=[])
    assert card.is_paused and card.plan_text == "Feeds paused (belly rest)"
    assert card.plan_since_text == "since 9:00\u202fPM yesterday"
    assert card.feeding.hours_paused == 24 and card.planned_ml_today == 0
    # Walkthrough #13: at 10:30 the pause has lasted 10.5 hours today, not "24 hours today".
    assert card.hours_paused_so_far == pytest.approx(10.5)
    assert card.recent_pauses == ((local(LONDON, 2025, 3, 19, 21), None, "belly rest"),)


def test_a_pause_that_ended_two_days_ago_stays_on_today():
    """Walkthrough #13: a pause that ended 2 days ago is still listed with its start and end for 3 days."""
    start, end = local(LONDON, 2025, 3, 17, 8), local(LONDON, 2025, 3, 18, 8)
    plans = [bolus(local(LONDON, 2025, 3, 10), 15, 3), paused(start), bolus(end, 10, 3)]
    card = baby_today(baby=BABY, now=NOW, zone_name=LONDON, plans=plans, weights=[])
    assert not card.is_paused and card.hours_paused_so_far == 0
    assert card.recent_pauses == ((start, end, "belly rest"),)
    older = [bolus(local(LONDON, 2025, 3, 10), 15, 3), paused(local(LONDON, 2025, 3, 12)),
             bolus(local(LONDON, 2025, 3, 13), 10, 3)]
    assert baby_today(baby=BABY, now=NOW, zone_name=LONDON, plans=older, weights=[]).recent_pauses == ()


def test_warning_banner_lasts_24_hours_and_events_are_recent_or_ongoing():
    """A 'something I noticed' from 3 hours ago raises the banner; one from 2 days ago does not; courses show."""
    noticed = event(CareEventKind.NOTICED, 3, signs=frozenset({NoticedSign.BLOOD_IN_STOOL}))
    old_noticed = event(CareEventKind.NOTICED, 49, signs=frozenset({NoticedSign.SLEEPIER_THAN_USUAL}))
    course = event(CareEventKind.ANTIBIOTICS, 200, detail="gentamicin")
    finished = event(CareEventKind.ANTIBIOTICS, 300, ended_hours_ago=250)
    old_test = event(CareEventKind.TEST, 100, detail="x-ray")
    other_twin = event(CareEventKind.NOTICED, 1, baby_id=2, signs=frozenset({NoticedSign.OTHER}))
    card = baby_today(baby=BABY, now=NOW, zone_name=LONDON, plans=[], weights=[],
                      events=[noticed, old_noticed, course, finished, old_test, other_twin])
    assert card.warning == noticed
    assert card.recent_events == (noticed, old_noticed, course)
    assert card.ongoing_courses == (course,)
    quiet = baby_today(baby=BABY, now=NOW, zone_name=LONDON, plans=[], weights=[], events=[old_noticed])
    assert quiet.warning is None


def test_family_feeds_and_skin_to_skin_are_today_only():
    """Today's family feeds and skin-to-skin minutes count only this baby and this local day."""
    feeds = [FamilyFeed(baby_id=BabyId(1), at=local(LONDON, 2025, 3, 20, 8), time_zone=LONDON,
                        method=FamilyFeedMethod.BREASTFEED),
             FamilyFeed(baby_id=BabyId(1), at=local(LONDON, 2025, 3, 19, 23, 59), time_zone=LONDON,
                        method=FamilyFeedMethod.BOTTLE, volume_ml=20),
             FamilyFeed(baby_id=BabyId(2), at=local(LONDON, 2025, 3, 20, 8), time_zone=LONDON,
                        method=FamilyFeedMethod.BREASTFEED)]
    notes = [NoteEntry(at=local(LONDON, 2025, 3, 20, 7), time_zone=LONDON, skin_to_skin_minutes=45,
                       baby_id=BabyId(1), tags=("first hold",)),
             NoteEntry(at=local(LONDON, 2025, 3, 20, 9), time_zone=LONDON, skin_to_skin_minutes=30, baby_id=BabyId(1)),
             NoteEntry(at=local(LONDON, 2025, 3, 20, 9), time_zone=LONDON, skin_to_skin_minutes=60, baby_id=BabyId(2))]
    card = baby_today(baby=BABY, now=NOW, zone_name=LONDON, plans=[], weights=[], family_feeds=feeds, notes=notes)
    assert len(card.family_feeds_today) == 1
    assert card.skin_to_skin_minutes_today == 75
    assert [note.tags for note in card.milestones_today] == [("first hold",)]


def test_pumping_today_and_rolling_total():
    """Today's total counts since local midnight; the rolling total counts the last 24 hours."""
    sessions = [PumpingSession(at=NOW - timedelta(hours=hours), time_zone=LONDON, total_ml=ml)
                for hours, ml in ((1, 60), (4, 55), (9, 50), (13, 70), (30, 80))]
    summary = pumping_today(sessions=sessions, now=NOW, zone_name=LONDON)
    assert summary.day.total_ml == 165 and summary.day.sessions == 3
    assert summary.rolling_24h_ml == 235
    assert summary.last_session.total_ml == 60
