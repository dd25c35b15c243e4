"""UI fixtures: a main window over the bundled library, styled like the real app."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from nec_companion.ui import style
from nec_companion.ui.main_window import MainWindow


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
