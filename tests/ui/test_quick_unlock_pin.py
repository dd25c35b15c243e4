"""Quick unlock with a PIN, in the running app (docs/SECURITY.md "Quick unlock with a PIN"): chosen at unlock;
works after an automatic lock, not after Lock now or closing; three wrong tries or 30 minutes end it; the
journal's views are still dropped at lock; nothing about the PIN is written to disk."""

from __future__ import annotations

import datetime as dt

from nec_companion.security.quick_unlock import QuickUnlock
from tests.ui.test_journal_screen import (
    CANARY,
    PASSPHRASE,
    add_baby,
    create_journal,
)

PIN = "482916"


def _unlock_with_passphrase(qtbot, window, *, pin: str = PIN) -> None:
    screen = window.journal_screen
    screen.start.passphrase.setText(PASSPHRASE)
    screen.start.pin_setup.setText(pin)
    screen.start.open_button.click()
    qtbot.waitUntil(lambda: screen.session is not None, timeout=15000)


def _walk_away(window, clock, minutes: int = 10) -> None:
    clock.advance(dt.timedelta(minutes=minutes))
    window.journal_screen.session.check_idle()


def _try_pin(qtbot, window, pin: str) -> None:
    screen = window.journal_screen
    screen.start.pin.setText(pin)
    screen.start.pin_button.click()
    qtbot.waitUntil(lambda: screen.session is not None or screen.start.open_button.isEnabled(), timeout=15000)


def _ready(qtbot, window) -> None:
    create_journal(qtbot, window)
    add_baby(qtbot, window)
    window.lock_button.click()
    _unlock_with_passphrase(qtbot, window)


def test_pin_reopens_after_an_automatic_lock_and_views_were_dropped(qtbot, journal_window, clock, app_paths):
    window = journal_window
    _ready(qtbot, window)
    screen = window.journal_screen
    _walk_away(window, clock)
    assert screen.session is None and screen.page.cards == []  # the views are gone while locked
    assert screen.start.pin_box.isVisible()
    assert "30 minutes left" in screen.start.pin_label.text()  # counted from the lock, not from the last key
    _try_pin(qtbot, window, PIN)
    assert screen.session is not None
    assert CANARY in screen.page.cards[0].accessibleName()
    # the same PIN works again after the next automatic lock
    _walk_away(window, clock)
    _try_pin(qtbot, window, PIN)
    assert screen.session is not None
    window.lock_button.click()
    hits = [str(p) for p in app_paths.data_dir.parent.rglob("*") if p.is_file() and PIN.encode() in p.read_bytes()]
    assert hits == []


def test_no_pin_after_lock_now_or_closing(qtbot, journal_window, clock):
    window = journal_window
    _ready(qtbot, window)
    screen = window.journal_screen
    window.lock_button.click()
    assert not screen.start.pin_box.isVisible() and screen.quick is None
    _unlock_with_passphrase(qtbot, window)
    window.close()
    assert screen.quick is None
    assert not screen.start.pin_box.isVisible()


def test_three_wrong_pins_end_it(qtbot, journal_window, clock):
    window = journal_window
    _ready(qtbot, window)
    screen = window.journal_screen
    _walk_away(window, clock)
    _try_pin(qtbot, window, "000001")
    assert "2 more tries left" in screen.start.message.text()
    _try_pin(qtbot, window, "000002")
    assert "1 more try left" in screen.start.message.text()
    _try_pin(qtbot, window, "000003")
    assert "passphrase" in screen.start.message.text()
    assert not screen.start.pin_box.isVisible() and screen.quick is None
    assert screen.session is None


def test_pin_ends_30_minutes_after_the_automatic_lock(qtbot, journal_window, clock):
    window = journal_window
    _ready(qtbot, window)
    screen = window.journal_screen
    _walk_away(window, clock)
    assert screen.start.pin_box.isVisible()
    clock.advance(dt.timedelta(minutes=30))
    screen._update_pin_box()
    assert not screen.start.pin_box.isVisible() and screen.quick is None


def test_a_pin_that_is_not_six_digits_is_refused_before_opening(qtbot, journal_window):
    window = journal_window
    create_journal(qtbot, window)
    window.lock_button.click()
    screen = window.journal_screen
    screen.start.passphrase.setText(PASSPHRASE)
    screen.start.pin_setup.setText("1234")
    screen.start.open_button.click()
    assert screen.session is None
    assert "6 digits" in screen.start.message.text()
    assert isinstance(QuickUnlock, type)


def test_keystrokes_to_add_a_weight_after_an_automatic_lock(qtbot, journal_window, clock):
    """Measured with real key presses: after an automatic lock the cursor is already in the PIN field, so adding
    a weight takes the 6 PIN digits, Enter, Alt+W, the weight and Enter (13 key presses for "1010 g"); with the
    passphrase instead it is the passphrase, Enter, then the same 6 presses."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = journal_window
    _ready(qtbot, window)
    screen = window.journal_screen
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    presses = 0

    def press(keys: str = "", key: Qt.Key | None = None, modifier=Qt.KeyboardModifier.NoModifier,
              where=None) -> None:
        nonlocal presses
        target = (where or window).focusWidget()  # the widget with the keyboard focus in that window
        if keys:
            qtbot.keyClicks(target, keys)
            presses += len(keys)
        if key is not None:
            qtbot.keyClick(target, key, modifier)
            presses += 1

    def add_weight() -> None:
        from PySide6.QtCore import QTimer

        from nec_companion.ui.entries.dialogs import WeightDialog

        waiting = [True]

        def poll() -> None:  # types into the weight dialog once it is open; stops when this step is over
            dialog = QApplication.activeModalWidget()
            if not waiting[0]:
                return
            if isinstance(dialog, WeightDialog):
                waiting[0] = False
                press("1010", Qt.Key.Key_Return, where=dialog)
                if dialog.isVisible():  # never leave the test waiting on an open dialog: the count then fails
                    dialog.done(0)
                return
            QTimer.singleShot(20, poll)

        QTimer.singleShot(0, poll)
        press(key=Qt.Key.Key_W, modifier=Qt.KeyboardModifier.AltModifier)  # returns when the dialog has closed
        qtbot.waitUntil(lambda: not waiting[0], timeout=5000)
        waiting[0] = False

    _walk_away(window, clock)
    assert window.focusWidget() is screen.start.pin.edit
    press(PIN, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.session is not None, timeout=15000)
    QApplication.processEvents()
    add_weight()
    qtbot.waitUntil(lambda: len(screen.entries.weights()) == 1, timeout=5000)
    assert presses == 13

    presses = 0
    window.lock_button.click()  # Lock now: no PIN next time; the cursor waits in the passphrase field
    assert window.focusWidget() is screen.start.passphrase.edit
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.start.passphrase.edit, timeout=5000)
    press(PASSPHRASE, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.session is not None, timeout=15000)
    QApplication.processEvents()
    clock.advance(dt.timedelta(days=1))
    add_weight()
    qtbot.waitUntil(lambda: len(screen.entries.weights()) == 2, timeout=5000)
    assert presses == len(PASSPHRASE) + 1 + 6
