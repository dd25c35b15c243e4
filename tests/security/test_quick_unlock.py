"""Quick unlock with a PIN (security/quick_unlock.py): the data key wrapped under a PIN in memory, usable only in
the 30 minutes after an automatic lock, three tries, wiped on demand."""

from __future__ import annotations

import datetime as dt

import pytest

from nec_companion.core.clock import ManualClock
from nec_companion.security.quick_unlock import QuickUnlock, QuickUnlockEnded, WrongPin, pin_problem

KEY = bytes(range(32))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC))


def _quick(clock: ManualClock) -> QuickUnlock:
    return QuickUnlock(journal_id="ab" * 16, data_key=KEY, pin="482916", clock=clock)


def test_pin_rules():
    assert pin_problem("482916") == ""
    assert pin_problem("12345") and pin_problem("abcdef") and pin_problem("４８２９１６")
    assert "too easy" in pin_problem("111111") and "too easy" in pin_problem("123456")


def test_only_after_an_automatic_lock_and_within_30_minutes(clock):
    quick = _quick(clock)
    with pytest.raises(QuickUnlockEnded):
        quick.unlock("482916")  # armed, but the journal has not locked itself
    quick.start_window()
    clock.advance(dt.timedelta(minutes=29))
    assert quick.unlock("482916") == KEY
    quick.close_window()
    quick.start_window()
    clock.advance(dt.timedelta(minutes=30))
    assert not quick.available
    with pytest.raises(QuickUnlockEnded):
        quick.unlock("482916")
    assert quick.wiped


def test_three_wrong_tries_end_it(clock):
    quick = _quick(clock)
    quick.start_window()
    for left in (2, 1, 0):
        with pytest.raises(WrongPin) as wrong:
            quick.unlock("000001")
        assert wrong.value.tries_left == left
    assert quick.wiped
    with pytest.raises(QuickUnlockEnded):
        quick.unlock("482916")


def test_wipe_forgets_the_key_and_nothing_in_the_object_is_the_key_or_pin(clock):
    quick = _quick(clock)
    held = [v for v in vars(quick).values() if isinstance(v, bytes | str)]
    assert all(KEY not in v for v in held if isinstance(v, bytes))
    assert all("482916" not in v for v in held if isinstance(v, str))
    quick.start_window()
    quick.wipe()
    with pytest.raises(QuickUnlockEnded):
        quick.unlock("482916")
