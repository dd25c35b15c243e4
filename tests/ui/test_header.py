"""The window's header: the app's name and the language, Lock now and Warning signs buttons. Seen on a real X
display: Spanish at 200 % in the default 1180 px window cut the name to "NEC Companio"; the buttons now move to a
row of their own when both do not fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from nec_companion.ui import style
from nec_companion.ui.language import LanguageSwitch
from nec_companion.ui.main_window import MainWindow
from nec_companion.ui.tour import layout_problems, settle


@pytest.fixture
def speaking():  # type: ignore[no-untyped-def]
    switch = LanguageSwitch()
    yield switch
    switch.apply("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def make(qtbot, qapp, *, scale: float, width: int) -> MainWindow:  # type: ignore[no-untyped-def]
    style.apply_style(qapp, scale=scale)
    window = MainWindow(text_scale=scale, journal_directory=lambda: None)
    qtbot.addWidget(window)
    window.apply_text_scale(scale)
    window.resize(width, 768)
    window.show()
    qtbot.waitExposed(window)
    settle()
    return window


def header_problems(window: MainWindow) -> list[str]:
    return [p for p in layout_problems(window) if "NEC Companion" in p or "Warning" in p or "Señales" in p
            or "English" in p or "Español" in p]


def test_the_name_is_never_cut_the_buttons_wrap_instead(qtbot, qapp, speaking) -> None:  # type: ignore[no-untyped-def]
    try:
        speaking.apply("es")
        window = make(qtbot, qapp, scale=2.0, width=1180)
        assert header_problems(window) == []
        assert window.title.width() >= window.title.sizeHint().width()
        header = window.title.parentWidget()
        assert header.wrapped
        # With room (English at 100 % on 1366 px) the buttons stay beside the name.
        speaking.apply("en")
        style.apply_style(qapp, scale=1.0)
        window.apply_text_scale(1.0)
        window.rebuild_screens()
        window.resize(1366, 768)
        settle()
        qtbot.waitUntil(lambda: not header.wrapped, timeout=2000)
    finally:
        style.apply_style(qapp, scale=1.0)
