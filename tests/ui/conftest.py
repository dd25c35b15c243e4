"""UI fixtures: a main window over the bundled library, styled like the real app; a window with a journal
directory and a fixed clock (`journal_window`, `clock`)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from nec_companion.core.clock import ManualClock
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory
from nec_companion.ui import style
from nec_companion.ui.main_window import MainWindow
from nec_companion.ui.prompts import ScriptedPrompts


@pytest.fixture(autouse=True)
def deleted_widgets_gone(qapp):  # type: ignore[no-untyped-def]
    """Widgets closed by earlier tests are deleted only when an event loop runs; delete them before each test so
    restyling the app does not re-polish thousands of dead widgets (it made the UI tests several times slower)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield


@pytest.fixture
def window(qtbot, qapp, bundled_library, bundled_index) -> MainWindow:
    style.apply_style(qapp, scale=1.0)
    win = MainWindow(text_scale=1.0)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.set_library(bundled_library, bundled_index)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC))


@pytest.fixture
def journal_window(qtbot, app_paths, clock) -> MainWindow:
    prompts = ScriptedPrompts()

    def directory() -> JournalDirectory:
        return JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())

    window = MainWindow(journal_directory=directory, clock=clock, prompts=prompts, idle_minutes=3)
    window.printed: list[object] = []  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    window.show_screen("journal")
    return window
