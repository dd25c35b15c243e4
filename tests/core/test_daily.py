"""Daily figures: planned volume by local day (DST, midnight, pauses, mid-day changes, twins), mL/kg/day,
human-milk share, pumping totals and the rolling 24 hours, weight gain by the exponential model."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nec_companion.core.babies import BabyId
from nec_companion.core.daily import (
    exponential_gain,
    feeding_days,
    feeding_totals,
    plan_in_force,
    plan_periods,
    pumping_days,
    rolling_pumping_series,
    rolling_pumping_total,
    weight_gain,
)
from nec_companion.core.feeding import (
    BolusFeeds,
    ContinuousFeeds,
    FeedingPlanChange,
    FeedsPaused,
    Milk,
    MilkKind,
)
from nec_companion.core.local_time import day_bounds, day_start, hours_in_day
from nec_companion.core.measurements import Weight
from nec_companion.core.pumping import PumpingSession

from .journal_builders import LONDON, NEW_YORK, a_baby, bolus, local, paused

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ZONES = st.sampled_from([NEW_YORK, LONDON, "UTC", "Australia/Lord_Howe"])
DST_DAYS = [date(2025, 3, 9), date(2025, 11, 2), date(2025, 3, 30), date(2025, 10, 26), date(2025, 4, 6),
            date(2025, 10, 5)]
DAYS = st.one_of(st.sampled_from(DST_DAYS), st.dates(min_value=date(2024, 1, 10), max_value=date(2026, 12, 20)))
BABY = a_baby(1, birth_date=date(2023, 1, 1), birth_weight_g=1000)
TWIN = a_baby(2, birth_date=date(2023, 1, 1), birth_weight_g=900, nickname="Pip")

milks = st.one_of(
    st.none(),
    st.sampled_from(list(MilkKind)).map(Milk.only),
    st.integers(min_value=1, max_value=99).map(lambda share: Milk.mix({MilkKind.MOTHERS_OWN_FRESH: share,
                                                                        MilkKind.FORMULA: 100 - share})),
)
regimens = st.one_of(
    st.builds(BolusFeeds, st.floats(min_value=0.5, max_value=250), st.sampled_from([1, 1.5, 2, 2.5, 3, 4])),
    st.builds(BolusFeeds, st.floats(min_value=0.5, max_value=250), st.floats(min_value=1, max_value=4)),
    st.builds(ContinuousFeeds, st.floats(min_value=0.1, max_value=60)),
    st.builds(FeedsPaused, st.just("rest")),
)


@st.composite
def plan_lists(draw, *, baby_id: int = 1, around: date | None = None, zone: str = LONDON, count: int = 6):
    """Plan changes at random instants within a few days around `around`."""
    day = around or draw(DAYS)
    origin = day_start(day - timedelta(days=2), zone)
    offsets = draw(st.lists(st.integers(min_value=0, max_value=5 * 24 * 60), min_size=0, max_size=count))
    return [FeedingPlanChange(baby_id=BabyId(baby_id), effective_at=origin + timedelta(minutes=offset),
                              time_zone=zone, regimen=draw(regimens), milk=draw(milks), entry_id=index + 1)
            for index, offset in enumerate(offsets)]


def days_of(plans, zone, first, last, *, baby=BABY, weights=()):
    return feeding_days(baby=baby, plans=plans, weights=weights, zone_name=zone, first_day=first, last_day=last)


# ------------------------------------------------------------------------------------------ properties


@PROPERTY
@given(st.data(), ZONES, DAYS)
def test_totals_are_never_negative_and_hours_add_up(data, zone, day):
    """Planned mL, paused hours and hours without a plan are >= 0 and never exceed the day."""
    plans = data.draw(plan_lists(around=day, zone=zone))
    for result in days_of(plans, zone, day - timedelta(days=2), day + timedelta(days=2)):
        assert result.planned_ml >= 0 and result.hours_paused >= 0 and result.hours_without_plan >= 0
        assert result.hours_paused + result.hours_without_plan <= result.hours + 1e-9
        assert result.ml_per_kg is not None and result.ml_per_kg >= 0
        share = result.human_milk_percent
        assert share is None or 0 <= share <= 100


@PROPERTY
@given(ZONES, DAYS, st.floats(min_value=0.5, max_value=250), st.floats(min_value=1, max_value=4))
def test_one_bolus_plan_all_day_gives_volume_times_hours_over_interval(zone, day, volume, interval):
    """A bolus plan in force all day gives volume x (hours in that local day) / interval."""
    plan = bolus(day_start(day, zone) - timedelta(hours=5), volume, interval, zone=zone)
    (result,) = days_of([plan], zone, day, day)
    assert result.planned_ml == pytest.approx(volume * hours_in_day(day, zone) / interval)
    assert result.hours_without_plan == 0 and result.hours_paused == 0


@pytest.mark.parametrize(("zone", "day", "hours"), [
    (NEW_YORK, date(2025, 3, 9), 23), (NEW_YORK, date(2025, 11, 2), 25),
    (LONDON, date(2025, 3, 30), 23), (LONDON, date(2025, 10, 26), 25), (LONDON, date(2025, 7, 1), 24),
])
def test_dst_days_have_23_or_25_hours_of_feeds(zone, day, hours):
    """12 mL every 3 hours is 92 mL on a 23-hour day, 100 mL on a 25-hour day and 96 mL otherwise."""
    plan = bolus(local(zone, 2025, 1, 1), 12, 3, zone=zone)
    (result,) = days_of([plan], zone, day, day)
    assert result.hours == hours
    assert result.planned_ml == pytest.approx(12 * hours / 3)


@PROPERTY
@given(st.data(), ZONES, DAYS)
def test_splitting_a_plan_mid_day_conserves_every_total(data, zone, day):
    """Recording the same plan again at any instant changes no day's volume, pause hours or milk share."""
    plans = data.draw(plan_lists(around=day, zone=zone))
    assume(plans)
    start, end = day_bounds(day, zone)
    split_at = start + timedelta(seconds=data.draw(st.integers(min_value=0,
                                                               max_value=int((end - start).total_seconds()) - 1)))
    current = plan_in_force(plan_periods(plans), split_at)
    assume(current is not None)
    copy = FeedingPlanChange(baby_id=current.baby_id, effective_at=split_at, time_zone=zone,
                             regimen=current.regimen, milk=current.milk, entry_id=1000)
    before = days_of(plans, zone, day - timedelta(days=1), day + timedelta(days=1))
    after = days_of([*plans, copy], zone, day - timedelta(days=1), day + timedelta(days=1))
    for old, new in zip(before, after, strict=True):
        assert new.planned_ml == pytest.approx(old.planned_ml)
        assert new.hours_paused == pytest.approx(old.hours_paused)
        assert (new.human_milk_percent is None) == (old.human_milk_percent is None)
        if old.human_milk_percent is not None:
            assert new.human_milk_percent == pytest.approx(old.human_milk_percent)


@PROPERTY
@given(st.data(), ZONES, DAYS)
def test_days_tile_time_so_volumes_add_up_across_midnights(data, zone, day):
    """The daily volumes of consecutive days add up to the volume over the whole span."""
    plans = data.draw(plan_lists(around=day, zone=zone))
    first, last = day - timedelta(days=2), day + timedelta(days=2)
    results = days_of(plans, zone, first, last)
    whole = feeding_totals(plan_periods(plans), day_start(first, zone), day_start(last + timedelta(days=1), zone))
    assert sum(result.planned_ml for result in results) == pytest.approx(whole.planned_ml)
    assert sum(result.hours_paused for result in results) == pytest.approx(whole.hours_paused)


@PROPERTY
@given(ZONES, DAYS, st.integers(min_value=60, max_value=23 * 60), st.integers(min_value=60, max_value=60 * 60))
def test_a_pause_spanning_midnight_counts_hours_on_both_days(zone, day, start_minute, length_minutes):
    """Feeds paused from the evening into the next day(s): each day counts its own paused hours, all of them."""
    pause_start = day_start(day, zone) + timedelta(minutes=start_minute)
    pause_end = pause_start + timedelta(minutes=length_minutes)
    assume(pause_end > day_bounds(day, zone)[1])  # crosses at least one midnight
    plans = [bolus(pause_start - timedelta(days=1), 10, 2, zone=zone), paused(pause_start, zone=zone),
             bolus(pause_end, 10, 2, zone=zone)]
    results = days_of(plans, zone, day, day + timedelta(days=3))
    assert sum(result.hours_paused for result in results) == pytest.approx(length_minutes / 60)
    first, second = results[0], results[1]
    assert first.hours_paused == pytest.approx((day_bounds(day, zone)[1] - pause_start).total_seconds() / 3600)
    assert second.hours_paused > 0
    for result in results:
        fed_hours = result.hours - result.hours_paused
        assert result.planned_ml == pytest.approx(fed_hours * 10 / 2)


def test_pause_example_across_midnight():
    """Paused 20:00 to 06:00 next day (London, summer): 4 hours on the first day and 6 on the second."""
    plans = [bolus(local(LONDON, 2025, 7, 1), 12, 3), paused(local(LONDON, 2025, 7, 10, 20)),
             bolus(local(LONDON, 2025, 7, 11, 6), 6, 3)]
    ten, eleven = days_of(plans, LONDON, date(2025, 7, 10), date(2025, 7, 11))
    assert (ten.hours_paused, eleven.hours_paused) == (4, 6)
    assert ten.planned_ml == pytest.approx(20 * 12 / 3)
    assert eleven.planned_ml == pytest.approx(18 * 6 / 3)
    assert eleven.change_ml == pytest.approx(36 - 80)


@PROPERTY
@given(st.data(), ZONES, DAYS)
def test_twins_do_not_mix(data, zone, day):
    """One twin's figures are the same whether or not the other twin's plans and weights are in the lists."""
    own = data.draw(plan_lists(baby_id=1, around=day, zone=zone))
    other = data.draw(plan_lists(baby_id=2, around=day, zone=zone))
    other_weights = [Weight(baby_id=BabyId(2), measured_on=day - timedelta(days=1), grams=500)]
    alone = days_of(own, zone, day - timedelta(days=1), day + timedelta(days=1))
    mixed = days_of(own + other, zone, day - timedelta(days=1), day + timedelta(days=1), weights=other_weights)
    assert alone == mixed
    assert all(result.baby_id == 1 for result in mixed)


def test_plan_change_at_local_midnight_belongs_to_the_new_day():
    """A change exactly at New York midnight counts wholly in the new day; the old plan wholly in the old day."""
    plans = [bolus(local(NEW_YORK, 2025, 5, 1), 10, 2, zone=NEW_YORK),
             bolus(local(NEW_YORK, 2025, 5, 5), 20, 4, zone=NEW_YORK)]
    fourth, fifth = days_of(plans, NEW_YORK, date(2025, 5, 4), date(2025, 5, 5))
    assert fourth.planned_ml == 120 and fourth.plan_changes == ()
    assert fifth.planned_ml == 120 and [plan.entry_id for plan in fifth.plan_changes] == [None]
    assert fifth.change_ml == 0


def test_two_changes_at_the_same_instant_the_later_entry_wins():
    """Of two changes with the same time, the one stored later (higher id) is the plan."""
    moment = local(LONDON, 2025, 5, 1, 8)
    plans = [bolus(moment, 10, 2, entry_id=7), bolus(moment, 20, 2, entry_id=3)]
    assert plan_in_force(plan_periods(plans), moment + timedelta(hours=1)).entry_id == 7


def test_before_the_first_plan_nothing_is_counted():
    """Hours before the first plan change of a day are 'without plan' and give 0 mL."""
    (result,) = days_of([bolus(local(LONDON, 2025, 5, 1, 18), 12, 3)], LONDON, date(2025, 5, 1), date(2025, 5, 1))
    assert result.hours_without_plan == 18 and result.planned_ml == 24


# ------------------------------------------------------------------------------------------ mL/kg/day


@PROPERTY
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=12), st.integers(min_value=400, max_value=4000)),
                max_size=8))
def test_ml_per_kg_uses_the_latest_weight_before_the_day(weighings):
    """mL/kg/day divides by the last weighing dated before the day, else by the birth weight."""
    baby = a_baby(1, birth_date=date(2025, 1, 1), birth_weight_g=1000)
    weights = [Weight(baby_id=BabyId(1), measured_on=date(2025, 1, 1) + timedelta(days=offset), grams=grams,
                      entry_id=index + 1) for index, (offset, grams) in enumerate(weighings)]
    plans = [bolus(local(LONDON, 2025, 1, 1, 6), 12, 3)]
    for result in days_of(plans, LONDON, date(2025, 1, 2), date(2025, 1, 14), baby=baby, weights=weights):
        earlier = [weight for weight in weights if weight.measured_on < result.day]
        expected = max(earlier, key=lambda weight: weight.sort_key).grams if earlier else 1000
        assert result.weight_g == expected
        assert result.weight_is_birth_weight == (not earlier)
        assert result.ml_per_kg == pytest.approx(result.planned_ml / (expected / 1000))


def test_day_of_birth_and_ages():
    """Days before birth are left out; the birth date is day 1; corrected age comes from the gestation."""
    baby = a_baby(1, birth_date=date(2025, 1, 10), birth_weight_g=800)
    results = days_of([bolus(local(LONDON, 2025, 1, 10, 12), 1, 3)], LONDON, date(2025, 1, 5), date(2025, 1, 12),
                      baby=baby)
    assert [result.day_of_life for result in results] == [1, 2, 3]
    assert results[0].change_ml is None and results[1].change_ml == pytest.approx(8 - 4)
    assert results[0].ml_per_kg == pytest.approx(4 / 0.8)
    assert results[2].ages.postmenstrual.weeks == 28 and results[2].ages.corrected is None


def test_no_weight_at_all_gives_no_ml_per_kg():
    """Without any weighing or birth weight, mL/kg/day is None rather than a guess."""
    baby = a_baby(1, birth_date=date(2025, 1, 1), birth_weight_g=None)
    (result,) = days_of([bolus(local(LONDON, 2025, 1, 1, 6), 5, 3)], LONDON, date(2025, 1, 3), date(2025, 1, 3),
                        baby=baby)
    assert result.ml_per_kg is None and result.weight_g is None


def test_human_milk_share_by_volume():
    """Half a day of mother's own milk and half of formula at the same rate is 50 % human milk."""
    plans = [bolus(local(LONDON, 2025, 5, 1), 10, 2, milk=Milk.only(MilkKind.MOTHERS_OWN_FROZEN)),
             bolus(local(LONDON, 2025, 5, 2, 12), 10, 2, milk=Milk.only(MilkKind.FORMULA, formula_name="preterm"))]
    (result,) = days_of(plans, LONDON, date(2025, 5, 2), date(2025, 5, 2))
    assert result.human_milk_percent == pytest.approx(50)
    assert result.totals.formula_ml == pytest.approx(60)
    mix = [bolus(local(LONDON, 2025, 5, 1), 10, 2, milk=Milk.mix({MilkKind.DONOR: 70, MilkKind.FORMULA: 30}))]
    (mixed,) = days_of(mix, LONDON, date(2025, 5, 2), date(2025, 5, 2))
    assert mixed.human_milk_percent == pytest.approx(70)


# ------------------------------------------------------------------------------------------ pumping


sessions_strategy = st.lists(
    st.tuples(st.integers(min_value=0, max_value=6 * 24 * 60), st.floats(min_value=0, max_value=400)), max_size=40)


@PROPERTY
@given(sessions_strategy, ZONES, st.sampled_from(DST_DAYS))
def test_pumping_days_add_up_and_count_sessions(raw, zone, day):
    """Daily pumping totals add up to the sessions in the range and every session is counted once."""
    origin = day_start(day - timedelta(days=1), zone)
    sessions = [PumpingSession(at=origin + timedelta(minutes=minute), time_zone=zone, total_ml=ml)
                for minute, ml in raw]
    first, last = day - timedelta(days=1), day + timedelta(days=4)
    result = pumping_days(sessions, zone_name=zone, first_day=first, last_day=last)
    assert len(result) == 6
    end = day_start(last + timedelta(days=1), zone)
    inside = [session for session in sessions if session.at < end]
    assert sum(item.sessions for item in result) == len(inside)
    assert sum(item.total_ml for item in result) == pytest.approx(sum(session.volume_ml for session in inside))
    assert all(item.total_ml >= 0 for item in result)


@PROPERTY
@given(sessions_strategy, st.lists(st.integers(min_value=0, max_value=7 * 24 * 60), max_size=10))
def test_rolling_24_hours_matches_a_plain_count(raw, probes):
    """The rolling total at t sums sessions in (t - 24 h, t], and the one-pass series agrees with it."""
    origin = datetime(2025, 3, 1, tzinfo=UTC)
    sessions = [PumpingSession(at=origin + timedelta(minutes=minute), time_zone=LONDON, total_ml=ml)
                for minute, ml in raw]
    moments = [origin + timedelta(minutes=minute) for minute in probes]
    series = rolling_pumping_series(sessions, at=moments)
    for moment, value in zip(moments, series, strict=True):
        expected = sum(s.volume_ml for s in sessions if moment - timedelta(hours=24) < s.at <= moment)
        assert rolling_pumping_total(sessions, at=moment) == pytest.approx(expected)
        assert value == pytest.approx(expected)


def test_pumping_at_local_midnight_starts_the_new_day():
    """A session at exactly 00:00 local time counts on the new day."""
    sessions = [PumpingSession(at=local(NEW_YORK, 2025, 3, 9), time_zone=NEW_YORK, total_ml=50),
                PumpingSession(at=local(NEW_YORK, 2025, 3, 8, 23, 59), time_zone=NEW_YORK, total_ml=20, minutes=15,
                               colostrum=True)]
    eighth, ninth = pumping_days(sessions, zone_name=NEW_YORK, first_day=date(2025, 3, 8), last_day=date(2025, 3, 9))
    assert (eighth.total_ml, eighth.sessions, eighth.minutes, eighth.colostrum_sessions) == (20, 1, 15, 1)
    assert (ninth.total_ml, ninth.sessions) == (50, 1)


# ------------------------------------------------------------------------------------------ weight gain


@PROPERTY
@given(st.floats(min_value=5, max_value=30), st.integers(min_value=600, max_value=2500))
def test_exponential_growth_is_measured_exactly(rate, start_grams):
    """Daily weights growing at r g/kg/day (exponentially) give a 7-day gain of r (to rounding of grams)."""
    baby = a_baby(1, birth_date=date(2025, 1, 1), birth_weight_g=start_grams)
    weights = [Weight(baby_id=BabyId(1), measured_on=date(2025, 1, 10) + timedelta(days=day),
                      grams=round(start_grams * math.exp(rate * day / 1000))) for day in range(15)]
    gain = weight_gain(baby=baby, weights=weights)
    assert gain is not None and gain.days == 7 and gain.to_day == date(2025, 1, 24)
    assert gain.g_per_kg_per_day == pytest.approx(rate, abs=1000 * math.log(1 + 1 / start_grams) / 7 * 2 + 1e-6)


def test_weight_gain_example_and_fallbacks():
    """1,000 g -> 1,120 g in 7 days is 16.2 g/kg/day; birth weight is used when no weighing is 7 days back."""
    assert exponential_gain(from_grams=1000, to_grams=1120, days=7) == pytest.approx(16.19, abs=0.01)
    baby = a_baby(1, birth_date=date(2025, 1, 1), birth_weight_g=1000)
    late = Weight(baby_id=BabyId(1), measured_on=date(2025, 1, 15), grams=1050)
    from_birth = weight_gain(baby=baby, weights=[late])
    assert from_birth is not None and from_birth.from_birth_weight and from_birth.days == 14
    assert weight_gain(baby=baby, weights=[Weight(baby_id=BabyId(1), measured_on=date(2025, 1, 5), grams=950)]) \
        is None
    stale = [Weight(baby_id=BabyId(1), measured_on=date(2025, 3, 1), grams=1500)]
    assert weight_gain(baby=baby, weights=stale) is None  # the only earlier reference is 59 days back
    with pytest.raises(ValueError):
        exponential_gain(from_grams=0, to_grams=1000, days=7)
