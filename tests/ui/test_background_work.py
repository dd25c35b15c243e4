"""Background work cannot outlive its owner (code review §1): results reach the widget that asked, or nobody;
a lock or quit during a PDF render leaves no stray file and no error; signals are connected once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from nec_companion.ui import workers
from tests.ui.test_export_screen import _open_export
from tests.ui.test_journal_screen import (
    PASSPHRASE,
)


def test_result_reaches_the_owner_even_when_the_handle_is_dropped(qtbot) -> None:
    """Nobody keeps the task: its result still arrives, on the GUI thread, exactly once."""
    owner = QObject()
    got: list[tuple[object, bool]] = []
    workers.run_in_background(owner, lambda: 41 + 1,
                              lambda value: got.append((value, threading.current_thread() is threading.main_thread())),
                              lambda error: got.append((error, False)))
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    qtbot.wait(50)
    assert got == [(42, True)]


def test_nothing_reaches_an_owner_deleted_before_the_result(qtbot) -> None:
    """The relay is the owner's child: once the owner is gone, the callbacks are never called."""
    owner = QWidget()
    release = threading.Event()
    called: list[object] = []
    task = workers.run_in_background(owner, lambda: release.wait(5) and "late", called.append, called.append)
    owner.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    assert task.wait(5)
    qtbot.wait(100)
    assert called == []


def test_cancel_stops_work_at_its_next_progress_report(qtbot) -> None:
    """report_progress raises Cancelled once the task is cancelled; cancel_owned_by waits for it to stop."""
    owner = QObject()
    started = threading.Event()
    steps: list[int] = []
    errors: list[BaseException] = []

    def work() -> str:
        started.set()
        for step in range(10_000):
            workers.report_progress(step, 10_000)
            threading.Event().wait(0.001)
        return "finished"

    workers.run_in_background(owner, work, lambda _r: None, errors.append,
                              on_progress=lambda step, _total: steps.append(step))
    assert started.wait(5)
    assert workers.cancel_owned_by(owner, wait=5)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], workers.Cancelled)
    assert steps == sorted(steps) and len(steps) < 10_000


def hold_render_after_first_step(export) -> tuple[threading.Event, threading.Event]:
    """Make the render pause (on its worker thread) after its first progress step, until `go` is set: so the test
    can act while a PDF is certainly half-written. Returns (reached, go)."""
    reached, go = threading.Event(), threading.Event()
    summary = export._summary
    save_pdf = summary.save_pdf

    def held(document, target, progress):  # type: ignore[no-untyped-def]
        def step(done: int, total: int) -> None:
            progress(done, total)
            if done >= 1 and not reached.is_set():
                reached.set()
                go.wait(10)

        return save_pdf(document, target, step)

    summary.save_pdf = held
    return reached, go


@pytest.mark.parametrize("when", ["at once", "after the first page"])
def test_locking_during_a_summary_pdf_leaves_no_stray_file(qtbot, journal_window, clock, tmp_path: Path,
                                                           when: str) -> None:
    """Save as PDF, then lock while it renders: no exception (pytest-qt fails on any), no "Something went wrong",
    no `.part` file; the PDF either does not exist or is on the list of files offered for deletion."""
    screen = _open_export(qtbot, journal_window, clock)
    export = screen.export_screen
    usb = tmp_path / "usb"
    usb.mkdir()
    target = usb / "summary.pdf"
    screen.prompts.confirms = [True]
    screen.prompts.paths = [target]
    export.refresh()
    reached, go = hold_render_after_first_step(export)
    export.pdf_button.click()
    if when == "after the first page":
        assert reached.wait(20)
        assert [p.name for p in usb.iterdir() if p.suffix == ".part"] != []  # it is being written
        threading.Timer(0.2, go.set).start()  # the render goes on while the lock is waiting for it
    else:
        go.set()
    journal_window.lock_journal("idle")
    assert screen.session is None
    assert [p.name for p in usb.iterdir() if p.suffix == ".part"] == []
    qtbot.wait(300)  # anything still queued from the worker arrives now, and must go nowhere
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert [p.name for p in usb.iterdir() if p.suffix == ".part"] == []
    assert not target.exists() or (target in screen.written.existing() and screen.start.leftover.isVisible())
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == "Something went wrong"] \
        == []


def test_quitting_during_a_summary_pdf_waits_for_it(qtbot, journal_window, clock, tmp_path: Path) -> None:
    """What the app does before it exits (workers.shutdown): the render is cancelled and waited for, no `.part`."""
    screen = _open_export(qtbot, journal_window, clock)
    export = screen.export_screen
    usb = tmp_path / "usb"
    usb.mkdir()
    screen.prompts.confirms = [True]
    screen.prompts.paths = [usb / "summary.pdf"]
    export.refresh()
    reached, go = hold_render_after_first_step(export)
    export.pdf_button.click()
    assert reached.wait(20)
    threading.Timer(0.2, go.set).start()
    assert workers.shutdown(wait=20)
    assert workers.running_tasks() == []
    assert [p.name for p in usb.iterdir() if p.suffix == ".part"] == []


def test_after_three_unlocks_one_tab_switch_refreshes_once(qtbot, journal_window) -> None:
    """The section-refresh signal is connected once, not again at every unlock."""
    from tests.ui.test_journal_screen import create_journal

    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    for _ in range(3):
        journal_window.lock_journal("now")
        screen.start.passphrase.setText(PASSPHRASE)
        screen.start.open_button.click()
        qtbot.waitUntil(lambda: screen.session is not None, timeout=10000)
    calls: list[int] = []
    export = screen.export_screen
    refresh = export.refresh
    export.refresh = lambda: (calls.append(1), refresh())  # type: ignore[method-assign]
    screen.page.tabs.setCurrentWidget(export)
    assert calls == [1]
