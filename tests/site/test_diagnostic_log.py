"""The diagnostic log for IT: rotating, 0600, versions and problems by kind, and never a family's words."""

from __future__ import annotations

import errno
import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from nec_companion import diagnostics
from nec_companion.diagnostics import LOG_BACKUPS, LOG_FILE_NAME, LOG_MAX_BYTES, close_log, open_log

CANARY_LABEL = "Qvlabelcanary"
CANARY_PASSPHRASE = "zebra quokka canary lantern orchid"
CANARY_NICK = "Zqxnickcanary"
CANARY_NOTE = "Wvnotecanary"
CANARY_QUESTION = "Kjquestioncanary"
CANARIES = (CANARY_LABEL, CANARY_PASSPHRASE, CANARY_NICK, CANARY_NOTE, CANARY_QUESTION, "canary")


@pytest.fixture
def log_dir(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "logs"
    assert open_log(folder) == folder / LOG_FILE_NAME
    yield folder
    close_log()


def _log_text(folder: Path) -> str:
    for handler in logging.getLogger("nec_companion").handlers:
        handler.flush()
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.iterdir()))


def test_log_is_private_and_rotates(log_dir: Path) -> None:
    diagnostics.log_versions("6.x")
    path = log_dir / LOG_FILE_NAME
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    text = _log_text(log_dir)
    assert "NEC Companion" in text and "Python" in text and "Qt 6.x" in text
    for _ in range(LOG_MAX_BYTES // 40 * (LOG_BACKUPS + 2)):
        diagnostics.log_problem("content", "resources/library/x/y.md:1: something about a public file")
    files = sorted(log_dir.iterdir())
    assert len(files) == LOG_BACKUPS + 1
    assert all(f.stat().st_size <= LOG_MAX_BYTES + 200 for f in files)
    if os.name != "nt":
        assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def test_save_failures_are_logged_by_kind_only(log_dir: Path) -> None:
    error = OSError(errno.EROFS, f"Read-only file system: '/media/usb/{CANARY_NICK}.csv'")
    diagnostics.log_save_failure("csv", error)
    wrapped = RuntimeError(f"with {CANARY_NOTE}")
    wrapped.__cause__ = OSError(errno.ENOSPC, "full")
    diagnostics.log_save_failure("not-a-kind", wrapped)
    text = _log_text(log_dir)
    assert "save failed: csv: OSError errno 30" in text
    assert "save failed: other: RuntimeError errno 28" in text
    assert CANARY_NICK not in text and CANARY_NOTE not in text


def test_a_whole_session_leaves_no_family_words_in_the_log(qtbot, app_paths, log_dir: Path, tmp_path: Path,
                                                          monkeypatch) -> None:
    """Canaries in the label, passphrase, nickname, note and question; a journal save that fails (disk full),
    a CSV export to a read-only stick, a backup that fails, an unexpected error: none reaches the log."""
    import datetime as dt

    from nec_companion import app
    from nec_companion.core.clock import ManualClock
    from nec_companion.core.notes import NoteEntry
    from nec_companion.core.questions import QuestionDraft
    from nec_companion.journal.schema import JOURNAL_SCHEMA
    from nec_companion.security.kdf import KdfPolicy
    from nec_companion.storage import JournalDirectory, journal_file
    from nec_companion.ui.journal.dialogs import CreateJournalDialog, RecoveryCodeDialog
    from nec_companion.ui.main_window import MainWindow
    from nec_companion.ui.prompts import ScriptedPrompts
    from tests.ui.test_journal_screen import add_baby, when_dialog

    clock = ManualClock(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC))
    prompts = ScriptedPrompts()
    window = MainWindow(journal_directory=lambda: JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                                                   clock=clock,
                                                                   kdf=KdfPolicy.insecure_fast_for_tests()),
                        clock=clock, prompts=prompts, idle_minutes=3)
    qtbot.addWidget(window)
    window.show()
    window.show_screen("journal")
    screen = window.journal_screen
    done: list[bool] = []

    def fill(dialog: CreateJournalDialog) -> None:
        dialog.label_edit.setText(CANARY_LABEL)
        dialog.use_own.setChecked(True)
        dialog.own.setText(CANARY_PASSPHRASE)
        dialog.own_again.setText(CANARY_PASSPHRASE)
        dialog.create_button.click()

    def code(dialog: RecoveryCodeDialog) -> None:
        dialog.confirm_edit.setText(dialog._code.groups[dialog.check_group - 1])
        dialog._accept()
        done.append(True)

    when_dialog(CreateJournalDialog, fill)
    when_dialog(RecoveryCodeDialog, code)
    screen.start.create_button.click()
    qtbot.waitUntil(lambda: screen.session is not None and bool(done), timeout=15000)
    add_baby(qtbot, window, CANARY_NICK)
    screen.questions_screen.book.add(QuestionDraft(text=f"Ask about {CANARY_QUESTION}"))
    screen.entries.add(NoteEntry(at=screen.entries.now(), time_zone=screen.entries.time_zone,
                                 text=f"Held {CANARY_NOTE} today"))
    screen.session.note_changed()

    # A journal save that fails: the error's message carries family words.
    def full(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, f"No space left for {CANARY_NOTE} {CANARY_LABEL}")

    with monkeypatch.context() as patched:
        patched.setattr(journal_file.os, "write", full)
        screen.session.save_soon_now()
        qtbot.waitUntil(lambda: screen.page.problem.isVisible(), timeout=10000)

    # A CSV export to a read-only stick whose folder is named after the baby.
    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, f"Read-only: /media/{CANARY_NICK}")

    monkeypatch.setattr("nec_companion.ui.journal.export_screen.export_csv_logs", refuse)
    screen.page.tabs.setCurrentWidget(screen.export_screen)
    prompts.confirms = [True, False]
    prompts.paths = [tmp_path / CANARY_NICK]
    screen.export_screen.csv_button.click()
    assert "write-protected" in screen.export_screen.message.text()

    # An unexpected error with family words in its message goes through the kind error handler.
    app.install_kind_error_handler(window)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *a, **k: None)
    try:
        raise ValueError(f"bad {CANARY_QUESTION} {CANARY_PASSPHRASE}")
    except ValueError as error:
        sys.excepthook(ValueError, error, error.__traceback__)
    finally:
        sys.excepthook = sys.__excepthook__

    screen.session.save_soon_now()
    qtbot.waitUntil(lambda: not screen.session.journal.dirty, timeout=10000)
    window.lock_journal("now")
    text = _log_text(log_dir)
    assert "save failed: journal:" in text and "errno 28" in text
    assert "save failed: csv: OSError errno 30" in text
    assert "unexpected error: ValueError" in text
    raw = b"".join(p.read_bytes() for p in log_dir.iterdir())
    for canary in CANARIES:
        for word in canary.split():
            assert word.encode("utf-8") not in raw and word.encode("utf-16-le") not in raw, word
