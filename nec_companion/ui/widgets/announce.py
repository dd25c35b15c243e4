"""One way to tell a screen reader that something changed: `announce(widget, text)`.

Qt 6.8+ has QAccessibleAnnouncementEvent (AT-SPI "announcement", UIA notification, NSAccessibility
announcement). Older bindings fall back to a NameChanged event on the widget, which screen readers read for
live labels. Every call is also offered to the listeners registered here, so tests can check what a screen-reader
user would hear without an accessibility bus. Never pass journal text the user has not just seen on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

try:  # PySide6 >= 6.8
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - depends on the installed binding
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]

Listener = Callable[[QWidget, str, bool], None]
_listeners: list[Listener] = []


def add_listener(listener: Listener) -> None:
    _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def announce(widget: QWidget | None, text: str, assertive: bool = False) -> None:
    """Ask assistive technology to speak `text` (politely, or at once when `assertive`)."""
    text = text.strip()
    if widget is None or not text:
        return
    for listener in list(_listeners):
        listener(widget, text, assertive)
    if not QAccessible.isActive():
        return
    if QAccessibleAnnouncementEvent is not None:
        event = QAccessibleAnnouncementEvent(widget, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                            else QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
    else:  # pragma: no cover
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert if assertive
                                                         else QAccessible.Event.NameChanged))
