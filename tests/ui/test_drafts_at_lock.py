"""Nothing typed is lost (UX walkthrough #22, #25): a dialog open when the journal locks keeps its text, encrypted
in the journal, and offers it back after unlocking; Escape or Cancel with typed text asks first; the start page
says the journal locked itself."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from nec_companion.ui.entries.dialogs import NoteDialog, WeightDialog
from nec_companion.ui.questions.dialogs import QuestionDialog
from tests.ui.test_journal_screen import (
    PASSPHRASE,
    add_baby,
    create_journal,
    when_dialog,
)

NOTE = "Zqxdraft held my finger for the first time"


def _note_button(window):
    tabs = window.journal_screen.page.tabs
    for index in range(tabs.count()):
        for button in getattr(tabs.widget(index), "add_buttons", []):
            if button.text().startswith("Write a note"):
                return button
    raise AssertionError("no note button")


def _unlock(qtbot, window) -> None:
    screen = window.journal_screen
    screen.start.passphrase.setText(PASSPHRASE)
    screen.start.open_button.click()
    qtbot.waitUntil(lambda: screen.session is not None, timeout=15000)


def _plain_bytes_on_disk(folder, text: str) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def test_note_typed_at_auto_lock_is_kept_encrypted_and_offered_back(qtbot, journal_window, clock, app_paths):
    """A note being typed when the journal locks itself: the start page says it locked itself and kept the text;
    the text is nowhere on screen or on disk in the clear; after unlocking, "Open it again" brings the note back
    with its text, and it can be saved."""
    window = journal_window
    create_journal(qtbot, window)
    add_baby(qtbot, window)
    screen = window.journal_screen

    def type_then_walk_away(dialog: NoteDialog) -> None:
        dialog.text.setPlainText(NOTE)
        clock.advance(dt.timedelta(minutes=10))
        screen.session.check_idle()

    when_dialog(NoteDialog, type_then_walk_away)
    _note_button(window).click()
    qtbot.waitUntil(lambda: screen.session is None, timeout=5000)
    assert screen.start.lock_note.isVisible()
    assert "locked itself" in screen.start.lock_note.label.text()
    assert "What you were typing was kept" in screen.start.lock_note.label.text()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(NOTE in getattr(w, "toPlainText", lambda: "")() for w in QApplication.allWidgets())
    assert _plain_bytes_on_disk(app_paths.data_dir, "Zqxdraft") == []

    _unlock(qtbot, window)
    assert not screen.start.lock_note.isVisible()
    assert screen.page.drafts.isVisible()
    assert "Write a note" in screen.page.drafts.label.text()
    seen: list[str] = []

    def check_and_save(dialog: NoteDialog) -> None:
        seen.append(dialog.text.toPlainText())
        dialog.save()

    when_dialog(NoteDialog, check_and_save)
    screen.page.reopen_draft_button.click()
    assert seen == [NOTE]
    assert [n.text for n in screen.entries.notes()] == [NOTE]
    assert not screen.page.drafts.isVisible()


def test_question_typed_at_lock_now_comes_back(qtbot, journal_window, clock):
    """A question being typed when the family presses Lock now is also kept and comes back after unlocking;
    Lock now does not claim the journal locked itself."""
    window = journal_window
    create_journal(qtbot, window)
    screen = window.journal_screen

    def type_then_lock(dialog: QuestionDialog) -> None:
        dialog.text.setPlainText("Zqxdraft when can she try the breast?")
        QTimer.singleShot(0, window.lock_button.click)

    when_dialog(QuestionDialog, type_then_lock)
    screen.questions_screen.add_button.click()
    qtbot.waitUntil(lambda: screen.session is None, timeout=5000)
    assert not screen.start.lock_note.isVisible()
    _unlock(qtbot, window)
    seen: list[str] = []
    when_dialog(QuestionDialog, lambda d: (seen.append(d.text.toPlainText()), d._accept()))
    screen.page.reopen_draft_button.click()
    assert seen == ["Zqxdraft when can she try the breast?"]
    assert [q.text for q in screen.questions_screen.book.all()] == ["Zqxdraft when can she try the breast?"]


def test_escape_asks_before_discarding_typed_text(qtbot, journal_window):
    """Escape on a dialog with typed text asks; "Keep writing" keeps it open with the text. With nothing typed,
    Escape closes at once without asking."""
    window = journal_window
    create_journal(qtbot, window)
    add_baby(qtbot, window)
    screen = window.journal_screen
    prompts = screen.prompts
    outcome: list[object] = []

    def escape_twice(dialog: NoteDialog) -> None:
        dialog.text.setPlainText("Zqx a sentence")
        prompts.confirms = [False]  # "Keep writing"
        dialog.reject()
        outcome.append(dialog.isVisible())
        outcome.append(dialog.text.toPlainText())
        prompts.confirms = [True]  # "Discard it"
        dialog.reject()
        outcome.append(dialog.isVisible())

    when_dialog(NoteDialog, escape_twice)
    _note_button(window).click()
    assert outcome == [True, "Zqx a sentence", False]
    assert [kind for kind, text in prompts.asked if "Close it without saving" in text] == ["confirm", "confirm"]

    asked_before = len(prompts.asked)
    when_dialog(WeightDialog, lambda d: d.reject())
    window.journal_screen.today_screen.quick_add(next(a for a in __import__(
        "nec_companion.ui.entries.today", fromlist=["QUICK_ADDS"]).QUICK_ADDS if a.shortcut == "Alt+W"))
    assert len(prompts.asked) == asked_before
    assert screen.entries.weights() == ()


def test_wrong_passphrase_clears_hides_refocuses_and_says_the_wait(qtbot, journal_window, clock):
    """A wrong passphrase: the field is emptied, Show is turned off, the cursor is back in the field; once the
    free tries are used up, the message says how long to wait."""
    window = journal_window
    create_journal(qtbot, window)
    window.lock_button.click()
    screen = window.journal_screen
    window.activateWindow()
    field = screen.start.passphrase
    for attempt in range(5):
        field.toggle.setChecked(True)
        field.setText(f"not the right one {attempt}")
        screen.start.open_button.click()
        qtbot.waitUntil(lambda: "doesn't open" in screen.start.message.text() and screen.start.open_button.isEnabled(),
                        timeout=10000)
        assert field.text() == ""
        assert not field.toggle.isChecked()
        assert field.edit.echoMode() == field.edit.EchoMode.Password
        assert QApplication.focusWidget() is field.edit
    assert "try again in 30 seconds" in screen.start.message.text()


def test_add_shortcuts_work_from_every_journal_section(qtbot, journal_window):
    """Alt+W opens "Record a weight" from the Notes tab (not only from Today), once per key press, and the
    shortcuts of an earlier unlock do not linger."""
    from PySide6.QtCore import Qt

    window = journal_window
    create_journal(qtbot, window)
    add_baby(qtbot, window)
    window.lock_button.click()
    _unlock(qtbot, window)
    screen = window.journal_screen
    tabs = screen.page.tabs
    notes = next(tabs.widget(i) for i in range(tabs.count()) if tabs.tabText(i) == "Notes")
    tabs.setCurrentWidget(notes)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    opened: list[str] = []
    when_dialog(WeightDialog, lambda d: (opened.append(d.windowTitle()), d.reject()))
    qtbot.keyClick(notes, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened == ["Record a weight"]
