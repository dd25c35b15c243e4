"""The encrypted journal store (no Qt): one file per journal, whole-file AES-256-GCM over an in-memory SQLite.

Public API, for the UI (all calls are plain blocking calls; run the slow ones off the GUI thread)
-----------------------------------------------------------------------------------------------------------
    from nec_companion.storage import JournalDirectory
    from nec_companion.journal.schema import JOURNAL_SCHEMA          # assembled above storage
    directory = JournalDirectory(data_dir, schema=JOURNAL_SCHEMA, clock=SystemClock())  # from the composition root

    directory.list() -> tuple[JournalInfo, ...]     # journal_id, label, state (READY/DAMAGED/NEWER_VERSION),
                                                    # wait_seconds; reads headers only: fast, no passphrase
    directory.suggest_label() -> "Blue Otter"       # random, unused here
    directory.suggest_passphrase(words=4) -> "tidy-gravel-moon-abacus"
    directory.check_passphrase(text, label=...) -> tuple[str, ...]   # reasons to refuse; live feedback
    directory.create(passphrase=..., label=None, language=None) -> JournalWithCode(journal, code)  # SLOW;
                                                    # language: the active one unless given
    directory.open(journal_id, passphrase) -> OpenJournal                                         # SLOW
    directory.prepare_recovery(journal_id, code_text, new_passphrase=...)                         # SLOW
        -> (journal, pending: PendingRekey)   # nothing committed: show pending.recovery_code, have it typed
                                              # back, then journal.commit_rekey(pending); the old code and
                                              # passphrase stop working only then
    directory.open_with_recovery_code(...) -> JournalWithCode   # both steps at once (scripts and tests)
    directory.wait_seconds(journal_id) -> float     # wrong-attempt throttle (survives restarts)
    directory.delete(journal_id, passphrase=...) -> int   # needs the passphrase; removes every file

    journal: OpenJournal
        .journal_id, .label, .set_label(text), .dirty, .last_saved_at, .is_closed
        .restored_from_backup -> RestoredFromBackup | None   # .message(), .saved_at, .age, .rung
        .baby_book() -> BabyBook (storage/baby_book.py): .all(), .get(baby_id), .add(BabyDetails),
                        .update(baby_id, BabyDetails), .delete(baby_id) -> BabyChange
        .babies() / .baby(baby_id) / .add_baby / .update_baby / .delete_baby   # thin delegates to the book
        .language -> str | None;  .set_language(code)   # the family's language, inside the encrypted file
        .save() -> SaveReport                        # or: pending = .prepare_save() (GUI thread, fast)
                                                     #     pending.write() -> SaveReport (worker thread)
        .close(save=True)                            # = lock; raises SaveFailed and stays open if it can't save
        .prepare_passphrase_change(current_passphrase=..., new_passphrase=...) -> PendingRekey          # SLOW
        .prepare_new_recovery_code(current_passphrase=...) -> PendingRekey                              # SLOW
        .commit_rekey(pending)       # after the new code was shown and typed back: ONE commit point
        .change_passphrase(...) / .replace_recovery_code(...) -> RecoveryCode   # both steps at once (scripts)
        .database.connection, .mark_changed()       # for the journal issue's own tables: write through the
                                                     # connection (no other thread meanwhile), then mark_changed()
    recovery_code: RecoveryCode  -> .text "K7QF-9M2X-...", .groups, .group_matches(n, typed)

New tables: add a `Migration` with the next version (storage's own in `storage/schema.py`, the journal's in
`journal/schema.py`, which assembles `JOURNAL_SCHEMA`); opening an older journal copies
its file aside as `<id>.njx.pre-schema-v<N>`, migrates in one transaction, and saves.

Errors: only `nec_companion.core.errors.JournalError` subclasses escape, each with `.message`,
`.next_step` and `.user_text()` (both as one line) in plain words: WrongPassphrase (and
WrongRecoveryCode), Damaged, Unsupported, SaveFailed (`.reason`: DISK_FULL, READ_ONLY, FILE_IN_USE,
VERIFY_FAILED, NEWER_VERSION, IO_ERROR), TryLater (`.retry_after_seconds`), JournalNotFound, JournalClosed,
and InputRejected (PassphraseRejected, LabelRejected, RecoveryCodeInvalid with `.groups`, BabyRejected with
`.field_problems`).

Tests and tools pass `kdf=KdfPolicy.insecure_fast_for_tests()` to skip the 0.5-1 s key derivation.
File format, keys and the save scheme: docs/SECURITY.md.
"""

from nec_companion.storage.baby_book import BabyBook
from nec_companion.storage.database import JournalDatabase
from nec_companion.storage.directory import JournalDirectory, JournalInfo, JournalState, JournalWithCode
from nec_companion.storage.journal import (
    BabyChange,
    ChangeKind,
    OpenJournal,
    PendingRekey,
    PendingSave,
    RestoredFromBackup,
    SaveReport,
)
from nec_companion.storage.journal_file import BackupPolicy
from nec_companion.storage.schema import STORAGE_MIGRATIONS, Migration, Schema

__all__ = [
    "STORAGE_MIGRATIONS",
    "BabyBook",
    "BabyChange",
    "BackupPolicy",
    "ChangeKind",
    "JournalDatabase",
    "JournalDirectory",
    "JournalInfo",
    "JournalState",
    "JournalWithCode",
    "Migration",
    "OpenJournal",
    "PendingRekey",
    "PendingSave",
    "RestoredFromBackup",
    "SaveReport",
    "Schema",
]
