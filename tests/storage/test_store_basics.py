"""The journal store as the UI uses it: create, list, open, babies, save, lock, passphrases, recovery, delete."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest

from nec_companion.core.ages import GestationalAge
from nec_companion.core.errors import (
    BabyRejected,
    JournalClosed,
    JournalError,
    JournalNotFound,
    LabelRejected,
    PassphraseRejected,
    RecoveryCodeInvalid,
    TryLater,
    WrongPassphrase,
    WrongRecoveryCode,
)
from nec_companion.storage import ChangeKind, JournalState
from nec_companion.storage.labels import ANIMALS, COLOURS

from .conftest import OTHER_PASSPHRASE, PASSPHRASE, bean, snapshot


def test_create_lists_and_reopens(directory):
    """A new journal gets a random "Colour Animal" label, is listed, and reopens with the same babies."""
    journal, code = directory.create(passphrase=PASSPHRASE)
    colour, animal = journal.label.split(" ")
    assert colour in COLOURS and animal in ANIMALS
    change = journal.add_baby(bean())
    assert change.kind is ChangeKind.ADDED and change.baby.nickname == "Bean"
    journal.close()
    assert journal.is_closed
    [info] = directory.list()
    assert (info.journal_id, info.label, info.state, info.wait_seconds) == (journal.journal_id, journal.label,
                                                                           JournalState.READY, 0)
    reopened = directory.open(journal.journal_id, PASSPHRASE)
    assert [baby.nickname for baby in reopened.babies()] == ["Bean"]
    assert reopened.restored_from_backup is None
    assert len(code.text) == 44


def test_file_names_are_random_ids_not_labels(directory):
    """Files are named by a random 32-hex id; the label never appears in a file name."""
    journal, _code = directory.create(passphrase=PASSPHRASE, label="Smith Family")
    journal.close()
    names = [path.name for path in directory.folder.iterdir()]
    assert names == [f"{journal.journal_id}.njx"]
    assert all("smith" not in name.lower() for name in names)


def test_labels_are_checked_and_unique(directory):
    """A chosen label is tidied; an empty, over-long or duplicate label is refused with a reason."""
    journal, _ = directory.create(passphrase=PASSPHRASE, label="  Sunny   Days ")
    assert journal.label == "Sunny Days"
    for bad in ("", "   ", "x" * 41, "sunny days", "tab\there\u200b"):
        with pytest.raises(LabelRejected):
            directory.create(passphrase=PASSPHRASE, label=bad)
    assert journal.set_label("Rainy Days") == "Rainy Days"
    assert journal.dirty
    journal.close()
    assert [info.label for info in directory.list()] == ["Rainy Days"]
    assert directory.suggest_label() != "Rainy Days"


def test_babies_crud_returns_change_records(directory):
    """Adding, editing and deleting babies (twins) return change records and mark the journal dirty."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    assert not journal.dirty
    first = journal.add_baby(bean(nickname="Twin A"))
    second = journal.add_baby(bean(nickname="Twin B", birth_weight_g=None, birth_time=None))
    assert journal.dirty
    updated = journal.update_baby(first.baby_id, bean(nickname="Twin A", gestational_age=GestationalAge(28, 0)))
    assert updated.kind is ChangeKind.UPDATED and updated.baby.gestational_age == GestationalAge(28, 0)
    deleted = journal.delete_baby(second.baby_id)
    assert deleted.kind is ChangeKind.DELETED and deleted.baby is None
    journal.save()
    assert not journal.dirty
    journal.close()
    reopened = directory.open(journal.journal_id, PASSPHRASE)
    [baby] = reopened.babies()
    assert (baby.nickname, baby.gestational_age, baby.birth_weight_g) == ("Twin A", GestationalAge(28, 0), 900)
    assert reopened.baby(baby.baby_id) == baby
    assert baby.ages(date(2025, 1, 8)).day_of_life == 8


def test_invalid_baby_is_refused_field_by_field(directory):
    """Invalid details raise BabyRejected naming each field; nothing is stored and the journal stays clean."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    with pytest.raises(BabyRejected) as error:
        journal.add_baby(bean(nickname=" ", gestational_age=GestationalAge(20, 0), birth_weight_g=50))
    assert [field for field, _message in error.value.field_problems] == ["nickname", "gestational_age",
                                                                           "birth_weight_g"]
    assert isinstance(error.value, JournalError)
    assert journal.babies() == () and not journal.dirty
    with pytest.raises(BabyRejected):
        journal.update_baby(999, bean())


def test_lone_surrogates_are_replaced_not_fatal(directory):
    """A nickname with a lone surrogate saves (as U+FFFD) and a split surrogate pair becomes the emoji."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean(nickname="Bean\ud800"))
    journal.add_baby(bean(nickname="Pip \ud83d\udc76"))
    journal.set_label("Star\udfff")
    journal.save()
    journal.close()
    reopened = directory.open(journal.journal_id, PASSPHRASE)
    assert sorted(baby.nickname for baby in reopened.babies()) == ["Bean\ufffd", "Pip \U0001f476"]
    assert reopened.label == "Star\ufffd"


def test_dirty_tracks_edits_made_during_a_pending_save(directory):
    """An edit made after prepare_save() keeps the journal dirty after that snapshot is written."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean(nickname="One"))
    pending = journal.prepare_save()
    journal.add_baby(bean(nickname="Two"))
    report = pending.write()
    assert journal.dirty
    assert report.save_counter == 2 and report.size_bytes > 65536
    journal.save()
    assert not journal.dirty
    assert "image" not in repr(pending) or "One" not in repr(pending)


def test_closed_journal_refuses_use(directory):
    """After close(), using the journal raises JournalClosed instead of touching freed memory."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.close()
    journal.close()  # twice is harmless
    with pytest.raises(JournalClosed):
        journal.babies()
    with pytest.raises(JournalClosed):
        journal.save()


def test_wrong_passphrase_and_unknown_journal(directory):
    """A wrong passphrase raises WrongPassphrase; an unknown or malformed id raises JournalNotFound."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.close()
    with pytest.raises(WrongPassphrase):
        directory.open(journal.journal_id, PASSPHRASE + " ")
    with pytest.raises(JournalNotFound):
        directory.open("0" * 32, PASSPHRASE)
    with pytest.raises(JournalNotFound):
        directory.open("../../etc/passwd", PASSPHRASE)


def test_passphrase_with_quotes_emoji_rtl_and_spaces_round_trips(directory):
    """A2: quotes, semicolons, backslashes, emoji, RTL marks and outer spaces work; the NFD form opens too."""
    passphrase = " it's \"our\"; back\\slash \U0001f476 \u200f caf\u00e9 crème "
    journal, _ = directory.create(passphrase=passphrase)
    journal.close()
    directory.open(journal.journal_id, unicodedata.normalize("NFD", passphrase)).close()
    with pytest.raises(WrongPassphrase):
        directory.open(journal.journal_id, passphrase.strip())


def test_weak_passphrase_refused_at_creation(directory, data_dir):
    """create() refuses a common, short or label-containing passphrase and writes nothing."""
    for weak in ("password1234567", "short", "nicu nicu nicu nicu"):
        with pytest.raises(PassphraseRejected):
            directory.create(passphrase=weak)
    with pytest.raises(PassphraseRejected):
        directory.create(passphrase="we love the Blue Otter", label="Blue Otter")
    assert directory.list() == ()
    assert not (data_dir / "journals").exists() or list((data_dir / "journals").iterdir()) == []


def test_suggested_passphrase_is_accepted(directory):
    """The suggested passphrase creates a journal, and check_passphrase gives live reasons."""
    suggested = directory.suggest_passphrase(words=5)
    assert len(suggested.split("-")) == 5
    assert directory.check_passphrase(suggested) == ()
    assert directory.check_passphrase("password1234567")
    journal, _ = directory.create(passphrase=suggested)
    journal.close()
    directory.open(journal.journal_id, suggested).close()


def test_change_passphrase_rekeys_and_issues_a_new_code(directory):
    """After a change, only the new passphrase and new code open the journal (backups too), data intact."""
    journal, old_code = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    journal.save()
    journal.add_baby(bean(nickname="Second"))
    journal.save()
    assert journal.journal_id + ".njx.bak1" in snapshot(directory.folder)
    with pytest.raises(WrongPassphrase):
        journal.change_passphrase(current_passphrase="not it at all, sorry", new_passphrase=OTHER_PASSPHRASE)
    with pytest.raises(PassphraseRejected):
        journal.change_passphrase(current_passphrase=PASSPHRASE, new_passphrase="password1234567")
    new_code = journal.change_passphrase(current_passphrase=PASSPHRASE, new_passphrase=OTHER_PASSPHRASE)
    assert new_code.text != old_code.text
    journal.close()
    with pytest.raises(WrongPassphrase):
        directory.open(journal.journal_id, PASSPHRASE)
    with pytest.raises(WrongRecoveryCode):
        directory.open_with_recovery_code(journal.journal_id, old_code.text, new_passphrase="yet another fine phrase")
    reopened = directory.open(journal.journal_id, OTHER_PASSPHRASE)
    assert len(reopened.babies()) == 2
    reopened.close()
    # every backup generation was re-encrypted: the new passphrase opens each of them on its own
    for name in sorted(snapshot(directory.folder)):
        if ".bak" in name:
            (directory.folder / f"{journal.journal_id}.njx").write_bytes((directory.folder / name).read_bytes())
            directory.open(journal.journal_id, OTHER_PASSPHRASE).close()


def test_open_with_recovery_code_forces_new_passphrase_and_code(directory):
    """C9: the code (lowercase, spaces, O for 0) opens the journal, sets a new passphrase and a new code."""
    journal, code = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    journal.close()
    typed = code.text.lower().replace("-", " ").replace("0", "o")
    recovered, new_code = directory.open_with_recovery_code(journal.journal_id, typed,
                                                            new_passphrase=OTHER_PASSPHRASE)
    assert [baby.nickname for baby in recovered.babies()] == ["Bean"]
    assert new_code.text != code.text
    recovered.close()
    with pytest.raises(WrongPassphrase):
        directory.open(journal.journal_id, PASSPHRASE)
    with pytest.raises(WrongRecoveryCode):
        directory.open_with_recovery_code(journal.journal_id, code.text, new_passphrase="yet another fine phrase")
    directory.open(journal.journal_id, OTHER_PASSPHRASE).close()
    directory.open_with_recovery_code(journal.journal_id, new_code.text, new_passphrase=PASSPHRASE)[0].close()


def test_recovery_code_typo_is_located_before_anything_happens(directory):
    """C9: a one-character typo says which group to check and changes nothing on disk."""
    journal, code = directory.create(passphrase=PASSPHRASE)
    journal.close()
    before = snapshot(directory.folder)
    groups = list(code.groups)
    groups[2] = groups[2][:2] + ("A" if groups[2][2] != "A" else "B") + groups[2][3]
    with pytest.raises(RecoveryCodeInvalid) as error:
        directory.open_with_recovery_code(journal.journal_id, "-".join(groups), new_passphrase=OTHER_PASSPHRASE)
    assert error.value.groups == (3,)
    assert "check group 3" in str(error.value)
    assert snapshot(directory.folder) == before


def test_replace_recovery_code(directory):
    """A lost card can be replaced: the old code stops working, the new one works, the passphrase is unchanged."""
    journal, old_code = directory.create(passphrase=PASSPHRASE)
    new_code = journal.replace_recovery_code(current_passphrase=PASSPHRASE)
    journal.close()
    with pytest.raises(WrongRecoveryCode):
        directory.open_with_recovery_code(journal.journal_id, old_code.text, new_passphrase=OTHER_PASSPHRASE)
    directory.open(journal.journal_id, PASSPHRASE).close()
    directory.open_with_recovery_code(journal.journal_id, new_code.text, new_passphrase=OTHER_PASSPHRASE)[0].close()


def test_throttle_across_restarts_never_wipes(make_directory, clock):
    """C8: after 5 wrong tries the wait applies, survives a new directory object, doubles, and nothing is deleted."""
    directory = make_directory()
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.close()
    before = snapshot(directory.folder)
    for _ in range(5):
        with pytest.raises(WrongPassphrase):
            directory.open(journal.journal_id, "a wrong guess here")
    with pytest.raises(TryLater) as waiting:
        directory.open(journal.journal_id, PASSPHRASE)
    assert waiting.value.retry_after_seconds == 30
    restarted = make_directory()
    assert restarted.wait_seconds(journal.journal_id) == 30
    assert restarted.list()[0].wait_seconds == 30
    clock.advance(timedelta(seconds=31))
    with pytest.raises(WrongPassphrase):
        restarted.open(journal.journal_id, "a wrong guess here")
    assert make_directory().wait_seconds(journal.journal_id) == 60
    for _ in range(10):
        clock.advance(timedelta(minutes=16))
        with pytest.raises(WrongPassphrase):
            make_directory().open(journal.journal_id, "a wrong guess here")
    assert make_directory().wait_seconds(journal.journal_id) == 900
    assert snapshot(directory.folder) == before
    clock.advance(timedelta(minutes=16))
    make_directory().open(journal.journal_id, PASSPHRASE).close()
    assert make_directory().wait_seconds(journal.journal_id) == 0


def test_delete_needs_the_passphrase(directory):
    """delete() refuses a wrong passphrase, then removes every file of that journal only."""
    keep, _ = directory.create(passphrase=PASSPHRASE)
    keep.close()
    gone, _ = directory.create(passphrase=OTHER_PASSPHRASE)
    gone.add_baby(bean())
    gone.save()
    gone.save()
    gone.close()
    with pytest.raises(WrongPassphrase):
        directory.delete(gone.journal_id, passphrase=PASSPHRASE)
    assert directory.delete(gone.journal_id, passphrase=OTHER_PASSPHRASE) >= 2
    assert [info.journal_id for info in directory.list()] == [keep.journal_id]
    assert all(not name.startswith(gone.journal_id) for name in snapshot(directory.folder))
    with pytest.raises(JournalNotFound):
        directory.open(gone.journal_id, OTHER_PASSPHRASE)


def test_backup_generations_rotate_by_position(directory, clock):
    """Saves keep at most three backups, newest in bak1, ordered by save counter even if the clock goes back."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    for step in range(8):
        journal.add_baby(bean(nickname=f"Baby {step}"))
        clock.advance(timedelta(minutes=11) if step % 2 else timedelta(minutes=-30))
        journal.save()
    journal.close()
    names = sorted(snapshot(directory.folder))
    assert names == [f"{journal.journal_id}.njx", *(f"{journal.journal_id}.njx.bak{n}" for n in (1, 2, 3))]
    counts = []
    for name in names:
        (directory.folder / "probe.njx").write_bytes((directory.folder / name).read_bytes())
        (directory.folder / f"{journal.journal_id}.njx").replace(directory.folder / "held")
        (directory.folder / "probe.njx").replace(directory.folder / f"{journal.journal_id}.njx")
        opened = directory.open(journal.journal_id, PASSPHRASE)
        counts.append(len(opened.babies()))
        opened.close(save=False)
        (directory.folder / "held").replace(directory.folder / f"{journal.journal_id}.njx")
    assert counts[0] == 8
    assert counts[0] > counts[1] > counts[2] > counts[3]
