"""Audit M4: copying an older generation over the current file is noticed from the save counters inside the
encrypted copies beside it (no record of the family's activity is kept); the newer copy is kept aside."""

from __future__ import annotations

from .conftest import PASSPHRASE, bean


def test_an_older_copy_put_in_place_of_the_newest_is_reported(directory, clock):
    journal, _code = directory.create(passphrase=PASSPHRASE)
    journal.close()
    for name in ("Bean", "Pip", "Wren"):  # each unlock rotates: bak1..bak3 fill up
        journal = directory.open(journal.journal_id, PASSPHRASE)
        journal.add_baby(bean(nickname=name))
        journal.save()
        journal.close()
    folder = directory.folder
    current = folder / f"{journal.journal_id}.njx"
    reopened = directory.open(journal.journal_id, PASSPHRASE)
    assert reopened.rollback is None  # the normal case: no notice
    reopened.close(save=False)
    current.write_bytes((folder / f"{journal.journal_id}.njx.bak2").read_bytes())  # the rollback
    rolled = directory.open(journal.journal_id, PASSPHRASE)
    assert [baby.nickname for baby in rolled.babies()] == ["Bean"]
    assert rolled.rollback is not None
    assert "newer copy" in rolled.rollback.message()
    kept = folder / rolled.rollback.kept_as
    assert kept.exists()
    rolled.close(save=False)
    current.write_bytes(kept.read_bytes())
    back = directory.open(journal.journal_id, PASSPHRASE)
    # the newest copy left beside it (bak1: saved before Wren; the copy with Wren was overwritten)
    assert sorted(baby.nickname for baby in back.babies()) == ["Bean", "Pip"]
    back.close()


def test_restoring_an_older_backup_on_purpose_is_not_reported_as_a_rollback(directory, tmp_path):
    from nec_companion.storage.backup import export_backup, restore_backup

    journal, _code = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    journal.save()
    export_backup(journal, tmp_path / "old.njx")
    for name in ("Pip", "Wren"):
        journal.add_baby(bean(nickname=name))
        journal.save()
    journal.close()
    restore_backup(directory, tmp_path / "old.njx", passphrase=PASSPHRASE, replace=True)
    reopened = directory.open(journal.journal_id, PASSPHRASE)
    assert [baby.nickname for baby in reopened.babies()] == ["Bean"]
    assert reopened.rollback is None
    reopened.close()
