"""Feeds a parent gives (UX walkthrough #11): a tube feed (amount and milk) and colostrum mouth care (amount
optional) next to breastfeed and bottle; choosing Bottle shows no error before anything is typed."""

from __future__ import annotations

from nec_companion.core.feeding import FamilyFeedMethod
from nec_companion.ui.entries.dialogs import FamilyFeedDialog
from tests.ui.entries.conftest import answer_dialog
from tests.ui.entries.test_entry_flows import _cells, _type


def test_tube_feed_and_mouth_care_are_recorded_and_listed(qtbot, tabs, twins) -> None:
    robin, _wren = twins
    feeding = tabs.show("Feeding")
    seen: list[object] = []

    def tube(dialog: FamilyFeedDialog) -> None:
        dialog.set_baby(robin.baby_id)
        dialog.bottle.setChecked(True)
        dialog.revalidate()
        seen.append(dialog.problem_text("volume_ml"))  # nothing typed yet: no message
        dialog.tube.setChecked(True)
        seen.append(dialog.form.isRowVisible(dialog.milk_row))
        dialog.save()  # no amount: refused, next to the field
        seen.append(dialog.problem_text("volume_ml"))
        _type(qtbot, dialog.amount.edit, "12")
        dialog.save()

    answer_dialog(tabs.editor, tube)
    feeding.add_buttons[1].click()
    assert seen == ["", True, "Please enter how much was given through the tube, in mL."]
    assert _cells(feeding)[2:4] == ["Tube feed (you)", "12 mL given"]

    def mouth_care(dialog: FamilyFeedDialog) -> None:
        dialog.set_baby(robin.baby_id)
        dialog.mouth_care.setChecked(True)
        seen.append(dialog.form.isRowVisible(dialog.milk_row))
        dialog.save()

    answer_dialog(tabs.editor, mouth_care)
    feeding.add_buttons[1].click()
    assert seen[-1] is False
    methods = [f.method for f in tabs.entries.family_feeds(robin.baby_id)]
    assert sorted(m.value for m in methods) == ["mouth_care", "tube"]
    assert "Colostrum mouth care (you)" in [_cells(feeding, row)[2] for row in range(2)]
    assert FamilyFeedMethod.MOUTH_CARE.label == "colostrum mouth care"


def test_a_new_entry_is_never_in_the_future_and_its_time_can_be_typed_over(qtbot, tabs, twins) -> None:
    """At 10:03 a new entry starts at 10:00 (rounded down, not up to 10:05); Ctrl+A then "1430" sets 14:30."""
    import datetime as dt

    from PySide6.QtCore import Qt

    from nec_companion.ui.entries.entry_dialog import rounded_now

    moment = dt.datetime(2025, 3, 20, 10, 3, 59, tzinfo=dt.UTC)
    assert rounded_now(moment) == dt.datetime(2025, 3, 20, 10, 0, tzinfo=dt.UTC)
    assert rounded_now(dt.datetime(2025, 3, 20, 10, 5, tzinfo=dt.UTC)).minute == 5
    _robin, _wren = twins
    seen: list[str] = []

    def type_time(dialog: FamilyFeedDialog) -> None:
        edit = dialog.when.time_edit
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit, "0730")
        seen.append(dialog.when.local().strftime("%H:%M"))
        assert dialog.when.instant() <= tabs.entries.now() + dt.timedelta(days=1)
        dialog.done(0)

    answer_dialog(tabs.editor, type_time)
    tabs.show("Feeding").add_buttons[1].click()
    assert seen == ["07:30"]


def test_pumping_starts_empty_not_copied_from_the_last_session(qtbot, tabs, twins) -> None:
    """A new pumping session does not copy the last one's minutes or its Colostrum tick (UX walkthrough #11)."""
    import datetime as dt

    from nec_companion.core.pumping import PumpingSession
    from nec_companion.ui.entries.dialogs import PumpingDialog

    tabs.entries.add(PumpingSession(at=tabs.entries.now() - dt.timedelta(hours=3), time_zone=tabs.entries.time_zone,
                                    minutes=20, left_ml=5, right_ml=5, colostrum=True))
    seen: list[object] = []

    def look(dialog: PumpingDialog) -> None:
        seen.extend([dialog.minutes.text(), dialog.minutes.placeholderText(), dialog.colostrum.isChecked()])
        dialog.done(0)

    answer_dialog(tabs.editor, look)
    tabs.show("Pumping").add_buttons[0].click()
    assert seen == ["", "last time 20", False]


def test_clicking_a_feed_kind_goes_straight_on_to_the_amount(qtbot, tabs, twins) -> None:
    """Walked on a real screen: a click on Bottle left the keyboard on the radio button, so the "45" typed next
    went nowhere and Enter refused the empty amount. Now the click moves on to the amount field."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    robin, _wren = twins
    feeding = tabs.show("Feeding")
    typed: list[str] = []

    def bottle(dialog: FamilyFeedDialog) -> None:
        dialog.set_baby(robin.baby_id)
        dialog.activateWindow()
        qtbot.mouseClick(dialog.bottle, Qt.MouseButton.LeftButton)
        qtbot.wait(50)
        focused = QApplication.focusWidget()
        if focused is not None:
            qtbot.keyClicks(focused, "45")
        typed.append(dialog.amount.edit.text())
        if typed[-1]:
            dialog.save()
        else:
            dialog.done(0)  # the digits went elsewhere: close, so the test fails instead of waiting

    answer_dialog(tabs.editor, bottle)
    feeding.add_buttons[1].click()
    assert typed == ["45"]
    assert _cells(feeding)[2:4] == ["Bottle (you)", "45 mL taken"]


def test_a_refused_save_is_said_to_a_screen_reader(qtbot, tabs, twins) -> None:
    """WCAG 4.1.3: Save with a required amount missing shows the reason under the field and also announces it."""
    from nec_companion.ui.widgets import announce as announcing

    robin, _wren = twins
    feeding = tabs.show("Feeding")
    heard: list[str] = []

    def listener(_widget: object, text: str, _assertive: bool) -> None:
        heard.append(text)

    announcing.add_listener(listener)

    def bottle(dialog: FamilyFeedDialog) -> None:
        dialog.set_baby(robin.baby_id)
        dialog.bottle.setChecked(True)
        dialog.save()  # nothing typed: refused
        heard.append("|")
        dialog.done(0)

    try:
        answer_dialog(tabs.editor, bottle)
        feeding.add_buttons[1].click()
    finally:
        announcing.remove_listener(listener)
    assert "Please enter how much your baby took from the bottle, in mL." in heard[: heard.index("|")]


def test_the_other_unit_shows_only_when_it_helps(qtbot, qapp) -> None:
    """Issue 11 (#28): typing mL, the ounces show from 15 mL (half an ounce) up, never "= 0.02 US fl oz"; typing
    ounces, the mL that will be saved always show."""
    from PySide6.QtWidgets import QWidget

    from nec_companion.ui.entries.fields import VolumeField, VolumeUnit

    host = QWidget()
    qtbot.addWidget(host)
    field = VolumeField(host, name="Amount")
    field.edit.setText("0.5")
    assert field.converted.text() == ""
    field.edit.setText("30")
    assert field.converted.text() == "= 1.01 US fl oz"
    field.set_unit(VolumeUnit.FL_OZ)
    field.edit.setText("0.1")
    assert field.converted.text() == "= 3 mL"


def test_the_hours_box_says_1_hour(qtbot, qapp) -> None:
    """Issue 11 (#28): "1 hour", "1.5 hours", "3 hours" in the feeding interval box (never "1 hours")."""
    from PySide6.QtWidgets import QWidget

    from nec_companion.ui.entries.fields import HoursSpin

    host = QWidget()
    qtbot.addWidget(host)
    box = HoursSpin(host, name="Every")
    shown = []
    for value in (1, 1.5, 3):
        box.setValue(value)
        shown.append(box.text())
    assert shown == ["1 hour", "1.5 hours", "3 hours"]
