"""Prepare for rounds: open questions by priority and what changed since a chosen time, on screen and on paper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QPushButton, QVBoxLayout, QWidget

from nec_companion.core.babies import Baby
from nec_companion.core.clock import Clock
from nec_companion.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _, active
from nec_companion.core.questions import Question
from nec_companion.export.rounds import ROUNDS_CSS, ChangeLine, rounds_html, rounds_sheet
from nec_companion.ui.article_view import SafeTextBrowser
from nec_companion.ui.widgets.flow import FlowLayout

PERIODS = ((N_("Last 24 hours"), dt.timedelta(hours=24)), (N_("Last 3 days"), dt.timedelta(days=3)),
           (N_("Last week"), dt.timedelta(days=7)), (N_("Since a time I choose"), None))


def language_choices() -> list[tuple[str, tuple[str, ...]]]:
    """What the "Language" choice offers for a sheet the care team reads: the family's language, English, or
    both side by side (language names written in their own language). Empty when the app speaks English: there
    is nothing to choose then."""
    family = active().code
    if family == DEFAULT_LANGUAGE:
        return []
    return [(LANGUAGES[family], (family,)), (LANGUAGES[DEFAULT_LANGUAGE], (DEFAULT_LANGUAGE,)),
            # Translators: the sheet in both languages, side by side.
            (_("Both side by side"), (family, DEFAULT_LANGUAGE))]


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
        self.period.setAccessibleName(_("Show changes from"))
        for label, _delta in PERIODS:
            self.period.addItem(_(label))
        self.since = QDateTimeEdit(self)
        self.since.setAccessibleName(_("Changes since"))
        self.since.setDisplayFormat("d MMM yyyy HH:mm")
        self.since.setCalendarPopup(True)
        self.since.hide()
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.setAccessibleName(_("Print the rounds sheet"))
        self.preview = SafeTextBrowser(self)
        self.preview.setAccessibleName(_("Rounds sheet"))
        self.period.currentIndexChanged.connect(self._period_changed)
        self.since.dateTimeChanged.connect(lambda _v: self.refresh())
        self.print_button.clicked.connect(self.print_sheet)
        self.print_button.setVisible(print_document is not None)  # printing can be turned off by the hospital
        # The language the care team reads (offered when the family's language is not English).
        self.language = QComboBox(self)
        self.language.setAccessibleName(_("Language of the sheet"))
        for label, codes in language_choices():
            self.language.addItem(label, list(codes))
        self.language.currentIndexChanged.connect(lambda _i: self.refresh())
        language_label = QLabel(_("Language:"), self)
        language_label.setBuddy(self.language)
        for widget in (self.language, language_label):
            widget.setVisible(self.language.count() > 0)
        top = FlowLayout()  # wraps at 200 % instead of cutting the buttons
        period_label = QLabel(_("Show changes from:"), self)
        period_label.setBuddy(self.period)
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addWidget(self.since)
        top.addWidget(language_label)
        top.addWidget(self.language)
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

    def languages(self) -> tuple[str, ...]:
        """The languages chosen for the sheet, in column order; empty for the app's language."""
        codes = self.language.currentData()
        return tuple(codes) if codes else ()

    def html(self) -> str:
        babies = self._babies()
        since = self.since_time()
        questions = self._questions()
        now = self._clock.now()

        def build() -> str:  # in the active language: called once per column
            names: dict[int | None, str] = {int(b.baby_id): b.nickname for b in babies}
            names[None] = _("All babies")
            return rounds_html(questions=questions, changes=self._changes(since), since=since, now=now,
                               baby_names=names, headers=self._headers(), zone=self._zone)

        return rounds_sheet(build, languages=self.languages())

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
