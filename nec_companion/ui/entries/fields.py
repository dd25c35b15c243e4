"""The input fields of the entry dialogs: amounts with units and live conversions, local date and time (DST-safe),
milk, and the labels that show a problem next to its field. Each field reads its value or raises
`FieldInputError` with words for the family; conversions and time-zone arithmetic come from the core."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, QTime, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.babies import grams_from_lb_oz, lb_oz_from_grams
from nec_companion.core.feeding import FeedRoute, Fortifier, Milk, MilkKind
from nec_companion.core.i18n import N_, _, active, ngettext, pgettext
from nec_companion.core.local_time import LocalTimeKind, classify_local_time, local_to_instant, to_local
from nec_companion.core.units import format_ml, format_us_fl_oz, ml_from_us_fl_oz, us_fl_oz_from_ml
from nec_companion.ui import style
from nec_companion.ui.entries.words import capitalised, clock_text, short_date
from nec_companion.ui.widgets.passphrase_edit import mark_sensitive

PROBLEM_INK = "#8a1c1c"
NUMBER_TEXT = N_("Please type a number, like 12 or 12.5.")
"""Marked only: shown with `_(NUMBER_TEXT)`."""
#: Typing in mL, the amount in US fl oz is shown from here up (issue 11, #28): half an ounce, the smallest mark on a
#: bottle in ounces. Below it "= 0.02 US fl oz" helps nobody. Typing in ounces, the mL (what is saved, and what
#: the nurses say) is always shown.
SHOW_OUNCES_FROM_ML = 15.0


class FieldInputError(ValueError):
    """What was typed in a field cannot be read (not a number, a required amount left empty)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# ------------------------------------------------------------------------------------------ layout helpers


class ProblemLabel(QLabel):
    """A refusal shown right under its field, in the core's words; hidden when there is none."""

    def __init__(self, parent: QWidget, *, name: str | None = None) -> None:
        super().__init__("", parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {PROBLEM_INK};")
        self.setAccessibleDescription(name if name is not None else _("Problem"))
        self.hide()

    def show_text(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
        self.setVisible(bool(text))


class CalmNote(QLabel):
    """A calm note next to a field (a clock change, what happens next): warm colours, never red."""

    def __init__(self, parent: QWidget, *, name: str | None = None) -> None:
        super().__init__("", parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {style.WARN_INK}; background: {style.WARN_BG}; border: 1px solid #e2c27a;"
                           " border-radius: 6px; padding: 4px 8px;")
        self.setAccessibleDescription(name if name is not None else _("Note"))
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def private_text(parent: QWidget, name: str, *, lines: int = 3) -> QPlainTextEdit:
    """Journal text: no predictive text or learning; Tab moves on rather than typing a tab."""
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText |
                             Qt.InputMethodHint.ImhNoAutoUppercase)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 16)
    edit.setSizeAdjustPolicy(QPlainTextEdit.SizeAdjustPolicy.AdjustToContentsOnFirstShow)
    return edit


def private_line(parent: QWidget, name: str, *, placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    mark_sensitive(edit)
    return edit


def combo(parent: QWidget, name: str, items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    for label, data in items:
        box.addItem(label, data)
    return box


def row(*widgets: QWidget | str, parent: QWidget, stretch: bool = True) -> QWidget:
    """Widgets side by side on one line (a plain string becomes a label)."""
    holder = QWidget(parent)
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for item in widgets:
        layout.addWidget(QLabel(item, holder) if isinstance(item, str) else item)
    if stretch:
        layout.addStretch(1)
    return holder


def labelled(label: QLabel, widget: QWidget, parent: QWidget) -> QWidget:
    """A label and its control kept together on one line (so a flowing filter bar wraps them as a pair)."""
    holder = QWidget(parent)
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    layout.addWidget(label)
    layout.addWidget(widget)
    label.setBuddy(widget)
    return holder


# ------------------------------------------------------------------------------------------ numbers


def parse_number(text: str) -> float | None:
    """A typed number ("12", "12.5", "12,5"); None when empty. ValueError when it is not a number."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def number_text(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return ""
    rounded = round(float(value), decimals)
    return f"{int(rounded)}" if rounded == int(rounded) else f"{rounded:.{decimals}f}".rstrip("0").rstrip(".")


class NumberField(QLineEdit):
    """A number typed as text, so "not entered" is simply empty. Only digits and one decimal mark."""

    def __init__(self, parent: QWidget, *, name: str, whole: bool = False, chars: int = 6,
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self.whole = whole
        self.setAccessibleName(name)
        pattern = r"\d{0,6}" if whole else r"\d{0,6}([.,]\d{0,2})?"
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly | Qt.InputMethodHint.ImhNoPredictiveText |
                                 Qt.InputMethodHint.ImhSensitiveData)
        self.setPlaceholderText(placeholder)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        width = self.fontMetrics().horizontalAdvance("0" * chars) + 28
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)

    def number(self, field: str) -> float | None:
        try:
            return parse_number(self.text())
        except ValueError:
            raise FieldInputError(field, _(NUMBER_TEXT)) from None

    def whole_number(self, field: str) -> int | None:
        value = self.number(field)
        return None if value is None else round(value)

    def set_number(self, value: float | None, decimals: int = 1) -> None:
        self.setText(number_text(value, 0 if self.whole else decimals))


class HoursSpin(QDoubleSpinBox):
    """Hours in half-hour steps, shown as "3 hours", "1 hour" or "1.5 hours" (no needless ".0")."""

    def __init__(self, parent: QWidget, *, name: str) -> None:
        super().__init__(parent)
        self.setRange(0.5, 12)
        self.setSingleStep(0.5)
        self.setDecimals(1)
        self._set_unit(self.value())
        self.valueChanged.connect(self._set_unit)
        self.setAccessibleName(name)

    def _set_unit(self, value: float) -> None:
        # Translators: the unit after a number of hours in a box (keep the leading space), e.g. "3 hours".
        suffix = ngettext(" hour", " hours", 1 if value == 1 else 2)
        if suffix != self.suffix():
            self.setSuffix(suffix)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt override)
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt override)
        try:
            return float(text.replace(self.suffix(), "").replace(",", ".").strip() or 0)
        except ValueError:
            return self.value()


class VolumeUnit:
    """The typing units; the values are also the words shown (translated with `_()` where shown)."""

    ML = N_("mL")
    FL_OZ = N_("US fl oz")


class VolumeField(QWidget):
    """An amount of milk: typed in mL or US fluid ounces (the dialog's choice), the other unit shown live.

    `value()` is always millilitres (ounces converted by the core, to 0.1 mL).
    """

    changed = Signal()

    def __init__(self, parent: QWidget, *, name: str, unit: str = VolumeUnit.ML, per_hour: bool = False,
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self._name = name
        self._per_hour = per_hour
        self._unit = unit
        self.edit = NumberField(self, name=name, placeholder=placeholder)
        self.unit_label = QLabel(self)
        self.converted = QLabel(self)
        self.converted.setProperty("muted", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.unit_label)
        layout.addSpacing(8)
        layout.addWidget(self.converted, 1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._update)
        self.set_unit(unit)

    @property
    def unit(self) -> str:
        return self._unit

    def _per(self, amount: str) -> str:
        """`amount` with " an hour" for a rate."""
        return _("{amount} an hour").format(amount=amount) if self._per_hour else amount

    def set_unit(self, unit: str) -> None:
        """Switch the typing unit, converting what was typed."""
        try:
            millilitres = self.value("")
        except FieldInputError:
            millilitres = None
        self._unit = unit
        self.unit_label.setText(self._per(_(unit)))
        if unit == VolumeUnit.ML:
            spoken = _("{name}, in milliliters an hour") if self._per_hour else _("{name}, in milliliters")
        else:
            spoken = _("{name}, in US fluid ounces an hour") if self._per_hour else _("{name}, in US fluid ounces")
        self.edit.setAccessibleName(spoken.format(name=self._name))
        self.set_value(millilitres)

    def value(self, field: str) -> float | None:
        typed = self.edit.number(field)
        if typed is None or self._unit == VolumeUnit.ML:
            return typed
        return ml_from_us_fl_oz(typed)

    def set_value(self, millilitres: float | None) -> None:
        if millilitres is None:
            self.edit.setText("")
        elif self._unit == VolumeUnit.ML:
            self.edit.set_number(millilitres)
        else:
            self.edit.set_number(us_fl_oz_from_ml(millilitres), decimals=2)
        self._update()

    def set_placeholder(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def _update(self) -> None:
        try:
            typed = parse_number(self.edit.text())
        except ValueError:
            typed = None
        if typed is None or typed < 0 or (self._unit == VolumeUnit.ML and typed < SHOW_OUNCES_FROM_ML):
            self.converted.setText("")
        elif self._unit == VolumeUnit.ML:
            # Translators: the typed amount in the other unit, e.g. "= 1.02 US fl oz".
            self.converted.setText(_("= {amount}").format(amount=self._per(format_us_fl_oz(typed))))
        else:
            self.converted.setText(_("= {amount}").format(amount=self._per(format_ml(ml_from_us_fl_oz(typed)))))
        self.changed.emit()


class WeightField(QWidget):
    """A weight typed in grams, or in pounds and ounces; whichever is typed, the other follows live."""

    changed = Signal()

    def __init__(self, parent: QWidget, *, name: str | None = None) -> None:
        super().__init__(parent)
        name = name if name is not None else _("Weight")
        self.grams = NumberField(self, name=_("{name} in grams").format(name=name), whole=True, chars=5)
        self.pounds = NumberField(self, name=_("{name}, pounds").format(name=name), whole=True, chars=2)
        self.ounces = NumberField(self, name=_("{name}, ounces").format(name=name), chars=4)
        self._lb_oz_problem = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grams)
        layout.addWidget(QLabel(pgettext("unit", "g"), self))
        layout.addSpacing(12)
        layout.addWidget(QLabel(_("or"), self))
        layout.addSpacing(12)
        layout.addWidget(self.pounds)
        layout.addWidget(QLabel(pgettext("unit", "lb"), self))
        layout.addWidget(self.ounces)
        layout.addWidget(QLabel(pgettext("unit", "oz"), self))
        layout.addStretch(1)
        self.setFocusProxy(self.grams)
        self.grams.textEdited.connect(self._from_grams)
        self.pounds.textEdited.connect(self._from_lb_oz)
        self.ounces.textEdited.connect(self._from_lb_oz)

    def _from_grams(self) -> None:
        self._lb_oz_problem = ""
        try:
            grams = parse_number(self.grams.text())
        except ValueError:
            grams = None
        if grams is None:
            self.pounds.setText("")
            self.ounces.setText("")
        else:
            pounds, ounces = lb_oz_from_grams(round(grams))
            self.pounds.setText(str(pounds))
            self.ounces.setText(number_text(ounces))
        self.changed.emit()

    def _from_lb_oz(self) -> None:
        self._lb_oz_problem = ""
        try:
            pounds = parse_number(self.pounds.text())
            ounces = parse_number(self.ounces.text())
        except ValueError:
            pounds = ounces = None
        if pounds is None and ounces is None:
            self.grams.setText("")
        else:
            try:
                self.grams.setText(str(grams_from_lb_oz(int(pounds or 0), float(ounces or 0))))
            except ValueError as error:  # the core's words: "Ounces should be less than 16 ..."
                self._lb_oz_problem = str(error)
                self.grams.setText("")
        self.changed.emit()

    def value(self, field: str) -> int | None:
        if self._lb_oz_problem:
            raise FieldInputError(field, self._lb_oz_problem)
        return self.grams.whole_number(field)

    def set_value(self, grams: int | None) -> None:
        self.grams.setText("" if grams is None else str(grams))
        self._from_grams()


# ------------------------------------------------------------------------------------------ date and time


def local_time_words(local: datetime, zone_name: str) -> tuple[LocalTimeKind, str]:
    """What to tell the family about a wall-clock time on a clock-change night (empty on other nights)."""
    kind = classify_local_time(local, zone_name)
    # The times as the family typed them in the 24-hour time field.
    # Translators: a typed time and its day, e.g. "02:30 on Mar 8".
    when = _("{time} on {date}").format(time=clock_text(local), date=short_date(local.date()))
    if kind is LocalTimeKind.SKIPPED:
        moved = to_local(local_to_instant(local, zone_name), zone_name)
        return kind, _("The clocks went forward that night, so {when} did not happen. It will be saved as "
                       "{time}, the time the clocks showed then.").format(when=when, time=clock_text(moved))
    if kind is LocalTimeKind.REPEATED:
        return kind, _("The clocks went back that night, so {when} happened twice. It is saved as the first "
                       "time, before the clocks went back, unless you tick \u201c{second}\u201d.").format(
            when=when, second=_(SECOND_TIME))
    return kind, ""


SECOND_TIME = N_("It was the second time")


class TypedTimeEdit(QTimeEdit):
    """A time field that takes a time typed over it: select all (Ctrl+A, or a click that selects the text) and type
    "1430", "14:30" or "7:45". (A plain QTimeEdit ignores digits typed over the whole text.)"""

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        line = self.lineEdit()
        if event.text().isdigit() and line.hasSelectedText() and line.selectedText() == line.text():
            self.setSelectedSection(QDateTimeEdit.Section.HourSection)
        super().keyPressEvent(event)


class DateTimeField(QWidget):
    """A local date and time on the family's wall clock (the zone of the entry), read into a UTC instant by the
    core. A time the clocks skipped or repeated gets a calm note; a repeated one can be marked as the second."""

    changed = Signal()

    def __init__(self, parent: QWidget, *, name: str, zone_name: str) -> None:
        super().__init__(parent)
        self.zone_name = zone_name
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        # Translators: Qt's date format for the date box (d day, MMM short month, ddd short weekday, yyyy year).
        self.date_edit.setDisplayFormat(_("ddd d MMM yyyy"))
        self.date_edit.setAccessibleName(_("{name}: date").format(name=name))
        self.time_edit = TypedTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")  # i18n: not text
        self.time_edit.setAccessibleName(_("{name}: time (24-hour clock)").format(name=name))
        self.second_time = QCheckBox(_(SECOND_TIME), self)
        self.second_time.setAccessibleName(_("{name}: the second time, after the clocks went back").format(name=name))
        self.second_time.hide()
        self.note = CalmNote(self, name=_("{name}: clock change").format(name=name))
        edits = QHBoxLayout()
        edits.setContentsMargins(0, 0, 0, 0)
        edits.addWidget(self.date_edit)
        edits.addWidget(self.time_edit)
        edits.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(edits)
        layout.addWidget(self.note)
        layout.addWidget(self.second_time)
        self.setFocusProxy(self.date_edit)
        self.date_edit.dateChanged.connect(self._changed)
        self.time_edit.timeChanged.connect(self._changed)
        self.second_time.toggled.connect(lambda _on: self.changed.emit())

    def set_local(self, local: datetime) -> None:
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))
        self.second_time.setChecked(bool(local.fold))
        self._changed()

    def set_instant(self, moment: datetime) -> None:
        self.set_local(to_local(moment, self.zone_name).replace(tzinfo=None))

    def local(self) -> datetime:
        day = self.date_edit.date()
        clock = self.time_edit.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())

    def instant(self) -> datetime:
        fold = 1 if self.second_time.isVisible() and self.second_time.isChecked() else 0
        return local_to_instant(self.local(), self.zone_name, fold=fold)

    def set_enabled_fields(self, enabled: bool) -> None:
        for widget in (self.date_edit, self.time_edit, self.second_time):
            widget.setEnabled(enabled)

    def _changed(self, *_args: object) -> None:
        kind, words = local_time_words(self.local(), self.zone_name)
        self.note.show_text(words)
        self.second_time.setVisible(kind is LocalTimeKind.REPEATED)
        self.changed.emit()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


# ------------------------------------------------------------------------------------------ milk


MIX = "mix"


class MilkField(QWidget):
    """Which milk: not recorded, one kind, or a mix in whole percent (the total shown live); the formula's name
    when formula is part of it."""

    changed = Signal()

    def __init__(self, parent: QWidget, *, name: str | None = None) -> None:
        super().__init__(parent)
        items: list[tuple[str, object]] = [(_("Not recorded"), None)]
        items += [(capitalised(kind.label), kind.value) for kind in MilkKind]
        items.append((_("A mix of milks…"), MIX))
        self.kind = combo(self, name if name is not None else _("Milk"), items)
        self.percents: dict[MilkKind, QSpinBox] = {}
        self.mix_box = QWidget(self)
        grid = QGridLayout(self.mix_box)
        grid.setContentsMargins(16, 0, 0, 0)
        for index, kind in enumerate(MilkKind):
            box = QSpinBox(self.mix_box)
            box.setRange(0, 100)
            box.setSingleStep(5)
            box.setSuffix(" %")  # i18n: not text
            box.setAccessibleName(_("Share of {milk}, percent").format(milk=kind.label))
            box.valueChanged.connect(self._update)
            label = QLabel(_("{label}:").format(label=capitalised(kind.label)), self.mix_box)
            label.setBuddy(box)
            grid.addWidget(label, index, 0)
            grid.addWidget(box, index, 1)
            self.percents[kind] = box
        grid.setColumnStretch(2, 1)
        self.total = QLabel("", self.mix_box)
        self.total.setAccessibleName(_("Milk shares add up to"))
        grid.addWidget(self.total, len(MilkKind), 0, 1, 3)
        self.formula_name = private_line(self, _("Which formula"), placeholder=_(
            "Which formula (optional), for example: preterm formula 24 kcal"))
        self.formula_label = QLabel(_("Which formula:"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.mix_box)
        formula_row = QHBoxLayout()
        formula_row.addWidget(self.formula_label)
        formula_row.addWidget(self.formula_name, 1)
        layout.addLayout(formula_row)
        self.setFocusProxy(self.kind)
        self._previous: object = None
        self.kind.currentIndexChanged.connect(self._update)
        self.formula_name.textChanged.connect(lambda _t: self.changed.emit())
        self._update()

    def _update(self, *_args: object) -> None:
        choice = self.kind.currentData()
        mixing = choice == MIX
        if mixing and self._previous not in (None, MIX) and not any(box.value() for box in self.percents.values()):
            # Starting a mix from one milk: that milk is 100 % until the family changes the shares.
            self.percents[MilkKind(self._previous)].setValue(100)
        self._previous = choice
        self.mix_box.setVisible(mixing)
        if mixing:
            total = sum(box.value() for box in self.percents.values())
            total_text = active().number(total)
            self.total.setText(_("Adds up to {percent} %").format(percent=total_text) if total == 100 else
                               _("Adds up to {percent} % (a mix needs 100 %)").format(percent=total_text))
        uses_formula = choice == MilkKind.FORMULA.value or (mixing and self.percents[MilkKind.FORMULA].value() > 0)
        self.formula_name.setVisible(uses_formula)
        self.formula_label.setVisible(uses_formula)
        self.changed.emit()

    def value(self) -> Milk | None:
        choice = self.kind.currentData()
        formula = self.formula_name.text() if self.formula_name.isVisible() or self._uses_formula() else ""
        if choice is None:
            return None
        if choice == MIX:
            return Milk.mix({kind: box.value() for kind, box in self.percents.items()}, formula_name=formula)
        return Milk.only(MilkKind(choice), formula_name=formula)

    def _uses_formula(self) -> bool:
        choice = self.kind.currentData()
        return choice == MilkKind.FORMULA.value or (choice == MIX and self.percents[MilkKind.FORMULA].value() > 0)

    def set_value(self, milk: Milk | None) -> None:
        for box in self.percents.values():
            box.blockSignals(True)
            box.setValue(0)
            box.blockSignals(False)
        if milk is None or not milk.shares:
            self.kind.setCurrentIndex(0)
        elif len(milk.shares) == 1 and milk.shares[0].percent == 100:
            self.kind.setCurrentIndex(self.kind.findData(milk.shares[0].kind.value))
        else:
            for share in milk.shares:
                self.percents[share.kind].setValue(share.percent)
            self.kind.setCurrentIndex(self.kind.findData(MIX))
        self.formula_name.setText(milk.formula_name if milk is not None else "")
        self._update()


def fortifier_combo(parent: QWidget) -> QComboBox:
    return combo(parent, _("Fortifier"), [(capitalised(f.label), f.value) for f in Fortifier])


def route_combo(parent: QWidget) -> QComboBox:
    items: list[tuple[str, object]] = [(_("Not recorded"), None)]
    items += [(capitalised(route.label), route.value) for route in FeedRoute]
    return combo(parent, _("Given by: how the milk is given"), items)
