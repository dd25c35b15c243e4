"""The chart on screen: `ChartWidget` paints a spec with draw_chart and offers a table alternative."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QHelpEvent, QImage, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from nec_companion.charts.model import ChartSpec, ChartTable, table_rows
from nec_companion.charts.painter import ChartLayout, draw_chart
from nec_companion.core.i18n import N_, _
from nec_companion.ui import style

_ModelIndex = QModelIndex | QPersistentModelIndex
SHOW_TABLE = N_("Show as table")
SHOW_CHART = N_("Show as chart")


class ChartTableModel(QAbstractTableModel):
    """Read-only table of a chart's values (from `table_rows`): the screen-reader alternative to the picture."""

    def __init__(self, table: ChartTable | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = table or ChartTable(("x", _("Notes")), ())

    def set_table(self, table: ChartTable) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def table(self) -> ChartTable:
        return self._table

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(self._table.headers)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._table.rows) \
                or not 0 <= index.column() < len(self._table.headers):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            row = self._table.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = 0 < index.column() < len(self._table.headers) - 1
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt override)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or section < 0:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._table.headers[section] if section < len(self._table.headers) else None
        return str(section + 1) if section < len(self._table.rows) else None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ChartTableView(QTableView):
    """Read-only table whose last column (the notes) takes the remaining width and wraps, so nothing is hidden
    off to the right, at any text size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)

    def fit_columns(self) -> None:
        model = self.model()
        if model is None or model.columnCount() == 0:
            return
        header = self.horizontalHeader()
        last = model.columnCount() - 1
        for column in range(last):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.resizeColumnToContents(column)
        used = sum(header.sectionSize(column) for column in range(last))
        minimum = self.fontMetrics().horizontalAdvance(_("Notes")) * 3
        header.resizeSection(last, max(minimum, self.viewport().width() - used))
        self.resizeRowsToContents()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_columns()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.fit_columns()


class ChartCanvas(QWidget):
    """The painted chart; focusable, with a visible focus ring. Enter asks for the table."""

    table_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = ChartSpec("", "", "")
        self.monochrome = False
        self.last_layout: ChartLayout | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_spec(self, spec: ChartSpec) -> None:
        self._spec = spec
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        em = self.fontMetrics().height()
        return QSize(em * 40, em * 26)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        em = self.fontMetrics().height()
        return QSize(em * 18, em * 15)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        try:
            self.last_layout = draw_chart(painter, QRectF(self.rect()), self._spec, font=self.font(),
                                          monochrome=self.monochrome)
            if self.hasFocus():
                pen = QPen(QColor(style.ACCENT))
                pen.setWidthF(2.0)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        finally:
            painter.end()

    def mark_at(self, x: float, y: float) -> str:
        """The text of the marker drawn at (x, y), or "" when there is none."""
        for rect, text in self.last_layout.marks if self.last_layout else []:
            if rect.adjusted(-3, -3, 3, 3).contains(x, y):
                return text
        return ""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.mark_at(event.pos().x(), event.pos().y())
            if text:  # a marker's own words; elsewhere the chart's summary (the widget tooltip)
                QToolTip.showText(event.globalPos(), text, self)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.table_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.update()


class ChartWidget(QWidget):
    """A chart with a "Show as table" toggle and, when the chart has guides, a "Show guides" check box.

    The accessible name is the chart's title and the description its summary sentence, so a screen reader
    announces what the chart shows; the table gives every value.
    """

    guides_visible_changed = Signal(bool)
    table_shown_changed = Signal(bool)

    def __init__(self, spec: ChartSpec | None = None, parent: QWidget | None = None, *,
                 monochrome: bool = False) -> None:
        super().__init__(parent)
        self._spec = spec or ChartSpec("", "", "")
        self.canvas = ChartCanvas(self)
        self.canvas.monochrome = monochrome
        self.table_model = ChartTableModel(parent=self)
        self.table_view = ChartTableView(self)
        self.table_view.setModel(self.table_model)
        self.table_note = QLabel(self)
        self.table_note.setWordWrap(True)
        self.table_note.setProperty("muted", True)
        table_page = QWidget(self)
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table_view, 1)
        table_layout.addWidget(self.table_note)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(table_page)

        self.table_button = QPushButton(_(SHOW_TABLE), self)
        self.table_button.setCheckable(True)
        self.table_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table_button.toggled.connect(self.set_table_shown)
        self.guides_box = QCheckBox(_("Show guides"), self)
        self.guides_box.setAccessibleName(_("Show guides"))
        self.guides_box.toggled.connect(self.set_guides_visible)
        self.canvas.table_requested.connect(lambda: self.set_table_shown(True))

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addStretch(1)
        controls.addWidget(self.guides_box)
        controls.addWidget(self.table_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.stack, 1)
        # No focus proxy on this widget: Qt jumps from a widget to its proxy and skipped the two controls above
        # the chart, which were then reached only with Shift+Tab. focusInEvent passes focus on instead.
        # Keyboard path: the controls first, then what they control.
        QWidget.setTabOrder(self.guides_box, self.table_button)
        QWidget.setTabOrder(self.table_button, self.canvas)
        QWidget.setTabOrder(self.canvas, self.table_view)
        self.set_spec(self._spec)

    # ------------------------------------------------------------------------------------------ state

    def spec(self) -> ChartSpec:
        """The spec as drawn (with the guides shown or hidden as the check box says)."""
        return self._spec

    def set_spec(self, spec: ChartSpec) -> None:
        self._spec = spec
        self.canvas.set_spec(spec)
        self.table_model.set_table(table_rows(spec))
        if self.table_view.isVisible():
            self.table_view.fit_columns()
        guides = [g for g in spec.guides if g.label]
        self.guides_box.setVisible(bool(spec.guides))
        self.guides_box.blockSignals(True)
        self.guides_box.setChecked(any(not g.hidden for g in spec.guides))
        self.guides_box.blockSignals(False)
        notes = [spec.note] if spec.note else []
        if guides:
            notes.insert(0, _("Guides: {guides}.").format(guides="; ".join(g.label for g in guides)))
        self.table_note.setText(" ".join(notes))
        self.table_note.setVisible(bool(notes))
        title = spec.title or _("Chart")
        self.setAccessibleName(title)
        self.setAccessibleDescription(spec.summary)
        self.canvas.setAccessibleName(title)
        self.canvas.setAccessibleDescription(spec.summary)
        self.canvas.setToolTip(spec.summary)
        # Translators: the accessible name of a chart's table, e.g. "Wren: weight: table".
        self.table_view.setAccessibleName(_("{chart}: table").format(chart=title))
        self.table_view.setAccessibleDescription(spec.summary)
        self.table_button.setAccessibleDescription(
            _("Switch between the chart and a table of its values: {chart}").format(chart=title))
        self._name_table_button()

    def _name_table_button(self) -> None:
        # Read over AT-SPI: three charts gave three buttons all called "Show as table". The name keeps the visible
        # words first (WCAG 2.5.3) and says which chart it is for.
        title = self._spec.title if self._spec is not None and self._spec.title else ""
        text = self.table_button.text()
        # Translators: a button's accessible name: its visible words, then the chart it is for.
        self.table_button.setAccessibleName(_("{button}: {chart}").format(button=text, chart=title) if title else text)

    def is_table_shown(self) -> bool:
        return self.stack.currentIndex() == 1

    def set_table_shown(self, shown: bool) -> None:
        if shown == self.is_table_shown() and self.table_button.isChecked() == shown:
            return
        had_focus = self.focusWidget() is not None and self.isAncestorOf(self.focusWidget()) \
            and self.focusWidget() is not self.table_button
        self.stack.setCurrentIndex(1 if shown else 0)
        self.table_button.blockSignals(True)
        self.table_button.setChecked(shown)
        self.table_button.blockSignals(False)
        self.table_button.setText(_(SHOW_CHART) if shown else _(SHOW_TABLE))
        self._name_table_button()
        if had_focus:  # keep keyboard users inside what they just asked to see
            (self.table_view if shown else self.canvas).setFocus(Qt.FocusReason.OtherFocusReason)
        self.table_shown_changed.emit(shown)

    def focusInEvent(self, event) -> None:  # noqa: N802
        """setFocus() on the chart gives focus to what it shows (the chart or its table)."""
        (self.table_view if self.is_table_shown() else self.canvas).setFocus(event.reason())

    def guides_visible(self) -> bool:
        return any(not g.hidden for g in self._spec.guides)

    def set_guides_visible(self, visible: bool) -> None:
        if not self._spec.guides or visible == self.guides_visible():
            return
        self.set_spec(self._spec.with_guides_hidden(not visible))
        self.guides_visible_changed.emit(visible)

    def set_monochrome(self, monochrome: bool) -> None:
        self.canvas.monochrome = monochrome
        self.canvas.update()

    # ------------------------------------------------------------------------------------------ export

    def render_to_image(self, width: int, height: int) -> QImage:
        """The chart alone (no buttons) drawn at width × height pixels, at the widget's font and resolution."""
        image = QImage(max(1, int(width)), max(1, int(height)), QImage.Format.Format_ARGB32_Premultiplied)
        dots_per_metre = round(self.logicalDpiX() / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(round(self.logicalDpiY() / 0.0254))
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        try:
            draw_chart(painter, QRectF(0, 0, image.width(), image.height()), self._spec, font=self.canvas.font(),
                       monochrome=self.canvas.monochrome)
        finally:
            painter.end()
        return image
