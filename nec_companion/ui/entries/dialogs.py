"""One dialog per kind of entry, made for a tired parent: sensible defaults (now, the last values used for that
baby), units in the fields, live conversions, keyboard-only (Tab, Ctrl+Enter saves), and the core's own words
next to the field when something can't be saved. This module holds the dialogs about milk and growth (feeding
plan, a feed the family gave, pumping, weight) and `DIALOGS`, the one table of every kind's dialog; the care-event
and note dialogs are in `event_dialogs.py`. The shared frame (checking, confirming, sizing) is
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
from nec_companion.core.i18n import N_, _, active, ngettext
from nec_companion.core.local_time import to_local
from nec_companion.core.measurements import Weight
from nec_companion.core.pumping import TOTAL_TOLERANCE_ML, PumpedMilkShare, PumpingSession
from nec_companion.core.units import format_ml, format_number
from nec_companion.ui.entries.entry_dialog import EntryDialog, rounded_now
from nec_companion.ui.entries.event_dialogs import CareEventDialog, NoteDialog
from nec_companion.ui.entries.fields import (
    FieldInputError,
    HoursSpin,
    MilkField,
    NumberField,
    VolumeField,
    VolumeUnit,
    WeightField,
    fortifier_combo,
    from_qdate,
    from_qtime,
    private_line,
    private_text,
    qdate,
    route_combo,
    row,
)
from nec_companion.ui.entries.words import grams_words, short_date
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label

# ============================================================================================ feeding plan


class FeedingPlanDialog(EntryDialog):
    kind = EntryKind.FEEDING_PLAN
    add_title = N_("Record a feeding plan change")
    edit_title = N_("Edit a feeding plan change")
    intro_text = N_("Most feeds in the NICU are given by the nurses, following the plan. Record the plan each time "
                    "it changes: how much, how often, which milk and how it is given.")

    def build(self) -> None:
        self.when = self.time_field(_("When the new plan started"))
        self.add_row(_("Started:"), self.when, "effective_at", focus=self.when.date_edit)
        self.watch(self.when.changed, "effective_at")

        self.bolus = QRadioButton(_("A set amount every few hours"), self.body)
        self.continuous = QRadioButton(_("Continuously, by a pump"), self.body)
        self.paused = QRadioButton(_("Feeds paused (nothing by mouth, \u201cNPO\u201d)"), self.body)
        self.mode_group = QButtonGroup(self)
        modes = QWidget(self.body)
        modes_layout = QVBoxLayout(modes)
        modes_layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.bolus, self.continuous, self.paused):
            self.mode_group.addButton(button)
            modes_layout.addWidget(button)
            button.toggled.connect(self._mode_changed)
        self.add_row(_("Feeds:"), modes, focus=self.bolus)
        self.add_unit_row()

        self.volume_field = self.volume(_("Each feed"))
        self.volume_row = self.add_row(_("Each feed:"), self.volume_field, "volume_ml")
        self.watch(self.volume_field.changed, "volume_ml")
        self.interval = HoursSpin(self.body, name=_("How often: every so many hours"))
        self.per_day = QLabel("", self.body)
        self.per_day.setProperty("muted", True)
        self.interval_row = self.add_row(_("Every:"), row(self.interval, self.per_day, parent=self.body),
                                         "interval_hours", focus=self.interval)
        self.watch(self.interval.valueChanged, "interval_hours")
        self.rate = self.volume(_("Rate"), per_hour=True)
        self.rate_per_day = QLabel("", self.body)
        self.rate_per_day.setProperty("muted", True)
        rate_box = QWidget(self.body)
        rate_layout = QVBoxLayout(rate_box)
        rate_layout.setContentsMargins(0, 0, 0, 0)
        rate_layout.addWidget(self.rate)
        rate_layout.addWidget(self.rate_per_day)
        self.rate_row = self.add_row(_("Rate:"), rate_box, "rate_ml_per_hour", focus=self.rate.edit)
        self.watch(self.rate.changed, "rate_ml_per_hour")
        self.reason = private_line(self.body, _("Why feeds are paused (optional)"),
                                   placeholder=_("For example: swollen belly"))
        reason_box = QWidget(self.body)
        reason_layout = QVBoxLayout(reason_box)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(self.reason)
        reason_layout.addWidget(plain_label(_("Feeds start again when you record the next plan change."), reason_box,
                                           muted=True))
        self.reason_row = self.add_row(_("Why:"), reason_box, "reason", focus=self.reason)
        self.watch(self.reason.textChanged, "reason")

        self.milk = MilkField(self.body)
        self.milk_row = self.add_row(_("Milk:"), self.milk, "milk", "formula_name", focus=self.milk.kind)
        self.watch(self.milk.changed, "milk", "formula_name")
        self.fortifier = fortifier_combo(self.body)
        self.strength = private_line(self.body, _("Fortifier strength"),
                                     placeholder=_("Strength (optional), for example: full strength"))
        fortifier_box = QWidget(self.body)
        fortifier_layout = QVBoxLayout(fortifier_box)
        fortifier_layout.setContentsMargins(0, 0, 0, 0)
        fortifier_layout.addWidget(self.fortifier, 0, Qt.AlignmentFlag.AlignLeft)
        fortifier_layout.addWidget(self.strength)
        self.fortifier_row = self.add_row(_("Fortifier:"), fortifier_box, "fortifier_strength", focus=self.fortifier)
        self.fortifier.currentIndexChanged.connect(self._mode_changed)
        self.watch(self.fortifier.currentIndexChanged, "fortifier_strength")
        self.watch(self.strength.textChanged, "fortifier_strength")
        self.route = route_combo(self.body)
        self.route_row = self.add_row(_("Given by:"), row(self.route, parent=self.body), focus=self.route)
        self.watch(self.route.currentIndexChanged)
        self.note = private_text(self.body, _("Note about this plan"))
        self.add_row(_("Note:"), self.note, "note")
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
                self.per_day.setText(ngettext("= {n} feed, {amount} a day", "= {n} feeds, {amount} a day",
                                              1 if feeds == 1 else 2).format(
                    n=format_number(feeds, decimals=1), amount=format_ml(round(regimen.ml_per_day, 1))))
            elif self._mode() is RegimenMode.CONTINUOUS:
                rate = self.rate.value("rate_ml_per_hour")
                self.rate_per_day.setText(_("= {amount} a day").format(
                    amount=format_ml(round(ContinuousFeeds(rate).ml_per_day, 1))) if rate else "")
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
            self.require(volume, "volume_ml", _("Please enter how much milk is given at each feed."))
            self.stop_if_input_errors()
            assert volume is not None
            regimen = BolusFeeds(volume, self.interval.value())
        elif mode is RegimenMode.CONTINUOUS:
            rate = self.read("rate_ml_per_hour", lambda: self.rate.value("rate_ml_per_hour"), None)
            self.require(rate, "rate_ml_per_hour", _("Please enter the pump's rate, in mL an hour."))
            self.stop_if_input_errors()
            assert rate is not None
            regimen = ContinuousFeeds(rate)
        else:
            regimen = FeedsPaused(self.reason.text())
        self.require(baby, "baby_id", _("Please choose the baby."))
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
    add_title = N_("Record a feed you gave")
    edit_title = N_("Edit a feed you gave")
    intro_text = N_("A breastfeed, a bottle, a tube feed or colostrum mouth care you gave yourself. (Feeds the "
                    "nurses give are part of the plan.)")

    def build(self) -> None:
        self.when = self.time_field(_("When"))
        self.add_row(_("When:"), self.when, "at", focus=self.when.date_edit)
        self.watch(self.when.changed, "at")
        self.breastfeed = QRadioButton(_("Breastfeed"), self.body)
        self.bottle = QRadioButton(_("Bottle"), self.body)
        self.tube = QRadioButton(_("Tube feed"), self.body)
        self.tube.setAccessibleDescription(_("Milk you gave through your baby's feeding tube, with the nurse"))
        self.mouth_care = QRadioButton(_("Colostrum mouth care"), self.body)
        self.mouth_care.setAccessibleDescription(_("A few drops of colostrum on the inside of the cheeks"))
        self.method_buttons = {FamilyFeedMethod.BREASTFEED: self.breastfeed, FamilyFeedMethod.BOTTLE: self.bottle,
                               FamilyFeedMethod.TUBE: self.tube, FamilyFeedMethod.MOUTH_CARE: self.mouth_care}
        group = QButtonGroup(self)
        methods = QWidget(self.body)
        methods_flow = FlowLayout(methods, spacing=12)
        for button in self.method_buttons.values():
            group.addButton(button)
            methods_flow.add(button)
            button.toggled.connect(self._method_changed)
        self.add_row(_("Feed:"), methods, focus=self.breastfeed)
        self.add_unit_row()
        self.amount = self.volume(_("Amount"))
        self.amount_hint = plain_label("", self.body, muted=True)
        amount_box = QWidget(self.body)
        amount_layout = QVBoxLayout(amount_box)
        amount_layout.setContentsMargins(0, 0, 0, 0)
        amount_layout.addWidget(self.amount)
        amount_layout.addWidget(self.amount_hint)
        self.amount_row = self.add_row(_("Amount:"), amount_box, "volume_ml", focus=self.amount.edit)
        # A click on Bottle (or another kind) goes straight on to the amount: the next thing typed is the mL
        # (arrow keys still move between the kinds, as in any group of radio buttons).
        group.buttonClicked.connect(lambda _button: self.amount.edit.setFocus(Qt.FocusReason.OtherFocusReason))
        self.watch(self.amount.changed, "volume_ml")
        self.milk = MilkField(self.body)
        self.milk_row = self.add_row(_("Milk:"), self.milk, "milk", "formula_name", focus=self.milk.kind)
        self.watch(self.milk.changed, "milk", "formula_name")
        self.note = private_text(self.body, _("Note about this feed"))
        self.add_row(_("Note:"), self.note, "note")
        self.watch(self.note.textChanged, "note")
        self.first_focus = self.amount.edit

    def method(self) -> FamilyFeedMethod:
        return next((method for method, button in self.method_buttons.items() if button.isChecked()),
                    FamilyFeedMethod.BREASTFEED)

    def _method_changed(self, *_args: object) -> None:
        method = self.method()
        self.form.setRowVisible(self.milk_row, method.has_milk)
        caption = self.form.labelForField(self.amount_row)
        captions = {FamilyFeedMethod.BOTTLE: _("Taken:"), FamilyFeedMethod.TUBE: _("Amount:"),
                    FamilyFeedMethod.BREASTFEED: _("Test weight:"), FamilyFeedMethod.MOUTH_CARE: _("Amount:")}
        if isinstance(caption, QLabel):
            caption.setText(captions[method])
        names = {FamilyFeedMethod.BOTTLE: _("how much your baby took"),
                 FamilyFeedMethod.TUBE: _("how much was given through the tube"),
                 FamilyFeedMethod.BREASTFEED: _("test weight, if your baby was weighed"),
                 FamilyFeedMethod.MOUTH_CARE: _("amount of colostrum, if you know it")}
        # The name starts with the visible caption (WCAG 2.5.3), then says what the amount is and its unit.
        # Translators: e.g. "Taken: how much your baby took, in milliliters".
        spoken = _("{caption} {what}, in milliliters") if self.amount.unit == VolumeUnit.ML \
            else _("{caption} {what}, in US fluid ounces")
        self.amount.edit.setAccessibleName(spoken.format(caption=captions[method], what=names[method]))
        hints = {FamilyFeedMethod.BREASTFEED: _("If your baby was weighed before and after: the difference in grams "
                                                "counts as mL. Leave it empty if not."),
                 FamilyFeedMethod.MOUTH_CARE: _("Usually a few drops. Leave it empty if you don't know.")}
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
        self.require(baby, "baby_id", _("Please choose the baby."))
        self.stop_if_input_errors()
        assert baby is not None
        return FamilyFeed(baby_id=baby, at=self.when.instant(), time_zone=self.zone_name, method=method,
                          volume_ml=volume, milk=self.milk.value() if method.has_milk else None,
                          note=self.note.toPlainText(), entry_id=self.entry_id())


# ============================================================================================ pumping


class PumpingDialog(EntryDialog):
    kind = EntryKind.PUMPING
    add_title = N_("Record pumping")
    edit_title = N_("Edit a pumping session")
    intro_text = N_("Write down what you pumped, a few drops too if you like. Leave a side empty if you don't know "
                    "it.")
    has_baby = False

    def build(self) -> None:
        self.when = self.time_field(_("When"))
        self.add_row(_("When:"), self.when, "at", focus=self.when.date_edit)
        self.watch(self.when.changed, "at")
        self.minutes = NumberField(self.body, name=_("How long, in minutes"), whole=True, chars=3)
        self.add_row(_("How long:"), row(self.minutes, _("minutes"), parent=self.body), "minutes",
                     focus=self.minutes)
        self.watch(self.minutes.textChanged, "minutes")
        self.add_unit_row()
        self.left = self.volume(_("Left breast"))
        self.right = self.volume(_("Right breast"))
        self.total = self.volume(_("Total"))
        self.add_row(_("Left:"), self.left, "left_ml", focus=self.left.edit)
        self.add_row(_("Right:"), self.right, "right_ml", focus=self.right.edit)
        self.sum_label = plain_label("", self.body, muted=True)
        total_box = QWidget(self.body)
        total_layout = QVBoxLayout(total_box)
        total_layout.setContentsMargins(0, 0, 0, 0)
        total_layout.addWidget(self.total)
        total_layout.addWidget(self.sum_label)
        self.add_row(_("Total:"), total_box, "total_ml", focus=self.total.edit)
        for field, name in ((self.left, "left_ml"), (self.right, "right_ml"), (self.total, "total_ml")):
            self.watch(field.changed, name, "total_ml")
            field.changed.connect(self._update_sum)
        self.colostrum = QCheckBox(_("Yes, this was colostrum"), self.body)
        self.colostrum.setToolTip(_("Colostrum is the first, thick milk of the first days."))
        self.colostrum.setAccessibleName(_("Yes, this was colostrum, the first thick milk"))
        self.add_row(_("Colostrum:"), self.colostrum, focus=self.colostrum)
        self.watch(self.colostrum.toggled)
        self.share_fields: dict[BabyId, VolumeField] = {}
        self.shared = QCheckBox(_("Shared between the babies"), self.body)
        self.shared.setAccessibleName(_("Say how this milk was shared between the babies"))
        if len(self.babies) > 1:
            shares_box = QWidget(self.body)
            shares_layout = QGridLayout(shares_box)
            shares_layout.setContentsMargins(0, 0, 0, 0)
            shares_layout.addWidget(self.shared, 0, 0, 1, 2)
            for index, baby in enumerate(self.babies, start=1):
                field = self.volume(_("Share for {baby}").format(baby=baby.nickname))
                label = QLabel(_("For {baby}:").format(baby=baby.nickname), shares_box)
                label.setBuddy(field.edit)
                shares_layout.addWidget(label, index, 0)
                shares_layout.addWidget(field, index, 1)
                self.share_fields[baby.baby_id] = field
                self.watch(field.changed, "shares")
            self.add_row(_("Shared:"), shares_box, "shares", focus=self.shared)
            self.shared.toggled.connect(self._shared_changed)
            self.watch(self.shared.toggled, "shares")
        else:  # one baby: nothing to share (the box is not in any layout, so it must not be drawn at all)
            self.shared.hide()
        self.note = private_text(self.body, _("Note about this session"))
        self.add_row(_("Note:"), self.note, "note")
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
            self.sum_label.setText(_("Type the total here if you don't know each side."))
            return
        both = (left or 0.0) + (right or 0.0)
        self.sum_label.setText(_("Left and right add up to {amount}. Leave the total empty to use that.").format(
            amount=format_ml(round(both, 1))))

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
            self.minutes.setPlaceholderText(_("last time {n}").format(n=active().number(last.minutes)))
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
    add_title = N_("Record a weight")
    edit_title = N_("Edit a weight")
    intro_text = N_("Copy the weight from the chart or ask the nurse. Type grams, or pounds and ounces.")

    def build(self) -> None:
        self.date = QDateEdit(self.body)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(_("ddd d MMM yyyy"))
        self.date.setAccessibleName(_("Date of the weighing"))
        self.add_row(_("Date:"), row(self.date, parent=self.body), "measured_on", focus=self.date)
        self.watch(self.date.dateChanged, "measured_on")
        self.time = QTimeEdit(self.body)
        self.time.setDisplayFormat("HH:mm")  # i18n: not text
        self.time.setAccessibleName(_("Time of the weighing (24-hour clock)"))
        self.time_unknown = QCheckBox(_("Time not known"), self.body)
        self.time_unknown.toggled.connect(lambda off: self.time.setEnabled(not off))
        self.add_row(_("Time:"), row(self.time, self.time_unknown, parent=self.body), focus=self.time)
        self.watch(self.time.timeChanged)
        self.weight = WeightField(self.body)
        self.last = plain_label("", self.body, muted=True)
        weight_box = QWidget(self.body)
        weight_layout = QVBoxLayout(weight_box)
        weight_layout.setContentsMargins(0, 0, 0, 0)
        weight_layout.addWidget(self.weight)
        weight_layout.addWidget(self.last)
        self.add_row(_("Weight:"), weight_box, "grams", focus=self.weight.grams)
        self.watch(self.weight.changed, "grams")
        self.note = private_text(self.body, _("Note about this weight"), lines=2)
        self.add_row(_("Note:"), self.note, "note")
        self.watch(self.note.textChanged, "note")
        self.first_focus = self.weight.grams

    def _show_last(self, baby_id: BabyId | None) -> None:
        last = self.entries.latest(EntryKind.WEIGHT, baby_id=baby_id) if baby_id is not None else None
        if isinstance(last, Weight) and (not self.editing or last.entry_id != self.entry_id()):
            self.last.setText(_("Last weight: {weight} on {date}.").format(weight=grams_words(last.grams),
                                                                          date=short_date(last.measured_on)))
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
        self.require(grams, "grams", _("Please enter the weight, in grams or in pounds and ounces."))
        self.require(baby, "baby_id", _("Please choose the baby."))
        self.stop_if_input_errors()
        assert baby is not None and grams is not None
        return Weight(baby_id=baby, measured_on=from_qdate(self.date.date()), grams=int(grams),
                      measured_at=None if self.time_unknown.isChecked() else from_qtime(self.time.time()),
                      note=self.note.toPlainText(), entry_id=self.entry_id())


def _qtime(value: time) -> Any:
    from PySide6.QtCore import QTime

    return QTime(value.hour, value.minute)


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
