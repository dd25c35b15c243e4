"""Printing is an export (security audit F1, M16): journal prints that end up in a file get the unprotected-file
warning and are offered for deletion at lock; the recovery card goes to paper only; dialog titles say what is
printed; one switch turns printing off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from nec_companion.core.clock import ManualClock
from nec_companion.core.questions import QuestionDraft
from nec_companion.journal.sample import build_sample_twins
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.security.recovery_code import RecoveryCode
from nec_companion.storage import JournalDirectory
from nec_companion.ui.journal.dialogs import RecoveryCodeDialog
from nec_companion.ui.main_window import MainWindow
from nec_companion.ui.printing import PrintService
from nec_companion.ui.prompts import ScriptedPrompts
from tests.ui.test_journal_screen import create_journal


class FakePrintDialog:
    """Stands in for the operating system's print dialog only: records what the app asked for and chooses as a
    family would (a file, a named printer, or Cancel)."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, bool]] = []
        self.file: Path | None = None
        self.printer_name = ""
        self.press_print = True

    def __call__(self, printer: QPrinter, title: str, allow_file: bool) -> bool:
        self.asked.append((title, allow_file))
        if self.file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.file))
        elif self.printer_name:
            printer.setPrinterName(self.printer_name)
        return self.press_print


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC))


def _window(qtbot, app_paths, clock, *, printers: list[str], allow: bool = True):  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts()
    dialog = FakePrintDialog()
    printing = PrintService(parent=None, prompts=prompts, allowed=allow, choose=dialog,
                            printer_names=lambda: list(printers))

    def directory() -> JournalDirectory:
        return JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())

    window = MainWindow(journal_directory=directory, clock=clock, prompts=prompts, idle_minutes=3,
                        printing=printing)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    window.show_screen("journal")
    return window, prompts, dialog


@pytest.mark.parametrize("what", ["rounds sheet", "summary"])
def test_printing_journal_data_to_a_file_warns_and_offers_deletion_at_lock(qtbot, app_paths, clock, tmp_path: Path,
                                                                          what: str) -> None:
    window, prompts, dialog = _window(qtbot, app_paths, clock, printers=[])
    create_journal(qtbot, window)
    screen = window.journal_screen
    build_sample_twins(screen.session.journal, clock=clock, days=5, seed=3)
    screen.questions_screen.book.add(QuestionDraft(text="Zqx private question?"))
    target = tmp_path / "printed.pdf"
    dialog.file = target
    if what == "rounds sheet":
        button, title = screen.rounds_screen.print_button, "Print the rounds sheet"
    else:
        screen.export_screen.refresh()
        button, title = screen.export_screen.print_button, "Print the summary for the care team"

    prompts.confirms = [False]  # "Cancel" at the warning: nothing is written
    button.click()
    assert dialog.asked == [(title, True)]
    assert "NOT be protected" in prompts.asked[-1][1]
    assert not target.exists() and screen.written.existing() == []

    prompts.confirms = [True]  # "Save unprotected file"
    button.click()
    assert target.read_bytes().startswith(b"%PDF")
    assert screen.written.existing() == [target]

    prompts.confirms = [True]  # at Lock now: "Delete the files you saved?" → Delete them
    window.lock_journal("now")
    assert "not protected" in prompts.asked[-1][1]  # "1 file not protected" (plural-aware wording)
    assert not target.exists()


def test_printing_journal_data_on_paper_asks_nothing_more(qtbot, app_paths, clock) -> None:
    """A real printer (no file): no unprotected-file warning, nothing remembered."""
    window, prompts, dialog = _window(qtbot, app_paths, clock, printers=["Ward printer"])
    create_journal(qtbot, window)
    screen = window.journal_screen
    dialog.press_print = False  # the family looked at the dialog and cancelled
    screen.rounds_screen.print_button.click()
    assert dialog.asked == [("Print the rounds sheet", True)]
    assert [kind for kind, _text in prompts.asked] == []
    assert screen.written.paths == []


def _card(window: MainWindow) -> RecoveryCodeDialog:
    screen = window.journal_screen
    return RecoveryCodeDialog(RecoveryCode.generate(), label="Blue Otter",
                              print_document=screen._print_card if screen.printing else None,
                              parent=screen)


def test_recovery_card_goes_to_paper_only(qtbot, app_paths, clock, tmp_path: Path) -> None:
    """The card's dialog offers no print-to-file; a printer that writes a file is refused; nothing is written."""
    window, prompts, dialog = _window(qtbot, app_paths, clock, printers=["Ward printer"])
    card = _card(window)
    dialog.file = tmp_path / "card.pdf"
    card.print_card()
    assert dialog.asked == [("Print your recovery code", False)]
    assert prompts.asked[-1][0] == "warn" and "only be printed on paper" in prompts.asked[-1][1]
    assert not (tmp_path / "card.pdf").exists()
    dialog.file = None
    dialog.printer_name = "Microsoft Print to PDF"
    card.print_card()
    assert prompts.asked[-1][0] == "warn" and "only be printed on paper" in prompts.asked[-1][1]


def test_recovery_card_with_no_printer_says_so_kindly(qtbot, app_paths, clock) -> None:
    window, prompts, dialog = _window(qtbot, app_paths, clock, printers=[])
    _card(window).print_card()
    assert dialog.asked == []
    assert prompts.asked[-1][0] == "inform" and "write it down" in prompts.asked[-1][1]


@pytest.mark.qt_log_ignore(".*")  # the print dialog on the offscreen platform, with no print service, complains
def test_the_real_print_dialog_for_the_card_has_no_print_to_file(qtbot, app_paths, clock) -> None:
    """The actual Qt print dialog: titled with what is printed, "Print to File" switched off for the card."""
    printing = PrintService(parent=None, prompts=ScriptedPrompts())
    seen: list[tuple[str, bool]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            seen.append((dialog.windowTitle(), dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)))
            dialog.reject()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    assert printing._print_dialog(QPrinter(), "Print your recovery code", False) is False
    assert seen == [("Print your recovery code", False)]


def test_printing_can_be_switched_off(qtbot, app_paths, clock, bundled_library, bundled_index) -> None:
    """allow_printing=False: no Print button anywhere (reader, rounds, summary, recovery card), nothing prints."""
    window, _prompts, dialog = _window(qtbot, app_paths, clock, printers=["Ward printer"], allow=False)
    window.set_library(bundled_library, bundled_index)
    window.show_screen("library")
    window.library_screen.open_article("warning-signs")
    assert not window.library_screen.reader.print_button.isVisibleTo(window)
    window.show_screen("journal")
    create_journal(qtbot, window)
    screen = window.journal_screen
    assert screen.rounds_screen.print_button.isHidden()
    assert screen.export_screen.print_button.isHidden()
    assert _card(window).print_button.isHidden()
    assert "Write this code down now." in " ".join(
        label.text() for label in _card(window).findChildren(type(screen.start.message)))
    window._print_document(screen.rounds_screen.document())
    assert dialog.asked == []


def test_printing_is_on_by_default(qtbot, app_paths, clock, bundled_library, bundled_index) -> None:
    window, _prompts, _dialog = _window(qtbot, app_paths, clock, printers=["Ward printer"])
    window.set_library(bundled_library, bundled_index)
    window.show_screen("library")
    window.library_screen.open_article("warning-signs")
    assert window.library_screen.reader.print_button.isVisibleTo(window)
    window.show_screen("journal")
    create_journal(qtbot, window)
    screen = window.journal_screen
    assert not screen.rounds_screen.print_button.isHidden()
    assert not screen.export_screen.print_button.isHidden()
    assert not _card(window).print_button.isHidden()


def test_nothing_prints_if_the_journal_locked_while_the_print_dialog_was_open(qtbot, app_paths, clock,
                                                                              tmp_path: Path) -> None:
    """A system print dialog the lock could not close: when it returns, nothing is printed or saved."""
    window, _prompts, dialog = _window(qtbot, app_paths, clock, printers=["Ward printer"])
    create_journal(qtbot, window)
    screen = window.journal_screen
    rounds = screen.rounds_screen
    target = tmp_path / "late.pdf"

    def lock_then_print(printer: QPrinter, title: str, allow_file: bool) -> bool:
        window.lock_journal("idle")
        dialog.file = target
        return FakePrintDialog.__call__(dialog, printer, title, allow_file)

    screen.printing._choose = lock_then_print
    rounds.print_sheet()
    assert screen.session is None
    assert not target.exists()
    assert screen.written.paths == []
