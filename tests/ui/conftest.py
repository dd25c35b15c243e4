"""UI fixtures: a main window over the bundled library, styled like the real app."""

from __future__ import annotations

import pytest

from nec_companion.ui import style
from nec_companion.ui.main_window import MainWindow


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
