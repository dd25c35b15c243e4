"""The baby dialog's weeks and birth-weight boxes start empty ("choose", "not entered") and take a number typed
straight after a click: before, the digits were added after the word and refused, so nothing happened."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from nec_companion.ui.journal.dialogs import GA_NOT_CHOSEN, BabyDialog
from nec_companion.ui.widgets.spin import ChoiceSpinBox


@pytest.fixture
def dialog(qtbot) -> BabyDialog:
    made = BabyDialog(today=dt.date(2026, 3, 10), validate=lambda _details: ())
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def click_and_type(qtbot, box: ChoiceSpinBox, text: str) -> None:
    QTest.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton, pos=QPoint(box.lineEdit().width() - 4, 5))
    qtbot.wait(20)  # the selection is made after Qt has placed the cursor
    QTest.keyClicks(box, text)


def test_a_click_then_digits_fill_the_weeks_and_the_birth_weight(qtbot, dialog: BabyDialog) -> None:
    assert dialog.ga_weeks.value() == GA_NOT_CHOSEN and dialog.ga_weeks.text() == "choose"
    click_and_type(qtbot, dialog.ga_weeks, "28")
    assert dialog.ga_weeks.value() == 28
    assert dialog.grams.text() == "not entered"
    click_and_type(qtbot, dialog.grams, "1000")
    assert dialog.grams.value() == 1000
