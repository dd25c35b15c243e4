"""One running copy per computer user: a lock file, and a request file the first copy watches to come forward.

No socket of any kind is used (the app opens none): the second launch writes a file, the first notices it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, Signal

RAISE_FILE = "raise-request"


class SingleInstance(QObject):
    """`acquire()` is True for the first copy; a later copy calls `ask_first_to_raise()` and exits.

    Signals:
        raise_requested(): another launch asked this copy to show its window.
    """

    raise_requested = Signal()

    def __init__(self, runtime_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = runtime_dir
        self._dir.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(self._dir / "instance.lock"))
        self._lock.setStaleLockTime(0)  # stale only if its process is gone (Qt checks the PID)
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        if not self._lock.tryLock(200):
            return False
        self._request_path.unlink(missing_ok=True)
        self._watcher = QFileSystemWatcher([str(self._dir)], self)
        self._watcher.directoryChanged.connect(self._check_request)
        return True

    def ask_first_to_raise(self) -> None:
        tmp = self._dir / f".{RAISE_FILE}.{os.getpid()}"
        tmp.write_text("raise", encoding="ascii")
        os.replace(tmp, self._request_path)

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.removePath(str(self._dir))
        self._lock.unlock()

    @property
    def _request_path(self) -> Path:
        return self._dir / RAISE_FILE

    def _check_request(self, _path: str) -> None:
        if self._request_path.exists():
            self._request_path.unlink(missing_ok=True)
            self.raise_requested.emit()
