"""`JournalDirectory`: the journals in one data folder: list, create, open (passphrase or recovery code), delete."""

from __future__ import annotations

import enum
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from nec_companion import __version__
from nec_companion.core.clock import Clock, SystemClock
from nec_companion.core.errors import (
    Damaged,
    JournalError,
    JournalNotFound,
    SaveFailed,
    Unsupported,
    WrongPassphrase,
)
from nec_companion.core.i18n import LANGUAGES, _, active
from nec_companion.core.private_files import make_private_folder
from nec_companion.security.file_format import (
    NONCE_LENGTH,
    SAVE_SALT_LENGTH,
    JournalHeader,
    Payload,
    make_passphrase_slot,
    make_recovery_slot,
    new_data_key,
    new_file_id,
    open_body,
    parse_file,
    passphrase_kek,
    unwrap_passphrase_slot,
    unwrap_recovery_slot,
)
from nec_companion.security.kdf import SALT_LENGTH, Argon2Params, KdfBounds, KdfPolicy, calibrate, derive_key
from nec_companion.security.passphrase_policy import (
    PassphraseLists,
    check_passphrase,
    generate_passphrase,
    passphrase_secret,
    require_acceptable_passphrase,
)
from nec_companion.security.recovery_code import RecoveryCode, parse_recovery_code
from nec_companion.security.throttle import AttemptThrottle, ThrottlePolicy
from nec_companion.storage.database import JournalDatabase
from nec_companion.storage.journal import (
    INTERRUPTED_KEY_CHANGE_HINT,
    JournalContext,
    OpenJournal,
    PendingRekey,
    RestoredFromBackup,
    RollbackNotice,
    finish_interrupted_rekey,
)
from nec_companion.storage.journal_file import (
    BackupPolicy,
    JournalPaths,
    Loaded,
    copy_aside,
    journal_ids_in,
    load_newest_good,
    quarantine,
    save_reason,
    sweep_temps,
)
from nec_companion.storage.labels import clean_label, random_label
from nec_companion.storage.schema import Schema

JOURNALS_FOLDER = "journals"
ATTEMPTS_FILE = "attempts.json"


class JournalState(enum.Enum):
    """What the start screen can know about a journal without its passphrase."""

    READY = "ready"
    """Its header (or a backup's) is readable; it can be opened with the passphrase."""
    DAMAGED = "damaged"
    """No copy has a readable header; opening will raise Damaged."""
    NEWER_VERSION = "newer_version"
    """Written by a newer app; opening will raise Unsupported. Never modified."""


@dataclass(frozen=True)
class JournalInfo:
    """One row of the start screen. The label is the only family-chosen text readable without a passphrase."""

    journal_id: str
    label: str
    state: JournalState
    wait_seconds: float
    """Seconds before another passphrase try is checked (wrong-attempt throttle); 0 when a try is allowed."""


class JournalWithCode(NamedTuple):
    """A journal that was just created or recovered, and its new recovery code (show it once, then drop it)."""

    journal: OpenJournal
    recovery_code: RecoveryCode


class JournalDirectory:
    """All journals in `data_dir / "journals"`. One instance per app; the data folder comes from the caller."""

    def __init__(
        self,
        data_dir: Path,
        *,
        schema: Schema,
        clock: Clock | None = None,
        kdf: KdfPolicy | None = None,
        passphrase_lists: PassphraseLists | None = None,
        backups: BackupPolicy | None = None,
        throttle_policy: ThrottlePolicy | None = None,
        app_version: str = __version__,
    ) -> None:
        self._folder = Path(data_dir) / JOURNALS_FOLDER
        self._clock = clock or SystemClock()
        self._kdf = kdf or KdfPolicy.calibrated()
        self._lists = passphrase_lists or PassphraseLists.load()
        self._schema = schema
        self._backups = backups or BackupPolicy()
        self._app_version = app_version
        self._throttle = AttemptThrottle(self._folder / ATTEMPTS_FILE, clock=self._clock, policy=throttle_policy)
        self._calibrated: Argon2Params | None = None
        self._calibration_lock = threading.Lock()

    # ------------------------------------------------------------------------------------------ what backups need

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def kdf_bounds(self) -> KdfBounds:
        """The key-derivation costs this app accepts from a file (audit M12)."""
        return self._kdf.bounds

    @property
    def schema(self) -> Schema:
        return self._schema

    @property
    def backup_generations(self) -> int:
        return self._backups.generations

    @property
    def app_version(self) -> str:
        return self._app_version

    @property
    def attempts(self) -> AttemptThrottle:
        """The wrong-attempt throttle shared by opening and restoring (`check`, `record_failure`, `record_success`)."""
        return self._throttle

    # ------------------------------------------------------------------------------------------ queries

    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def passphrase_lists(self) -> PassphraseLists:
        return self._lists

    def list(self) -> tuple[JournalInfo, ...]:
        """Every journal here, sorted by label. Reads only headers: no passphrase, no key derivation."""
        infos = [self._info(journal_id) for journal_id in journal_ids_in(self._folder)]
        return tuple(sorted(infos, key=lambda info: (info.label.casefold(), info.journal_id)))

    def _info(self, journal_id: str) -> JournalInfo:
        paths = JournalPaths(self._folder, journal_id)
        state: JournalState | None = None
        label = ""
        for path in [paths.current, *(paths.backup(n) for n in range(1, 10))]:
            try:
                with open(path, "rb") as handle:
                    raw = handle.read()
                header = parse_file(raw, bounds=self._kdf.bounds).header
            except OSError:
                continue
            except Unsupported:
                # The newest readable copy decides the state; an older copy may still tell us the label.
                state = state or JournalState.NEWER_VERSION
                continue
            except Damaged:
                continue
            if header.file_id.hex() != journal_id:
                continue
            state, label = state or JournalState.READY, header.label
            break
        return JournalInfo(journal_id, label, state or JournalState.DAMAGED, self._throttle.wait_seconds(journal_id))

    def _labels(self, *, excluding: str = "") -> set[str]:
        return {info.label for info in self.list() if info.journal_id != excluding and info.label}

    def wait_seconds(self, journal_id: str) -> float:
        """Seconds to wait before the next passphrase try for this journal (0 = now)."""
        return self._throttle.wait_seconds(journal_id)

    def suggest_label(self) -> str:
        """A random non-identifying label ("Blue Otter") not used by another journal here."""
        return random_label(taken=self._labels())

    def suggest_passphrase(self, *, words: int = 4, label: str = "") -> str:
        """A random passphrase of `words` words from the bundled list."""
        return generate_passphrase(lists=self._lists, words=words, label=label)

    def check_passphrase(self, passphrase: str, *, label: str = "") -> tuple[str, ...]:
        """Reasons a chosen passphrase would be refused (empty = fine): for live feedback while typing."""
        return check_passphrase(passphrase, lists=self._lists, label=label)

    def kdf_params_for_new_slots(self) -> Argon2Params:
        """The policy's fixed parameters, or this machine's calibration (measured once per directory)."""
        if self._kdf.fixed_params is not None:
            return self._kdf.fixed_params
        with self._calibration_lock:
            if self._calibrated is None:
                self._calibrated = calibrate(
                    target_low_seconds=self._kdf.target_low_seconds,
                    target_high_seconds=self._kdf.target_high_seconds,
                ).params
            return self._calibrated

    def _context(self) -> JournalContext:
        return JournalContext(
            clock=self._clock,
            bounds=self._kdf.bounds,
            lists=self._lists,
            throttle=self._throttle,
            backups=self._backups,
            app_version=self._app_version,
            params_for_new_slot=self.kdf_params_for_new_slots,
            other_labels=lambda journal_id: self._labels(excluding=journal_id),
        )

    # ------------------------------------------------------------------------------------------ create

    def create(self, *, passphrase: str, label: str | None = None, language: str | None = None) -> JournalWithCode:
        """Make a journal (random label unless one is given), save it, and return it open with its recovery code.
        The journal remembers `language` (default: the language active now, the one the family chose).

        Slow (calibration the first time, then one key derivation). Raises PassphraseRejected, LabelRejected
        or SaveFailed; nothing is left on disk when it fails.
        """
        code = language or active().code
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
        taken = self._labels()
        chosen_label = clean_label(label, taken=taken) if label is not None else random_label(taken=taken)
        normalised = require_acceptable_passphrase(passphrase, lists=self._lists, label=chosen_label)
        try:
            make_private_folder(self._folder)
        except OSError as error:
            raise SaveFailed(save_reason(error), detail=str(error)) from None
        file_id = new_file_id()
        params = self.kdf_params_for_new_slots()
        salt = os.urandom(SALT_LENGTH)
        kek = derive_key(passphrase_secret(normalised), salt=salt, params=params, bounds=self._kdf.bounds)
        data_key = new_data_key()
        recovery_code = RecoveryCode.generate()
        header = JournalHeader(
            file_id=file_id,
            passphrase_slot=make_passphrase_slot(kek_salt=salt, kek=kek, params=params, data_key=data_key,
                                                 file_id=file_id),
            recovery_slot=make_recovery_slot(code_secret=recovery_code.secret, data_key=data_key, file_id=file_id),
            save_salt=os.urandom(SAVE_SALT_LENGTH),
            payload_nonce=os.urandom(NONCE_LENGTH),
            label=chosen_label,
            app_version=self._app_version,
        )
        database = JournalDatabase.new(self._schema, created_at=self._clock.now(), app_version=self._app_version,
                                       language=code)
        journal = OpenJournal(
            context=self._context(),
            paths=JournalPaths(self._folder, file_id.hex()),
            header=header,
            data_key=data_key,
            database=database,
            save_counter=0,
            last_saved_at=None,
        )
        try:
            journal.save()
        except SaveFailed:
            journal.close(save=False)
            raise
        return JournalWithCode(journal, recovery_code)

    # ------------------------------------------------------------------------------------------ open

    def open(self, journal_id: str, passphrase: str) -> OpenJournal:
        """Unlock with the passphrase (slow: one key derivation). Falls back to the newest good backup if the
        newest copy is damaged (see `OpenJournal.restored_from_backup`).

        Raises WrongPassphrase (counted), TryLater (waiting time after several wrong tries), Damaged (no
        good copy; nothing changed), Unsupported (newer app; nothing changed) or JournalNotFound.
        """
        paths = JournalPaths(self._folder, journal_id)
        self._throttle.check(journal_id)
        secret = passphrase_secret(passphrase)
        bounds = self._kdf.bounds
        keks: dict[tuple[Argon2Params, bytes], bytes] = {}

        def unlock(header: JournalHeader) -> bytes:
            slot = header.passphrase_slot
            cache_key = (slot.params, slot.salt)
            if cache_key not in keks:
                keks[cache_key] = passphrase_kek(secret, slot, bounds=bounds)
            return unwrap_passphrase_slot(slot, kek=keks[cache_key], file_id=header.file_id)

        try:
            loaded = load_newest_good(paths, unlock=unlock, accept=self._accept, bounds=bounds)
        except WrongPassphrase:
            rescued = self._with_a_backups_key_slot(paths, unlock)
            if rescued is None:
                self._throttle.record_failure(paths.journal_id)
                if paths.rekeyed_files():
                    raise WrongPassphrase(next_step=_(INTERRUPTED_KEY_CHANGE_HINT)) from None
                raise
            journal = self._finish_open(paths, rescued)
            journal.mark_changed()
            try:
                journal.save()  # the repaired key slots become the current file's
            except SaveFailed:
                pass  # stays dirty; the app's normal save retries will write it
            return journal
        return self._finish_open(paths, loaded)

    def open_with_data_key(self, journal_id: str, data_key: bytes) -> OpenJournal:
        """Reopen with the data key itself (quick unlock with a PIN, security/quick_unlock.py: the key was kept,
        wrapped, in memory only). No key derivation, no throttle (the PIN has its own three tries). Raises
        WrongPassphrase if the key no longer opens the file (e.g. the passphrase was changed meanwhile)."""
        paths = JournalPaths(self._folder, journal_id)
        key = bytes(data_key)
        loaded = load_newest_good(paths, unlock=lambda _header: key, accept=self._accept, bounds=self._kdf.bounds)
        return self._finish_open(paths, loaded)

    def _newer_copy_beside(self, paths: JournalPaths, loaded: Loaded[JournalDatabase]) -> RollbackNotice | None:
        """Audit M4, without keeping any record of the family's activity: the save counter inside each
        encrypted copy is compared with the backups beside it (same data key, no key derivation). A backup
        with a LATER save than the current file means an older copy was put in place of the newest; that
        backup is copied aside (`<id>.njx.newer-<UTC time>`) so later rotations cannot push it out."""
        counter = loaded.payload.save_counter
        newest: tuple[int, Path, bytes, datetime] | None = None
        for generation in range(1, 10):
            path = paths.backup(generation)
            try:
                with open(path, "rb") as handle:
                    raw = handle.read()
                payload = open_body(parse_file(raw, bounds=self._kdf.bounds), data_key=loaded.data_key)
            except (OSError, JournalError):
                continue
            if payload.save_counter > counter and (newest is None or payload.save_counter > newest[0]):
                newest = (payload.save_counter, path, raw, payload.saved_at)
        if newest is None:
            return None
        stamp = self._clock.now().strftime("%Y%m%dT%H%M%SZ")
        target = paths.folder / f"{paths.journal_id}.njx.newer-{stamp}"
        try:
            if not target.exists():
                copy_aside(paths, raw=newest[2], target=target)
        except OSError:
            pass
        return RollbackNotice(opened_saved_at=loaded.payload.saved_at, newer_saved_at=newest[3],
                              kept_as=target.name)

    def _accept(self, payload: Payload) -> JournalDatabase:
        return JournalDatabase.from_image(payload.image, self._schema)

    def _with_a_backups_key_slot(self, paths: JournalPaths,
                                 unlock: Callable[[JournalHeader], bytes]) -> Loaded[JournalDatabase] | None:
        """Audit M3: the current file's key slot may be damaged (e.g. pasted from another journal) while its
        body is fine. Try the key slots of the backup generations: if one opens with this passphrase AND its
        key opens the current file's body, the slot was damaged (after a passphrase change the data key
        differs, so an old passphrase never gets in this way). Returns None when nothing opens."""
        bounds = self._kdf.bounds
        try:
            with open(paths.current, "rb") as handle:
                raw = handle.read()
            current = parse_file(raw, bounds=bounds)
        except (OSError, JournalError):
            return None
        if current.header.file_id.hex() != paths.journal_id:
            return None
        for generation in range(1, 10):
            try:
                with open(paths.backup(generation), "rb") as handle:
                    backup = parse_file(handle.read(), bounds=bounds)
            except (OSError, JournalError):
                continue
            header = backup.header
            if header.file_id != current.header.file_id or header.passphrase_slot == current.header.passphrase_slot:
                continue
            try:
                data_key = unlock(header)
                payload = open_body(current, data_key=data_key)
                opened = self._accept(payload)
            except JournalError:
                continue
            repaired = replace(current, header=replace(current.header, passphrase_slot=header.passphrase_slot,
                                                       recovery_slot=header.recovery_slot))
            return Loaded(rung="current", path=paths.current, raw=raw, parsed=repaired, payload=payload,
                          data_key=data_key, opened=opened, damaged=(), missing_current=False)
        return None

    def open_with_recovery_code(self, journal_id: str, recovery_code: str, *, new_passphrase: str) -> JournalWithCode:
        """Prepare and commit at once (scripts and tests); the app uses `prepare_recovery` + `commit_rekey`."""
        journal, pending = self.prepare_recovery(journal_id, recovery_code, new_passphrase=new_passphrase)
        try:
            journal.commit_rekey(pending)
        except JournalError:
            journal.close(save=False)
            raise
        return JournalWithCode(journal, pending.recovery_code)

    def prepare_recovery(self, journal_id: str, recovery_code: str, *,
                         new_passphrase: str) -> tuple[OpenJournal, PendingRekey]:
        """Unlock with the printed recovery code and prepare `new_passphrase` and a NEW recovery code.

        Nothing about the keys changes on disk yet: show `pending.recovery_code`, have the family type part of
        it back, then call `journal.commit_rekey(pending)`. Until then (a lock, a crash) the old card and the
        old passphrase still open the journal. Raises RecoveryCodeInvalid (typo: which group to check),
        WrongRecoveryCode (counted), PassphraseRejected, TryLater, Damaged, Unsupported or JournalNotFound.
        """
        paths = JournalPaths(self._folder, journal_id)
        code = parse_recovery_code(recovery_code)
        listed_label = self._info(journal_id).label
        require_acceptable_passphrase(new_passphrase, lists=self._lists, label=listed_label)
        self._throttle.check(journal_id)

        def unlock(header: JournalHeader) -> bytes:
            return unwrap_recovery_slot(header.recovery_slot, code_secret=code.secret, file_id=header.file_id)

        loaded = self._load(paths, unlock)
        journal = self._finish_open(paths, loaded)
        try:
            normalised = require_acceptable_passphrase(new_passphrase, lists=self._lists, label=journal.label)
            params = self.kdf_params_for_new_slots()
            salt = os.urandom(SALT_LENGTH)
            kek = derive_key(passphrase_secret(normalised), salt=salt, params=params, bounds=self._kdf.bounds)
            pending = journal.prepare_rekey_with_kek(kek=kek, salt=salt, params=params)
        except JournalError:
            journal.close(save=False)
            raise
        return journal, pending

    def _load(self, paths: JournalPaths, unlock: Callable[[JournalHeader], bytes]) -> Loaded[JournalDatabase]:
        schema = self._schema

        def accept(payload: Payload) -> JournalDatabase:
            return JournalDatabase.from_image(payload.image, schema)

        try:
            return load_newest_good(paths, unlock=unlock, accept=accept, bounds=self._kdf.bounds)
        except WrongPassphrase:
            self._throttle.record_failure(paths.journal_id)
            raise

    def _finish_open(self, paths: JournalPaths, loaded: Loaded[JournalDatabase]) -> OpenJournal:
        self._throttle.record_success(paths.journal_id)
        now = self._clock.now()
        restored: RestoredFromBackup | None = None
        if loaded.rung != "current":
            moved = []
            for damaged in loaded.damaged:
                target = quarantine(damaged.path, paths=paths, when=now)
                if target is not None:
                    moved.append(target.name)
            restored = RestoredFromBackup(
                rung=loaded.rung,
                saved_at=loaded.payload.saved_at,
                age=now - loaded.payload.saved_at,
                newest_missing=loaded.missing_current,
                quarantined=tuple(moved),
            )
        keep = loaded.path if loaded.rung == "unfinished save" else None
        interrupted = finish_interrupted_rekey(paths, data_key=loaded.data_key, bounds=self._kdf.bounds)
        sweep_temps(paths, keep=keep)
        database = loaded.opened
        migrated_to: int | None = None
        if database.needs_migration:
            # Copy the file exactly as read before changing anything; if even that fails (disk full), the
            # unmigrated file stays the current one until a save succeeds, and that save keeps it as bak1.
            try:
                copy_aside(paths, raw=loaded.raw, target=paths.pre_migration(database.user_version))
            except OSError:
                pass
            try:
                database.migrate()
            except Exception as error:  # noqa: BLE001 (any failed migration: the journal is kept as it was)
                database.close()
                raise Damaged(detail=f"migration failed: {type(error).__name__}") from None
            migrated_to = database.user_version
        journal = OpenJournal(
            context=self._context(),
            paths=paths,
            header=loaded.header,
            data_key=loaded.data_key,
            database=database,
            save_counter=loaded.payload.save_counter,
            last_saved_at=loaded.payload.saved_at,
            restored_from_backup=restored,
            migrated_to=migrated_to,
        )
        journal.interrupted_key_change = interrupted
        if loaded.rung == "current":
            journal.rollback = self._newer_copy_beside(paths, loaded)
        if restored is not None or migrated_to is not None:
            journal.mark_changed()
            try:
                journal.save()  # make the restored/migrated state the current file straight away
                if keep is not None:
                    sweep_temps(paths)
            except SaveFailed:
                pass  # stays dirty; the app's normal save retries will write it
        return journal

    # ------------------------------------------------------------------------------------------ delete

    def delete(self, journal_id: str, *, passphrase: str) -> int:
        """Delete every file of a journal after checking its passphrase (so nobody can delete another family's
        journal from the start screen). Returns how many files were removed. Damaged copies that were moved
        aside are removed too. Raises WrongPassphrase (counted), TryLater, Damaged, Unsupported, JournalNotFound.
        """
        paths = JournalPaths(self._folder, journal_id)
        journal = self.open(journal_id, passphrase)
        journal.close(save=False)
        removed = 0
        for path in paths.all_files():
            try:
                os.unlink(path)
                removed += 1
            except FileNotFoundError:
                pass
            except OSError as error:
                raise SaveFailed(save_reason(error), detail=str(error)) from None
        self._throttle.forget(journal_id)
        if removed == 0:
            raise JournalNotFound()
        return removed


__all__ = ["JournalDirectory", "JournalInfo", "JournalState", "JournalWithCode"]
