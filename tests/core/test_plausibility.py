"""Plausible-range checks: what is refused (with which message) and what only asks "Save it anyway?"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from nec_companion.core.babies import BabyId
from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
from nec_companion.core.feeding import (
    BolusFeeds,
    ContinuousFeeds,
    FamilyFeed,
    FamilyFeedMethod,
    FeedingPlanChange,
    Milk,
    MilkKind,
    MilkShare,
)
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.plausibility import CheckContext, EntryCheck, Severity, check_entry
from nec_companion.core.pumping import PumpedMilkShare, PumpingSession

from .journal_builders import LONDON, a_baby

NOW = datetime(2025, 2, 1, 12, 0, tzinfo=UTC)
BABY = a_baby(1, birth_date=date(2025, 1, 1), birth_weight_g=1000)


def context(**overrides) -> CheckContext:
    values = dict(now=NOW, zone_name=LONDON, baby=BABY, known_baby_ids=frozenset({BabyId(1), BabyId(2)}),
                  weight_g=1200)
    values.update(overrides)
    return CheckContext(**values)


def plan(regimen, **overrides) -> FeedingPlanChange:
    values = dict(baby_id=BabyId(1), effective_at=NOW - timedelta(hours=1), time_zone=LONDON, regimen=regimen)
    values.update(overrides)
    return FeedingPlanChange(**values)


def refusal_fields(check: EntryCheck) -> list[str]:
    return [problem.field for problem in check.refusals]


def test_an_ordinary_plan_is_clean():
    """12 mL every 3 hours for a 1.2 kg baby (80 mL/kg/day) passes without a question."""
    assert check_entry(plan(BolusFeeds(12, 3)), context()).is_clean


def test_a_2000_ml_feed_is_refused_with_a_clear_message():
    """A 2,000 mL bolus is refused and the message names the amount and the unit."""
    check = check_entry(plan(BolusFeeds(2000, 3)), context())
    assert not check.can_save
    assert check.messages_for("volume_ml") == (
        "2,000 mL at one feed is far more than any baby takes. Please check the number: amounts are in "
        "milliliters (mL).",)


@pytest.mark.parametrize(("regimen", "field", "words"), [
    (BolusFeeds(-5, 3), "volume_ml", "less than zero"),
    (BolusFeeds(0, 3), "volume_ml", "Feeds paused"),
    (BolusFeeds(10, 6), "interval_hours", "between 1 and 4 hours"),
    (BolusFeeds(10, 0.5), "interval_hours", "between 1 and 4 hours"),
    (ContinuousFeeds(-1), "rate_ml_per_hour", "less than zero"),
    (ContinuousFeeds(0), "rate_ml_per_hour", "Feeds paused"),
    (ContinuousFeeds(200), "rate_ml_per_hour", "per hour"),
])
def test_impossible_plans_are_refused(regimen, field, words):
    """Negative, zero and absurd volumes, rates and intervals are refused on their own field."""
    check = check_entry(plan(regimen), context())
    assert field in refusal_fields(check)
    assert words in " ".join(check.messages_for(field))


def test_fractional_interval_is_fine():
    """Every 1.5 hours is an ordinary interval."""
    assert check_entry(plan(BolusFeeds(5, 1.5)), context()).is_clean


def test_big_bolus_for_a_small_baby_asks_to_confirm():
    """A 120 mL feed for a 1.2 kg baby can be saved after "This is more than most babies this size take ...?"."""
    check = check_entry(plan(BolusFeeds(120, 4)), context())
    assert check.can_save and check.needs_confirmation
    assert check.confirmation_text().startswith("This is more than most babies this size take at one feed.")
    assert check.confirmation_text().endswith("Save it anyway?")
    assert check_entry(plan(BolusFeeds(120, 4)), context(weight_g=4000)).is_clean


def test_plan_over_200_ml_per_kg_per_day_asks_to_confirm():
    """30 mL every 2 hours for a 1.2 kg baby is 300 mL/kg/day: saved only after confirming."""
    check = check_entry(plan(BolusFeeds(30, 2)), context())
    assert check.needs_confirmation
    assert "300 mL per kg a day" in check.confirmation_text()


def test_milk_shares_must_add_up_to_100():
    """A mix of 60 % and 30 % is refused; a repeated kind is refused; an empty milk is refused."""
    check = check_entry(plan(BolusFeeds(10, 3), milk=Milk.mix({MilkKind.DONOR: 60, MilkKind.FORMULA: 30})),
                        context())
    assert check.messages_for("milk") == ("The milk shares add up to 90 %. They need to add up to 100 %.",)
    twice = Milk(shares=(MilkShare(MilkKind.DONOR, 50), MilkShare(MilkKind.DONOR, 50)))
    assert "only be listed once" in check_entry(plan(BolusFeeds(10, 3), milk=twice), context()).refusal_text()
    assert "choose the milk" in check_entry(plan(BolusFeeds(10, 3), milk=Milk(shares=())), context()).refusal_text()


def test_times_in_the_future_or_before_birth_are_refused():
    """A feed tomorrow, or before the baby was born, is refused; a plan change next week only asks."""
    feed = FamilyFeed(baby_id=BabyId(1), at=NOW + timedelta(days=1), time_zone=LONDON,
                      method=FamilyFeedMethod.BOTTLE, volume_ml=10)
    assert "future" in check_entry(feed, context()).refusal_text()
    early = FamilyFeed(baby_id=BabyId(1), at=datetime(2024, 12, 31, 12, tzinfo=UTC), time_zone=LONDON,
                       method=FamilyFeedMethod.BOTTLE, volume_ml=10)
    assert "before Bean's birth date" in check_entry(early, context()).refusal_text()
    next_week = check_entry(plan(BolusFeeds(12, 3), effective_at=NOW + timedelta(days=7)), context())
    assert next_week.needs_confirmation and "starts in the future" in next_week.confirmation_text()
    assert not check_entry(plan(BolusFeeds(12, 3), effective_at=NOW + timedelta(days=30)), context()).can_save


def test_entries_for_a_deleted_baby_are_refused():
    """A feed for a baby no longer in the journal is refused with that reason."""
    feed = FamilyFeed(baby_id=BabyId(9), at=NOW, time_zone=LONDON, method=FamilyFeedMethod.BREASTFEED)
    assert check_entry(feed, context(baby=None)).messages_for("baby_id") == ("This baby is no longer in the journal.",)


def test_bottle_needs_an_amount_but_a_breastfeed_does_not():
    """A bottle without an amount is refused; a breastfeed without (or with a 0 mL) test weight is fine."""
    bottle = FamilyFeed(baby_id=BabyId(1), at=NOW, time_zone=LONDON, method=FamilyFeedMethod.BOTTLE)
    assert refusal_fields(check_entry(bottle, context())) == ["volume_ml"]
    for volume in (None, 0.0, 12.0):
        breast = FamilyFeed(baby_id=BabyId(1), at=NOW, time_zone=LONDON, method=FamilyFeedMethod.BREASTFEED,
                            volume_ml=volume)
        assert check_entry(breast, context()).is_clean


@pytest.mark.parametrize(("grams", "words"), [(0, "A weight of 0 g can't be right"), (-10, "can't be right"),
                                              (150, "less than any baby weighs"), (20_000, "more than a baby")])
def test_impossible_weights_are_refused(grams, words):
    """A weight of 0, a negative weight, 150 g or 20 kg is refused with a message about grams."""
    check = check_entry(Weight(baby_id=BabyId(1), measured_on=date(2025, 2, 1), grams=grams), context())
    assert words in check.refusal_text() and "grams" in check.refusal_text()


def test_weight_change_over_20_percent_asks_to_confirm():
    """1,500 g the day after 1,200 g asks to confirm (25 % more); 1,250 g does not; an old weight does not count."""
    last = Weight(baby_id=BabyId(1), measured_on=date(2025, 1, 31), grams=1200)
    jump = check_entry(Weight(baby_id=BabyId(1), measured_on=date(2025, 2, 1), grams=1500),
                       context(previous_weight=last))
    assert jump.needs_confirmation
    assert jump.confirmation_text() == ("This weight is 25 % more than the last one (1,200 g on Jan 31, 2025). "
                                        "Weights can jump, but please check the number. Save it anyway?")
    assert check_entry(Weight(baby_id=BabyId(1), measured_on=date(2025, 2, 1), grams=1250),
                       context(previous_weight=last)).is_clean
    old = Weight(baby_id=BabyId(1), measured_on=date(2025, 1, 2), grams=1000)
    assert check_entry(Weight(baby_id=BabyId(1), measured_on=date(2025, 2, 1), grams=1500),
                       context(previous_weight=old)).is_clean


def test_first_weight_is_compared_with_birth_weight():
    """With no earlier weighing, a weight 30 % under the birth weight in the first days asks to confirm."""
    check = check_entry(Weight(baby_id=BabyId(1), measured_on=date(2025, 1, 3), grams=700), context())
    assert "the birth weight (1,000 g)" in check.confirmation_text()


def test_weight_dates_are_checked():
    """A weight dated tomorrow or before birth is refused."""
    assert "future" in check_entry(Weight(baby_id=BabyId(1), measured_on=date(2025, 2, 2), grams=1200),
                                   context()).refusal_text()
    assert "birth date" in check_entry(Weight(baby_id=BabyId(1), measured_on=date(2024, 12, 1), grams=1200),
                                       context()).refusal_text()


def test_pumping_checks():
    """Over 500 mL asks to confirm; negative or over 1,500 mL is refused; left + right must match the total."""
    big = check_entry(PumpingSession(at=NOW, time_zone=LONDON, total_ml=600), context(baby=None))
    assert big.needs_confirmation
    assert big.confirmation_text() == "That is more than most mothers pump in one session. Save it anyway?"
    assert not check_entry(PumpingSession(at=NOW, time_zone=LONDON, total_ml=-1), context()).can_save
    assert not check_entry(PumpingSession(at=NOW, time_zone=LONDON, total_ml=2000), context()).can_save
    mismatch = check_entry(PumpingSession(at=NOW, time_zone=LONDON, left_ml=20, right_ml=20, total_ml=50), context())
    assert "Left and right add up to 40 mL, but the total says 50 mL" in mismatch.refusal_text()
    assert check_entry(PumpingSession(at=NOW, time_zone=LONDON, total_ml=0), context()).is_clean
    assert not check_entry(PumpingSession(at=NOW, time_zone=LONDON), context()).can_save


def test_pumping_shares_must_match_the_total_and_name_known_babies():
    """Shares for twins must add up to the total and name babies in the journal."""
    good = PumpingSession(at=NOW, time_zone=LONDON, total_ml=60,
                          shares=(PumpedMilkShare(BabyId(1), 30), PumpedMilkShare(BabyId(2), 30)))
    assert check_entry(good, context()).is_clean
    short = PumpingSession(at=NOW, time_zone=LONDON, total_ml=60, shares=(PumpedMilkShare(BabyId(1), 30),))
    assert "They need to match" in check_entry(short, context()).refusal_text()
    stranger = PumpingSession(at=NOW, time_zone=LONDON, total_ml=30, shares=(PumpedMilkShare(BabyId(7), 30),))
    assert "no longer in the journal" in check_entry(stranger, context()).refusal_text()


def test_care_event_checks():
    """A stop before the start is refused; "something I noticed" needs at least one sign."""
    backwards = CareEvent(baby_id=BabyId(1), kind=CareEventKind.ANTIBIOTICS, started_at=NOW, time_zone=LONDON,
                          ended_at=NOW - timedelta(hours=2))
    assert refusal_fields(check_entry(backwards, context())) == ["ended_at"]
    empty = CareEvent(baby_id=BabyId(1), kind=CareEventKind.NOTICED, started_at=NOW, time_zone=LONDON)
    assert refusal_fields(check_entry(empty, context())) == ["signs"]
    noticed = CareEvent(baby_id=BabyId(1), kind=CareEventKind.NOTICED, started_at=NOW, time_zone=LONDON,
                        signs=frozenset({NoticedSign.OTHER}), detail="hiccups all morning")
    assert check_entry(noticed, context()).is_clean


def test_note_checks():
    """An empty note is refused; 13 hours of skin to skin asks to confirm; a family note needs no baby."""
    assert not check_entry(NoteEntry(at=NOW, time_zone=LONDON), context(baby=None)).can_save
    long_cuddle = check_entry(NoteEntry(at=NOW, time_zone=LONDON, skin_to_skin_minutes=780, baby_id=BabyId(1)),
                              context())
    assert long_cuddle.needs_confirmation
    assert check_entry(NoteEntry(at=NOW, time_zone=LONDON, text="We all slept."), context(baby=None)).is_clean
    too_many = NoteEntry(at=NOW, time_zone=LONDON, tags=tuple(f"tag {n}" for n in range(13)))
    assert "at most 12 tags" in check_entry(too_many, context(baby=None)).refusal_text()


def test_every_problem_has_a_severity_and_a_sentence():
    """Problems are plain sentences ending with a full stop, each tagged refuse or confirm."""
    check = check_entry(plan(BolusFeeds(-1, 9), note="x" * 5000), context())
    assert check.problems
    for problem in check.problems:
        assert problem.severity in (Severity.REFUSE, Severity.CONFIRM)
        assert problem.message.endswith(".") and problem.message[0].isupper()
