"""Labels for text that may come from a family or a file: always plain text.

Qt guesses whether a QLabel's text is rich text (Qt.mightBeRichText) unless told otherwise, so a journal label,
a nickname, a file path or a backup's label containing "<" could load images or show big red words. Every
label built here shows its text exactly as written; emphasis comes from the font, never from markup. This is
the one label factory of the screens: `title=True` makes a screen title (styled by objectName "screenTitle").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str, parent: QWidget | None, *, wrap: bool = True, muted: bool = False,
                bold: bool = False, title: bool = False, rich: bool = False) -> QLabel:
    """The app's one label factory: plain text unless `rich` is asked for (only for the app's own markup, never
    for text a family or a file wrote); `wrap` long text, `muted` (smaller, grey), `bold`, or a screen `title`."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if muted:
        label.setProperty("muted", True)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    if title:
        label.setObjectName("screenTitle")
    return label
