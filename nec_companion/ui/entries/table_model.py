"""One table model for every kind of entry (model → proxy → view): columns are specs (header, display text,
raw sort key, alignment), and `EntryFilterProxy` filters by baby and by a range of local days."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from nec_companion.core.babies import BabyId
from nec_companion.core.entries import JournalEntry, entry_baby_ids, entry_day

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Raw sort key of a cell: always a str or a float within a column, so Qt compares like with like."""
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The entry itself (any column)."""
_Index = QModelIndex | QPersistentModelIndex
NO_NUMBER = -1.0e18
"""Sort key of an empty number: empties sort before every real value."""

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """How one column shows an entry. `sort_key` returns a raw value (text or a number) of one type per column."""

    header: str
    display: Callable[[JournalEntry], str]
    sort_key: Callable[[JournalEntry], str | float]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[JournalEntry], str] | None = None
    stretch: bool = False
    """Long text (a plan, a note): may be sized wider before it is cut short with "…"."""
    fill: bool = False
    """Takes the table's width left over once the other columns fit their contents (the note column): free text
    gets the room, not an empty column at the end."""


def number_key(value: float | None) -> float:
    return NO_NUMBER if value is None else float(value)


class EntryTableModel(QAbstractTableModel):
    """Entries (any mix of kinds) as rows, shown through `columns`. The list is replaced as a whole after a
    change (`set_rows`); rows are found again by kind and id (`row_of`)."""

    def __init__(self, columns: Sequence[Column], parent: object = None, *,
                 emphasis: Callable[[JournalEntry], bool] | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._columns = tuple(columns)
        self._rows: list[JournalEntry] = []
        self._emphasis = emphasis
        self._texts: dict[tuple[int, int], str] = {}
        self._keys: dict[tuple[int, int], str | float] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def set_rows(self, entries: Sequence[JournalEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._texts.clear()
        self._keys.clear()  # cells are worked out once per load: sorting asks for each key many times
        self.endResetModel()

    def entry_at(self, row: int) -> JournalEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_type: type, entry_id: int) -> int | None:
        return next((index for index, entry in enumerate(self._rows)
                     if type(entry) is entry_type and entry.entry_id == entry_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._columns[section].align)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self._columns):
            return None
        entry = self._rows[index.row()]
        column = self._columns[index.column()]
        cell = (index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._texts.get(cell)
            if text is None:
                text = self._texts[cell] = column.display(entry)
            return text
        if role == SORT_ROLE:
            key = self._keys.get(cell)
            if key is None:
                key = self._keys[cell] = column.sort_key(entry)
            return key
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.tooltip(entry) if column.tooltip is not None else column.display(entry)
            return text or None
        if role == Qt.ItemDataRole.FontRole and self._emphasis is not None and self._emphasis(entry):
            return self._bold
        return None


class EntryFilterProxy(QSortFilterProxyModel):
    """Shows the entries of one baby (entries about no baby, such as family notes, always show) within a range
    of local days in the family's zone (courses still going on always show); sorts on the raw keys of
    `SORT_ROLE`."""

    def __init__(self, zone_name: Callable[[], str], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._zone_name = zone_name
        self._baby: BabyId | None = None
        self._first: date | None = None
        self._last: date | None = None
        self._types: tuple[type, ...] | None = None

    @property
    def baby(self) -> BabyId | None:
        return self._baby

    @property
    def days(self) -> tuple[date | None, date | None]:
        return self._first, self._last

    def set_filters(self, *, baby: BabyId | None | str = "unchanged",
                    days: tuple[date | None, date | None] | None = None,
                    types: tuple[type, ...] | None | str = "unchanged") -> None:
        """`baby`: a baby's id, None for every baby, or "unchanged". `days`: (first, last), either may be None.
        `types`: only entries of these classes (None: all kinds), or "unchanged"."""
        self.beginFilterChange()
        if baby != "unchanged":
            self._baby = baby  # type: ignore[assignment]
        if days is not None:
            self._first, self._last = days
        if types != "unchanged":
            self._types = types  # type: ignore[assignment]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        entry = model.entry_at(source_row) if isinstance(model, EntryTableModel) else None
        if entry is None:
            return False
        if self._types is not None and not isinstance(entry, self._types):
            return False
        if self._baby is not None:
            babies = entry_baby_ids(entry)
            if babies and self._baby not in babies:
                return False
        if (self._first is not None or self._last is not None) and not getattr(entry, "is_ongoing", False):
            # A course still going on (antibiotics, probiotic) shows whatever days are chosen.
            day = entry_day(entry, self._zone_name())
            if self._first is not None and day < self._first:
                return False
            if self._last is not None and day > self._last:
                return False
        return True

    def entry_at(self, row: int) -> JournalEntry | None:
        model = self.sourceModel()
        if not isinstance(model, EntryTableModel) or not 0 <= row < self.rowCount():
            return None
        return model.entry_at(self.mapToSource(self.index(row, 0)).row())
