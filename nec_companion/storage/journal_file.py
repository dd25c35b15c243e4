"""One journal's files on disk: atomic save with verification, backup generations, the recovery ladder,
quarantine of damaged files and the sweep of our own stray temp files.

Names in the journals folder (never a label or a family's words):
    <id>.njx                       the current file
    <id>.njx.bak1 .. .bak3         backup generations, bak1 newest (rotated by position, never by mtime)
    <id>.njx.<16 hex>.tmp          a save in progress (ours; swept)
    <id>.njx.damaged-<UTC stamp>   a damaged file moved aside (never deleted by the app)
    <id>.njx.pre-schema-v<N>       the file as it was before a schema migration
    <id>.njx.bak1.rekeyed ...      a copy re-sealed under new keys during a key change (rolled forward or
                                   removed on the next open)
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Generic, TypeVar

from nec_companion.core.errors import (
    Damaged,
    JournalNotFound,
    SaveFailed,
    SaveFailureReason,
)
from nec_companion.security.file_format import (
    FORMAT_MAJOR,
    FRAME,
    MAGIC,
    JournalHeader,
    ParsedFile,
    Payload,
    open_body,
    parse_file,
)
from nec_companion.security.kdf import KdfBounds

JOURNAL_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
SUFFIX = ".njx"
_FILE_PATTERN = re.compile(r"^([0-9a-f]{32})\.njx(?:\.bak[1-9])?$")
_WINDOWS_SHARING_ERRORS = {5, 32, 33}
_WINDOWS_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 0.95)  # <= 2.5 s in total


@dataclass(frozen=True)
class BackupPolicy:
    """How many generations to keep and how often to rotate them (first save of each unlock, then every
    `rotate_every_saves` saves or `rotate_every` of clock time, whichever comes first)."""

    generations: int = 3
    rotate_every_saves: int = 100
    rotate_every: timedelta = timedelta(minutes=10)

    def __post_init__(self) -> None:
        if not 1 <= self.generations <= 9:
            raise ValueError("keep 1 to 9 backup generations")


@dataclass(frozen=True)
class JournalPaths:
    """Where one journal's files live."""

    folder: Path
    journal_id: str

    def __post_init__(self) -> None:
        if not JOURNAL_ID_PATTERN.match(self.journal_id):
            raise JournalNotFound()

    @property
    def current(self) -> Path:
        return self.folder / f"{self.journal_id}{SUFFIX}"

    def backup(self, generation: int) -> Path:
        return self.folder / f"{self.journal_id}{SUFFIX}.bak{generation}"

    def new_temp(self) -> Path:
        return self.folder / f"{self.journal_id}{SUFFIX}.{secrets.token_hex(8)}.tmp"

    def temps(self) -> list[Path]:
        pattern = re.compile(rf"^{self.journal_id}\.njx\.[0-9a-f]{{16}}\.tmp$")
        return sorted(path for path in _listdir(self.folder) if pattern.match(path.name))

    def pre_migration(self, version: int) -> Path:
        base = self.folder / f"{self.journal_id}{SUFFIX}.pre-schema-v{version}"
        return free_name(base)

    def pre_migration_copies(self) -> list[Path]:
        pattern = re.compile(rf"^{self.journal_id}\.njx\.pre-schema-v\d+(?:-\d+)?$")
        return sorted(path for path in _listdir(self.folder) if pattern.match(path.name))

    def quarantine_name(self, when: datetime) -> Path:
        return free_name(self.folder / f"{self.journal_id}{SUFFIX}.damaged-{when.strftime('%Y%m%dT%H%M%SZ')}")

    def rekeyed_files(self) -> list[Path]:
        """Side files of a key change (`<id>.njx.bak1.rekeyed`, ...): see `journal.commit_rekey`."""
        prefix = f"{self.journal_id}{SUFFIX}"
        return sorted(path for path in _listdir(self.folder)
                      if path.name.startswith(prefix) and path.name.endswith(".rekeyed"))

    def all_files(self) -> list[Path]:
        prefix = f"{self.journal_id}{SUFFIX}"
        return sorted(path for path in _listdir(self.folder) if path.name.startswith(prefix))

    def exists(self) -> bool:
        return path_exists(self.current) or any(path_exists(self.backup(n)) for n in range(1, 10))


def journal_ids_in(folder: Path) -> list[str]:
    """Ids of journals with a current file or a backup in `folder`."""
    ids = {match.group(1) for path in _listdir(folder) if (match := _FILE_PATTERN.match(path.name))}
    return sorted(ids)


def _listdir(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def path_exists(path: Path) -> bool:
    """Path.exists() that answers False instead of raising when the folder can't be read (no OSError escapes)."""
    try:
        return path.exists()
    except OSError:
        return False


def free_name(base: Path) -> Path:
    candidate = base
    number = 1
    while path_exists(candidate):
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


# ------------------------------------------------------------------------------------------ atomic write


def save_reason(error: OSError) -> SaveFailureReason:
    """Which plain-language reason an OS error stands for."""
    if error.errno in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}:
        return SaveFailureReason.DISK_FULL
    if isinstance(error, PermissionError) or error.errno in {errno.EACCES, errno.EPERM, errno.EROFS}:
        if getattr(error, "winerror", None) in {32, 33}:
            return SaveFailureReason.FILE_IN_USE
        return SaveFailureReason.READ_ONLY
    return SaveFailureReason.IO_ERROR


def _fsync_file(descriptor: int) -> None:
    if sys.platform == "darwin":  # pragma: no cover - macOS only: fsync does not reach the platter
        import fcntl

        try:
            fcntl.fcntl(descriptor, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(descriptor)


def fsync_directory(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX). Windows has no directory handles for this; NTFS journals it."""
    if os.name == "nt":  # pragma: no cover
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_new_file(path: Path, data: bytes) -> None:
    """Create `path` (which must not exist), write `data`, fsync. On error the partial file is removed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(descriptor, view)
                if written <= 0:
                    raise OSError(errno.EIO, "write returned nothing")
                view = view[written:]
            _fsync_file(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        remove_quietly(path)
        raise


def replace_with_retries(source: Path, target: Path) -> None:
    """os.replace, retried on Windows while antivirus or an indexer holds the target. Never delete-then-rename."""
    if os.name != "nt":
        os.replace(source, target)
        return
    for delay in (*_WINDOWS_RETRY_DELAYS, None):  # pragma: no cover - Windows only
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if getattr(error, "winerror", None) not in _WINDOWS_SHARING_ERRORS or delay is None:
                raise
            time.sleep(delay)


def remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _refuse_if_newer_on_disk(path: Path) -> None:
    """A file written by a newer app is never replaced, even if it appeared while this journal was open."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(FRAME.size)
    except OSError:
        return
    if len(start) == FRAME.size:
        magic, major, _minor, _length = FRAME.unpack(start)
        if magic == MAGIC and major > FORMAT_MAJOR:
            raise SaveFailed(SaveFailureReason.NEWER_VERSION, detail=str(path.name))


def rotate_backups(paths: JournalPaths, generations: int) -> None:
    """bak(n-1) -> bak(n) ... current -> bak1 (a hard link: same bytes, no copy; a copy where links fail)."""
    if not paths.current.exists():
        return
    for generation in range(generations, 1, -1):
        try:
            os.replace(paths.backup(generation - 1), paths.backup(generation))
        except FileNotFoundError:
            pass
    staging = paths.new_temp()
    try:
        os.link(paths.current, staging)
    except OSError:
        _copy_with_fsync(paths.current, staging)
    try:
        os.replace(staging, paths.backup(1))
    except BaseException:
        remove_quietly(staging)
        raise


def _copy_with_fsync(source: Path, target: Path) -> None:
    with open(source, "rb") as handle:
        data = handle.read()
    write_new_file(target, data)


def atomic_write(
    paths: JournalPaths,
    data: bytes,
    *,
    verify: Callable[[bytes], None],
    rotate_generations: int = 0,
    target: Path | None = None,
) -> None:
    """Temp file in the same folder, write, fsync, read back and `verify`, rotate, rename over, fsync the folder.

    Raises SaveFailed (and removes the temp file) on any failure; the previous file is untouched then.
    `verify` raises Damaged if what was read back is not exactly what should be there.
    """
    destination = target or paths.current
    temporary = paths.new_temp()
    try:
        _refuse_if_newer_on_disk(destination)
        write_new_file(temporary, data)
        with open(temporary, "rb") as handle:
            written = handle.read()
        verify(written)
        if rotate_generations:
            rotate_backups(paths, rotate_generations)
        replace_with_retries(temporary, destination)
        fsync_directory(paths.folder)
    except SaveFailed:
        remove_quietly(temporary)
        raise
    except Damaged as error:
        remove_quietly(temporary)
        raise SaveFailed(SaveFailureReason.VERIFY_FAILED, detail=error.detail) from None
    except OSError as error:
        remove_quietly(temporary)
        raise SaveFailed(save_reason(error), detail=f"{type(error).__name__}: {error.strerror}") from None


# ------------------------------------------------------------------------------------------ the ladder

T = TypeVar("T")


@dataclass(frozen=True)
class DamagedFile:
    path: Path
    rung: str
    detail: str


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """The newest good generation: where it came from and what it holds."""

    rung: str
    path: Path
    raw: bytes
    parsed: ParsedFile
    payload: Payload
    data_key: bytes
    opened: T
    damaged: tuple[DamagedFile, ...]
    missing_current: bool

    @property
    def header(self) -> JournalHeader:
        return self.parsed.header


def load_newest_good(
    paths: JournalPaths,
    *,
    unlock: Callable[[JournalHeader], bytes],
    accept: Callable[[Payload], T],
    bounds: KdfBounds,
) -> Loaded[T]:
    """Try current, bak1..bakN, then our temp files (newest save first). The first file whose header is
    readable decides between the passphrase being right or wrong; Unsupported stops at once; a damaged file
    makes us try the next one. `accept` turns a payload into the opened database (Damaged/Unsupported).
    """
    rungs: list[tuple[str, Path]] = [("current", paths.current)]
    rungs += [(f"backup {n}", paths.backup(n)) for n in range(1, 10)]
    damaged: list[DamagedFile] = []
    found_any = False
    missing_current = False
    for rung, path in rungs:
        raw = _read(path)
        if raw is None:
            missing_current = missing_current or rung == "current"
            continue
        found_any = True
        result = _try(rung, path=path, raw=raw, paths=paths, unlock=unlock, accept=accept, bounds=bounds,
                      damaged=damaged)
        if result is not None:
            return replace(result, damaged=tuple(damaged), missing_current=missing_current)
    # Last resort: a save that was written and verified but not yet renamed when the app stopped.
    candidates: list[Loaded[T]] = []
    for path in paths.temps():
        raw = _read(path)
        if raw is None:
            continue
        found_any = True
        result = _try("unfinished save", path=path, raw=raw, paths=paths, unlock=unlock, accept=accept,
                      bounds=bounds, damaged=[])
        if result is not None:
            candidates.append(result)
    if candidates:
        best = max(candidates, key=lambda candidate: candidate.payload.save_counter)
        for other in candidates:
            if other is not best:
                _close_opened(other.opened)
        return replace(best, damaged=tuple(damaged), missing_current=missing_current)
    if not found_any:
        raise JournalNotFound()
    raise Damaged(detail="; ".join(f"{item.rung}: {item.detail}" for item in damaged) or "no readable file")


def _close_opened(opened: object) -> None:
    close = getattr(opened, "close", None)
    if callable(close):
        close()


def _read(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _try(
    rung: str,
    *,
    path: Path,
    raw: bytes,
    paths: JournalPaths,
    unlock: Callable[[JournalHeader], bytes],
    accept: Callable[[Payload], T],
    bounds: KdfBounds,
    damaged: list[DamagedFile],
) -> Loaded[T] | None:
    try:
        parsed = parse_file(raw, bounds=bounds)
        if parsed.header.file_id.hex() != paths.journal_id:
            raise Damaged(detail="file id does not match the file name")
    except Damaged as error:
        damaged.append(DamagedFile(path, rung, error.detail))
        return None
    data_key = unlock(parsed.header)  # WrongPassphrase and TryLater go straight to the caller
    try:
        payload = open_body(parsed, data_key=data_key)
        opened = accept(payload)
    except Damaged as error:
        damaged.append(DamagedFile(path, rung, error.detail))
        return None
    return Loaded(rung=rung, path=path, raw=raw, parsed=parsed, payload=payload, data_key=data_key, opened=opened,
                  damaged=(), missing_current=False)


def quarantine(path: Path, *, paths: JournalPaths, when: datetime) -> Path | None:
    """Move a damaged file aside under a name the app never reads or deletes; None if it could not be moved."""
    target = paths.quarantine_name(when)
    try:
        os.rename(path, target)
    except OSError:
        return None
    return target


def sweep_temps(paths: JournalPaths, *, keep: Path | None = None) -> int:
    """Delete this journal's stray temp files (after a successful open); returns how many went."""
    removed = 0
    for path in paths.temps():
        if keep is not None and path == keep:
            continue
        try:
            os.unlink(path)
            removed += 1
        except OSError:
            pass
    return removed


def copy_aside(paths: JournalPaths, *, raw: bytes, target: Path) -> None:
    """Write `raw` to `target` durably (used for the pre-migration copy). Raises OSError."""
    temporary = paths.new_temp()
    write_new_file(temporary, raw)
    try:
        replace_with_retries(temporary, target)
    except BaseException:
        remove_quietly(temporary)
        raise
    fsync_directory(paths.folder)


__all__ = [
    "BackupPolicy",
    "DamagedFile",
    "JournalPaths",
    "Loaded",
    "atomic_write",
    "copy_aside",
    "fsync_directory",
    "journal_ids_in",
    "load_newest_good",
    "path_exists",
    "quarantine",
    "rotate_backups",
    "save_reason",
    "sweep_temps",
    "write_new_file",
]
