"""One open journal on screen: saves itself shortly after each change, locks itself when the room goes quiet.

Locking saves first. If the disk refuses (full, read-only), the views are still dropped at once (privacy),
but the journal stays in memory and saving keeps retrying; reopening it with the passphrase picks it up again,
so nothing typed is lost.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication

from nec_companion.core.clock import Clock
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import _
from nec_companion.security.autolock import IdleLockPolicy, LockState
from nec_companion.storage import OpenJournal, SaveReport
from nec_companion.ui.lock_sweep import close_windows_for_lock
from nec_companion.ui.workers import run_in_background

AUTOSAVE_DELAY_MS = 1500
RETRY_DELAY_MS = 10_000


class SaveState(enum.Enum):
    SAVED = "saved"
    PENDING = "pending"
    SAVING = "saving"
    FAILED = "failed"


class JournalSession(QObject):
    """Signals:
    save_state_changed(SaveState, str): the state and a sentence for the family.
    countdown(object): seconds left before auto-lock (int), or None when no countdown shows.
    locked(str): the journal's views must go; the reason ("idle", "now", "minimised", "closing").
    fully_closed(): everything is on disk and the journal has left memory.
    """

    save_state_changed = Signal(object, str)
    countdown = Signal(object)
    locked = Signal(str)
    fully_closed = Signal()

    def __init__(self, journal: OpenJournal, *, clock: Clock, idle_minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self._logged_failure: str | None = None  # the kind of save failure last logged (once per kind)
        self.is_locked = False
        self.state = SaveState.SAVED
        self.last_error: JournalError | None = None
        self._saving = False
        self._clock = clock
        self.drafts_kept = 0
        self._policy = IdleLockPolicy(clock, minutes=idle_minutes)
        self._counting = False
        # What the clipboard and (X11) the PRIMARY selection held when they last changed while this app was in
        # front: cleared at lock if still there, even where the platform cannot say who owns them.
        self._remembered: dict[QClipboard.Mode, str] = {}

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_soon_now)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_DELAY_MS)
        self._retry.timeout.connect(self.save_soon_now)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.check_idle)
        self._tick.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.clipboard().changed.connect(self._clipboard_changed)

    # ----- changes and saving -----
    def note_changed(self) -> None:
        """Call after every change: saves about 1.5 s later (typing several things makes one save)."""
        self._set_state(SaveState.PENDING, _("Saving shortly…"))
        self._autosave.start()

    def save_soon_now(self) -> None:
        """Start a background save of what is in memory now, unless one is running or nothing changed."""
        if self._saving or self.journal.is_closed:
            return
        if not self.journal.dirty:
            self._set_state(SaveState.SAVED, _("All changes saved."))
            self._finish_if_locked()
            return
        try:
            pending = self.journal.prepare_save()
        except JournalError as error:
            self._failed(error)
            return
        self._saving = True
        self._set_state(SaveState.SAVING, _("Saving…"))
        run_in_background(self, pending.write, self._saved, self._failed)

    def save_now_blocking(self) -> bool:
        """Save on this thread (lock and quit). True when everything is on disk."""
        self._autosave.stop()
        if self.journal.is_closed:
            return True
        try:
            if self.journal.dirty:
                self.journal.save()
        except JournalError as error:
            self._failed(error)
            return False
        self._set_state(SaveState.SAVED, _("All changes saved."))
        return True

    def _saved(self, _report: SaveReport) -> None:
        self._saving = False
        self.last_error = None
        self._logged_failure = None
        if self.journal.dirty:
            self.save_soon_now()  # something changed while the save ran
            return
        self._set_state(SaveState.SAVED, _("All changes saved."))
        self._finish_if_locked()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        # For IT: the kind of failure only (class, reason, errno), once per kind, never the message.
        from nec_companion.diagnostics import describe_failure, log_save_failure

        if describe_failure(error) != self._logged_failure:
            self._logged_failure = describe_failure(error)
            log_save_failure("journal", error)
        # Only JournalError is expected here; anything else still gets a kind sentence, never a traceback.
        self.last_error = error if isinstance(error, JournalError) else JournalError(
            _("Your changes could not be saved just now."),
            next_step=_("They are still here, and the app will try again in a few seconds."))
        self._set_state(SaveState.FAILED, self.last_error.user_text())
        self._retry.start()

    def _set_state(self, state: SaveState, text: str) -> None:
        self.state = state
        self.save_state_changed.emit(state, text)

    # ----- idle lock -----
    def activity(self) -> None:
        if self.is_locked:
            return
        self._policy.activity()
        if self._counting:
            self._counting = False
            self.countdown.emit(None)

    def set_idle_minutes(self, minutes: int) -> None:
        self._policy.set_minutes(minutes)

    def check_idle(self) -> LockState | None:
        if self.is_locked:
            return None
        state = self._policy.state()
        if state.lock_now:
            self.lock("idle")
        elif state.countdown_seconds is not None:
            self._counting = True
            self.countdown.emit(state.countdown_seconds)
        return state

    # ----- locking -----
    def lock(self, reason: str) -> bool:
        """Drop every view of the journal now; save it; True when it also left memory."""
        if self.is_locked:
            return self.journal.is_closed
        self.is_locked = True
        self._tick.stop()
        if self._counting:
            self._counting = False
            self.countdown.emit(None)
        if reason not in ("delete", "restore"):
            self._keep_drafts()
        close_windows_for_lock()
        self._clear_clipboard_if_ours()
        self.locked.emit(reason)
        return self._finish_if_locked(blocking=True)

    def _keep_drafts(self) -> None:
        """Text typed in an entry or question dialog still open goes into the encrypted journal (saved with the
        lock's final save) before the dialog closes, to be offered back after the next unlock."""
        from nec_companion.storage.drafts import DraftStore
        from nec_companion.ui.drafts import capture_drafts

        try:
            drafts = capture_drafts()
            self.drafts_kept = DraftStore(self.journal, clock=self._clock).keep(drafts) if drafts else 0
        except Exception:  # noqa: BLE001 - the lock must go on whatever happens; the text is then lost, not leaked
            self.drafts_kept = 0

    def _finish_if_locked(self, *, blocking: bool = False) -> bool:
        if not self.is_locked or self.journal.is_closed:
            return self.journal.is_closed
        if blocking and not self.save_now_blocking():
            return False
        if self.journal.dirty:
            return False
        try:
            self.journal.close(save=False)
        except JournalError as error:
            self._failed(error)
            return False
        self._retry.stop()
        self.fully_closed.emit()
        return True

    def resume(self) -> None:
        """Reopened with the passphrase while unsaved changes were still held: carry on where they were."""
        self.is_locked = False
        self._policy.activity()
        self._tick.start()

    # ----- clipboard -----
    def _clipboard_changed(self, mode: QClipboard.Mode) -> None:
        app = QApplication.instance()
        if self.is_locked or not isinstance(app, QApplication) or app.activeWindow() is None:
            return
        self._remembered[mode] = app.clipboard().text(mode)

    def _clear_clipboard_if_ours(self) -> None:
        """The clipboard (Ctrl+C) and the X11 PRIMARY selection (any text selected with the mouse, pasted with a
        middle click) are emptied if this app put what they hold there; another program's text is left alone.
        The selection exists only where the platform says who owns it; the clipboard is also cleared when it
        still holds what it held when it last changed while this app was in front (some platforms cannot say)."""
        app = QApplication.instance()
        remembered, self._remembered = self._remembered, {}
        if not isinstance(app, QApplication):
            return
        clipboard = app.clipboard()
        text = remembered.get(QClipboard.Mode.Clipboard)
        if clipboard.ownsClipboard() or (text and clipboard.text(QClipboard.Mode.Clipboard) == text):
            clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
