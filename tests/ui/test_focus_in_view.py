"""WCAG 2.4.11 (walked on a real screen at 200 %): the passphrase field sat below the fold under the "locked
itself" notice and took the typing unseen. Whatever gets the focus scrolls into view."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from nec_companion.ui.widgets.scroll_page import scroll_page, scroll_to_focus


def test_the_focused_field_scrolls_into_view(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    content = QWidget()
    layout = QVBoxLayout(content)
    for line in range(40):
        layout.addWidget(QLabel(f"Line {line} of a long notice", content))
    field = QLineEdit(content)
    layout.addWidget(field)
    scroll = scroll_page(page, content)
    page.resize(400, 300)
    page.show()
    qtbot.waitExposed(page)
    QApplication.instance().focusChanged.connect(scroll_to_focus)
    try:
        assert scroll.verticalScrollBar().value() == 0
        page.activateWindow()
        field.setFocus()
        qtbot.waitUntil(lambda: scroll.verticalScrollBar().value() > 0, timeout=3000)
        top = field.mapTo(scroll.viewport(), field.rect().topLeft()).y()
        assert 0 <= top <= scroll.viewport().height() - field.height()
    finally:
        QApplication.instance().focusChanged.disconnect(scroll_to_focus)
