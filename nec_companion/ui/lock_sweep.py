"""When a journal locks, nothing it showed may stay on screen or in memory behind a window.

One rule for every route to a lock (idle, minimise, Lock now, closing the window) and for every window the app
can open, so a new dialog cannot forget to take part: every secondary window goes.

- tooltips and popups (menus, drop-down lists, calendars) close;
- every dialog closes, the ones that show a secret (property `holds_secret`, e.g. the recovery code) first, with
  `done(Rejected)`, which no dialog overrides to refuse (a dialog may refuse Escape, never a lock), and is then
  deleted, together with dialogs already closed but still held by a parent (their fields keep what was typed);
- any other window that belongs to the app (a top-level widget with a parent) is hidden.

The main window (a QMainWindow) stays; its journal views are dropped by the journal screen itself.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QToolTip, QWidget

#: Set this property to True on a dialog that shows a secret: it is closed before anything else.
HOLDS_SECRET = "holds_secret"


def close_windows_for_lock() -> int:
    """Close every secondary window now; return how many dialogs were closed or deleted."""
    QToolTip.hideText()
    for _ in range(32):  # popups stack (a menu over a list); each close reveals the one below
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    dialogs: list[QDialog] = []
    others: list[QWidget] = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            dialogs.append(widget)
        elif not isinstance(widget, QMainWindow) and widget.parentWidget() is not None and widget.isVisible():
            others.append(widget)
    dialogs.sort(key=lambda d: not bool(d.property(HOLDS_SECRET)))  # secrets first
    for dialog in dialogs:
        if dialog.isVisible():
            dialog.done(QDialog.DialogCode.Rejected)
            dialog.hide()
        dialog.deleteLater()
    for widget in others:
        widget.hide()
    return len(dialogs)
