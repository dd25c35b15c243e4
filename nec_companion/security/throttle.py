"""Wrong-attempt throttle: a growing wait after repeated wrong passphrases, kept across restarts.

The state file (`attempts.json` in the journals folder) holds only journal ids, a failure count and the time
of the last failure: no family text. It is not secret and not a defence against someone who copies the files
(only the passphrase's strength is); it slows down guessing at this keyboard. Nothing is ever wiped.
If the state file cannot be written (read-only folder) the throttle still works for this run of the app.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from nec_companion.core.clock import Clock
from nec_companion.core.errors import TryLater
from nec_companion.core.private_files import make_private_folder

_ID = re.compile(r"^[0-9a-f]{32}$")
_STATE_FORMAT = 1
_MAX_STATE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ThrottlePolicy:
    """After `free_attempts` wrong tries: wait `first_delay_seconds`, doubling each time up to the cap."""

    free_attempts: int = 5
    first_delay_seconds: float = 30.0
    max_delay_seconds: float = 15 * 60.0

    def delay_after(self, failures: int) -> float:
        if failures < self.free_attempts:
            return 0.0
        exponent = min(failures - self.free_attempts, 32)
        return float(min(self.max_delay_seconds, self.first_delay_seconds * 2.0**exponent))


@dataclass(frozen=True)
class _Entry:
    failures: int
    last_failure: float


class AttemptThrottle:
    """Counts wrong tries per journal id in a small state file; every call re-reads it."""

    def __init__(self, state_file: Path, *, clock: Clock, policy: ThrottlePolicy | None = None) -> None:
        self._state_file = state_file
        self._clock = clock
        self._policy = policy or ThrottlePolicy()
        self._unsaved: dict[str, _Entry] = {}

    def wait_seconds(self, journal_id: str) -> float:
        """Seconds to wait before the next try may be checked (0 when a try is allowed now)."""
        entry = self._entry(journal_id)
        if entry is None:
            return 0.0
        delay = self._policy.delay_after(entry.failures)
        if delay <= 0:
            return 0.0
        elapsed = self._clock.now().timestamp() - entry.last_failure
        if elapsed < 0:  # the clock went backwards: wait the full delay, never longer
            return delay
        return max(0.0, delay - elapsed)

    def failures(self, journal_id: str) -> int:
        entry = self._entry(journal_id)
        return entry.failures if entry else 0

    def check(self, journal_id: str) -> None:
        """Raise TryLater while the journal is in its waiting time."""
        wait = self.wait_seconds(journal_id)
        if wait > 0:
            raise TryLater(retry_after_seconds=wait)

    def record_failure(self, journal_id: str) -> float:
        """Count one wrong try; returns the wait that now applies."""
        previous = self._entry(journal_id)
        entry = _Entry(failures=(previous.failures if previous else 0) + 1, last_failure=self._clock.now().timestamp())
        self._store(journal_id, entry)
        return self.wait_seconds(journal_id)

    def record_success(self, journal_id: str) -> None:
        if self._entry(journal_id) is not None:
            self._store(journal_id, None)

    def forget(self, journal_id: str) -> None:
        """Drop the journal's entry (when the journal is deleted)."""
        self._store(journal_id, None)

    # ------------------------------------------------------------------------------------------ storage

    def _entry(self, journal_id: str) -> _Entry | None:
        if journal_id in self._unsaved:
            return self._unsaved[journal_id]
        return self._read().get(journal_id)

    def _read(self) -> dict[str, _Entry]:
        try:
            with open(self._state_file, "rb") as handle:
                raw = handle.read(_MAX_STATE_BYTES + 1)
        except OSError:
            return {}
        if len(raw) > _MAX_STATE_BYTES:
            return {}
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return {}
        if not isinstance(document, dict) or document.get("format") != _STATE_FORMAT:
            return {}
        attempts = document.get("attempts")
        if not isinstance(attempts, dict):
            return {}
        entries: dict[str, _Entry] = {}
        for journal_id, value in attempts.items():
            if not isinstance(journal_id, str) or not _ID.match(journal_id) or not isinstance(value, dict):
                continue
            failures, last = value.get("failures"), value.get("last_failure")
            if isinstance(failures, int) and not isinstance(failures, bool) and isinstance(last, (int, float)):
                entries[journal_id] = _Entry(failures=max(0, min(failures, 10_000)), last_failure=float(last))
        return entries

    def _store(self, journal_id: str, entry: _Entry | None) -> None:
        entries = self._read()
        if entry is None:
            entries.pop(journal_id, None)
        else:
            entries[journal_id] = entry
        document = {
            "format": _STATE_FORMAT,
            "attempts": {
                key: {"failures": value.failures, "last_failure": value.last_failure}
                for key, value in sorted(entries.items())
            },
        }
        data = json.dumps(document, indent=1).encode("utf-8")
        try:
            self._write_atomically(data)
        except OSError:
            if entry is None:
                self._unsaved.pop(journal_id, None)
                self._unsaved[journal_id] = _Entry(failures=0, last_failure=0.0)
            else:
                self._unsaved[journal_id] = entry
            return
        self._unsaved.pop(journal_id, None)

    def _write_atomically(self, data: bytes) -> None:
        folder = self._state_file.parent
        make_private_folder(folder)
        temporary = folder / f"{self._state_file.name}.{secrets.token_hex(8)}.tmp"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            try:
                view = memoryview(data)
                while view:
                    written = os.write(descriptor, view)
                    view = view[written:]
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            os.replace(temporary, self._state_file)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
