"""The autouse `app_look_restored` fixture (tests/conftest.py) puts the app's look back after a test that
restyled it, so a test that fails at 200 % text does not leave the next tests at 200 %."""

from __future__ import annotations

from nec_companion.ui import style
from tests.conftest import AppLook


def test_a_look_captured_at_100_percent_comes_back_after_200_percent(qapp) -> None:
    style.apply_style(qapp, scale=1.0)
    look = AppLook.capture()
    assert look is not None and not look.changed()
    style.apply_style(qapp, scale=2.0)
    assert look.changed() and qapp.font().pointSizeF() == style.point_size(2.0)
    look.restore()
    assert not look.changed()
    assert qapp.font().pointSizeF() == style.point_size(1.0) and qapp.styleSheet() == style.stylesheet(1.0)


def test_an_extra_style_sheet_is_taken_off_again(qapp) -> None:
    style.apply_style(qapp, scale=1.0)
    look = AppLook.capture()
    assert look is not None
    qapp.setStyleSheet("QWidget { background: red; }")
    look.restore()
    assert qapp.styleSheet() == style.stylesheet(1.0)
