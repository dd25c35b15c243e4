"""`FittedDialog`: the base of every dialog that shows wrapped text (journal, entry and question dialogs).

It owns one thing: opening tall enough for its wrapped labels at any text size, and growing (never shrinking)
when a message appears. It lives here, below the screens, so the entry, question and journal packages can all
use it without importing each other.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


class FittedDialog(QDialog):
    """A dialog that opens tall enough for its wrapped text at any text size (Qt sizes top-level windows
    without asking wrapped labels how tall they need to be)."""

    width_in_characters = 72

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # type: ignore[arg-type]
        self.refit()

    def refit(self) -> None:
        """Grow (never shrink) to fit the text now shown; call after a message appears."""
        layout = self.layout()
        if layout is None:
            return
        width = max(self.width(), self.fontMetrics().averageCharWidth() * self.width_in_characters)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, screen.width() - 40)
        layout.activate()
        height = max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height(), self.height())
        if screen is not None and height > screen.height() - 40 and width < screen.width() - 40:
            # Too tall for the screen (Spanish at 200 % wraps onto more lines): take the screen's width first,
            # so fewer lines are needed, rather than squeezing the text over itself.
            width = screen.width() - 40
            height = max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())
        if screen is not None:
            height = min(height, screen.height() - 40)
        self.resize(width, height)
