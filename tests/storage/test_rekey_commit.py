"""Audit F2: a passphrase change or recovery-code use has ONE durable commit point (the rename of the current
file). Preparing changes nothing on disk; a crash before the commit leaves the old passphrase and card working;
a crash after it leaves the new ones working, and the next open finishes re-sealing every backup."""

from __future__ import annotations

import pytest

from nec_companion.core.errors import SaveFailed, SaveFailureReason, WrongPassphrase, WrongRecoveryCode
from nec_companion.storage import journal as journal_module

from .conftest import OTHER_PASSPHRASE, PASSPHRASE, bean, snapshot

THIRD = "a third quite long phrase"


class Crash(BaseException):
    """Stands for kill -9: nothing after it runs (not an Exception, so no handler cleans up)."""


def _journal_with_backups(directory):
    journal, code = directory.create(passphrase=PASSPHRASE)
    for name in ("Bean", "Pip", "Wren"):
        journal.add_baby(bean(nickname=name))
        journal.save()
    return journal, code


def _every_copy_opens_with(directory, journal_id, passphrase):
    """Each backup generation, put in place of the current file on its own, opens with `passphrase`."""
    folder = directory.folder
    current = folder / f"{journal_id}.njx"
    saved = current.read_bytes()
    try:
        for name in sorted(snapshot(folder)):
            if ".bak" in name:
                current.write_bytes((folder / name).read_bytes())
                directory.open(journal_id, passphrase).close(save=False)
    finally:
        current.write_bytes(saved)


def test_prepare_changes_nothing_and_an_abandoned_change_keeps_the_old_keys(directory):
    journal, code = _journal_with_backups(directory)
    before = snapshot(directory.folder)
    pending = journal.prepare_passphrase_change(current_passphrase=PASSPHRASE, new_passphrase=OTHER_PASSPHRASE)
    assert pending.recovery_code.text != code.text
    assert snapshot(directory.folder) == before
    journal.close()  # locked before the family typed the new code back: no commit
    with pytest.raises(WrongPassphrase):
        directory.open(journal.journal_id, OTHER_PASSPHRASE)
    directory.open(journal.journal_id, PASSPHRASE).close()
    directory.open_with_recovery_code(journal.journal_id, code.text, new_passphrase=THIRD)[0].close()


def test_recovery_prepare_keeps_the_card_alive_until_commit(directory):
    journal, code = _journal_with_backups(directory)
    journal.close()
    opened, pending = directory.prepare_recovery(journal.journal_id, code.text, new_passphrase=OTHER_PASSPHRASE)
    opened.close()  # the new code was never typed back
    opened, pending = directory.prepare_recovery(journal.journal_id, code.text, new_passphrase=OTHER_PASSPHRASE)
    opened.commit_rekey(pending)
    opened.close()
    with pytest.raises(WrongRecoveryCode):
        directory.open_with_recovery_code(journal.journal_id, code.text, new_passphrase=THIRD)
    directory.open(journal.journal_id, OTHER_PASSPHRASE).close()
    _every_copy_opens_with(directory, journal.journal_id, OTHER_PASSPHRASE)


def test_crash_before_the_commit_point_rolls_back(directory, make_directory, monkeypatch):
    journal, code = _journal_with_backups(directory)
    pending = journal.prepare_passphrase_change(current_passphrase=PASSPHRASE, new_passphrase=OTHER_PASSPHRASE)

    def killed(*args, **kwargs):
        raise Crash

    monkeypatch.setattr(journal_module, "atomic_write", killed)
    with pytest.raises(Crash):
        journal.commit_rekey(pending)
    assert any(name.endswith(".rekeyed") for name in snapshot(directory.folder))
    monkeypatch.undo()
    fresh = make_directory()  # "the next start of the app"
    with pytest.raises(WrongPassphrase) as wrong:
        fresh.open(journal.journal_id, OTHER_PASSPHRASE)
    # The family holds two passphrases after the crash: the refusal says to try the one from before too.
    assert "Try both the passphrase from before the change and the new one" in wrong.value.user_text()
    reopened = fresh.open(journal.journal_id, PASSPHRASE)
    assert reopened.interrupted_key_change is not None and not reopened.interrupted_key_change.finished
    assert "the passphrase you just used and the recovery card you had before" in (
        reopened.interrupted_key_change.message())
    assert sorted(b.nickname for b in reopened.babies()) == ["Bean", "Pip", "Wren"]
    reopened.close()
    assert not any(name.endswith(".rekeyed") for name in snapshot(directory.folder))
    _every_copy_opens_with(fresh, journal.journal_id, PASSPHRASE)
    fresh.open_with_recovery_code(journal.journal_id, code.text, new_passphrase=THIRD)[0].close()


def test_crash_after_the_commit_point_rolls_forward(directory, make_directory, monkeypatch):
    journal, code = _journal_with_backups(directory)
    pending = journal.prepare_passphrase_change(current_passphrase=PASSPHRASE, new_passphrase=OTHER_PASSPHRASE)

    def killed(*args, **kwargs):
        raise Crash

    monkeypatch.setattr(journal_module, "finish_interrupted_rekey", killed)
    with pytest.raises(Crash):
        journal.commit_rekey(pending)
    monkeypatch.undo()
    fresh = make_directory()
    with pytest.raises(WrongPassphrase) as wrong:
        fresh.open(journal.journal_id, PASSPHRASE)
    assert "Try both the passphrase from before the change and the new one" in wrong.value.user_text()
    reopened = fresh.open(journal.journal_id, OTHER_PASSPHRASE)
    assert reopened.interrupted_key_change is not None and reopened.interrupted_key_change.finished
    assert "the new passphrase and the new recovery card open this journal" in (
        reopened.interrupted_key_change.message())
    assert sorted(b.nickname for b in reopened.babies()) == ["Bean", "Pip", "Wren"]
    reopened.close()
    assert not any(name.endswith(".rekeyed") for name in snapshot(directory.folder))
    _every_copy_opens_with(fresh, journal.journal_id, OTHER_PASSPHRASE)
    with pytest.raises(WrongRecoveryCode):
        fresh.open_with_recovery_code(journal.journal_id, code.text, new_passphrase=THIRD)
    fresh.open_with_recovery_code(journal.journal_id, pending.recovery_code.text, new_passphrase=THIRD)[0].close()


def test_a_failed_commit_leaves_no_side_files_and_the_old_keys(directory, monkeypatch):
    journal, _code = _journal_with_backups(directory)
    before = snapshot(directory.folder)
    pending = journal.prepare_passphrase_change(current_passphrase=PASSPHRASE, new_passphrase=OTHER_PASSPHRASE)

    def full_disk(*args, **kwargs):
        raise SaveFailed(SaveFailureReason.DISK_FULL, detail="disk full")

    monkeypatch.setattr(journal_module, "atomic_write", full_disk)
    with pytest.raises(SaveFailed):
        journal.commit_rekey(pending)
    monkeypatch.undo()
    assert snapshot(directory.folder) == before
    journal.close()
    directory.open(journal.journal_id, PASSPHRASE).close()


def test_a_stale_prepared_change_is_refused(directory):
    journal, _code = _journal_with_backups(directory)
    first = journal.prepare_passphrase_change(current_passphrase=PASSPHRASE, new_passphrase=OTHER_PASSPHRASE)
    second = journal.prepare_passphrase_change(current_passphrase=PASSPHRASE, new_passphrase=THIRD)
    journal.commit_rekey(second)
    with pytest.raises(SaveFailed):
        journal.commit_rekey(first)
    journal.close()
    directory.open(journal.journal_id, THIRD).close()
