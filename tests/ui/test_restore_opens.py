"""After restoring a backup, the passphrase just typed opens the restored journal (UX walkthrough 24), but never
behind a recovery card nobody answered."""

from __future__ import annotations

from pathlib import Path

from nec_companion.ui.journal.dialogs import RecoveryCodeDialog
from tests.ui.test_journal_screen import (
    PASSPHRASE,
    create_journal,
    when_dialog,
)


def _backup(qtbot, window, tmp_path: Path) -> Path:
    create_journal(qtbot, window)
    screen = window.journal_screen
    target = tmp_path / "journal-backup.njx"
    screen.prompts.paths = [target]
    screen.export_screen.backup_button.click()
    qtbot.waitUntil(lambda: "Encrypted backup saved" in screen.export_screen.message.text(), timeout=15000)
    window.lock_journal("now")
    return target


def test_keep_both_shows_the_new_card_then_opens_the_copy(qtbot, journal_window, tmp_path: Path) -> None:
    screen = journal_window.journal_screen
    target = _backup(qtbot, journal_window, tmp_path)
    original = screen.start.selected_journal_id()

    def type_back(dialog: RecoveryCodeDialog) -> None:
        dialog.confirm_edit.setText(dialog._code.groups[dialog.check_group - 1])
        dialog._accept()

    when_dialog(RecoveryCodeDialog, type_back)
    screen.prompts.paths = [target]
    screen.prompts.secrets = [PASSPHRASE]
    screen.prompts.confirms = [False, True]  # "Don't replace it", then "Keep both journals"
    screen.start.restore_button.click()
    qtbot.waitUntil(lambda: screen.session is not None, timeout=20000)
    assert screen.session.journal.journal_id != original  # the restored copy, not the journal already here
    assert "was restored from the backup and is open" in screen.page.notice.label.text()
    assert screen.start.journals.count() == 2


def test_an_unanswered_card_leaves_the_restored_journal_locked(qtbot, journal_window, tmp_path: Path) -> None:
    screen = journal_window.journal_screen
    target = _backup(qtbot, journal_window, tmp_path)
    when_dialog(RecoveryCodeDialog, lambda dialog: dialog.done(0))  # closed as the idle sweep closes it
    screen.prompts.paths = [target]
    screen.prompts.secrets = [PASSPHRASE]
    screen.prompts.confirms = [False, True]
    screen.start.restore_button.click()
    qtbot.waitUntil(lambda: "Open it with its passphrase" in screen.start.notice.label.text(), timeout=20000)
    assert screen.session is None
    assert screen.start.journals.count() == 2
