"""Error messages: every error a family can see says what happened and what to do, in plain words."""

from __future__ import annotations

import pytest

from nec_companion.core.errors import (
    Damaged,
    JournalClosed,
    JournalError,
    JournalNotFound,
    SaveFailed,
    SaveFailureReason,
    TryLater,
    Unsupported,
    WrongPassphrase,
    WrongRecoveryCode,
)


@pytest.mark.parametrize(
    "error",
    [WrongPassphrase(), WrongRecoveryCode(), Damaged(), Unsupported(), JournalNotFound(), JournalClosed(),
     TryLater(retry_after_seconds=30)] + [SaveFailed(reason) for reason in SaveFailureReason],
)
def test_each_error_has_one_sentence_and_a_next_step(error):
    """Each error has a one-sentence message, a next step, a common base class, and no technical words."""
    assert isinstance(error, JournalError)
    assert error.message.endswith(".") and error.message.count(". ") == 0
    assert error.next_step
    text = str(error).lower()
    for jargon in ("exception", "errno", "traceback", "aes", "argon", "sqlite", "header", "checksum"):
        assert jargon not in text


def test_distinct_messages_for_the_three_file_problems():
    """Wrong passphrase, damaged and newer-version messages are different and each says what to do."""
    messages = {WrongPassphrase().message, Damaged().message, Unsupported().message}
    assert len(messages) == 3
    assert "update" in Unsupported().next_step
    assert "recovery code" in WrongPassphrase().next_step


def test_save_failures_keep_their_reason():
    """SaveFailed carries a machine-readable reason and a matching message."""
    error = SaveFailed(SaveFailureReason.DISK_FULL)
    assert error.reason is SaveFailureReason.DISK_FULL
    assert "disk is full" in error.message
    assert "still here" in error.next_step
    assert "15 minutes" in str(TryLater(retry_after_seconds=900))
