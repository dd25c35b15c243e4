"""Fixtures for the entry screens: an open journal (fast KDF, manual clock), twins, and the seven entry tabs built
with `build_entry_sections` in a tab widget, with scripted prompts and a record of what the tabs asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import Baby, BabyDetails
from nec_companion.core.clock import ManualClock
from nec_companion.journal import JournalEntries
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory, OpenJournal
from nec_companion.ui import style
from nec_companion.ui.entries.charts_section import ChartsSection
from nec_companion.ui.entries.dialogs import EntryDialog
from nec_companion.ui.entries.editor import EntryEditor
from nec_companion.ui.entries.sections import build_entry_sections
from nec_companion.ui.entries.table_section import EntryTableSection
from nec_companion.ui.entries.today import TodaySection
from nec_companion.ui.prompts import ScriptedPrompts

PASSPHRASE = "quiet harbour lantern meadow"
NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)
ZONE = "Europe/London"
BIRTH = dt.date(2026, 2, 20)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def journal(app_paths, clock) -> OpenJournal:  # type: ignore[no-untyped-def]
    directory = JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    opened = directory.create(passphrase=PASSPHRASE, label="Test journal").journal
    yield opened
    if not opened.is_closed:
        opened.close(save=False)


@pytest.fixture
def twins(journal: OpenJournal) -> tuple[Baby, Baby]:
    babies = []
    for name, grams in (("Robin", 1150), ("Wren", 990)):
        added = journal.add_baby(BabyDetails(nickname=name, birth_date=BIRTH, birth_time=dt.time(4, 40),
                                             gestational_age=GestationalAge(28, 3), birth_weight_g=grams)).baby
        assert added is not None
        babies.append(added)
    return babies[0], babies[1]


@dataclass
class EntryTabs:
    """The seven tabs as the lead's journal page would hold them, and what they asked of the outside."""

    host: QTabWidget
    entries: JournalEntries
    journal: OpenJournal
    prompts: ScriptedPrompts
    sections: list[tuple[str, QWidget]]
    opened_articles: list[str] = field(default_factory=list)
    saves_scheduled: list[int] = field(default_factory=list)

    def tab(self, label: str) -> QWidget:
        return dict(self.sections)[label]

    @property
    def today(self) -> TodaySection:
        widget = self.tab("Today")
        assert isinstance(widget, TodaySection)
        return widget

    def table(self, label: str) -> EntryTableSection:
        widget = self.tab(label)
        assert isinstance(widget, EntryTableSection)
        return widget

    @property
    def charts(self) -> ChartsSection:
        widget = self.tab("Charts")
        assert isinstance(widget, ChartsSection)
        return widget

    @property
    def editor(self) -> EntryEditor:
        return self.today.editor

    def show(self, label: str) -> QWidget:
        widget = self.tab(label)
        self.host.setCurrentWidget(widget)
        QApplication.processEvents()
        return widget


def build_tabs(qtbot, journal: OpenJournal, clock: ManualClock, *,  # type: ignore[no-untyped-def]
               zone: str = ZONE) -> EntryTabs:
    entries = JournalEntries(journal, clock=clock, time_zone=zone)
    prompts = ScriptedPrompts()
    tabs = EntryTabs(host=QTabWidget(), entries=entries, journal=journal, prompts=prompts, sections=[])
    tabs.sections = build_entry_sections(entries=entries, babies=journal.babies, clock=clock, prompts=prompts,
                                         on_changed=lambda: tabs.saves_scheduled.append(1),
                                         open_article=tabs.opened_articles.append)
    for label, widget in tabs.sections:
        tabs.host.addTab(widget, label)
    qtbot.addWidget(tabs.host)
    tabs.host.resize(1200, 800)
    tabs.host.show()
    qtbot.waitExposed(tabs.host)
    return tabs


@pytest.fixture
def tabs(qtbot, qapp, journal, clock, twins) -> EntryTabs:  # type: ignore[no-untyped-def]
    style.apply_style(qapp, scale=1.0)
    return build_tabs(qtbot, journal, clock)


def answer_dialog(editor: EntryEditor, act: Callable[[EntryDialog], None]) -> list[EntryDialog]:
    """Act on the next entry dialog as a person would, once it is open (it must end by saving or cancelling).
    Returns a list that receives the dialog, to look at afterwards."""
    seen: list[EntryDialog] = []

    def opened(dialog: EntryDialog) -> None:
        editor.dialog_opened.disconnect(opened)
        seen.append(dialog)
        QTimer.singleShot(15000, dialog, dialog.reject)  # never hang the run if a test forgets to close it
        QTimer.singleShot(0, lambda: run(dialog))

    def run(dialog: EntryDialog) -> None:
        dialog.activateWindow()  # as the window manager would; shortcuts such as Ctrl+Enter need it
        QApplication.processEvents()
        act(dialog)

    editor.dialog_opened.connect(opened)
    return seen
