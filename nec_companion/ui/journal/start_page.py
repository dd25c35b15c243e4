"""The journal chooser shown while no journal is open: the start page and what its buttons do.

`StartPage` is the widget (the journals listed by the labels families chose, never a name; passphrase, the
optional quick-unlock PIN, the banners for an automatic lock, unsaved changes, unprotected files and whether
journals survive this computer). `StartController` owns the actions: list the journals, create one, open one
with the passphrase or (after it locked itself) the PIN, open with the recovery code, delete one, restore a
backup, and the policy for files saved unprotected. Key derivation takes about a second, so create, open,
recover, delete and restore run on a worker thread with a busy note. What happens once a journal is open
belongs to the coordinator (journal_screen.py), which this controller calls back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from nec_companion.core.errors import JournalError, RecoveryCodeInvalid
from nec_companion.core.i18n import _, ngettext
from nec_companion.security.recovery_code import parse_recovery_code
from nec_companion.storage import JournalState, OpenJournal
from nec_companion.ui.journal.dialogs import CreateJournalDialog, RecoverWithCodeDialog
from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.banner import Banner
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label
from nec_companion.ui.widgets.passphrase_edit import PassphraseEdit
from nec_companion.ui.widgets.scroll_page import scroll_page
from nec_companion.ui.workers import run_in_background

if TYPE_CHECKING:
    from nec_companion.ui.journal.journal_screen import JournalScreen

JOURNAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def wait_sentence(seconds: float) -> str:
    """ "To keep the journal safe, you can try again in 30 seconds." (whole seconds, then minutes)."""
    whole = max(1, int(seconds + 0.999))
    if whole < 90:
        return ngettext("To keep the journal safe, you can try again in {n} second.",
                        "To keep the journal safe, you can try again in {n} seconds.", whole).format(n=whole)
    minutes = (whole + 59) // 60
    return ngettext("To keep the journal safe, you can try again in {n} minute.",
                    "To keep the journal safe, you can try again in {n} minutes.", minutes).format(n=minutes)


def files_not_protected(count: int) -> str:
    """ "1 file not protected", "8 files not protected"."""
    return ngettext("{n} file not protected", "{n} files not protected", count).format(n=count)


class StartPage(QWidget):
    """Locked state: list of journals by label, passphrase, open / create / recover / delete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journals = QListWidget(self)
        self.journals.setAccessibleName(_("Journals on this computer"))
        self.passphrase = PassphraseEdit(_("Passphrase"), self)
        self.open_button = QPushButton(_("Open journal"), self)
        self.open_button.setDefault(True)
        # Quick unlock (security/quick_unlock.py): a PIN chosen now, usable only after the journal locks itself.
        self.pin_setup = PassphraseEdit(_("Quick unlock PIN, optional, 6 digits"), self)
        self.pin_setup.edit.setMaxLength(6)
        self.pin_setup_label = plain_label(_("Quick unlock PIN (optional, 6 digits): if the journal locks itself, "
                                             "you can reopen it within 30 minutes with this PIN instead of the "
                                             "passphrase."), self, muted=True)
        self.pin_box = QFrame(self)
        self.pin_box.setObjectName("banner")
        self.pin_label = plain_label("", self.pin_box)
        self.pin_label.setAccessibleName(_("Quick unlock"))
        self.pin = PassphraseEdit(_("PIN"), self.pin_box)
        self.pin.edit.setMaxLength(6)
        self.pin_button = QPushButton(_("Open with PIN"), self.pin_box)
        pin_layout = QVBoxLayout(self.pin_box)
        pin_layout.addWidget(self.pin_label)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.pin_button)
        pin_layout.addLayout(pin_row)
        self.pin_box.hide()
        self.recover_button = QPushButton(_("Forgot passphrase? Use recovery code…"), self)
        self.create_button = QPushButton(_("Create a new journal…"), self)
        self.restore_button = QPushButton(_("Restore a backup…"), self)
        self.restore_button.setAccessibleDescription(_("Restore a journal from an encrypted backup"))
        self.leftover = Banner(self, name=_("Unprotected files"))
        self.delete_leftover_button = QPushButton(_("Delete them now"), self.leftover)
        leftover_layout = self.leftover.layout()
        assert leftover_layout is not None  # a Banner has its layout
        leftover_layout.addWidget(self.delete_leftover_button)
        self.delete_button = QPushButton(_("Delete a journal…"), self)
        self.message = plain_label("", self)
        self.message.setAccessibleDescription(_("Message"))
        self.message.setStyleSheet("color: #8a1c1c;")
        self.busy = plain_label("", self, muted=True)
        self.busy.setAccessibleDescription(_("Progress"))
        self.pending = Banner(self, name=_("Unsaved changes"))
        self.lock_note = Banner(self, name=_("Your journal locked itself"))  # after an automatic lock only
        self.notice = Banner(self, name=_("Notice"))  # calm news (a backup restored), never in red
        # Shown when this computer may erase journals (survival.py): what happens and what to do.
        self.survival = Banner(self, name=_("Will your journal be kept on this computer?"))
        self.empty_hint = plain_label(_("There are no journals on this computer yet. Create one to keep your notes "
                                        "private: you choose a passphrase, print or write down a recovery code, "
                                        "then add your baby."), self, muted=True)

        open_row = QHBoxLayout()
        open_row.addWidget(self.passphrase, 1)
        open_row.addWidget(self.open_button)
        more_row = FlowLayout()  # wraps at 200 % instead of cutting "Forgot passphrase? Use recovery code…"
        more_row.addWidget(self.recover_button)
        more_row.addWidget(self.delete_button)

        content = QWidget(self)
        content.setMaximumWidth(1100)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(plain_label(_("My journal"), content, wrap=False, title=True))
        layout.addWidget(plain_label(_("Your journal keeps feeding plans, pumping, weights, notes and questions for "
                                       "the care team. It is locked with your own passphrase, so the next family "
                                       "using this computer cannot read it. It locks itself after a few quiet "
                                       "minutes. The library stays open to everyone."), content))
        layout.addWidget(self.survival)
        layout.addWidget(self.pending)
        layout.addWidget(self.lock_note)
        layout.addWidget(self.notice)
        layout.addWidget(self.leftover)
        self.choose_label = plain_label(_("Choose your journal"), content, bold=True)
        layout.addWidget(self.choose_label)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.journals)
        self.fit_journal_list()
        layout.addWidget(self.pin_box)
        self.passphrase_label = plain_label(_("Passphrase:"), content)
        layout.addWidget(self.passphrase_label)
        layout.addLayout(open_row)
        layout.addWidget(self.pin_setup_label)
        layout.addWidget(self.pin_setup)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addLayout(more_row)
        layout.addSpacing(12)
        create_row = FlowLayout()
        create_row.addWidget(self.create_button)
        create_row.addWidget(self.restore_button)
        layout.addLayout(create_row)
        layout.addWidget(plain_label(_("Hospital staff cannot open a journal or reset a passphrase. If you forget "
                                       "it, your printed recovery code is the only way back in."), content,
                                     muted=True))
        layout.addStretch(1)
        scroll_page(self, content)
        self.passphrase.submitted.connect(self.open_button.click)
        self.pin_setup.submitted.connect(self.open_button.click)
        self.pin.submitted.connect(self.pin_button.click)

    def set_empty(self, empty: bool) -> None:
        """No journal on this computer yet: "Create a journal" is the one obvious action (no passphrase field,
        Open, Forgot or Delete, which could only lead nowhere)."""
        for widget in (self.choose_label, self.journals, self.passphrase_label, self.passphrase, self.open_button,
                       self.recover_button, self.delete_button, self.pin_setup, self.pin_setup_label):
            widget.setVisible(not empty)
        self.empty_hint.setVisible(empty)
        self.create_button.setText(_("Create a journal…") if empty else _("Create a new journal…"))
        self.open_button.setDefault(not empty)
        self.create_button.setDefault(empty)

    def fit_journal_list(self) -> None:
        """As tall as the journals listed (3 to 8 rows), so the passphrase field stays in view at 200 %."""
        rows = min(max(self.journals.count(), 3), 8)
        row = max(self.journals.sizeHintForRow(0), self.journals.fontMetrics().height() + 4)
        self.journals.setFixedHeight(row * rows + 2 * self.journals.frameWidth() + 8)

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_journal_list()

    def selected_journal_id(self) -> str | None:
        item = self.journals.currentItem()
        return item.data(JOURNAL_ID_ROLE) if item else None

    def selected_label(self) -> str | None:
        item = self.journals.currentItem()
        return item.data(JOURNAL_ID_ROLE + 1) if item else None

    def set_busy(self, text: str) -> None:
        self.busy.setText(text)
        announce(self.busy, text)  # "Unlocking… this takes a second."
        for widget in (self.open_button, self.create_button, self.recover_button, self.delete_button,
                       self.journals, self.passphrase, self.restore_button, self.pin_setup, self.pin,
                       self.pin_button):
            widget.setEnabled(not text)


class StartController(QObject):
    """What the start page's buttons do. Owns the quick-unlock PIN (memory only) and the survival check; calls
    the coordinator (`host`) once a journal is opened, resumed or must be locked."""

    def __init__(self, host: JournalScreen, view: StartPage) -> None:
        super().__init__(host)
        self.host = host
        self.view = view
        self.quick: Any = None  # security.quick_unlock.QuickUnlock while a PIN is set (memory only)
        self._survival_checks = 0
        self._pin_timer = QTimer(self)
        self._pin_timer.setInterval(15_000)
        self._pin_timer.timeout.connect(self.update_pin_box)
        view.open_button.clicked.connect(self.open_selected)
        view.create_button.clicked.connect(self.create_journal)
        view.recover_button.clicked.connect(self.recover_selected)
        view.delete_button.clicked.connect(self.delete_selected)
        view.restore_button.clicked.connect(self.restore_backup)
        view.delete_leftover_button.clicked.connect(self.delete_leftover_files)
        view.journals.currentItemChanged.connect(lambda *_: view.message.setText(""))
        view.journals.currentItemChanged.connect(lambda *_: self.update_pin_box())
        view.pin_button.clicked.connect(self.open_with_pin)

    def select(self, journal_id: str | None) -> None:
        """Choose `journal_id` in the list (if it is there)."""
        for row in range(self.view.journals.count()):
            item = self.view.journals.item(row)
            if item.data(JOURNAL_ID_ROLE) == journal_id:
                self.view.journals.setCurrentItem(item)

    def say(self, text: str) -> None:
        """A message on the start page (red: something to act on; empty clears it)."""
        self.view.message.setText(text)

    # ----- the list -----
    def refresh_list(self) -> None:
        view = self.view
        previous = view.selected_journal_id()
        view.journals.blockSignals(True)  # a refresh is not the family choosing another journal
        view.journals.clear()
        infos = self.host.directory.list()
        for info in sorted(infos, key=lambda i: i.label.casefold()):
            if info.state is JournalState.DAMAGED:
                text = _("{label}  (damaged)").format(label=info.label)
            elif info.state is JournalState.NEWER_VERSION:
                text = _("{label}  (needs a newer version of the app)").format(label=info.label)
            else:
                text = info.label
            item = QListWidgetItem(text)
            item.setData(JOURNAL_ID_ROLE, info.journal_id)
            item.setData(JOURNAL_ID_ROLE + 1, info.label)
            view.journals.addItem(item)
            if info.journal_id == previous:
                view.journals.setCurrentItem(item)
        if view.journals.currentItem() is None and view.journals.count():
            view.journals.setCurrentRow(0)
        view.journals.blockSignals(False)
        view.set_empty(not infos)
        view.fit_journal_list()

    def check_survival(self, then: Callable[[str], None] | None = None) -> None:
        """Will journals survive this computer? The start page says so, calmly, with the remedy."""
        from nec_companion.survival import family_message
        from nec_companion.ui.survival_check import check_in_background

        self._survival_checks += 1
        check = self._survival_checks

        def done(risks: Any) -> None:
            if check != self._survival_checks:
                return  # a newer check is under way
            text = family_message(risks)
            self.view.survival.show_text(text)
            if then is not None and text:
                then(text)

        check_in_background(self.host, self.host.directory.folder, self.host.survival_probes, done)

    # ----- background work -----
    def run(self, busy: str, work: Callable[[], Any], done: Callable[[Any], object],
            on_error: Callable[[BaseException], None] | None = None) -> None:
        self.view.set_busy(busy)

        def finished(result: Any) -> None:
            self.view.set_busy("")
            done(result)

        def failed(error: BaseException) -> None:
            self.view.set_busy("")
            self.show_error(error)
            if on_error is not None:
                on_error(error)

        run_in_background(self.host, work, finished, failed)

    def show_error(self, error: BaseException) -> None:
        self.refresh_list()
        if isinstance(error, JournalError):
            self.say(error.user_text())
        else:
            self.say(_("Something went wrong. Nothing was changed. Please try again."))

    # ----- create -----
    def create_journal(self) -> None:
        directory = self.host.directory
        dialog = CreateJournalDialog(
            suggest_label=directory.suggest_label,
            suggest_passphrase=lambda: directory.suggest_passphrase(words=5),
            check_passphrase=lambda text, label: directory.check_passphrase(text, label=label),
            suggestion_bits=self._suggestion_bits(directory),
            parent=self.host,
        )
        if dialog.exec() != CreateJournalDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        self.run(_("Creating and locking your journal… this takes a few seconds."),
                 lambda: directory.create(passphrase=choice.passphrase, label=choice.label),
                 self.host.created)

    @staticmethod
    def _suggestion_bits(directory: Any) -> float | None:
        from nec_companion.security.passphrase_policy import suggestion_bits

        try:
            return suggestion_bits(lists=directory.passphrase_lists, words=5)
        except Exception:  # noqa: BLE001 - the sentence is a courtesy; the dialog works without it
            return None

    # ----- open with the passphrase -----
    def open_selected(self) -> None:
        view = self.view
        journal_id = view.selected_journal_id()
        if journal_id is None:
            self.say(_("Please choose a journal from the list first."))
            return
        passphrase = view.passphrase.text()
        if not passphrase:
            self.say(_("Please type the journal's passphrase."))
            return
        self.open_journal(journal_id, passphrase, pin=view.pin_setup.text())

    def open_journal(self, journal_id: str, passphrase: str, *, pin: str = "",
                     then: Callable[[], None] | None = None) -> None:
        """Open `journal_id` with `passphrase` on a worker thread (and set up the quick-unlock `pin`, if any)."""
        from nec_companion.security.quick_unlock import QuickUnlock, pin_problem

        view = self.view
        if pin and pin_problem(pin):
            # Translators: {problem} is a sentence saying what is wrong with the PIN typed.
            self.say(_("{problem} Or leave the PIN empty.").format(problem=pin_problem(pin)))
            view.pin_setup.clear()
            view.pin_setup.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        directory = self.host.directory
        held = self.host.held_for(journal_id)
        self.say("")
        clock = self.host.clock

        def work() -> tuple[OpenJournal, Any]:
            journal = directory.open(journal_id, passphrase)
            quick = QuickUnlock(journal_id=journal_id, data_key=journal.data_key_for_quick_unlock(), pin=pin,
                                clock=clock) if pin else None
            return journal, quick

        def done(result: tuple[OpenJournal, Any]) -> None:
            journal, quick = result
            view.passphrase.clear()
            view.pin_setup.clear()
            self.wipe_quick()
            self.quick = quick  # a fresh choice at each unlock with the passphrase (none: no PIN)
            if held is not None:
                # The passphrase is right; carry on with the copy in memory, which has the newest changes.
                journal.close(save=False)
                self.host.resume(held)
            else:
                self.host.opened(journal)
            if then is not None:
                then()

        self.run(_("Unlocking… this takes a second."), work, done,
                 on_error=lambda e: self._open_failed(journal_id, e))

    def _open_failed(self, journal_id: str, error: BaseException) -> None:
        """A wrong passphrase: the field is emptied and hidden again, the cursor is back in it, and any wait
        before the next try is said."""
        from nec_companion.core.errors import TryLater, WrongPassphrase

        self.view.passphrase.clear()  # also turns Show off
        self.view.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(error, WrongPassphrase) and not isinstance(error, TryLater):
            try:
                wait = self.host.directory.wait_seconds(journal_id)
            except Exception:  # noqa: BLE001 - the wait is a courtesy; the next try says it anyway
                wait = 0.0
            if wait > 0:
                self.say(f"{self.view.message.text()} {wait_sentence(wait)}")

    # ----- quick unlock with a PIN (security/quick_unlock.py; docs/SECURITY.md) -----
    def wipe_quick(self) -> None:
        if self.quick is not None:
            self.quick.wipe()
        self.quick = None
        self.update_pin_box()

    def start_pin_window(self, journal_id: str) -> bool:
        """After an automatic lock: the PIN works for 30 minutes (True), if one was set for this journal."""
        if self.quick is not None and self.quick.journal_id == journal_id:
            self.quick.start_window()
            return True
        self.wipe_quick()
        return False

    def update_pin_box(self) -> None:
        quick = self.quick
        usable = (quick is not None and self.host.session is None and quick.available
                  and quick.journal_id == self.view.selected_journal_id())
        if quick is not None and quick.wiped:
            self.quick = None
        if usable:
            minutes, tries = quick.minutes_left(), quick.tries_left
            minutes_left = ngettext("{n} minute left", "{n} minutes left", minutes).format(n=minutes)
            tries_left = ngettext("{n} try left", "{n} tries left", tries).format(n=tries)
            # Translators: {minutes_left} is e.g. "12 minutes left", {tries_left} e.g. "3 tries left".
            self.view.pin_label.setText(_("Type your 6-digit PIN to open it again ({minutes_left}, {tries_left}). "
                                          "Or use your passphrase below.").format(minutes_left=minutes_left,
                                                                                  tries_left=tries_left))
            self._pin_timer.start()
        else:
            self._pin_timer.stop()
        self.view.pin_box.setVisible(bool(usable))

    def open_with_pin(self) -> None:
        from nec_companion.security.quick_unlock import QuickUnlockEnded, WrongPin

        view = self.view
        quick = self.quick
        journal_id = view.selected_journal_id()
        pin = view.pin.text()
        view.pin.clear()
        if quick is None or journal_id != quick.journal_id:
            self.update_pin_box()
            return
        try:
            data_key = quick.unlock(pin)
        except WrongPin as wrong:
            if wrong.tries_left:
                self.say(ngettext("That PIN is not right. {n} more try left, then your passphrase is needed.",
                                  "That PIN is not right. {n} more tries left, then your passphrase is needed.",
                                  wrong.tries_left).format(n=wrong.tries_left))
                view.pin.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.say(_("That PIN is not right. To keep the journal safe, the PIN no longer works: please type "
                           "your passphrase."))
                view.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
            self.update_pin_box()
            return
        except QuickUnlockEnded:
            self.say(_("The PIN can no longer be used. Please type your passphrase."))
            self.update_pin_box()
            return
        quick.close_window()
        self.say("")
        held = self.host.held_for(journal_id)
        if held is not None:
            self.host.resume(held)
            return
        directory = self.host.directory

        def failed(_error: BaseException) -> None:
            self.wipe_quick()
            self.say(_("The PIN could not open the journal this time. Please type your passphrase."))

        self.run(_("Unlocking…"), lambda: directory.open_with_data_key(journal_id, data_key), self.host.opened,
                 on_error=failed)

    # ----- recovery code -----
    def recover_selected(self) -> None:
        journal_id = self.view.selected_journal_id()
        if journal_id is None:
            self.say(_("Please choose your journal in the list first."))
            return
        directory = self.host.directory

        def code_problems(text: str) -> tuple[int, ...]:
            try:
                parse_recovery_code(text)
            except RecoveryCodeInvalid as error:
                return error.groups or (0,)
            return ()

        dialog = RecoverWithCodeDialog(check_code=code_problems, check_passphrase=directory.check_passphrase,
                                       parent=self.host)
        if dialog.exec() != RecoverWithCodeDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        # Nothing about the keys changes until the new card has been shown and typed back (audit F2).
        self.run(_("Opening with your recovery code…"),
                 lambda: directory.prepare_recovery(journal_id, choice.code, new_passphrase=choice.new_passphrase),
                 self.host.opened_with_recovery_code)

    # ----- delete -----
    def delete_selected(self) -> None:
        journal_id = self.view.selected_journal_id()
        label = self.view.selected_label()
        if journal_id is None or label is None:
            self.say(_("Please choose the journal to delete in the list first."))
            return
        self.confirm_and_delete(journal_id, label)

    def confirm_and_delete(self, journal_id: str, label: str) -> None:
        prompts = self.host.prompts
        if not prompts.typed_confirmation(
                _("Delete journal"),
                _("This deletes the journal \u201c{label}\u201d and all its backups from this computer. It cannot be "
                  "undone. To confirm, type the journal's label: {label}").format(label=label), expected=label):
            return
        passphrase = prompts.ask_secret(_("Delete journal"), _("Type this journal's passphrase to delete it:"))
        if not passphrase:
            return
        directory = self.host.directory
        self.run(_("Deleting…"), lambda: directory.delete(journal_id, passphrase=passphrase),
                 lambda _count: self._deleted())

    def _deleted(self) -> None:
        self.refresh_list()
        self.say("")

    # ----- files saved unprotected -----
    def offer_to_delete_files(self, *, ask: bool) -> None:
        """Unprotected files saved this session: ask now when the family locked on purpose; otherwise (idle
        lock) leave a banner on the start screen, because nobody may be there to answer."""
        written = self.host.written
        existing = written.existing()
        if not existing:
            written.forget()
            self.view.leftover.show_text("")
            return
        count = len(existing)
        if ask and self.host.prompts.confirm(
                _("Delete the files you saved?"),
                # Translators: {files} is e.g. "3 files not protected".
                _("You saved {files} from your journal today (a summary or spreadsheet files). Delete them from "
                  "this computer now? If you saved them on your own USB stick and want to keep them, choose "
                  "Keep.").format(files=files_not_protected(count)),
                yes=_("Delete them"), no=_("Keep")):
            self.delete_leftover_files()
            return
        self.view.leftover.show_text(ngettext(
            "{n} file not protected saved from a journal today is still on this computer or USB stick.",
            "{n} files not protected saved from a journal today are still on this computer or USB stick.",
            count).format(n=count))

    def delete_leftover_files(self) -> None:
        _deleted, failed = self.host.written.delete_all()
        self.view.leftover.show_text("" if not failed else _("Some files could not be deleted; the USB stick may "
                                                              "have been removed."))

    # ----- encrypted backups -----
    def restore_backup(self) -> None:
        from nec_companion.storage.backup import inspect_backup, restore_backup
        from nec_companion.ui.places import start_folder

        host, view = self.host, self.view
        prompts = host.prompts
        view.notice.show_text("")
        path = prompts.open_file(_("Choose your encrypted backup (.njx)"), start_folder(),
                                 _("NEC Companion backups (*.njx)"))
        if path is None:
            return
        directory = host.directory
        try:
            info = inspect_backup(path, directory=directory)
        except JournalError as error:
            self.say(error.user_text())
            return
        nothing_changed = _("Nothing was restored. Your journals on this computer are as they were.")
        passphrase = prompts.ask_secret(_("Restore a backup"), _("Type the passphrase of the journal "
                                                                 "\u201c{label}\u201d in this backup:").format(
                                                                     label=info.label))
        if not passphrase:
            view.notice.show_text(nothing_changed)
            return
        replace = keep_both = False
        if info.already_here:
            if prompts.confirm(_("This journal is already here"),
                               _("The journal \u201c{label}\u201d is already on this computer. Replace it with the "
                                 "backup? The copy here is kept aside as a backup, never deleted.").format(
                                     label=info.label),
                               yes=_("Replace the copy here"), no=_("Don't replace it")):
                replace = True
            elif prompts.confirm(_("Keep both?"), _("Keep both, as two separate journals? The restored one gets a "
                                                    "new recovery code, shown next."),
                                 yes=_("Keep both journals"), no=_("Cancel the restore")):
                keep_both = True
            else:
                view.notice.show_text(nothing_changed)
                return
        session = host.session
        if session is not None and session.journal.journal_id == info.journal_id:
            host.lock("restore")

        def work() -> Any:
            return restore_backup(directory, path, passphrase=passphrase, replace=replace, keep_both=keep_both)

        def done(report: Any) -> None:
            self.refresh_list()
            self.say("")
            if report.new_recovery_code is not None and not host.show_recovery_code(report.new_recovery_code,
                                                                                     report.label):
                # The card closed unanswered (nobody there, it closed itself): never open a journal then.
                view.notice.show_text(_("The journal \u201c{label}\u201d was restored. Open it with its "
                                        "passphrase.").format(label=report.label))
                return
            self._open_restored(report, passphrase)

        self.run(_("Checking and restoring the backup…"), work, done)

    def _open_restored(self, report: Any, passphrase: str) -> None:
        """The passphrase just typed opens the restored journal (finding 24: no second typing). Another journal
        is open already: leave it open and say plainly which one was restored."""
        journal_id = getattr(report, "journal_id", None)
        label = report.label
        if self.host.session is not None or journal_id is None:
            self.view.notice.show_text(_("The journal \u201c{label}\u201d was restored. Another journal is open "
                                         "now: lock it, then open \u201c{label}\u201d with its passphrase.").format(
                                             label=label))
            return
        self.select(journal_id)

        def opened() -> None:
            self.host.tell(_("The journal \u201c{label}\u201d was restored from the backup and is open.").format(
                label=label))

        self.open_journal(journal_id, passphrase, then=opened)
