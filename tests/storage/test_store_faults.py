"""Fault cases from security-design §3 A and B: damage, versions, fallback to backups, disk full, read-only."""

from __future__ import annotations

import errno
import os
from datetime import timedelta
from pathlib import Path

import pytest

from nec_companion.core.errors import Damaged, SaveFailed, SaveFailureReason, Unsupported, WrongPassphrase
from nec_companion.security import kdf as kdf_module
from nec_companion.storage import JournalState, journal_file

from .conftest import OTHER_PASSPHRASE, PASSPHRASE, bean, header_end, snapshot, with_format_major


@pytest.fixture
def with_backups(directory, clock):
    """A journal whose current file has 3 babies and whose bak1 (saved 14 minutes before 'now') has 2."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean(nickname="First"))
    journal.save()  # bak1 = the empty journal
    clock.advance(timedelta(minutes=5))
    journal.add_baby(bean(nickname="Second"))
    bak1_saved_at = journal.save().saved_at  # no rotation yet (< 10 minutes)
    clock.advance(timedelta(minutes=11))
    journal.add_baby(bean(nickname="Third"))
    assert journal.save().rotated_backups  # bak1 = First+Second, bak2 = the empty journal
    journal.close()
    clock.advance(timedelta(minutes=3))
    folder = directory.folder
    return journal.journal_id, folder / f"{journal.journal_id}.njx", bak1_saved_at, snapshot(folder)


def restore(folder: Path, files: dict[str, bytes]) -> None:
    for path in folder.iterdir():
        if not path.name.startswith("attempts"):
            path.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)


def assert_restored_from_bak1(directory, journal_id, clock, bak1_saved_at):
    journal = directory.open(journal_id, PASSPHRASE)
    report = journal.restored_from_backup
    assert report is not None and report.rung == "backup 1"
    assert report.saved_at == bak1_saved_at
    assert report.age == clock.now() - bak1_saved_at == timedelta(minutes=14)
    assert "14 minutes ago" in report.message()
    assert [baby.nickname for baby in journal.babies()] == ["First", "Second"]
    assert not journal.dirty  # the restored state was saved as the new current file straight away
    journal.close()
    return report


def test_wrong_passphrase_damaged_and_newer_each_their_own_error_files_identical(directory):
    """A1/A8: wrong passphrase, damaged file and newer version raise distinct errors and change no file."""
    wrong, _ = directory.create(passphrase=PASSPHRASE, label="Wrong")
    wrong.close()
    damaged, _ = directory.create(passphrase=PASSPHRASE, label="Damaged")
    damaged.close()
    newer, _ = directory.create(passphrase=PASSPHRASE, label="Newer")
    newer.add_baby(bean())
    newer.save()  # has a bak1 that must NOT be used as a fallback
    newer.close()
    folder = directory.folder
    damaged_path = folder / f"{damaged.journal_id}.njx"
    data = bytearray(damaged_path.read_bytes())
    data[40] ^= 0xFF
    damaged_path.write_bytes(bytes(data))
    newer_path = folder / f"{newer.journal_id}.njx"
    newer_path.write_bytes(with_format_major(newer_path.read_bytes(), 2))
    before = snapshot(folder)

    with pytest.raises(WrongPassphrase) as wrong_error:
        directory.open(wrong.journal_id, OTHER_PASSPHRASE)
    with pytest.raises(Damaged) as damaged_error:
        directory.open(damaged.journal_id, PASSPHRASE)
    with pytest.raises(Unsupported) as newer_error:
        directory.open(newer.journal_id, PASSPHRASE)
    assert len({wrong_error.value.message, damaged_error.value.message, newer_error.value.message}) == 3
    assert snapshot(folder) == before
    infos = {info.journal_id: info for info in directory.list()}
    assert (infos[wrong.journal_id].state, infos[wrong.journal_id].label) == (JournalState.READY, "Wrong")
    assert (infos[newer.journal_id].state, infos[newer.journal_id].label) == (JournalState.NEWER_VERSION, "Newer")
    assert (infos[damaged.journal_id].state, infos[damaged.journal_id].label) == (JournalState.DAMAGED, "")


def test_every_single_byte_flip_of_the_header_falls_back_to_bak1(directory, clock, with_backups):
    """A3: flipping any one header byte of the current file opens bak1, says how old it is, quarantines the file."""
    journal_id, current, bak1_saved_at, files = with_backups
    pristine = files[current.name]
    for index in range(header_end(pristine)):
        restore(directory.folder, files)
        corrupted = bytearray(pristine)
        corrupted[index] ^= 0x5A
        current.write_bytes(bytes(corrupted))
        report = assert_restored_from_bak1(directory, journal_id, clock, bak1_saved_at)
        [quarantined] = report.quarantined
        assert (directory.folder / quarantined).read_bytes() == bytes(corrupted)


@pytest.mark.parametrize("where", ["first", "middle", "tag"])
def test_body_bit_flip_falls_back_to_bak1(directory, clock, with_backups, where):
    """A4: a flipped bit in the encrypted body opens bak1 and keeps the damaged file aside."""
    journal_id, current, bak1_saved_at, files = with_backups
    data = bytearray(files[current.name])
    index = {"first": header_end(data), "middle": len(data) // 2, "tag": len(data) - 1}[where]
    data[index] ^= 0x01
    current.write_bytes(bytes(data))
    assert_restored_from_bak1(directory, journal_id, clock, bak1_saved_at)


def test_truncations_fall_back_to_bak1(directory, clock, with_backups):
    """A5: truncating the current file at many offsets always opens bak1 with its age."""
    journal_id, current, bak1_saved_at, files = with_backups
    pristine = files[current.name]
    end = header_end(pristine)
    for offset in (0, 1, 7, 8, 15, 16, 17, end - 32, end - 1, end, end + 1, len(pristine) // 2,
                   len(pristine) - 16, len(pristine) - 1):
        restore(directory.folder, files)
        current.write_bytes(pristine[:offset])
        assert_restored_from_bak1(directory, journal_id, clock, bak1_saved_at)


def test_zero_filled_and_appended_garbage_fall_back_to_bak1(directory, clock, with_backups):
    """A6/A7: a zero-filled file of the same length, or appended garbage, opens bak1."""
    journal_id, current, bak1_saved_at, files = with_backups
    pristine = files[current.name]
    for damaged in (bytes(len(pristine)), pristine + b"garbage", pristine + bytes(65536)):
        restore(directory.folder, files)
        current.write_bytes(damaged)
        assert_restored_from_bak1(directory, journal_id, clock, bak1_saved_at)


def test_missing_current_file_opens_newest_backup(directory, clock, with_backups):
    """If the current file is gone, the newest backup opens and the report says the newest copy was missing."""
    journal_id, current, bak1_saved_at, _files = with_backups
    current.unlink()
    report = assert_restored_from_bak1(directory, journal_id, clock, bak1_saved_at)
    assert report.newest_missing and report.quarantined == ()
    assert "was missing" in report.message()


def test_damaged_current_and_bak1_fall_back_to_bak2(directory, clock, with_backups):
    """With current and bak1 damaged, bak2 opens and both damaged files are quarantined, not deleted."""
    journal_id, current, _bak1_saved_at, _files = with_backups
    current.write_bytes(b"\x00" * 100)
    (directory.folder / f"{journal_id}.njx.bak1").write_bytes(b"junk")
    journal = directory.open(journal_id, PASSPHRASE)
    assert journal.restored_from_backup.rung == "backup 2"
    assert len(journal.restored_from_backup.quarantined) == 2
    assert journal.babies() == ()  # bak2 is the journal as first created
    journal.close()
    kept = sorted(path.read_bytes() for path in directory.folder.glob("*.damaged-*"))
    assert kept == sorted([b"\x00" * 100, b"junk"])


def test_all_copies_damaged_raises_damaged_and_changes_nothing(directory, with_backups):
    """When no copy is good, Damaged is raised and every file is left exactly as it was."""
    journal_id, _current, _saved_at, files = with_backups
    for name in files:
        (directory.folder / name).write_bytes(b"\x00" * 70_000)
    before = snapshot(directory.folder)
    with pytest.raises(Damaged):
        directory.open(journal_id, PASSPHRASE)
    assert snapshot(directory.folder) == before


def test_newer_version_never_falls_back_or_changes(directory, with_backups):
    """A8: a current file from a newer app stops with Unsupported even though good backups exist."""
    journal_id, current, _saved_at, files = with_backups
    current.write_bytes(with_format_major(files[current.name], 3))
    before = snapshot(directory.folder)
    with pytest.raises(Unsupported) as error:
        directory.open(journal_id, PASSPHRASE)
    assert "update" in error.value.next_step
    assert snapshot(directory.folder) == before


def test_header_of_one_journal_with_body_of_another(directory):
    """A11: journal X's header on journal Y's body is Damaged and neither journal is modified."""
    x, _ = directory.create(passphrase=PASSPHRASE)
    x.close()
    y, _ = directory.create(passphrase=PASSPHRASE)
    y.close()
    x_path = directory.folder / f"{x.journal_id}.njx"
    y_bytes = (directory.folder / f"{y.journal_id}.njx").read_bytes()
    x_bytes = x_path.read_bytes()
    x_path.write_bytes(x_bytes[: header_end(x_bytes)] + y_bytes[header_end(y_bytes) :])
    before = snapshot(directory.folder)
    with pytest.raises(Damaged):
        directory.open(x.journal_id, PASSPHRASE)
    assert snapshot(directory.folder) == before
    directory.open(y.journal_id, PASSPHRASE).close()


def test_crafted_absurd_kdf_header_rejected_fast_through_the_store(directory, monkeypatch):
    """A9: a current file whose valid-checksum header asks for 4 TiB is Damaged before any key derivation runs
    (so it is fast on any machine), files unchanged."""
    import hashlib
    import struct

    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.close()
    path = directory.folder / f"{journal.journal_id}.njx"
    blob = path.read_bytes()
    (length,) = struct.unpack_from("<I", blob, 12)
    records = bytearray(blob[16 : 16 + length])
    offset = 0
    while offset < len(records):
        record_type, _flags, size = struct.unpack_from("<HHI", records, offset)
        if record_type == 4 and struct.unpack_from("<H", records, offset + 8)[0] == 1:
            struct.pack_into("<I", records, offset + 8 + 6, 2**32 - 1)  # memory KiB: ~4 TiB
            struct.pack_into("<I", records, offset + 8 + 10, 10**9)  # passes
        offset += 8 + size
    prefix = blob[:16] + bytes(records)
    path.write_bytes(prefix + hashlib.sha256(prefix).digest() + blob[16 + length + 32 :])
    before = snapshot(directory.folder)
    derivations: list[object] = []
    monkeypatch.setattr(kdf_module, "Argon2id", lambda **kwargs: derivations.append(kwargs))
    with pytest.raises(Damaged):
        directory.open(journal.journal_id, PASSPHRASE)
    assert derivations == []
    assert snapshot(directory.folder) == before


def test_verified_unfinished_save_is_the_last_resort(directory, with_backups):
    """B7: when every named copy is damaged, a temp file that verifies (crash before rename) is opened."""
    journal_id, current, _saved_at, files = with_backups
    stray = directory.folder / f"{journal_id}.njx.0123456789abcdef.tmp"
    stray.write_bytes(files[current.name])
    for name in files:
        (directory.folder / name).write_bytes(b"\x00" * 10)
    journal = directory.open(journal_id, PASSPHRASE)
    assert journal.restored_from_backup.rung == "unfinished save"
    assert [baby.nickname for baby in journal.babies()] == ["First", "Second", "Third"]
    journal.close()
    assert not stray.exists()  # written as the new current file, then swept
    directory.open(journal_id, PASSPHRASE).close()


def test_stray_temp_files_of_this_journal_are_swept_on_open(directory, with_backups):
    """B7: after a successful open, this journal's own *.tmp leftovers are deleted; other files are kept."""
    journal_id, _current, _saved_at, _files = with_backups
    folder = directory.folder
    ours = [folder / f"{journal_id}.njx.{index:016x}.tmp" for index in range(5)]
    for path in ours:
        path.write_bytes(os.urandom(100))
    other = folder / f"{'a' * 32}.njx.{0:016x}.tmp"
    other.write_bytes(b"not ours to judge")
    unrelated = folder / "notes.tmp"
    unrelated.write_bytes(b"not ours at all")
    directory.open(journal_id, PASSPHRASE).close()
    assert not any(path.exists() for path in ours)
    assert other.exists() and unrelated.exists()


def _flaky(real, error, *, after_calls=0):
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] > after_calls:
            raise error
        return real(*args, **kwargs)

    return wrapper


def _tmp_files(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("target", "error", "reason"),
    [
        ("write", OSError(errno.ENOSPC, "No space left on device"), SaveFailureReason.DISK_FULL),
        ("fsync", OSError(errno.EIO, "Input/output error"), SaveFailureReason.IO_ERROR),
        ("replace", PermissionError(errno.EACCES, "Permission denied"), SaveFailureReason.READ_ONLY),
        ("open", PermissionError(errno.EROFS, "Read-only file system"), SaveFailureReason.READ_ONLY),
        ("link", OSError(errno.ENOSPC, "No space left on device"), SaveFailureReason.DISK_FULL),
    ],
)
def test_failed_save_keeps_old_file_and_edits_then_retries(directory, monkeypatch, target, error, reason):
    """B4/B5: a failed save says why, leaves old files identical and no temp file, keeps edits; a retry works."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean(nickname="Kept"))
    before = snapshot(directory.folder)
    real = getattr(os, target)
    if target == "write":  # the disk fills up mid-file: half of the first write lands, then ENOSPC
        calls = []

        def half_then_full(descriptor, data):
            calls.append(len(data))
            if len(calls) == 1:
                return real(descriptor, bytes(data[: len(data) // 2]))
            raise error

        monkeypatch.setattr(os, "write", half_then_full)
    else:
        monkeypatch.setattr(os, target, _flaky(real, error))
    if target == "link":  # rotation needs a link or, failing that, a copy: make the copy fail too
        monkeypatch.setattr(journal_file, "_copy_with_fsync", _flaky(lambda *a: None, error))
    with pytest.raises(SaveFailed) as failure:
        journal.save()
    monkeypatch.setattr(os, target, real)
    assert failure.value.reason is reason
    assert snapshot(directory.folder) == before
    assert _tmp_files(directory.folder) == []
    assert journal.dirty and [baby.nickname for baby in journal.babies()] == ["Kept"]
    journal.save()
    journal.close()
    assert [baby.nickname for baby in directory.open(journal.journal_id, PASSPHRASE).babies()] == ["Kept"]


def test_verify_after_write_catches_corruption(directory, monkeypatch):
    """B12: if the read-back differs from what was written, the current file is untouched and SaveFailed says so."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    before = snapshot(directory.folder)
    real_open = open

    class Corrupting:
        def __init__(self, handle):
            self._handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

        def read(self, *args):
            data = bytearray(self._handle.read(*args))
            data[len(data) // 2] ^= 0x10
            return bytes(data)

    def fake_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return Corrupting(handle) if str(path).endswith(".tmp") and "r" in mode else handle

    monkeypatch.setattr(journal_file, "open", fake_open, raising=False)
    with pytest.raises(SaveFailed) as failure:
        journal.save()
    assert failure.value.reason is SaveFailureReason.VERIFY_FAILED
    monkeypatch.undo()
    assert snapshot(directory.folder) == before and journal.dirty
    journal.save()


def test_save_refuses_to_overwrite_a_newer_version(directory):
    """A file replaced by a newer app while this journal was open is never overwritten."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    path = directory.folder / f"{journal.journal_id}.njx"
    path.write_bytes(with_format_major(path.read_bytes(), 2))
    before = snapshot(directory.folder)
    with pytest.raises(SaveFailed) as failure:
        journal.save()
    assert failure.value.reason is SaveFailureReason.NEWER_VERSION
    assert snapshot(directory.folder) == before
    journal.close(save=False)


def test_failed_creation_leaves_nothing(directory, monkeypatch):
    """If the very first save fails (disk full), create() raises SaveFailed and no journal file remains."""
    monkeypatch.setattr(os, "write", _flaky(os.write, OSError(errno.ENOSPC, "full")))
    with pytest.raises(SaveFailed):
        directory.create(passphrase=PASSPHRASE)
    monkeypatch.undo()
    assert directory.list() == ()
    assert [p for p in directory.folder.iterdir() if not p.name.startswith("attempts")] == []


def test_backups_without_hard_links_use_copies(directory, monkeypatch):
    """B9: on a file system without hard links (FAT32/exFAT) rotation copies the file; backups still open."""
    monkeypatch.setattr(os, "link", _flaky(os.link, OSError(errno.EPERM, "Operation not permitted")))
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    journal.save()
    journal.close()
    folder = directory.folder
    bak1 = folder / f"{journal.journal_id}.njx.bak1"
    assert bak1.exists() and bak1.stat().st_nlink == 1
    (folder / f"{journal.journal_id}.njx").unlink()
    assert directory.open(journal.journal_id, PASSPHRASE).restored_from_backup.rung == "backup 1"


def test_real_read_only_folder(directory, tmp_path):
    """B5: a really unwritable folder (chmod; as root, a child drops to nobody) gives READ_ONLY, files intact."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    before = snapshot(directory.folder)
    folder = directory.folder
    os.chmod(folder, 0o555)
    try:
        if os.geteuid() != 0:
            with pytest.raises(SaveFailed) as failure:
                journal.save()
            assert failure.value.reason is SaveFailureReason.READ_ONLY
        else:
            if not hasattr(os, "fork"):
                pytest.skip("needs fork to drop root privileges")
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # child: become an ordinary user, who may not write to this folder
                code = 9
                try:
                    os.setgid(65534)
                    os.setuid(65534)
                    try:
                        journal.save()
                        code = 1
                    except SaveFailed as error:
                        code = 0 if error.reason is SaveFailureReason.READ_ONLY else 2
                        os.write(write, error.reason.value.encode())
                except BaseException as error:  # noqa: BLE001 (report anything unexpected to the parent)
                    os.write(write, repr(error).encode()[:200])
                finally:
                    os._exit(code)
            os.close(write)
            _pid, status = os.waitpid(pid, 0)
            reason = os.read(read, 100).decode()
            os.close(read)
            assert os.waitstatus_to_exitcode(status) == 0, reason
    finally:
        os.chmod(folder, 0o700)
    assert snapshot(folder) == before
    assert _tmp_files(folder) == []
    assert journal.dirty
    journal.save()
