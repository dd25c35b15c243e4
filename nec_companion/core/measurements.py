"""Weights: a baby's weight in grams on a local date, with the time of day if the family knows it.

Weights are kept by date rather than as instants: NICUs weigh once a day (often at night) and families copy
the number from the chart, usually without a time. Typing in pounds and ounces goes through
`core/units.py` (`grams_from_lb_oz`); storage is always whole grams.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import NewType

from nec_companion.core import entry_values as values
from nec_companion.core.babies import BabyId
from nec_companion.core.units import format_grams

WeightId = NewType("WeightId", int)


@dataclass(frozen=True, kw_only=True)
class Weight:
    """One weighing. `measured_at` is the local time of day, or None if not known."""

    baby_id: BabyId
    measured_on: date
    grams: int
    measured_at: time | None = None
    note: str = ""
    entry_id: WeightId | None = None

    def __post_init__(self) -> None:
        values.set_field(self, "baby_id", values.whole_number(self.baby_id, name="baby_id"))
        if not isinstance(self.measured_on, date) or type(self.measured_on) is not date:
            raise TypeError("measured_on must be a date (not a datetime)")
        values.set_field(self, "grams", values.whole_number(self.grams, name="grams"))
        if self.measured_at is not None:
            if not isinstance(self.measured_at, time):
                raise TypeError("measured_at must be a time or None")
            values.set_field(self, "measured_at", self.measured_at.replace(second=0, microsecond=0, tzinfo=None))
        values.set_field(self, "note", values.tidy_text(self.note, name="note"))
        values.set_field(self, "entry_id", values.optional_id(self.entry_id, name="entry_id"))

    @property
    def sort_key(self) -> tuple[date, time, int]:
        """Date, then time (unknown times count as the end of the day, as night-time weighings are), then id."""
        return (self.measured_on, self.measured_at or time(23, 59, 59), self.entry_id or 0)

    @property
    def kilograms(self) -> float:
        return self.grams / 1000

    def describe(self) -> str:
        return format_grams(self.grams)


__all__ = ["Weight", "WeightId"]
