"""Baby age arithmetic: day of life, postmenstrual age, chronological and corrected age, by calendar date.

Conventions (the ones NICU charts use, stated so nobody has to guess):
- All ages are counted in calendar days in the family's local time, from the birth date. The birth time is
  kept with the baby but does not change the day count.
- Day of life: the day of birth is **day 1** ("day 1 of life"). `days_since_birth` is 0 on that day.
- Postmenstrual age (PMA) = gestational age at birth + days since birth, shown as weeks+days ("33+2").
- Corrected age is used for babies born before 37+0 weeks: chronological age minus the weeks born early
  (40+0 minus gestational age at birth). Before the due date it is negative: we report the days left until
  the due date instead of a negative age. For babies born at 37+0 or later, corrected age equals
  chronological age (no correction), as in clinical practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from nec_companion.core.i18n import _, active, ngettext

TERM_WEEKS = 40
"""The due date is 40+0 weeks of gestation."""

PRETERM_BELOW_WEEKS = 37
"""Born before 37+0 weeks counts as preterm, so corrected age applies."""

_DAYS_PER_WEEK = 7


@dataclass(frozen=True, order=True)
class GestationalAge:
    """Weeks and days of gestation, written "31+4" (31 weeks and 4 days)."""

    weeks: int
    days: int

    def __post_init__(self) -> None:
        if isinstance(self.weeks, bool) or isinstance(self.days, bool):
            raise TypeError("weeks and days must be whole numbers")
        if not isinstance(self.weeks, int) or not isinstance(self.days, int):
            raise TypeError("weeks and days must be whole numbers")
        if self.weeks < 0:
            raise ValueError("weeks cannot be negative")
        if not 0 <= self.days < _DAYS_PER_WEEK:
            raise ValueError("days must be 0 to 6")

    @classmethod
    def from_days(cls, total_days: int) -> GestationalAge:
        """Build from a total number of days of gestation."""
        if total_days < 0:
            raise ValueError("gestation cannot be negative")
        weeks, days = divmod(total_days, _DAYS_PER_WEEK)
        return cls(weeks, days)

    @property
    def total_days(self) -> int:
        return self.weeks * _DAYS_PER_WEEK + self.days

    @property
    def is_preterm(self) -> bool:
        return self.weeks < PRETERM_BELOW_WEEKS

    def __str__(self) -> str:
        return f"{self.weeks}+{self.days}"

    def describe(self) -> str:
        """Plain words: "31 weeks and 4 days"."""
        return _weeks_and_days(self.weeks, self.days)


@dataclass(frozen=True, order=True)
class AgeSpan:
    """A non-negative length of time in whole days, shown as weeks and days."""

    total_days: int

    def __post_init__(self) -> None:
        if self.total_days < 0:
            raise ValueError("an age span cannot be negative")

    @property
    def weeks(self) -> int:
        return self.total_days // _DAYS_PER_WEEK

    @property
    def days(self) -> int:
        return self.total_days % _DAYS_PER_WEEK

    def describe(self) -> str:
        """Plain words: "5 weeks and 3 days", "2 days", "0 days"."""
        if self.weeks == 0:
            return _days(self.days)
        if self.days == 0:
            return _weeks(self.weeks)
        return _weeks_and_days(self.weeks, self.days)


@dataclass(frozen=True)
class BabyAges:
    """Every age of one baby on one date."""

    today: date
    birth_date: date
    gestational_age_at_birth: GestationalAge
    days_since_birth: int
    day_of_life: int
    chronological: AgeSpan
    postmenstrual: GestationalAge
    due_date: date
    corrected_days: int
    """Corrected age in days; negative before the due date. Equals `days_since_birth` for term babies."""

    @property
    def is_preterm(self) -> bool:
        return self.gestational_age_at_birth.is_preterm

    @property
    def corrected(self) -> AgeSpan | None:
        """Corrected age, or None while the baby has not reached the due date yet."""
        return AgeSpan(self.corrected_days) if self.corrected_days >= 0 else None

    @property
    def days_until_due_date(self) -> int:
        """Days left until the due date (0 once reached). Always 0 for term babies."""
        return max(0, -self.corrected_days)


def compute_ages(*, birth_date: date, gestational_age_at_birth: GestationalAge, today: date) -> BabyAges:
    """All ages of a baby born on `birth_date` at `gestational_age_at_birth`, as on `today`.

    Raises ValueError if `today` is before the birth date.
    """
    if today < birth_date:
        raise ValueError("The date asked about is before the baby's birth date.")
    days_since_birth = (today - birth_date).days
    days_early = TERM_WEEKS * _DAYS_PER_WEEK - gestational_age_at_birth.total_days
    due_date = birth_date + timedelta(days=days_early)
    corrected_days = days_since_birth - days_early if gestational_age_at_birth.is_preterm else days_since_birth
    return BabyAges(
        today=today,
        birth_date=birth_date,
        gestational_age_at_birth=gestational_age_at_birth,
        days_since_birth=days_since_birth,
        day_of_life=days_since_birth + 1,
        chronological=AgeSpan(days_since_birth),
        postmenstrual=GestationalAge.from_days(gestational_age_at_birth.total_days + days_since_birth),
        due_date=due_date,
        corrected_days=corrected_days,
    )


def _weeks(count: int) -> str:
    return ngettext("{n} week", "{n} weeks", count).format(n=active().number(count))


def _days(count: int) -> str:
    return ngettext("{n} day", "{n} days", count).format(n=active().number(count))


def _weeks_and_days(weeks: int, days: int) -> str:
    # Translators: an age or a gestation, e.g. "31 weeks and 4 days" (each part already translated).
    return _("{weeks} and {days}").format(weeks=_weeks(weeks), days=_days(days))
