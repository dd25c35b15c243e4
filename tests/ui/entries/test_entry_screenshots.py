"""Screenshots of the entry tabs and dialogs over a 60-day stay of twins, at 100 % and 200 % text, for people to
look at (set SCREENSHOT_DIR to keep them). The tabs sit in the real journal page, as the lead wires them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
from nec_companion.core.clock import ManualClock
from nec_companion.core.entries import EntryKind
from nec_companion.journal import JournalEntries
from nec_companion.journal.sample import build_sample_twins
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory
from nec_companion.ui import style
from nec_companion.ui.entries.dialogs import DIALOGS, EntryDialog
from nec_companion.ui.entries.sections import build_entry_sections
from nec_companion.ui.main_window import MainWindow
from nec_companion.ui.prompts import ScriptedPrompts
from tests.ui.entries.conftest import NOW, PASSPHRASE


def _settle() -> None:
    for _ in range(4):  # wrapped labels ask for their height after the first pass
        QApplication.processEvents()


def _save(widget: QWidget, name: str, out: Path) -> Path:
    _settle()
    path = out / f"{name}.png"
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 17)}
    assert len(colours) > 4, f"{name} looks blank"
    return path


def _dialog(kind: EntryKind, entries: JournalEntries, window: QWidget, **options: object) -> EntryDialog:
    babies = window.journal_screen.session.journal.babies()  # type: ignore[attr-defined]
    dialog = DIALOGS[kind](entries=entries, babies=babies, prompts=ScriptedPrompts(), parent=window,
                           **options)  # type: ignore[arg-type]
    dialog.show()
    _settle()
    dialog.refit()
    return dialog


@pytest.mark.screenshot
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_entry_screenshots(qtbot, qapp, app_paths, tmp_path: Path, scale: float) -> None:
    """Today (with and without the nurse banner), every table, the charts and every entry dialog, in the app."""
    out = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    suffix = int(scale * 100)
    style.apply_style(qapp, scale=scale)
    clock = ManualClock(NOW)
    directory = JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    opened = directory.create(passphrase=PASSPHRASE, label="Blue Otter").journal
    sample = build_sample_twins(opened, clock=clock)
    window = MainWindow(text_scale=scale, journal_directory=lambda: directory, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.apply_text_scale(scale)
    window.show()
    window.show_screen("journal")
    screen = window.journal_screen
    screen._opened(opened)
    entries = JournalEntries(opened, clock=clock)
    sections = build_entry_sections(entries=entries, babies=opened.babies, clock=clock, prompts=ScriptedPrompts(),
                                    on_changed=screen.session.note_changed, open_article=lambda slug: None)
    tabs = screen.page.tabs
    for index, (label, widget) in enumerate(sections):
        tabs.insertTab(index, widget, label)
    today = dict(sections)["Today"]
    today.set_open_questions(3)  # type: ignore[attr-defined]

    for label, widget in sections:
        tabs.setCurrentWidget(widget)
        _save(window, f"entries-{label.lower().replace(' ', '-')}-{suffix}", out)
    tabs.setCurrentWidget(today)
    _save(today.content, f"entries-today-whole-page-{suffix}", out)  # type: ignore[attr-defined]  # scrolled part
    charts = dict(sections)["Charts"]
    charts.range.setCurrentIndex(charts.range.count() - 1)  # type: ignore[attr-defined]
    charts.baby.setCurrentIndex(1)  # type: ignore[attr-defined]  # Wren: the pause, antibiotics, a transfusion
    for name in ("feeding", "pumping", "weight"):
        _save(getattr(charts, name), f"entries-chart-{name}-wren-whole-stay-{suffix}", out)
    charts.feeding.table_button.click()  # type: ignore[attr-defined]
    _save(charts.feeding, f"entries-chart-feeding-table-{suffix}", out)  # type: ignore[attr-defined]
    charts.feeding.table_button.click()  # type: ignore[attr-defined]

    wren = sample.babies[1]
    noticed = entries.add(CareEvent(baby_id=wren.baby_id, kind=CareEventKind.NOTICED, time_zone=entries.time_zone,
                                    started_at=NOW - dt.timedelta(minutes=40),
                                    signs=frozenset({NoticedSign.SPIT_UP_OR_GREEN_FLUID})))
    tabs.setCurrentWidget(today)
    today.refresh()  # type: ignore[attr-defined]
    _save(window, f"entries-today-tell-your-nurse-{suffix}", out)
    entries.delete(noticed.entry)  # type: ignore[arg-type]

    for kind in DIALOGS:
        dialog = _dialog(kind, entries, window)
        _save(dialog, f"entries-dialog-{kind.value}-{suffix}", out)
        _save(dialog.body, f"entries-dialog-{kind.value}-whole-form-{suffix}", out)
        dialog.reject()

    refused = _dialog(EntryKind.FEEDING_PLAN, entries, window)
    refused.volume_field.edit.setText("2000")  # type: ignore[attr-defined]
    refused.save()
    _save(refused, f"entries-dialog-plan-refused-{suffix}", out)
    refused.reject()
    paused = _dialog(EntryKind.FEEDING_PLAN, entries, window)
    paused.paused.setChecked(True)  # type: ignore[attr-defined]
    _save(paused, f"entries-dialog-plan-paused-{suffix}", out)
    paused.reject()
    noticed_dialog = _dialog(EntryKind.CARE_EVENT, entries, window, preset=CareEventKind.NOTICED)
    _save(noticed_dialog, f"entries-dialog-something-noticed-{suffix}", out)
    noticed_dialog.reject()
    course = _dialog(EntryKind.CARE_EVENT, entries, window, preset=CareEventKind.ANTIBIOTICS)
    course.stopped_box.setChecked(True)  # type: ignore[attr-defined]
    _save(course, f"entries-dialog-antibiotics-{suffix}", out)
    course.reject()
    pumping = _dialog(EntryKind.PUMPING, entries, window)
    pumping.shared.setChecked(True)  # type: ignore[attr-defined]
    pumping.when.set_local(dt.datetime(2026, 3, 29, 1, 30))  # type: ignore[attr-defined]  # clocks go forward
    _save(pumping, f"entries-dialog-pumping-clock-change-{suffix}", out)
    pumping.reject()
    mix = _dialog(EntryKind.FAMILY_FEED, entries, window)
    mix.bottle.setChecked(True)  # type: ignore[attr-defined]
    mix.milk.kind.setCurrentIndex(mix.milk.kind.count() - 1)  # type: ignore[attr-defined]
    _save(mix, f"entries-dialog-feed-mix-{suffix}", out)
    mix.reject()

    window.lock_journal("now")
    style.apply_style(qapp, scale=1.0)
    assert len(list(out.glob(f"entries-*-{suffix}.png"))) >= 30
