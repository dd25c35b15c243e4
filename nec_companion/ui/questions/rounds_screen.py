"""Prepare for rounds: open questions by priority and what changed since a chosen time, on screen and on paper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nec_companion.core.babies import Baby
from nec_companion.core.clock import Clock
from nec_companion.core.questions import Question
from nec_companion.export.rounds import ROUNDS_CSS, ChangeLine, rounds_html
from nec_companion.ui.article_view import SafeTextBrowser

PERIODS = (("Last 24 hours", dt.timedelta(hours=24)), ("Last 3 days", dt.timedelta(days=3)),
           ("Last week", dt.timedelta(days=7)), ("Since a time I choose", None))


class RoundsScreen(QWidget):
    def __init__(self, *, questions: Callable[[], tuple[Question, ...]], babies: Callable[[], tuple[Baby, ...]],
                 changes: Callable[[dt.datetime], list[ChangeLine]], clock: Clock,
                 print_document: Callable[[QTextDocument], None] | None, headers: Callable[[], list[str]] | None = None,
                 zone: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = headers or (lambda: [])
        self._zone = zone
        self._questions = questions
        self._babies = babies
        self._changes = changes
        self._clock = clock
        self._print = print_document
        self.period = QComboBox(self)
        self.period.setAccessibleName("Show changes from")
        for label, _delta in PERIODS:
            self.period.addItem(label)
        self.since = QDateTimeEdit(self)
        self.since.setAccessibleName("Changes since")
        self.since.setDisplayFormat("d MMM yyyy HH:mm")
        self.since.setCalendarPopup(True)
        self.since.hide()
        self.print_button = QPushButton("Print…", self)
        self.print_button.setAccessibleName("Print the rounds sheet")
        self.preview = SafeTextBrowser(self)
        self.preview.setAccessibleName("Rounds sheet")
        self.period.currentIndexChanged.connect(self._period_changed)
        self.since.dateTimeChanged.connect(lambda _v: self.refresh())
        self.print_button.clicked.connect(self.print_sheet)
        self.print_button.setVisible(print_document is not None)  # printing can be turned off by the hospital
        top = QHBoxLayout()
        period_label = QLabel("Show changes from:", self)
        period_label.setBuddy(self.period)
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addWidget(self.since)
        top.addStretch(1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        self.refresh()

    def since_time(self) -> dt.datetime:
        delta = PERIODS[self.period.currentIndex()][1]
        if delta is not None:
            return self._clock.now() - delta
        value = self.since.dateTime()
        date, time = value.date(), value.time()
        return dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute()).astimezone()

    def _period_changed(self, index: int) -> None:
        custom = PERIODS[index][1] is None
        if custom:
            start = (self._clock.now() - dt.timedelta(hours=24)).astimezone()
            self.since.blockSignals(True)
            self.since.setDateTime(QDateTime(start.year, start.month, start.day, start.hour, start.minute, 0))
            self.since.blockSignals(False)
        self.since.setVisible(custom)
        self.refresh()

    def html(self) -> str:
        babies = self._babies()
        names: dict[int | None, str] = {int(b.baby_id): b.nickname for b in babies}
        names[None] = "All babies"
        since = self.since_time()
        return rounds_html(questions=self._questions(), changes=self._changes(since), since=since,
                           now=self._clock.now(), baby_names=names, headers=self._headers(), zone=self._zone)

    def print_sheet(self) -> None:
        if self._print is not None:
            self._print(self.document())

    def document(self) -> QTextDocument:
        """A fresh document for printing (black on white, page-sized by the printer)."""
        document = QTextDocument()
        document.setDefaultStyleSheet(ROUNDS_CSS)
        document.setHtml(self.html())
        return document

    def refresh(self) -> None:
        self.preview.document().setDefaultStyleSheet(ROUNDS_CSS)
        self.preview.setHtml(self.html())
        self.preview.document().setDocumentMargin(24)


__all__ = ["Qt", "RoundsScreen"]
