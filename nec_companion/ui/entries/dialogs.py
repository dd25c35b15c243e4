"""One dialog per kind of entry, made for a tired parent: sensible defaults (now, the last values used for that
baby), units in the fields, live conversions, keyboard-only (Tab, Ctrl+Enter saves), and the core's own words
next to the field when something can't be saved. The shared frame (checking, confirming, sizing) is
`entry_dialog.EntryDialog`; each dialog returns a domain entry or None.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.babies import BabyId
from nec_companion.core.care_events import TELL_YOUR_NURSE, CareEvent, CareEventKind, NoticedSign
from nec_companion.core.entries import EntryKind
from nec_companion.core.feeding import (
    BolusFeeds,
    ContinuousFeeds,
    FamilyFeed,
    FamilyFeedMethod,
    FeedingPlanChange,
    FeedRoute,
    FeedsPaused,
    Fortifier,
    RegimenMode,
)
from nec_companion.core.local_time import to_local
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import MILESTONE_TAGS, NoteEntry
from nec_companion.core.pumping import TOTAL_TOLERANCE_ML, PumpedMilkShare, PumpingSession
from nec_companion.core.units import format_ml
from nec_companion.ui.entries.entry_dialog import EntryDialog, rounded_now
from nec_companion.ui.entries.fields import (
    CalmNote,
    FieldInputError,
    HoursSpin,
    MilkField,
    NumberField,
    VolumeField,
    VolumeUnit,
    WeightField,
    combo,
    fortifier_combo,
    from_qdate,
    from_qtime,
    private_line,
    private_text,
    qdate,
    route_combo,
    row,
    text_label,
)
from nec_companion.ui.entries.words import capitalised, grams_words, short_date
from nec_companion.ui.widgets.flow import FlowLayout

# ============================================================================================ feeding plan


class FeedingPlanDialog(EntryDialog):
    kind = EntryKind.FEEDING_PLAN
    add_title = "Record a feeding plan change"
    edit_title = "Edit a feeding plan change"
    intro_text = ("Most feeds in the NICU are given by the nurses, following the plan. Record the plan each time "
                  "it changes: how much, how often, which milk and how it is given.")

    def build(self) -> None:
        self.when = self.time_field("When the new plan started")
        self.add_row("Started:", self.when, "effective_at", focus=self.when.date_edit)
        self.watch(self.when.changed, "effective_at")

        self.bolus = QRadioButton("A set amount every few hours", self.body)
        self.continuous = QRadioButton("Continuously, by a pump", self.body)
        self.paused = QRadioButton("Feeds paused (nothing by mouth, \u201cNPO\u201d)", self.body)
        self.mode_group = QButtonGroup(self)
        modes = QWidget(self.body)
        modes_layout = QVBoxLayout(modes)
        modes_layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.bolus, self.continuous, self.paused):
            self.mode_group.addButton(button)
            modes_layout.addWidget(button)
            button.toggled.connect(self._mode_changed)
        self.add_row("Feeds:", modes, focus=self.bolus)
        self.add_unit_row()

        self.volume_field = self.volume("Each feed")
        self.volume_row = self.add_row("Each feed:", self.volume_field, "volume_ml")
        self.watch(self.volume_field.changed, "volume_ml")
        self.interval = HoursSpin(self.body, name="How often: every so many hours")
        self.per_day = QLabel("", self.body)
        self.per_day.setProperty("muted", True)
        self.interval_row = self.add_row("Every:", row(self.interval, self.per_day, parent=self.body),
                                         "interval_hours", focus=self.interval)
        self.watch(self.interval.valueChanged, "interval_hours")
        self.rate = self.volume("Rate", per_hour=True)
        self.rate_per_day = QLabel("", self.body)
        self.rate_per_day.setProperty("muted", True)
        rate_box = QWidget(self.body)
        rate_layout = QVBoxLayout(rate_box)
        rate_layout.setContentsMargins(0, 0, 0, 0)
        rate_layout.addWidget(self.rate)
        rate_layout.addWidget(self.rate_per_day)
        self.rate_row = self.add_row("Rate:", rate_box, "rate_ml_per_hour", focus=self.rate.edit)
        self.watch(self.rate.changed, "rate_ml_per_hour")
        self.reason = private_line(self.body, "Why feeds are paused (optional)",
                                   placeholder="For example: swollen belly")
        reason_box = QWidget(self.body)
        reason_layout = QVBoxLayout(reason_box)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(self.reason)
        reason_layout.addWidget(text_label("Feeds start again when you record the next plan change.", reason_box,
                                           muted=True))
        self.reason_row = self.add_row("Why:", reason_box, "reason", focus=self.reason)
        self.watch(self.reason.textChanged, "reason")

        self.milk = MilkField(self.body)
        self.milk_row = self.add_row("Milk:", self.milk, "milk", "formula_name", focus=self.milk.kind)
        self.watch(self.milk.changed, "milk", "formula_name")
        self.fortifier = fortifier_combo(self.body)
        self.strength = private_line(self.body, "Fortifier strength", placeholder="Strength (optional), for "
                                     "example: full strength")
        fortifier_box = QWidget(self.body)
        fortifier_layout = QVBoxLayout(fortifier_box)
        fortifier_layout.setContentsMargins(0, 0, 0, 0)
        fortifier_layout.addWidget(self.fortifier, 0, Qt.AlignmentFlag.AlignLeft)
        fortifier_layout.addWidget(self.strength)
        self.fortifier_row = self.add_row("Fortifier:", fortifier_box, "fortifier_strength", focus=self.fortifier)
        self.fortifier.currentIndexChanged.connect(self._mode_changed)
        self.watch(self.fortifier.currentIndexChanged, "fortifier_strength")
        self.watch(self.strength.textChanged, "fortifier_strength")
        self.route = route_combo(self.body)
        self.route_row = self.add_row("Given by:", row(self.route, parent=self.body), focus=self.route)
        self.watch(self.route.currentIndexChanged)
        self.note = private_text(self.body, "Note about this plan")
        self.add_row("Note:", self.note, "note")
        self.watch(self.note.textChanged, "note")
        for signal in (self.volume_field.changed, self.interval.valueChanged, self.rate.changed):
            signal.connect(self._update_per_day)
        self.first_focus = self.volume_field.edit

    def _mode(self) -> RegimenMode:
        if self.continuous.isChecked():
            return RegimenMode.CONTINUOUS
        if self.paused.isChecked():
            return RegimenMode.PAUSED
        return RegimenMode.BOLUS

    def _set_mode(self, mode: RegimenMode) -> None:
        {RegimenMode.BOLUS: self.bolus, RegimenMode.CONTINUOUS: self.continuous,
         RegimenMode.PAUSED: self.paused}[mode].setChecked(True)
        self._mode_changed()

    def _mode_changed(self, *_args: object) -> None:
        mode = self._mode()
        feeding = mode is not RegimenMode.PAUSED
        for holder, visible in ((self.volume_row, mode is RegimenMode.BOLUS),
                                (self.interval_row, mode is RegimenMode.BOLUS),
                                (self.rate_row, mode is RegimenMode.CONTINUOUS),
                                (self.reason_row, not feeding), (self.milk_row, feeding),
                                (self.fortifier_row, feeding), (self.route_row, feeding)):
            self.form.setRowVisible(holder, visible)
        self.form.setRowVisible(self.unit_row, feeding)
        self.strength.setVisible(self.fortifier.currentData() != Fortifier.NONE.value)
        self._update_per_day()
        self._edited("regimen")
        self._refit_soon()

    def _update_per_day(self, *_args: object) -> None:
        try:
            if self._mode() is RegimenMode.BOLUS:
                volume = self.volume_field.value("volume_ml")
                if volume is None or volume <= 0:
                    self.per_day.setText("")
                    return
                regimen = BolusFeeds(volume, self.interval.value())
                feeds = regimen.feeds_per_day
                self.per_day.setText(f"= {feeds:g} feeds, {format_ml(round(regimen.ml_per_day, 1))} a day")
            elif self._mode() is RegimenMode.CONTINUOUS:
                rate = self.rate.value("rate_ml_per_hour")
                self.rate_per_day.setText(f"= {format_ml(round(ContinuousFeeds(rate).ml_per_day, 1))} a day"
                                          if rate else "")
        except FieldInputError:
            self.per_day.setText("")
            self.rate_per_day.setText("")

    def load(self, plan: FeedingPlanChange) -> None:
        self.set_baby(plan.baby_id)
        self.when.set_instant(plan.effective_at)
        regimen = plan.regimen
        if isinstance(regimen, BolusFeeds):
            self.volume_field.set_value(regimen.volume_ml)
            self.interval.setValue(regimen.interval_hours)
        elif isinstance(regimen, ContinuousFeeds):
            self.rate.set_value(regimen.rate_ml_per_hour)
        else:
            self.reason.setText(regimen.reason)
        self._load_feeding(plan)
        self.note.setPlainText(plan.note)
        self._set_mode(plan.mode)

    def _load_feeding(self, plan: FeedingPlanChange | None) -> None:
        self.milk.set_value(plan.milk if plan else None)
        self.fortifier.setCurrentIndex(max(0, self.fortifier.findData((plan.fortifier if plan else
                                                                        Fortifier.NONE).value)))
        self.strength.setText(plan.fortifier_strength if plan else "")
        route = plan.route if plan else None
        self.route.setCurrentIndex(max(0, self.route.findData(route.value if route else None)))

    def defaults(self, baby_id: BabyId | None) -> None:
        """The plan in force, or feeds restarting with the values from before a pause."""
        self.interval.setValue(3)
        if baby_id is None:
            self._set_mode(RegimenMode.BOLUS)
            return
        recent = self.entries.list_entries(EntryKind.FEEDING_PLAN, baby_id=baby_id, newest_first=True, limit=30)
        in_force = self.entries.plan_in_force(baby_id) or (recent[0] if recent else None)
        feeding = next((plan for plan in recent if isinstance(plan, FeedingPlanChange) and not plan.is_paused),
                       None)
        self.volume_field.set_value(None)
        self.rate.set_value(None)
        if feeding is not None:
            regimen = feeding.regimen
            if isinstance(regimen, BolusFeeds):
                self.volume_field.set_value(regimen.volume_ml)
                self.interval.setValue(regimen.interval_hours)
            elif isinstance(regimen, ContinuousFeeds):
                self.rate.set_value(regimen.rate_ml_per_hour)
        self._load_feeding(feeding)
        if isinstance(in_force, FeedingPlanChange) and not in_force.is_paused:
            self._set_mode(in_force.mode)
        else:
            self._set_mode(feeding.mode if feeding is not None else RegimenMode.BOLUS)

    def entry(self) -> FeedingPlanChange:
        baby = self.current_baby_id()
        mode = self._mode()
        regimen: BolusFeeds | ContinuousFeeds | FeedsPaused
        if mode is RegimenMode.BOLUS:
            volume = self.read("volume_ml", lambda: self.volume_field.value("volume_ml"), None)
            self.require(volume, "volume_ml", "Please enter how much milk is given at each feed.")
            self.stop_if_input_errors()
            assert volume is not None
            regimen = BolusFeeds(volume, self.interval.value())
        elif mode is RegimenMode.CONTINUOUS:
            rate = self.read("rate_ml_per_hour", lambda: self.rate.value("rate_ml_per_hour"), None)
            self.require(rate, "rate_ml_per_hour", "Please enter the pump's rate, in mL an hour.")
            self.stop_if_input_errors()
            assert rate is not None
            regimen = ContinuousFeeds(rate)
        else:
            regimen = FeedsPaused(self.reason.text())
        self.require(baby, "baby_id", "Please choose the baby.")
        self.stop_if_input_errors()
        assert baby is not None
        feeding = mode is not RegimenMode.PAUSED
        route = self.route.currentData()
        return FeedingPlanChange(
            baby_id=baby, effective_at=self.when.instant(), time_zone=self.zone_name, regimen=regimen,
            milk=self.milk.value() if feeding else None,
            fortifier=Fortifier(self.fortifier.currentData()) if feeding else Fortifier.NONE,
            fortifier_strength=self.strength.text() if feeding and self.strength.isVisibleTo(self) else "",
            route=FeedRoute(route) if feeding and route else None,
            note=self.note.toPlainText(), entry_id=self.entry_id())


# ============================================================================================ family feed


class FamilyFeedDialog(EntryDialog):
    kind = EntryKind.FAMILY_FEED
    add_title = "Record a feed you gave"
    edit_title = "Edit a feed you gave"
    intro_text = ("A breastfeed, a bottle, a tube feed or colostrum mouth care you gave yourself. (Feeds the "
                  "nurses give are part of the plan.)")

    def build(self) -> None:
        self.when = self.time_field("When")
        self.add_row("When:", self.when, "at", focus=self.when.date_edit)
        self.watch(self.when.changed, "at")
        self.breastfeed = QRadioButton("Breastfeed", self.body)
        self.bottle = QRadioButton("Bottle", self.body)
        self.tube = QRadioButton("Tube feed", self.body)
        self.tube.setAccessibleDescription("Milk you gave through your baby's feeding tube, with the nurse")
        self.mouth_care = QRadioButton("Colostrum mouth care", self.body)
        self.mouth_care.setAccessibleDescription("A few drops of colostrum on the inside of the cheeks")
        self.method_buttons = {FamilyFeedMethod.BREASTFEED: self.breastfeed, FamilyFeedMethod.BOTTLE: self.bottle,
                               FamilyFeedMethod.TUBE: self.tube, FamilyFeedMethod.MOUTH_CARE: self.mouth_care}
        group = QButtonGroup(self)
        methods = QWidget(self.body)
        methods_flow = FlowLayout(methods, spacing=12)
        for button in self.method_buttons.values():
            group.addButton(button)
            methods_flow.add(button)
            button.toggled.connect(self._method_changed)
        self.add_row("Feed:", methods, focus=self.breastfeed)
        self.add_unit_row()
        self.amount = self.volume("Amount")
        self.amount_hint = text_label("", self.body, muted=True)
        amount_box = QWidget(self.body)
        amount_layout = QVBoxLayout(amount_box)
        amount_layout.setContentsMargins(0, 0, 0, 0)
        amount_layout.addWidget(self.amount)
        amount_layout.addWidget(self.amount_hint)
        self.amount_row = self.add_row("Amount:", amount_box, "volume_ml", focus=self.amount.edit)
        # A click on Bottle (or another kind) goes straight on to the amount: the next thing typed is the mL
        # (arrow keys still move between the kinds, as in any group of radio buttons).
        group.buttonClicked.connect(lambda _button: self.amount.edit.setFocus(Qt.FocusReason.OtherFocusReason))
        self.watch(self.amount.changed, "volume_ml")
        self.milk = MilkField(self.body)
        self.milk_row = self.add_row("Milk:", self.milk, "milk", "formula_name", focus=self.milk.kind)
        self.watch(self.milk.changed, "milk", "formula_name")
        self.note = private_text(self.body, "Note about this feed")
        self.add_row("Note:", self.note, "note")
        self.watch(self.note.textChanged, "note")
        self.first_focus = self.amount.edit

    def method(self) -> FamilyFeedMethod:
        return next((method for method, button in self.method_buttons.items() if button.isChecked()),
                    FamilyFeedMethod.BREASTFEED)

    def _method_changed(self, *_args: object) -> None:
        method = self.method()
        self.form.setRowVisible(self.milk_row, method.has_milk)
        caption = self.form.labelForField(self.amount_row)
        captions = {FamilyFeedMethod.BOTTLE: "Taken:", FamilyFeedMethod.TUBE: "Amount:",
                    FamilyFeedMethod.BREASTFEED: "Test weight:", FamilyFeedMethod.MOUTH_CARE: "Amount:"}
        if isinstance(caption, QLabel):
            caption.setText(captions[method])
        names = {FamilyFeedMethod.BOTTLE: "How much your baby took",
                 FamilyFeedMethod.TUBE: "How much was given through the tube",
                 FamilyFeedMethod.BREASTFEED: "Test weight, if your baby was weighed",
                 FamilyFeedMethod.MOUTH_CARE: "Amount of colostrum, if you know it"}
        # The name starts with the visible caption (WCAG 2.5.3), then says what the amount is and its unit.
        self.amount.edit.setAccessibleName(f"{captions[method]} {names[method].lower()}, " + (
            "in millilitres" if self.amount.unit == VolumeUnit.ML else "in US fluid ounces"))
        hints = {FamilyFeedMethod.BREASTFEED: "If your baby was weighed before and after: the difference in grams "
                                              "counts as mL. Leave it empty if not.",
                 FamilyFeedMethod.MOUTH_CARE: "Usually a few drops. Leave it empty if you don't know."}
        self.amount_hint.setText(hints.get(method, ""))
        self.amount_hint.setVisible(method in hints)
        self._edited()  # check again, but nothing counts as typed yet: no message before the family types
        self._refit_soon()

    def load(self, feed: FamilyFeed) -> None:
        self.set_baby(feed.baby_id)
        self.when.set_instant(feed.at)
        self.method_buttons[feed.method].setChecked(True)
        self.amount.set_value(feed.volume_ml)
        self.milk.set_value(feed.milk)
        self.note.setPlainText(feed.note)
        self._method_changed()

    def defaults(self, baby_id: BabyId | None) -> None:
        last = self.entries.latest(EntryKind.FAMILY_FEED, baby_id=baby_id) if baby_id is not None else None
        method = last.method if isinstance(last, FamilyFeed) else FamilyFeedMethod.BREASTFEED
        if isinstance(self.preset, FamilyFeedMethod):
            method = self.preset
        self.method_buttons[method].setChecked(True)
        plan = self.entries.plan_in_force(baby_id) if baby_id is not None else None
        milk = plan.milk if plan is not None and plan.milk is not None else (
            last.milk if isinstance(last, FamilyFeed) else None)
        self.milk.set_value(milk)
        self._method_changed()

    def entry(self) -> FamilyFeed:
        baby = self.current_baby_id()
        method = self.method()
        volume = self.read("volume_ml", lambda: self.amount.value("volume_ml"), None)
        self.require(baby, "baby_id", "Please choose the baby.")
        self.stop_if_input_errors()
        assert baby is not None
        return FamilyFeed(baby_id=baby, at=self.when.instant(), time_zone=self.zone_name, method=method,
                          volume_ml=volume, milk=self.milk.value() if method.has_milk else None,
                          note=self.note.toPlainText(), entry_id=self.entry_id())


# ============================================================================================ pumping


class PumpingDialog(EntryDialog):
    kind = EntryKind.PUMPING
    add_title = "Record pumping"
    edit_title = "Edit a pumping session"
    intro_text = "Write down what you pumped, a few drops too if you like. Leave a side empty if you don't know it."
    has_baby = False

    def build(self) -> None:
        self.when = self.time_field("When")
        self.add_row("When:", self.when, "at", focus=self.when.date_edit)
        self.watch(self.when.changed, "at")
        self.minutes = NumberField(self.body, name="How long, in minutes", whole=True, chars=3)
        self.add_row("How long:", row(self.minutes, "minutes", parent=self.body), "minutes", focus=self.minutes)
        self.watch(self.minutes.textChanged, "minutes")
        self.add_unit_row()
        self.left = self.volume("Left breast")
        self.right = self.volume("Right breast")
        self.total = self.volume("Total")
        self.add_row("Left:", self.left, "left_ml", focus=self.left.edit)
        self.add_row("Right:", self.right, "right_ml", focus=self.right.edit)
        self.sum_label = text_label("", self.body, muted=True)
        total_box = QWidget(self.body)
        total_layout = QVBoxLayout(total_box)
        total_layout.setContentsMargins(0, 0, 0, 0)
        total_layout.addWidget(self.total)
        total_layout.addWidget(self.sum_label)
        self.add_row("Total:", total_box, "total_ml", focus=self.total.edit)
        for field, name in ((self.left, "left_ml"), (self.right, "right_ml"), (self.total, "total_ml")):
            self.watch(field.changed, name, "total_ml")
            field.changed.connect(self._update_sum)
        self.colostrum = QCheckBox("Yes, this was colostrum", self.body)
        self.colostrum.setToolTip("Colostrum is the first, thick milk of the first days.")
        self.colostrum.setAccessibleName("Yes, this was colostrum, the first thick milk")
        self.add_row("Colostrum:", self.colostrum, focus=self.colostrum)
        self.watch(self.colostrum.toggled)
        self.share_fields: dict[BabyId, VolumeField] = {}
        self.shared = QCheckBox("Shared between the babies", self.body)
        self.shared.setAccessibleName("Say how this milk was shared between the babies")
        if len(self.babies) > 1:
            shares_box = QWidget(self.body)
            shares_layout = QGridLayout(shares_box)
            shares_layout.setContentsMargins(0, 0, 0, 0)
            shares_layout.addWidget(self.shared, 0, 0, 1, 2)
            for index, baby in enumerate(self.babies, start=1):
                field = self.volume(f"Share for {baby.nickname}")
                label = QLabel(f"For {baby.nickname}:", shares_box)
                label.setBuddy(field.edit)
                shares_layout.addWidget(label, index, 0)
                shares_layout.addWidget(field, index, 1)
                self.share_fields[baby.baby_id] = field
                self.watch(field.changed, "shares")
            self.add_row("Shared:", shares_box, "shares", focus=self.shared)
            self.shared.toggled.connect(self._shared_changed)
            self.watch(self.shared.toggled, "shares")
        else:  # one baby: nothing to share (the box is not in any layout, so it must not be drawn at all)
            self.shared.hide()
        self.note = private_text(self.body, "Note about this session")
        self.add_row("Note:", self.note, "note")
        self.watch(self.note.textChanged, "note")
        self._shared_changed()
        self.first_focus = self.left.edit

    def _shared_changed(self, *_args: object) -> None:
        for field in self.share_fields.values():
            field.setEnabled(self.shared.isChecked())

    def _update_sum(self) -> None:
        try:
            left = self.left.value("left_ml")
            right = self.right.value("right_ml")
        except FieldInputError:
            self.sum_label.setText("")
            return
        if left is None and right is None:
            self.sum_label.setText("Type the total here if you don't know each side.")
            return
        both = (left or 0.0) + (right or 0.0)
        self.sum_label.setText(f"Left and right add up to {format_ml(round(both, 1))}. Leave the total empty to "
                               "use that.")

    def load(self, session: PumpingSession) -> None:
        self.when.set_instant(session.at)
        self.minutes.set_number(session.minutes)
        self.left.set_value(session.left_ml)
        self.right.set_value(session.right_ml)
        sides = [side for side in (session.left_ml, session.right_ml) if side is not None]
        total = session.total_ml
        if sides and total is not None and abs(sum(sides) - total) <= TOTAL_TOLERANCE_ML:
            total = None  # worked out from the sides: leave it to be worked out again if a side changes
        self.total.set_value(total)
        self.colostrum.setChecked(session.colostrum)
        self.shared.setChecked(bool(session.shares))
        for share in session.shares:
            if share.baby_id in self.share_fields:
                self.share_fields[share.baby_id].set_value(share.ml)
        self.note.setPlainText(session.note)
        self._update_sum()

    def defaults(self, baby_id: BabyId | None) -> None:
        # Nothing carried over from the last session (a skipped field would store a guess as if it were known);
        # the last duration is only a hint in the empty field.
        last = self.entries.latest(EntryKind.PUMPING)
        if isinstance(last, PumpingSession) and last.minutes is not None:
            self.minutes.setPlaceholderText(f"last time {last.minutes}")
        self._update_sum()

    def entry(self) -> PumpingSession:
        minutes = self.read("minutes", lambda: self.minutes.whole_number("minutes"), None)
        left = self.read("left_ml", lambda: self.left.value("left_ml"), None)
        right = self.read("right_ml", lambda: self.right.value("right_ml"), None)
        total = self.read("total_ml", lambda: self.total.value("total_ml"), None)
        shares: list[PumpedMilkShare] = []
        if self.shared.isChecked():
            for baby_id, field in self.share_fields.items():
                amount = self.read("shares", lambda f=field: f.value("shares"), None)  # type: ignore[misc]
                if amount is not None:
                    shares.append(PumpedMilkShare(baby_id, amount))
        self.stop_if_input_errors()
        return PumpingSession(at=self.when.instant(), time_zone=self.zone_name, minutes=minutes, left_ml=left,
                              right_ml=right, total_ml=total, colostrum=self.colostrum.isChecked(),
                              note=self.note.toPlainText(), shares=tuple(shares), entry_id=self.entry_id())


# ============================================================================================ weight


class WeightDialog(EntryDialog):
    kind = EntryKind.WEIGHT
    add_title = "Record a weight"
    edit_title = "Edit a weight"
    intro_text = "Copy the weight from the chart or ask the nurse. Type grams, or pounds and ounces."

    def build(self) -> None:
        self.date = QDateEdit(self.body)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName("Date of the weighing")
        self.add_row("Date:", row(self.date, parent=self.body), "measured_on", focus=self.date)
        self.watch(self.date.dateChanged, "measured_on")
        self.time = QTimeEdit(self.body)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time of the weighing (24-hour clock)")
        self.time_unknown = QCheckBox("Time not known", self.body)
        self.time_unknown.toggled.connect(lambda off: self.time.setEnabled(not off))
        self.add_row("Time:", row(self.time, self.time_unknown, parent=self.body), focus=self.time)
        self.watch(self.time.timeChanged)
        self.weight = WeightField(self.body)
        self.last = text_label("", self.body, muted=True)
        weight_box = QWidget(self.body)
        weight_layout = QVBoxLayout(weight_box)
        weight_layout.setContentsMargins(0, 0, 0, 0)
        weight_layout.addWidget(self.weight)
        weight_layout.addWidget(self.last)
        self.add_row("Weight:", weight_box, "grams", focus=self.weight.grams)
        self.watch(self.weight.changed, "grams")
        self.note = private_text(self.body, "Note about this weight", lines=2)
        self.add_row("Note:", self.note, "note")
        self.watch(self.note.textChanged, "note")
        self.first_focus = self.weight.grams

    def _show_last(self, baby_id: BabyId | None) -> None:
        last = self.entries.latest(EntryKind.WEIGHT, baby_id=baby_id) if baby_id is not None else None
        if isinstance(last, Weight) and (not self.editing or last.entry_id != self.entry_id()):
            self.last.setText(f"Last weight: {grams_words(last.grams)} on {short_date(last.measured_on)}.")
        else:
            self.last.setText("")
        self.last.setVisible(bool(self.last.text()))

    def load(self, weight: Weight) -> None:
        self.set_baby(weight.baby_id)
        self.date.setDate(qdate(weight.measured_on))
        self.time_unknown.setChecked(weight.measured_at is None)
        if weight.measured_at is not None:
            self.time.setTime(_qtime(weight.measured_at))
        self.weight.set_value(weight.grams)
        self.note.setPlainText(weight.note)
        self._show_last(weight.baby_id)

    def defaults(self, baby_id: BabyId | None) -> None:
        self.date.setDate(qdate(self.entries.today()))
        local = to_local(rounded_now(self.entries.now()), self.zone_name)
        self.time.setTime(_qtime(local.time()))
        self.time_unknown.setChecked(True)
        self._show_last(baby_id)

    def entry(self) -> Weight:
        baby = self.current_baby_id()
        grams = self.read("grams", lambda: self.weight.value("grams"), None)
        self.require(grams, "grams", "Please enter the weight, in grams or in pounds and ounces.")
        self.require(baby, "baby_id", "Please choose the baby.")
        self.stop_if_input_errors()
        assert baby is not None and grams is not None
        return Weight(baby_id=baby, measured_on=from_qdate(self.date.date()), grams=int(grams),
                      measured_at=None if self.time_unknown.isChecked() else from_qtime(self.time.time()),
                      note=self.note.toPlainText(), entry_id=self.entry_id())


def _qtime(value: time) -> Any:
    from PySide6.QtCore import QTime

    return QTime(value.hour, value.minute)


# ============================================================================================ care event


EVENT_ORDER = (CareEventKind.NOTICED, CareEventKind.ANTIBIOTICS, CareEventKind.PROBIOTIC,
               CareEventKind.ACID_REDUCER, CareEventKind.TRANSFUSION, CareEventKind.PROCEDURE, CareEventKind.TEST)
DETAIL_LABELS = {
    CareEventKind.NOTICED: ("In your words:", "Anything else you noticed (optional)"),
    CareEventKind.ANTIBIOTICS: ("Which:", "Which antibiotic (optional)"),
    CareEventKind.PROBIOTIC: ("Which:", "Which probiotic (optional)"),
    CareEventKind.ACID_REDUCER: ("Which:", "Which medicine (optional)"),
    CareEventKind.TRANSFUSION: ("Details:", "Details (optional)"),
    CareEventKind.PROCEDURE: ("What:", "What was done"),
    CareEventKind.TEST: ("Which test:", "Which test, for example: belly X-ray"),
}


class CareEventDialog(EntryDialog):
    kind = EntryKind.CARE_EVENT
    add_title = "Record a care event"
    edit_title = "Edit a care event"

    def build(self) -> None:
        items: list[tuple[str, object]] = [("Choose…", None)]
        items += [(kind.label, kind.value) for kind in EVENT_ORDER]
        self.kind_combo = combo(self.body, "What happened", items)
        self.add_row("What:", row(self.kind_combo, parent=self.body), "kind", focus=self.kind_combo)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.watch(self.kind_combo.currentIndexChanged, "kind")
        self.tell_nurse = CalmNote(self.body, name="Tell your nurse")
        self.tell_nurse.show_text(TELL_YOUR_NURSE)
        self.tell_row = self.add_row("", self.tell_nurse)
        self.sign_boxes: dict[NoticedSign, QCheckBox] = {}
        signs = QWidget(self.body)
        signs_layout = QVBoxLayout(signs)
        signs_layout.setContentsMargins(0, 0, 0, 0)
        for sign in NoticedSign:
            box = QCheckBox(sign.label, signs)
            signs_layout.addWidget(box)
            self.sign_boxes[sign] = box
            self.watch(box.toggled, "signs")
        self.signs_row = self.add_row("You noticed:", signs, "signs", focus=next(iter(self.sign_boxes.values())))
        self.detail = private_line(self.body, "Details")
        self.detail_row = self.add_row("Details:", self.detail, "detail", focus=self.detail)
        self.watch(self.detail.textChanged, "detail")
        self.started = self.time_field("When")
        self.started_row = self.add_row("When:", self.started, "started_at", focus=self.started.date_edit)
        self.watch(self.started.changed, "started_at")
        self.stopped_box = QCheckBox("It has stopped", self.body)
        self.stopped = self.time_field("When it stopped")
        stop_holder = QWidget(self.body)
        stop_layout = QVBoxLayout(stop_holder)
        stop_layout.setContentsMargins(0, 0, 0, 0)
        stop_layout.addWidget(self.stopped_box)
        stop_layout.addWidget(self.stopped)
        self.stopped_row = self.add_row("Stopped:", stop_holder, "ended_at", focus=self.stopped_box)
        self.stopped_box.toggled.connect(self._stopped_changed)
        self.watch(self.stopped_box.toggled, "ended_at")
        self.watch(self.stopped.changed, "ended_at")
        self.note = private_text(self.body, "Note about this event")
        self.add_row("Note:", self.note, "note")
        self.watch(self.note.textChanged, "note")
        self.first_focus = self.kind_combo

    def _kind(self) -> CareEventKind | None:
        value = self.kind_combo.currentData()
        return CareEventKind(value) if value else None

    def _kind_changed(self, *_args: object) -> None:
        kind = self._kind()
        noticed = kind is CareEventKind.NOTICED
        course = kind is not None and kind.is_course
        self.form.setRowVisible(self.tell_row, noticed)
        self.form.setRowVisible(self.signs_row, noticed)
        self.form.setRowVisible(self.detail_row, kind is not None)
        self.form.setRowVisible(self.stopped_row, course)
        label, placeholder = DETAIL_LABELS.get(kind, ("Details:", "")) if kind else ("Details:", "")
        caption = self.form.labelForField(self.detail_row)
        if isinstance(caption, QLabel):
            caption.setText(label)
        self.detail.setPlaceholderText(placeholder)
        self.detail.setAccessibleName(placeholder or "Details")
        started = self.form.labelForField(self.started_row)
        if isinstance(started, QLabel):
            started.setText("Started:" if course else "When:")
        self._stopped_changed()
        self._refit_soon()

    def _stopped_changed(self, *_args: object) -> None:
        self.stopped.setVisible(self.stopped_box.isChecked())
        self._refit_soon()

    def load(self, event: CareEvent) -> None:
        self.set_baby(event.baby_id)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(event.kind.value)))
        for sign, box in self.sign_boxes.items():
            box.setChecked(sign in event.signs)
        self.detail.setText(event.detail)
        self.started.set_instant(event.started_at)
        self.stopped_box.setChecked(event.ended_at is not None)
        if event.ended_at is not None:
            self.stopped.set_instant(event.ended_at)
        self.note.setPlainText(event.note)
        self._kind_changed()

    def defaults(self, baby_id: BabyId | None) -> None:
        if isinstance(self.preset, CareEventKind):
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(self.preset.value)))
            self.first_focus = next(iter(self.sign_boxes.values())) if self.preset is CareEventKind.NOTICED \
                else self.detail
        self._kind_changed()

    def entry(self) -> CareEvent:
        baby = self.current_baby_id()
        kind = self._kind()
        self.require(kind, "kind", "Please choose what happened.")
        self.require(baby, "baby_id", "Please choose the baby.")
        self.stop_if_input_errors()
        assert kind is not None and baby is not None
        course = kind.is_course
        return CareEvent(
            baby_id=baby, kind=kind, started_at=self.started.instant(), time_zone=self.zone_name,
            ended_at=self.stopped.instant() if course and self.stopped_box.isChecked() else None,
            detail=self.detail.text(),
            signs=frozenset(sign for sign, box in self.sign_boxes.items() if box.isChecked())
            if kind is CareEventKind.NOTICED else frozenset(),
            note=self.note.toPlainText(), entry_id=self.entry_id())


# ============================================================================================ note


class NoteDialog(EntryDialog):
    kind = EntryKind.NOTE
    add_title = "Write a note"
    edit_title = "Edit a note"
    baby_label = "About:"

    def _add_baby_row(self) -> None:
        items: list[tuple[str, object]] = [(baby.nickname, int(baby.baby_id)) for baby in self.babies]
        items.append(("The whole family" if len(self.babies) != 1 else "All of us", None))
        box = combo(self.body, "Who the note is about", items)
        self.baby_combo = box
        self.add_row("About:", row(box, parent=self.body), "baby_id", focus=box)
        box.currentIndexChanged.connect(self._baby_changed)

    def build(self) -> None:
        self.when = self.time_field("When")
        self.add_row("When:", self.when, "at", focus=self.when.date_edit)
        self.watch(self.when.changed, "at")
        self.text = private_text(self.body, "Note", lines=4)
        self.text.setPlaceholderText("What happened, how it felt, something to remember or to ask")
        self.add_row("Note:", self.text, "text")
        self.watch(self.text.textChanged, "text")
        tags = QWidget(self.body)
        flow = FlowLayout(tags, spacing=12)
        self.tag_boxes: dict[str, QCheckBox] = {}
        for tag in MILESTONE_TAGS:
            box = QCheckBox(capitalised(tag), tags)
            box.setAccessibleName(f"Milestones: {tag}")
            flow.add(box)
            self.tag_boxes[tag] = box
            self.watch(box.toggled, "tags", "text")
        self.add_row("Milestones:", tags, focus=next(iter(self.tag_boxes.values())))
        self.other_tags = private_line(self.body, "Other tags", placeholder="Other tags, separated by commas")
        self.add_row("Other tags:", self.other_tags, "tags")
        self.watch(self.other_tags.textChanged, "tags", "text")
        self.skin = NumberField(self.body, name="Skin to skin, in minutes", whole=True, chars=4)
        self.add_row("Skin to skin:", row(self.skin, "minutes", parent=self.body), "skin_to_skin_minutes",
                     focus=self.skin)
        self.watch(self.skin.textChanged, "skin_to_skin_minutes", "text")
        self.first_focus = self.text

    def load(self, note: NoteEntry) -> None:
        if self.baby_combo is not None:
            self.baby_combo.setCurrentIndex(max(0, self.baby_combo.findData(
                int(note.baby_id) if note.baby_id is not None else None)))
        self.when.set_instant(note.at)
        self.text.setPlainText(note.text)
        suggested = {tag.casefold(): tag for tag in MILESTONE_TAGS}
        others = []
        for tag in note.tags:
            if tag.casefold() in suggested:
                self.tag_boxes[suggested[tag.casefold()]].setChecked(True)
            else:
                others.append(tag)
        self.other_tags.setText(", ".join(others))
        self.skin.set_number(note.skin_to_skin_minutes)

    def defaults(self, baby_id: BabyId | None) -> None:
        if isinstance(self.preset, str) and self.preset in self.tag_boxes:
            self.tag_boxes[self.preset].setChecked(True)

    def entry(self) -> NoteEntry:
        minutes = self.read("skin_to_skin_minutes", lambda: self.skin.whole_number("skin_to_skin_minutes"), None)
        self.stop_if_input_errors()
        tags = [tag for tag, box in self.tag_boxes.items() if box.isChecked()]
        tags += [part for part in self.other_tags.text().split(",") if part.strip()]
        return NoteEntry(at=self.when.instant(), time_zone=self.zone_name, text=self.text.toPlainText(),
                         tags=tuple(tags), skin_to_skin_minutes=minutes, baby_id=self.current_baby_id(),
                         entry_id=self.entry_id())


DIALOGS: dict[EntryKind, type[EntryDialog]] = {
    EntryKind.FEEDING_PLAN: FeedingPlanDialog,
    EntryKind.FAMILY_FEED: FamilyFeedDialog,
    EntryKind.PUMPING: PumpingDialog,
    EntryKind.WEIGHT: WeightDialog,
    EntryKind.CARE_EVENT: CareEventDialog,
    EntryKind.NOTE: NoteDialog,
}

__all__ = ["DIALOGS", "CareEventDialog", "EntryDialog", "FamilyFeedDialog", "FeedingPlanDialog", "NoteDialog",
           "PumpingDialog", "WeightDialog", "rounded_now"]
