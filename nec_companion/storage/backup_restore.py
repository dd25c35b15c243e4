"""Reading and restoring encrypted backups: `inspect_backup` reads only the header; `restore_backup` verifies the
whole file (size, frame, header, key slot, body, database schema) before it touches the journals folder, then
writes the journal like a save, keeping a replaced journal aside. No Qt. See `storage/backup.py`."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import replace as dataclass_replace
from datetime import UTC, datetime
from pathlib import Path

from nec_companion.core.errors import (
    Damaged,
    JournalError,
    LabelRejected,
    SaveFailed,
    TryLater,
    Unsupported,
    WrongPassphrase,
    WrongRecoveryCode,
)
from nec_companion.core.i18n import _
from nec_companion.core.private_files import make_private_folder
from nec_companion.security.file_format import (
    CHECKSUM_LENGTH,
    FRAME,
    MAGIC,
    MAX_FILE_SIZE,
    MAX_HEADER_LENGTH,
    MIN_HEADER_LENGTH,
    NONCE_LENGTH,
    PADDING_BUCKET,
    SAVE_SALT_LENGTH,
    TAG_LENGTH,
    JournalHeader,
    ParsedFile,
    Payload,
    make_passphrase_slot,
    make_recovery_slot,
    new_data_key,
    new_file_id,
    open_body,
    parse_file,
    passphrase_kek,
    seal,
    unwrap_passphrase_slot,
    unwrap_recovery_slot,
)
from nec_companion.security.kdf import PRODUCTION_BOUNDS, KdfBounds
from nec_companion.security.passphrase_policy import passphrase_secret
from nec_companion.security.recovery_code import RecoveryCode, parse_recovery_code
from nec_companion.storage.backup_messages import (
    BACKUP_SUFFIX,
    MAX_BACKUP_BYTES,
    BackupNeedsPassphrase,
    BackupNotFound,
    JournalAlreadyExists,
    RestoreFailed,
    WrongPassphraseForJournalHere,
    damaged_backup,
    empty_backup,
    incomplete_backup,
    newer_backup,
    not_a_backup,
    wrong_backup_passphrase,
    wrong_backup_recovery_code,
)
from nec_companion.storage.database import JournalDatabase
from nec_companion.storage.directory import JournalDirectory
from nec_companion.storage.journal import read_back_verifier
from nec_companion.storage.journal_file import (
    JournalPaths,
    atomic_write,
    free_name,
    path_exists,
    remove_quietly,
    save_reason,
    write_new_file,
)
from nec_companion.storage.labels import MAX_LABEL_LENGTH, clean_label, random_label

_HEADER_READ_LIMIT = FRAME.size + MAX_HEADER_LENGTH + CHECKSUM_LENGTH
_SMALLEST_BODY = PADDING_BUCKET + TAG_LENGTH


@dataclass(frozen=True)
class BackupInfo:
    """What anyone can read from a backup without its passphrase (the family's entries are not among it)."""

    path: Path
    journal_id: str
    label: str
    format_major: int
    format_minor: int
    app_version: str
    """The version of the app that made the backup ("" if it did not say)."""
    size_bytes: int
    modified_at: datetime
    """The file's modification time (from the file system, not from inside the backup)."""
    already_here: bool | None
    """True if a journal with this id is in the directory passed to `inspect_backup` (None if none was)."""

    @property
    def format_version(self) -> str:
        return f"{self.format_major}.{self.format_minor}"


@dataclass(frozen=True)
class RestoreReport:
    """A restored journal, now in the journals folder; open it with `JournalDirectory.open` as usual."""

    journal_id: str
    label: str
    label_changed: bool
    """The backup's label was already used by another journal here, so a number was added."""
    source_journal_id: str
    """The journal id inside the backup (differs from `journal_id` only after keep_both)."""
    replaced: bool
    kept_aside: tuple[str, ...]
    """File names (in the journals folder) that hold the replaced journal: `<id>.njx.bak1` and
    `<id>.njx.before-restore-<time>`. Empty unless a journal was replaced."""
    new_recovery_code: RecoveryCode | None
    """Set only when keep_both made a new journal: its NEW recovery code (the old card does not open it)."""
    backup_saved_at: datetime
    """When the backup was made (read from inside the encrypted body)."""
    schema_version: int
    size_bytes: int
    seconds: float



# ------------------------------------------------------------------------------------------------ reading


def _open_regular_file(path: Path) -> tuple[int, os.stat_result]:
    """A read-only descriptor for a regular file, or BackupNotFound (never blocks on a FIFO or device)."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise BackupNotFound() from None
    except (OSError, ValueError) as error:
        raise _unreadable(error) from None
    if stat.S_ISDIR(info.st_mode):
        raise BackupNotFound(
            _("That is a folder, not a backup file."),
            # Translators: {suffix} is the end of a backup file's name, ".njx".
            next_step=_("Please open the folder and choose the backup file in it (its name ends in {suffix}). "
                        "Nothing on this computer was changed.").format(suffix=BACKUP_SUFFIX),
        )
    if not stat.S_ISREG(info.st_mode):
        raise BackupNotFound(
            _("That is not a backup file."),
            # Translators: {suffix} is the end of a backup file's name, ".njx".
            next_step=_("Please choose the backup file (its name ends in {suffix}). Nothing on this computer was "
                        "changed.").format(suffix=BACKUP_SUFFIX),
        )
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise BackupNotFound() from None
    except OSError as error:
        raise _unreadable(error) from None
    try:
        info = os.fstat(descriptor)
    except OSError as error:
        os.close(descriptor)
        raise _unreadable(error) from None
    if not stat.S_ISREG(info.st_mode):  # swapped between stat and open
        os.close(descriptor)
        raise BackupNotFound(_("That is not a backup file."))
    return descriptor, info


def _unreadable(_error: BaseException) -> BackupNotFound:
    return BackupNotFound(
        _("That backup file could not be read."),
        next_step=_("If it is on a USB stick, check that it is plugged in properly, then try again. Nothing on "
                    "this computer was changed."),
    )


def _read_up_to(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 8 * 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _read_backup(path: Path, *, header_only: bool) -> tuple[bytes, int, os.stat_result]:
    """(bytes read, the file's size, stat). Reads the header only, or the whole file (at most 1 GiB)."""
    descriptor, info = _open_regular_file(Path(path))
    try:
        size = info.st_size
        if size > MAX_BACKUP_BYTES:
            raise not_a_backup(f"{size} bytes is larger than any journal")
        limit = min(size, _HEADER_READ_LIMIT) if header_only else MAX_BACKUP_BYTES + 1
        try:
            data = _read_up_to(descriptor, limit)
        except OSError as error:
            raise _unreadable(error) from None
        except MemoryError:
            raise TryLater(
                _("This computer doesn't have enough free memory to read the backup right now."),
                next_step=_("Close other programs, then try again. Nothing on this computer was changed."),
            ) from None
    finally:
        os.close(descriptor)
    if not header_only:
        size = len(data)  # what was actually read decides (the file may have changed since stat)
        if size > MAX_BACKUP_BYTES:
            raise not_a_backup("larger than any journal")
    return data, size, info


def _parse_header(head: bytes, size: int, *, bounds: KdfBounds) -> ParsedFile:
    """Check a backup's header from its first bytes and its total size; translate every failure into a plain
    backup message (Damaged or Unsupported). The body is not read here: only its length is checked."""
    if size == 0:
        raise empty_backup()
    start = head[: len(MAGIC)]
    if start != MAGIC[: len(start)]:
        raise not_a_backup("bad magic")
    if size < FRAME.size:
        raise incomplete_backup("shorter than the frame")
    _magic, _major, _minor, header_length = FRAME.unpack_from(head, 0)
    if not MIN_HEADER_LENGTH <= header_length <= MAX_HEADER_LENGTH:
        raise damaged_backup("header length out of range")
    prefix_end = FRAME.size + header_length + CHECKSUM_LENGTH
    if size < prefix_end or len(head) < prefix_end:
        raise incomplete_backup("shorter than its header")
    # Checksum, version and records, with a stand-in body of the smallest valid length: the real body's
    # length is judged below, after the version (a newer format may lay out its body differently).
    try:
        parsed = parse_file(head[:prefix_end] + bytes(_SMALLEST_BODY), bounds=bounds)
    except Unsupported as error:
        raise newer_backup(error.detail) from None
    except Damaged as error:
        raise damaged_backup(error.detail) from None
    body_length = size - prefix_end
    if body_length < _SMALLEST_BODY or (body_length - TAG_LENGTH) % PADDING_BUCKET:
        raise incomplete_backup("body length is not a whole number of 64 KiB blocks")
    return parsed


def _parse_whole(data: bytes, *, bounds: KdfBounds) -> ParsedFile:
    _parse_header(data[:_HEADER_READ_LIMIT], len(data), bounds=bounds)
    try:
        return parse_file(data, bounds=bounds)
    except Unsupported as error:
        raise newer_backup(error.detail) from None
    except Damaged as error:
        raise damaged_backup(error.detail) from None


def inspect_backup(path: Path, *, directory: JournalDirectory | None = None,
                   bounds: KdfBounds | None = None) -> BackupInfo:
    """What a backup file says about itself without a passphrase. Fast: reads at most ~64 KiB (the header).

    Checks the size (at most 1 GiB), frame, header checksum, format version, header records (and KDF bounds:
    the directory's, else `bounds`, else production) and that the body has a whole number of 64 KiB blocks.
    The body's integrity needs the key, so a byte flipped inside the body is found by `restore_backup`.
    Raises BackupNotFound, Damaged (empty, not a backup, incomplete, damaged) or Unsupported (newer app).
    """
    if directory is not None:
        bounds = directory.kdf_bounds
    head, size, info = _read_backup(Path(path), header_only=True)
    header = _parse_header(head, size, bounds=bounds or PRODUCTION_BOUNDS).header
    journal_id = header.file_id.hex()
    already_here = JournalPaths(directory.folder, journal_id).exists() if directory is not None else None
    return BackupInfo(
        path=Path(path),
        journal_id=journal_id,
        label=header.label,
        format_major=header.format_major,
        format_minor=header.format_minor,
        app_version=header.app_version,
        size_bytes=size,
        modified_at=datetime.fromtimestamp(info.st_mtime, tz=UTC),
        already_here=already_here,
    )


# ------------------------------------------------------------------------------------------------ restore


@dataclass(frozen=True)
class _Unlocked:
    parsed: ParsedFile
    data_key: bytes
    kek: bytes | None
    payload: Payload
    schema_version: int


def restore_backup(
    directory: JournalDirectory,
    path: Path,
    *,
    passphrase: str | None = None,
    recovery_code: str | None = None,
    replace: bool = False,
    keep_both: bool = False,
    passphrase_here: str | None = None,
) -> RestoreReport:
    """Verify a backup completely, then add it to `directory` as a journal. Give `passphrase` or `recovery_code`.

    A journal with the same id already here: JournalAlreadyExists, unless `replace` (the restored file becomes
    current; the copy here is kept as bak1 and as `<id>.njx.before-restore-<time>`; the passphrase or code,
    or `passphrase_here`, must also open the copy here) or `keep_both` (a separate journal with a new id, data
    key and recovery code; needs the passphrase). Without a conflict both flags are ignored and the journal is
    restored under its own id, so the family's card keeps working. Lock the journal first if it is open here.

    Every refusal and every bad file leaves the journals folder byte-identical (the wrong-attempt counter in
    attempts.json aside). Passing neither or both of passphrase/recovery_code, or both replace and keep_both,
    is a programming error (TypeError). See the module docstring for the JournalErrors.
    """
    if (passphrase is None) == (recovery_code is None):
        raise TypeError("restore_backup needs exactly one of passphrase= or recovery_code=")
    if replace and keep_both:
        raise TypeError("restore_backup: choose replace=True or keep_both=True, not both")
    started = time.perf_counter()
    code = parse_recovery_code(recovery_code) if recovery_code is not None else None
    bounds = directory.kdf_bounds
    # Audit M11: the header alone first (at most ~64 KiB), so the conflict check and the passphrase check
    # happen before the body is read; a sparse file (holes, never a real backup) is refused without reading.
    head, head_size, head_info = _read_backup(Path(path), header_only=True)
    _refuse_sparse(head_info)
    parsed = _parse_header(head, head_size, bounds=bounds)
    del head
    source_id = parsed.header.file_id.hex()
    folder = directory.folder
    paths_here = JournalPaths(folder, source_id)
    exists = paths_here.exists()
    if exists and not (replace or keep_both):
        label_here = next((info.label for info in directory.list() if info.journal_id == source_id), "")
        raise JournalAlreadyExists(journal_id=source_id, label=label_here)
    if exists and keep_both and code is not None:
        raise BackupNeedsPassphrase()

    data_key, kek = _unlock_slot(directory, parsed.header, passphrase=passphrase, code=code)
    raw, _size, _info = _read_backup(Path(path), header_only=False)
    whole = _parse_whole(raw, bounds=bounds)
    del raw
    if whole.header != parsed.header:
        raise damaged_backup("the file changed while it was being read")
    parsed = whole
    unlocked = _verify_body(directory, parsed, data_key=data_key, kek=kek)
    counter_here = 0
    if exists and replace:
        counter_here = _prove_access_here(directory, paths_here, unlocked, passphrase=passphrase, code=code,
                                          passphrase_here=passphrase_here)

    if exists and keep_both:
        assert passphrase is not None and unlocked.kek is not None
        header, data_key, new_code = _rekeyed_header(parsed.header, kek=unlocked.kek)
    else:
        header, data_key, new_code = parsed.header, unlocked.data_key, None
    target_id = header.file_id.hex()
    label = _free_label(parsed.header.label, taken={
        info.label for info in directory.list() if info.journal_id != target_id and info.label})
    sealed_header = dataclass_replace(header.with_fresh_save_nonces(), label=label,
                                      app_version=directory.app_version)
    payload = unlocked.payload
    if payload.save_counter <= counter_here:
        payload = dataclass_replace(payload, save_counter=counter_here + 1)
    blob = seal(header=sealed_header, data_key=data_key, payload=payload)
    target_paths = JournalPaths(folder, target_id)
    replacing = exists and replace
    kept = _write_restored(directory, target_paths, blob,
                           verify=read_back_verifier(blob, data_key=data_key, counter=payload.save_counter,
                                                     bounds=bounds),
                           replacing=replacing)
    return RestoreReport(
        journal_id=target_id,
        label=label,
        label_changed=label != parsed.header.label,
        source_journal_id=source_id,
        replaced=replacing,
        kept_aside=kept,
        new_recovery_code=new_code,
        backup_saved_at=payload.saved_at,
        schema_version=unlocked.schema_version,
        size_bytes=len(blob),
        seconds=time.perf_counter() - started,
    )


def _refuse_sparse(info: os.stat_result) -> None:
    """A backup is random-looking ciphertext written in full; a file with holes is not one of ours."""
    blocks = getattr(info, "st_blocks", None)
    if blocks is None or info.st_size < 4 * PADDING_BUCKET:
        return
    if blocks * 512 < info.st_size // 2:
        raise not_a_backup("sparse file")


def _unlock_and_verify(directory: JournalDirectory, parsed: ParsedFile, *, passphrase: str | None,
                       code: RecoveryCode | None) -> _Unlocked:
    """Slot (throttled like opening), body tag, database load and schema version: all before any write."""
    data_key, kek = _unlock_slot(directory, parsed.header, passphrase=passphrase, code=code)
    return _verify_body(directory, parsed, data_key=data_key, kek=kek)


def _unlock_slot(directory: JournalDirectory, header: JournalHeader, *, passphrase: str | None,
                 code: RecoveryCode | None) -> tuple[bytes, bytes | None]:
    """The data key from the header's slot (throttled like opening), and the passphrase's KEK if one was given."""
    journal_id = header.file_id.hex()
    throttle = directory.attempts
    bounds = directory.kdf_bounds
    throttle.check(journal_id)
    kek: bytes | None = None
    try:
        if code is not None:
            data_key = unwrap_recovery_slot(header.recovery_slot, code_secret=code.secret, file_id=header.file_id)
        else:
            assert passphrase is not None
            kek = passphrase_kek(passphrase_secret(passphrase), header.passphrase_slot, bounds=bounds)
            data_key = unwrap_passphrase_slot(header.passphrase_slot, kek=kek, file_id=header.file_id)
    except WrongRecoveryCode:
        throttle.record_failure(journal_id)
        raise wrong_backup_recovery_code() from None
    except WrongPassphrase:
        throttle.record_failure(journal_id)
        raise wrong_backup_passphrase() from None
    except Damaged as error:  # KDF bounds (already checked by the parser; kept for safety)
        raise damaged_backup(error.detail) from None
    throttle.record_success(journal_id)
    return data_key, kek


def _verify_body(directory: JournalDirectory, parsed: ParsedFile, *, data_key: bytes,
                 kek: bytes | None) -> _Unlocked:
    try:
        payload = open_body(parsed, data_key=data_key)
        database = JournalDatabase.from_image(payload.image, directory.schema)
    except Unsupported as error:
        raise newer_backup(error.detail) from None
    except Damaged as error:
        raise damaged_backup(error.detail) from None
    try:
        schema_version = database.user_version
    finally:
        database.close()
    return _Unlocked(parsed=parsed, data_key=data_key, kek=kek, payload=payload, schema_version=schema_version)


def _prove_access_here(directory: JournalDirectory, paths: JournalPaths, unlocked: _Unlocked, *,
                       passphrase: str | None, code: RecoveryCode | None, passphrase_here: str | None) -> int:
    """Replace only a journal the family can open: the newest copy here with a readable header decides.
    Returns the latest save counter of the copies here (so the restored file is numbered after them and is
    not mistaken for a rollback, audit M4).

    If no copy here has a readable header (all damaged), there is nothing to prove and replacing is allowed.
    """
    bounds = directory.kdf_bounds
    throttle = directory.attempts
    for candidate in [paths.current, *(paths.backup(n) for n in range(1, 10))]:
        try:
            with open(candidate, "rb") as handle:
                raw = handle.read(MAX_FILE_SIZE + 1)
            header = parse_file(raw, bounds=bounds).header
        except OSError:
            continue
        except Unsupported:
            raise Unsupported(
                _("The copy of this journal on this computer was saved by a newer version of NEC Companion."),
                next_step=_("Nothing was changed. Please ask staff to update the app on this computer."),
                detail="journal here is newer",
            ) from None
        except Damaged:
            continue
        if header.file_id != unlocked.parsed.header.file_id:
            continue
        try:
            if passphrase_here is None and code is not None:
                key_here = unwrap_recovery_slot(header.recovery_slot, code_secret=code.secret,
                                                file_id=header.file_id)
            else:
                typed = passphrase_here if passphrase_here is not None else passphrase
                assert typed is not None
                slot = header.passphrase_slot
                backup_slot = unlocked.parsed.header.passphrase_slot
                if passphrase_here is None and unlocked.kek is not None and (slot.params, slot.salt) == (
                        backup_slot.params, backup_slot.salt):
                    kek = unlocked.kek  # same passphrase, same salt: no second key derivation
                else:
                    kek = passphrase_kek(passphrase_secret(typed), slot, bounds=bounds)
                key_here = unwrap_passphrase_slot(slot, kek=kek, file_id=header.file_id)
        except WrongPassphrase:
            throttle.record_failure(paths.journal_id)
            raise WrongPassphraseForJournalHere() from None
        throttle.record_success(paths.journal_id)
        return _highest_save_counter(paths, key_here, bounds=bounds)
    return 0


def _highest_save_counter(paths: JournalPaths, data_key: bytes, *, bounds: KdfBounds) -> int:
    """The latest save counter among the copies here that open with `data_key` (0 if none)."""
    highest = 0
    for candidate in [paths.current, *(paths.backup(n) for n in range(1, 10))]:
        try:
            with open(candidate, "rb") as handle:
                raw = handle.read(MAX_FILE_SIZE + 1)
            highest = max(highest, open_body(parse_file(raw, bounds=bounds), data_key=data_key).save_counter)
        except (OSError, JournalError):
            continue
    return highest


def _rekeyed_header(header: JournalHeader, *, kek: bytes) -> tuple[JournalHeader, bytes, RecoveryCode]:
    """A header for a separate journal: new id, new data key, the same passphrase (its KEK), a new code."""
    file_id = new_file_id()
    data_key = new_data_key()
    code = RecoveryCode.generate()
    slot = header.passphrase_slot
    new_header = JournalHeader(
        file_id=file_id,
        passphrase_slot=make_passphrase_slot(kek_salt=slot.salt, kek=kek, params=slot.params, data_key=data_key,
                                             file_id=file_id),
        recovery_slot=make_recovery_slot(code_secret=code.secret, data_key=data_key, file_id=file_id),
        save_salt=os.urandom(SAVE_SALT_LENGTH),
        payload_nonce=os.urandom(NONCE_LENGTH),
        label=header.label,
        app_version=header.app_version,
        extra_records=header.extra_records,
    )
    return new_header, data_key, code


def _free_label(wanted: str, *, taken: set[str]) -> str:
    """The backup's label if it is usable and free here, else the same with a number, else a random label."""
    try:
        base = clean_label(wanted, taken=set())
    except LabelRejected:
        return random_label(taken=taken)
    folded = {label.casefold() for label in taken}
    if base.casefold() not in folded:
        return base
    for number in range(2, 1000):
        suffix = f" {number}"
        candidate = base[: MAX_LABEL_LENGTH - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in folded:
            return candidate
    return random_label(taken=taken)  # pragma: no cover


def _write_restored(directory: JournalDirectory, paths: JournalPaths, blob: bytes, *,
                    verify: Callable[[bytes], None], replacing: bool) -> tuple[str, ...]:
    """Write the restored journal like a save. When replacing, keep the current file aside first."""
    try:
        make_private_folder(paths.folder)
    except OSError as error:
        raise RestoreFailed(save_reason(error), detail=str(error)) from None
    aside: Path | None = None
    rotate = replacing and path_exists(paths.current)
    if rotate:
        stamp = directory.clock.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = free_name(paths.folder / f"{paths.journal_id}{BACKUP_SUFFIX}.before-restore-{stamp}")
        try:
            _link_or_copy(paths.current, aside)
        except OSError as error:
            raise RestoreFailed(save_reason(error), detail=f"keeping the old file: {error.strerror}") from None
    try:
        atomic_write(paths, blob, verify=verify,
                     rotate_generations=directory.backup_generations if rotate else 0)
    except SaveFailed as error:
        if aside is not None:
            remove_quietly(aside)
        raise RestoreFailed(error.reason, detail=error.detail) from None
    return (paths.backup(1).name, aside.name) if aside is not None else ()


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link (no extra space), or a fsynced copy where the file system has no links (FAT32/exFAT)."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    with open(source, "rb") as handle:
        data = handle.read()
    write_new_file(target, data)
