"""Run under a real X server (see test_x11_selection.py, which starts Xvfb): the PRIMARY selection (text selected
with the mouse, pasted with a middle click) holds nothing from the journal after a lock; another program's
selection is left alone. Not collected on its own (the file name has no test_ prefix)."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QClipboard
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from nec_companion.core.questions import QuestionDraft
from tests.ui.test_journal_screen import create_journal

SECRET = "Zqxprivate question about the stoma"
SELECTION = QClipboard.Mode.Selection


def _drag_over_rounds_sheet(qtbot, window) -> None:
    screen = window.journal_screen
    screen.questions_screen.book.add(QuestionDraft(text=SECRET))
    screen.page.tabs.setCurrentWidget(screen.rounds_screen)
    screen.rounds_screen.refresh()
    preview = screen.rounds_screen.preview
    preview.selectAll()
    qtbot.waitExposed(window)
    viewport = preview.viewport()
    start, end = QPoint(2, 2), QPoint(viewport.width() - 4, viewport.height() - 4)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_lock_clears_the_primary_selection_we_own(qtbot, journal_window) -> None:
    clipboard = QApplication.clipboard()
    assert clipboard.supportsSelection()
    create_journal(qtbot, journal_window)
    _drag_over_rounds_sheet(qtbot, journal_window)
    qtbot.waitUntil(lambda: SECRET in clipboard.text(SELECTION), timeout=5000)
    journal_window.lock_journal("now")
    qtbot.wait(100)
    assert SECRET not in clipboard.text(SELECTION)
    assert not clipboard.ownsSelection()


def test_lock_leaves_another_programs_selection_alone(qtbot, journal_window) -> None:
    clipboard = QApplication.clipboard()
    create_journal(qtbot, journal_window)
    other = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtGui import QClipboard\n"
        "app = QApplication(sys.argv)\n"
        "app.clipboard().setText('words from another program', QClipboard.Mode.Selection)\n"
        "print('ready', flush=True)\n"
        "from PySide6.QtCore import QTimer\n"
        "QTimer.singleShot(15000, app.quit)\n"
        "app.exec()\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "ready"
        qtbot.waitUntil(lambda: clipboard.text(SELECTION) == "words from another program", timeout=5000)
        journal_window.lock_journal("now")
        qtbot.wait(100)
        assert clipboard.text(SELECTION) == "words from another program"
    finally:
        other.kill()
        other.wait()
