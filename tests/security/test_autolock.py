"""Auto-lock timing with an injected clock: countdown in the last 30 s, lock at the timeout, never off."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from nec_companion.core.clock import ManualClock
from nec_companion.security.autolock import COUNTDOWN_SECONDS, IdleLockPolicy, clamp_minutes


def test_default_three_minutes_with_a_30_second_countdown() -> None:
    """Quiet for 2:29 shows nothing; 2:31 shows a 29 s countdown; 3:00 locks."""
    clock = ManualClock()
    policy = IdleLockPolicy(clock)
    clock.advance(timedelta(seconds=149))
    assert policy.state().countdown_seconds is None
    clock.advance(timedelta(seconds=2))
    assert policy.state().countdown_seconds == 29
    assert not policy.state().lock_now
    clock.advance(timedelta(seconds=29))
    assert policy.state().lock_now


def test_any_activity_cancels_the_countdown() -> None:
    """A movement during the countdown starts the full timeout again."""
    clock = ManualClock()
    policy = IdleLockPolicy(clock, minutes=1)
    clock.advance(timedelta(seconds=50))
    assert policy.state().countdown_seconds == 10
    policy.activity()
    assert policy.state().countdown_seconds is None
    clock.advance(timedelta(seconds=59))
    assert not policy.state().lock_now


def test_timeout_is_always_between_1_and_10_minutes() -> None:
    """0, negative or huge settings are clamped; there is no 'never'."""
    assert [clamp_minutes(m) for m in (-5, 0, 1, 7, 10, 11, 10_000)] == [1, 1, 1, 7, 10, 10, 10]
    policy = IdleLockPolicy(ManualClock(), minutes=0)
    assert policy.minutes == 1


def test_clock_jumping_backwards_neither_locks_early_nor_never() -> None:
    """If the computer's clock is set back an hour, the journal still locks one timeout later."""
    clock = ManualClock()
    policy = IdleLockPolicy(clock, minutes=2)
    clock.advance(timedelta(hours=-1))
    assert not policy.state().lock_now
    clock.advance(timedelta(minutes=2))
    assert policy.state().lock_now


@given(minutes=st.integers(1, 10), idle=st.integers(0, 900))
def test_locks_exactly_when_idle_reaches_the_timeout(minutes: int, idle: int) -> None:
    """Property: lock iff idle >= timeout; countdown only inside the last 30 seconds."""
    clock = ManualClock()
    policy = IdleLockPolicy(clock, minutes=minutes)
    clock.advance(timedelta(seconds=idle))
    state = policy.state()
    assert state.lock_now == (idle >= minutes * 60)
    in_countdown = minutes * 60 - COUNTDOWN_SECONDS <= idle < minutes * 60
    assert (state.countdown_seconds is not None) == in_countdown
