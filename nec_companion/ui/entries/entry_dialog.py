"""The frame every entry dialog shares: a scrollable form with a problem label under each field, Save / Cancel,
Ctrl+Enter, live checking with `JournalEntries.check()` (refusals block Save, confirmations are asked once with the
core's words), and a size that fits wrapped text at any text size.

A dialog returns a domain entry (`result_entry`, with `confirmed` when the family answered "Save it anyway?") or
None. It never saves: `EntryEditor` does, so a refusal that only shows up while saving can reopen the dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.entries import EntryKind, JournalEntry
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import N_, _
from nec_companion.core.plausibility import EntryCheck
from nec_companion.journal import JournalEntries
from nec_companion.ui.drafts import confirm_discard, make_draftable
from nec_companion.ui.entries.fields import (
    DateTimeField,
    FieldInputError,
    ProblemLabel,
    VolumeField,
    VolumeUnit,
    combo,
    row,
)
from nec_companion.ui.prompts import Prompts
from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.fitted_dialog import FittedDialog
from nec_companion.ui.widgets.labels import plain_label

_T = TypeVar("_T")
GENERAL = ""
"""The problem label near the buttons, for refusals that belong to no one field."""
RECHECK_DELAY_MS = 350
"""Checks wait for a pause in typing, so "0.5" does not flash a message about 0 mL on its way."""


def rounded_now(now: datetime, minutes: int = 5) -> datetime:
    """`now` rounded down to a whole `minutes` (the default time of a new entry): never a time still to come.
    Time-zone offsets are whole quarter hours, so a time rounded in UTC is also round on the family's clock."""
    base = now.astimezone(UTC).replace(second=0, microsecond=0)
    return base - timedelta(minutes=base.minute % minutes)


class EntryDialog(FittedDialog):
    """The shared frame: a scrollable form, a problem label under each field, Save / Cancel, live checking."""

    width_in_characters = 76
    kind: EntryKind
    # Class texts are marked with N_ (here and in every dialog) and translated where shown.
    add_title = N_("Add")
    edit_title = N_("Edit")
    intro_text = ""
    has_baby = True
    baby_label = N_("For:")

    def __init__(self, *, entries: JournalEntries, babies: Sequence[Baby], prompts: Prompts,
                 entry: JournalEntry | None = None, editing: bool = False, baby_id: BabyId | None = None,
                 volume_unit: str = VolumeUnit.ML, preset: object = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.babies = tuple(babies)
        self.prompts = prompts
        self.original = entry
        self.editing = editing
        self.preset = preset
        self.zone_name: str = getattr(entry, "time_zone", None) or entries.time_zone
        self.volume_unit = volume_unit
        self.result_entry: JournalEntry | None = None
        self.confirmed = False
        self.volume_fields: list[VolumeField] = []
        self._labels: dict[str, ProblemLabel] = {}
        self._focus: dict[str, QWidget] = {}
        self._touched: set[str] = set()
        self._attempted = False
        self._loading = True
        self._input_errors: dict[str, str] = {}
        self.first_focus: QWidget | None = None
        self.setWindowTitle(_(self.edit_title if editing else self.add_title))
        self.setModal(True)
        # Check boxes and round buttons grow with the text app-wide (ui/style.py, ScaledIndicatorStyle).

        self.body = QWidget(self)
        self.form = QFormLayout(self.body)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setContentsMargins(0, 0, 8, 0)
        if self.intro_text:
            self.form.addRow(plain_label(_(self.intro_text), self.body, muted=True))
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.body)
        # Every part of the form takes focus and Qt scrolls to it, so the scroll area itself is no Tab stop (it was
        # one between the last field and Save, out of reading order).
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.general = ProblemLabel(self, name=_("Problem"))
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(_("Save (Ctrl+Enter)"))
        self.save_button.setAccessibleDescription(_("Save this entry. Ctrl+Enter also saves."))
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_DELAY_MS)
        self._timer.timeout.connect(self.revalidate)

        self.baby_combo: QComboBox | None = None
        if self.has_baby:
            self._add_baby_row()
        self.build()
        if entry is not None:
            self.load(entry)
        else:
            self.defaults(self.current_baby_id())
        self._loading = False
        (self.first_focus or self.body).setFocus()
        # Kept (encrypted) if the journal locks while this is open; Escape and Cancel ask before discarding.
        make_draftable(self, kind="entry", title=self.windowTitle(),
                       reopen={"kind": self.kind.value, "entry_id": self.entry_id(), "editing": editing})

    def reject(self) -> None:
        """Escape, Cancel or the window's close button: ask first when something was typed. (A lock closes the
        dialog with `done()`, which never asks; what was typed is kept as a draft, see ui/drafts.py.)"""
        if confirm_discard(self, self.prompts):
            super().reject()

    # ------------------------------------------------------------------------------------------ building

    def _add_baby_row(self) -> None:
        box = combo(self.body, _("For which baby"), [(baby.nickname, int(baby.baby_id)) for baby in self.babies])
        self.baby_combo = box
        if len(self.babies) == 1:
            box.hide()
            holder = row(QLabel(f"<b>{_escape(self.babies[0].nickname)}</b>", self.body), box, parent=self.body)
        else:
            holder = row(box, parent=self.body)
        self.add_row(_(self.baby_label), holder, "baby_id", focus=box)
        box.currentIndexChanged.connect(self._baby_changed)

    def set_baby(self, baby_id: BabyId | None) -> None:
        if self.baby_combo is not None and baby_id is not None:
            index = self.baby_combo.findData(int(baby_id))
            if index >= 0:
                self.baby_combo.setCurrentIndex(index)

    def current_baby_id(self) -> BabyId | None:
        if self.baby_combo is None or self.baby_combo.currentData() is None:
            return None
        return BabyId(int(self.baby_combo.currentData()))

    def _baby_changed(self, _index: int) -> None:
        if self._loading or self.editing:
            return
        if not (self._touched - {"baby_id"}):
            self._loading = True
            try:
                self.defaults(self.current_baby_id())
            finally:
                self._loading = False
        self._edited("baby_id")

    def add_row(self, label: str, widget: QWidget, *fields: str, focus: QWidget | None = None) -> QWidget:
        """A form row: the widget with a problem label under it for `fields` (the entry's field names)."""
        holder = QWidget(self.body)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        if fields:
            problem = ProblemLabel(holder, name=_("Problem: {field}").format(field=label.rstrip(":")))
            layout.addWidget(problem)
            for field in fields:
                self._labels[field] = problem
                self._focus[field] = focus or widget
        self.form.addRow(label, holder)
        caption = self.form.labelForField(holder)
        if isinstance(caption, QLabel):
            caption.setBuddy(focus or widget)
        return holder

    def volume(self, name: str, *, per_hour: bool = False, placeholder: str = "") -> VolumeField:
        field = VolumeField(self.body, name=name, unit=self.volume_unit, per_hour=per_hour, placeholder=placeholder)
        self.volume_fields.append(field)
        return field

    def add_unit_row(self) -> QComboBox:
        """ "Amounts in: mL / US fl oz": one field per amount, the other unit shown beside it."""
        box = combo(self.body, _("Amounts in"), [(_("mL (milliliters)"), VolumeUnit.ML),
                                                 (_("US fl oz (fluid ounces)"), VolumeUnit.FL_OZ)])
        box.setCurrentIndex(max(0, box.findData(self.volume_unit)))
        box.currentIndexChanged.connect(lambda _i: self._set_unit(box.currentData()))
        self.unit_row = self.add_row(_("Amounts in:"), row(box, parent=self.body), focus=box)
        self.unit_combo = box
        return box

    def _set_unit(self, unit: str) -> None:
        self.volume_unit = unit
        loading, self._loading = self._loading, True
        try:
            for field in self.volume_fields:
                field.set_unit(unit)
        finally:
            self._loading = loading

    def watch(self, signal: Any, *fields: str) -> None:
        """Re-check (after a pause in typing) when `signal` fires, and mark `fields` as touched."""
        signal.connect(lambda *_args: self._edited(*fields))

    def _edited(self, *fields: str) -> None:
        if self._loading:
            return
        self._touched.update(fields)
        self._timer.start()
        self._refit_soon()  # a field may have shown more of the form (a mix, a stop time)

    def time_field(self, name: str, default: datetime | None = None) -> DateTimeField:
        field = DateTimeField(self.body, name=name, zone_name=self.zone_name)
        field.set_instant(default or rounded_now(self.entries.now()))
        field.changed.connect(self._refit_soon)
        return field

    def _refit_soon(self) -> None:
        if self.isVisible():
            QTimer.singleShot(0, self, self.refit)  # with self as context: never after the dialog is gone

    # ------------------------------------------------------------------------------------------ per kind

    def build(self) -> None:
        raise NotImplementedError

    def load(self, entry: Any) -> None:
        raise NotImplementedError

    def defaults(self, baby_id: BabyId | None) -> None:
        raise NotImplementedError

    def entry(self) -> JournalEntry:
        """The entry as typed. Uses `read` and `require`, then `stop_if_input_errors` before building."""
        raise NotImplementedError

    # ------------------------------------------------------------------------------------------ reading

    def read(self, field: str, reader: Callable[[], _T], default: _T) -> _T:
        try:
            return reader()
        except FieldInputError as error:
            self._input_errors.setdefault(error.field or field, error.message)
            return default

    def require(self, value: object, field: str, message: str) -> None:
        if value is None and field not in self._input_errors:
            self._input_errors[field] = message

    def stop_if_input_errors(self) -> None:
        if self._input_errors:
            field, message = next(iter(self._input_errors.items()))
            raise FieldInputError(field, message)

    def entry_id(self) -> Any:
        return getattr(self.original, "entry_id", None) if self.editing else None

    # ------------------------------------------------------------------------------------------ checking

    def revalidate(self) -> tuple[JournalEntry | None, EntryCheck | None, dict[str, list[str]]]:
        """Build the entry, ask the core, and show refusals under their fields (touched ones until Save was
        pressed, then all). Save is blocked while a refusal shows."""
        self._timer.stop()
        self._input_errors = {}
        messages: dict[str, list[str]] = {}
        entry: JournalEntry | None = None
        check: EntryCheck | None = None
        try:
            entry = self.entry()
        except FieldInputError:
            for field, message in self._input_errors.items():
                messages.setdefault(field, []).append(message)
        except (TypeError, ValueError):
            messages[GENERAL] = [_("Some of this can't be read. Please check what you typed.")]
        else:
            try:
                check = self.entries.check(entry)
            except JournalError as error:
                messages[GENERAL] = [error.user_text()]
            else:
                for problem in check.refusals:
                    messages.setdefault(problem.field, []).append(problem.message)
        shown: dict[ProblemLabel, list[str]] = {label: [] for label in {*self._labels.values(), self.general}}
        for field, texts in messages.items():
            if self._attempted or field in self._touched:
                shown[self._labels.get(field, self.general)] += texts
        for label, texts in shown.items():
            label.show_text(" ".join(dict.fromkeys(texts)))
        self.save_button.setEnabled(not any(shown.values()))
        self._refit_soon()
        return entry, check, messages

    def problem_text(self, field: str) -> str:
        """The message shown for a field ("" when none shows), as a person sees it under the field."""
        label = self._labels.get(field, self.general)
        return label.text() if label.isVisibleTo(self) else ""

    def show_check(self, check: EntryCheck) -> None:
        """Show refusals the journal gave while saving (the dialog was reopened with what was typed)."""
        self._attempted = True
        for problem in check.refusals:
            self._labels.get(problem.field, self.general).show_text(problem.message)
        self.save_button.setEnabled(False)
        self._touched.update(problem.field for problem in check.refusals)

    def save(self) -> None:
        self._attempted = True
        entry, check, messages = self.revalidate()
        if messages or entry is None or check is None:
            self._focus_problem(messages)
            # Said as well as shown: a screen-reader user hears why Save did nothing (WCAG 4.1.3).
            announce(self, " ".join(message for field in messages.values() for message in field))
            return
        confirmed = False
        if check.confirmations:
            if not self.prompts.confirm(_("Please check"), check.confirmation_text(), yes=_("Save it"),
                                        no=_("Go back")):
                return
            confirmed = True
        self.result_entry = entry
        self.confirmed = confirmed
        self.accept()

    def _focus_problem(self, messages: dict[str, list[str]]) -> None:
        for field in messages:
            widget = self._focus.get(field)
            if widget is not None and widget.isVisibleTo(self):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                self.scroll_area.ensureWidgetVisible(widget)
                return

    # ------------------------------------------------------------------------------------------ size

    def refit(self) -> None:
        """Open tall enough for the whole form when the screen allows; otherwise the form scrolls."""
        layout = self.layout()
        body_layout = self.body.layout()
        if layout is None or body_layout is None:
            return
        screen = self.screen().availableGeometry() if self.screen() else None
        width = max(self.width(), self.fontMetrics().averageCharWidth() * self.width_in_characters)
        if screen is not None:
            width = min(width, screen.width() - 40)
        margins = layout.contentsMargins()
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        inner = width - margins.left() - margins.right() - scrollbar
        body_layout.activate()
        wanted = body_layout.totalHeightForWidth(inner)
        if wanted <= 0:
            wanted = self.body.sizeHint().height()
        rest = margins.top() + margins.bottom() + self.buttons.sizeHint().height() + layout.spacing() * 2
        if self.general.isVisibleTo(self):
            rest += self.general.heightForWidth(width - margins.left() - margins.right()) + layout.spacing()
        if screen is not None:
            wanted = min(wanted, screen.height() - 40 - rest)
        self.scroll_area.setMinimumHeight(max(wanted, self.fontMetrics().height() * 6))
        super().refit()


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


__all__ = ["GENERAL", "EntryDialog", "rounded_now"]
