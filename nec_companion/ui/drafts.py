"""Nothing typed is lost when the journal locks, and nothing typed is thrown away by a stray Escape.

A dialog that takes the family's words calls `make_draftable(dialog, kind=..., title=..., reopen=...)` once it is
built. Then:

- at lock, before every window closes (ui/lock_sweep.py), `capture_drafts()` reads each such dialog that holds
  something typed: the state of its fields (text, choices, dates), as JSON. The session keeps them in the
  encrypted journal (storage/drafts.py), saved with the lock's final save; they are never written anywhere else;
- after the next unlock, the journal screen offers them back; `apply_state()` puts the text back into a freshly
  built dialog of the same kind;
- `confirm_discard(dialog, prompts)` asks before Escape or Cancel throws typed text away.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from nec_companion.core.i18n import _
from nec_companion.storage.drafts import Draft

DRAFT_KIND = "draft_kind"
DRAFT_TITLE = "draft_title"
DRAFT_REOPEN = "draft_reopen"
DRAFT_INITIAL = "draft_initial"


def _inputs(dialog: QWidget) -> list[tuple[str, QWidget]]:
    """The dialog's input widgets in the order they were built, each with a stable key (class, name, count)."""
    seen: dict[str, int] = {}
    found: list[tuple[str, QWidget]] = []
    for widget in dialog.findChildren(QWidget):
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin box or drop-down list: the outer widget holds the value
        if not isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)) and not (
                isinstance(widget, QAbstractButton) and widget.isCheckable()):
            continue
        if isinstance(widget, (QPlainTextEdit, QTextEdit)) and widget.isReadOnly():
            continue
        name = f"{type(widget).__name__}:{widget.accessibleName() or widget.objectName()}"
        seen[name] = seen.get(name, 0) + 1
        found.append((f"{name}#{seen[name]}", widget))
    return found


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString("yyyy-MM-ddTHH:mm")
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QComboBox):
        return [widget.currentIndex(), widget.currentText() if widget.isEditable() else None]
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return None


def field_state(dialog: QWidget) -> dict[str, Any]:
    """Every field's value, keyed so that the same dialog built again finds them."""
    return {key: _value(widget) for key, widget in _inputs(dialog)}


def apply_state(dialog: QWidget, state: dict[str, Any]) -> None:
    """Put a saved state back: choices first (they may show or hide fields), then the text and numbers."""
    widgets = dict(_inputs(dialog))
    for choices_first in (True, False):
        for key, value in state.items():
            widget = widgets.get(key)
            if widget is None:
                continue
            is_choice = isinstance(widget, (QComboBox, QAbstractButton))
            if is_choice != choices_first:
                continue
            try:
                _set(widget, value)
            except (TypeError, ValueError):
                continue  # a field that changed shape between versions: the rest still comes back


def _set(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setPlainText(str(value))
    elif isinstance(widget, QDateTimeEdit):
        moment = QDateTime.fromString(str(value), "yyyy-MM-ddTHH:mm")
        if moment.isValid():
            widget.setDateTime(moment)
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QDoubleSpinBox):
        widget.setValue(float(value))
    elif isinstance(widget, QComboBox):
        index, text = value
        if 0 <= int(index) < widget.count():
            widget.setCurrentIndex(int(index))
        if text is not None and widget.isEditable():
            widget.setEditText(str(text))
    elif isinstance(widget, QAbstractButton) and (bool(value) or not widget.autoExclusive()):
        widget.setChecked(bool(value))


def make_draftable(dialog: QDialog, *, kind: str, title: str, reopen: dict[str, Any]) -> None:
    """Call once the dialog is built and filled: what it holds now counts as "nothing typed yet"."""
    dialog.setProperty(DRAFT_KIND, kind)
    dialog.setProperty(DRAFT_TITLE, title)
    dialog.setProperty(DRAFT_REOPEN, json.dumps(reopen))
    dialog.setProperty(DRAFT_INITIAL, json.dumps(field_state(dialog)))


def has_typed(dialog: QWidget) -> bool:
    """True when something in the dialog differs from how it opened."""
    initial = dialog.property(DRAFT_INITIAL)
    if not initial:
        return False
    return json.loads(str(initial)) != json.loads(json.dumps(field_state(dialog)))


def capture_drafts() -> list[Draft]:
    """Every open draftable dialog that holds something typed, as drafts (call before the lock closes them)."""
    drafts: list[Draft] = []
    for widget in QApplication.topLevelWidgets():
        if not isinstance(widget, QDialog) or not widget.isVisible() or not widget.property(DRAFT_KIND):
            continue
        if not has_typed(widget):
            continue
        state = {"reopen": json.loads(str(widget.property(DRAFT_REOPEN) or "{}")), "fields": field_state(widget)}
        drafts.append(Draft(kind=str(widget.property(DRAFT_KIND)), title=str(widget.property(DRAFT_TITLE) or ""),
                            state=json.dumps(state)))
    return drafts


def read_draft(draft: Draft) -> tuple[dict[str, Any], dict[str, Any]]:
    """(how to reopen, the fields) of a kept draft; empty dicts when it cannot be read."""
    try:
        state = json.loads(draft.state)
        return dict(state.get("reopen") or {}), dict(state.get("fields") or {})
    except (ValueError, TypeError, AttributeError):
        return {}, {}


def confirm_discard(dialog: QWidget, prompts: Any) -> bool:
    """Before Escape or Cancel: True when nothing was typed, or the family chose to discard it."""
    if not has_typed(dialog):
        return True
    return bool(prompts.confirm(_("Discard what you typed?"),
                                _("You have typed something in this window. Close it without saving?"),
                                yes=_("Discard it"), no=_("Keep writing")))


__all__ = ["apply_state", "capture_drafts", "confirm_discard", "field_state", "has_typed", "make_draftable",
           "read_draft"]
