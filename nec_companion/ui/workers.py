"""Run slow work off the GUI thread and hand the result back on it, to the widget that asked, if it still exists.

    task = run_in_background(owner, work, on_done, on_error, on_progress=None)

- `work()` runs on a thread of a Qt thread pool (a QThread, so Qt objects that need an event dispatcher, such as
  the text layout of a PDF, work there).
- `on_done(result)` / `on_error(exc)` / `on_progress(step, steps)` run later on the GUI thread, and ONLY while
  `owner` (a QObject on the GUI thread) is alive: the relay that calls them is a child of `owner`, so when the
  owner is deleted (a journal locks and its tabs go) the callbacks are dropped by Qt, never run on a dead widget.
- A result is never dropped while its owner lives: the relay holds the callbacks until the queued signal
  arrives (there is no "finished" flag that owners could use to forget a task too early).
- Cancelling is cooperative: inside `work`, `report_progress(step, steps)` or `check_cancelled()` raise
  `Cancelled` once the task was cancelled (e.g. at lock). `cancel_owned_by(widget, wait=...)` cancels and waits for
  every task whose owner is that widget or inside it; `shutdown(wait=...)` does it for all tasks before the app
  exits, so no thread is left writing a file while the interpreter shuts down.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

#: Enough threads that a long export never makes a save or an unlock wait for a free thread.
MAX_THREADS = 8

_pool: QThreadPool | None = None
_running: set[Task] = set()
_running_lock = threading.Lock()
_current = threading.local()


class Cancelled(Exception):
    """Raised inside background work that was cancelled (by `report_progress` or `check_cancelled`)."""


def _thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(MAX_THREADS)
    return _pool


class _Dispatcher(QObject):
    """One object on the GUI thread, never deleted: workers emit on it (so they never touch an object that might
    be deleted under them), and its slots hand each result to the task's relay if that still exists."""

    done = Signal(object, object)
    failed = Signal(object, object)
    progress = Signal(object, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._deliver_done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failed, Qt.ConnectionType.QueuedConnection)
        self.progress.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _deliver_done(self, task: Task, result: object) -> None:
        relay = task._take_relay()  # noqa: SLF001
        if relay is not None:
            relay.deliver(relay.on_done, result)

    @Slot(object, object)
    def _deliver_failed(self, task: Task, error: object) -> None:
        relay = task._take_relay()  # noqa: SLF001
        if relay is not None:
            relay.deliver(relay.on_error, error)

    @Slot(object, int, int)
    def _deliver_progress(self, task: Task, step: int, steps: int) -> None:
        relay = task._relay  # noqa: SLF001
        if relay is not None and shiboken6.isValid(relay) and relay.on_progress is not None:
            relay.on_progress(step, steps)


_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Relay(QObject):
    """A child of the owner: deleted with it, and then nothing is delivered."""

    def __init__(self, owner: QObject, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 on_progress: Callable[[int, int], None] | None) -> None:
        super().__init__(owner)
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress

    def deliver(self, callback: Callable[[Any], None], value: object) -> None:
        try:
            callback(value)
        finally:
            # Done: release the callbacks (and the widgets they hold) and leave the owner.
            self.on_done = self.on_error = _ignore
            self.on_progress = None
            self.deleteLater()


def _ignore(_value: object) -> None:
    return None


class Task:
    """A handle on one piece of background work."""

    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        self._work = work
        self._relay: _Relay | None = relay
        self._dispatcher = _the_dispatcher()
        self._cancelled = threading.Event()
        self._finished = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def running(self) -> bool:
        """True until `work` has returned or raised (its result may still be on its way to the owner)."""
        return not self._finished.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next `report_progress`/`check_cancelled`; its owner hears nothing more
        unless it is still alive (then `on_error(Cancelled())`)."""
        self._cancelled.set()

    def wait(self, timeout: float) -> bool:
        """Block until `work` has returned or raised (True) or `timeout` seconds passed (False)."""
        return self._finished.wait(timeout)

    def _take_relay(self) -> _Relay | None:
        """On the GUI thread, once: the relay if its owner still exists."""
        relay, self._relay = self._relay, None
        return relay if relay is not None and shiboken6.isValid(relay) else None

    def owned_by(self, root: QObject) -> bool:
        relay = self._relay
        if relay is None or not shiboken6.isValid(relay):
            return True  # the owner was deleted already: nobody can take the result
        try:
            owner = relay.parent()
            while owner is not None:
                if owner is root:
                    return True
                owner = owner.parent()
        except RuntimeError:  # the owner was deleted already: nobody can take the result
            return True
        return False

    def _run(self) -> None:
        _current.task = self
        try:
            if self.cancelled:
                raise Cancelled
            result = self._work()
        except BaseException as exc:  # noqa: BLE001 (handed to on_error on the GUI thread; never lost)
            self._dispatcher.failed.emit(self, exc)
        else:
            self._dispatcher.done.emit(self, result)
        finally:
            _current.task = None
            self._work = _no_work
            with _running_lock:
                _running.discard(self)
            self._finished.set()


def _no_work() -> None:
    return None


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()  # noqa: SLF001


def run_in_background(owner: QObject, work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None], *,
                      on_progress: Callable[[int, int], None] | None = None) -> Task:
    """Start `work()` on a worker thread now; see the module's docstring. Call on the GUI thread."""
    relay = _Relay(owner, on_done, on_error, on_progress)
    task = Task(work, relay)
    with _running_lock:
        _running.add(task)
    _thread_pool().start(_Runnable(task))
    return task


def report_progress(step: int, steps: int) -> None:
    """From inside background work: tell the owner how far it got (queued to its `on_progress`); raises
    `Cancelled` if the task was cancelled. Does nothing outside a task."""
    task: Task | None = getattr(_current, "task", None)
    if task is None:
        return
    if task.cancelled:
        raise Cancelled
    task._dispatcher.progress.emit(task, step, steps)  # noqa: SLF001


def check_cancelled() -> None:
    """From inside background work: raise `Cancelled` if the task was cancelled."""
    task: Task | None = getattr(_current, "task", None)
    if task is not None and task.cancelled:
        raise Cancelled


def running_tasks() -> list[Task]:
    with _running_lock:
        return list(_running)


def _cancel_and_wait(tasks: list[Task], wait: float) -> bool:
    for task in tasks:
        task.cancel()
    deadline = time.monotonic() + wait
    return all(task.wait(max(0.0, deadline - time.monotonic())) for task in tasks)


def cancel_owned_by(root: QObject, *, wait: float) -> bool:
    """Cancel every task owned by `root` or a widget inside it, and wait up to `wait` seconds in all for them to
    stop (work that cannot stop part-way, such as writing a backup, is waited for). True when none still runs."""
    return _cancel_and_wait([t for t in running_tasks() if t.owned_by(root)], wait)


def shutdown(*, wait: float) -> bool:
    """Before the app exits: cancel every task and wait up to `wait` seconds. True when no worker still runs."""
    stopped = _cancel_and_wait(running_tasks(), wait)
    if _pool is not None:
        stopped = _pool.waitForDone(max(1, int(wait * 1000))) and stopped
    return stopped
