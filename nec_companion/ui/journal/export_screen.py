"""The Export tab: a care-team summary (print or PDF), CSV files, and an encrypted backup to take home.

Anything unencrypted is written only after a plain warning, with a neutral file name, and is remembered so the
app can offer to delete it from this computer when the journal locks.
"""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nec_companion import site
from nec_companion.core.babies import Baby
from nec_companion.core.clock import Clock
from nec_companion.core.entries import EntryKind
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import N_, _, active, ngettext
from nec_companion.diagnostics import log_save_failure
from nec_companion.export.csv_logs import LOGS, export_csv_logs
from nec_companion.export.written_files import WrittenFiles
from nec_companion.journal import JournalEntries
from nec_companion.storage import OpenJournal
from nec_companion.storage.backup import export_backup, suggested_backup_name
from nec_companion.storage.question_book import QuestionBook
from nec_companion.ui.places import start_folder
from nec_companion.ui.printing import UNPROTECTED_WARNING, PrintService
from nec_companion.ui.prompts import Prompts
from nec_companion.ui.questions.rounds_screen import language_choices
from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label
from nec_companion.ui.widgets.scroll_page import scroll_page
from nec_companion.ui.workers import Cancelled, report_progress, run_in_background

#: Said when a USB stick or folder refuses writing (read-only stick, device-control policy, no permission).
READ_ONLY_PLACE = N_("That USB stick or folder can't be written to: it may be write-protected (some sticks have a "
                     "small switch) or locked by the hospital's computer settings. Nothing was changed in your "
                     "journal.")
_REFUSED_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def refused_by_place(error: BaseException) -> bool:
    """True when the chosen place refused the write (read-only, no permission), not a full or broken disk."""
    if getattr(getattr(error, "reason", None), "value", None) == "read_only":
        return True
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, OSError) and current.errno in _REFUSED_ERRNOS:
            return True
        current = current.__cause__ or current.__context__
    return False


def _heading(text: str, parent: QWidget) -> QLabel:
    return plain_label(text, parent, bold=True)


def _muted(text: str, parent: QWidget) -> QLabel:
    return plain_label(text, parent, muted=True)


class ExportScreen(QWidget):
    def __init__(self, *, journal: OpenJournal, entries: JournalEntries, babies: Callable[[], tuple[Baby, ...]],
                 clock: Clock, prompts: Prompts, written: WrittenFiles, summary: SummaryActions | None = None,
                 printing: PrintService | None = None, still_open: Callable[[], bool] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self.entries = entries
        self._babies = babies
        self._clock = clock
        self.prompts = prompts
        self.written = written
        self._summary = summary
        self._printing = printing
        self._still_open = still_open or (lambda: not journal.is_closed)
        self._dates_chosen = False
        # The hospital's site settings (site.py): unprotected PDF/CSV files and encrypted backups may be off.
        policy = site.active()
        self._files_allowed = policy.allow_unprotected_files
        self._backups_allowed = policy.allow_backups

        content = QWidget(self)
        content.setMaximumWidth(1000)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 12, 0, 12)

        # --- care-team summary
        layout.addWidget(_heading(_("Summary for the care team"), content))
        layout.addWidget(_muted(_("A few pages to bring to rounds: feeding progression with a chart, pumping, "
                                  "weights, care events, your questions and notes. It says it was prepared by the "
                                  "family and is not a medical record."), content))
        self.baby = QComboBox(content)
        self.baby.setAccessibleName(_("Which baby"))
        self.first_day = QDateEdit(content)
        self.first_day.setCalendarPopup(True)
        self.first_day.setDisplayFormat("d MMM yyyy")
        self.first_day.setAccessibleName(_("From"))
        self.last_day = QDateEdit(content)
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("d MMM yyyy")
        self.last_day.setAccessibleName(_("To"))
        self.section_boxes: dict[str, QCheckBox] = {}
        sections = FlowLayout(spacing=16)  # wraps at 200 % instead of running past the right edge
        for key, label in SECTION_LABELS:
            box = QCheckBox(_(label), content)
            box.setChecked(True)
            self.section_boxes[key] = box
            sections.addWidget(box)
        # The language the care team reads: the family's, English, or both (offered when the app is not in
        # English; an English-speaking family has nothing to choose).
        self.language = QComboBox(content)
        self.language.setAccessibleName(_("Language of the summary"))
        for label, codes in language_choices():
            self.language.addItem(label, list(codes))
        form = QFormLayout()
        form.addRow(_("Baby:"), self.baby)
        dates = QHBoxLayout()
        dates.addWidget(self.first_day)
        # Translators: between two dates, "Mar 1, 2026 to Mar 14, 2026".
        dates.addWidget(QLabel(_("to"), content))
        dates.addWidget(self.last_day)
        dates.addStretch(1)
        form.addRow(_("Dates:"), dates)
        if self.language.count():
            form.addRow(_("Language:"), self.language)
        else:
            self.language.hide()
        layout.addLayout(form)
        layout.addLayout(sections)
        self.print_button = QPushButton(_("Print…"), content)
        self.print_button.setAccessibleName(_("Print the summary"))
        # A hospital can turn printing off (site setting): then there is no Print button at all.
        self.print_button.setVisible(printing is not None and printing.allowed)
        self.pdf_button = QPushButton(_("Save as PDF…"), content)
        self.pdf_button.setAccessibleDescription(_("Save the summary as a PDF file"))
        self.summary_status = _muted("", content)
        self.summary_status.setAccessibleDescription(_("Summary progress"))
        row = FlowLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        layout.addLayout(row)
        layout.addWidget(self.summary_status)
        can_print = printing is not None and printing.allowed
        self.files_turned_off = _muted(_("Your hospital has turned off saving unprotected PDF and CSV files on this "
                                         "computer. You can still print the summary.") if can_print else
                                       _("Your hospital has turned off saving unprotected PDF and CSV files on this "
                                         "computer."), content)
        self.files_turned_off.setVisible(not self._files_allowed)
        layout.addWidget(self.files_turned_off)
        self.print_button.setEnabled(summary is not None)
        self.pdf_button.setEnabled(summary is not None and self._files_allowed)
        self.print_button.clicked.connect(self.print_summary)
        self.pdf_button.clicked.connect(self.save_pdf)

        # --- CSV
        layout.addSpacing(16)
        layout.addWidget(_heading(_("Spreadsheet files (CSV)"), content))
        layout.addWidget(_muted(_("One file for each log, to open in a spreadsheet program at home."), content))
        self.log_boxes: dict[EntryKind, QCheckBox] = {}
        logs = FlowLayout(spacing=16)
        for log in LOGS:
            box = QCheckBox(log.kind.label if log.kind is not EntryKind.FAMILY_FEED else _("Feeds you gave"),
                            content)
            box.setChecked(True)
            # The summary has boxes with the same words ("Pumping"): say which these are.
            box.setAccessibleDescription(_("Include this spreadsheet file: {log}").format(log=box.text()))
            self.log_boxes[log.kind] = box
            logs.addWidget(box)
        layout.addLayout(logs)
        self.csv_button = QPushButton(_("Save CSV files…"), content)
        self.csv_button.clicked.connect(self.save_csv)
        self.csv_button.setEnabled(self._files_allowed)
        layout.addWidget(self.csv_button, 0, Qt.AlignmentFlag.AlignLeft)
        if not self._files_allowed:
            layout.addWidget(_muted(_("Your hospital has turned off saving unprotected CSV files on this computer."),
                                    content))

        # --- backup
        layout.addSpacing(16)
        layout.addWidget(_heading(_("Encrypted backup to take home"), content))
        layout.addWidget(_muted(_("The whole journal in one locked file, for a USB stick. It opens only with your "
                                  "passphrase or your recovery code, on this or another computer with NEC Companion "
                                  "(My journal → Restore a backup)."), content))
        self.backup_button = QPushButton(_("Save an encrypted backup…"), content)
        self.backup_button.clicked.connect(self.save_backup)
        self.backup_button.setEnabled(self._backups_allowed)
        layout.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.backups_turned_off = _muted(_("Your hospital has turned off encrypted backups on this computer. Please "
                                           "ask staff how your journal is kept safe here."), content)
        self.backups_turned_off.setVisible(not self._backups_allowed)
        layout.addWidget(self.backups_turned_off)

        # --- files saved this session
        layout.addSpacing(16)
        layout.addWidget(_heading(_("Unprotected files saved from this journal today"), content))
        self.files = QListWidget(content)
        self.files.setAccessibleName(_("Unprotected files saved today"))
        self.files.setMaximumHeight(self.fontMetrics().height() * 6)
        self.delete_files_button = QPushButton(_("Delete these files from this computer"), content)
        self.delete_files_button.clicked.connect(self.delete_files)
        layout.addWidget(self.files)
        layout.addWidget(self.delete_files_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = plain_label("", content)  # shows file paths, which anyone can name
        self.message.setAccessibleDescription(_("Message"))
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._layout = layout

        self._scroll = scroll_page(self, content)
        self.refresh()

    def _tell(self, text: str, *, near: QWidget | None = None) -> None:
        """Show a confirmation or a problem where the family is looking: the message moves under the button that
        was pressed (`near`), scrolls into view and is read out by a screen reader (walkthrough #23)."""
        if near is not None and self._layout.indexOf(near) >= 0:
            self._layout.removeWidget(self.message)
            self._layout.insertWidget(self._layout.indexOf(near) + 1, self.message)
        self.message.setText(text)
        self._show_message(self.message, text)

    def _status(self, text: str) -> None:
        """The summary's own line, under its buttons: scrolled into view and announced."""
        self.summary_status.setText(text)
        self._show_message(self.summary_status, text)

    def _show_message(self, label: QLabel, text: str) -> None:
        if text and self.isVisible():
            self._layout.activate()
            self._scroll.ensureWidgetVisible(label, 16, 16)
        if text:
            announce(label, text)

    # ----- state -----
    def refresh(self) -> None:
        babies = self._babies()
        current = self.baby.currentData()
        self.baby.clear()
        for baby in babies:
            self.baby.addItem(baby.nickname, int(baby.baby_id))
        self.baby.setCurrentIndex(max(0, self.baby.findData(current)))
        today = self.entries.today()
        first = min((b.birth_date for b in babies), default=today)
        # Default once a baby exists: the whole stay, or its last two weeks; later the family's own choice stays.
        if not self._dates_chosen and babies:
            start = max(first, today - dt.timedelta(days=13))
            self.first_day.setDate(QDate(start.year, start.month, start.day))
            self.last_day.setDate(QDate(today.year, today.month, today.day))
            self._dates_chosen = True
        has_baby = bool(babies)
        self.print_button.setEnabled(has_baby and self._summary is not None)
        self.pdf_button.setEnabled(has_baby and self._summary is not None and self._files_allowed)
        self._show_files()

    def _show_files(self) -> None:
        self.files.clear()
        existing = self.written.existing()
        for path in existing:
            self.files.addItem(str(path))
        self.delete_files_button.setEnabled(bool(existing))

    def _day(self, edit: QDateEdit) -> dt.date:
        value = edit.date()
        return dt.date(value.year(), value.month(), value.day())

    def selected_sections(self) -> frozenset[str]:
        return frozenset(key for key, box in self.section_boxes.items() if box.isChecked())

    # ----- unprotected files -----
    def _agree_to_unprotected(self) -> bool:
        return self.prompts.confirm(_("This file will not be protected"), _(UNPROTECTED_WARNING),
                                    yes=_("Save unprotected file"), no=_("Cancel"))

    def _offer_print_instead(self) -> None:
        """After a USB stick refused a file: printing the summary on paper is the other way to take it home."""
        if self._printing is None or not self._printing.allowed or self._summary is None \
                or self.baby.currentData() is None:
            return
        # Translators: {problem} is the message that the USB stick or folder can't be written to.
        question = _("{problem} Would you like to print the summary for the care team on paper instead?").format(
            problem=_(READ_ONLY_PLACE))
        if self.prompts.confirm(_("Print instead?"), question, yes=_("Print instead…"), no=_("Not now")):
            self.print_summary()

    def save_csv(self) -> None:
        if not self._files_allowed:
            self._tell(_(site.TURNED_OFF), near=self.csv_button)
            return
        kinds = frozenset(kind for kind, box in self.log_boxes.items() if box.isChecked())
        if not kinds:
            self._tell(_("Choose at least one log to save."), near=self.csv_button)
            return
        if not self._agree_to_unprotected():
            return
        folder = self.prompts.choose_folder(_("Choose where to save the CSV files (your USB stick)"), start_folder())
        if folder is None:
            return
        try:
            paths = export_csv_logs(self.entries, self._babies(), folder, today=self.entries.today(), kinds=kinds)
        except OSError as error:
            log_save_failure("csv", error)
            if refused_by_place(error):
                self._tell(_("{problem} Try another place, or print instead.").format(problem=_(READ_ONLY_PLACE)),
                           near=self.csv_button)
                self._offer_print_instead()
                return
            # Translators: {reason} is the system's words for the problem (often English), e.g. "No space left".
            self._tell(_("The files could not be saved there ({reason}). Nothing was changed in your journal. Try "
                         "another place, such as a USB stick.").format(reason=error.strerror or _("disk problem")),
                       near=self.csv_button)
            return
        self.written.remember(*paths)
        self._show_files()
        self._tell(ngettext("Saved {n} file in {folder}.", "Saved {n} files in {folder}.", len(paths)).format(
            n=active().number(len(paths)), folder=folder), near=self.csv_button)

    def save_pdf(self) -> None:
        if self._summary is None or self.baby.currentData() is None:
            return
        if not self._files_allowed:
            self._status(_(site.TURNED_OFF))
            return
        if not self._agree_to_unprotected():
            return
        target = self.prompts.save_file(_("Save the summary as PDF"), start_folder() / self._summary.suggested_name(
            self.entries.today()), _("PDF files (*.pdf)"))
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        summary = self._summary
        # Remembered before the first byte is written: if the journal locks or the app quits while it renders,
        # the file (if it got written at all) is still offered for deletion.
        self.written.remember(target)
        self._run_summary(lambda document: summary.save_pdf(document, target, report_progress),
                          done=lambda _r: self._pdf_saved(target))

    def _pdf_saved(self, target: Path) -> None:
        self.written.remember(target)
        self._show_files()
        self._status(_("Saved {file}.").format(file=target))

    def print_summary(self) -> None:
        if self._summary is None or self.baby.currentData() is None:
            return
        document = self._build_document()
        if document is None or self._printing is None:
            return
        summary = self._summary
        # Printing is an export: a "Print to File" gets the same warning as Save as PDF and is remembered.
        if self._printing.print_private(_("Print the summary for the care team"),
                                        lambda printer: summary.print_document(document, printer), self.written,
                                        still_open=self._still_open):
            self._show_files()

    def _build_document(self):
        assert self._summary is not None
        baby = next((b for b in self._babies() if int(b.baby_id) == self.baby.currentData()), None)
        if baby is None:
            return None
        first, last = self._day(self.first_day), self._day(self.last_day)
        if last < first:
            first, last = last, first
        return self._summary.build(self.entries, baby, first, last, self.selected_sections(),
                                   languages=self.summary_languages())

    def summary_languages(self) -> tuple[str, ...]:
        """The languages chosen for the summary, in column order; empty for the app's language."""
        codes = self.language.currentData()
        return tuple(codes) if codes else ()

    def _run_summary(self, work: Callable[[object], object], *, done: Callable[[object], None]) -> None:
        document = self._build_document()
        if document is None:
            return
        self.pdf_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self._status(_("Preparing the summary…"))

        def finished(result: object) -> None:
            self.pdf_button.setEnabled(self._files_allowed)
            self.print_button.setEnabled(True)
            done(result)

        def failed(error: BaseException) -> None:
            self.pdf_button.setEnabled(self._files_allowed)
            self.print_button.setEnabled(True)
            self._show_files()
            if isinstance(error, Cancelled):
                self._status(_("The summary was not saved."))
                return
            log_save_failure("pdf", error)
            if refused_by_place(error):
                self._status(_("{problem} Try another place, or print instead.").format(problem=_(READ_ONLY_PLACE)))
                self._offer_print_instead()
                return
            message = getattr(error, "message", "")
            if message:
                self._status(f"{message} {getattr(error, 'next_step', '')}".strip())
                return
            reason = (error.strerror if isinstance(error, OSError) and error.strerror
                      else _("a problem with the disk"))
            # Translators: {reason} is the system's words for the problem (often English), e.g. "No space left".
            self._status(_("The PDF could not be saved ({reason}). Nothing was changed in your journal. Try another "
                           "place, such as a USB stick, or print instead.").format(reason=reason))

        # Owned by this screen: when the journal locks, the render is cancelled and its result goes nowhere.
        run_in_background(self, lambda: work(document), finished, failed, on_progress=self._show_progress)

    def _show_progress(self, step: int, steps: int) -> None:
        if steps > 0:
            # Translators: {percent} is how much is done, e.g. "Preparing the summary… 40 %".
            self.summary_status.setText(_("Preparing the summary… {percent} %").format(
                percent=active().number(min(100, round(100 * step / steps)))))

    def delete_files(self) -> None:
        deleted, failed = self.written.delete_all()
        self._show_files()
        if failed:
            self._tell(_("Some files could not be deleted (the USB stick may have been removed): {files}").format(
                files=", ".join(p.name for p in failed)), near=self.delete_files_button)
        else:
            self._tell(ngettext("Deleted {n} file. The computer's disk may still hold traces of it until it is reused.",
                                "Deleted {n} files. The computer's disk may still hold traces of them until it is "
                                "reused.", len(deleted)).format(n=active().number(len(deleted))),
                       near=self.delete_files_button)

    # ----- encrypted backup -----
    def save_backup(self) -> None:
        if not self._backups_allowed:
            self._tell(_(site.TURNED_OFF), near=self.backup_button)
            return
        target = self.prompts.save_file(_("Save an encrypted backup (your USB stick)"),
                                        start_folder() / suggested_backup_name(self.entries.today()),
                                        _("NEC Companion backups (*.njx)"))
        if target is None:
            return
        if target.suffix.lower() != ".njx":
            target = target.with_suffix(".njx")
        journal = self._journal
        self.backup_button.setEnabled(False)
        self._tell(_("Saving the encrypted backup…"), near=self.backup_button)

        def saved(report: object) -> None:
            self.backup_button.setEnabled(True)
            self._tell(_("Encrypted backup saved: {file}. It opens only with your passphrase or recovery code.").format(
                file=report.path), near=self.backup_button)  # type: ignore[attr-defined]

        def failed(error: BaseException) -> None:
            self.backup_button.setEnabled(True)
            log_save_failure("backup", error)
            if isinstance(error, JournalError):
                self._tell(error.user_text(), near=self.backup_button)
            else:
                self._tell(_("The backup could not be saved there. Nothing was changed in your journal. Please try "
                             "again, or try another USB stick."), near=self.backup_button)
            if refused_by_place(error):
                self._offer_print_instead()

        # Sealing, writing, flushing and reading back a backup takes a while on a USB stick: off the GUI thread.
        run_in_background(self, lambda: export_backup(journal, target), saved, failed)


SECTION_LABELS: tuple[tuple[str, str], ...] = (  # labels marked with N_: translated where shown
    ("baby", N_("Baby and ages")), ("feeding", N_("Feeding progression (chart and table)")),
    ("pumping", N_("Pumping")), ("weights", N_("Weights")), ("care_events", N_("Care events")),
    ("open_questions", N_("Questions to ask (with room for answers)")),
    ("answered_questions", N_("Answered questions")), ("notes", N_("Notes")))


class SummaryActions:
    """How the Export tab makes the care-team summary; filled in by the composition (see make_summary_actions)."""

    def __init__(self, *, build: Callable[..., object], save_pdf: Callable[..., object],
                 print_document: Callable[[object, object], object], suggested_name: Callable[[dt.date], str]) -> None:
        self.build = build
        self.save_pdf = save_pdf
        self.print_document = print_document
        self.suggested_name = suggested_name


def make_summary_actions(book: QuestionBook, clock: Clock) -> SummaryActions:
    """How the Export tab builds, saves and prints the care-team summary (export/summary.py + export/pdf.py)."""

    from PySide6.QtCore import QLocale

    from nec_companion.export.pdf import page_size_for_paper, print_summary, render_summary_pdf
    from nec_companion.export.summary import Section, SummaryOptions, build_summary

    def build(entries: JournalEntries, baby: Baby, first: dt.date, last: dt.date, sections: frozenset[str], *,
              languages: tuple[str, ...] = ()) -> object:
        options = SummaryOptions(baby_id=baby.baby_id, first_day=first, last_day=last,
                                 sections=frozenset(Section(key) for key in sections), languages=languages)
        document = build_summary(entries, book.all(), baby, options, clock.now())
        # The hospital's unit (site file) in every part's footer, each in its part's language.
        return document.with_place(site.active().place)

    def save_pdf(document: Any, target: Path, progress: Callable[[int, int], None]) -> object:
        return render_summary_pdf(document, target, page_size=page_size_for_paper(site.active().paper_size, QLocale()),
                                  progress=progress)

    def print_document(document: object, printer: object) -> object:
        return print_summary(document, printer)  # type: ignore[arg-type]

    return SummaryActions(build=build, save_pdf=save_pdf, print_document=print_document,
                          suggested_name=lambda today: f"care-team-summary-{today.isoformat()}.pdf")
