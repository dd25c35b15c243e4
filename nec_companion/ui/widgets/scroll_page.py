"""A page whose content scrolls vertically and wraps instead of scrolling sideways (200 % text fits)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget


def scroll_page(owner: QWidget, content: QWidget) -> QScrollArea:
    """Put `content` in a frameless vertical scroll area filling `owner`; returns the scroll area."""
    scroll = QScrollArea(owner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll


def scroll_to_focus(_old: QWidget | None, new: QWidget | None) -> None:
    """Keep the focused control in view (WCAG 2.4.11 Focus Not Obscured): every scroll area the control sits in
    scrolls so that it shows. At 200 % text a page taller than the window otherwise takes typing below its fold,
    e.g. the passphrase field under the "locked itself" notice. Connect to `QApplication.focusChanged`."""
    if new is None:
        return
    child: QWidget = new
    parent = new.parentWidget()
    while parent is not None:
        inner = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and inner is not None and inner.isAncestorOf(child):
            parent.ensureWidgetVisible(child, 16, 16)
        child = parent if isinstance(parent, QScrollArea) else child
        parent = parent.parentWidget()
