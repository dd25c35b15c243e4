"""The wrong-attempt throttle: growing waits that survive restarts, with an injected clock."""

from __future__ import annotations

import json
from datetime import timedelta

from nec_companion.core.clock import ManualClock
from nec_companion.core.errors import TryLater
from nec_companion.security.throttle import AttemptThrottle, ThrottlePolicy

JOURNAL = "0123456789abcdef0123456789abcdef"
OTHER = "fedcba9876543210fedcba9876543210"


def fresh(tmp_path, clock):
    return AttemptThrottle(tmp_path / "attempts.json", clock=clock)


def test_first_four_wrong_tries_are_free_then_thirty_seconds(tmp_path):
    """Four wrong tries cost nothing; the fifth starts a 30-second wait."""
    clock = ManualClock()
    throttle = fresh(tmp_path, clock)
    for _ in range(4):
        assert throttle.record_failure(JOURNAL) == 0
    assert throttle.record_failure(JOURNAL) == 30
    try:
        throttle.check(JOURNAL)
    except TryLater as error:
        assert error.retry_after_seconds == 30
        assert "30 seconds" in str(error)
    else:
        raise AssertionError("expected TryLater")


def test_wait_survives_restart_and_doubles_to_the_cap(tmp_path):
    """The wait is read back by a new throttle object (a restart), doubles per failure, and caps at 15 min."""
    clock = ManualClock()
    for _ in range(5):
        fresh(tmp_path, clock).record_failure(JOURNAL)
    assert fresh(tmp_path, clock).wait_seconds(JOURNAL) == 30
    clock.advance(timedelta(seconds=10))
    assert fresh(tmp_path, clock).wait_seconds(JOURNAL) == 20
    clock.advance(timedelta(seconds=21))
    assert fresh(tmp_path, clock).wait_seconds(JOURNAL) == 0
    waits = [fresh(tmp_path, clock).record_failure(JOURNAL) for _ in range(8)]
    assert waits == [60, 120, 240, 480, 900, 900, 900, 900]
    assert fresh(tmp_path, clock).failures(JOURNAL) == 13
    assert fresh(tmp_path, clock).wait_seconds(OTHER) == 0


def test_success_resets_and_other_journals_are_separate(tmp_path):
    """A correct passphrase clears the count for that journal only."""
    clock = ManualClock()
    throttle = fresh(tmp_path, clock)
    for _ in range(6):
        throttle.record_failure(JOURNAL)
        throttle.record_failure(OTHER)
    fresh(tmp_path, clock).record_success(JOURNAL)
    assert fresh(tmp_path, clock).wait_seconds(JOURNAL) == 0
    assert fresh(tmp_path, clock).wait_seconds(OTHER) == 60


def test_clock_going_backwards_never_lengthens_the_wait(tmp_path):
    """If the clock jumps back an hour, the wait is the normal delay, not an hour more."""
    clock = ManualClock()
    throttle = fresh(tmp_path, clock)
    for _ in range(5):
        throttle.record_failure(JOURNAL)
    clock.advance(timedelta(hours=-1))
    assert throttle.wait_seconds(JOURNAL) == 30


def test_state_file_holds_no_family_text_and_bad_files_are_ignored(tmp_path):
    """The state file holds only ids, counts and times; a corrupt state file is treated as empty, never a crash."""
    clock = ManualClock()
    throttle = fresh(tmp_path, clock)
    throttle.record_failure(JOURNAL)
    document = json.loads((tmp_path / "attempts.json").read_text())
    assert set(document["attempts"][JOURNAL]) == {"failures", "last_failure"}
    for junk in (b"\xff\xfe", b"[]", b'{"format": 1, "attempts": {"x": 5}}', b"{" * 10_000):
        (tmp_path / "attempts.json").write_bytes(junk)
        assert fresh(tmp_path, clock).wait_seconds(JOURNAL) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("attempts")) == ["attempts.json"]


def test_read_only_folder_still_throttles_in_memory(tmp_path):
    """If the state file can't be written, the throttle still counts for this run of the app."""
    clock = ManualClock()
    missing_parent = tmp_path / "file-not-folder"
    missing_parent.write_text("x")
    throttle = AttemptThrottle(missing_parent / "attempts.json", clock=clock, policy=ThrottlePolicy(free_attempts=1))
    assert throttle.record_failure(JOURNAL) == 30
    assert throttle.wait_seconds(JOURNAL) == 30
