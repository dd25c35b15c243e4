"""The open journal's section navigation: a side list grouped by what the family is doing, beside the sections.

Eleven sections never fit one row of tabs at 200 % text; a list does, and it scrolls (with a real scroll bar)
only if the window is very short. Keyboard: Tab reaches the list, Up/Down (Home/End, first letters) move between
sections and show them at once, Enter moves into the section shown; Ctrl+PgDown / Ctrl+PgUp (and Ctrl+Tab /
Ctrl+Shift+Tab) cycle the sections from anywhere inside the journal. The current section is shown in bold with a
bar at its left edge, not by colour alone, and screen readers hear it as the selected item of "Journal sections".

`SectionNavigation` keeps the part of QTabWidget's interface the journal used (addTab, insertTab, removeTab,
count, widget, indexOf, currentIndex/currentWidget, setCurrentIndex/setCurrentWidget, tabText, currentChanged),
so the journal page and its tests work with it as they did with the tab row.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from nec_companion.core.i18n import N_, _

#: What each section is for; sections in a group are listed under its heading. Sections not named here (Today,
#: Charts) stand on their own.
#: Marked with N_ (keys and values): looked up by the section's name as shown, in the active language (`group`).
GROUPS: dict[str, str] = {
    N_("Feeding"): N_("Log"), N_("Pumping"): N_("Log"), N_("Weights"): N_("Log"), N_("Care events"): N_("Log"),
    N_("Notes"): N_("Log"),
    N_("Questions"): N_("Talk with the team"), N_("Prepare for rounds"): N_("Talk with the team"),
    N_("Export and backup"): N_("Share and keep safe"),
    N_("Babies"): N_("This journal"),
}
#: What a section does, read by screen readers after its name.
DESCRIPTIONS: dict[str, str] = {
    N_("Babies"): N_("Your babies, change passphrase, delete this journal"),
    N_("Export and backup"): N_("Care-team summary, spreadsheet files, encrypted backup"),
}


def _translated(table: dict[str, str], label: str) -> str | None:
    """`table`'s entry for the section shown as `label` (its name in the active language), translated."""
    for key, value in table.items():
        if _(key) == label or key == label:
            return _(value)
    return None
SECTION_ROLE = Qt.ItemDataRole.UserRole + 7
HEADING_INK = "#4a5a63"  # the muted ink: 6.5:1 on the list's panel colour


class SectionList(QListWidget):
    """The list itself: as wide as its longest entry (at any text size), never eliding or wrapping text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionNav")
        self.setAccessibleName(_("Journal sections"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformItemSizes(False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        bold = QFont(self.font())
        bold.setBold(True)  # the current section is bold: room for any of them to be
        metrics = QFontMetrics(bold)
        texts = [self.item(row).text() for row in range(self.count())] or ["M" * 12]
        widest = max(self.sizeHintForColumn(0), max(metrics.horizontalAdvance(t) for t in texts) + 28)
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(widest + 2 * self.frameWidth() + bar + 8, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.sizeHint().width(), self.fontMetrics().height() * 4)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self.updateGeometry()


class SectionNavigation(QWidget):
    """A grouped side list and a stack of sections. Signal currentChanged(int): the section index shown."""

    currentChanged = Signal(int)  # noqa: N815 (QTabWidget's name, kept for the journal page and its tests)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = SectionList(self)
        self.stack = QStackedWidget(self)
        self._labels: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.list.currentRowChanged.connect(self._on_row)
        # A screen reader may choose a section by selecting it (AT-SPI Selection) rather than moving the current row.
        self.list.itemSelectionChanged.connect(self._on_selection)
        self.list.itemActivated.connect(lambda _item: self._enter_section())
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1), ("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1),
                           ("Ctrl+Backtab", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.cycle(s))

    # ----- QTabWidget's interface, as the journal page uses it -----
    def count(self) -> int:
        return self.stack.count()

    def widget(self, index: int) -> QWidget | None:
        return self.stack.widget(index)

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802
        return self.stack.indexOf(widget)

    def tabText(self, index: int) -> str:  # noqa: N802
        return self._labels[index] if 0 <= index < len(self._labels) else ""

    def addTab(self, widget: QWidget, label: str) -> int:  # noqa: N802
        return self.insertTab(self.count(), widget, label)

    def insertTab(self, index: int, widget: QWidget, label: str) -> int:  # noqa: N802
        index = max(0, min(index, self.count()))
        current = self.currentWidget()
        self.stack.insertWidget(index, widget)
        self._labels.insert(index, label)
        self._rebuild(current if current is not None else widget)
        return index

    def removeTab(self, index: int) -> None:  # noqa: N802
        widget = self.stack.widget(index)
        if widget is None:
            return
        current = self.currentWidget()
        self.stack.removeWidget(widget)
        del self._labels[index]
        self._rebuild(current if current is not widget else None)

    def currentIndex(self) -> int:  # noqa: N802
        return self.stack.currentIndex()

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self.stack.currentWidget()

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        if 0 <= index < self.count():
            self.list.setCurrentRow(self._row_of(index))

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802
        self.setCurrentIndex(self.indexOf(widget))

    def setDocumentMode(self, _on: bool) -> None:  # noqa: N802 (nothing to draw differently)
        return

    # ----- the journal's own words -----
    def section_names(self) -> list[str]:
        return list(self._labels)

    def show_section(self, name: str) -> bool:
        """Show the section called `name` (as listed); False when there is none."""
        if name not in self._labels:
            return False
        self.setCurrentIndex(self._labels.index(name))
        return True

    def current_section(self) -> str:
        return self.tabText(self.currentIndex())

    def cycle(self, step: int) -> None:
        if self.count():
            self.setCurrentIndex((self.currentIndex() + step) % self.count())

    # ----- internals -----
    def _row_of(self, index: int) -> int:
        for row in range(self.list.count()):
            if self.list.item(row).data(SECTION_ROLE) == index:
                return row
        return -1

    def _rebuild(self, keep: QWidget | None) -> None:
        blocked = self.list.blockSignals(True)
        while self.list.count():  # taken back by Python and freed by it (clear() left Python wrappers dangling)
            self.list.takeItem(self.list.count() - 1)
        group = None
        for index, label in enumerate(self._labels):
            this_group = _translated(GROUPS, label)
            if this_group is not None and this_group != group:
                self.list.addItem(self._heading(this_group))
            group = this_group
            item = QListWidgetItem(label if this_group is None else f"   {label}")
            item.setData(SECTION_ROLE, index)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            # Translators: {group} is a heading of the journal's side list, e.g. "Log".
            description = _translated(DESCRIPTIONS, label) or (_("In {group}").format(group=this_group)
                                                                if this_group else "")
            if description:
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)
                item.setToolTip(description)
            self.list.addItem(item)
        self.list.blockSignals(blocked)
        self.list.updateGeometry()
        index = self.indexOf(keep) if keep is not None else 0
        if self.count():
            blocked = self.list.blockSignals(True)
            self.list.setCurrentRow(self._row_of(max(index, 0)))
            self.list.blockSignals(blocked)
            self.stack.setCurrentIndex(max(index, 0))
            self._mark_current()

    def _heading(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable: arrow keys and clicks pass over it
        font = QFont(self.list.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)  # a quiet heading, unlike the bold section shown
        item.setFont(font)
        item.setForeground(QBrush(QColor(HEADING_INK)))
        # Translators: a heading of the journal's side list as a screen reader says it, e.g. "Log:".
        item.setData(Qt.ItemDataRole.AccessibleTextRole, _("{heading}:").format(heading=text))
        return item

    def _mark_current(self) -> None:
        """Bold for the section shown (besides the colour and the bar): clear without colour alone."""
        current = self.currentIndex()
        for row in range(self.list.count()):
            item = self.list.item(row)
            index = item.data(SECTION_ROLE)
            if index is None:
                continue
            font = QFont(self.list.font())
            font.setBold(index == current)
            item.setFont(font)
        self.list.updateGeometry()

    def _on_row(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        index = item.data(SECTION_ROLE) if item is not None else None
        if index is None or (index == self.stack.currentIndex() and self.stack.currentWidget() is not None):
            self._mark_current()
            return
        self.stack.setCurrentIndex(index)
        self._mark_current()
        self.currentChanged.emit(index)

    def _on_selection(self) -> None:
        selected = self.list.selectedItems()
        if selected and self.list.row(selected[0]) != self.list.currentRow():
            self.list.setCurrentRow(self.list.row(selected[0]))

    def _enter_section(self) -> None:
        """Enter (or a double click) on a section: move the keyboard into it."""
        widget = self.currentWidget()
        if widget is None:
            return
        target = widget.nextInFocusChain()
        while target is not None and target is not widget and not (
                widget.isAncestorOf(target) and target.isVisible() and target.isEnabled()
                and target.focusPolicy() & Qt.FocusPolicy.TabFocus):
            target = target.nextInFocusChain()
        if target is not None and target is not widget:
            target.setFocus(Qt.FocusReason.TabFocusReason)
