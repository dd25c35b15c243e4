"""One running copy per computer user: a lock file, and a request file the first copy watches to come forward.

No socket of any kind is used (the app opens none): the second launch writes a file, the first notices it.
The lock is an operating-system lock on `instance.lock` (0600, empty: no PID, host name or boot id; audit M6),
released by the system when the process ends however it ends, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from nec_companion.core.private_files import FILE_MODE, is_private_folder, make_private_folder

RAISE_FILE = "raise-request"
LOCK_FILE = "instance.lock"


class SingleInstance(QObject):
    """`acquire()` is True for the first copy; a later copy calls `ask_first_to_raise()` and exits.

    Signals:
        raise_requested(): another launch asked this copy to show its window.
    """

    raise_requested = Signal()

    def __init__(self, runtime_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = runtime_dir
        make_private_folder(self._dir)
        if not is_private_folder(self._dir):
            raise OSError(f"the lock folder is not private: {self._dir}")
        self._descriptor: int | None = None
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(self._dir / LOCK_FILE, flags, FILE_MODE)
        if not _try_lock(descriptor):
            os.close(descriptor)
            return False
        self._descriptor = descriptor
        self._request_path.unlink(missing_ok=True)
        self._watcher = QFileSystemWatcher([str(self._dir)], self)
        self._watcher.directoryChanged.connect(self._check_request)
        return True

    def ask_first_to_raise(self) -> None:
        tmp = self._dir / f".{RAISE_FILE}.{secrets.token_hex(8)}"
        descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        with open(descriptor, "w", encoding="ascii") as handle:
            handle.write("raise")
        os.replace(tmp, self._request_path)

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.removePath(str(self._dir))
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing the descriptor releases the lock
            self._descriptor = None

    @property
    def _request_path(self) -> Path:
        return self._dir / RAISE_FILE

    def _check_request(self, _path: str) -> None:
        if self._request_path.exists():
            self._request_path.unlink(missing_ok=True)
            self.raise_requested.emit()


def _try_lock(descriptor: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # Windows only
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
