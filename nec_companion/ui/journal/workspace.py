"""The open journal on screen: the grouped side navigation with its sections, the banners above it, the babies.

`JournalPage` is the widget: the heading and save status, the banners seen on every section (auto-lock
countdown, saving problem, notice, drafts kept at lock), and the side list of sections (navigation.py) with
Babies first. `Workspace` owns what happens while a journal is open: it builds the sections from the journal's
services (services.py: it never builds a store itself), refreshes a section when it comes into view, adds,
edits and removes babies, offers back what was being typed when the journal locked, changes the passphrase,
adds a question suggested by an article, and mirrors the auto-lock countdown over an open dialog. It drops
every view of the journal when asked to (`clear`, at lock). Opening, locking and the start page belong to the
coordinator (journal_screen.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from nec_companion.core.babies import Baby, validate_baby
from nec_companion.core.errors import BabyRejected, JournalError
from nec_companion.core.i18n import N_, _, active, ngettext
from nec_companion.core.questions import SuggestedQuestion
from nec_companion.core.units import format_grams, format_lb_oz
from nec_companion.storage import OpenJournal
from nec_companion.storage.question_book import QuestionChangeKind
from nec_companion.ui.entries.sections import build_entry_sections
from nec_companion.ui.journal.dialogs import BabyDialog, ChangePassphraseDialog
from nec_companion.ui.journal.export_screen import ExportScreen
from nec_companion.ui.journal.navigation import SectionNavigation
from nec_companion.ui.journal.services import OpenJournalServices
from nec_companion.ui.journal.session import JournalSession, SaveState
from nec_companion.ui.questions.questions_screen import QuestionsScreen
from nec_companion.ui.questions.rounds_screen import RoundsScreen
from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.banner import Banner, DialogNotice
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label
from nec_companion.ui.workers import run_in_background

if TYPE_CHECKING:
    from nec_companion.ui.journal.journal_screen import JournalScreen

#: The hint after a new journal's recovery code; cleared once the first baby is added.
NEXT_ADD_BABY = N_("Your journal is ready. Next, add your baby with \u201cAdd a baby\u201d below.")


def describe_baby(baby: Baby, today: dt.date) -> tuple[str, str]:
    """Two plain lines about a baby: birth facts, and today's ages (worked out by the core)."""
    language = active()
    born = language.date(baby.birth_date, style="medium")
    if baby.birth_time:
        born = _("{date} at {time}").format(date=born, time=language.time(baby.birth_time))
    ga = baby.gestational_age
    if baby.birth_weight_g:
        # Translators: {weeks}+{days} is the gestational age at birth, e.g. "27+3 weeks"; {weight} is "1,000 g"
        # and {lb_oz} "2 lb 3.3 oz" (the same rounding as on Today).
        birth = _("Born {born}, at {weeks}+{days} weeks of pregnancy, weighing {weight} ({lb_oz}).").format(
            born=born, weeks=ga.weeks, days=ga.days, weight=format_grams(baby.birth_weight_g),
            lb_oz=format_lb_oz(baby.birth_weight_g))
    else:
        birth = _("Born {born}, at {weeks}+{days} weeks of pregnancy.").format(born=born, weeks=ga.weeks,
                                                                              days=ga.days)
    ages = baby.ages(max(today, baby.birth_date))
    pma = ages.postmenstrual
    facts = {"day": ages.day_of_life, "weeks": pma.weeks, "days": pma.days}
    corrected = ages.corrected
    if not ages.is_preterm:
        # Translators: {weeks}+{days} is the postmenstrual age, e.g. "30+2 weeks".
        now = _("Today: day {day} of life · postmenstrual age {weeks}+{days} weeks.").format(**facts)
    elif corrected is None:
        due = ages.days_until_due_date
        now = ngettext("Today: day {day} of life · postmenstrual age {weeks}+{days} weeks · {n} day before the "
                       "due date.",
                       "Today: day {day} of life · postmenstrual age {weeks}+{days} weeks · {n} days before the "
                       "due date.", due).format(n=due, **facts)
    else:
        # Translators: {age} is the corrected age, e.g. "3 weeks".
        now = _("Today: day {day} of life · postmenstrual age {weeks}+{days} weeks · corrected age {age}.").format(
            age=corrected.describe(), **facts)
    return birth, now


class BabyCard(QFrame):
    """One baby: nickname, birth facts, today's ages, and Edit / Remove."""

    def __init__(self, baby: Baby, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.baby = baby
        self.setObjectName("card")
        name = plain_label(baby.nickname, self, bold=True)
        birth, now = describe_baby(baby, today)
        self.birth_label = plain_label(birth, self)
        self.ages_label = plain_label(now, self)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.setAccessibleName(_("Edit {name}").format(name=baby.nickname))
        self.remove_button = QPushButton(_("Remove…"), self)
        self.remove_button.setAccessibleName(_("Remove {name}").format(name=baby.nickname))
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
        self.heading = plain_label("", self, wrap=False, title=True)  # a family's own label, never markup
        self.heading.setAccessibleDescription(_("Journal"))
        self.save_status = plain_label("", self, muted=True)
        self.save_status.setAccessibleDescription(_("Save status"))
        self.countdown = Banner(self, name=_("Auto-lock countdown"))
        self.problem = Banner(self, name=_("Saving problem"))
        self.notice = Banner(self, name=_("Notice"))
        # Text that was being typed when the journal locked (kept encrypted in the journal): open it or let go.
        self.drafts = Banner(self, name=_("Kept from before the lock"))
        self.reopen_draft_button = QPushButton(_("Open it again"), self.drafts)
        self.discard_draft_button = QPushButton(_("Discard it"), self.drafts)
        drafts_layout = self.drafts.layout()
        assert drafts_layout is not None  # a Banner has its layout
        drafts_layout.addWidget(self.reopen_draft_button)
        drafts_layout.addWidget(self.discard_draft_button)
        self.cards: list[BabyCard] = []
        self.cards_box = QVBoxLayout()
        self.no_babies = plain_label(_("No baby added yet. Add your baby (or each of your babies, for twins and "
                                       "triplets) to see their ages worked out each day."), self, muted=True)
        self.add_button = QPushButton(_("Add a baby…"), self)
        self.change_passphrase_button = QPushButton(_("Change passphrase…"), self)
        self.delete_journal_button = QPushButton(_("Delete this journal…"), self)
        journal_buttons = FlowLayout()  # wraps at 200 % in Spanish instead of widening the page past the window
        journal_buttons.add(self.change_passphrase_button)
        journal_buttons.add(self.delete_journal_button)
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
        layout.addWidget(plain_label(_("Day of life counts the day of birth as day 1. Postmenstrual age is the "
                                       "weeks of pregnancy at birth plus the time since. Corrected age counts from "
                                       "the due date."), self, muted=True))
        layout.addSpacing(12)
        layout.addWidget(plain_label(_("This journal"), self, bold=True))
        layout.addLayout(journal_buttons)
        layout.addStretch(1)

        # A grouped side list, not a row of tabs: eleven sections fit it at 200 % text (ui/journal/navigation.py).
        self.tabs = SectionNavigation(self)
        self.tabs.setAccessibleName(_("Journal sections"))
        self.babies_tab = scroll
        self.tabs.addTab(scroll, _("Babies"))
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

    def current_section(self) -> str:
        """The name of the section shown ("" when none)."""
        index = self.tabs.currentIndex()
        return self.tabs.tabText(index) if index >= 0 else ""

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


class Workspace(QObject):
    """What the open journal's page does. `host` is the coordinator: it holds the session and the directory."""

    def __init__(self, host: JournalScreen, page: JournalPage) -> None:
        super().__init__(host)
        self.host = host
        self.page = page
        self.services: OpenJournalServices | None = None
        self.questions_screen: QuestionsScreen | None = None
        self.rounds_screen: RoundsScreen | None = None
        self.export_screen: ExportScreen | None = None
        self.today_screen: QWidget | None = None
        self.pending_suggestion: SuggestedQuestion | None = None
        # The countdown over an open dialog too (UX walkthrough 22): a modal Note must not hide it.
        self.dialog_countdown = DialogNotice(self, name=_("Auto-lock countdown"))
        page.add_button.clicked.connect(self.add_baby)
        page.change_passphrase_button.clicked.connect(self.change_passphrase)
        page.delete_journal_button.clicked.connect(host.delete_open_journal)
        page.reopen_draft_button.clicked.connect(self.reopen_draft)
        page.discard_draft_button.clicked.connect(self.discard_draft)
        # Connected once, here: connecting at each unlock made one tab switch refresh a section once per unlock.
        page.tabs.currentChanged.connect(self._on_section)

    @property
    def session(self) -> JournalSession | None:
        return self.host.session

    def today(self) -> dt.date:
        return self.host.clock.now().astimezone().date()

    # ----- a session comes and goes -----
    def attach(self, session: JournalSession) -> None:
        """Show `session`'s journal: heading, banners cleared, babies, sections, and the drafts offer."""
        page = self.page
        session.save_state_changed.connect(self.on_save_state)
        session.countdown.connect(self.on_countdown)
        # Translators: {label} is the label the family chose for their journal.
        page.heading.setText(_("Journal: {label}").format(label=session.journal.label))
        page.notice.show_text("")
        page.problem.show_text("")
        page.countdown.show_text("")
        page.save_status.setText(_("All changes saved.") if not session.journal.dirty else _("Saving shortly…"))
        self.refresh_babies()
        self.build_sections(session)
        self.offer_drafts()

    def after_attach(self) -> None:
        """A question suggested while no journal was open goes in now."""
        if self.pending_suggestion is not None:
            suggestion, self.pending_suggestion = self.pending_suggestion, None
            self.add_suggested_question(suggestion)

    def clear(self) -> None:
        """Drop every view of the journal (at lock)."""
        page = self.page
        page.show_babies((), self.today(), on_edit=self.edit_baby, on_remove=self.remove_baby)
        page.heading.setText("")
        page.notice.show_text("")
        page.drafts.show_text("")
        page.countdown.show_text("")
        self.dialog_countdown.show_text("")
        page.set_sections([])
        self.questions_screen = None
        self.rounds_screen = None
        self.export_screen = None
        self.today_screen = None
        self.services = None

    def notice(self, text: str) -> None:
        self.page.notice.show_text(text)

    def on_save_state(self, state: SaveState, text: str) -> None:
        page = self.page
        if state is SaveState.FAILED:
            page.problem.show_text(text)  # announced by the banner
            page.save_status.setText(_("Not saved yet"))
            self.host.note_held_failure(text)
        else:
            page.problem.show_text("")
            if state is SaveState.SAVED and text != page.save_status.text():
                announce(page.save_status, text)  # "All changes saved." (not every "Saving…")
            page.save_status.setText(text)

    def on_countdown(self, seconds: object) -> None:
        page = self.page
        if seconds is None:
            page.countdown.show_text("")
            self.dialog_countdown.show_text("")
            return
        # Announced when it appears and again at 10 seconds, not every second.
        speak = not page.countdown.isVisibleTo(page) or seconds == 10
        count = int(seconds)  # type: ignore[call-overload]
        text = ngettext("To keep your journal private, it will lock in {n} second. Move the mouse or press a key "
                        "to keep it open.",
                        "To keep your journal private, it will lock in {n} seconds. Move the mouse or press a key "
                        "to keep it open.", count).format(n=count)
        # The page's banner may be behind a modal dialog: the same words on top of the dialog, spoken from there.
        over_dialog = QApplication.activeModalWidget() is not None
        page.countdown.show_text(text, speak=speak and not over_dialog)
        self.dialog_countdown.show_text(text, speak=speak and over_dialog)

    # ----- sections -----
    def build_sections(self, session: JournalSession) -> None:
        host = self.host
        journal = session.journal
        services = self.services = host.services.for_journal(journal)
        clock, prompts, printing = host.clock, host.prompts, host.printing
        self.questions_screen = QuestionsScreen(book=services.book, babies=journal.babies, clock=clock,
                                                prompts=prompts, suggestions=host.services.suggested_questions)
        self.questions_screen.changed.connect(session.note_changed)
        self.rounds_screen = RoundsScreen(questions=services.book.all, babies=journal.babies,
                                          changes=services.changes, clock=clock,
                                          print_document=self._print_rounds if printing else None,
                                          headers=services.headers, zone=services.entries.time_zone)
        self.export_screen = ExportScreen(journal=journal, entries=services.entries, babies=journal.babies,
                                          clock=clock, prompts=prompts, written=host.written,
                                          summary=services.summary_actions(), printing=printing,
                                          still_open=lambda: host.session is session)
        entry_sections = build_entry_sections(entries=services.entries, babies=journal.babies, clock=clock,
                                              prompts=prompts, on_changed=session.note_changed,
                                              open_article=host.open_article)
        self.today_screen = entry_sections[0][1]
        editor = getattr(self.today_screen, "editor", None)
        if editor is not None:
            editor.add_baby_first = self.add_baby  # "Feed…" with no baby yet: add the baby, then carry on
        install = getattr(self.today_screen, "install_shortcuts", None)
        if callable(install):
            install(self.page.tabs)  # Alt+F, Alt+W, ... from every journal section (gone with the sections at lock)
        self.questions_screen.changed.connect(self._update_open_questions)
        self.page.set_sections([*entry_sections, (_("Questions"), self.questions_screen),
                                (_("Prepare for rounds"), self.rounds_screen),
                                (_("Export and backup"), self.export_screen)])
        self._update_open_questions()

    def _print_rounds(self, document: QTextDocument) -> None:
        host, session = self.host, self.session
        if host.printing is not None:
            host.printing.print_private(_("Print the rounds sheet"), document.print_, host.written,
                                        still_open=lambda: session is not None and host.session is session)

    def _update_open_questions(self) -> None:
        if self.today_screen is not None and self.services is not None:
            self.today_screen.set_open_questions(self.services.open_questions())  # type: ignore[attr-defined]

    def _on_section(self, _index: int) -> None:
        """Each section shows fresh figures when it comes into view (another section may have changed them)."""
        widget = self.page.tabs.currentWidget()
        if widget is self.today_screen:
            self._update_open_questions()
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()

    def next_add_baby(self) -> None:
        """Right after the recovery code of a new journal: straight on to adding the baby (the Babies section,
        with "Add a baby" focused, ready for Space or a click)."""
        session = self.session
        if session is None or session.journal.is_closed or session.journal.babies():
            return
        self.page.tabs.setCurrentWidget(self.page.babies_tab)
        self.page.notice.show_text(_(NEXT_ADD_BABY))
        self.page.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_suggested_question(self, suggestion: SuggestedQuestion) -> str:
        """From an article: add to the open journal's questions; with none open, keep it (in memory only) until
        a journal is opened. Returns what to tell the family ("added", "already", "pending", "failed")."""
        if self.session is None or self.questions_screen is None:
            self.pending_suggestion = suggestion
            return "pending"
        change = self.questions_screen.add_suggested(suggestion)
        self.page.tabs.setCurrentWidget(self.questions_screen)
        if change is None:
            return "failed"
        return "already" if change.kind is QuestionChangeKind.ALREADY_THERE else "added"

    # ----- babies -----
    def refresh_babies(self) -> None:
        session = self.session
        babies = () if session is None or session.journal.is_closed else session.journal.babies()
        self.page.show_babies(babies, self.today(), on_edit=self.edit_baby, on_remove=self.remove_baby)

    def _validate(self, details: Any) -> tuple[tuple[str, str], ...]:
        return tuple((p.field, p.message) for p in validate_baby(details.cleaned(), today=self.today()))

    def add_baby(self) -> bool:
        """Open "Add a baby"; True when a baby was added."""
        if self.session is None:
            return False
        dialog = BabyDialog(today=self.today(), validate=self._validate, parent=self.host)
        if dialog.exec() != BabyDialog.DialogCode.Accepted or dialog.result_details is None:
            return False
        details = dialog.result_details
        if details is None:
            return False
        added = self._apply(lambda journal: journal.add_baby(details))
        if added and self.page.notice.label.text() == _(NEXT_ADD_BABY):
            self.page.notice.show_text("")  # done: the hint would now read as if the baby were still missing
        return added

    def edit_baby(self, baby: Baby) -> None:
        if self.session is None:
            return
        dialog = BabyDialog(today=self.today(), details=baby.details, validate=self._validate, parent=self.host)
        if dialog.exec() != BabyDialog.DialogCode.Accepted or dialog.result_details is None:
            return
        details = dialog.result_details
        if details is not None:
            self._apply(lambda journal: journal.update_baby(baby.baby_id, details))

    def remove_baby(self, baby: Baby) -> None:
        if self.session is None:
            return
        if not self.host.prompts.confirm(_("Remove baby"), _("Remove {name} and everything recorded for them from "
                                                             "this journal?").format(name=baby.nickname),
                                         yes=_("Remove")):
            return
        self._apply(lambda journal: journal.delete_baby(baby.baby_id))

    def _apply(self, change: Callable[[OpenJournal], Any]) -> bool:
        session = self.session
        if session is None:
            return False
        try:
            change(session.journal)
        except BabyRejected as error:
            self.host.prompts.warn(_("Please check"), error.user_text())
            return False
        except JournalError as error:
            self.host.prompts.warn(_("Not changed"), error.user_text())
            return False
        session.note_changed()
        self.refresh_babies()
        refresh = getattr(self.today_screen, "refresh", None)
        if callable(refresh):
            refresh()
        return True

    # ----- drafts kept at lock -----
    def kept_drafts(self) -> tuple[Any, ...]:
        store = self.services.drafts() if self.services is not None else None
        try:
            return store.all() if store is not None else ()
        except Exception:  # noqa: BLE001 - the offer is a courtesy; the journal works without it
            return ()

    def offer_drafts(self) -> None:
        drafts = self.kept_drafts()
        if not drafts:
            self.page.drafts.show_text("")
            return
        first = _("When your journal locked, you were typing in \u201c{title}\u201d. What you typed was kept, "
                  "protected in your journal.").format(title=drafts[0].title)
        if len(drafts) > 1:
            more = len(drafts) - 1
            # Translators: {first} is the sentence about the first draft kept.
            first = ngettext("{first} ({n} more after it.)", "{first} ({n} more after it.)", more).format(
                first=first, n=more)
        self.page.drafts.show_text(first)

    def _take_first_draft(self) -> Any:
        store = self.services.drafts() if self.services is not None else None
        drafts = self.kept_drafts()
        if store is None or not drafts or self.session is None:
            return None
        store.forget(drafts[0].draft_id)
        self.session.note_changed()
        self.offer_drafts()
        return drafts[0]

    def discard_draft(self) -> None:
        if self.kept_drafts() and self.host.prompts.confirm(
                _("Discard what you typed?"),
                _("Discard the text kept from before the lock? It cannot be brought back."),
                yes=_("Discard it"), no=_("Keep it")):
            self._take_first_draft()

    def reopen_draft(self) -> None:
        """Open the dialog again with what was typed (the draft leaves the journal; a new lock keeps it again)."""
        from nec_companion.ui.drafts import read_draft

        draft = self._take_first_draft()
        if draft is None:
            return
        reopen, fields = read_draft(draft)
        if draft.kind == "entry" and self.today_screen is not None:
            self.today_screen.editor.reopen_draft(reopen, fields, parent=self.host)  # type: ignore[attr-defined]
        elif draft.kind in ("question", "answer") and self.questions_screen is not None:
            self.page.tabs.setCurrentWidget(self.questions_screen)
            self.questions_screen.reopen_draft(draft.kind, reopen, fields)

    # ----- journal settings -----
    def change_passphrase(self) -> None:
        session = self.session
        if session is None:
            return
        host = self.host
        host.starter.wipe_quick()  # the keys may change: a PIN set earlier must not outlive them
        dialog = ChangePassphraseDialog(
            check_passphrase=lambda text: host.directory.check_passphrase(text, label=session.journal.label),
            parent=host)
        if dialog.exec() != ChangePassphraseDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        journal = session.journal
        self.page.notice.show_text(_("Changing the passphrase… this takes a few seconds."))

        def failed(error: BaseException) -> None:
            self.page.notice.show_text("")
            text = error.user_text() if isinstance(error, JournalError) else _("Something went wrong.")
            host.prompts.warn(_("Passphrase not changed"), text)

        def prepared(pending: Any) -> None:
            self.page.notice.show_text("")
            if host.session is not session or journal.is_closed:
                host.starter.say(_("The journal was locked before the passphrase was changed. Your passphrase and "
                                   "recovery card were not changed."))
                return
            host.commit_new_code(journal, pending, what="passphrase")

        # The key derivation runs off the GUI thread; nothing changes on disk until the code is typed back.
        run_in_background(host, lambda: journal.prepare_passphrase_change(current_passphrase=choice.current,
                                                                          new_passphrase=choice.new),
                          prepared, failed)
