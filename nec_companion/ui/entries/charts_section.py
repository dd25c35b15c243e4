"""The Charts tab: feeds in mL/kg/day, daily pumping and weight for one baby and a range of days. The charts are
built by `nec_companion.export.chart_specs` (as the PDF export does) and each has its table alternative."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.entries import EntryKind
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import N_, _
from nec_companion.export.chart_specs import feeding_chart_spec, pumping_chart_spec, weight_chart_spec
from nec_companion.journal import EntryChange
from nec_companion.ui.charts.widget import ChartWidget
from nec_companion.ui.entries.editor import EntryEditor
from nec_companion.ui.entries.fields import labelled
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label

CHART_RANGES: tuple[tuple[str, int | None], ...] = ((N_("Last 14 days"), 14), (N_("Last 30 days"), 30),
                                                    (N_("Last 60 days"), 60), (N_("Whole stay"), None))
DEFAULT_CHART_RANGE = 1
CHART_HEIGHT_LINES = 28


class ChartsSection(QWidget):
    def __init__(self, *, editor: EntryEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._stale = True
        self._show_guides = False  # guides are opt-in: they must never dwarf a mother's first days
        self.baby_label = QLabel(_("Baby:"), self)
        self.baby = QComboBox(self)
        self.baby.setAccessibleName(_("Charts for which baby"))
        self.baby_label.setBuddy(self.baby)
        self.range_label = QLabel(_("Days:"), self)
        self.range = QComboBox(self)
        self.range.setAccessibleName(_("Days shown on the charts"))
        self.range_label.setBuddy(self.range)
        for label, days in CHART_RANGES:
            self.range.addItem(_(label), days)
        self.range.setCurrentIndex(DEFAULT_CHART_RANGE)
        self.baby.currentIndexChanged.connect(lambda _i: self.refresh())
        self.range.currentIndexChanged.connect(lambda _i: self.refresh())
        self.empty = plain_label(_("Add your baby on the Babies tab to see charts of feeds and weight."), self,
                                muted=True)
        self.feeding = ChartWidget(parent=self)
        self.pumping = ChartWidget(parent=self)
        self.weight = ChartWidget(parent=self)
        self.pumping.guides_visible_changed.connect(self._guides_changed)
        controls = FlowLayout(spacing=10)
        self.baby_pair = labelled(self.baby_label, self.baby, self)
        for widget in (self.baby_pair, labelled(self.range_label, self.range, self)):
            controls.add(widget)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 10, 12, 12)
        layout.setSpacing(18)
        layout.addLayout(controls)
        layout.addWidget(plain_label(_("Each chart has \u201cShow as table\u201d for the numbers (also for screen "
                                      "readers). Press Enter on a chart to see its table. Point at a marker to read "
                                      "it."), content, muted=True))
        layout.addWidget(self.empty)
        for chart in (self.feeding, self.pumping, self.weight):
            layout.addWidget(chart)
        layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        QWidget.setTabOrder(self.baby, self.range)

    def _guides_changed(self, visible: bool) -> None:
        self._show_guides = visible

    def _fill_babies(self, babies: tuple[Baby, ...]) -> None:
        current = self.baby.currentData()
        self.baby.blockSignals(True)
        self.baby.clear()
        for baby in babies:
            self.baby.addItem(baby.nickname, int(baby.baby_id))
        self.baby.setCurrentIndex(max(0, self.baby.findData(current)))
        self.baby.blockSignals(False)
        self.baby_pair.setVisible(len(babies) > 1)

    def selected_baby(self, babies: tuple[Baby, ...]) -> Baby | None:
        chosen = self.baby.currentData()
        return next((baby for baby in babies if chosen is not None and baby.baby_id == BabyId(int(chosen))),
                    babies[0] if babies else None)

    def _first_day(self, today: date, birth: date | None) -> date:
        days = self.range.currentData()
        if days is None:
            return birth or today - timedelta(days=59)
        first = today - timedelta(days=int(days) - 1)
        return max(first, birth) if birth is not None else first

    def refresh(self) -> None:
        entries = self.editor.entries
        scale = self.fontMetrics().height()
        for chart in (self.feeding, self.pumping, self.weight):
            chart.setMinimumHeight(scale * CHART_HEIGHT_LINES)
        try:
            babies = self.editor.babies()
            self._fill_babies(babies)
            today = entries.today()
            baby = self.selected_baby(babies)
            births = [b.birth_date for b in babies]
            first = self._first_day(today, baby.birth_date if baby else (min(births) if births else None))
            self.empty.setVisible(baby is None)
            for chart in (self.feeding, self.weight):
                chart.setVisible(baby is not None)
            if baby is not None:
                series = entries.chart_series(baby.baby_id, first_day=first, last_day=today)
                self.feeding.set_spec(feeding_chart_spec(series, zone_name=entries.time_zone))
                self.weight.set_spec(weight_chart_spec(series))
            pumping_first = self._first_day(today, min(births) if births else None)
            days = entries.pumping_days(first_day=pumping_first, last_day=today)
            self.pumping.set_spec(pumping_chart_spec(days, birth_date=min(births) if births else None, today=today,
                                                     show_guides=self._show_guides))
        except JournalError as error:
            self.empty.setText(error.user_text())
            self.empty.show()
            return
        self._stale = False

    def on_entry_changed(self, change: EntryChange) -> None:
        if change.entry_kind in (EntryKind.FEEDING_PLAN, EntryKind.PUMPING, EntryKind.WEIGHT, EntryKind.CARE_EVENT,
                                 EntryKind.NOTE):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.refresh()


__all__ = ["CHART_RANGES", "ChartsSection"]
