"""When an open journal locks itself: idle timeout with a visible countdown (no Qt; time is injected).

The Qt layer feeds activity (any key, mouse or touch) and asks `state()` once a second; the policy decides.
The room is shared, so the timeout is 1–10 minutes and can never be switched off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from nec_companion.core.clock import Clock

MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 1, 10, 3
COUNTDOWN_SECONDS = 30


def clamp_minutes(minutes: int) -> int:
    """Any stored or typed value becomes a valid timeout (never 'off')."""
    return max(MIN_MINUTES, min(MAX_MINUTES, int(minutes)))


@dataclass(frozen=True)
class LockState:
    """What the screen should show now: nothing, a countdown, or lock."""

    lock_now: bool
    countdown_seconds: int | None  # seconds left, shown in the last 30 seconds; None otherwise


class IdleLockPolicy:
    """Tracks the last activity and says when to warn and when to lock.

    A clock jump backwards (the computer's time changed) is treated as activity, never as an early lock or a
    lock that never comes: the idle time is measured from the later of the last activity and the current time.
    """

    def __init__(self, clock: Clock, *, minutes: int = DEFAULT_MINUTES) -> None:
        self._clock = clock
        self._timeout = timedelta(minutes=clamp_minutes(minutes))
        self._last_activity: datetime = clock.now()

    @property
    def minutes(self) -> int:
        return int(self._timeout.total_seconds() // 60)

    def set_minutes(self, minutes: int) -> None:
        self._timeout = timedelta(minutes=clamp_minutes(minutes))

    def activity(self) -> None:
        """Any movement or key press: cancels a countdown and starts the idle time again."""
        self._last_activity = self._clock.now()

    def state(self) -> LockState:
        now = self._clock.now()
        if now < self._last_activity:  # the clock went backwards
            self._last_activity = now
        remaining = self._timeout - (now - self._last_activity)
        if remaining <= timedelta(0):
            return LockState(lock_now=True, countdown_seconds=None)
        if remaining <= timedelta(seconds=COUNTDOWN_SECONDS):
            # Round up so the banner never shows "0 seconds" before the lock happens.
            seconds = int(-(-remaining.total_seconds() // 1))
            return LockState(lock_now=False, countdown_seconds=seconds)
        return LockState(lock_now=False, countdown_seconds=None)
