"""The diagnostic log for hospital IT: what went wrong on this computer, never what a family wrote or read.

A small rotating file (LOG_MAX_BYTES x LOG_BACKUPS old files) in the user's log folder (platformdirs'
user_log_dir, or <home>/logs with --home), readable only by its user (0600; the folder 0700). It records:
versions (app, Python, Qt, OS), start-up problems, content and site-file problems (about files IT installed),
and save failures by kind: what was being saved (a fixed word), the exception class and the errno. Never a
message text (an exception's message can quote a file name or a family's words), a label, a passphrase, a
baby's data, a question or the article a family read. Qt-free.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
from pathlib import Path

from nec_companion import __version__
from nec_companion.core.private_files import make_private_folder

LOGGER_NAME = "nec_companion"
LOG_FILE_NAME = "nec-companion.log"
LOG_MAX_BYTES = 256 * 1024
LOG_BACKUPS = 3
#: The only words `log_save_failure` writes for what was being saved.
SAVE_KINDS = frozenset({"journal", "backup", "restore", "csv", "pdf", "print", "settings", "library-cache"})

log = logging.getLogger(LOGGER_NAME)


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created 0600 (the umask of a shared computer is not trusted)."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.chmod(self.baseFilename, 0o600)
        except OSError:
            pass
        return os.fdopen(fd, self.mode if "a" in self.mode else "a", encoding=self.encoding, errors=self.errors)


def open_log(log_dir: Path | None) -> Path | None:
    """Start writing the diagnostic log in `log_dir`; returns the file, or None if it cannot be kept (the app
    runs on without a log: a log is never worth stopping for)."""
    if log_dir is None:
        return None
    try:
        make_private_folder(log_dir)  # 0700 whatever the umask, like every folder of the app
        path = log_dir / LOG_FILE_NAME
        handler = _PrivateRotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                                              encoding="utf-8", delay=False)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    handler.setLevel(logging.INFO)
    handler.set_name("nec-companion-diagnostic-log")
    for old in [h for h in log.handlers if h.get_name() == handler.get_name()]:
        log.removeHandler(old)
        old.close()
    log.addHandler(handler)
    if log.level == logging.NOTSET or log.level > logging.INFO:
        log.setLevel(logging.INFO)
    return path


def close_log() -> None:
    for handler in [h for h in log.handlers if h.get_name() == "nec-companion-diagnostic-log"]:
        log.removeHandler(handler)
        handler.close()


def log_versions(qt_version: str = "") -> None:
    log.info("start: NEC Companion %s, Python %s, Qt %s, %s", __version__, platform.python_version(),
             qt_version or "not loaded", platform.platform(terse=True))


def log_problem(kind: str, problem: str) -> None:
    """A problem with a file IT installed (site file, bundled or unit content): public text, safe to log."""
    log.warning("%s problem: %s", kind, problem)


def _errno_of(error: BaseException) -> int | None:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno:
            return current.errno
        current = current.__cause__ or current.__context__
    return None


def describe_failure(error: BaseException) -> str:
    """"OSError errno 30" / "BackupWriteFailed reason read_only": the kind only, never the message."""
    parts = [type(error).__name__]
    reason = getattr(error, "reason", None)
    value = getattr(reason, "value", None)
    if isinstance(value, str) and value.replace("_", "").isalpha():
        parts.append(f"reason {value}")
    number = _errno_of(error)
    if number is not None:
        parts.append(f"errno {number}")
    return " ".join(parts)


def log_save_failure(what: str, error: BaseException) -> None:
    """A save that failed, by kind: `what` is one of SAVE_KINDS, then the exception class and errno."""
    kind = what if what in SAVE_KINDS else "other"  # i18n: not text
    log.warning("save failed: %s: %s", kind, describe_failure(error))


def log_kind(event: str, error: BaseException | None = None) -> None:
    """A fixed event name (never family text), optionally with the kind of error."""
    log.warning("%s%s", event, f": {describe_failure(error)}" if error is not None else "")


__all__ = ["LOG_BACKUPS", "LOG_FILE_NAME", "LOG_MAX_BYTES", "SAVE_KINDS", "close_log", "describe_failure",
           "log_kind", "log_problem", "log_save_failure", "log_versions", "open_log"]
