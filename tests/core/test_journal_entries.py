"""Journal entry values: tidied text, UTC instants, worked-out pumping totals, tags, and plain descriptions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from nec_companion.core.babies import BabyId
from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
from nec_companion.core.entries import EntryKind, entry_baby_ids, entry_day, entry_kind
from nec_companion.core.feeding import (
    BolusFeeds,
    ContinuousFeeds,
    FamilyFeed,
    FamilyFeedMethod,
    FeedingPlanChange,
    FeedRoute,
    FeedsPaused,
    Fortifier,
    Milk,
    MilkKind,
)
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.pumping import PumpedMilkShare, PumpingSession

from .journal_builders import LONDON, NEW_YORK

NOON = datetime(2025, 2, 1, 12, 0, tzinfo=UTC)


def test_times_become_utc_and_text_is_tidied():
    """An entry stores its time as UTC whole seconds and its note without lone surrogates or outer spaces."""
    plan = FeedingPlanChange(baby_id=BabyId(1), effective_at=datetime(2025, 2, 1, 9, 0, 30, 5,
                                                                      tzinfo=timezone(timedelta(hours=-5))),
                             time_zone=NEW_YORK, regimen=BolusFeeds(12, 3), note="  ok \ud800 \r\n")
    assert plan.effective_at == datetime(2025, 2, 1, 14, 0, 30, tzinfo=UTC)
    assert plan.note == "ok \ufffd"


def test_structural_mistakes_are_programming_errors():
    """A naive time, an unknown zone, a bool for a number or a wrong type raise at once."""
    with pytest.raises(ValueError):
        FamilyFeed(baby_id=BabyId(1), at=datetime(2025, 2, 1), time_zone=LONDON, method=FamilyFeedMethod.BOTTLE)
    with pytest.raises(ValueError):
        FamilyFeed(baby_id=BabyId(1), at=NOON, time_zone="Nowhere/Town", method=FamilyFeedMethod.BOTTLE)
    with pytest.raises(TypeError):
        BolusFeeds(True, 3)
    with pytest.raises(TypeError):
        Weight(baby_id=BabyId(1), measured_on=datetime(2025, 2, 1), grams=1000)
    with pytest.raises(ValueError):
        ContinuousFeeds(float("nan"))


def test_pumping_total_is_left_plus_right_when_not_given():
    """Left 25 and right 35 make a total of 60; a total alone is kept; an empty side counts as 0."""
    assert PumpingSession(at=NOON, time_zone=LONDON, left_ml=25, right_ml=35).total_ml == 60
    assert PumpingSession(at=NOON, time_zone=LONDON, total_ml=40).total_ml == 40
    assert PumpingSession(at=NOON, time_zone=LONDON, left_ml=20).total_ml == 20
    assert PumpingSession(at=NOON, time_zone=LONDON).total_ml is None


def test_milk_mix_describes_itself_and_knows_its_human_share():
    """A 60/40 mix of mother's own milk and formula is 60 % human milk and says so in words."""
    milk = Milk.mix({MilkKind.FORMULA: 40, MilkKind.MOTHERS_OWN_FRESH: 60}, formula_name=" Neo  24 ")
    assert milk.human_milk_fraction == pytest.approx(0.6)
    assert milk.describe() == "60% mother's own milk (fresh) and 40% formula (Neo 24)"
    assert Milk.only(MilkKind.DONOR).describe() == "donor milk"
    assert Milk.only(MilkKind.DONOR).human_milk_fraction == 1.0


def test_plan_in_words():
    """A bolus plan reads as volume, interval, daily volume, route, milk and fortifier; a pause gives its reason."""
    plan = FeedingPlanChange(baby_id=BabyId(1), effective_at=NOON, time_zone=LONDON, regimen=BolusFeeds(12, 3),
                             milk=Milk.only(MilkKind.MOTHERS_OWN_FRESH), fortifier=Fortifier.HUMAN_MILK_BASED,
                             fortifier_strength="full strength", route=FeedRoute.NG_TUBE_BOLUS)
    assert plan.describe() == ("12 mL every 3 hours (96 mL a day) by NG tube (bolus): mother's own milk (fresh), "
                               "with human-milk-based fortifier (full strength)")
    one_and_a_half = FeedingPlanChange(baby_id=BabyId(1), effective_at=NOON, time_zone=LONDON,
                                       regimen=BolusFeeds(4, 1.5))
    assert one_and_a_half.describe() == "4 mL every 1.5 hours (64 mL a day)"
    pause = FeedingPlanChange(baby_id=BabyId(1), effective_at=NOON, time_zone=LONDON,
                              regimen=FeedsPaused("belly rest"))
    assert pause.describe() == "Feeds paused (belly rest)" and pause.is_paused
    drip = FeedingPlanChange(baby_id=BabyId(1), effective_at=NOON, time_zone=LONDON, regimen=ContinuousFeeds(2.5))
    assert drip.describe() == "2.5 mL an hour, continuously"


def test_noticed_event_is_a_warning_sign():
    """"Something I noticed" is a warning sign that lists its signs in the fixed order; antibiotics are not."""
    noticed = CareEvent(baby_id=BabyId(2), kind=CareEventKind.NOTICED, started_at=NOON, time_zone=LONDON,
                        signs=frozenset({NoticedSign.BLOOD_IN_STOOL, NoticedSign.SWOLLEN_OR_DISCOLOURED_BELLY}))
    assert noticed.is_warning_sign
    assert noticed.describe() == "Something I noticed: Swollen or discolored belly, Blood in the stool"
    course = CareEvent(baby_id=BabyId(2), kind=CareEventKind.ANTIBIOTICS, started_at=NOON, time_zone=LONDON,
                       detail="gentamicin")
    assert not course.is_warning_sign and course.is_ongoing
    assert course.is_ongoing_at(NOON + timedelta(days=1)) and not course.is_ongoing_at(NOON - timedelta(hours=1))
    assert course.describe() == "Antibiotics: gentamicin"


def test_note_tags_are_tidied_and_milestones_recognised():
    """Tags lose extra spaces and duplicates (ignoring case); suggested milestone tags are recognised."""
    note = NoteEntry(at=NOON, time_zone=LONDON, tags=(" First  hold ", "first hold", "", "cuddles"),
                     skin_to_skin_minutes=40, baby_id=BabyId(1))
    assert note.tags == ("First hold", "cuddles")
    assert note.milestones == ("First hold",) and note.is_milestone
    assert note.describe() == "First hold, cuddles"
    with pytest.raises(TypeError):
        NoteEntry(at=NOON, time_zone=LONDON, tags="first hold")  # type: ignore[arg-type]


def test_generic_entry_facts():
    """Each entry knows its kind, its babies (shares for pumping) and its local day."""
    late = datetime(2025, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 July in London (BST)
    feed = FamilyFeed(baby_id=BabyId(3), at=late, time_zone=LONDON, method=FamilyFeedMethod.BREASTFEED)
    assert entry_kind(feed) is EntryKind.FAMILY_FEED
    assert entry_day(feed, LONDON) == date(2025, 7, 2)
    assert entry_day(feed, "UTC") == date(2025, 7, 1)
    session = PumpingSession(at=late, time_zone=LONDON, total_ml=60,
                             shares=(PumpedMilkShare(BabyId(2), 30), PumpedMilkShare(BabyId(1), 30)))
    assert entry_baby_ids(session) == (1, 2)
    weight = Weight(baby_id=BabyId(1), measured_on=date(2025, 7, 1), grams=1500, measured_at=time(22, 5, 30))
    assert weight.measured_at == time(22, 5) and entry_day(weight, LONDON) == date(2025, 7, 1)
    assert entry_baby_ids(NoteEntry(at=late, time_zone=LONDON, text="family")) == ()
    with pytest.raises(TypeError):
        entry_kind("not an entry")  # type: ignore[arg-type]
