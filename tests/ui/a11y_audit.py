"""An accessibility audit of a live widget tree, used by tests/ui/test_accessibility_audit.py.

Each check returns a list of findings (short strings naming the widget), empty when the screen passes:
- `unreadable_labels`: a QLabel whose text a screen reader cannot read (an accessible name replaces it);
- `unnamed_controls`: an interactive control with neither accessible name nor description;
- `name_hides_label`: a button whose accessible name does not contain its visible words (WCAG 2.5.3);
- `combos_without_buddy`: a combo box with no label whose buddy it is (on Linux its name is the current item);
- `tab_walk`: Tab from the first control; reports controls never reached and places Tab cannot leave (traps);
- `focus_not_visible`: a Tab stop whose pixels do not change at >= 3:1 when it takes focus (WCAG 2.4.7/1.4.11);
- `contrast` / `relative_luminance`: the WCAG formula.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)


# ----- contrast -----
def relative_luminance(colour: QColor | str) -> float:
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor | str, b: QColor | str) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


# ----- the tree -----
def describe(widget: QWidget) -> str:
    name = widget.accessibleName() or (widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else "")
    return f"{type(widget).__name__}({widget.objectName() or name[:40]!r})"


def shown(root: QWidget) -> list[QWidget]:
    """Every widget under `root` (root included) that is visible on screen now."""
    found = [root] if root.isVisible() else []
    for child in root.findChildren(QWidget):
        if child.isVisible() and child.window() is root.window():
            found.append(child)
    return found


def _interface_text(widget: QWidget, kind: QAccessible.Text) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(kind) if interface is not None and interface.isValid() else ""


def _words(text: str) -> str:
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return re.sub(r"\s+", " ", re.sub(r"[^\w%&'’ ]", " ", text)).strip().lower()


def _is_control(widget: QWidget) -> bool:
    """An interactive control a screen reader names by itself (not the parts of a spin box, combo or table)."""
    if isinstance(widget, (QScrollBar, QHeaderView)) or isinstance(widget.parentWidget(), (QAbstractSpinBox, QLineEdit,
                                                                                               QComboBox)):
        return False
    return isinstance(widget, (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView,
                               QTextEdit, QPlainTextEdit, QTabBar))


def _focusable(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled() and widget.isVisible() \
        and widget.focusProxy() is None


def unreadable_labels(root: QWidget) -> list[str]:
    problems = []
    for label in shown(root):
        if not isinstance(label, QLabel) or not label.text().strip() or (label.pixmap() is not None and \
                not label.pixmap().isNull()):
            continue
        plain = label.text() if label.textFormat() == Qt.TextFormat.PlainText else _strip_tags(label.text())
        name = _interface_text(label, QAccessible.Text.Name)
        if _words(plain)[:60] not in _words(name):
            problems.append(f"label text {plain[:50]!r} is hidden behind the accessible name {name[:50]!r}")
    return problems


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ").replace("&amp;", "&")


def unnamed_controls(root: QWidget) -> list[str]:
    problems = []
    for widget in shown(root):
        if not _is_control(widget) or not widget.isEnabled():
            continue
        if not (_interface_text(widget, QAccessible.Text.Name).strip()
                or _interface_text(widget, QAccessible.Text.Description).strip()):
            problems.append(f"{describe(widget)} has no accessible name")
    return problems


def name_hides_label(root: QWidget) -> list[str]:
    """Buttons, and fields with a buddy label, whose accessible name does not contain the words shown."""
    problems = []
    for widget in shown(root):
        if isinstance(widget, QAbstractButton) and len(re.sub(r"\W", "", widget.text())) > 1 \
                and widget.accessibleName() and _words(widget.text()) not in _words(widget.accessibleName()):
            problems.append(f"button {widget.text()!r} is named {widget.accessibleName()!r}")
    for label in shown(root):
        if isinstance(label, QLabel) and label.buddy() is not None and label.buddy().accessibleName():
            shown_words = _words(_strip_tags(label.text()))
            if shown_words and shown_words not in _words(label.buddy().accessibleName()):
                problems.append(f"field labelled {label.text()!r} is named {label.buddy().accessibleName()!r}")
    return problems


def combos_without_buddy(root: QWidget) -> list[str]:
    widgets = shown(root)
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    return [f"combo box {w.accessibleName() or w.currentText()!r} has no buddy label" for w in widgets
            if isinstance(w, QComboBox) and w.isEnabled() and id(w) not in buddies]


# ----- keyboard -----
def tab_stops_expected(root: QWidget) -> list[QWidget]:
    return [w for w in shown(root) if _focusable(w) and not isinstance(w, QScrollBar)
            and w.visibleRegion().boundingRect().isValid() and not w.visibleRegion().isEmpty()]


TRAP_PRESSES = 60  # a date box moves through its parts and a text browser through its links, then Tab leaves


def tab_walk(root: QWidget, *, start: QWidget | None = None, limit: int = 400) -> tuple[list[QWidget], list[str]]:
    """Press Tab from `start` (or the first expected stop) until focus comes back or leaves `root`.

    Returns the stops in order and the problems: traps (Tab pressed twice without focus moving) and expected
    controls never reached. Scroll areas pull their focused child into view, so stops lower down are visible."""
    expected = tab_stops_expected(root)
    problems: list[str] = []
    if not expected:
        return [], problems
    first = start or expected[0]
    root.window().activateWindow()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    stops: list[QWidget] = []
    current = QApplication.focusWidget()
    seen: set[int] = set()
    for _ in range(limit):
        if current is None:
            break
        stops.append(current)
        seen.add(id(current))
        QTest.keyClick(current, Qt.Key.Key_Tab)
        QApplication.processEvents()
        following = QApplication.focusWidget()
        presses = 1
        while following is current and presses < TRAP_PRESSES:
            QTest.keyClick(current, Qt.Key.Key_Tab)
            QApplication.processEvents()
            following = QApplication.focusWidget()
            presses += 1
        if following is current:
            problems.append(f"Tab cannot leave {describe(current)} (keyboard trap after {presses} presses)")
            break
        if following is None or following is first or id(following) in seen:
            break
        current = following
    reached = {id(w) for w in stops}

    def group_reached(widget: QWidget) -> bool:  # Tab reaches one radio of a group; arrows move within it
        return isinstance(widget, QRadioButton) and widget.autoExclusive() and any(
            isinstance(w, QRadioButton) and w.parentWidget() is widget.parentWidget() for w in stops)

    for widget in expected:
        if id(widget) not in reached and not group_reached(widget):
            problems.append(f"{describe(widget)} is never reached with Tab")
    return stops, problems


def bring_into_view(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None and parent.widget().isAncestorOf(widget):
            parent.ensureWidgetVisible(widget, 8, 8)
        parent = parent.parentWidget()
    QApplication.processEvents()


def _grab(widget: QWidget, margin: int = 4) -> tuple[QImage, QRect]:
    top = widget.window()
    origin = widget.mapTo(top, QPoint(0, 0))
    rect = QRect(origin, widget.size()).adjusted(-margin, -margin, margin, margin).intersected(top.rect())
    return top.grab(rect).toImage(), rect


def focus_change_pixels(widget: QWidget, *, away: QWidget | None = None) -> tuple[int, int]:
    """(pixels that change at >= 3:1 when `widget` takes focus by Tab, the widget's half perimeter)."""
    if away is not None and away is not widget:
        away.setFocus(Qt.FocusReason.TabFocusReason)
    elif QApplication.focusWidget() is not None:
        QApplication.focusWidget().clearFocus()
    QApplication.processEvents()
    bring_into_view(widget)
    before, _rect = _grab(widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    after, _rect = _grab(widget)
    strong = 0
    if before.size() == after.size():
        for y in range(before.height()):
            for x in range(before.width()):
                a, b = before.pixel(x, y), after.pixel(x, y)
                if a != b and contrast(QColor(a), QColor(b)) >= 3.0:
                    strong += 1
    return strong, widget.width() + widget.height()


def focus_not_visible(stops: Iterable[QWidget], away: QWidget | None = None) -> list[str]:
    """Stops whose focus indicator changes fewer pixels at 3:1 than half the widget's perimeter (a 1 px ring round
    half of it); a text cursor alone is a thin line and does not count."""
    problems = []
    for widget in stops:
        if not widget.isVisible():
            continue
        strong, needed = focus_change_pixels(widget, away=away)
        if strong < min(needed, 120):
            problems.append(f"{describe(widget)}: focus changes {strong} pixels at 3:1 (needs {min(needed, 120)})")
    return problems


def scroll_areas_taking_focus(stops: Iterable[QWidget]) -> list[QWidget]:
    return [w for w in stops if type(w).__name__ == "QScrollArea" or
            (isinstance(w, QAbstractScrollArea) and not _is_control(w))]


def backwards_steps(stops: list[QWidget], *, slack: int = 8) -> list[str]:
    """Consecutive Tab stops where focus jumps back up the window (reading order is top to bottom, and left to
    right within a row); for one-column forms such as dialogs. The walk is a cycle that may start anywhere, so it
    is read from the top-left stop on (the step from the last control back to the first is the wrap)."""
    problems: list[str] = []
    if not stops:
        return problems
    top = stops[0].window()

    def point_of(widget: QWidget) -> QPoint:
        """Where the widget is read: its place in the window, but a control scrolled below the bottom of its
        scroll area counts as at that bottom (it is read before what sits under the area, such as Save)."""
        point = widget.mapTo(top, QPoint(0, 0))
        parent = widget.parentWidget()
        while parent is not None and parent is not top:
            if isinstance(parent, QAbstractScrollArea):
                bottom = parent.mapTo(top, QPoint(0, parent.height() - 1)).y()
                point.setY(min(point.y(), bottom))
            parent = parent.parentWidget()
        return point

    def place(widget: QWidget) -> tuple[int, int]:
        point = point_of(widget)
        return point.y(), point.x()

    first = min(range(len(stops)), key=lambda i: place(stops[i]))
    stops = stops[first:] + stops[:first]
    for before, after in itertools.pairwise(stops):
        a = point_of(before)
        b = point_of(after)
        same_row = abs(a.y() - b.y()) <= max(slack, min(before.height(), after.height()) // 2)
        if (b.y() < a.y() - slack and not same_row) or (same_row and b.x() < a.x() - slack):
            problems.append(f"Tab goes back from {describe(before)} to {describe(after)}")
    return problems
