"""Run slow work off the GUI thread and hand the result back on it (widgets are touched only there)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class BackgroundTask:
    """Starts `work()` on a daemon thread; `on_done(result)` / `on_error(exc)` run later on the GUI thread."""

    def __init__(self, work: Callable[[], Any], *, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        # The relay lives on the GUI thread, so signals emitted from the worker are queued to it.
        self._relay = _Relay()
        self._relay.done.connect(on_done)
        self._relay.failed.connect(on_error)
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True, name="nec-background")
        self.finished = False

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    def start(self) -> BackgroundTask:
        self._thread.start()
        return self

    def wait(self, timeout: float) -> bool:
        """Block until the work has finished (True) or `timeout` seconds passed. Used before the app exits, so
        the interpreter never shuts down under a thread that is still importing or reading files."""
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            result = work()
        except Exception as exc:  # handed to on_error on the GUI thread; never lost silently
            self.finished = True
            self._relay.failed.emit(exc)
            return
        self.finished = True
        self._relay.done.emit(result)
