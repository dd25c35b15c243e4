"""The Today overview: per baby, what the plan is now, today's mL/kg/day, the latest weight and recent events;
for the mother, today's pumping and the last 24 hours. Pure functions over lists of entries.

"Today" is the local day of `now` in the family's zone. Today's planned volume is for the *whole* day as the
plans stand (a plan in force now is assumed to continue to midnight), so the figure does not creep up during
the day; it changes when a plan change is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nec_companion.core.ages import BabyAges
from nec_companion.core.babies import Baby
from nec_companion.core.care_events import CareEvent
from nec_companion.core.daily import (
    FeedingDay,
    PumpingDay,
    WeightGain,
    feeding_days,
    plan_in_force,
    plan_periods,
    pumping_days,
    rolling_pumping_total,
    weight_gain,
)
from nec_companion.core.feeding import FamilyFeed, FeedingPlanChange
from nec_companion.core.i18n import N_, _, active
from nec_companion.core.local_time import day_bounds, local_day, to_local
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.pumping import PumpingSession

RECENT_EVENTS_WINDOW = timedelta(hours=72)
RECENT_EVENTS_LIMIT = 5
WARNING_WINDOW = timedelta(hours=24)
"""A "something I noticed" entry keeps the "tell your nurse now" banner up for 24 hours."""
NO_PLAN_TEXT = N_("No feeding plan recorded yet")
"""Marked only: `BabyToday.plan_text` holds it translated."""


@dataclass(frozen=True, kw_only=True)
class BabyToday:
    """Everything the Today card of one baby shows."""

    baby: Baby
    day: date
    now: datetime
    ages: BabyAges | None
    """None if `day` is before the birth date (a clock set wrong)."""
    plan: FeedingPlanChange | None
    """The plan in force now."""
    plan_text: str
    """The plan in words, or "No feeding plan recorded yet"."""
    plan_since_text: str
    """When the plan in force took effect, in local words ("since 14 Jan, 08:00"), or ""."""
    feeding: FeedingDay | None
    """Today's whole-day figures: planned mL, mL/kg/day, change, hours paused, human-milk share."""
    latest_weight: Weight | None
    weight_gain: WeightGain | None
    recent_events: tuple[CareEvent, ...]
    """Care events that started in the last 72 hours or are still going on, newest first (at most 5)."""
    ongoing_courses: tuple[CareEvent, ...]
    """Antibiotics, probiotics, acid-reducing medicine started and not stopped, newest first."""
    warning: CareEvent | None
    """The newest "something I noticed" in the last 24 hours: show the "tell your nurse now" banner."""
    family_feeds_today: tuple[FamilyFeed, ...]
    skin_to_skin_minutes_today: int
    milestones_today: tuple[NoteEntry, ...]
    hours_paused_so_far: float = 0.0
    """Hours feeds were paused today from midnight up to `now` (never the rest of the day ahead)."""
    recent_pauses: tuple[tuple[datetime, datetime | None, str], ...] = ()
    """Feed pauses in force during the last 3 days, newest first: (start, end or None if still paused, reason)."""

    @property
    def ml_per_kg_today(self) -> float | None:
        return self.feeding.ml_per_kg if self.feeding is not None else None

    @property
    def planned_ml_today(self) -> float | None:
        return self.feeding.planned_ml if self.feeding is not None else None

    @property
    def is_paused(self) -> bool:
        return self.plan is not None and self.plan.is_paused


@dataclass(frozen=True, kw_only=True)
class PumpingToday:
    """The mother's pumping for the Today screen."""

    day: PumpingDay
    rolling_24h_ml: float
    last_session: PumpingSession | None


@dataclass(frozen=True, kw_only=True)
class TodayOverview:
    """The whole Today screen: one card per baby (in the journal's order) and the mother's pumping."""

    day: date
    now: datetime
    babies: tuple[BabyToday, ...]
    pumping: PumpingToday

    @property
    def warnings(self) -> tuple[CareEvent, ...]:
        """Every baby's "something I noticed" of the last 24 hours (one banner each)."""
        return tuple(card.warning for card in self.babies if card.warning is not None)


def baby_today(
    *,
    baby: Baby,
    now: datetime,
    zone_name: str,
    plans: Iterable[FeedingPlanChange],
    weights: Iterable[Weight],
    events: Iterable[CareEvent] = (),
    family_feeds: Iterable[FamilyFeed] = (),
    notes: Iterable[NoteEntry] = (),
) -> BabyToday:
    """The Today card for `baby` at `now`. Entries of other babies are ignored."""
    day = local_day(now, zone_name)
    plans = [plan for plan in plans if plan.baby_id == baby.baby_id]
    weights = [weight for weight in weights if weight.baby_id == baby.baby_id]
    periods = plan_periods(plans)
    plan = plan_in_force(periods, now)
    born = day >= baby.birth_date
    feeding = None
    if born:
        found = feeding_days(baby=baby, plans=plans, weights=weights, zone_name=zone_name, first_day=day,
                             last_day=day)
        feeding = found[0] if found else None
    own_weights = sorted(weights, key=lambda weight: weight.sort_key)
    latest_weight = next((weight for weight in reversed(own_weights) if weight.measured_on <= day), None)
    own_events = sorted((event for event in events if event.baby_id == baby.baby_id and event.started_at <= now),
                        key=lambda event: (event.started_at, event.entry_id or 0), reverse=True)
    ongoing = tuple(event for event in own_events if event.is_ongoing_at(now))
    recent = tuple(event for event in own_events
                   if event.started_at > now - RECENT_EVENTS_WINDOW or event in ongoing)[:RECENT_EVENTS_LIMIT]
    warning = next((event for event in own_events
                    if event.is_warning_sign and event.started_at > now - WARNING_WINDOW), None)
    start, end = day_bounds(day, zone_name)
    feeds_today = tuple(sorted((feed for feed in family_feeds
                                if feed.baby_id == baby.baby_id and start <= feed.at < end),
                               key=lambda feed: feed.at))
    notes_today = [note for note in notes if note.baby_id == baby.baby_id and start <= note.at < end]
    paused = [period for period in periods if period.is_paused]
    so_far = sum(period.overlap_hours(start, now) for period in paused) if now > start else 0.0
    window = now - RECENT_EVENTS_WINDOW
    recent_pauses = tuple(
        (period.start, period.end if period.end is None or period.end <= now else None,
         getattr(period.plan.regimen, "reason", ""))
        for period in sorted(paused, key=lambda p: p.start, reverse=True)
        if period.start <= now and (period.end is None or period.end > window))
    return BabyToday(
        baby=baby,
        day=day,
        now=now,
        ages=baby.ages(day) if born else None,
        plan=plan,
        plan_text=plan.describe() if plan is not None else _(NO_PLAN_TEXT),
        plan_since_text=_since(plan, zone_name, day) if plan is not None else "",
        feeding=feeding,
        latest_weight=latest_weight,
        weight_gain=weight_gain(baby=baby, weights=own_weights, on=day),
        recent_events=recent,
        ongoing_courses=ongoing,
        warning=warning,
        family_feeds_today=feeds_today,
        skin_to_skin_minutes_today=sum(note.skin_to_skin_minutes or 0 for note in notes_today),
        milestones_today=tuple(sorted((note for note in notes_today if note.is_milestone), key=lambda n: n.at)),
        hours_paused_so_far=so_far,
        recent_pauses=recent_pauses,
    )


def pumping_today(*, sessions: Iterable[PumpingSession], now: datetime, zone_name: str) -> PumpingToday:
    """Today's pumping total and sessions, the rolling 24-hour total at `now`, and the last session."""
    sessions = [session for session in sessions if session.at <= now]
    day = local_day(now, zone_name)
    last = max(sessions, key=lambda session: (session.at, session.entry_id or 0), default=None)
    return PumpingToday(
        day=pumping_days(sessions, zone_name=zone_name, first_day=day, last_day=day)[0],
        rolling_24h_ml=rolling_pumping_total(sessions, at=now),
        last_session=last,
    )


def _since(plan: FeedingPlanChange, zone_name: str, today: date) -> str:
    local = to_local(plan.effective_at, zone_name)
    clock = active().time(local)
    if local.date() == today:
        return _("since {time} today").format(time=clock)
    if local.date() == today - timedelta(days=1):
        return _("since {time} yesterday").format(time=clock)
    # Translators: when a feeding plan started, e.g. "since Jan 14, 2026, 8:00 AM".
    return _("since {date}, {time}").format(date=active().date(local.date(), style="medium"), time=clock)


__all__ = [
    "NO_PLAN_TEXT",
    "RECENT_EVENTS_LIMIT",
    "RECENT_EVENTS_WINDOW",
    "WARNING_WINDOW",
    "BabyToday",
    "PumpingToday",
    "TodayOverview",
    "baby_today",
    "pumping_today",
]
