"""The journal's arithmetic: daily feeding volumes, mL/kg/day, human-milk share, pumping totals, weight gain.

Pure functions over lists of domain objects (no I/O, no clock): the journal façade loads the entries and
passes them in; tests pass them in directly. Every figure is per *local day* in the family's zone
(`core/local_time.py`), so a day across a DST change lasts 23 or 25 hours and its volumes say so.

How each figure is worked out (docs/JOURNAL.md has the same with sources):
- **Planned enteral volume (mL/day)**: each plan change is in force from its `effective_at` to the baby's
  next change. For every plan, the hours it was in force during the local day are multiplied by its hourly
  volume: bolus = volume / interval per hour (so a full 24-hour day is volume x 24 / interval), continuous =
  rate, paused = 0. Before the first plan nothing is known: those hours are `hours_without_plan`, and count
  0 mL.
- **mL/kg/day** = planned mL that day / weight in kg, the weight being the latest weighing dated *before*
  that day, or the birth weight if there is none (the "dosing weight" of the day).
- **Change from the previous day**: this day's figure minus the day before's (None on the day of birth).
- **Hours paused**: hours of the day under a "feeds paused" plan.
- **Human-milk share** = (mother's own + donor) volume / volume whose milk is recorded, by volume; formula
  counts against it, fortifier does not (it is an additive, not a milk).
- **Day of life and corrected age**: `core/ages.py` (day of birth = day 1).
- **Pumping per day**: total mL and number of sessions whose time falls on the local day; the **rolling 24-hour
  total** at an instant t sums sessions in (t - 24 h, t].
- **Weight gain (g/kg/day)**: the exponential model of Patel et al., 1000 x ln(W2 / W1) / days, over the last
  7 days (see `weight_gain`).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nec_companion.core.ages import BabyAges
from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.care_events import CareEvent
from nec_companion.core.feeding import BolusFeeds, ContinuousFeeds, FeedingPlanChange, FeedsPaused
from nec_companion.core.local_time import day_bounds, day_start, days_between, local_day
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.pumping import PumpingSession

_SECONDS_PER_HOUR = 3600.0

# ------------------------------------------------------------------------------------------ plan periods


@dataclass(frozen=True)
class PlanPeriod:
    """A plan and the span it was in force: `start` to `end` (None: still in force)."""

    plan: FeedingPlanChange
    start: datetime
    end: datetime | None

    @property
    def is_paused(self) -> bool:
        return self.plan.is_paused

    def overlap_hours(self, start: datetime, end: datetime) -> float:
        """Hours of this period inside [start, end)."""
        lo = max(self.start, start)
        hi = end if self.end is None else min(self.end, end)
        return max(0.0, (hi - lo).total_seconds() / _SECONDS_PER_HOUR)


def plan_periods(plans: Iterable[FeedingPlanChange], *, baby_id: BabyId | None = None) -> tuple[PlanPeriod, ...]:
    """The plans (of `baby_id` only, if given) as consecutive periods in time order.

    Two changes at the same instant: the later stored one (higher id, or later in the list) wins and the other
    lasts zero time, so it is left out.
    """
    chosen = [plan for plan in plans if baby_id is None or plan.baby_id == baby_id]
    if baby_id is None and len({plan.baby_id for plan in chosen}) > 1:
        raise ValueError("plan_periods needs one baby's plans (or pass baby_id)")
    ordered = [plan for _key, plan in sorted(
        (((plan.effective_at, plan.entry_id or 0, index), plan) for index, plan in enumerate(chosen)),
        key=lambda pair: pair[0])]
    periods: list[PlanPeriod] = []
    for index, plan in enumerate(ordered):
        end = ordered[index + 1].effective_at if index + 1 < len(ordered) else None
        if end is not None and end <= plan.effective_at:
            continue
        periods.append(PlanPeriod(plan, plan.effective_at, end))
    return tuple(periods)


def plan_in_force(periods: Sequence[PlanPeriod], moment: datetime) -> FeedingPlanChange | None:
    """The plan in force at `moment` (None before the first change)."""
    starts = [period.start for period in periods]
    index = bisect.bisect_right(starts, moment) - 1
    return periods[index].plan if index >= 0 else None


def periods_overlapping(periods: Sequence[PlanPeriod], start: datetime, end: datetime) -> tuple[PlanPeriod, ...]:
    """The periods with some time inside [start, end), clipped to it (for shading pauses on a chart)."""
    result = []
    for period in periods:
        if period.overlap_hours(start, end) <= 0:
            continue
        clipped_end = end if period.end is None else min(period.end, end)
        result.append(PlanPeriod(period.plan, max(period.start, start), clipped_end))
    return tuple(result)


@dataclass(frozen=True, kw_only=True)
class FeedingTotals:
    """Planned feeding over one span of time."""

    hours: float
    planned_ml: float
    human_milk_ml: float
    """Volume of mother's own and donor milk (from plans whose milk is recorded)."""
    recorded_milk_ml: float
    """Volume whose milk is recorded (the denominator of the human-milk share)."""
    hours_paused: float
    hours_without_plan: float

    @property
    def human_milk_percent(self) -> float | None:
        """Human milk as a percentage of the volume whose milk is recorded; None if there is none."""
        if self.recorded_milk_ml <= 0:
            return None
        return min(100.0, max(0.0, 100 * self.human_milk_ml / self.recorded_milk_ml))

    @property
    def formula_ml(self) -> float:
        return max(0.0, self.recorded_milk_ml - self.human_milk_ml)


def feeding_totals(periods: Sequence[PlanPeriod], start: datetime, end: datetime) -> FeedingTotals:
    """Integrate the plans over [start, end): volume = sum of (hours in force x mL per hour)."""
    hours_total = max(0.0, (end - start).total_seconds() / _SECONDS_PER_HOUR)
    planned = human = recorded = paused = covered = 0.0
    for period in periods:
        hours = period.overlap_hours(start, end)
        if hours <= 0:
            continue
        covered += hours
        regimen = period.plan.regimen
        if isinstance(regimen, FeedsPaused):
            paused += hours
            continue
        volume = hours * _ml_per_hour(regimen)
        planned += volume
        fraction = period.plan.human_milk_fraction
        if fraction is not None:
            recorded += volume
            human += volume * fraction
    return FeedingTotals(hours=hours_total, planned_ml=planned, human_milk_ml=human, recorded_milk_ml=recorded,
                         hours_paused=paused, hours_without_plan=max(0.0, hours_total - covered))


def _ml_per_hour(regimen: BolusFeeds | ContinuousFeeds) -> float:
    if isinstance(regimen, BolusFeeds):
        return regimen.volume_ml / regimen.interval_hours if regimen.interval_hours > 0 else 0.0
    return regimen.rate_ml_per_hour


# ------------------------------------------------------------------------------------------ feeding days


@dataclass(frozen=True, kw_only=True)
class FeedingDay:
    """One baby's feeding on one local day (a row of the feeding table, a point of the mL/kg/day chart)."""

    baby_id: BabyId
    day: date
    start: datetime
    end: datetime
    totals: FeedingTotals
    weight_g: int | None
    """The weight used for mL/kg/day: the latest weighing before this day, else the birth weight."""
    weight_is_birth_weight: bool
    ml_per_kg: float | None
    change_ml: float | None
    """Planned mL minus the previous day's (None on the day of birth)."""
    change_ml_per_kg: float | None
    ages: BabyAges
    plan_changes: tuple[FeedingPlanChange, ...]
    """Plan changes that took effect during this day (markers on a chart)."""

    @property
    def hours(self) -> float:
        """How long the day is: 24, or 23 / 25 on DST change days."""
        return self.totals.hours

    @property
    def planned_ml(self) -> float:
        return self.totals.planned_ml

    @property
    def hours_paused(self) -> float:
        return self.totals.hours_paused

    @property
    def hours_without_plan(self) -> float:
        return self.totals.hours_without_plan

    @property
    def human_milk_percent(self) -> float | None:
        return self.totals.human_milk_percent

    @property
    def day_of_life(self) -> int:
        return self.ages.day_of_life


class _WeightsByDay:
    """The latest weighing dated before a day, found by binary search."""

    def __init__(self, weights: Iterable[Weight], baby_id: BabyId) -> None:
        self._weights = sorted((weight for weight in weights if weight.baby_id == baby_id),
                               key=lambda weight: weight.sort_key)
        self._days = [weight.measured_on for weight in self._weights]

    def latest_before(self, day: date) -> Weight | None:
        index = bisect.bisect_left(self._days, day) - 1
        return self._weights[index] if index >= 0 else None

    def latest_on_or_before(self, day: date) -> Weight | None:
        index = bisect.bisect_right(self._days, day) - 1
        return self._weights[index] if index >= 0 else None

    @property
    def all(self) -> list[Weight]:
        return self._weights


def dosing_weight(baby: Baby, weights: Iterable[Weight], day: date) -> tuple[int | None, bool]:
    """(grams, is_birth_weight) used for mL/kg/day on `day`: the latest weighing before it, else birth weight."""
    found = _WeightsByDay(weights, baby.baby_id).latest_before(day)
    if found is not None:
        return found.grams, False
    return baby.birth_weight_g, baby.birth_weight_g is not None


def feeding_days(
    *,
    baby: Baby,
    plans: Iterable[FeedingPlanChange],
    weights: Iterable[Weight],
    zone_name: str,
    first_day: date,
    last_day: date,
) -> tuple[FeedingDay, ...]:
    """One `FeedingDay` per local day from `first_day` to `last_day` (both included, never before birth).

    Entries of other babies in `plans` and `weights` are ignored, so twins never mix.
    """
    first_day = max(first_day, baby.birth_date)
    if last_day < first_day:
        return ()
    periods = plan_periods(plans, baby_id=baby.baby_id)
    by_day = _WeightsByDay(weights, baby.baby_id)
    result: list[FeedingDay] = []
    previous: tuple[float, float | None] | None = None
    if first_day > baby.birth_date:
        previous = _day_volume_and_per_kg(baby, periods, by_day, first_day - timedelta(days=1), zone_name)
    starts = [period.start for period in periods]
    for day in days_between(first_day, last_day):
        start, end = day_bounds(day, zone_name)
        totals = feeding_totals(_overlapping(periods, starts, start, end), start, end)
        weight_g, from_birth = _dosing(baby, by_day, day)
        per_kg = _per_kg(totals.planned_ml, weight_g)
        change_ml = change_per_kg = None
        if previous is not None:
            change_ml = totals.planned_ml - previous[0]
            if per_kg is not None and previous[1] is not None:
                change_per_kg = per_kg - previous[1]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        result.append(FeedingDay(
            baby_id=baby.baby_id, day=day, start=start, end=end, totals=totals, weight_g=weight_g,
            weight_is_birth_weight=from_birth, ml_per_kg=per_kg, change_ml=change_ml,
            change_ml_per_kg=change_per_kg, ages=baby.ages(day),
            plan_changes=tuple(period.plan for period in periods[lo:hi]),
        ))
        previous = (totals.planned_ml, per_kg)
    return tuple(result)


def _overlapping(periods: Sequence[PlanPeriod], starts: list[datetime], start: datetime,
                 end: datetime) -> Sequence[PlanPeriod]:
    # The period in force at `start` and every one starting before `end`.
    lo = max(0, bisect.bisect_right(starts, start) - 1)
    hi = bisect.bisect_left(starts, end)
    return periods[lo:hi]


def _day_volume_and_per_kg(baby: Baby, periods: Sequence[PlanPeriod], by_day: _WeightsByDay, day: date,
                           zone_name: str) -> tuple[float, float | None]:
    start, end = day_bounds(day, zone_name)
    planned = feeding_totals(periods, start, end).planned_ml
    weight_g, _ = _dosing(baby, by_day, day)
    return planned, _per_kg(planned, weight_g)


def _dosing(baby: Baby, by_day: _WeightsByDay, day: date) -> tuple[int | None, bool]:
    found = by_day.latest_before(day)
    if found is not None:
        return found.grams, False
    return baby.birth_weight_g, baby.birth_weight_g is not None


def _per_kg(millilitres: float, weight_g: int | None) -> float | None:
    if not weight_g or weight_g <= 0:
        return None
    return millilitres / (weight_g / 1000)


# ------------------------------------------------------------------------------------------ pumping


@dataclass(frozen=True, kw_only=True)
class PumpingDay:
    """The mother's pumping on one local day."""

    day: date
    total_ml: float
    sessions: int
    minutes: int
    """Minutes pumped, over the sessions that recorded them."""
    colostrum_sessions: int

    @property
    def recorded(self) -> bool:
        """Whether any session was recorded that day. A day with none is "not recorded", never "0 mL": the
        journal cannot tell a day without pumping from a day nobody wrote down."""
        return self.sessions > 0


def pumping_days(
    sessions: Iterable[PumpingSession], *, zone_name: str, first_day: date, last_day: date
) -> tuple[PumpingDay, ...]:
    """One `PumpingDay` per local day from `first_day` to `last_day`; days without sessions are included with
    `recorded` False (their totals are 0 only as a placeholder: show them as "not recorded")."""
    days = days_between(first_day, last_day)
    if not days:
        return ()
    range_start = day_start(first_day, zone_name)
    range_end = day_start(last_day + timedelta(days=1), zone_name)
    buckets: dict[date, list[PumpingSession]] = {}
    for session in sessions:
        if range_start <= session.at < range_end:
            buckets.setdefault(local_day(session.at, zone_name), []).append(session)
    result = []
    for day in days:
        found = buckets.get(day, [])
        result.append(PumpingDay(
            day=day,
            total_ml=sum(session.volume_ml for session in found),
            sessions=len(found),
            minutes=sum(session.minutes or 0 for session in found),
            colostrum_sessions=sum(1 for session in found if session.colostrum),
        ))
    return tuple(result)


ROLLING_WINDOW = timedelta(hours=24)


def rolling_pumping_total(sessions: Iterable[PumpingSession], *, at: datetime,
                          window: timedelta = ROLLING_WINDOW) -> float:
    """Millilitres pumped in the `window` (24 hours) up to and including `at`: sessions in (at - window, at]."""
    return sum(session.volume_ml for session in sessions if at - window < session.at <= at)


def rolling_pumping_series(sessions: Iterable[PumpingSession], *, at: Sequence[datetime],
                           window: timedelta = ROLLING_WINDOW) -> tuple[float, ...]:
    """`rolling_pumping_total` at each instant of `at`, in one pass (for a chart)."""
    ordered = sorted(sessions, key=lambda session: session.at)
    times = [session.at for session in ordered]
    prefix = [0.0]
    for session in ordered:
        prefix.append(prefix[-1] + session.volume_ml)
    result = []
    for moment in at:
        hi = bisect.bisect_right(times, moment)
        lo = bisect.bisect_right(times, moment - window)
        result.append(prefix[hi] - prefix[lo])
    return tuple(result)


# ------------------------------------------------------------------------------------------ weight gain

GAIN_WINDOW_DAYS = 7
GAIN_MAX_SPAN_DAYS = 21


@dataclass(frozen=True, kw_only=True)
class WeightGain:
    """Growth velocity between two weighings, by the exponential model."""

    g_per_kg_per_day: float
    from_grams: int
    from_day: date
    from_birth_weight: bool
    to_grams: int
    to_day: date

    @property
    def days(self) -> int:
        return (self.to_day - self.from_day).days

    @property
    def grams_per_day(self) -> float:
        return (self.to_grams - self.from_grams) / self.days


def exponential_gain(*, from_grams: float, to_grams: float, days: float) -> float:
    """Growth velocity in g/kg/day = 1000 x ln(W2 / W1) / days (Patel et al. 2005, 2009)."""
    if from_grams <= 0 or to_grams <= 0 or days <= 0:
        raise ValueError("weights and days must be positive")
    return 1000 * math.log(to_grams / from_grams) / days


def weight_gain(
    *, baby: Baby, weights: Iterable[Weight], on: date | None = None, window_days: int = GAIN_WINDOW_DAYS
) -> WeightGain | None:
    """Weight gain in g/kg/day over the last `window_days` (7) up to `on` (default: the latest weighing).

    Method: the exponential model, GV = 1000 x ln(W2 / W1) / (D2 - D1), which assumes growth proportional to
    the current weight and is the most accurate of the usual formulas against day-by-day growth in preterm
    babies (Patel AL, Engstrom JL, Meier PP, Kimura RE. Accuracy of methods for calculating postnatal growth
    velocity for extremely low birth weight infants. Pediatrics 2005;116:1466-73; and Patel AL et al.
    Calculating postnatal growth velocity in very low birth weight premature infants. J Perinatol
    2009;29:618-22).
    W2 is the latest weighing on or before `on`; W1 is the latest weighing (or the birth weight, on the birth
    date) dated at least `window_days` before W2. None when there is no such pair, or when W1 is more than
    21 days before W2 (too old to say anything about "lately").
    """
    by_day = _WeightsByDay(weights, baby.baby_id)
    latest = by_day.latest_on_or_before(on) if on is not None else (by_day.all[-1] if by_day.all else None)
    if latest is None:
        return None
    target = latest.measured_on - timedelta(days=window_days)
    earlier = by_day.latest_on_or_before(target)
    from_birth = False
    if earlier is not None:
        from_grams, from_day = earlier.grams, earlier.measured_on
    elif baby.birth_weight_g and baby.birth_date <= target:
        from_grams, from_day, from_birth = baby.birth_weight_g, baby.birth_date, True
    else:
        return None
    span = (latest.measured_on - from_day).days
    if span > GAIN_MAX_SPAN_DAYS or from_grams <= 0 or latest.grams <= 0:
        return None
    return WeightGain(
        g_per_kg_per_day=exponential_gain(from_grams=from_grams, to_grams=latest.grams, days=span),
        from_grams=from_grams, from_day=from_day, from_birth_weight=from_birth,
        to_grams=latest.grams, to_day=latest.measured_on,
    )


# ------------------------------------------------------------------------------------------ charts


@dataclass(frozen=True, kw_only=True)
class BabyChartSeries:
    """Everything the feeding and weight charts of one baby draw for a range of local days.

    x is the day (or `FeedingDay.day_of_life`); y is `FeedingDay.ml_per_kg`. `paused_spans` are shaded,
    `plan_changes` and `care_events` are markers, `weights` and the birth weight make the weight chart.
    """

    baby: Baby
    first_day: date
    last_day: date
    days: tuple[FeedingDay, ...]
    periods: tuple[PlanPeriod, ...]
    """Plan periods clipped to the range (start of `first_day` to the end of `last_day`)."""
    care_events: tuple[CareEvent, ...]
    weights: tuple[Weight, ...]
    milestones: tuple[NoteEntry, ...]

    @property
    def paused_spans(self) -> tuple[PlanPeriod, ...]:
        return tuple(period for period in self.periods if period.is_paused)

    @property
    def plan_changes(self) -> tuple[FeedingPlanChange, ...]:
        return tuple(change for day in self.days for change in day.plan_changes)


def baby_chart_series(
    *,
    baby: Baby,
    plans: Iterable[FeedingPlanChange],
    weights: Iterable[Weight],
    events: Iterable[CareEvent] = (),
    notes: Iterable[NoteEntry] = (),
    zone_name: str,
    first_day: date,
    last_day: date,
) -> BabyChartSeries:
    """The chart data of `baby` from `first_day` to `last_day` (entries of other babies are ignored)."""
    plans = [plan for plan in plans if plan.baby_id == baby.baby_id]
    weights = [weight for weight in weights if weight.baby_id == baby.baby_id]
    days = feeding_days(baby=baby, plans=plans, weights=weights, zone_name=zone_name, first_day=first_day,
                        last_day=last_day)
    start = day_start(max(first_day, baby.birth_date), zone_name)
    end = day_start(last_day + timedelta(days=1), zone_name)
    return BabyChartSeries(
        baby=baby,
        first_day=first_day,
        last_day=last_day,
        days=days,
        periods=periods_overlapping(plan_periods(plans), start, end),
        care_events=tuple(sorted((event for event in events
                                  if event.baby_id == baby.baby_id and start <= event.started_at < end),
                                 key=lambda event: event.started_at)),
        weights=tuple(sorted((weight for weight in weights if first_day <= weight.measured_on <= last_day),
                             key=lambda weight: weight.sort_key)),
        milestones=tuple(sorted((note for note in notes
                                 if note.baby_id == baby.baby_id and note.is_milestone and start <= note.at < end),
                                key=lambda note: note.at)),
    )


__all__ = [
    "GAIN_MAX_SPAN_DAYS",
    "GAIN_WINDOW_DAYS",
    "ROLLING_WINDOW",
    "BabyChartSeries",
    "FeedingDay",
    "FeedingTotals",
    "PlanPeriod",
    "PumpingDay",
    "WeightGain",
    "baby_chart_series",
    "dosing_weight",
    "exponential_gain",
    "feeding_days",
    "feeding_totals",
    "periods_overlapping",
    "plan_in_force",
    "plan_periods",
    "pumping_days",
    "rolling_pumping_series",
    "rolling_pumping_total",
    "weight_gain",
]
