"""The "My journal" tab: a thin coordinator between the start page and the open journal's workspace.

`JournalScreen` holds the one open `JournalSession` (and a locked one whose changes the disk refused, kept in
memory until saved), switches between the journal chooser (start_page.py) and the workspace (workspace.py),
and owns the moments between them: a journal opened or resumed, locked (every view dropped, exports stopped,
the PIN window started after an automatic lock), a recovery code shown and a key change committed. It builds
no store: the sections' services come from the `JournalServices` factory (services.py) the window hands in.
Nothing on the start screen identifies a family: only the labels families chose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from nec_companion.core.clock import Clock
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import _
from nec_companion.core.questions import SuggestedQuestion
from nec_companion.export.written_files import WrittenFiles
from nec_companion.journal import JournalEntries
from nec_companion.security.autolock import IdleLockPolicy
from nec_companion.storage import JournalDirectory, OpenJournal
from nec_companion.ui.journal.dialogs import RecoveryCodeDialog
from nec_companion.ui.journal.export_screen import ExportScreen
from nec_companion.ui.journal.services import JournalServices, system_time_zone
from nec_companion.ui.journal.session import JournalSession
from nec_companion.ui.journal.start_page import StartController, StartPage, wait_sentence
from nec_companion.ui.journal.workspace import JournalPage, Workspace, describe_baby
from nec_companion.ui.lock_sweep import close_windows_for_lock
from nec_companion.ui.printing import PrintService
from nec_companion.ui.prompts import Prompts
from nec_companion.ui.questions.questions_screen import QuestionsScreen
from nec_companion.ui.questions.rounds_screen import RoundsScreen
from nec_companion.ui.workers import cancel_owned_by, run_in_background

__all__ = ["JournalScreen", "describe_baby", "system_time_zone", "wait_sentence"]

#: How long a lock waits for exports to stop (a PDF stops within a page; a backup finishes its write).
LOCK_WAIT_SECONDS = 10.0


class _IdleClose(QObject):
    """Closes every secondary window (ui/lock_sweep.py) once nobody has touched the app for the idle time, while
    `dialog` is open. A child of the dialog, so it goes with it."""

    def __init__(self, dialog: QWidget, policy: IdleLockPolicy) -> None:
        super().__init__(dialog)
        self._policy = policy
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove):
            self._policy.activity()
        return False

    def check(self) -> None:
        if self._policy.state().lock_now:
            self._timer.stop()
            close_windows_for_lock()


class JournalScreen(QWidget):
    """Coordinates the start page, the open journal and its session.

    Signals:
        session_started(JournalSession): a journal is open (the window wires activity and Lock now).
        session_ended(): the journal is locked (its views are gone).
    """

    session_started = Signal(object)
    session_ended = Signal()

    def __init__(self, *, directory_factory: Callable[[], JournalDirectory], clock: Clock,
                 prompts: Prompts, printing: PrintService | None, idle_minutes: Callable[[], int],
                 services: JournalServices | None = None,
                 open_article: Callable[[str], None] = lambda _slug: None,
                 journal_opening: Callable[[OpenJournal], None] = lambda _journal: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_article = open_article
        #: Called with a journal just opened, before its views are built (the window switches to its language).
        self.journal_opening = journal_opening
        self._lock_said: tuple[str, bool] | None = None  # what the start page said about the last lock
        self.services = services or JournalServices(clock=clock)
        self.written = WrittenFiles()
        self._directory_factory = directory_factory
        self._directory: JournalDirectory | None = None
        self.clock = clock
        self.prompts = prompts
        self.printing = printing if printing is not None and printing.allowed else None
        self._idle_minutes = idle_minutes
        self.session: JournalSession | None = None
        self._held: JournalSession | None = None  # locked, but still holding changes the disk refused
        self.survival_probes: Any = None  # survival.Probes; None: this computer's (tests put fakes here)
        self._survival_checked = False

        self.start = StartPage(self)
        self.page = JournalPage(self)
        self.starter = StartController(self, self.start)
        self.workspace = Workspace(self, self.page)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # ----- what the sections and tests reach (the workspace and the start controller own them) -----
    @property
    def quick(self) -> Any:
        return self.starter.quick

    @quick.setter
    def quick(self, value: Any) -> None:
        self.starter.quick = value

    @property
    def questions_screen(self) -> QuestionsScreen | None:
        return self.workspace.questions_screen

    @property
    def rounds_screen(self) -> RoundsScreen | None:
        return self.workspace.rounds_screen

    @property
    def export_screen(self) -> ExportScreen | None:
        return self.workspace.export_screen

    @property
    def today_screen(self) -> QWidget | None:
        return self.workspace.today_screen

    @property
    def entries(self) -> JournalEntries | None:
        services = self.workspace.services
        return services.entries if services is not None else None

    # ----- directory and start page -----
    @property
    def directory(self) -> JournalDirectory:
        if self._directory is None:
            self._directory = self._directory_factory()
        return self._directory

    def refresh_list(self) -> None:
        self.starter.refresh_list()

    def check_survival(self, then: Callable[[str], None] | None = None) -> None:
        self.starter.check_survival(then)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.session is None:
            self.refresh_list()
        if not self._survival_checked:
            self._survival_checked = True
            self.check_survival()

    def open_selected(self) -> None:
        self.starter.open_selected()

    def open_with_pin(self) -> None:
        self.starter.open_with_pin()

    def _update_pin_box(self) -> None:
        self.starter.update_pin_box()

    def create_journal(self) -> None:
        self.starter.create_journal()

    def recover_selected(self) -> None:
        self.starter.recover_selected()

    def delete_selected(self) -> None:
        self.starter.delete_selected()

    def restore_backup(self) -> None:
        self.starter.restore_backup()

    def delete_leftover_files(self) -> None:
        self.starter.delete_leftover_files()

    def offer_to_delete_files_before_quit(self) -> None:
        self.starter.offer_to_delete_files(ask=True)

    # ----- the open journal -----
    def show_opened(self, journal: OpenJournal) -> None:
        """Show a journal opened elsewhere (the tour opens the sample journal itself, with no key-derivation wait)."""
        self.opened(journal)

    def opened(self, journal: OpenJournal, *, new_code: Any = None) -> None:
        """A journal was just opened: start its session and show it."""
        self.journal_opening(journal)
        session = JournalSession(journal, clock=self.clock, idle_minutes=self._idle_minutes(), parent=self)
        self._attach(session)
        for news in (journal.restored_from_backup, journal.rollback, journal.interrupted_key_change):
            if news is not None:
                self.workspace.notice(news.message())
        if new_code is not None:
            self.show_recovery_code(new_code, journal.label)

    _opened = opened  # the name the tour and older tests use

    def created(self, made: Any) -> None:
        """A new journal: its recovery code, then straight on to adding the baby."""
        self.opened(made.journal, new_code=made.recovery_code)
        self.workspace.next_add_baby()
        self.check_survival(then=self.workspace.notice)

    def opened_with_recovery_code(self, prepared: Any) -> None:
        self.starter.wipe_quick()  # the keys are about to change: a PIN set earlier must not outlive them
        journal, pending = prepared
        self.opened(journal)
        self.commit_new_code(journal, pending, what="recovery")

    def held_for(self, journal_id: str) -> JournalSession | None:
        """The locked session still holding unsaved changes of `journal_id`, if any."""
        held = self._held
        return held if held is not None and held.journal.journal_id == journal_id else None

    def resume(self, session: JournalSession) -> None:
        """Reopened while its unsaved changes were held: carry on with the copy in memory."""
        if self._held is session:
            self._held = None
        self.journal_opening(session.journal)
        session.resume()
        self._attach(session)
        self.workspace.notice(_("Welcome back. Your latest changes were kept; saving is still being retried."))

    def _attach(self, session: JournalSession) -> None:
        self.session = session
        self._lock_said = None
        self.start.lock_note.show_text("")
        self.start.notice.show_text("")
        self.starter.update_pin_box()
        session.locked.connect(self._on_locked)
        self.workspace.attach(session)
        self.stack.setCurrentWidget(self.page)
        self.session_started.emit(session)
        self.workspace.after_attach()

    def show_section(self, name: str) -> bool:
        """Show the open journal's section called `name`; False when there is none (or no journal is open)."""
        return self.session is not None and self.page.show_section(name)

    def current_section(self) -> str:
        """The open journal's section shown ("" with no journal open)."""
        return self.page.current_section() if self.session is not None else ""

    def journal_language(self) -> str | None:
        """The open journal's own language (None: no journal open, or one made before journals kept it)."""
        return self.session.journal.language if self.session is not None else None

    def set_journal_language(self, code: str) -> None:
        """The family chose a language with their journal open: the journal remembers it (saved shortly)."""
        if self.session is not None and self.session.journal.language != code:
            self.session.journal.set_language(code)
            self.session.note_changed()

    def set_idle_minutes(self, minutes: int) -> None:
        """The family chose another auto-lock time: the open journal follows it at once."""
        if self.session is not None:
            self.session.set_idle_minutes(minutes)

    def add_suggested_question(self, suggestion: SuggestedQuestion) -> str:
        """From an article: "added", "already", "failed", or "pending" (kept until a journal opens)."""
        return self.workspace.add_suggested_question(suggestion)

    def add_suggested_question_cancel(self) -> None:
        self.workspace.pending_suggestion = None

    def add_baby(self) -> bool:
        return self.workspace.add_baby()

    def kept_drafts(self) -> tuple[Any, ...]:
        return self.workspace.kept_drafts()

    def reopen_draft(self) -> None:
        self.workspace.reopen_draft()

    def discard_draft(self) -> None:
        self.workspace.discard_draft()

    def change_passphrase(self) -> None:
        self.workspace.change_passphrase()

    def tell(self, text: str) -> None:
        """News for the family: on the open journal's page, else on the start page."""
        if self.session is not None and not self.session.journal.is_closed:
            self.workspace.notice(text)
        else:
            self.starter.say(text)

    _tell = tell

    def note_held_failure(self, text: str) -> None:
        """A held (locked) journal still cannot be saved: the start page says so."""
        if self._held is not None:
            self.start.pending.show_text(_("The latest changes to a journal could not be saved yet. They are kept "
                                           "safely in memory and saving keeps trying. {problem}").format(problem=text))

    # ----- rebuilt in place (MainWindow.rebuild_screens: a language change) -----
    def take_over(self, old: JournalScreen) -> None:
        """Carry on from `old`, the screen this one replaces: the same open (or held) session, directory,
        files written, PIN and pending question; the same section shown. `old` lets go of everything."""
        # The section by its place in the list: its name may now be in another language.
        session, held, section = old.session, old._held, old.page.tabs.currentIndex()
        notice = old.page.notice.label.text() if old.page.notice.isVisibleTo(old.page) else ""
        old._let_go()
        self._directory = old._directory
        self.written = old.written
        self.survival_probes = old.survival_probes
        self.starter.quick, old.starter.quick = old.starter.quick, None
        self.workspace.pending_suggestion = old.workspace.pending_suggestion
        selected = old.start.selected_journal_id()
        if held is not None:
            held.setParent(self)
            self._held = held
            held.fully_closed.connect(self._release_held)
            self.start.pending.show_text(_("The latest changes to a journal could not be saved yet. They are kept "
                                           "safely in memory and saving keeps trying. Open the journal again to "
                                           "keep working, or free some disk space."))
        if session is not None:
            session.setParent(self)
            self._attach(session)
            if 0 <= section < self.page.tabs.count():
                self.page.tabs.setCurrentIndex(section)
            if notice:  # e.g. "restored from a backup" shown at unlock, just before the journal's language was spoken
                self.workspace.notice(notice)
        else:
            self.refresh_list()
            self.starter.select(selected)
            self.starter.update_pin_box()
            if old._lock_said is not None:  # "Your journal locked itself...", said again in the language now active
                self._show_lock_note(*old._lock_said)
            if self.written.existing():
                self.starter.offer_to_delete_files(ask=False)
            if old.isVisible():  # the cursor where the family will type next, as after the lock
                focus = self.start.pin if self.start.pin_box.isVisibleTo(self.start) else self.start.passphrase
                focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _let_go(self) -> None:
        """Replaced by another screen: stop listening to the sessions and drop the views (nothing is locked)."""
        session, held = self.session, self._held
        if session is not None:
            for signal, slot in ((session.locked, self._on_locked),
                                 (session.save_state_changed, self.workspace.on_save_state),
                                 (session.countdown, self.workspace.on_countdown)):
                signal.disconnect(slot)
        if held is not None:
            held.fully_closed.disconnect(self._release_held)
        self.session = self._held = None
        self.workspace.clear()

    # ----- locking -----
    def lock(self, reason: str = "now") -> bool:
        """Lock the open journal (if any). True when nothing is left unsaved."""
        if reason not in ("idle", "minimised"):
            self.starter.wipe_quick()  # Lock now, closing, delete, restore: the passphrase is needed next time
        if self.session is None:
            close_windows_for_lock()  # e.g. a recovery code shown after a restore, with no journal open
            return self._held is None
        closed = self.session.lock(reason)
        if not closed and self._held is not None:
            self.start.pending.show_text(_(
                "The latest changes to a journal could not be saved yet. They are kept safely in memory and "
                "saving keeps trying. Open the journal again to keep working, or free some disk space."))
        return closed

    def has_unsaved_changes(self) -> bool:
        return self._held is not None or (self.session is not None and self.session.journal.dirty)

    def _on_locked(self, reason: str) -> None:
        session = self.session
        self.session = None
        # Exports still running are cancelled (a PDF stops at its next page and leaves no file) or, if they cannot
        # stop part-way (an encrypted backup), finished; their results go nowhere once the sections are gone.
        cancel_owned_by(self.page, wait=LOCK_WAIT_SECONDS)
        self.workspace.clear()  # drop every view of the journal before anything else
        self.stack.setCurrentWidget(self.start)
        self.start.passphrase.clear()
        self._say_locked(reason, session)
        if reason in ("idle", "minimised") and session is not None:
            self.starter.start_pin_window(session.journal.journal_id)  # the PIN works for 30 minutes
        else:
            self.starter.wipe_quick()
        if session is not None and not session.journal.is_closed:
            self._held = session
            session.fully_closed.connect(self._release_held)
        self.refresh_list()
        self.starter.update_pin_box()
        # The cursor waits where the family will type next: the PIN if it can be used, else the passphrase.
        focus = self.start.pin if self.start.pin_box.isVisible() else self.start.passphrase
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.starter.offer_to_delete_files(ask=reason in ("now", "delete"))
        self.session_ended.emit()

    def _say_locked(self, reason: str, session: JournalSession | None) -> None:
        """After an automatic lock, the start page says so (and that what was being typed was kept)."""
        if reason not in ("idle", "minimised"):
            self._lock_said = None
            self.start.lock_note.show_text("")
            return
        self._show_lock_note(reason, bool(session is not None and session.drafts_kept))

    def _show_lock_note(self, reason: str, kept: bool) -> None:
        self._lock_said = (reason, kept)
        if reason == "idle":
            text = (_("Your journal locked itself after a few quiet minutes, to keep it private. What you were "
                      "typing was kept, protected in the journal; it is offered back when you open it. Type your "
                      "passphrase to open it again.") if kept else
                    _("Your journal locked itself after a few quiet minutes, to keep it private. Type your "
                      "passphrase to open it again."))
        else:
            text = (_("Your journal locked itself when the window was minimised, to keep it private. What you were "
                      "typing was kept, protected in the journal; it is offered back when you open it. Type your "
                      "passphrase to open it again.") if kept else
                    _("Your journal locked itself when the window was minimised, to keep it private. Type your "
                      "passphrase to open it again."))
        self.start.lock_note.show_text(text)

    def _release_held(self) -> None:
        """The held journal was saved at last and left memory."""
        if self._held is not None and self._held.journal.is_closed:
            self._held = None
            self.start.pending.show_text("")

    def delete_open_journal(self) -> None:
        if self.session is None:
            return
        journal_id, label = self.session.journal.journal_id, self.session.journal.label
        self.lock("delete")
        self.starter.confirm_and_delete(journal_id, label)

    # ----- recovery codes and key changes -----
    def show_recovery_code(self, code: Any, label: str) -> bool:
        """True when the family typed part of the code back (False when the dialog closed for a lock)."""
        dialog = RecoveryCodeDialog(code, label=label, print_document=self._print_card if self.printing else None,
                                    parent=self)
        if self.session is None:
            # Shown with no journal open (a backup restored as a second journal): no session's idle lock covers
            # it, so it closes itself after the same quiet time.
            _IdleClose(dialog, IdleLockPolicy(self.clock, minutes=self._idle_minutes()))
        return dialog.exec() == RecoveryCodeDialog.DialogCode.Accepted

    _show_recovery_code = show_recovery_code

    def _print_card(self, document: QTextDocument) -> None:
        # The card may be shown with no journal open (after restoring a backup as a second journal).
        session = self.session
        if self.printing is not None:
            self.printing.print_paper_only(_("Print your recovery code"), document.print_,
                                           still_open=lambda: self.session is session)

    def commit_new_code(self, journal: OpenJournal, pending: Any, *, what: str) -> None:
        """Show the prepared code; only when it was typed back, commit the key change (off the GUI thread)."""
        not_changed = (_("Your passphrase and recovery card were not changed: the ones you had still open this "
                         "journal.") if what == "passphrase" else
                       _("Your passphrase was not changed: your recovery card still opens this journal. You can use "
                         "it again to choose a new passphrase."))
        if not self.show_recovery_code(pending.recovery_code, journal.label) or journal.is_closed:
            self.tell(not_changed)
            return
        done_text = _("Your new passphrase and the new recovery card now open this journal. The old ones no longer "
                      "do.")

        def failed(error: BaseException) -> None:
            text = error.user_text() if isinstance(error, JournalError) else _("Something went wrong.")
            # Translators: {problem} says what went wrong; {not_changed} says what still opens the journal.
            self.tell(_("{problem} {not_changed}").format(problem=text, not_changed=not_changed))

        # Owned by this screen (not the journal page), so a lock does not cancel a commit already under way.
        run_in_background(self, lambda: journal.commit_rekey(pending), lambda _r: self.tell(done_text), failed)
