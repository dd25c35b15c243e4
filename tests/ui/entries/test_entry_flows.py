"""Each kind of entry end to end with qtbot and the real dialogs: add, see it in its table and on Today, edit,
delete and undo; refusals, confirmations, unit conversions and clock changes as a family meets them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from nec_companion.core.care_events import TELL_YOUR_NURSE, CareEventKind, NoticedSign
from nec_companion.core.entries import EntryKind
from nec_companion.core.feeding import BolusFeeds, FamilyFeedMethod, FeedRoute, Milk, MilkKind
from nec_companion.core.measurements import Weight
from nec_companion.ui.entries.dialogs import (
    CareEventDialog,
    FamilyFeedDialog,
    FeedingPlanDialog,
    NoteDialog,
    PumpingDialog,
    WeightDialog,
)
from nec_companion.ui.entries.fields import VolumeUnit
from tests.ui.entries.conftest import answer_dialog, build_tabs


def _card(tabs, baby):  # type: ignore[no-untyped-def]
    return next(card for card in tabs.today.baby_cards if card.card.baby.baby_id == baby.baby_id)


def _cells(section, row: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    return [section.proxy.index(row, column).data() for column in range(section.proxy.columnCount())]


def _press(widget, key: Qt.Key,  # type: ignore[no-untyped-def]
           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget.window().activateWindow()  # as the window manager would after a dialog closes
    QApplication.processEvents()
    widget.setFocus()
    QTest.keyClick(widget, key, modifier)


def _type(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_plan_change_added_edited_deleted_and_undone(qtbot, tabs, twins) -> None:
    """A plan change shows in the Feeding table and on Today; Enter edits it; Delete removes it; Undo puts it back."""
    _robin, wren = twins
    feeding = tabs.show("Feeding")

    def add(dialog: FeedingPlanDialog) -> None:
        dialog.set_baby(wren.baby_id)
        _type(qtbot, dialog.volume_field.edit, "4")
        dialog.interval.setValue(2)
        dialog.milk.set_value(Milk.only(MilkKind.DONOR))
        dialog.route.setCurrentIndex(dialog.route.findData(FeedRoute.NG_TUBE_BOLUS.value))
        assert dialog.per_day.text() == "= 12 feeds, 48 mL a day"
        dialog.save()

    answer_dialog(tabs.editor, add)
    feeding.add_buttons[0].click()
    [plan] = tabs.entries.feeding_plans(wren.baby_id)
    assert plan.regimen == BolusFeeds(4, 2) and plan.milk == Milk.only(MilkKind.DONOR)
    assert _cells(feeding)[1:5] == ["Wren", "Plan change", "4 mL every 2 hours", "48 mL"]
    assert "4 mL every 2 hours (48 mL a day) by NG tube (bolus): donor milk" in _card(tabs, wren).blocks["plan"].text()
    today = _card(tabs, wren).blocks["today"].text()
    assert "20 mL planned" in today  # the plan started at 14:00: 10 hours of 2 mL an hour
    assert "No plan recorded for 14 hours of today" in today
    assert tabs.saves_scheduled

    def edit(dialog: FeedingPlanDialog) -> None:
        assert dialog.windowTitle() == "Edit a feeding plan change"
        assert dialog.volume_field.edit.text() == "4"
        _type(qtbot, dialog.volume_field.edit, "5")
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    answer_dialog(tabs.editor, edit)
    feeding.table.selectRow(0)
    _press(feeding.table, Qt.Key.Key_Return)
    assert tabs.entries.feeding_plans(wren.baby_id)[0].regimen == BolusFeeds(5, 2)
    assert "5 mL every 2 hours" in _cells(feeding)[3]
    assert "Changes saved" in feeding.undo_label.text()

    feeding.table.selectRow(0)
    _press(feeding.table, Qt.Key.Key_Delete)
    assert tabs.entries.feeding_plans(wren.baby_id) == ()
    assert feeding.proxy.rowCount() == 0
    assert feeding.undo_bar.isVisible() and feeding.undo_button.text() == "Undo delete feeding plan"
    assert "No feeding plan recorded yet" in _card(tabs, wren).blocks["plan"].text()
    feeding.undo_button.click()
    assert tabs.entries.feeding_plans(wren.baby_id)[0].regimen == BolusFeeds(5, 2)
    assert feeding.proxy.rowCount() == 1
    assert "5 mL every 2 hours" in _card(tabs, wren).blocks["plan"].text()


def test_feed_typed_in_fluid_ounces_is_saved_in_millilitres(qtbot, tabs, twins) -> None:
    """A bottle typed as 1.5 US fl oz shows 44.4 mL live, is saved as 44.4 mL, and the next dialog keeps oz."""
    robin, _wren = twins
    feeding = tabs.show("Feeding")

    def add(dialog: FamilyFeedDialog) -> None:
        dialog.set_baby(robin.baby_id)
        dialog.bottle.setChecked(True)
        dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(VolumeUnit.FL_OZ))
        _type(qtbot, dialog.amount.edit, "1.5")
        assert dialog.amount.converted.text() == "= 44.4 mL"
        assert dialog.amount.unit_label.text() == "US fl oz"
        dialog.save()

    answer_dialog(tabs.editor, add)
    feeding.add_buttons[1].click()
    [feed] = tabs.entries.family_feeds(robin.baby_id)
    assert feed.method is FamilyFeedMethod.BOTTLE and feed.volume_ml == 44.4
    assert _cells(feeding)[2:4] == ["Bottle (you)", "44.4 mL taken"]
    assert "1 feed you gave: bottle: 44.4 mL" in _card(tabs, robin).blocks["family"].text()
    assert tabs.editor.volume_unit == VolumeUnit.FL_OZ

    def check_unit_and_cancel(dialog: FamilyFeedDialog) -> None:
        assert dialog.amount.unit == VolumeUnit.FL_OZ
        assert dialog.amount.edit.text() == "1.5"  # 44.4 mL shown back in ounces
        dialog.reject()

    answer_dialog(tabs.editor, check_unit_and_cancel)
    feeding.table.selectRow(0)
    feeding.edit_button.click()
    assert tabs.entries.family_feeds(robin.baby_id) == (feed,)


def test_pumping_sides_shared_between_twins_then_edited_deleted_undone(qtbot, tabs, twins) -> None:
    """Left and right add up to the total, shares for the twins are kept; Today shows the day's pumping."""
    robin, wren = twins
    pumping = tabs.show("Pumping")

    def add(dialog: PumpingDialog) -> None:
        _type(qtbot, dialog.minutes, "20")
        _type(qtbot, dialog.left.edit, "60")
        _type(qtbot, dialog.right.edit, "70")
        assert "add up to 130 mL" in dialog.sum_label.text()
        dialog.shared.setChecked(True)
        _type(qtbot, dialog.share_fields[robin.baby_id].edit, "60")
        _type(qtbot, dialog.share_fields[wren.baby_id].edit, "70")
        dialog.save()

    answer_dialog(tabs.editor, add)
    pumping.add_buttons[0].click()
    [session] = tabs.entries.pumping_sessions()
    assert (session.left_ml, session.right_ml, session.total_ml, session.minutes) == (60, 70, 130, 20)
    assert {share.baby_id: share.ml for share in session.shares} == {robin.baby_id: 60, wren.baby_id: 70}
    assert _cells(pumping)[1:7] == ["20 min", "60 mL", "70 mL", "130 mL", "", "Robin 60 mL, Wren 70 mL"]
    assert "130 mL</b> today in 1 session" in tabs.today.pumping_card.label.text()

    def edit(dialog: PumpingDialog) -> None:
        assert dialog.total.edit.text() == ""  # worked out from the sides, so it follows them
        _type(qtbot, dialog.left.edit, "65")
        _type(qtbot, dialog.total.edit, "100")
        dialog.save()  # the total no longer matches the sides: refused in the core's words
        assert "Left and right add up to 135 mL, but the total says 100 mL" in dialog.problem_text("total_ml")
        assert not dialog.save_button.isEnabled()
        dialog.total.edit.clear()
        dialog.shared.setChecked(False)
        dialog.revalidate()
        assert dialog.problem_text("total_ml") == "" and dialog.save_button.isEnabled()
        dialog.save()

    answer_dialog(tabs.editor, edit)
    pumping.table.selectRow(0)
    pumping.edit_button.click()
    [session] = tabs.entries.pumping_sessions()
    assert session.total_ml == 135 and session.shares == ()
    pumping.table.selectRow(0)
    pumping.delete_button.click()
    assert tabs.entries.pumping_sessions() == ()
    assert "No pumping recorded today yet" in tabs.today.pumping_card.label.text()
    pumping.undo_button.click()
    assert tabs.entries.pumping_sessions()[0].total_ml == 135
    assert "135 mL</b> today" in tabs.today.pumping_card.label.text()


def test_weight_typed_in_pounds_and_ounces_then_edited_deleted_undone(qtbot, tabs, twins) -> None:
    """2 lb 3.5 oz becomes 1,006 g live and in the journal; the table shows both units; edit, delete, undo."""
    _robin, wren = twins
    weights = tabs.show("Weights")

    def add(dialog: WeightDialog) -> None:
        dialog.set_baby(wren.baby_id)
        _type(qtbot, dialog.weight.pounds, "2")
        _type(qtbot, dialog.weight.ounces, "3.5")
        assert dialog.weight.grams.text() == "1006"
        dialog.save()

    answer_dialog(tabs.editor, add)
    weights.add_buttons[0].click()
    [weight] = tabs.entries.weights(wren.baby_id)
    assert weight.grams == 1006 and weight.measured_on == dt.date(2026, 3, 10) and weight.measured_at is None
    assert _cells(weights)[1:4] == ["Wren", "1,006 g", "2 lb 3.5 oz"]
    assert "1,006 g (2 lb 3.5 oz), Mar 10" in _card(tabs, wren).blocks["weight"].text()

    def edit(dialog: WeightDialog) -> None:
        _type(qtbot, dialog.weight.grams, "1010")
        assert (dialog.weight.pounds.text(), dialog.weight.ounces.text()) == ("2", "3.6")
        dialog.save()

    answer_dialog(tabs.editor, edit)
    weights.table.selectRow(0)
    weights.edit_button.click()
    assert tabs.entries.weights(wren.baby_id)[0].grams == 1010
    weights.table.selectRow(0)
    weights.delete_button.click()
    assert tabs.entries.weights(wren.baby_id) == ()
    weights.undo_button.click()
    assert tabs.entries.weights(wren.baby_id)[0].grams == 1010
    assert "1,010 g" in _cells(weights)[2]


def test_unusual_weight_asks_once_and_saves_only_when_confirmed(qtbot, tabs, twins) -> None:
    """An unusual weight asks "Save it anyway?" with the core's words; "Go back" keeps the dialog, "Save it" saves."""
    _robin, wren = twins
    tabs.entries.add(Weight(baby_id=wren.baby_id, measured_on=dt.date(2026, 3, 5), grams=1000))
    tabs.prompts.confirms = [False, True]
    weights = tabs.show("Weights")
    after_no: list[tuple[bool, int]] = []

    def add(dialog: WeightDialog) -> None:
        dialog.set_baby(wren.baby_id)
        _type(qtbot, dialog.weight.grams, "1500")
        dialog.save()
        after_no.append((dialog.isVisible(), len(tabs.entries.weights(wren.baby_id))))
        dialog.save()

    answer_dialog(tabs.editor, add)
    weights.add_buttons[0].click()
    assert after_no == [(True, 1)]
    questions = [text for kind, text in tabs.prompts.asked if kind == "confirm"]
    assert len(questions) == 2
    assert questions[0] == ("This weight is 50 % more than the last one (1,000 g on Mar 5, 2026). Weights can jump, "
                            "but please check the number. Save it anyway?")
    assert [weight.grams for weight in tabs.entries.weights(wren.baby_id)] == [1000, 1500]


def test_a_2000_ml_feed_is_refused_with_the_message_next_to_the_field(qtbot, tabs, twins) -> None:
    """Typing 2,000 mL shows the core's refusal under the volume and Save stays blocked; nothing is saved."""
    seen: list[str] = []

    def add(dialog: FeedingPlanDialog) -> None:
        _type(qtbot, dialog.volume_field.edit, "2000")
        qtbot.waitUntil(lambda: bool(dialog.problem_text("volume_ml")), timeout=3000)
        seen.append(dialog.problem_text("volume_ml"))
        assert not dialog.save_button.isEnabled()
        QTest.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        seen.append("open" if dialog.isVisible() else "closed")
        tabs.prompts.confirms = [True]  # Escape with typed text now asks first: "Discard it"
        dialog.reject()

    answer_dialog(tabs.editor, add)
    tabs.show("Feeding")
    tabs.table("Feeding").add_buttons[0].click()
    assert seen == [("2,000 mL at one feed is far more than any baby takes. Please check the number: amounts are in "
                     "milliliters (mL)."), "open"]
    assert tabs.entries.feeding_plans() == ()
    assert not tabs.saves_scheduled


def test_care_course_with_start_and_stop(qtbot, tabs, twins) -> None:
    """Antibiotics with a start and a stop show in the Care events table and among Today's recent events."""
    robin, _wren = twins
    events = tabs.show("Care events")

    def add(dialog: CareEventDialog) -> None:
        dialog.set_baby(robin.baby_id)
        dialog.save()
        assert dialog.problem_text("kind") == "Please choose what happened."
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(CareEventKind.ANTIBIOTICS.value))
        assert dialog.stopped_box.isVisibleTo(dialog)
        _type(qtbot, dialog.detail, "gentamicin")
        dialog.started.set_local(dt.datetime(2026, 3, 8, 10, 0))
        dialog.stopped_box.setChecked(True)
        dialog.stopped.set_local(dt.datetime(2026, 3, 7, 10, 0))
        dialog.save()
        assert dialog.problem_text("ended_at") == "The stop time is before the start time. Please check both."
        dialog.stopped.set_local(dt.datetime(2026, 3, 10, 10, 0))
        dialog.save()

    answer_dialog(tabs.editor, add)
    events.add_buttons[0].click()
    [event] = tabs.entries.care_events(robin.baby_id)
    assert event.detail == "gentamicin" and event.ended_at == dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
    assert _cells(events)[1:5] == ["Robin", "Antibiotics", "gentamicin", "Tue, Mar 10, 10:00\u202fAM"]
    assert "Antibiotics: gentamicin" in _card(tabs, robin).blocks["events"].text()


def test_something_noticed_shows_the_calm_banner_and_opens_warning_signs(qtbot, tabs, twins) -> None:
    """"Something I noticed" needs a sign, then Today shows "tell your nurse now"; its button opens the article."""
    _robin, wren = twins
    tabs.show("Today")
    assert tabs.today.banners == []

    def add(dialog: CareEventDialog) -> None:
        assert dialog._kind() is CareEventKind.NOTICED
        assert dialog.tell_nurse.isVisibleTo(dialog) and dialog.tell_nurse.text() == TELL_YOUR_NURSE
        dialog.set_baby(wren.baby_id)
        dialog.save()
        assert "Please choose at least one thing you noticed" in dialog.problem_text("signs")
        dialog.sign_boxes[NoticedSign.SWOLLEN_OR_DISCOLOURED_BELLY].setChecked(True)
        dialog.save()

    answer_dialog(tabs.editor, add)
    tabs.today.quick_buttons["Something I noticed"].click()
    [banner] = tabs.today.banners
    assert banner.isVisible()
    assert TELL_YOUR_NURSE in banner.label.text() and "Wren: you noted swollen or discolored belly" in \
        banner.label.text()
    assert "Saved: Something I noticed: Swollen or discolored belly" in tabs.today.message.text()
    banner.button.click()
    assert tabs.opened_articles == ["warning-signs"]


def test_note_with_milestone_and_skin_to_skin(qtbot, tabs, twins) -> None:
    """A note with a milestone tag, another tag and skin-to-skin minutes shows in Notes and on Today."""
    robin, _wren = twins
    notes = tabs.show("Notes")

    def add(dialog: NoteDialog) -> None:
        dialog.save()
        assert "Please write a note, choose a tag" in dialog.problem_text("text")
        dialog.baby_combo.setCurrentIndex(dialog.baby_combo.findData(int(robin.baby_id)))
        _type(qtbot, dialog.text, "Held Robin for the first time. He opened his eyes.")
        dialog.tag_boxes["first hold"].setChecked(True)
        _type(qtbot, dialog.other_tags, "happy, Dad")
        _type(qtbot, dialog.skin, "45")
        dialog.save()

    answer_dialog(tabs.editor, add)
    notes.add_buttons[0].click()
    [note] = tabs.entries.notes(robin.baby_id)
    assert note.tags == ("first hold", "happy", "Dad") and note.skin_to_skin_minutes == 45
    assert _cells(notes) [1:5] == ["Robin", "Held Robin for the first time. He opened his eyes.",
                                   "first hold, happy, Dad", "45 min"]
    family = _card(tabs, robin).blocks["family"].text()
    assert "45 minutes skin to skin" in family and "Milestone: first hold" in family


def test_time_in_a_skipped_hour_gets_a_note_and_is_read_forward(qtbot, qapp, journal, clock) -> None:
    """In New York, 02:30 on 8 March 2026 never happened: the dialog says so and saves 03:30 EDT (07:30 UTC);
    01:30 on 1 November 2025 happened twice and can be marked as the second one."""
    tabs = build_tabs(qtbot, journal, clock, zone="America/New_York")
    tabs.entries.set_time_zone("America/New_York")
    notes_seen: list[str] = []

    def skipped(dialog: PumpingDialog) -> None:
        dialog.when.set_local(dt.datetime(2026, 3, 8, 2, 30))
        notes_seen.append(dialog.when.note.text())
        assert not dialog.when.second_time.isVisibleTo(dialog)
        _type(qtbot, dialog.total.edit, "30")
        dialog.save()

    answer_dialog(tabs.editor, skipped)
    tabs.show("Pumping")
    tabs.table("Pumping").add_buttons[0].click()
    assert notes_seen == [("The clocks went forward that night, so 02:30 on Mar 8 did not happen. It will be saved "
                           "as 03:30, the time the clocks showed then.")]
    assert tabs.entries.pumping_sessions()[0].at == dt.datetime(2026, 3, 8, 7, 30, tzinfo=dt.UTC)

    def repeated(dialog: PumpingDialog) -> None:
        dialog.when.set_local(dt.datetime(2025, 11, 2, 1, 30))
        notes_seen.append(dialog.when.note.text())
        assert dialog.when.second_time.isVisibleTo(dialog)
        dialog.when.second_time.setChecked(True)
        _type(qtbot, dialog.total.edit, "40")
        dialog.save()

    answer_dialog(tabs.editor, repeated)
    tabs.table("Pumping").add_buttons[0].click()
    assert "happened twice" in notes_seen[1]
    assert tabs.entries.pumping_sessions()[0].at == dt.datetime(2025, 11, 2, 6, 30, tzinfo=dt.UTC)


def test_keyboard_only_weight_entry(qtbot, tabs, twins) -> None:
    """Ctrl+N opens the weight dialog with the cursor in grams, typing and Ctrl+Enter save it, Ctrl+Z undoes it."""
    robin, _wren = twins
    weights = tabs.show("Weights")
    focus: list[str] = []

    def type_it(dialog: WeightDialog) -> None:
        focused = QApplication.focusWidget()
        focus.append(focused.accessibleName() if focused else "")
        QTest.keyClicks(focused, "1180")
        QTest.keyClick(focused, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    answer_dialog(tabs.editor, type_it)
    _press(weights.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert focus == ["Weight in grams"]
    assert tabs.entries.weights(robin.baby_id)[0].grams == 1180
    _press(weights.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tabs.entries.weights(robin.baby_id) == ()
    assert "Undone" in weights.message.text()


def test_new_plan_defaults_to_the_plan_in_force_and_restarts_after_a_pause(qtbot, tabs, twins) -> None:
    """A new plan opens with the baby's last volume, milk and route; after a pause it offers feeds restarting."""
    robin, _wren = twins
    seen: list[tuple[str, str, object, str]] = []

    def add_paused(dialog: FeedingPlanDialog) -> None:
        _type(qtbot, dialog.volume_field.edit, "3")
        dialog.milk.set_value(Milk.only(MilkKind.MOTHERS_OWN_FRESH))
        dialog.route.setCurrentIndex(dialog.route.findData(FeedRoute.OG_TUBE_BOLUS.value))
        dialog.when.set_local(dt.datetime(2026, 3, 9, 8, 0))
        dialog.save()

    answer_dialog(tabs.editor, add_paused)
    tabs.editor.add(EntryKind.FEEDING_PLAN, baby_id=robin.baby_id)

    def pause(dialog: FeedingPlanDialog) -> None:
        dialog.paused.setChecked(True)
        _type(qtbot, dialog.reason, "swollen belly")
        dialog.save()

    answer_dialog(tabs.editor, pause)
    tabs.editor.add(EntryKind.FEEDING_PLAN, baby_id=robin.baby_id)
    assert "Feeds paused (swollen belly)" in _card(tabs, robin).blocks["plan"].text()

    def look(dialog: FeedingPlanDialog) -> None:
        seen.append(("bolus" if dialog.bolus.isChecked() else "other", dialog.volume_field.edit.text(),
                     dialog.milk.value(), dialog.route.currentText()))
        dialog.reject()

    answer_dialog(tabs.editor, look)
    tabs.editor.add(EntryKind.FEEDING_PLAN, baby_id=robin.baby_id)
    assert seen == [("bolus", "3", Milk.only(MilkKind.MOTHERS_OWN_FRESH), "OG tube (bolus)")]
