"""Text from a family or a file is shown as plain text, never as markup (security audit M2, code review §1): the
journal heading, baby names, messages with file paths, and the restore prompt that shows a backup's label before
any passphrase check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

from nec_companion.ui.prompts import Prompts
from tests.ui.test_journal_screen import (
    PASSPHRASE,
    add_baby,
    when_dialog,
)
from tests.ui.test_lock_leaves_nothing import answer

MARKUP = '<img src=x><b><font color=red>Zqx IT'


def create_labelled_journal(qtbot, window, label: str) -> None:
    from nec_companion.ui.journal.dialogs import CreateJournalDialog, RecoveryCodeDialog

    screen = window.journal_screen

    def fill(dialog: CreateJournalDialog) -> None:
        dialog.label_edit.setMaxLength(200)
        dialog.label_edit.setText(label)
        dialog.use_own.setChecked(True)
        dialog.own.setText(PASSPHRASE)
        dialog.own_again.setText(PASSPHRASE)
        dialog.create_button.click()

    def keep(dialog: RecoveryCodeDialog) -> None:
        dialog.confirm_edit.setText(dialog._code.groups[dialog.check_group - 1])
        dialog._accept()

    when_dialog(CreateJournalDialog, fill)
    when_dialog(RecoveryCodeDialog, keep)
    screen.start.create_button.click()
    qtbot.waitUntil(lambda: screen.session is not None, timeout=15000)


def labels_showing(marker: str) -> list[QLabel]:
    return [w for w in QApplication.allWidgets() if isinstance(w, QLabel) and marker in w.text()]


def test_journal_label_and_nickname_are_plain_text_everywhere(qtbot, journal_window) -> None:
    create_labelled_journal(qtbot, journal_window, MARKUP)
    add_baby(qtbot, journal_window, "<b>Zqxbean</b>")
    screen = journal_window.journal_screen
    assert screen.page.heading.text() == f"Journal: {MARKUP}"
    assert screen.page.heading.textFormat() == Qt.TextFormat.PlainText
    for tab in range(screen.page.tabs.count()):
        screen.page.tabs.setCurrentIndex(tab)
    shown = labels_showing("Zqx")
    assert shown, "the label and nickname are on screen"
    assert [(label.text(), label.textFormat()) for label in shown
            if label.textFormat() != Qt.TextFormat.PlainText] == []


def test_restore_prompt_shows_the_backup_label_as_plain_text(qtbot, journal_window, tmp_path: Path) -> None:
    """The label in a backup's header is not authenticated before the passphrase: it must not be markup."""
    create_labelled_journal(qtbot, journal_window, MARKUP)
    screen = journal_window.journal_screen
    backup = tmp_path / "journal-backup.njx"
    screen.prompts.paths = [backup]
    screen.export_screen.backup_button.click()
    qtbot.waitUntil(lambda: backup.exists(), timeout=15000)
    journal_window.lock_journal("now")

    class RealQuestions(Prompts):
        def open_file(self, title: str, start: Path, file_filter: str) -> Path | None:
            return backup

    screen.prompts = RealQuestions(journal_window)
    seen: list[tuple[str, Qt.TextFormat]] = []

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.extend((label.text(), label.textFormat()) for label in dialog.findChildren(QLabel) if label.text())
        dialog.reject()

    answer([(QInputDialog, look)])
    screen.start.restore_button.click()
    assert any(MARKUP in text for text, _format in seen), seen
    assert all(text_format == Qt.TextFormat.PlainText for _text, text_format in seen)
