"""The "My journal" tab: the start screen while locked, the family's journal while open.

Nothing on the start screen identifies a family: only the labels families chose (with a hint not to use names).
Key derivation takes about a second, so create/open/recover/change run on a worker thread with a busy note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.babies import Baby, lb_oz_from_grams, validate_baby
from nec_companion.core.clock import Clock
from nec_companion.core.errors import (
    BabyRejected,
    JournalError,
    RecoveryCodeInvalid,
)
from nec_companion.core.questions import SuggestedQuestion
from nec_companion.export.rounds import ChangeLine, baby_header, changes_since
from nec_companion.export.written_files import WrittenFiles
from nec_companion.journal import JournalEntries
from nec_companion.security.autolock import IdleLockPolicy
from nec_companion.security.recovery_code import parse_recovery_code
from nec_companion.storage import JournalDirectory, JournalState, OpenJournal
from nec_companion.storage.question_book import QuestionBook, QuestionChangeKind
from nec_companion.ui.entries.sections import build_entry_sections
from nec_companion.ui.journal.dialogs import (
    BabyDialog,
    ChangePassphraseDialog,
    CreateJournalDialog,
    RecoverWithCodeDialog,
    RecoveryCodeDialog,
)
from nec_companion.ui.journal.export_screen import ExportScreen, make_summary_actions
from nec_companion.ui.journal.navigation import SectionNavigation
from nec_companion.ui.journal.session import JournalSession, SaveState
from nec_companion.ui.lock_sweep import close_windows_for_lock
from nec_companion.ui.printing import PrintService
from nec_companion.ui.prompts import Prompts
from nec_companion.ui.questions.questions_screen import QuestionsScreen
from nec_companion.ui.questions.rounds_screen import RoundsScreen
from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label
from nec_companion.ui.widgets.passphrase_edit import PassphraseEdit
from nec_companion.ui.widgets.scroll_page import scroll_page
from nec_companion.ui.workers import cancel_owned_by, run_in_background

JOURNAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: How long a lock waits for exports to stop (a PDF stops within a page; a backup finishes its write).
LOCK_WAIT_SECONDS = 10.0

#: The hint after a new journal's recovery code; cleared once the first baby is added.
NEXT_ADD_BABY = "Your journal is ready. Next, add your baby with \u201cAdd a baby\u201d below."


def system_time_zone() -> str:
    """The computer's IANA time zone name (the family's "today" follows it); UTC when it cannot be told."""
    from PySide6.QtCore import QTimeZone

    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(name)
    except Exception:  # noqa: BLE001 (zoneinfo raises several kinds for a bad id; any means "use UTC")
        return "UTC"
    return name


def plural_words(count: int, word: str) -> str:
    """ "1 minute", "2 minutes", "1 more try", "2 more tries"."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1] + 'ies' if word.endswith('ry') else word + 's'}"


def _files_not_protected(count: int) -> str:
    """ "1 file not protected", "8 files not protected"."""
    return f"{count} {'file' if count == 1 else 'files'} not protected"


def wait_sentence(seconds: float) -> str:
    """ "You can try again in 30 seconds." (whole seconds, then minutes; "1 second", "1 minute")."""
    whole = max(1, int(seconds + 0.999))
    if whole < 90:
        amount = "1 second" if whole == 1 else f"{whole} seconds"
    else:
        minutes = (whole + 59) // 60
        amount = "1 minute" if minutes == 1 else f"{minutes} minutes"
    return f"To keep the journal safe, you can try again in {amount}."


def _title(text: str, parent: QWidget) -> QLabel:
    label = plain_label(text, parent, wrap=False)  # "Journal: <label>": a family's own words, never markup
    label.setObjectName("screenTitle")
    return label


def _text(text: str, parent: QWidget, *, muted: bool = False, bold: bool = False) -> QLabel:
    return plain_label(text, parent, muted=muted, bold=bold)


class Banner(QFrame):
    """A calm, visible message with optional action button (save problems, countdown, restored backup)."""

    def __init__(self, parent: QWidget, *, name: str) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = plain_label("", self)
        self.label.setAccessibleDescription(name)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_text(self, text: str, *, speak: bool = True) -> None:
        """Show `text` (hide when empty); a new message is announced to screen readers unless `speak` is False."""
        changed = text != self.label.text()
        self.label.setText(text)
        self.setVisible(bool(text))
        if text and changed and speak:
            announce(self.label, text)


class StartPage(QWidget):
    """Locked state: list of journals by label, passphrase, open / create / recover / delete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journals = QListWidget(self)
        self.journals.setAccessibleName("Journals on this computer")
        self.passphrase = PassphraseEdit("Passphrase", self)
        self.open_button = QPushButton("Open journal", self)
        self.open_button.setDefault(True)
        # Quick unlock (security/quick_unlock.py): a PIN chosen now, usable only after the journal locks itself.
        self.pin_setup = PassphraseEdit("Quick unlock PIN, optional, 6 digits", self)
        self.pin_setup.edit.setMaxLength(6)
        self.pin_setup_label = _text("Quick unlock PIN (optional, 6 digits): if the journal locks itself, you can "
                                     "reopen it within 30 minutes with this PIN instead of the passphrase.", self,
                                     muted=True)
        self.pin_box = QFrame(self)
        self.pin_box.setObjectName("banner")
        self.pin_label = plain_label("", self.pin_box)
        self.pin_label.setAccessibleName("Quick unlock")
        self.pin = PassphraseEdit("PIN", self.pin_box)
        self.pin.edit.setMaxLength(6)
        self.pin_button = QPushButton("Open with PIN", self.pin_box)
        pin_layout = QVBoxLayout(self.pin_box)
        pin_layout.addWidget(self.pin_label)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.pin_button)
        pin_layout.addLayout(pin_row)
        self.pin_box.hide()
        self.recover_button = QPushButton("Forgot passphrase? Use recovery code…", self)
        self.create_button = QPushButton("Create a new journal…", self)
        self.restore_button = QPushButton("Restore a backup…", self)
        self.restore_button.setAccessibleDescription("Restore a journal from an encrypted backup")
        self.leftover = Banner(self, name="Unprotected files")
        self.delete_leftover_button = QPushButton("Delete them now", self.leftover)
        leftover_layout = self.leftover.layout()
        assert leftover_layout is not None  # a Banner has its layout
        leftover_layout.addWidget(self.delete_leftover_button)
        self.delete_button = QPushButton("Delete a journal…", self)
        self.message = _text("", self)
        self.message.setAccessibleDescription("Message")
        self.message.setStyleSheet("color: #8a1c1c;")
        self.busy = _text("", self, muted=True)
        self.busy.setAccessibleDescription("Progress")
        self.pending = Banner(self, name="Unsaved changes")
        self.lock_note = Banner(self, name="Your journal locked itself")  # after an automatic lock only
        self.notice = Banner(self, name="Notice")  # calm news (a backup restored), never in red
        # Shown when this computer may erase journals (survival.py): what happens and what to do.
        self.survival = Banner(self, name="Will your journal be kept on this computer?")
        self.empty_hint = _text("There are no journals on this computer yet. Create one to keep your notes "
                                "private: you choose a passphrase, print or write down a recovery code, then add "
                                "your baby.", self, muted=True)

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
        layout.addWidget(_title("My journal", content))
        layout.addWidget(_text("Your journal keeps feeding plans, pumping, weights, notes and questions for the care "
                               "team. It is locked with your own passphrase, so the next family using this computer "
                               "cannot read it. It locks itself after a few quiet minutes. The library stays open to "
                               "everyone.", content))
        layout.addWidget(self.survival)
        layout.addWidget(self.pending)
        layout.addWidget(self.lock_note)
        layout.addWidget(self.notice)
        layout.addWidget(self.leftover)
        self.choose_label = _text("Choose your journal", content, bold=True)
        layout.addWidget(self.choose_label)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.journals)
        self.fit_journal_list()
        layout.addWidget(self.pin_box)
        self.passphrase_label = _text("Passphrase:", content)
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
        layout.addWidget(_text("Hospital staff cannot open a journal or reset a passphrase. If you forget it, your "
                               "printed recovery code is the only way back in.", content, muted=True))
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
        self.create_button.setText("Create a journal…" if empty else "Create a new journal…")
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

    def set_busy(self, text: str) -> None:
        self.busy.setText(text)
        announce(self.busy, text)  # "Unlocking… this takes a second."
        for widget in (self.open_button, self.create_button, self.recover_button, self.delete_button,
                       self.journals, self.passphrase, self.restore_button, self.pin_setup, self.pin,
                       self.pin_button):
            widget.setEnabled(not text)


def describe_baby(baby: Baby, today: dt.date) -> tuple[str, str]:
    """Two plain lines about a baby: birth facts, and today's ages (worked out by the core)."""
    born = f"{baby.birth_date.day} {baby.birth_date:%b %Y}"
    if baby.birth_time:
        born += f" at {baby.birth_time.strftime('%H:%M')}"
    ga = baby.gestational_age
    birth = f"Born {born}, at {ga.weeks}+{ga.days} weeks of pregnancy"
    if baby.birth_weight_g:
        pounds, ounces = lb_oz_from_grams(baby.birth_weight_g, ounce_decimals=0)
        birth += f", weighing {baby.birth_weight_g:,} g ({pounds} lb {int(ounces)} oz)"
    ages = baby.ages(max(today, baby.birth_date))
    pma = ages.postmenstrual
    now = f"Today: day {ages.day_of_life} of life · postmenstrual age {pma.weeks}+{pma.days} weeks"
    if ages.is_preterm:
        corrected = ages.corrected
        now += (f" · {ages.days_until_due_date} days before the due date" if corrected is None
                else f" · corrected age {corrected.describe()}")
    return birth + ".", now + "."


class BabyCard(QFrame):
    """One baby: nickname, birth facts, today's ages, and Edit / Remove."""

    def __init__(self, baby: Baby, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.baby = baby
        self.setObjectName("card")
        name = plain_label(baby.nickname, self, bold=True)
        birth, now = describe_baby(baby, today)
        self.birth_label = _text(birth, self)
        self.ages_label = _text(now, self)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setAccessibleName(f"Edit {baby.nickname}")
        self.remove_button = QPushButton("Remove…", self)
        self.remove_button.setAccessibleName(f"Remove {baby.nickname}")
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(name)
        layout.addWidget(self.birth_label)
        layout.addWidget(self.ages_label)
        layout.addLayout(buttons)
        self.setAccessibleName(f"{baby.nickname}. {birth} {now}")


class JournalPage(QWidget):
    """Unlocked state: the babies in this journal and the journal's own settings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _title("", self)
        self.heading.setAccessibleDescription("Journal")
        self.save_status = _text("", self, muted=True)
        self.save_status.setAccessibleDescription("Save status")
        self.countdown = Banner(self, name="Auto-lock countdown")
        self.problem = Banner(self, name="Saving problem")
        self.notice = Banner(self, name="Notice")
        # Text that was being typed when the journal locked (kept encrypted in the journal): open it or let go.
        self.drafts = Banner(self, name="Kept from before the lock")
        self.reopen_draft_button = QPushButton("Open it again", self.drafts)
        self.discard_draft_button = QPushButton("Discard it", self.drafts)
        drafts_layout = self.drafts.layout()
        assert drafts_layout is not None  # a Banner has its layout
        drafts_layout.addWidget(self.reopen_draft_button)
        drafts_layout.addWidget(self.discard_draft_button)
        self.cards: list[BabyCard] = []
        self.cards_box = QVBoxLayout()
        self.no_babies = _text("No baby added yet. Add your baby (or each of your babies, for twins and triplets) "
                               "to see their ages worked out each day.", self, muted=True)
        self.add_button = QPushButton("Add a baby…", self)
        self.change_passphrase_button = QPushButton("Change passphrase…", self)
        self.delete_journal_button = QPushButton("Delete this journal…", self)
        journal_buttons = QHBoxLayout()
        journal_buttons.addWidget(self.change_passphrase_button)
        journal_buttons.addWidget(self.delete_journal_button)
        journal_buttons.addStretch(1)
        # Header and banners stay above the tabs, so a countdown or a saving problem is seen on every tab.
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(24, 14, 24, 0)
        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.save_status)
        top_layout.addLayout(header)
        top_layout.addWidget(self.countdown)
        top_layout.addWidget(self.problem)
        top_layout.addWidget(self.notice)
        top_layout.addWidget(self.drafts)

        content = QWidget(self)
        content.setMaximumWidth(1000)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 12, 0, 12)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout.addWidget(self.no_babies)
        layout.addLayout(self.cards_box)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(_text("Day of life counts the day of birth as day 1. Postmenstrual age is the weeks of "
                               "pregnancy at birth plus the time since. Corrected age counts from the due date.",
                               self, muted=True))
        layout.addSpacing(12)
        layout.addWidget(_text("This journal", self, bold=True))
        layout.addLayout(journal_buttons)
        layout.addStretch(1)

        # A grouped side list, not a row of tabs: eleven sections fit it at 200 % text (ui/journal/navigation.py).
        self.tabs = SectionNavigation(self)
        self.tabs.setAccessibleName("Journal sections")
        self.babies_tab = scroll
        self.tabs.addTab(scroll, "Babies")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(top)
        tabs_box = QHBoxLayout()
        tabs_box.setContentsMargins(24, 0, 24, 12)
        tabs_box.addWidget(self.tabs)
        outer.addLayout(tabs_box, 1)

    def set_sections(self, sections: list[tuple[str, QWidget]]) -> None:
        """Replace every tab but Babies with these (built for the open journal, dropped when it locks)."""
        blocked = self.tabs.blockSignals(True)  # rebuilding is not the family choosing a section
        while self.tabs.count() > 1:
            widget = self.tabs.widget(0 if self.tabs.widget(0) is not self.babies_tab else 1)
            if widget is None:
                break
            self.tabs.removeTab(self.tabs.indexOf(widget))
            widget.deleteLater()
        for index, (label, widget) in enumerate(sections):
            self.tabs.insertTab(index, widget, label)
        self.tabs.setCurrentIndex(0)
        self.tabs.blockSignals(blocked)

    def show_section(self, name: str) -> bool:
        """Show the journal section called `name` ("Today", "Questions", "Babies"...); False when there is none."""
        return self.tabs.show_section(name)

    def show_babies(self, babies: tuple[Baby, ...] | list[Baby], today: dt.date,
                    on_edit: Callable[[Baby], None], on_remove: Callable[[Baby], None]) -> None:
        for card in self.cards:
            self.cards_box.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for baby in babies:
            card = BabyCard(baby, today, self)
            card.edit_button.clicked.connect(lambda _c=False, b=baby: on_edit(b))
            card.remove_button.clicked.connect(lambda _c=False, b=baby: on_remove(b))
            self.cards_box.addWidget(card)
            self.cards.append(card)
        self.no_babies.setVisible(not self.cards)


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
                 prompts: Prompts, printing: PrintService | None,
                 idle_minutes: Callable[[], int], suggestions: Callable[[], list[SuggestedQuestion]] = list,
                 open_article: Callable[[str], None] = lambda _slug: None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_article = open_article
        self._suggestions = suggestions
        self.questions_screen: QuestionsScreen | None = None
        self.entries: JournalEntries | None = None
        self.rounds_screen: RoundsScreen | None = None
        self._pending_suggestion: SuggestedQuestion | None = None
        self.written = WrittenFiles()
        self.export_screen: ExportScreen | None = None
        self.today_screen: QWidget | None = None
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
        self.quick: Any = None  # security.quick_unlock.QuickUnlock while a PIN is set (memory only)
        self._pin_timer = QTimer(self)
        self._pin_timer.setInterval(15_000)
        self._pin_timer.timeout.connect(self._update_pin_box)

        self.start = StartPage(self)
        self.page = JournalPage(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.start.open_button.clicked.connect(self.open_selected)
        self.start.create_button.clicked.connect(self.create_journal)
        self.start.recover_button.clicked.connect(self.recover_selected)
        self.start.delete_button.clicked.connect(self.delete_selected)
        self.start.restore_button.clicked.connect(self.restore_backup)
        self.start.delete_leftover_button.clicked.connect(self.delete_leftover_files)
        self.start.journals.currentItemChanged.connect(lambda *_: self.start.message.setText(""))
        self.start.journals.currentItemChanged.connect(lambda *_: self._update_pin_box())
        self.start.pin_button.clicked.connect(self.open_with_pin)
        self.page.add_button.clicked.connect(self.add_baby)
        self.page.change_passphrase_button.clicked.connect(self.change_passphrase)
        self.page.delete_journal_button.clicked.connect(self.delete_open_journal)
        self.page.reopen_draft_button.clicked.connect(self.reopen_draft)
        self.page.discard_draft_button.clicked.connect(self.discard_draft)
        # Connected once, here: connecting at each unlock made one tab switch refresh a section once per unlock.
        self.page.tabs.currentChanged.connect(self._on_section)

    # ----- directory -----
    @property
    def directory(self) -> JournalDirectory:
        if self._directory is None:
            self._directory = self._directory_factory()
        return self._directory

    def refresh_list(self) -> None:
        previous = self.start.selected_journal_id()
        self.start.journals.blockSignals(True)  # a refresh is not the family choosing another journal
        self.start.journals.clear()
        infos = self.directory.list()
        for info in sorted(infos, key=lambda i: i.label.casefold()):
            text = info.label
            if info.state is JournalState.DAMAGED:
                text += "  (damaged)"
            elif info.state is JournalState.NEWER_VERSION:
                text += "  (needs a newer version of the app)"
            item = QListWidgetItem(text)
            item.setData(JOURNAL_ID_ROLE, info.journal_id)
            self.start.journals.addItem(item)
            if info.journal_id == previous:
                self.start.journals.setCurrentItem(item)
        if self.start.journals.currentItem() is None and self.start.journals.count():
            self.start.journals.setCurrentRow(0)
        self.start.journals.blockSignals(False)
        self.start.set_empty(not infos)
        self.start.fit_journal_list()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.session is None:
            self.refresh_list()
        if not self._survival_checked:
            self._survival_checked = True
            self.check_survival()

    def check_survival(self, then: Callable[[str], None] | None = None) -> None:
        """Will journals survive this computer? The start page says so, calmly, with the remedy."""
        from nec_companion.survival import family_message
        from nec_companion.ui.survival_check import check_in_background

        self._survival_checks = getattr(self, "_survival_checks", 0) + 1
        check = self._survival_checks

        def done(risks: Any) -> None:
            if check != self._survival_checks:
                return  # a newer check is under way
            text = family_message(risks)
            self.start.survival.show_text(text)
            if then is not None and text:
                then(text)

        check_in_background(self, self.directory.folder, self.survival_probes, done)

    # ----- background work -----
    def _run(self, busy: str, work: Callable[[], Any], done: Callable[[Any], object],
             on_error: Callable[[BaseException], None] | None = None) -> None:
        self.start.set_busy(busy)

        def finished(result: Any) -> None:
            self.start.set_busy("")
            done(result)

        def failed(error: BaseException) -> None:
            self.start.set_busy("")
            self._show_error(error)
            if on_error is not None:
                on_error(error)

        run_in_background(self, work, finished, failed)

    def _show_error(self, error: BaseException) -> None:
        self.refresh_list()
        if isinstance(error, JournalError):
            self.start.message.setText(error.user_text())
        else:
            self.start.message.setText("Something went wrong. Nothing was changed. Please try again.")

    # ----- start page actions -----
    def create_journal(self) -> None:
        directory = self.directory
        dialog = CreateJournalDialog(
            suggest_label=directory.suggest_label,
            suggest_passphrase=lambda: directory.suggest_passphrase(words=5),
            check_passphrase=lambda text, label: directory.check_passphrase(text, label=label),
            suggestion_bits=self._suggestion_bits(directory),
            parent=self,
        )
        if dialog.exec() != CreateJournalDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        self._run("Creating and locking your journal… this takes a few seconds.",
                  lambda: directory.create(passphrase=choice.passphrase, label=choice.label),
                  self._created)

    def _created(self, made: Any) -> None:
        self._opened(made.journal, new_code=made.recovery_code)
        self._next_add_baby()
        self.check_survival(then=self.page.notice.show_text)

    @staticmethod
    def _suggestion_bits(directory: Any) -> float | None:
        from nec_companion.security.passphrase_policy import suggestion_bits

        try:
            return suggestion_bits(lists=directory.passphrase_lists, words=5)
        except Exception:  # noqa: BLE001 - the sentence is a courtesy; the dialog works without it
            return None

    def open_selected(self) -> None:
        journal_id = self.start.selected_journal_id()
        if journal_id is None:
            self.start.message.setText("Please choose a journal from the list first.")
            return
        passphrase = self.start.passphrase.text()
        if not passphrase:
            self.start.message.setText("Please type the journal's passphrase.")
            return
        from nec_companion.security.quick_unlock import QuickUnlock, pin_problem

        pin = self.start.pin_setup.text()
        if pin and pin_problem(pin):
            self.start.message.setText(f"{pin_problem(pin)} Or leave the PIN empty.")
            self.start.pin_setup.clear()
            self.start.pin_setup.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        directory = self.directory
        held = self._held if self._held is not None and self._held.journal.journal_id == journal_id else None
        self.start.message.setText("")
        clock = self.clock

        def work() -> tuple[OpenJournal, Any]:
            journal = directory.open(journal_id, passphrase)
            quick = QuickUnlock(journal_id=journal_id, data_key=journal.data_key_for_quick_unlock(), pin=pin,
                                clock=clock) if pin else None
            return journal, quick

        def done(result: tuple[OpenJournal, Any]) -> None:
            journal, quick = result
            self.start.passphrase.clear()
            self.start.pin_setup.clear()
            self._wipe_quick()
            self.quick = quick  # a fresh choice at each unlock with the passphrase (none: no PIN)
            if held is not None:
                # The passphrase is right; carry on with the copy in memory, which has the newest changes.
                journal.close(save=False)
                self._held = None
                self._resume(held)
            else:
                self._opened(journal)

        self._run("Unlocking… this takes a second.", work, done, on_error=lambda e: self._open_failed(journal_id, e))

    # ----- quick unlock with a PIN (security/quick_unlock.py; docs/SECURITY.md) -----
    def _wipe_quick(self) -> None:
        if self.quick is not None:
            self.quick.wipe()
        self.quick = None
        self._update_pin_box()

    def _update_pin_box(self) -> None:
        quick = self.quick
        usable = (quick is not None and self.session is None and quick.available
                  and quick.journal_id == self.start.selected_journal_id())
        if quick is not None and quick.wiped:
            self.quick = None
        if usable:
            minutes = quick.minutes_left()
            self.start.pin_label.setText(
                f"Type your 6-digit PIN to open it again ({plural_words(minutes, 'minute')} left, "
                f"{plural_words(quick.tries_left, 'try')} left). Or use your passphrase below.")
            self._pin_timer.start()
        else:
            self._pin_timer.stop()
        self.start.pin_box.setVisible(bool(usable))

    def open_with_pin(self) -> None:
        from nec_companion.security.quick_unlock import QuickUnlockEnded, WrongPin

        quick = self.quick
        journal_id = self.start.selected_journal_id()
        pin = self.start.pin.text()
        self.start.pin.clear()
        if quick is None or journal_id != quick.journal_id:
            self._update_pin_box()
            return
        try:
            data_key = quick.unlock(pin)
        except WrongPin as wrong:
            if wrong.tries_left:
                self.start.message.setText(f"That PIN is not right. {plural_words(wrong.tries_left, 'more try')} "
                                           "left, then your passphrase is needed.")
                self.start.pin.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.start.message.setText("That PIN is not right. To keep the journal safe, the PIN no longer "
                                           "works: please type your passphrase.")
                self.start.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
            self._update_pin_box()
            return
        except QuickUnlockEnded:
            self.start.message.setText("The PIN can no longer be used. Please type your passphrase.")
            self._update_pin_box()
            return
        quick.close_window()
        self.start.message.setText("")
        held = self._held if self._held is not None and self._held.journal.journal_id == journal_id else None
        if held is not None:
            self._held = None
            self._resume(held)
            return
        directory = self.directory

        def failed(_error: BaseException) -> None:
            self._wipe_quick()
            self.start.message.setText("The PIN could not open the journal this time. Please type your "
                                       "passphrase.")

        self._run("Unlocking…", lambda: directory.open_with_data_key(journal_id, data_key), self._opened,
                  on_error=failed)

    def _open_failed(self, journal_id: str, error: BaseException) -> None:
        """A wrong passphrase: the field is emptied and hidden again, the cursor is back in it, and any wait
        before the next try is said."""
        from nec_companion.core.errors import TryLater, WrongPassphrase

        self.start.passphrase.clear()  # also turns Show off
        self.start.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(error, WrongPassphrase) and not isinstance(error, TryLater):
            try:
                wait = self.directory.wait_seconds(journal_id)
            except Exception:  # noqa: BLE001 - the wait is a courtesy; the next try says it anyway
                wait = 0.0
            if wait > 0:
                self.start.message.setText(f"{self.start.message.text()} {wait_sentence(wait)}")

    def recover_selected(self) -> None:
        journal_id = self.start.selected_journal_id()
        if journal_id is None:
            self.start.message.setText("Please choose your journal in the list first.")
            return
        directory = self.directory

        def code_problems(text: str) -> tuple[int, ...]:
            try:
                parse_recovery_code(text)
            except RecoveryCodeInvalid as error:
                return error.groups or (0,)
            return ()

        dialog = RecoverWithCodeDialog(check_code=code_problems, check_passphrase=directory.check_passphrase,
                                       parent=self)
        if dialog.exec() != RecoverWithCodeDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        # Nothing about the keys changes until the new card has been shown and typed back (audit F2).
        self._run("Opening with your recovery code…",
                  lambda: directory.prepare_recovery(journal_id, choice.code, new_passphrase=choice.new_passphrase),
                  self._opened_with_recovery_code)

    def _opened_with_recovery_code(self, prepared: Any) -> None:
        self._wipe_quick()  # the keys are about to change: a PIN set earlier must not outlive them
        journal, pending = prepared
        self._opened(journal)
        self._commit_new_code(journal, pending, what="recovery")

    def _commit_new_code(self, journal: OpenJournal, pending: Any, *, what: str) -> None:
        """Show the prepared code; only when it was typed back, commit the key change (off the GUI thread)."""
        not_changed = ("Your passphrase and recovery card were not changed: the ones you had still open this "
                       "journal." if what == "passphrase" else
                       "Your passphrase was not changed: your recovery card still opens this journal. "
                       "You can use it again to choose a new passphrase.")
        if not self._show_recovery_code(pending.recovery_code, journal.label) or journal.is_closed:
            self._tell(not_changed)
            return
        done_text = ("Your new passphrase and the new recovery card now open this journal. The old ones no "
                     "longer do.")

        def failed(error: BaseException) -> None:
            text = error.user_text() if isinstance(error, JournalError) else "Something went wrong."
            self._tell(f"{text} {not_changed}")

        # Owned by this screen (not the journal page), so a lock does not cancel a commit already under way.
        run_in_background(self, lambda: journal.commit_rekey(pending), lambda _r: self._tell(done_text), failed)

    def _tell(self, text: str) -> None:
        if self.session is not None and not self.session.journal.is_closed:
            self.page.notice.show_text(text)
        else:
            self.start.message.setText(text)

    def delete_selected(self) -> None:
        journal_id = self.start.selected_journal_id()
        item = self.start.journals.currentItem()
        if journal_id is None or item is None:
            self.start.message.setText("Please choose the journal to delete in the list first.")
            return
        label = item.text().split("  (")[0]
        self._confirm_and_delete(journal_id, label)

    def _confirm_and_delete(self, journal_id: str, label: str) -> None:
        if not self.prompts.typed_confirmation(
                "Delete journal",
                f"This deletes the journal \u201c{label}\u201d and all its backups from this computer. It cannot be "
                f"undone. To confirm, type the journal's label: {label}", expected=label):
            return
        passphrase = self.prompts.ask_secret("Delete journal", "Type this journal's passphrase to delete it:")
        if not passphrase:
            return
        directory = self.directory
        self._run("Deleting…", lambda: directory.delete(journal_id, passphrase=passphrase),
                  lambda _count: self._deleted())

    def _deleted(self) -> None:
        self.refresh_list()
        self.start.message.setText("")

    # ----- open journal -----
    def show_opened(self, journal: OpenJournal) -> None:
        """Show a journal opened elsewhere (the tour opens the sample journal itself, with no key-derivation wait)."""
        self._opened(journal)

    def _opened(self, journal: OpenJournal, *, new_code: Any = None) -> None:
        session = JournalSession(journal, clock=self.clock, idle_minutes=self._idle_minutes(), parent=self)
        self._attach(session)
        if journal.restored_from_backup is not None:
            self.page.notice.show_text(journal.restored_from_backup.message())
        if journal.rollback is not None:
            self.page.notice.show_text(journal.rollback.message())
        if journal.interrupted_key_change is not None:
            self.page.notice.show_text(journal.interrupted_key_change.message())
        if new_code is not None:
            self._show_recovery_code(new_code, journal.label)

    def _next_add_baby(self) -> None:
        """Right after the recovery code of a new journal: straight on to adding the baby (the Babies section,
        with "Add a baby" focused, ready for Space or a click)."""
        if self.session is None or self.session.journal.is_closed or self.session.journal.babies():
            return
        self.page.tabs.setCurrentWidget(self.page.babies_tab)
        self.page.notice.show_text(NEXT_ADD_BABY)
        self.page.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _resume(self, session: JournalSession) -> None:
        session.resume()
        self._attach(session)
        self.page.notice.show_text("Welcome back. Your latest changes were kept; saving is still being retried.")

    def _attach(self, session: JournalSession) -> None:
        self.session = session
        self.start.lock_note.show_text("")
        self.start.notice.show_text("")
        self._update_pin_box()
        session.save_state_changed.connect(self._on_save_state)
        session.countdown.connect(self._on_countdown)
        session.locked.connect(self._on_locked)
        self.page.heading.setText(f"Journal: {session.journal.label}")
        self.page.notice.show_text("")
        self.page.problem.show_text("")
        self.page.countdown.show_text("")
        self.page.save_status.setText("All changes saved." if not session.journal.dirty else "Saving shortly…")
        self._refresh_babies()
        self._build_sections(session)
        self.stack.setCurrentWidget(self.page)
        self._offer_drafts()
        self.session_started.emit(session)
        if self._pending_suggestion is not None:
            suggestion, self._pending_suggestion = self._pending_suggestion, None
            self.add_suggested_question(suggestion)

    # ----- drafts kept at lock -----
    def _draft_store(self) -> Any:
        from nec_companion.storage.drafts import DraftStore

        if self.session is None or self.session.journal.is_closed:
            return None
        return DraftStore(self.session.journal, clock=self.clock)

    def kept_drafts(self) -> tuple[Any, ...]:
        store = self._draft_store()
        try:
            return store.all() if store is not None else ()
        except Exception:  # noqa: BLE001 - the sentence is a courtesy; the dialog works without it
            return ()

    def _offer_drafts(self) -> None:
        drafts = self.kept_drafts()
        if not drafts:
            self.page.drafts.show_text("")
            return
        more = f" ({len(drafts) - 1} more after it.)" if len(drafts) > 1 else ""
        self.page.drafts.show_text(f"When your journal locked, you were typing in \u201c{drafts[0].title}\u201d. "
                                   f"What you typed was kept, protected in your journal.{more}")

    def _take_first_draft(self) -> Any:
        store, drafts = self._draft_store(), self.kept_drafts()
        if store is None or not drafts or self.session is None:
            return None
        store.forget(drafts[0].draft_id)
        self.session.note_changed()
        self._offer_drafts()
        return drafts[0]

    def discard_draft(self) -> None:
        if self.kept_drafts() and self.prompts.confirm(
                "Discard what you typed?", "Discard the text kept from before the lock? It cannot be brought back.",
                yes="Discard it", no="Keep it"):
            self._take_first_draft()

    def reopen_draft(self) -> None:
        """Open the dialog again with what was typed (the draft leaves the journal; a new lock keeps it again)."""
        from nec_companion.ui.drafts import read_draft

        draft = self._take_first_draft()
        if draft is None:
            return
        reopen, fields = read_draft(draft)
        if draft.kind == "entry" and self.today_screen is not None:
            self.today_screen.editor.reopen_draft(reopen, fields, parent=self)  # type: ignore[attr-defined]
        elif draft.kind in ("question", "answer") and self.questions_screen is not None:
            self.page.tabs.setCurrentWidget(self.questions_screen)
            self.questions_screen.reopen_draft(draft.kind, reopen, fields)

    def _build_sections(self, session: JournalSession) -> None:
        journal = session.journal
        self.entries = JournalEntries(journal, clock=self.clock, time_zone=system_time_zone())
        book = QuestionBook(journal, clock=self.clock)
        self.questions_screen = QuestionsScreen(book=book, babies=journal.babies, clock=self.clock,
                                                prompts=self.prompts, suggestions=self._suggestions)
        self.questions_screen.changed.connect(session.note_changed)
        entries = self.entries

        def changes(since: dt.datetime) -> list[ChangeLine]:
            names = {int(b.baby_id): b.nickname for b in journal.babies()}
            return changes_since(entries, since=since, until=self.clock.now(), baby_names=names)

        self.rounds_screen = RoundsScreen(questions=book.all, babies=journal.babies, changes=changes, clock=self.clock,
                                          print_document=self._print_rounds if self.printing else None,
                                          headers=lambda: [baby_header(b, entries) for b in journal.babies()],
                                          zone=entries.time_zone)
        self.export_screen = ExportScreen(journal=journal, entries=entries, babies=journal.babies, clock=self.clock,
                                          prompts=self.prompts, written=self.written,
                                          summary=make_summary_actions(book, self.clock), printing=self.printing,
                                          still_open=lambda: self.session is session)
        entry_sections = build_entry_sections(entries=entries, babies=journal.babies, clock=self.clock,
                                              prompts=self.prompts, on_changed=session.note_changed,
                                              open_article=self._open_article)
        self.today_screen = entry_sections[0][1]
        editor = getattr(self.today_screen, "editor", None)
        if editor is not None:
            editor.add_baby_first = self.add_baby  # "Feed…" with no baby yet: add the baby, then carry on
        install = getattr(self.today_screen, "install_shortcuts", None)
        if callable(install):
            install(self.page.tabs)  # Alt+F, Alt+W, ... from every journal section (gone with the sections at lock)
        self.questions_screen.changed.connect(self._update_open_questions)
        self.page.set_sections([*entry_sections, ("Questions", self.questions_screen),
                                ("Prepare for rounds", self.rounds_screen), ("Export and backup", self.export_screen)])
        self._update_open_questions()

    def _update_open_questions(self) -> None:
        if self.today_screen is not None and self.questions_screen is not None:
            count = sum(1 for q in self.questions_screen.book.all() if q.status.is_open)
            self.today_screen.set_open_questions(count)  # type: ignore[attr-defined]

    def _on_section(self, _index: int) -> None:
        """Each section shows fresh figures when it comes into view (another section may have changed them)."""
        widget = self.page.tabs.currentWidget()
        if widget is self.today_screen:
            self._update_open_questions()
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()

    def show_section(self, name: str) -> bool:
        """Show the open journal's section called `name`; False when there is none (or no journal is open)."""
        return self.session is not None and self.page.show_section(name)

    def add_suggested_question_cancel(self) -> None:
        self._pending_suggestion = None

    def add_suggested_question(self, suggestion: SuggestedQuestion) -> str:
        """From an article: add to the open journal's questions; with none open, keep it (in memory only) until
        a journal is opened. Returns what to tell the family."""
        if self.session is None or self.questions_screen is None:
            self._pending_suggestion = suggestion
            return "pending"
        change = self.questions_screen.add_suggested(suggestion)
        self.page.tabs.setCurrentWidget(self.questions_screen)
        if change is None:
            return "failed"
        return "already" if change.kind is QuestionChangeKind.ALREADY_THERE else "added"

    def _show_recovery_code(self, code: Any, label: str) -> bool:
        """True when the family typed part of the code back (False when the dialog closed for a lock)."""
        dialog = RecoveryCodeDialog(code, label=label, print_document=self._print_card if self.printing else None,
                                    parent=self)
        if self.session is None:
            # Shown with no journal open (a backup restored as a second journal): no session's idle lock covers
            # it, so it closes itself after the same quiet time.
            _IdleClose(dialog, IdleLockPolicy(self.clock, minutes=self._idle_minutes()))
        return dialog.exec() == RecoveryCodeDialog.DialogCode.Accepted

    def _print_rounds(self, document: QTextDocument) -> None:
        session = self.session
        if self.printing is not None:
            self.printing.print_private("Print the rounds sheet", document.print_, self.written,
                                        still_open=lambda: session is not None and self.session is session)

    def _print_card(self, document: QTextDocument) -> None:
        # The card may be shown with no journal open (after restoring a backup as a second journal).
        session = self.session
        if self.printing is not None:
            self.printing.print_paper_only("Print your recovery code", document.print_,
                                           still_open=lambda: self.session is session)

    def _refresh_babies(self) -> None:
        babies = () if self.session is None or self.session.journal.is_closed else self.session.journal.babies()
        self.page.show_babies(babies, self._today(), on_edit=self.edit_baby, on_remove=self.remove_baby)

    def _today(self) -> dt.date:
        return self.clock.now().astimezone().date()

    def _on_save_state(self, state: SaveState, text: str) -> None:
        if state is SaveState.FAILED:
            self.page.problem.show_text(text)  # announced by the banner
            self.page.save_status.setText("Not saved yet")
            if self._held is not None:
                self.start.pending.show_text(
                    "The latest changes to a journal could not be saved yet. They are kept safely in memory and "
                    f"saving keeps trying. {text}")
        else:
            self.page.problem.show_text("")
            if state is SaveState.SAVED and text != self.page.save_status.text():
                announce(self.page.save_status, text)  # "All changes saved." (not every "Saving…")
            self.page.save_status.setText(text)

    def _on_countdown(self, seconds: object) -> None:
        if seconds is None:
            self.page.countdown.show_text("")
        else:
            # Announced when it appears and again at 10 seconds, not every second.
            speak = not self.page.countdown.isVisibleTo(self.page) or seconds == 10
            self.page.countdown.show_text(f"To keep your journal private, it will lock in {seconds} seconds. "
                                          "Move the mouse or press a key to keep it open.", speak=speak)

    def _on_locked(self, _reason: str) -> None:
        session = self.session
        self.session = None
        # Exports still running are cancelled (a PDF stops at its next page and leaves no file) or, if they cannot
        # stop part-way (an encrypted backup), finished; their results go nowhere once the sections are gone.
        cancel_owned_by(self.page, wait=LOCK_WAIT_SECONDS)
        # Drop every view of the journal before anything else.
        self.page.show_babies((), self._today(), on_edit=self.edit_baby, on_remove=self.remove_baby)
        self.page.heading.setText("")
        self.page.notice.show_text("")
        self.page.drafts.show_text("")
        self.page.countdown.show_text("")
        self.page.set_sections([])
        self.questions_screen = None
        self.rounds_screen = None
        self.export_screen = None
        self.today_screen = None
        self.entries = None
        self.stack.setCurrentWidget(self.start)
        self.start.passphrase.clear()
        self._say_locked(_reason, session)
        if self.quick is not None and _reason in ("idle", "minimised") and session is not None \
                and self.quick.journal_id == session.journal.journal_id:
            self.quick.start_window()  # the PIN works for 30 minutes after the journal locked itself
        else:
            self._wipe_quick()
        if session is not None:
            session.fully_closed.connect(lambda: self._release(session))
            if not session.journal.is_closed:
                self._held = session
        self.refresh_list()
        self._update_pin_box()
        # The cursor waits where the family will type next: the PIN if it can be used, else the passphrase.
        (self.start.pin if self.start.pin_box.isVisible() else self.start.passphrase).setFocus(
            Qt.FocusReason.OtherFocusReason)
        self._offer_to_delete_files(ask=_reason in ("now", "delete"))
        self.session_ended.emit()

    def _say_locked(self, reason: str, session: JournalSession | None) -> None:
        """After an automatic lock, the start page says so (and that what was being typed was kept)."""
        if reason not in ("idle", "minimised"):
            self.start.lock_note.show_text("")
            return
        why = "after a few quiet minutes" if reason == "idle" else "when the window was minimised"
        text = f"Your journal locked itself {why}, to keep it private."
        if session is not None and session.drafts_kept:
            text += (" What you were typing was kept, protected in the journal; it is offered back when you open "
                     "it.")
        self.start.lock_note.show_text(text + " Type your passphrase to open it again.")

    def _offer_to_delete_files(self, *, ask: bool) -> None:
        """Unprotected files saved this session: ask now when the family locked on purpose; otherwise (idle
        lock) leave a banner on the start screen, because nobody may be there to answer."""
        existing = self.written.existing()
        if not existing:
            self.written.forget()
            self.start.leftover.show_text("")
            return
        if ask and self.prompts.confirm(
                "Delete the files you saved?",
                f"You saved {_files_not_protected(len(existing))} from your journal today (a summary or spreadsheet "
                "files). Delete them from this computer now? If you saved them on your own USB stick and want to "
                "keep them, choose Keep.", yes="Delete them", no="Keep"):
            self.delete_leftover_files()
            return
        count = len(existing)
        self.start.leftover.show_text(f"{_files_not_protected(count)} saved from a journal today "
                                      f"{'is' if count == 1 else 'are'} still on this computer or USB stick.")

    def delete_leftover_files(self) -> None:
        _deleted, failed = self.written.delete_all()
        self.start.leftover.show_text("" if not failed else "Some files could not be deleted; the USB stick may "
                                      "have been removed.")

    def offer_to_delete_files_before_quit(self) -> None:
        self._offer_to_delete_files(ask=True)

    # ----- encrypted backups -----
    def restore_backup(self) -> None:
        from nec_companion.storage.backup import inspect_backup, restore_backup
        from nec_companion.ui.places import start_folder

        path = self.prompts.open_file("Choose your encrypted backup (.njx)", start_folder(),
                                      "NEC Companion backups (*.njx)")
        if path is None:
            return
        directory = self.directory
        try:
            info = inspect_backup(path, directory=directory)
        except JournalError as error:
            self.start.message.setText(error.user_text())
            return
        nothing_changed = "Nothing was restored. Your journals on this computer are as they were."
        passphrase = self.prompts.ask_secret("Restore a backup", f"Type the passphrase of the journal "
                                             f"\u201c{info.label}\u201d in this backup:")
        if not passphrase:
            self.start.notice.show_text(nothing_changed)
            return
        replace = keep_both = False
        if info.already_here:
            if self.prompts.confirm("This journal is already here", f"The journal \u201c{info.label}\u201d is "
                                    "already on this computer. Replace it with the backup? The copy here is kept "
                                    "aside as a backup, never deleted.", yes="Replace the copy here",
                                    no="Don't replace it"):
                replace = True
            elif self.prompts.confirm("Keep both?", "Keep both, as two separate journals? The restored one gets a "
                                      "new recovery code, shown next.", yes="Keep both journals",
                                      no="Cancel the restore"):
                keep_both = True
            else:
                self.start.notice.show_text(nothing_changed)
                return
        if self.session is not None and self.session.journal.journal_id == info.journal_id:
            self.lock("restore")

        def work() -> Any:
            return restore_backup(directory, path, passphrase=passphrase, replace=replace, keep_both=keep_both)

        def done(report: Any) -> None:
            self.refresh_list()
            self.start.message.setText("")
            self.start.notice.show_text(f"The journal \u201c{report.label}\u201d was restored. Open it with its "
                                        "passphrase.")
            if report.new_recovery_code is not None:
                self._show_recovery_code(report.new_recovery_code, report.label)

        self._run("Checking and restoring the backup…", work, done)

    def _release(self, session: JournalSession) -> None:
        if self._held is session:
            self._held = None
            self.start.pending.show_text("")

    def lock(self, reason: str = "now") -> bool:
        """Lock the open journal (if any). True when nothing is left unsaved."""
        if reason not in ("idle", "minimised"):
            self._wipe_quick()  # Lock now, closing, delete, restore: the passphrase is needed next time
        if self.session is None:
            close_windows_for_lock()  # e.g. a recovery code shown after a restore, with no journal open
            return self._held is None
        closed = self.session.lock(reason)
        if not closed and self._held is not None:
            self.start.pending.show_text(
                "The latest changes to a journal could not be saved yet. They are kept safely in memory and "
                "saving keeps trying. Open the journal again to keep working, or free some disk space.")
        return closed

    def has_unsaved_changes(self) -> bool:
        return self._held is not None or (self.session is not None and self.session.journal.dirty)

    # ----- babies -----
    def _validate(self, details: Any) -> tuple[tuple[str, str], ...]:
        return tuple((p.field, p.message) for p in validate_baby(details.cleaned(), today=self._today()))

    def add_baby(self) -> bool:
        """Open "Add a baby"; True when a baby was added."""
        if self.session is None:
            return False
        dialog = BabyDialog(today=self._today(), validate=self._validate, parent=self)
        if dialog.exec() != BabyDialog.DialogCode.Accepted or dialog.result_details is None:
            return False
        details = dialog.result_details
        if details is None:
            return False
        added = self._apply(lambda journal: journal.add_baby(details))
        if added and self.page.notice.label.text() == NEXT_ADD_BABY:
            self.page.notice.show_text("")  # done: the hint would now read as if the baby were still missing
        return added

    def edit_baby(self, baby: Baby) -> None:
        if self.session is None:
            return
        dialog = BabyDialog(today=self._today(), details=baby.details, validate=self._validate, parent=self)
        if dialog.exec() != BabyDialog.DialogCode.Accepted or dialog.result_details is None:
            return
        details = dialog.result_details
        if details is not None:
            self._apply(lambda journal: journal.update_baby(baby.baby_id, details))

    def remove_baby(self, baby: Baby) -> None:
        if self.session is None:
            return
        if not self.prompts.confirm("Remove baby", f"Remove {baby.nickname} and everything recorded for them from "
                                                   "this journal?", yes="Remove"):
            return
        self._apply(lambda journal: journal.delete_baby(baby.baby_id))

    def _apply(self, change: Callable[[OpenJournal], Any]) -> bool:
        if self.session is None:
            return False
        try:
            change(self.session.journal)
        except BabyRejected as error:
            self.prompts.warn("Please check", error.user_text())
            return False
        except JournalError as error:
            self.prompts.warn("Not changed", error.user_text())
            return False
        self.session.note_changed()
        self._refresh_babies()
        if self.today_screen is not None:
            refresh = getattr(self.today_screen, "refresh", None)
            if callable(refresh):
                refresh()
        return True

    # ----- journal settings -----
    def change_passphrase(self) -> None:
        if self.session is None:
            return
        session = self.session
        self._wipe_quick()  # the keys may change: a PIN set earlier must not outlive them
        dialog = ChangePassphraseDialog(
            check_passphrase=lambda text: self.directory.check_passphrase(text, label=session.journal.label),
            parent=self)
        if dialog.exec() != ChangePassphraseDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        journal = session.journal
        self.page.notice.show_text("Changing the passphrase… this takes a few seconds.")

        def failed(error: BaseException) -> None:
            self.page.notice.show_text("")
            text = error.user_text() if isinstance(error, JournalError) else "Something went wrong."
            self.prompts.warn("Passphrase not changed", text)

        def prepared(pending: Any) -> None:
            self.page.notice.show_text("")
            if self.session is not session or journal.is_closed:
                self.start.message.setText("The journal was locked before the passphrase was changed. Your "
                                           "passphrase and recovery card were not changed.")
                return
            self._commit_new_code(journal, pending, what="passphrase")

        # The key derivation runs off the GUI thread; nothing changes on disk until the code is typed back.
        run_in_background(self, lambda: journal.prepare_passphrase_change(current_passphrase=choice.current,
                                                                          new_passphrase=choice.new),
                          prepared, failed)

    def delete_open_journal(self) -> None:
        if self.session is None:
            return
        journal_id, label = self.session.journal.journal_id, self.session.journal.label
        self.lock("delete")
        self._confirm_and_delete(journal_id, label)
