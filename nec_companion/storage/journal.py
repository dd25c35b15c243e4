"""`OpenJournal`: the façade over one unlocked journal (babies, dirty flag, save, lock, passphrase change).

Everything here is a plain blocking call. The slow ones are `prepare_passphrase_change` and
`prepare_new_recovery_code`
(one key derivation, 0.5-1 s) and `save` (tens of ms for a large journal); the UI runs them off the GUI
thread. For the shortest GUI-thread pause, call `prepare_save()` on the GUI thread (it only serialises the
database) and `PendingSave.write()` on a worker. At most one write runs at a time.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from nec_companion.core.babies import Baby, BabyDetails, BabyId
from nec_companion.core.clock import Clock
from nec_companion.core.errors import (
    Damaged,
    JournalClosed,
    JournalError,
    SaveFailed,
    SaveFailureReason,
    WrongPassphrase,
)
from nec_companion.core.i18n import LANGUAGES, N_, _, active, ngettext
from nec_companion.core.private_files import make_private_folder
from nec_companion.security.file_format import (
    JournalHeader,
    PassphraseSlot,
    Payload,
    RecoverySlot,
    make_passphrase_slot,
    make_recovery_slot,
    new_data_key,
    open_body,
    parse_file,
    passphrase_kek,
    seal,
    unwrap_passphrase_slot,
)
from nec_companion.security.kdf import SALT_LENGTH, Argon2Params, KdfBounds, at_least, derive_key
from nec_companion.security.passphrase_policy import (
    PassphraseLists,
    passphrase_secret,
    require_acceptable_passphrase,
)
from nec_companion.security.recovery_code import RecoveryCode
from nec_companion.security.throttle import AttemptThrottle
from nec_companion.storage.baby_book import BabyBook, BabyChange, ChangeKind
from nec_companion.storage.database import LANGUAGE_META_KEY, JournalDatabase
from nec_companion.storage.journal_file import (
    BackupPolicy,
    JournalPaths,
    atomic_write,
    fsync_directory,
    path_exists,
    save_reason,
    sweep_temps,
    write_new_file,
)
from nec_companion.storage.labels import clean_label


@dataclass(frozen=True)
class SaveReport:
    """A save that reached the disk: written, fsynced, read back, verified and renamed into place."""

    saved_at: datetime
    save_counter: int
    size_bytes: int
    rotated_backups: bool
    seconds: float


@dataclass(frozen=True)
class RestoredFromBackup:
    """Opening found the newest copy damaged (or missing) and opened an older good one instead."""

    rung: str
    """Which copy was opened: "backup 1", "backup 2", ..., or "unfinished save"."""
    saved_at: datetime
    age: timedelta
    """How old the opened version is, by the clock, at the moment it was opened."""
    newest_missing: bool
    quarantined: tuple[str, ...]
    """File names of the damaged copies, moved aside and kept (never deleted by the app)."""

    def message(self) -> str:
        """One plain paragraph for the family."""
        when, age = _shown_moment(self.saved_at), describe_age(self.age)
        if self.newest_missing and not self.quarantined:
            # Translators: {date} and {time} say when the opened copy was saved; {age} is how long ago ("14 minutes").
            text = _("The newest copy of this journal was missing, so the copy saved on {date} at {time} ({age} ago) "
                     "was opened. Anything added after that time is missing. The damaged copy has been kept aside "
                     "for support; nothing was deleted.")
        else:
            # Translators: {date} and {time} say when the opened copy was saved; {age} is how long ago ("14 minutes").
            text = _("The newest copy of this journal was damaged, so the copy saved on {date} at {time} ({age} ago) "
                     "was opened. Anything added after that time is missing. The damaged copy has been kept aside "
                     "for support; nothing was deleted.")
        return text.format(date=when[0], time=when[1], age=age)


@dataclass(frozen=True)
class RollbackNotice:
    """The current file is older than a backup beside it: an older copy may have been put in its place."""

    opened_saved_at: datetime
    newer_saved_at: datetime
    kept_as: str

    def message(self) -> str:
        opened, newer = _shown_moment(self.opened_saved_at), _shown_moment(self.newer_saved_at)
        return _(
            "The copy of this journal that opened was saved on {opened_date} at {opened_time}, but a newer copy "
            "saved on {newer_date} at {newer_time} is beside it: someone may have put an older copy of the journal "
            "in place of the newest one. Entries from after the older save may be missing here. The newer copy has "
            "been kept aside and nothing was deleted; please ask staff to contact the app's support."
        ).format(opened_date=opened[0], opened_time=opened[1], newer_date=newer[0], newer_time=newer[1])


def _shown_moment(moment: datetime) -> tuple[str, str]:
    """A saved moment on this computer's clock, as the active language writes its date and its time."""
    local = moment.astimezone()
    return active().date(local.date(), style="medium"), active().time(local)


def describe_age(age: timedelta) -> str:
    """How long ago, in round words: "less than a minute", "14 minutes", "3 hours", "2 days"."""
    seconds = max(0, int(age.total_seconds()))
    if seconds < 90:
        return _("about a minute") if seconds >= 45 else _("less than a minute")
    minutes = round(seconds / 60)
    if minutes < 90:
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    hours = round(seconds / 3600)
    if hours < 36:
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    days = round(seconds / 86400)
    return ngettext("{n} day", "{n} days", days).format(n=days)


@dataclass(frozen=True)
class PendingSave:
    """A snapshot of the database taken by `OpenJournal.prepare_save()`; `write()` puts it on disk."""

    journal: OpenJournal = field(repr=False)
    image: bytes = field(repr=False)
    generation: int

    def write(self) -> SaveReport:
        """Seal and write the snapshot (safe on a worker thread). Raises SaveFailed; edits stay in memory."""
        return self.journal._write_snapshot(self)  # noqa: SLF001 (the journal's own helper class)


@dataclass(frozen=True)
class JournalContext:
    """What an open journal shares with its `JournalDirectory` (built by the directory, not by callers)."""

    clock: Clock
    bounds: KdfBounds
    lists: PassphraseLists
    throttle: AttemptThrottle
    backups: BackupPolicy
    app_version: str
    params_for_new_slot: Callable[[], Argon2Params]
    other_labels: Callable[[str], set[str]]


class OpenJournal:
    """One unlocked journal. Not for use from two threads at once, except `PendingSave.write()`."""

    def __init__(
        self,
        *,
        context: JournalContext,
        paths: JournalPaths,
        header: JournalHeader,
        data_key: bytes,
        database: JournalDatabase,
        save_counter: int,
        last_saved_at: datetime | None,
        restored_from_backup: RestoredFromBackup | None = None,
        migrated_to: int | None = None,
    ) -> None:
        self._context = context
        self._paths = paths
        self._header = header
        self._data_key = data_key
        self._database = database
        self._save_counter = save_counter
        self._last_saved_at = last_saved_at
        self._label = header.label
        self._generation = 0
        self._saved_generation = 0
        self._lock = threading.RLock()
        self._save_lock = threading.Lock()
        self._closed = False
        self._last_rotation: datetime | None = None
        self._saves_since_rotation = 0
        self.restored_from_backup = restored_from_backup
        """Set when opening fell back to an older copy; show `restored_from_backup.message()`."""
        self.rollback: RollbackNotice | None = None
        """Set when a backup beside the current file holds a LATER save than it (audit M4): show `.message()`."""
        self.interrupted_key_change: InterruptedKeyChange | None = None
        """Set when this open finished or undid a key change the app was stopped in (tell the family which
        passphrase and card now work)."""
        self.migrated_to = migrated_to
        """The schema version a migration brought this journal to while opening, else None."""

    # ------------------------------------------------------------------------------------------ state

    @property
    def journal_id(self) -> str:
        return self._paths.journal_id

    @property
    def label(self) -> str:
        return self._label

    @property
    def dirty(self) -> bool:
        """True while there are changes that have not reached the disk."""
        with self._lock:
            return self._generation != self._saved_generation

    @property
    def is_closed(self) -> bool:
        return self._closed

    @property
    def last_saved_at(self) -> datetime | None:
        return self._last_saved_at

    @property
    def database(self) -> JournalDatabase:
        """The in-memory database, for the journal's own repositories (babies, and later entries)."""
        self._ensure_open()
        return self._database

    def mark_changed(self) -> None:
        """Record that the database changed (repositories outside this class call this after writing)."""
        with self._lock:
            self._generation += 1

    def _ensure_open(self) -> None:
        if self._closed:
            raise JournalClosed()

    def _today(self) -> date:
        return self._context.clock.now().astimezone().date()

    # ------------------------------------------------------------------------------------------ babies
    # Thin delegates to `BabyBook` (storage/baby_book.py), kept because many callers (the journal screen,
    # scripts, tests) hold only the journal.

    def baby_book(self) -> BabyBook:
        """The babies of this journal (validated add, update, delete, list)."""
        return BabyBook(self, clock=self._context.clock)

    def babies(self) -> tuple[Baby, ...]:
        return self.baby_book().all()

    def baby(self, baby_id: BabyId) -> Baby | None:
        return self.baby_book().get(baby_id)

    def add_baby(self, details: BabyDetails) -> BabyChange:
        """Validate and add a baby. Raises BabyRejected with a message per field."""
        return self.baby_book().add(details)

    def update_baby(self, baby_id: BabyId, details: BabyDetails) -> BabyChange:
        return self.baby_book().update(baby_id, details)

    def delete_baby(self, baby_id: BabyId) -> BabyChange:
        return self.baby_book().delete(baby_id)

    # ------------------------------------------------------------------------------------------ label

    def set_label(self, label: str) -> str:
        """Rename the journal (the name on the start screen); saved with the next save. Returns the stored name."""
        with self._lock:
            self._ensure_open()
            cleaned = clean_label(label, taken=self._context.other_labels(self.journal_id))
            if cleaned != self._label:
                self._label = cleaned
                self._generation += 1
            return cleaned

    # ------------------------------------------------------------------------------------------ language

    @property
    def language(self) -> str | None:
        """The family's language code ("en", "es"), kept inside the encrypted file; None when this journal has
        none (made before languages existed) or one this app does not speak: use the machine's default then."""
        with self._lock:
            self._ensure_open()
            code = self._database.meta(LANGUAGE_META_KEY)
        return code if code in LANGUAGES else None

    def set_language(self, code: str) -> str:
        """Remember the family's language (saved with the next save). Returns the code. A code the app does not
        speak is a programming error (ValueError): the choice comes from the app's own list."""
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
        with self._lock:
            self._ensure_open()
            if self._database.meta(LANGUAGE_META_KEY) != code:
                self._database.set_meta(LANGUAGE_META_KEY, code)
                self._generation += 1
            return code

    # ------------------------------------------------------------------------------------------ saving

    def prepare_save(self) -> PendingSave:
        """Snapshot the database (fast; GUI thread). Edits may continue while the snapshot is written."""
        with self._lock:
            self._ensure_open()
            return PendingSave(journal=self, image=self._database.image(), generation=self._generation)

    def save(self) -> SaveReport:
        """Snapshot and write now. Raises SaveFailed (the old file stays intact, edits stay in memory)."""
        return self.prepare_save().write()

    def _write_snapshot(self, snapshot: PendingSave) -> SaveReport:
        with self._save_lock:
            self._ensure_open()
            started = time.perf_counter()
            now = self._context.clock.now()
            counter = self._save_counter + 1
            header = replace(
                self._header.with_fresh_save_nonces(), label=self._label, app_version=self._context.app_version
            )
            blob = seal(header=header, data_key=self._data_key,
                        payload=Payload(save_counter=counter, saved_at=now, image=snapshot.image))
            rotate = self._rotation_due(now)
            self._recreate_folder_if_missing()
            atomic_write(
                self._paths,
                blob,
                verify=self._verifier(blob, counter),
                rotate_generations=self._context.backups.generations if rotate else 0,
            )
            with self._lock:
                self._header = header
                self._save_counter = counter
                self._last_saved_at = now
                if rotate:
                    self._last_rotation = now
                    self._saves_since_rotation = 0
                else:
                    self._saves_since_rotation += 1
                self._saved_generation = max(self._saved_generation, snapshot.generation)
            return SaveReport(
                saved_at=now,
                save_counter=counter,
                size_bytes=len(blob),
                rotated_backups=rotate,
                seconds=time.perf_counter() - started,
            )

    def _recreate_folder_if_missing(self) -> None:
        # If the folder vanished while the journal was open (a cleaning tool, a careless IT script), the copy in
        # memory is the only one left: put the folder back and save it rather than fail.
        folder = self._paths.folder
        if not path_exists(folder):
            try:
                make_private_folder(folder)
            except OSError as error:
                raise SaveFailed(save_reason(error), detail=str(error)) from None

    def _rotation_due(self, now: datetime) -> bool:
        policy = self._context.backups
        if self._last_rotation is None or not path_exists(self._paths.backup(1)):
            return True
        if self._saves_since_rotation + 1 >= policy.rotate_every_saves:
            return True
        elapsed = now - self._last_rotation
        return elapsed >= policy.rotate_every or elapsed < timedelta(0)

    def _verifier(self, blob: bytes, counter: int) -> Callable[[bytes], None]:
        return read_back_verifier(blob, data_key=self._data_key, counter=counter, bounds=self._context.bounds)

    # ------------------------------------------------------------------------------------------ copies

    @property
    def folder(self) -> Path:
        """The journals folder this journal's files live in."""
        return self._paths.folder

    def sealed_copy(self) -> SealedCopy:
        """The whole journal sealed afresh, as one file image, for an encrypted backup: the journal's own header
        and data key (so its passphrase and recovery card open it), with a new save salt and nonces (so the
        image is not byte-identical to any file in the journals folder). Saves pending changes first (a
        SaveFailed then means no copy), so the copy is never older than the journal on disk."""
        self._ensure_open()
        saved_first = False
        if self.dirty:
            self.save()
            saved_first = True
        with self._save_lock:  # no save or key change in flight: header, key and counter belong together
            self._ensure_open()
            with self._lock:
                image = self._database.image()
                label = self._label
                header = replace(self._header.with_fresh_save_nonces(), label=label,
                                 app_version=self._context.app_version)
                data_key = self._data_key
                counter = self._save_counter
            made_at = self._context.clock.now()
            blob = seal(header=header, data_key=data_key,
                        payload=Payload(save_counter=counter, saved_at=made_at, image=image))
        del image
        return SealedCopy(blob=blob, label=label, made_at=made_at, saved_first=saved_first,
                          verify=read_back_verifier(blob, data_key=data_key, counter=counter,
                                                    bounds=self._context.bounds))

    # ------------------------------------------------------------------------------------------ locking

    def data_key_for_quick_unlock(self) -> bytes:
        """A copy of the data key, for security/quick_unlock.py to wrap under a PIN in memory (never stored)."""
        self._ensure_open()
        return bytes(self._data_key)

    def close(self, *, save: bool = True) -> None:
        """Lock: save if there are unsaved changes, then drop the database and the key.

        If that save fails, SaveFailed is raised and the journal stays open, so nothing is lost; call
        `close(save=False)` to lock anyway and discard the unsaved changes.
        """
        if self._closed:
            return
        if save and self.dirty:
            self.save()
        with self._save_lock, self._lock:
            if self._closed:
                return
            self._closed = True
            self._database.close()
            self._data_key = b""

    # ------------------------------------------------------------------------------------------ keys

    def change_passphrase(self, *, current_passphrase: str, new_passphrase: str) -> RecoveryCode:
        """Prepare and commit at once (scripts and tests). The app uses `prepare_passphrase_change` and
        `commit_rekey` so that nothing changes on disk until the new recovery code has been shown and typed back.
        """
        pending = self.prepare_passphrase_change(current_passphrase=current_passphrase,
                                                 new_passphrase=new_passphrase)
        self.commit_rekey(pending)
        return pending.recovery_code

    def replace_recovery_code(self, *, current_passphrase: str) -> RecoveryCode:
        """Issue a new recovery code (for a lost card) and commit at once; the old one stops working."""
        pending = self.prepare_new_recovery_code(current_passphrase=current_passphrase)
        self.commit_rekey(pending)
        return pending.recovery_code

    def prepare_passphrase_change(self, *, current_passphrase: str, new_passphrase: str) -> PendingRekey:
        """Check the current passphrase, derive the new keys and make a new recovery code. Slow (two key
        derivations); run it off the GUI thread. NOTHING changes on disk: show `pending.recovery_code`, have the
        family type part of it back, then call `commit_rekey(pending)`; if they never do (lock, crash), the old
        passphrase and the old card still open the journal.

        Raises WrongPassphrase (counted by the throttle), TryLater or PassphraseRejected.
        """
        self._ensure_open()
        self._verify_current_passphrase(current_passphrase)
        normalised = require_acceptable_passphrase(new_passphrase, lists=self._context.lists, label=self._label)
        params = at_least(self._header.passphrase_slot.params, self._context.params_for_new_slot())
        salt = os.urandom(SALT_LENGTH)
        kek = derive_key(passphrase_secret(normalised), salt=salt, params=params, bounds=self._context.bounds)
        return self.prepare_rekey_with_kek(kek=kek, salt=salt, params=params)

    def prepare_new_recovery_code(self, *, current_passphrase: str) -> PendingRekey:
        """Like `prepare_passphrase_change`, keeping the passphrase: a new card, committed by `commit_rekey`."""
        self._ensure_open()
        kek = self._verify_current_passphrase(current_passphrase)
        slot = self._header.passphrase_slot
        return self.prepare_rekey_with_kek(kek=kek, salt=slot.salt, params=slot.params)

    def _verify_current_passphrase(self, passphrase: str) -> bytes:
        throttle = self._context.throttle
        throttle.check(self.journal_id)
        slot = self._header.passphrase_slot
        kek = passphrase_kek(passphrase_secret(passphrase), slot, bounds=self._context.bounds)
        try:
            unwrap_passphrase_slot(slot, kek=kek, file_id=self._header.file_id)
        except WrongPassphrase:
            throttle.record_failure(self.journal_id)
            raise
        throttle.record_success(self.journal_id)
        return kek

    def prepare_rekey_with_kek(self, *, kek: bytes, salt: bytes, params: Argon2Params) -> PendingRekey:
        """Prepare a key change to the passphrase whose key (`kek`, from `salt` and `params`) the caller already
        derived: `JournalDirectory.prepare_recovery` uses it so the new passphrase is derived only once."""
        recovery_code = RecoveryCode.generate()
        new_key = new_data_key()
        file_id = self._header.file_id
        return PendingRekey(
            journal_id=self.journal_id,
            recovery_code=recovery_code,
            data_key=new_key,
            passphrase_slot=make_passphrase_slot(kek_salt=salt, kek=kek, params=params, data_key=new_key,
                                                 file_id=file_id),
            recovery_slot=make_recovery_slot(code_secret=recovery_code.secret, data_key=new_key, file_id=file_id),
            based_on=self._header.passphrase_slot,
        )

    def commit_rekey(self, pending: PendingRekey) -> None:
        """Switch to the prepared keys with ONE durable commit point: the rename of the current file.

        1. Every older copy (backups, pre-migration copies) is re-sealed under the new key into a side file
           `<name>.rekeyed` (written and fsynced; the originals untouched).
        2. The current file is written under the new key and renamed into place: the commit point. Before it, the
           old passphrase and old card open everything; after it, only the new ones open the current file.
        3. Each `.rekeyed` file replaces its original. A crash here is finished on the next open
           (`finish_interrupted_rekey`), so no copy stays under the old passphrase for long.

        Raises SaveFailed (nothing committed: the old passphrase and card still work; side files removed) or
        JournalClosed. A `pending` from another journal or an older key is refused with SaveFailed.
        """
        with self._save_lock:
            self._ensure_open()
            if pending.journal_id != self.journal_id or pending.based_on != self._header.passphrase_slot:
                raise SaveFailed(SaveFailureReason.IO_ERROR, detail="the prepared key change is out of date")
            header = replace(self._header, passphrase_slot=pending.passphrase_slot,
                             recovery_slot=pending.recovery_slot)
            side_files: list[tuple[Path, Path]] = []
            try:
                for original in self._older_copies():
                    side = rekeyed_name(original)
                    resealed = self._reseal(original, header=header, new_key=pending.data_key)
                    if resealed is None:
                        continue
                    side.unlink(missing_ok=True)
                    write_new_file(side, resealed)
                    side_files.append((original, side))
                fsync_directory(self._paths.folder)
            except OSError as error:
                for _original, side in side_files:
                    side.unlink(missing_ok=True)
                raise SaveFailed(save_reason(error), detail=str(error)) from None
            with self._lock:
                image = self._database.image()
                generation = self._generation
            now = self._context.clock.now()
            counter = self._save_counter + 1
            sealed_header = replace(header.with_fresh_save_nonces(), label=self._label,
                                    app_version=self._context.app_version)
            blob = seal(header=sealed_header, data_key=pending.data_key,
                        payload=Payload(save_counter=counter, saved_at=now, image=image))
            old_key = self._data_key
            self._data_key = pending.data_key
            try:
                atomic_write(self._paths, blob, verify=self._verifier(blob, counter))  # the commit point
            except SaveFailed:
                self._data_key = old_key
                for _original, side in side_files:
                    side.unlink(missing_ok=True)
                raise
            with self._lock:
                self._header = sealed_header
                self._save_counter = counter
                self._last_saved_at = now
                self._saved_generation = max(self._saved_generation, generation)
            finish_interrupted_rekey(self._paths, data_key=self._data_key, bounds=self._context.bounds)
            sweep_temps(self._paths)

    def _older_copies(self) -> list[Path]:
        paths = self._paths
        copies = [paths.backup(n) for n in range(1, 10) if path_exists(paths.backup(n))]
        return copies + paths.pre_migration_copies()

    def _reseal(self, path: Path, *, header: JournalHeader, new_key: bytes) -> bytes | None:
        """The copy at `path` sealed under `new_key` and `header`'s slots; None for a copy we cannot read (a
        damaged or newer one is left exactly as it is)."""
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            return None
        try:
            parsed = parse_file(raw, bounds=self._context.bounds)
            payload = open_body(parsed, data_key=self._data_key)
        except JournalError:
            return None
        sealed = replace(header.with_fresh_save_nonces(), label=parsed.header.label,
                         app_version=parsed.header.app_version)
        return seal(header=sealed, data_key=new_key, payload=payload)


@dataclass(frozen=True)
class PendingRekey:
    """A prepared key change that exists only in memory: show `recovery_code`, then `commit_rekey(this)`."""

    journal_id: str
    recovery_code: RecoveryCode
    data_key: bytes = field(repr=False)
    passphrase_slot: PassphraseSlot = field(repr=False)
    recovery_slot: RecoverySlot = field(repr=False)
    based_on: PassphraseSlot = field(repr=False)
    """The passphrase slot the change was prepared against: a change prepared before another one is refused."""


REKEYED_SUFFIX = ".rekeyed"


def rekeyed_name(original: Path) -> Path:
    return original.with_name(original.name + REKEYED_SUFFIX)


def read_back_verifier(blob: bytes, *, data_key: bytes, counter: int, bounds: KdfBounds) -> Callable[[bytes], None]:
    """The check every write of a journal image makes on what it reads back (saves, backups, restores): the
    same bytes, a body that authenticates under `data_key`, and the expected save counter."""

    def verify(read_back: bytes) -> None:
        if read_back != blob:
            raise Damaged(detail="the file read back differs from what was written")
        payload = open_body(parse_file(read_back, bounds=bounds), data_key=data_key)
        if payload.save_counter != counter:
            raise Damaged(detail="the file read back has the wrong save counter")

    return verify


@dataclass(frozen=True)
class SealedCopy:
    """A journal sealed as one file image (`OpenJournal.sealed_copy`), ready to be written somewhere else."""

    blob: bytes
    label: str
    made_at: datetime
    saved_first: bool
    """True if the journal had unsaved changes and was saved before the copy was made."""
    verify: Callable[[bytes], None]
    """Checks the bytes read back after writing `blob` (raises Damaged)."""


@dataclass(frozen=True)
class InterruptedKeyChange:
    """What the open found of a key change the app was stopped in (a kill, a power cut): finished or undone."""

    finished: bool
    """True: the change had passed its commit point and was completed now (the new passphrase and the new card
    work); False: it had not, and was undone (the passphrase and card from before the change still work)."""

    def message(self) -> str:
        if self.finished:
            return _("Last time, the app stopped just after your passphrase was changed. The change is complete: "
                     "the new passphrase and the new recovery card open this journal, and the old ones no longer "
                     "do.")
        return _("Last time, the app stopped while your passphrase was being changed, before the change was "
                 "complete, so nothing changed: the passphrase you just used and the recovery card you had before "
                 "still open this journal. You can change the passphrase again from My journal.")


#: Told with "wrong passphrase" while side files show that a key change was interrupted (the family may be
#: holding two passphrases and not know which one is in place). Marked here, translated where it is shown.
INTERRUPTED_KEY_CHANGE_HINT = N_(
    "The app stopped while this journal's passphrase was being changed. Try both the passphrase from before the "
    "change and the new one: the one that was in place when it stopped opens the journal, and the recovery card "
    "shown with it works too."
)


def finish_interrupted_rekey(paths: JournalPaths, *, data_key: bytes, bounds: KdfBounds) -> InterruptedKeyChange | None:
    """Roll a key change forward or back after the journal was opened with `data_key` (the key that opened the
    newest good copy). A `.rekeyed` side file that opens with this key belongs to a committed change: it
    replaces its original. One that does not belongs to a change that never committed: it is removed (its
    original still holds the same data under the key in use). Returns what was found, or None when no key
    change was interrupted."""
    forward = back = 0
    for side in paths.rekeyed_files():
        original = side.with_name(side.name[: -len(REKEYED_SUFFIX)])
        try:
            with open(side, "rb") as handle:
                raw = handle.read()
            try:
                open_body(parse_file(raw, bounds=bounds), data_key=data_key)
                committed = True
            except JournalError:
                committed = False
            if committed:
                os.replace(side, original)
                forward += 1
            else:
                os.unlink(side)
                back += 1
        except OSError:
            continue
    if forward or back:
        try:
            fsync_directory(paths.folder)
        except OSError:
            pass
        return InterruptedKeyChange(finished=forward > 0)
    return None


__all__ = [
    "INTERRUPTED_KEY_CHANGE_HINT",
    "BabyChange",
    "ChangeKind",
    "InterruptedKeyChange",
    "JournalContext",
    "OpenJournal",
    "PendingRekey",
    "PendingSave",
    "RestoredFromBackup",
    "RollbackNotice",
    "SaveReport",
    "SealedCopy",
    "describe_age",
    "finish_interrupted_rekey",
    "read_back_verifier",
]
