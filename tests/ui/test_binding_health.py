"""Guard against a Qt-binding bug that crashed the app: None's reference count must not drain away."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QStandardItem, QStandardItemModel

from nec_companion.ui.article_view import SafeTextBrowser


def test_null_values_from_qt_keep_none_alive(qtbot) -> None:
    """Reading unset roles and refusing resources 500 times leaves None's refcount where it was (PySide6 6.12.0
    lost one reference per call, which killed the app on Python 3.11)."""
    model = QStandardItemModel()
    model.appendRow(QStandardItem("x"))
    index = model.index(0, 0)
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    before = sys.getrefcount(None)
    for n in range(500):
        index.data(Qt.ItemDataRole.UserRole + 7)
        browser.document().resource(2, QUrl(f"file:///x{n}.png"))
    assert sys.getrefcount(None) >= before - 5
