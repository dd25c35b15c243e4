"""Encrypted backups (issue 7): export to a USB stick, inspect without a passphrase, restore on another computer."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nec_companion.core.errors import (
    Damaged,
    JournalClosed,
    JournalError,
    RecoveryCodeInvalid,
    SaveFailed,
    SaveFailureReason,
    TryLater,
    Unsupported,
    WrongPassphrase,
    WrongRecoveryCode,
)
from nec_companion.core.questions import Priority, QuestionDraft, Role, Topic
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory, Migration, Schema, journal_file
from nec_companion.storage import backup_export as backup_module
from nec_companion.storage.backup import (
    BackupNeedsPassphrase,
    BackupNotFound,
    BackupTargetRejected,
    BackupWriteFailed,
    JournalAlreadyExists,
    RestoreFailed,
    WrongPassphraseForJournalHere,
    export_backup,
    inspect_backup,
    restore_backup,
    suggested_backup_name,
)
from nec_companion.storage.question_book import QuestionBook

from .conftest import OTHER_PASSPHRASE, PASSPHRASE, bean, header_end, lists, snapshot, with_format_major

FAST = KdfPolicy.insecure_fast_for_tests()
CANARY_NICKNAME = "Zebulon-Canary-7731"
CANARY_QUESTION = "Why is Quillfeather-Canary-5512 on a new antibiotic?"


def make(data_dir: Path, clock, **options: object) -> JournalDirectory:
    settings_: dict[str, object] = dict(schema=JOURNAL_SCHEMA, clock=clock, kdf=FAST, passphrase_lists=lists())
    settings_.update(options)
    return JournalDirectory(data_dir, **settings_)  # type: ignore[arg-type]


def dump(journal) -> list[str]:
    """Every table's schema and rows, as SQL text."""
    return list(journal.database.connection.iterdump())


def no_temp_files(folder: Path) -> bool:
    return not any(path.name.endswith(".tmp") for path in folder.iterdir())


@pytest.fixture
def computer_a(tmp_path: Path, clock) -> JournalDirectory:
    return make(tmp_path / "computer-a", clock)


@pytest.fixture
def computer_b(tmp_path: Path, clock) -> JournalDirectory:
    """The second computer, which already holds another family's journal (so its journals folder exists)."""
    directory = make(tmp_path / "computer-b", clock)
    other, _ = directory.create(passphrase=OTHER_PASSPHRASE, label="Other Family")
    other.add_baby(bean(nickname="Pip"))
    other.close()
    return directory


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    return folder


@pytest.fixture
def family(computer_a, clock, usb):
    """A journal on computer A with a baby and a question, its recovery code, and a backup of it on the stick."""
    journal, code = computer_a.create(passphrase=PASSPHRASE, label="Blue Otter")
    journal.add_baby(bean())
    QuestionBook(journal, clock=clock).add(QuestionDraft(text="When will feeds go up?", topic=Topic.FEEDING))
    report = export_backup(journal, usb / suggested_backup_name(date(2025, 1, 7)))
    return journal, code, report


# ------------------------------------------------------------------------------------------------ export


def test_suggested_name_is_neutral():
    """The suggested name holds only the date: no label, name or journal id."""
    assert suggested_backup_name(date(2025, 1, 7)) == "journal-backup-2025-01-07.njx"


def test_round_trip_between_two_data_folders_with_passphrase_and_recovery_code(computer_a, computer_b, clock, usb):
    """Export from A, restore into B: opens with the passphrase and with the recovery code; every table equal."""
    from nec_companion.journal.sample import build_sample_twins

    journal, code = computer_a.create(passphrase=PASSPHRASE, label="Blue Otter")
    build_sample_twins(journal, clock=clock, days=8)
    book = QuestionBook(journal, clock=clock)
    asked = book.add(QuestionDraft(text="When will feeds go up?", topic=Topic.FEEDING, priority=Priority.HIGH))
    book.answer(asked.question.question_id, text="Tomorrow, by 10 mL/kg", role=Role.NEONATOLOGIST)
    expected = dump(journal)
    assert any("INSERT INTO \"questions\"" in line for line in expected)
    assert any("INSERT INTO \"babies\"" in line for line in expected)

    report = export_backup(journal, usb / suggested_backup_name(date(2025, 1, 7)))
    assert report.saved_first and not journal.dirty
    assert report.path.read_bytes()[:8] == b"NICUJRN\x00" and report.size_bytes == report.path.stat().st_size
    journal.close()

    restored = restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    assert (restored.journal_id, restored.label, restored.replaced) == (journal.journal_id, "Blue Otter", False)
    assert restored.new_recovery_code is None and restored.backup_saved_at == report.made_at
    opened = computer_b.open(restored.journal_id, PASSPHRASE)
    assert dump(opened) == expected
    assert [baby.nickname for baby in opened.babies()] == ["Robin", "Wren"]
    [question] = QuestionBook(opened, clock=clock).all()
    assert question.answer is not None and question.answer.text == "Tomorrow, by 10 mL/kg"
    opened.close()

    recovered, _new_code = computer_b.open_with_recovery_code(restored.journal_id, code.text,
                                                              new_passphrase="amber kettle orbit willow")
    assert dump(recovered) == expected
    recovered.close()
    assert {info.label for info in computer_b.list()} == {"Blue Otter", "Other Family"}


def test_backup_opens_as_a_journal_file_in_the_same_format(family, tmp_path, clock):
    """The backup is a journal file: placed in a journals folder as <id>.njx it opens with the passphrase."""
    journal, _code, report = family
    directory = make(tmp_path / "plain-copy", clock)
    directory.folder.mkdir(parents=True)
    shutil.copyfile(report.path, directory.folder / f"{journal.journal_id}.njx")
    opened = directory.open(journal.journal_id, PASSPHRASE)
    assert dump(opened) == dump(journal)
    opened.close()


def test_only_the_label_is_readable_without_the_passphrase(computer_a, clock, usb):
    """Nicknames, questions and the passphrase appear nowhere in the backup's bytes or name; the label does."""
    journal, _code = computer_a.create(passphrase=PASSPHRASE, label="Teal Heron")
    journal.add_baby(bean(nickname=CANARY_NICKNAME))
    QuestionBook(journal, clock=clock).add(QuestionDraft(text=CANARY_QUESTION))
    report = export_backup(journal, usb / suggested_backup_name(date(2025, 1, 7)))
    data = report.path.read_bytes()
    for secret in (CANARY_NICKNAME, CANARY_QUESTION, "Quillfeather", PASSPHRASE):
        for encoding in ("utf-8", "utf-16-le", "latin-1"):
            assert secret.encode(encoding) not in data
    assert b"Teal Heron" in data[: header_end(data)]
    assert [path.name for path in usb.iterdir()] == ["journal-backup-2025-01-07.njx"]
    info = inspect_backup(report.path, bounds=FAST.bounds)
    assert (info.label, info.journal_id, info.format_version, info.size_bytes) == (
        "Teal Heron", journal.journal_id, "1.0", len(data))
    assert (info.size_bytes - header_end(data) - 16) % 65536 == 0  # the size shows the journal's size in 64 KiB steps


def test_export_saves_pending_changes_first(computer_a, usb):
    """An unsaved edit is saved to the journal's own file before the backup is written."""
    journal, _code = computer_a.create(passphrase=PASSPHRASE)
    journal.add_baby(bean(nickname="Unsaved"))
    assert journal.dirty
    report = export_backup(journal, usb / "b.njx")
    assert report.saved_first and not journal.dirty
    journal.close(save=False)
    reopened = computer_a.open(journal.journal_id, PASSPHRASE)
    assert [baby.nickname for baby in reopened.babies()] == ["Unsaved"]
    reopened.close()


def test_export_refuses_when_the_journal_cannot_be_saved(computer_a, usb, monkeypatch):
    """If the pending change can't be saved, SaveFailed is raised, nothing is written and the edit stays."""
    journal, _code = computer_a.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())

    def full(*args, **kwargs):
        raise SaveFailed(SaveFailureReason.DISK_FULL)

    monkeypatch.setattr(journal, "save", full)
    with pytest.raises(SaveFailed) as error:
        export_backup(journal, usb / "b.njx")
    assert not isinstance(error.value, BackupWriteFailed)
    assert list(usb.iterdir()) == [] and journal.dirty


def test_disk_full_during_export_leaves_no_temp_file(family, usb, monkeypatch):
    """ENOSPC while writing: BackupWriteFailed (a SaveFailed, DISK_FULL), no temp file, older backup untouched."""
    journal, _code, report = family
    before = report.path.read_bytes()
    real_write = os.write
    calls = []

    def full(descriptor, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(descriptor, bytes(data)[:1000])

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(SaveFailed) as error:
        export_backup(journal, report.path)
    monkeypatch.undo()
    assert isinstance(error.value, BackupWriteFailed) and error.value.reason is SaveFailureReason.DISK_FULL
    assert "space" in error.value.message and "unchanged" in error.value.next_step
    assert [path.name for path in usb.iterdir()] == [report.path.name]
    assert report.path.read_bytes() == before
    assert not journal.dirty


def test_read_only_stick_and_removed_stick(family, usb, monkeypatch, tmp_path):
    """A write-protected stick says so (READ_ONLY); a vanished folder says to check the stick; nothing is left."""
    journal, _code, _report = family
    real_open = os.open

    def read_only(path, flags, *args):
        if str(path).startswith(str(usb)) and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(BackupWriteFailed) as error:
        export_backup(journal, usb / "second.njx")
    monkeypatch.undo()
    assert error.value.reason is SaveFailureReason.READ_ONLY and "write-protected" in error.value.next_step
    with pytest.raises(BackupWriteFailed) as gone:
        export_backup(journal, tmp_path / "unplugged" / "b.njx")
    assert gone.value.reason is SaveFailureReason.IO_ERROR and "plugged in" in gone.value.next_step
    assert [path.name for path in usb.iterdir()] == ["journal-backup-2025-01-07.njx"]


def test_corrupted_read_back_is_refused(family, usb, monkeypatch):
    """A stick that returns different bytes than were written: VERIFY_FAILED, and no file or temp file remains."""
    journal, _code, _report = family

    def flaky(path, data):
        corrupted = bytearray(data)
        corrupted[len(corrupted) // 2] ^= 0x10
        journal_file.write_new_file(path, bytes(corrupted))

    monkeypatch.setattr(backup_module, "write_new_file", flaky)
    with pytest.raises(BackupWriteFailed) as error:
        export_backup(journal, usb / "flaky.njx")
    assert error.value.reason is SaveFailureReason.VERIFY_FAILED
    assert [path.name for path in usb.iterdir()] == ["journal-backup-2025-01-07.njx"]


def test_export_target_must_be_a_file_outside_the_journals_folder(family, computer_a, usb):
    """A folder, or the app's own journals folder, is refused with a plain reason; nothing is written."""
    journal, _code, _report = family
    before = snapshot(computer_a.folder)
    with pytest.raises(BackupTargetRejected) as folder_error:
        export_backup(journal, usb)
    with pytest.raises(BackupTargetRejected) as own_error:
        export_backup(journal, computer_a.folder / "journal-backup-2025-01-07.njx")
    assert "folder" in folder_error.value.message and "USB stick" in own_error.value.message
    assert snapshot(computer_a.folder) == before


def test_export_of_a_locked_journal_is_refused(family, usb):
    """A locked journal can't be backed up: JournalClosed."""
    journal, _code, _report = family
    journal.close()
    with pytest.raises(JournalClosed):
        export_backup(journal, usb / "late.njx")


# ------------------------------------------------------------------------------------------------ inspect


def test_inspect_reads_only_the_header(family, computer_b, monkeypatch):
    """inspect_backup gives label, version, size and whether the journal is here, reading at most ~64 KiB."""
    journal, _code, report = family
    real_read = os.read
    read = []

    def counting(descriptor, size):
        chunk = real_read(descriptor, size)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counting)
    info = inspect_backup(report.path, directory=computer_b)
    monkeypatch.undo()
    assert sum(read) <= 16 + 65536 + 32 and sum(read) < report.size_bytes
    assert (info.label, info.journal_id, info.format_version, info.app_version) == (
        "Blue Otter", journal.journal_id, "1.0", "0.1.0")
    assert info.size_bytes == report.size_bytes and info.already_here is False
    restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    assert inspect_backup(report.path, directory=computer_b).already_here is True


def test_oversized_file_is_refused_without_reading_it(usb, computer_b):
    """A file over 1 GiB is 'not a backup' at once, from its size alone."""
    huge = usb / "huge.njx"
    with open(huge, "wb") as handle:
        handle.write(b"NICUJRN\x00")
        handle.truncate(1024 * 1024 * 1024 + 1)
    before = snapshot(computer_b.folder)
    for call in (lambda: inspect_backup(huge), lambda: restore_backup(computer_b, huge, passphrase=PASSPHRASE)):
        with pytest.raises(Damaged) as error:
            call()
        assert error.value.message == "This file is not a NEC Companion journal backup."
    assert snapshot(computer_b.folder) == before


# ------------------------------------------------------------------------------------------------ bad backups


def test_wrong_passphrase_or_code_changes_nothing_and_is_counted(family, computer_b):
    """Wrong passphrase / wrong code / code typo: their own messages, counted, journals folder byte-identical."""
    journal, _code, report = family
    before = snapshot(computer_b.folder)
    with pytest.raises(WrongPassphrase) as wrong:
        restore_backup(computer_b, report.path, passphrase=OTHER_PASSPHRASE)
    assert wrong.value.message == "That passphrase doesn't open this backup."
    assert "when the backup was made" in wrong.value.next_step
    with pytest.raises(WrongRecoveryCode) as wrong_code:
        restore_backup(computer_b, report.path, recovery_code=_other_code())
    assert wrong_code.value.message == "That recovery code doesn't open this backup."
    with pytest.raises(RecoveryCodeInvalid) as typo:
        restore_backup(computer_b, report.path, recovery_code="ABCD-EFGH")
    assert "recovery code" in typo.value.message
    assert snapshot(computer_b.folder) == before
    assert computer_b._throttle.failures(journal.journal_id) == 2


def _other_code() -> str:
    from nec_companion.security.recovery_code import RecoveryCode

    return RecoveryCode.generate().text


def test_wrong_attempt_throttle_applies_to_restores(family, computer_b, clock):
    """After 5 wrong passphrases even the right one waits (TryLater); after the wait it restores."""
    _journal, _code, report = family
    for _attempt in range(5):
        with pytest.raises(WrongPassphrase):
            restore_backup(computer_b, report.path, passphrase=OTHER_PASSPHRASE)
    with pytest.raises(TryLater) as wait:
        restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    assert wait.value.retry_after_seconds == pytest.approx(30)
    clock.advance(timedelta(seconds=31))
    restore_backup(computer_b, report.path, passphrase=PASSPHRASE)


def _assert_refused(computer_b, path: Path, error_type, message: str) -> JournalError:
    before = snapshot(computer_b.folder)
    with pytest.raises(error_type) as error:
        restore_backup(computer_b, path, passphrase=PASSPHRASE)
    assert error.value.message == message, error.value.message
    assert "Nothing on this computer was changed." in error.value.next_step
    assert snapshot(computer_b.folder) == before
    return error.value


EMPTY = "This backup file is empty."
NOT_A_BACKUP = "This file is not a NEC Companion journal backup."
INCOMPLETE = "This backup file is incomplete: it may not have finished copying."
DAMAGED = "This backup file is damaged, so it can't be restored."
NEWER = "This backup was made by a newer version of NEC Companion."


def test_truncated_at_several_offsets(family, computer_b, usb):
    """Truncation anywhere is 'incomplete' (zero length: 'empty'), from inspect and restore; nothing changes."""
    _journal, _code, report = family
    pristine = report.path.read_bytes()
    end = header_end(pristine)
    cut = usb / "cut.njx"
    offsets = (0, 1, 7, 8, 15, 16, 17, end - 32, end - 1, end, end + 1, len(pristine) // 2, len(pristine) - 16,
               len(pristine) - 1)
    for offset in offsets:
        cut.write_bytes(pristine[:offset])
        message = EMPTY if offset == 0 else INCOMPLETE
        _assert_refused(computer_b, cut, Damaged, message)
        with pytest.raises(Damaged) as inspected:
            inspect_backup(cut, bounds=FAST.bounds)
        assert inspected.value.message == message
    cut.write_bytes(pristine + b"extra")
    _assert_refused(computer_b, cut, Damaged, INCOMPLETE)
    # Exactly one 64 KiB block missing still has a plausible length: only the body's tag (restore) can tell.
    cut.write_bytes(pristine[: len(pristine) - 65536])
    assert inspect_backup(cut, bounds=FAST.bounds).label == "Blue Otter"
    _assert_refused(computer_b, cut, Damaged, DAMAGED)


def test_flipped_byte_in_the_header_is_damaged(family, computer_b, usb):
    """Any single flipped header byte: Damaged ('not a backup' in the magic, else 'damaged'/'incomplete')."""
    _journal, _code, report = family
    pristine = report.path.read_bytes()
    flipped = usb / "flipped.njx"
    before = snapshot(computer_b.folder)
    for index in range(header_end(pristine)):
        data = bytearray(pristine)
        data[index] ^= 0x5A
        flipped.write_bytes(bytes(data))
        with pytest.raises(Damaged) as error:
            restore_backup(computer_b, flipped, passphrase=PASSPHRASE)
        expected = {NOT_A_BACKUP} if index < 8 else {DAMAGED, INCOMPLETE}
        assert error.value.message in expected, (index, error.value.message)
        with pytest.raises(Damaged):
            inspect_backup(flipped, bounds=FAST.bounds)
    assert snapshot(computer_b.folder) == before


@pytest.mark.parametrize("where", ["first", "middle", "tag"])
def test_flipped_byte_in_the_body_is_damaged(family, computer_b, usb, where):
    """A flipped body byte passes inspect (no key) but restore says 'damaged' and changes nothing."""
    _journal, _code, report = family
    data = bytearray(report.path.read_bytes())
    index = {"first": header_end(data), "middle": len(data) // 2, "tag": len(data) - 1}[where]
    data[index] ^= 0x01
    flipped = usb / "body.njx"
    flipped.write_bytes(bytes(data))
    assert inspect_backup(flipped, bounds=FAST.bounds).label == "Blue Otter"
    _assert_refused(computer_b, flipped, Damaged, DAMAGED)


def test_other_files_are_not_backups(computer_b, usb):
    """Random bytes, a zero-filled file and a text file are 'not a backup'."""
    for name, data in (("random.njx", os.urandom(200_000)), ("zeros.njx", bytes(131_136)),
                       ("notes.txt", b"shopping list\n")):
        path = usb / name
        path.write_bytes(b"X" + data[1:] if name == "random.njx" else data)
        _assert_refused(computer_b, path, Damaged, NOT_A_BACKUP)


def test_newer_format_version_is_unsupported(family, computer_b, usb):
    """A file from a newer format: Unsupported from inspect and restore, 'update the app', nothing changed."""
    _journal, _code, report = family
    newer = usb / "newer.njx"
    newer.write_bytes(with_format_major(report.path.read_bytes(), 2))
    error = _assert_refused(computer_b, newer, Unsupported, NEWER)
    assert "update the app" in error.next_step
    with pytest.raises(Unsupported):
        inspect_backup(newer, bounds=FAST.bounds)
    truncated_newer = usb / "newer-cut.njx"
    truncated_newer.write_bytes(newer.read_bytes()[: header_end(newer.read_bytes()) + 10])
    _assert_refused(computer_b, truncated_newer, Unsupported, NEWER)


def test_newer_database_schema_is_unsupported(tmp_path, clock, computer_b, usb):
    """A backup whose database schema is newer than this app's is Unsupported after unlocking; nothing changes."""
    future = JOURNAL_SCHEMA.extended(Migration(JOURNAL_SCHEMA.latest + 1, "future table",
                                               lambda connection: connection.execute("CREATE TABLE future (x)")))
    newer_app = make(tmp_path / "newer-app", clock, schema=future)
    journal, _code = newer_app.create(passphrase=PASSPHRASE)
    report = export_backup(journal, usb / "future.njx")
    assert inspect_backup(report.path, bounds=FAST.bounds).format_version == "1.0"
    _assert_refused(computer_b, report.path, Unsupported, NEWER)


def test_restore_onto_a_fresh_computer_creates_only_the_journal_file(family, tmp_path, clock):
    """On a computer with no journals yet a bad backup creates nothing; a good one creates only <id>.njx."""
    journal, _code, report = family
    fresh = make(tmp_path / "fresh-computer", clock)
    damaged = tmp_path / "damaged.njx"
    damaged.write_bytes(report.path.read_bytes()[:-1])
    for bad in (damaged, tmp_path / "missing.njx"):
        with pytest.raises(JournalError):
            restore_backup(fresh, bad, passphrase=PASSPHRASE)
    assert not (tmp_path / "fresh-computer").exists()
    restore_backup(fresh, report.path, passphrase=PASSPHRASE)
    assert sorted(path.name for path in fresh.folder.iterdir()) == [f"{journal.journal_id}.njx"]


def test_folder_or_missing_path_instead_of_a_file(computer_b, usb):
    """A missing path and a folder each get their own message; nothing changes."""
    before = snapshot(computer_b.folder)
    with pytest.raises(BackupNotFound) as missing:
        restore_backup(computer_b, usb / "nothing-here.njx", passphrase=PASSPHRASE)
    with pytest.raises(BackupNotFound) as folder:
        restore_backup(computer_b, usb, passphrase=PASSPHRASE)
    with pytest.raises(BackupNotFound):
        inspect_backup(usb)
    assert missing.value.message == "That backup file could not be found."
    assert folder.value.message == "That is a folder, not a backup file."
    assert snapshot(computer_b.folder) == before


def test_every_bad_backup_has_its_own_message():
    """The messages for empty, not-a-backup, incomplete, damaged and newer files all differ."""
    assert len({EMPTY, NOT_A_BACKUP, INCOMPLETE, DAMAGED, NEWER}) == 5


# ------------------------------------------------------------------------------------------------ conflicts


def test_same_journal_already_here_needs_a_choice(family, computer_b):
    """Restoring a journal that is already here raises JournalAlreadyExists and changes nothing."""
    journal, _code, report = family
    restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    before = snapshot(computer_b.folder)
    with pytest.raises(JournalAlreadyExists) as error:
        restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    assert (error.value.journal_id, error.value.label) == (journal.journal_id, "Blue Otter")
    assert "Replace" in error.value.next_step and "Keep both" in error.value.next_step
    assert snapshot(computer_b.folder) == before


def test_replace_keeps_the_old_current_file_as_a_backup(family, computer_b, clock, usb):
    """Replace: the restored journal becomes current; the old current is bak1 and a before-restore copy."""
    journal, _code, first = family
    restore_backup(computer_b, first.path, passphrase=PASSPHRASE)
    here = computer_b.open(journal.journal_id, PASSPHRASE)
    here.add_baby(bean(nickname="Only on B"))
    here.close()
    old_current = (computer_b.folder / f"{journal.journal_id}.njx").read_bytes()
    journal.add_baby(bean(nickname="Later on A"))
    clock.advance(timedelta(days=1))
    second = export_backup(journal, usb / suggested_backup_name(date(2025, 1, 8)))

    report = restore_backup(computer_b, second.path, passphrase=PASSPHRASE, replace=True)
    assert report.replaced and report.journal_id == journal.journal_id
    bak1, aside = report.kept_aside
    assert bak1 == f"{journal.journal_id}.njx.bak1" and aside.startswith(f"{journal.journal_id}.njx.before-restore-")
    assert (computer_b.folder / bak1).read_bytes() == old_current
    assert (computer_b.folder / aside).read_bytes() == old_current
    opened = computer_b.open(journal.journal_id, PASSPHRASE)
    assert [baby.nickname for baby in opened.babies()] == ["Bean", "Later on A"]
    assert opened.restored_from_backup is None
    opened.close()
    assert _babies_in_file(computer_b.folder / aside, journal.journal_id, clock) == ["Bean", "Only on B"]


def _babies_in_file(path: Path, journal_id: str, clock) -> list[str]:
    directory = make(path.parent.parent / f"inspect-{path.name}", clock)
    directory.folder.mkdir(parents=True)
    shutil.copyfile(path, directory.folder / f"{journal_id}.njx")
    journal = directory.open(journal_id, PASSPHRASE)
    try:
        return [baby.nickname for baby in journal.babies()]
    finally:
        journal.close(save=False)


def test_replace_needs_the_passphrase_of_the_journal_here(family, computer_b):
    """Replace with a backup whose passphrase doesn't open the copy here: refused until passphrase_here is given."""
    journal, _code, report = family
    restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    here = computer_b.open(journal.journal_id, PASSPHRASE)
    here.change_passphrase(current_passphrase=PASSPHRASE, new_passphrase="amber kettle orbit willow")
    here.close()
    before = snapshot(computer_b.folder)
    with pytest.raises(WrongPassphraseForJournalHere) as error:
        restore_backup(computer_b, report.path, passphrase=PASSPHRASE, replace=True)
    assert isinstance(error.value, WrongPassphrase) and "already on this computer" in error.value.message
    assert snapshot(computer_b.folder) == before
    result = restore_backup(computer_b, report.path, passphrase=PASSPHRASE, replace=True,
                            passphrase_here="amber kettle orbit willow")
    assert result.replaced
    computer_b.open(journal.journal_id, PASSPHRASE).close()


def test_replace_without_hard_links(family, computer_b, monkeypatch):
    """On a file system without hard links (FAT32/exFAT) replace copies instead, with the same result."""
    journal, _code, report = family
    restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    old_current = (computer_b.folder / f"{journal.journal_id}.njx").read_bytes()

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    result = restore_backup(computer_b, report.path, passphrase=PASSPHRASE, replace=True)
    for name in result.kept_aside:
        assert (computer_b.folder / name).read_bytes() == old_current
    assert no_temp_files(computer_b.folder)


def test_keep_both_makes_a_separate_journal_with_a_new_recovery_code(family, computer_b):
    """keep_both: new id and key, numbered label, same passphrase, NEW recovery code; the copy here is untouched."""
    journal, old_code, report = family
    restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    original_files = snapshot(computer_b.folder)
    result = restore_backup(computer_b, report.path, passphrase=PASSPHRASE, keep_both=True)
    assert result.journal_id != journal.journal_id and result.source_journal_id == journal.journal_id
    assert (result.label, result.label_changed, result.replaced) == ("Blue Otter 2", True, False)
    assert result.new_recovery_code is not None
    after = snapshot(computer_b.folder)
    assert {name: data for name, data in after.items() if name in original_files} == original_files
    assert set(after) - set(original_files) == {f"{result.journal_id}.njx"}
    copy = computer_b.open(result.journal_id, PASSPHRASE)
    assert dump(copy) == dump(journal)
    copy.close()
    with pytest.raises(WrongRecoveryCode):
        computer_b.open_with_recovery_code(result.journal_id, old_code.text, new_passphrase="amber kettle orbit willow")
    recovered, _ = computer_b.open_with_recovery_code(result.journal_id, result.new_recovery_code.text,
                                                      new_passphrase="amber kettle orbit willow")
    recovered.close()


def test_keep_both_with_a_recovery_code_asks_for_the_passphrase(family, computer_b):
    """keep_both needs the passphrase: with only the recovery code it is refused before anything changes."""
    _journal, code, report = family
    restore_backup(computer_b, report.path, recovery_code=code.text)
    before = snapshot(computer_b.folder)
    with pytest.raises(BackupNeedsPassphrase) as error:
        restore_backup(computer_b, report.path, recovery_code=code.text, keep_both=True)
    assert "Replace" in error.value.next_step
    assert snapshot(computer_b.folder) == before


def test_restore_with_the_recovery_code_then_open_with_the_passphrase(family, computer_b):
    """A restore unlocked with the recovery code keeps both ways in: the passphrase opens the restored journal."""
    journal, code, report = family
    result = restore_backup(computer_b, report.path, recovery_code=code.text.lower().replace("-", " "))
    assert result.journal_id == journal.journal_id
    computer_b.open(journal.journal_id, PASSPHRASE).close()


def test_label_used_by_another_journal_here_gets_a_number(computer_a, computer_b, usb):
    """A restored journal whose label another journal here already has is listed as 'Label 2'."""
    journal, _code = computer_a.create(passphrase=PASSPHRASE, label="Other Family")
    report = export_backup(journal, usb / "clash.njx")
    result = restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    assert (result.label, result.label_changed) == ("Other Family 2", True)
    assert {info.label for info in computer_b.list()} == {"Other Family", "Other Family 2"}


def test_older_schema_backup_is_restored_and_migrated_on_open(tmp_path, clock, computer_b, usb):
    """A backup from an older app (older schema) restores as it is, and opening it migrates it."""
    older = make(tmp_path / "older-app", clock, schema=Schema(JOURNAL_SCHEMA.migrations[:1]))
    journal, _code = older.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    report = export_backup(journal, usb / "older.njx")
    result = restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    assert result.schema_version == 1
    opened = computer_b.open(result.journal_id, PASSPHRASE)
    assert opened.migrated_to == JOURNAL_SCHEMA.latest and [b.nickname for b in opened.babies()] == ["Bean"]
    opened.close()


def test_disk_full_during_restore_changes_nothing(family, computer_b, monkeypatch):
    """ENOSPC while restoring (new or replace): RestoreFailed (a SaveFailed) and the journals folder is identical."""
    journal, _code, report = family
    restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    computer_b.open(journal.journal_id, PASSPHRASE).close()  # a current file with backups behind it
    before = snapshot(computer_b.folder)

    def full(descriptor, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    for options in (dict(replace=True), dict(keep_both=True)):
        with pytest.raises(SaveFailed) as error:
            restore_backup(computer_b, report.path, passphrase=PASSPHRASE, **options)
        assert isinstance(error.value, RestoreFailed) and error.value.reason is SaveFailureReason.DISK_FULL
        assert "Nothing was changed" in error.value.next_step
        assert snapshot(computer_b.folder) == before


# ------------------------------------------------------------------------------------------------ properties


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=2048),
                      st.binary(max_size=2048).map(lambda tail: b"NICUJRN\x00" + tail)))
def test_random_bytes_raise_only_journal_errors(computer_b, usb, data):
    """Random bytes (with or without the magic) make inspect and restore raise only JournalError subclasses."""
    path = usb / "random.njx"
    path.write_bytes(data)
    before = snapshot(computer_b.folder)
    for call in (lambda: inspect_backup(path), lambda: restore_backup(computer_b, path, passphrase=PASSPHRASE)):
        with pytest.raises(JournalError):
            call()
    assert snapshot(computer_b.folder) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
                      min_size=1, max_size=4),
       cut=st.one_of(st.none(), st.integers(min_value=0)))
def test_mutated_backups_raise_only_journal_errors(family, computer_b, usb, edits, cut):
    """Randomly corrupted or truncated real backups never restore and raise only JournalError subclasses."""
    _journal, _code, report = family
    data = bytearray(report.path.read_bytes())
    for position, mask in edits:
        data[position % len(data)] ^= mask
    if cut is not None:
        data = data[: cut % len(data)]
    assume(bytes(data) != report.path.read_bytes())
    path = usb / "mutated.njx"
    path.write_bytes(bytes(data))
    before = snapshot(computer_b.folder)
    try:
        inspect_backup(path, bounds=FAST.bounds)  # may pass: without the key it can't see damage inside the body
    except JournalError:
        pass
    with pytest.raises(JournalError):
        restore_backup(computer_b, path, passphrase=PASSPHRASE)
    assert snapshot(computer_b.folder) == before


def test_restore_checks_the_passphrase_before_reading_the_body(family, computer_b, monkeypatch):
    """Audit M11: a wrong passphrase is refused after reading only the header (about 64 KiB), not the body."""
    _journal, _code, report = family
    real_read = os.read
    read = []

    def counting(descriptor, size):
        chunk = real_read(descriptor, size)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counting)
    with pytest.raises(WrongPassphrase):
        restore_backup(computer_b, report.path, passphrase="not the right passphrase at all")
    monkeypatch.undo()
    assert sum(read) <= 16 + 65536 + 32 and sum(read) < report.size_bytes


@pytest.mark.skipif(os.name == "nt", reason="sparse files and st_blocks are POSIX")
def test_sparse_backup_is_refused_without_reading_it(family, computer_b, monkeypatch):
    """Audit M11: a backup padded out with a huge hole (a sparse file) is refused from its header and size."""
    _journal, _code, report = family
    sparse = report.path.with_name("sparse.njx")
    shutil.copyfile(report.path, sparse)
    os.truncate(sparse, report.size_bytes + 8000 * 65536)  # still a whole number of 64 KiB blocks
    real_read = os.read
    read = []

    def counting(descriptor, size):
        chunk = real_read(descriptor, size)
        read.append(len(chunk))
        return chunk

    before = snapshot(computer_b.folder)
    monkeypatch.setattr(os, "read", counting)
    with pytest.raises(Damaged):
        restore_backup(computer_b, sparse, passphrase=PASSPHRASE)
    monkeypatch.undo()
    assert sum(read) <= 16 + 65536 + 32
    assert snapshot(computer_b.folder) == before


def test_backup_and_restore_carry_the_familys_language(computer_a, computer_b, usb):
    """Issue 13: the language is inside the encrypted database, so a restored journal speaks it again."""
    journal, _ = computer_a.create(passphrase=PASSPHRASE, label="Blue Otter", language="es")
    report = export_backup(journal, usb / suggested_backup_name(date(2025, 1, 7)))
    journal.close()
    restored = restore_backup(computer_b, report.path, passphrase=PASSPHRASE)
    assert computer_b.open(restored.journal_id, PASSPHRASE).language == "es"
