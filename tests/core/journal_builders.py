"""Small builders for journal-entry tests: a baby, local times, plans (shared by tests/core and tests/journal)."""

from __future__ import annotations

from datetime import date, datetime, time

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.feeding import BolusFeeds, ContinuousFeeds, FeedingPlanChange, FeedsPaused, Milk, MilkKind
from nec_companion.core.local_time import local_to_instant

LONDON = "Europe/London"
NEW_YORK = "America/New_York"


def a_baby(baby_id: int = 1, *, birth_date: date = date(2025, 1, 1), birth_weight_g: int | None = 1000,
           nickname: str = "Bean") -> Baby:
    return Baby(baby_id=BabyId(baby_id), nickname=nickname, birth_date=birth_date, birth_time=time(3, 15),
                gestational_age=GestationalAge(28, 0), birth_weight_g=birth_weight_g)


def local(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0) -> datetime:
    """The UTC instant of a wall-clock time in `zone`."""
    return local_to_instant(datetime(year, month, day, hour, minute), zone, fold=fold)


def bolus(at: datetime, volume: float, interval: float, *, baby_id: int = 1, zone: str = LONDON,
          milk: Milk | None = None, entry_id: int | None = None) -> FeedingPlanChange:
    return FeedingPlanChange(baby_id=BabyId(baby_id), effective_at=at, time_zone=zone,
                             regimen=BolusFeeds(volume, interval),
                             milk=milk or Milk.only(MilkKind.MOTHERS_OWN_FRESH), entry_id=entry_id)


def continuous(at: datetime, rate: float, *, baby_id: int = 1, zone: str = LONDON,
               milk: Milk | None = None) -> FeedingPlanChange:
    return FeedingPlanChange(baby_id=BabyId(baby_id), effective_at=at, time_zone=zone,
                             regimen=ContinuousFeeds(rate), milk=milk)


def paused(at: datetime, *, baby_id: int = 1, zone: str = LONDON, reason: str = "belly rest") -> FeedingPlanChange:
    return FeedingPlanChange(baby_id=BabyId(baby_id), effective_at=at, time_zone=zone, regimen=FeedsPaused(reason))
