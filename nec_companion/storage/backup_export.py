"""Writing an encrypted backup of an open journal to a USB stick or folder: a fresh seal of the journal (from
`OpenJournal.sealed_copy`), written to a temp file beside the target, read back and verified, then renamed. A
killed export's temp file is swept by the next export. No Qt. See `storage/backup.py`."""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from nec_companion.core.errors import (
    Damaged,
    JournalClosed,
    SaveFailureReason,
)
from nec_companion.core.i18n import _
from nec_companion.storage.backup_messages import (
    BACKUP_SUFFIX,
    BackupTargetRejected,
    BackupWriteFailed,
)
from nec_companion.storage.journal import OpenJournal
from nec_companion.storage.journal_file import (
    fsync_directory,
    remove_quietly,
    replace_with_retries,
    save_reason,
    write_new_file,
)


def suggested_backup_name(today: date) -> str:
    """A neutral file name: `journal-backup-YYYY-MM-DD.njx` (no label, no names, no journal id)."""
    return f"journal-backup-{today.isoformat()}{BACKUP_SUFFIX}"



@dataclass(frozen=True)
class BackupReport:
    """A backup that is on the target: written, fsynced, read back, parsed, authenticated and renamed."""

    path: Path
    journal_id: str
    label: str
    size_bytes: int
    made_at: datetime
    saved_first: bool
    """True if the journal had unsaved changes and was saved before the backup was made."""
    seconds: float


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        try:
            return one.resolve() == other.resolve()
        except (OSError, RuntimeError, ValueError):
            return False


def _check_target(journal: OpenJournal, target: Path) -> None:
    try:
        is_folder = target.is_dir()
    except (OSError, ValueError):
        is_folder = False
    if is_folder or not target.name:
        raise BackupTargetRejected((_("That is a folder. Please choose a name for the backup file."),))
    if _same_folder(target.parent, journal.folder):
        raise BackupTargetRejected((
            _("The backup can't go in the app's own journals folder. Please choose a USB stick or another folder."),
        ))


def export_backup(journal: OpenJournal, target: Path) -> BackupReport:
    """Write the whole journal as one encrypted file at `target` (same format, passphrase and recovery code).

    Saves pending changes first (SaveFailed from that save means no backup was written). Then: a temp file
    in the target's folder, fsync, read back, parse and authenticate the body, rename over `target` (an
    existing file there is replaced: the UI asks first), fsync the folder where the file system allows.
    Raises JournalClosed, SaveFailed, BackupWriteFailed (no temp file is left) or BackupTargetRejected.
    """
    started = time.perf_counter()
    target = Path(target)
    if journal.is_closed:
        raise JournalClosed()
    _check_target(journal, target)
    copy = journal.sealed_copy()
    _write_verified(target, copy.blob, verify=copy.verify)
    return BackupReport(
        path=target,
        journal_id=journal.journal_id,
        label=copy.label,
        size_bytes=len(copy.blob),
        made_at=copy.made_at,
        saved_first=copy.saved_first,
        seconds=time.perf_counter() - started,
    )


def _write_verified(target: Path, blob: bytes, *, verify: Callable[[bytes], None]) -> None:
    """Temp file next to `target` (no hard links: FAT32/exFAT sticks), fsync, read back, verify, rename."""
    folder = target.parent
    sweep_export_temps(folder)
    temporary = folder / f".{target.name}.{secrets.token_hex(8)}.tmp"
    renamed = False
    try:
        write_new_file(temporary, blob)  # removes its own partial file on failure
        with open(temporary, "rb") as handle:
            read_back = handle.read(len(blob) + 1)
        verify(read_back)
        replace_with_retries(temporary, target)
        renamed = True
    except Damaged as error:
        raise BackupWriteFailed(SaveFailureReason.VERIFY_FAILED, detail=error.detail) from None
    except OSError as error:
        raise BackupWriteFailed(save_reason(error), detail=f"{type(error).__name__}: {error.strerror}") from None
    finally:
        if not renamed:
            remove_quietly(temporary)
    try:
        fsync_directory(folder)
    except OSError:
        pass  # some USB file systems refuse to fsync a folder; the file itself is fsynced and verified


_EXPORT_TEMP = re.compile(r"^\..+" + re.escape(BACKUP_SUFFIX) + r"\.[0-9a-f]{16}\.tmp$")


def sweep_export_temps(folder: Path) -> int:
    """Remove what an export killed half-way left in `folder` (`.<name>.njb.<16 hex>.tmp`, only ours; audit
    M13). Runs before every export to that folder. Returns how many went."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if _EXPORT_TEMP.match(name):
            try:
                os.unlink(folder / name)
                removed += 1
            except OSError:
                pass
    return removed
