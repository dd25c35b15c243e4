"""Audit M3: a key slot pasted from another journal (checksum recomputed) no longer turns the right
passphrase into "wrong passphrase": the intact backups' slots are tried, the journal opens, the try is not
counted by the throttle, and the current file is repaired. An old passphrase after a change still fails."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nec_companion.core.errors import WrongPassphrase
from nec_companion.security.file_format import Payload, seal

from .conftest import OTHER_PASSPHRASE, PASSPHRASE, bean


def _paste_foreign_slot(directory, journal, other) -> None:
    header = replace(journal._header.with_fresh_save_nonces(), passphrase_slot=other._header.passphrase_slot)
    blob = seal(header=header, data_key=journal._data_key,
                payload=Payload(save_counter=journal._save_counter + 1, saved_at=journal._context.clock.now(),
                                image=journal.database.image()))
    (directory.folder / f"{journal.journal_id}.njx").write_bytes(blob)


def test_a_pasted_slot_falls_back_to_a_backups_slot(directory, make_directory):
    journal, _code = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    journal.save()
    other, _ = directory.create(passphrase=OTHER_PASSPHRASE, label="Other Family")
    other.close()
    _paste_foreign_slot(directory, journal, other)
    journal.close(save=False)
    fresh = make_directory()
    reopened = fresh.open(journal.journal_id, PASSPHRASE)
    assert [baby.nickname for baby in reopened.babies()] == ["Bean"]
    reopened.close()
    assert fresh.wait_seconds(journal.journal_id) == 0 and fresh._throttle.failures(journal.journal_id) == 0
    # repaired: the current file alone opens now
    for path in directory.folder.iterdir():
        if ".bak" in path.name:
            path.unlink()
    fresh.open(journal.journal_id, PASSPHRASE).close()


def test_an_old_passphrase_does_not_get_in_through_an_old_backup(directory):
    journal, _code = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    journal.save()
    journal.change_passphrase(current_passphrase=PASSPHRASE, new_passphrase=OTHER_PASSPHRASE)
    journal.close()
    with pytest.raises(WrongPassphrase):
        directory.open(journal.journal_id, PASSPHRASE)
    assert directory._throttle.failures(journal.journal_id) == 1
