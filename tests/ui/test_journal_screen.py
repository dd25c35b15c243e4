"""The journal tab end to end with real dialogs: create, recovery code, babies, lock, reopen, recover, delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from nec_companion.ui.journal.dialogs import BabyDialog, CreateJournalDialog, RecoverWithCodeDialog, RecoveryCodeDialog
from nec_companion.ui.main_window import MainWindow

PASSPHRASE = "quiet harbour lantern meadow"

CANARY = "Zqxcanarybean"


def when_dialog(kind: type[QDialog], act: Callable[[QDialog], None], *, seconds: float = 20) -> None:
    """Answer the next modal dialog of `kind` as a person would, as soon as it opens (gives up after `seconds`, so
    a poll left over from one test never answers another test's dialog)."""
    tries = int(seconds * 1000 / 20)

    def poll(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)




def create_journal(qtbot, window: MainWindow, *, passphrase: str = PASSPHRASE) -> str:
    screen = window.journal_screen
    assert screen is not None
    codes: list[str] = []

    def fill(dialog: CreateJournalDialog) -> None:
        dialog.use_own.setChecked(True)
        dialog.own.setText(passphrase)
        dialog.own_again.setText(passphrase)
        dialog.create_button.click()

    def keep_code(dialog: RecoveryCodeDialog) -> None:
        codes.append("-".join(dialog._code.groups))
        dialog.confirm_edit.setText("WRONG")
        dialog._accept()
        assert "does not match" in dialog.problem.text()
        dialog.confirm_edit.setText(dialog._code.groups[dialog.check_group - 1].lower())
        dialog._accept()

    when_dialog(CreateJournalDialog, fill)
    when_dialog(RecoveryCodeDialog, keep_code)
    screen.start.create_button.click()
    qtbot.waitUntil(lambda: screen.session is not None and bool(codes), timeout=15000)
    return codes[0]


def add_baby(qtbot, window: MainWindow, nickname: str = CANARY) -> None:
    screen = window.journal_screen

    def fill(dialog: BabyDialog) -> None:
        dialog.nickname.setText(nickname)
        dialog.birth_date.setDate(dialog.birth_date.date().addDays(-20))
        dialog.ga_weeks.setValue(27)
        dialog.ga_days.setValue(3)
        dialog.pounds.setFocus()
        dialog.pounds.setValue(2)
        dialog._accept()

    when_dialog(BabyDialog, fill)
    screen.page.add_button.click()


def test_create_journal_shows_recovery_code_and_opens(qtbot, journal_window) -> None:
    """Creating a journal opens it, the recovery code must be typed back, Lock now becomes available."""
    code = create_journal(qtbot, journal_window)
    assert len(code) >= 20
    screen = journal_window.journal_screen
    assert screen.stack.currentWidget() is screen.page
    assert journal_window.lock_button.isEnabled()
    assert journal_window.windowTitle() == "NEC Companion"


def test_baby_ages_and_lock_and_reopen(qtbot, journal_window, clock) -> None:
    """A baby added shows its computed ages; after Lock now the views are empty; the passphrase brings it back."""
    create_journal(qtbot, journal_window)
    add_baby(qtbot, journal_window)
    screen = journal_window.journal_screen
    assert len(screen.page.cards) == 1
    card = screen.page.cards[0]
    assert CANARY in card.accessibleName()
    assert "907 g (2 lb 0 oz)" in card.birth_label.text()  # 2 lb typed → grams
    assert "day 21 of life" in card.ages_label.text()
    assert "postmenstrual age 30+2 weeks" in card.ages_label.text()
    qtbot.waitUntil(lambda: screen.session is not None and not screen.session.journal.dirty, timeout=10000)
    journal_window.lock_button.click()
    assert screen.session is None
    assert screen.stack.currentWidget() is screen.start
    assert screen.page.cards == []
    assert not journal_window.lock_button.isEnabled()
    # wrong passphrase: a kind message, nothing opens
    screen.start.passphrase.setText("not the right one at all")
    screen.start.open_button.click()
    qtbot.waitUntil(lambda: "doesn't open" in screen.start.message.text(), timeout=10000)
    assert screen.session is None
    clock.advance(dt.timedelta(minutes=5))  # past the wrong-attempt delay
    screen.start.passphrase.setText(PASSPHRASE)
    screen.start.open_button.click()
    qtbot.waitUntil(lambda: screen.session is not None, timeout=10000)
    assert CANARY in screen.page.cards[0].accessibleName()


def test_auto_lock_after_idle_with_countdown(qtbot, journal_window, clock) -> None:
    """Quiet for 2.5 minutes shows a countdown; movement cancels it; 3 quiet minutes lock the journal."""
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    session = screen.session
    clock.advance(dt.timedelta(seconds=155))
    session.check_idle()
    assert screen.page.countdown.isVisible()
    assert "25 seconds" in screen.page.countdown.label.text()
    qtbot.mouseMove(screen.page.add_button)
    assert not screen.page.countdown.isVisible()
    clock.advance(dt.timedelta(minutes=3))
    session.check_idle()
    assert screen.session is None
    assert screen.stack.currentWidget() is screen.start


def test_minimising_locks(qtbot, journal_window) -> None:
    """Minimising the window locks the journal."""
    create_journal(qtbot, journal_window)
    journal_window.showMinimized()
    qtbot.waitUntil(lambda: journal_window.journal_screen.session is None, timeout=5000)


def test_locking_clears_our_clipboard_text_and_closes_dialogs(qtbot, journal_window) -> None:
    """Text copied from the journal is cleared from the clipboard at lock; an open dialog is closed."""
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    journal_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is not None, timeout=5000)
    QApplication.clipboard().setText(CANARY)
    closed: list[bool] = []

    def lock_while_open(dialog: BabyDialog) -> None:
        dialog.finished.connect(lambda _r: closed.append(True))
        journal_window.lock_journal("idle")

    when_dialog(BabyDialog, lock_while_open)
    screen.page.add_button.click()
    assert closed == [True]
    assert QApplication.clipboard().text() == ""


def test_recovery_code_with_typo_then_correct(qtbot, journal_window, clock) -> None:
    """A typo in the recovery code is located by group; the right code opens with a new passphrase."""
    code = create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    journal_window.lock_journal("now")
    groups = code.split("-")
    typo = "-".join([*groups[:2], ("Z" if groups[2][0] != "Z" else "Y") + groups[2][1:], *groups[3:]])
    messages: list[str] = []
    new_codes: list[str] = []

    def fill(dialog: RecoverWithCodeDialog) -> None:
        dialog.code_edit.setText(typo)
        dialog.new.setText("fresh orchard window candle")
        dialog.again.setText("fresh orchard window candle")
        dialog._accept()
        messages.append(dialog.problem.text())
        dialog.code_edit.setText(code.lower().replace("-", " "))
        dialog._accept()

    def keep(dialog: RecoveryCodeDialog) -> None:
        new_codes.append("-".join(dialog._code.groups))
        dialog.confirm_edit.setText(dialog._code.groups[dialog.check_group - 1])
        dialog._accept()

    when_dialog(RecoverWithCodeDialog, fill)
    when_dialog(RecoveryCodeDialog, keep)
    screen.start.recover_button.click()
    qtbot.waitUntil(lambda: screen.session is not None and bool(new_codes), timeout=15000)
    assert "group 3" in messages[0]
    assert new_codes[0] != code


def test_delete_needs_typed_label_and_passphrase(qtbot, journal_window) -> None:
    """Delete asks for the label typed out and the passphrase; a wrong answer deletes nothing."""
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    journal_window.lock_journal("now")
    assert screen.start.journals.count() == 1
    screen.prompts.typed = [False]
    screen.start.delete_button.click()
    assert screen.start.journals.count() == 1
    screen.prompts.typed = [True]
    screen.prompts.secrets = [PASSPHRASE]
    screen.start.delete_button.click()
    qtbot.waitUntil(lambda: screen.start.journals.count() == 0, timeout=10000)


def test_twins_edit_and_remove(qtbot, journal_window) -> None:
    """Two babies get a card each; editing one changes only it; removing asks first."""
    create_journal(qtbot, journal_window)
    add_baby(qtbot, journal_window, "Pip")
    add_baby(qtbot, journal_window, "Moss")
    page = journal_window.journal_screen.page
    assert [c.baby.nickname for c in page.cards] == ["Pip", "Moss"]

    def rename(dialog: BabyDialog) -> None:
        dialog.nickname.setText("Pippa")
        dialog._accept()

    when_dialog(BabyDialog, rename)
    page.cards[0].edit_button.click()
    assert sorted(c.baby.nickname for c in page.cards) == ["Moss", "Pippa"]
    screen = journal_window.journal_screen
    screen.prompts.confirms = [False]
    page.cards[0].remove_button.click()
    assert len(page.cards) == 2
    screen.prompts.confirms = [True]
    page.cards[0].remove_button.click()
    assert len(page.cards) == 1


def test_baby_dialog_refuses_bad_input_kindly(qtbot, journal_window) -> None:
    """An empty nickname keeps the dialog open with a plain message; nothing is added."""
    create_journal(qtbot, journal_window)
    seen: list[str] = []

    def empty(dialog: BabyDialog) -> None:
        dialog.nickname.setText("   ")
        dialog._accept()
        seen.append(dialog.problem.text())
        dialog.reject()

    when_dialog(BabyDialog, empty)
    journal_window.journal_screen.page.add_button.click()
    assert "nickname" in seen[0]
    assert journal_window.journal_screen.page.cards == []


def test_baby_dialog_starts_empty_and_says_what_is_missing_or_impossible(qtbot) -> None:
    """Walkthrough #10: no silent 30 weeks or 00:00; weeks of pregnancy asked in plain words; a date after today
    and a time that is not a time are refused out loud; a typed time is read."""
    today = dt.date(2026, 3, 10)
    dialog = BabyDialog(today=today, validate=lambda details: ())
    qtbot.addWidget(dialog)
    assert dialog.ga_weeks.text() == "choose" and dialog.birth_time.text() == ""
    dialog.nickname.setText("Bean")
    dialog._accept()
    assert "weeks of pregnancy" in dialog.problem.text() and dialog.result_details is None
    dialog.ga_weeks.setValue(27)
    dialog.birth_date.setDate(dialog.birth_date.date().addDays(3))
    dialog.birth_time.setText("25:99")
    dialog._accept()
    assert "after today" in dialog.problem.text() and "birth time" in dialog.problem.text()
    dialog.birth_date.setDate(dialog.birth_date.date().addDays(-5))
    dialog.birth_time.setText("1430")
    dialog._accept()
    assert dialog.result_details is not None
    assert dialog.result_details.birth_time == dt.time(14, 30)
    assert dialog.result_details.birth_date == dt.date(2026, 3, 8)


def test_no_journal_text_on_disk_after_a_session(qtbot, journal_window, app_home: Path, tmp_path: Path) -> None:
    """Canary scan: after create, a baby, a question and a note, save and lock, the data, config and temp folders
    hold no plaintext of the entries or the passphrase (UTF-8 and UTF-16)."""
    from nec_companion.core.notes import NoteEntry
    from nec_companion.core.questions import QuestionDraft

    create_journal(qtbot, journal_window)
    add_baby(qtbot, journal_window)
    screen = journal_window.journal_screen
    screen.questions_screen.book.add(QuestionDraft(text=f"Ask about {CANARY} feeds"))
    screen.entries.add(NoteEntry(at=screen.entries.now(), time_zone=screen.entries.time_zone,
                                 text=f"First hold with {CANARY} today"))
    screen.session.note_changed()
    screen.session.save_soon_now()
    qtbot.waitUntil(lambda: not screen.session.journal.dirty, timeout=10000)
    journal_window.lock_journal("now")
    journal_window.close()
    needles = [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), PASSPHRASE.encode("utf-8"),
               PASSPHRASE.encode("utf-16-le")]
    scanned = 0
    for folder in (app_home, tmp_path / "tmp"):
        for path in folder.rglob("*"):
            if path.is_file():
                scanned += 1
                data = path.read_bytes()
                assert not any(n in data for n in needles), path
    assert scanned >= 2


def _fail_writes(monkeypatch) -> None:
    """Make every write of a journal file fail the way a full disk does."""
    import errno

    from nec_companion.storage import journal_file

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_file.os, "write", full)


def test_disk_full_shows_banner_keeps_edits_and_retries(qtbot, journal_window, monkeypatch) -> None:
    """A full disk: a banner says what is wrong, the baby stays on screen, and saving succeeds after space frees."""
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    with monkeypatch.context() as patched:
        _fail_writes(patched)
        add_baby(qtbot, journal_window, "Pip")
        screen.session.save_soon_now()
        qtbot.waitUntil(lambda: screen.page.problem.isVisible(), timeout=10000)
        assert "disk is full" in screen.page.problem.label.text()
        assert screen.session.journal.dirty
        assert len(screen.page.cards) == 1
    screen.session.save_soon_now()  # the retry timer would do this after 10 s
    qtbot.waitUntil(lambda: not screen.session.journal.dirty, timeout=10000)
    assert not screen.page.problem.isVisible()


def test_lock_while_disk_full_hides_everything_but_loses_nothing(qtbot, journal_window, monkeypatch) -> None:
    """Locking with a full disk drops the views at once; the start screen says the changes are held; reopening
    with the passphrase brings them back, and they reach the disk once it has room."""
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    with monkeypatch.context() as patched:
        _fail_writes(patched)
        add_baby(qtbot, journal_window, "Pip")
        assert journal_window.lock_journal("now") is False
        assert screen.session is None
        assert screen.page.cards == []
        assert "could not be saved yet" in screen.start.pending.label.text()
        assert journal_window.lock_button.isEnabled() is False
    screen.start.passphrase.setText(PASSPHRASE)
    screen.start.open_button.click()
    qtbot.waitUntil(lambda: screen.session is not None, timeout=10000)
    assert [c.baby.nickname for c in screen.page.cards] == ["Pip"]
    screen.session.save_soon_now()
    qtbot.waitUntil(lambda: not screen.session.journal.dirty, timeout=10000)
    assert journal_window.lock_journal("now") is True


def test_babies_shows_the_birth_weight_as_today_does() -> None:
    """Review #28: 900 g was "2 lb 0 oz" on Babies and "1 lb 15.7 oz" on Today; one rounding rule now."""
    from nec_companion.core.babies import Baby, GestationalAge
    from nec_companion.core.units import format_lb_oz
    from nec_companion.ui.journal.journal_screen import describe_baby

    baby = Baby(baby_id="b1", nickname="Bean", birth_date=dt.date(2026, 3, 1), birth_time=None,
                gestational_age=GestationalAge(27, 3), birth_weight_g=900)
    birth, _ages = describe_baby(baby, dt.date(2026, 3, 10))
    assert "900 g (1 lb 15.7 oz)" in birth and format_lb_oz(900) == "1 lb 15.7 oz"
