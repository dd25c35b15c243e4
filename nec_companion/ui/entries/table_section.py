"""A tab with one table of entries: filters (baby, dates), Add / Edit / Delete, and an Undo bar.

Keyboard: Ctrl+N adds (Ctrl+Shift+N the second kind, where there is one), Enter or a double-click edits, Delete
deletes, Ctrl+Z undoes the last change made here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.babies import BabyId
from nec_companion.core.daily import GAIN_MAX_SPAN_DAYS
from nec_companion.core.entries import EntryKind, JournalEntry
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import N_, _, pgettext
from nec_companion.core.measurements import Weight
from nec_companion.journal import ChangeKind, EntryChange
from nec_companion.ui import style
from nec_companion.ui.entries.columns import ColumnsFor, TableContext, weight_figures
from nec_companion.ui.entries.editor import EntryEditor
from nec_companion.ui.entries.fields import from_qdate, labelled, qdate
from nec_companion.ui.entries.table_model import EntryFilterProxy, EntryTableModel
from nec_companion.ui.entries.words import baby_namer
from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label
from nec_companion.ui.widgets.scroll_page import scroll_page

RANGES: tuple[tuple[str, object], ...] = ((N_("Last 7 days"), 7), (N_("Last 30 days"), 30),
                                          (N_("Whole stay"), None), (N_("Choose dates…"), "custom"))
"""The date ranges offered (labels marked only; translated where shown)."""
WHOLE_STAY_TEXT = N_("Whole stay")
DEFAULT_RANGE = 1
TABLE_MIN_ROWS = 5  # the table's least height, in rows (its header included), when the section has to scroll
WHOLE_STAY = 2


@dataclass(frozen=True)
class AddAction:
    """An Add button of a table tab: its words (already translated), the kind of entry, its shortcut, and a
    preset for the dialog."""

    label: str
    kind: EntryKind
    shortcut: str
    preset: object = None


class EntryTableSection(QWidget):
    def __init__(self, *, editor: EntryEditor, kinds: Sequence[EntryKind], columns: ColumnsFor,
                 add_actions: Sequence[AddAction], intro: str, table_name: str, empty_text: str,
                 show_baby_filter: bool = True, kind_choices: Sequence[tuple[str, tuple[type, ...] | None]] = (),
                 emphasis: Callable[[JournalEntry], bool] | None = None, default_range: int = DEFAULT_RANGE,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.kinds = tuple(kinds)
        self._stale = True
        self._fitted_for: tuple[int, bool] | None = None
        self._last_change: EntryChange | None = None
        self._empty_text = empty_text
        self._show_baby_filter = show_baby_filter
        self.context = TableContext(baby_name=baby_namer(()))
        self.model = EntryTableModel(columns(self.context), self, emphasis=emphasis)
        self.proxy = EntryFilterProxy(lambda: editor.entries.time_zone, self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(table_name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setStyleSheet(f"QTableView {{ border: 1px solid #d3dde1; border-radius: 6px; }}"
                                 f" QTableView:focus {{ border: 2px solid {style.ACCENT}; }}")
        header = self.table.horizontalHeader()
        # Columns fit their contents (long text up to a limit, the rest in the tooltip) and the note column (a
        # `fill` column) takes the width left over, not an empty last column (issue 11, #28); at large text the
        # table scrolls sideways rather than squeezing words to "eye ex…".
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._fill_fit = 0  # the fill column's width fitted to its contents
        header.setHighlightSections(False)
        self.table.viewport().installEventFilter(self)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.baby_label = QLabel(_("Baby:"), self)
        self.baby_filter = QComboBox(self)
        self.baby_filter.setAccessibleName(_("Show the entries of which baby"))
        self.baby_label.setBuddy(self.baby_filter)
        self.range_label = QLabel(_("Dates:"), self)
        self.range_filter = QComboBox(self)
        self.range_filter.setAccessibleName(_("Dates shown"))
        self.range_label.setBuddy(self.range_filter)
        for label, data in RANGES:
            self.range_filter.addItem(_(label), data)
        self.range_filter.setCurrentIndex(default_range)
        self.from_date = QDateEdit(self)
        self.to_date = QDateEdit(self)
        for edit, name in ((self.from_date, _("From date")), (self.to_date, _("To date"))):
            edit.setCalendarPopup(True)
            # Translators: Qt's date format for the date boxes (d day, MMM short month, yyyy year).
            edit.setDisplayFormat(_("d MMM yyyy"))
            edit.setAccessibleName(name)
            edit.dateChanged.connect(lambda _d: self._range_changed())
        self.custom = QWidget(self)
        custom_layout = QHBoxLayout(self.custom)
        custom_layout.setContentsMargins(0, 0, 0, 0)
        custom_layout.addWidget(QLabel(pgettext("dates", "from"), self.custom))
        custom_layout.addWidget(self.from_date)
        custom_layout.addWidget(QLabel(pgettext("dates", "to"), self.custom))
        custom_layout.addWidget(self.to_date)
        self.custom.hide()
        self.baby_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.range_filter.currentIndexChanged.connect(lambda _i: self._range_changed())
        self.kind_label = QLabel(_("Show:"), self)
        self.kind_filter = QComboBox(self)
        # Its longest choice ("Cambios del plan y tomas que usted dio" at 200 %) may be wider than the section: the
        # box asks for its whole text but may be narrowed when nothing else fits (the open list shows each whole).
        self.kind_filter.setMinimumWidth(self.kind_filter.fontMetrics().horizontalAdvance("x" * 16))
        self.kind_filter.setAccessibleName(_("Show which entries"))
        self.kind_label.setBuddy(self.kind_filter)
        for label, types in kind_choices:
            self.kind_filter.addItem(label, types)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.kind_pair = labelled(self.kind_label, self.kind_filter, self)
        self.baby_pair = labelled(self.baby_label, self.baby_filter, self)
        self.range_pair = labelled(self.range_label, self.range_filter, self)
        self.kind_pair.setVisible(bool(kind_choices))

        self.add_buttons: list[QPushButton] = []
        for action in add_actions:
            button = QPushButton(action.label, self)
            button.setToolTip(_("{action} ({shortcut})").format(action=action.label.rstrip("…"),
                                                                shortcut=action.shortcut))
            button.setAccessibleDescription(_("Shortcut: {keys}").format(keys=action.shortcut))
            button.clicked.connect(lambda _c=False, a=action: self.add(a))
            shortcut = QShortcut(QKeySequence(action.shortcut), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda a=action: self._shortcut_add(a))
            self.add_buttons.append(button)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.setToolTip(_("Edit the chosen entry (Enter)"))
        self.edit_button.setAccessibleName(_("Edit the chosen entry"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"), self)
        self.delete_button.setToolTip(_("Delete the chosen entry (Delete key). You can undo it."))
        self.delete_button.setAccessibleName(_("Delete the chosen entry"))
        self.delete_button.clicked.connect(self.delete_selected)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        undo_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo_key.setContext(Qt.ShortcutContext.WindowShortcut)
        undo_key.activated.connect(self._shortcut_undo)

        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("banner")
        undo_layout = QHBoxLayout(self.undo_bar)
        self.undo_label = plain_label("", self.undo_bar)
        self.undo_label.setAccessibleDescription(_("Last change"))
        self.undo_button = QPushButton(_("Undo"), self.undo_bar)
        self.undo_button.setToolTip(_("Undo (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_last)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        self.undo_bar.hide()
        self.message = plain_label("", self)
        self.message.setAccessibleDescription(_("Message"))
        self.empty = plain_label(empty_text, self, muted=True)
        self.empty.setAccessibleDescription(_("No entries"))

        filters = FlowLayout(spacing=10)
        for widget in (self.kind_pair, self.baby_pair, self.range_pair, self.custom):
            filters.add(widget)
        actions = FlowLayout(spacing=8)
        for widget in (*self.add_buttons, self.edit_button, self.delete_button):
            actions.add(widget)
        # The whole section scrolls when the window is too short for it (200 % text on a 768-pixel screen with a
        # taskbar): nothing is squeezed over anything else; the table keeps room for a few rows.
        content = QWidget(self)
        scroll_page(self, content)
        self.table.setMinimumHeight(TABLE_MIN_ROWS * self.table.verticalHeader().defaultSectionSize())
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 10, 0, 0)
        if intro:
            layout.addWidget(plain_label(intro, content, muted=True))
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.message.hide()
        self._order_tabs()
        self._update_buttons()

    def _order_tabs(self) -> None:
        chain: list[QWidget] = [*self.add_buttons, self.edit_button, self.delete_button, self.kind_filter,
                                self.baby_filter,
                                self.range_filter, self.from_date, self.to_date, self.undo_button, self.table]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------------------------------ data

    def refresh(self, *, select: JournalEntry | None = None) -> None:
        """Reload the entries from the journal (keeps the filters, the sort and the chosen row)."""
        keep = select or self.selected()
        first, last = self._days()
        try:
            babies = self.editor.babies()
            rows: list[JournalEntry] = []
            for kind in self.kinds:
                # Only the days asked for are read (a journal of years holds tens of thousands of entries);
                # weights reach further back, for the 7-day gain of the first ones shown.
                since = first - timedelta(days=GAIN_MAX_SPAN_DAYS + 1) \
                    if first is not None and kind is EntryKind.WEIGHT else first
                if kind is EntryKind.CARE_EVENT:  # few, and a course started long ago may still be going on
                    since = last = None
                rows += self.editor.entries.list_entries(kind, first_day=since, last_day=last)
        except JournalError as error:
            self._say(error.user_text())
            return
        self.context.baby_name = baby_namer(babies)
        self.context.babies = {baby.baby_id: baby for baby in babies}
        if EntryKind.WEIGHT in self.kinds:
            changes, gains = weight_figures([row for row in rows if isinstance(row, Weight)], self.context.babies)
            self.context.weight_change, self.context.weight_gain = changes, gains
        self._fill_baby_filter(babies)
        self._apply_filters()
        self.model.set_rows(rows)
        self._fit_columns()
        self.custom.setVisible(self.range_filter.currentData() == "custom")
        self._stale = False
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def _fill_baby_filter(self, babies: Sequence[Any]) -> None:
        current = self.baby_filter.currentData()
        self.baby_filter.blockSignals(True)
        self.baby_filter.clear()
        self.baby_filter.addItem(_("Both babies") if len(babies) == 2 else _("All babies"), None)
        for baby in babies:
            self.baby_filter.addItem(baby.nickname, int(baby.baby_id))
        self.baby_filter.setCurrentIndex(max(0, self.baby_filter.findData(current)))
        self.baby_filter.blockSignals(False)
        self.baby_pair.setVisible(self._show_baby_filter and len(babies) > 1)

    def _days(self) -> tuple[date | None, date | None]:
        choice = self.range_filter.currentData()
        try:
            today = self.editor.entries.today()
        except JournalError:
            return None, None
        if choice == "custom":
            first, last = from_qdate(self.from_date.date()), from_qdate(self.to_date.date())
            return (first, last) if first <= last else (last, first)
        if isinstance(choice, int):
            # Open-ended: a plan change recorded ahead ("from tomorrow 8 am") shows too.
            return today - timedelta(days=choice - 1), None
        return None, None

    def _range_changed(self) -> None:
        """Other days chosen: read those days from the journal."""
        custom = self.range_filter.currentData() == "custom"
        if custom and not self.custom.isVisible():
            first, last = self.proxy.days
            try:
                today = self.editor.entries.today()
            except JournalError:
                today = date.today()
            for edit, day in ((self.from_date, first or today - timedelta(days=29)), (self.to_date, last or today)):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        self.custom.setVisible(custom)
        self.refresh()

    def _apply_filters(self) -> None:
        baby = self.baby_filter.currentData() if self.baby_pair.isVisibleTo(self) else None
        types = self.kind_filter.currentData() if self.kind_filter.count() else None
        self.proxy.set_filters(baby=BabyId(int(baby)) if baby is not None else None, days=self._days(),
                               types=tuple(types) if types else None)
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Size the columns to their contents the first time there are rows, and again if the text size changed
        (not on every reload: measuring is the slow part, and a family may have widened a column)."""
        metrics = self.table.fontMetrics()
        fitted_for = (metrics.height(), self.proxy.rowCount() > 0)
        if fitted_for == self._fitted_for:
            return
        self._fitted_for = fitted_for
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 14)
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.model.columns):
            self.table.resizeColumnToContents(index)
            limit = metrics.averageCharWidth() * (52 if column.stretch else 30)
            header.resizeSection(index, min(header.sectionSize(index), limit))
        fill = self._fill_index()
        self._fill_fit = header.sectionSize(fill) if fill is not None else 0
        self._give_rest_to_fill()

    def _fill_index(self) -> int | None:
        """The column that takes the width left over: the last `fill` column (the note), else the last one."""
        columns = self.model.columns
        return next((index for index in reversed(range(len(columns))) if columns[index].fill),
                    len(columns) - 1 if columns else None)

    def _give_rest_to_fill(self) -> None:
        """The fill column is as wide as its text needs, or wider to reach the table's right edge."""
        fill = self._fill_index()
        if fill is None:
            return
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(index) for index in range(header.count())
                     if index != fill and not header.isSectionHidden(index))
        room = self.table.viewport().width() - others
        header.resizeSection(fill, max(self._fill_fit, room, header.minimumSectionSize()))

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._give_rest_to_fill()  # the table's width changed: the fill column follows
        return super().eventFilter(watched, event)

    def on_entry_changed(self, change: EntryChange) -> None:
        """Another screen (or this one) changed an entry: reload now if shown, else when next shown."""
        if change.entry_kind not in self.kinds:
            return
        if self.isVisible():
            self.refresh(select=change.entry)
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------------------------------------ selection

    def selected(self) -> JournalEntry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.proxy.entry_at(rows[0].row())

    def select(self, entry: JournalEntry) -> bool:
        row = self.model.row_of(type(entry), int(entry.entry_id or 0))
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        empty = self.proxy.rowCount() == 0
        if empty and self.model.rowCount() > 0:
            self.empty.setText(_("Nothing in these dates. Choose \u201c{whole_stay}\u201d to see everything.").format(
                whole_stay=_(WHOLE_STAY_TEXT)))
        else:
            self.empty.setText(self._empty_text)
        self.empty.setVisible(empty)

    # ------------------------------------------------------------------------------------------ actions

    def _shortcut_add(self, action: AddAction) -> None:
        if self.isVisible():
            self.add(action)

    def add(self, action: AddAction) -> EntryChange | None:
        baby = self.baby_filter.currentData() if self.baby_pair.isVisibleTo(self) else None
        change = self.editor.add(action.kind, parent=self, preset=action.preset,
                                 baby_id=BabyId(int(baby)) if baby is not None else None)
        if change is not None:
            self._after(change)
        return change

    def edit_selected(self) -> EntryChange | None:
        entry = self.selected()
        if entry is None:
            self._say(_("Choose an entry in the list first."))
            return None
        change = self.editor.edit(entry, parent=self)
        if change is not None:
            self._after(change)
        return change

    def delete_selected(self) -> EntryChange | None:
        entry = self.selected()
        if entry is None:
            self._say(_("Choose an entry in the list first."))
            return None
        row = self.table.currentIndex().row()
        change = self.editor.delete(entry)
        if change is not None:
            self._after(change)
            if self.proxy.rowCount():
                self.table.selectRow(min(max(0, row), self.proxy.rowCount() - 1))
            self.table.setFocus()
        return change

    def _shortcut_undo(self) -> None:
        if self.isVisible() and self._last_change is not None:
            self.undo_last()

    def undo_last(self) -> EntryChange | None:
        change, self._last_change = self._last_change, None
        self.undo_bar.hide()
        if change is None:
            return None
        reverse = self.editor.undo(change)
        if reverse is not None:
            self.refresh(select=reverse.entry)
            self._say({ChangeKind.ADDED: _("Put back."), ChangeKind.UPDATED: _("Undone: the earlier version is back."),
                       ChangeKind.DELETED: _("Undone: that entry is removed.")}[reverse.kind])
        return reverse

    def _after(self, change: EntryChange) -> None:
        """After a change made here: show it (or say why it is not shown), and offer Undo."""
        self.refresh(select=change.entry)
        self._last_change = change
        entry = change.entry or change.previous
        summary = entry.describe() if entry is not None else change.entry_kind.label
        said = {ChangeKind.ADDED: _("Saved: {entry}."), ChangeKind.UPDATED: _("Changes saved: {entry}."),
                ChangeKind.DELETED: _("Deleted: {entry}.")}[change.kind]
        text = said.format(entry=summary)
        if change.entry is not None and not self.select(change.entry):
            self._show_kind_of(change.entry)
            if not self.select(change.entry):
                # Translators: {said} is "Saved: ..." (a whole sentence); {whole_stay} is the "Whole stay" choice.
                text = _("{said} It is not in the dates or baby shown; choose \u201c{whole_stay}\u201d to see "
                         "it.").format(said=text, whole_stay=_(WHOLE_STAY_TEXT))
        self.undo_label.setText(text)
        announce(self.undo_label, text)  # "Saved: …", "Changes saved: …", "Deleted: …"
        self.undo_button.setText(change.undo_text)
        self.undo_button.setAccessibleName(change.undo_text)
        self.undo_bar.show()
        self.message.hide()

    def _show_kind_of(self, entry: JournalEntry) -> None:
        """If the "Show" filter hides this kind of entry, switch to a choice that shows it."""
        types = self.kind_filter.currentData()
        if not types or isinstance(entry, tuple(types)):
            return
        for index in range(self.kind_filter.count()):
            choice = self.kind_filter.itemData(index)
            if choice is None or isinstance(entry, tuple(choice)):
                self.kind_filter.setCurrentIndex(index)
                return

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()


__all__ = ["RANGES", "AddAction", "EntryTableSection"]
