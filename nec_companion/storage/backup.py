"""Encrypted backups: the whole journal as one `.njx` file to carry home on a USB stick, and restoring it.

A backup is a journal file in exactly the journal format (docs/SECURITY.md §3) with the same protection: the
journal's own passphrase slot and recovery-code slot around its data key. The family's passphrase opens it,
and so does their recovery card, on any computer with this app. No Qt here; every call is a plain blocking
call (run `export_backup` and `restore_backup` off the GUI thread: restore derives a key, 0.5-1 s).

    from nec_companion.storage.backup import export_backup, inspect_backup, restore_backup, suggested_backup_name

    name = suggested_backup_name(today)                 # "journal-backup-2025-01-07.njx": nothing about the family
    report = export_backup(journal, usb_folder / name)  # saves pending changes first; BackupReport
    info = inspect_backup(path, directory=directory)    # fast, no passphrase: label, version, size, already_here
    report = restore_backup(directory, path, passphrase="...")            # or recovery_code="XXXX-...";
    report = restore_backup(directory, path, passphrase="...", replace=True)    # journal already here: replace
    report = restore_backup(directory, path, passphrase="...", keep_both=True)  # ... or add a separate copy
    report.new_recovery_code                            # set only when keep_both made a new journal: show it

Errors (all `JournalError`; each `.message` / `.next_step` is written for a tired parent and says that nothing
on this computer was changed):
    export:  JournalClosed; SaveFailed (the journal itself could not be saved first: no backup written);
             BackupWriteFailed (a SaveFailed: the USB stick is full, read-only, removed, or read back wrong;
             no temp file is left behind); BackupTargetRejected (a folder, or the app's own journals folder).
    inspect and restore: BackupNotFound (missing path, a folder, not a regular file, unreadable);
             Damaged (empty, not a backup, incomplete/truncated, damaged); Unsupported (a newer app's file, or a
             newer database schema).
    restore only: WrongPassphrase / WrongRecoveryCode (counted by the wrong-attempt throttle); TryLater;
             RecoveryCodeInvalid (typo, with the group); JournalAlreadyExists (neither replace nor keep_both);
             WrongPassphraseForJournalHere (replace: the passphrase opens the backup but not the copy already
             here: pass `passphrase_here`); BackupNeedsPassphrase (keep_both with a recovery code);
             RestoreFailed (a SaveFailed: the computer's disk is full or read-only).

Decisions (see docs/SECURITY.md "Encrypted backups"):
- Export seals the in-memory database afresh (new save salt and nonce, so a new payload key) under the
  journal's own header and data key, after saving any pending change. So the backup is never older than the
  journal on disk, and the file on the stick is not byte-identical to any file in the data folder.
- Restore verifies everything before touching the journals folder: size, frame, header checksum, version,
  records, the key slot (passphrase or code), the body's tag, and that the database loads (quick_check,
  application id) with a schema version not newer than this app's. The verified payload is re-sealed (fresh
  nonces, this computer's label choice) and written like a save (temp file, fsync, read back, verify, rename).
- Restores are throttled like opening: a wrong passphrase or code counts against the backup's journal id
  (the same counter as that journal here, if it is here). A backup is only a journal file, so an unthrottled
  restore would be a side door for guessing the passphrase of a journal copied off this computer.
- Replace asks for proof: the passphrase (or code) must also open the copy of the journal already here
  (`passphrase_here` when it differs, e.g. after a passphrase change on one computer), unless no copy here has
  a readable header. Without this, anyone with a backup carrying the same id could replace another family's
  journal from the restore screen. The replaced current file is kept twice: as bak1 (a normal backup
  generation, used by the recovery ladder) and as `<id>.njx.before-restore-<UTC time>`, which the app never
  rotates or deletes (a hard link where possible, so no extra space).
- Keep both needs the passphrase: a new journal id, a new data key and a NEW recovery code (returned in the
  report; the old card does not open the new copy); the passphrase is the same (its derived key is reused, so
  no second key derivation). With only a recovery code, the family must choose replace.
- A restored label that another journal here already uses gets a number ("Blue Otter 2").
"""

from __future__ import annotations

from nec_companion.storage.backup_export import BackupReport, export_backup, suggested_backup_name, sweep_export_temps
from nec_companion.storage.backup_messages import (
    BACKUP_SUFFIX,
    MAX_BACKUP_BYTES,
    BackupNeedsPassphrase,
    BackupNotFound,
    BackupTargetRejected,
    BackupWriteFailed,
    JournalAlreadyExists,
    RestoreFailed,
    WrongPassphraseForJournalHere,
)
from nec_companion.storage.backup_restore import BackupInfo, RestoreReport, inspect_backup, restore_backup

__all__ = [
    "BACKUP_SUFFIX",
    "MAX_BACKUP_BYTES",
    "BackupInfo",
    "BackupNeedsPassphrase",
    "BackupNotFound",
    "BackupReport",
    "BackupTargetRejected",
    "BackupWriteFailed",
    "JournalAlreadyExists",
    "RestoreFailed",
    "RestoreReport",
    "WrongPassphraseForJournalHere",
    "export_backup",
    "inspect_backup",
    "restore_backup",
    "suggested_backup_name",
    "sweep_export_temps",
]
