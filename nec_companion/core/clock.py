"""The injected clock: every "now" and "today" in the Qt-free packages comes from a `Clock`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Where the current time comes from; always timezone-aware UTC."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class ManualClock:
    """A clock that only moves when told to: for tests and for replaying a scenario."""

    current: datetime = field(default_factory=lambda: datetime(2025, 1, 7, 10, 0, tzinfo=UTC))

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware datetime")

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        """Move the clock by `delta` (which may be negative, to simulate a clock jump backwards)."""
        self.current = self.current + delta

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware datetime")
        self.current = when

    def today(self) -> date:
        return self.current.date()
