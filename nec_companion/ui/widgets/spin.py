"""A number box that starts empty ("choose", "not entered") and takes a typed number at once.

Qt shows a spin box's special value text ("choose") at its minimum; a parent who clicks into it and types "28"
got nothing, because the typed digits were added after the word and refused. `ChoiceSpinBox` selects that word
whenever the box gains focus or a digit is typed over it, so typing replaces it, by mouse or keyboard alike.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QSpinBox


class ChoiceSpinBox(QSpinBox):
    """A QSpinBox whose "nothing chosen" word is replaced by whatever number is typed."""

    def _shows_nothing_chosen(self) -> bool:
        # The text, not the value: while "2" of "28" is typed the value is still the minimum.
        return bool(self.specialValueText()) and self.lineEdit().text() == self.specialValueText()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        if self._shows_nothing_chosen():
            QTimer.singleShot(0, self.selectAll)  # after Qt has placed the cursor where the mouse was

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.text().isdigit() and self._shows_nothing_chosen():
            self.selectAll()
        super().keyPressEvent(event)
