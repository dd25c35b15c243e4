"""Audit F2 in the UI: the passphrase change runs off the GUI thread and commits only after the new recovery
code was typed back; closing the code dialog (a lock) changes nothing, and the old passphrase still opens."""

from __future__ import annotations

import pytest

from nec_companion.core.errors import WrongPassphrase
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory
from nec_companion.ui.journal.dialogs import ChangePassphraseDialog, RecoveryCodeDialog
from nec_companion.ui.lock_sweep import close_windows_for_lock

from .test_journal_screen import PASSPHRASE, create_journal, when_dialog

NEW = "fresh orchard window candle"


def _change(qtbot, window, *, type_back: bool) -> list[str]:
    screen = window.journal_screen
    shown: list[str] = []

    def fill(dialog: ChangePassphraseDialog) -> None:
        dialog.current.setText(PASSPHRASE)
        dialog.new.setText(NEW)
        dialog.again.setText(NEW)
        dialog._accept()

    def card(dialog: RecoveryCodeDialog) -> None:
        shown.append("-".join(dialog._code.groups))
        if type_back:
            dialog.confirm_edit.setText(dialog._code.groups[dialog.check_group - 1])
            dialog._accept()
        else:  # what a lock does to the dialog (Escape cannot close it)
            close_windows_for_lock()

    when_dialog(ChangePassphraseDialog, fill)
    when_dialog(RecoveryCodeDialog, card)
    screen.page.change_passphrase_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    return shown


def test_change_commits_only_after_the_code_is_typed_back(qtbot, journal_window, app_paths, clock) -> None:
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    shown = _change(qtbot, journal_window, type_back=True)
    qtbot.waitUntil(lambda: "now open this journal" in screen.page.notice.label.text(), timeout=15000)
    journal_window.lock_journal("now")
    directory = JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    journal_id = directory.list()[0].journal_id
    with pytest.raises(WrongPassphrase):
        directory.open(journal_id, PASSPHRASE)
    directory.open(journal_id, NEW).close()
    directory.open_with_recovery_code(journal_id, shown[0], new_passphrase=PASSPHRASE)[0].close()


def test_closing_the_code_dialog_changes_nothing(qtbot, journal_window, app_paths, clock) -> None:
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    _change(qtbot, journal_window, type_back=False)
    qtbot.waitUntil(lambda: "were not changed" in screen.page.notice.label.text(), timeout=15000)
    journal_window.lock_journal("now")
    directory = JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    journal_id = directory.list()[0].journal_id
    with pytest.raises(WrongPassphrase):
        directory.open(journal_id, NEW)
    directory.open(journal_id, PASSPHRASE).close()
