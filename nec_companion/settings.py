"""App-wide preferences that hold no family data: text size, auto-lock minutes, window geometry (no Qt)."""

from __future__ import annotations

import base64
import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from nec_companion.core.private_files import make_private_folder

TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)


@dataclass(frozen=True)
class Preferences:
    text_scale: float = 1.0
    window_geometry: str = ""  # base64 of QWidget.saveGeometry(); never contains journal text
    auto_lock_minutes: int = 3

    def with_text_scale(self, scale: float) -> Preferences:
        return replace(self, text_scale=min(TEXT_SCALES, key=lambda s: abs(s - scale)))

    def geometry_bytes(self) -> bytes:
        try:
            return base64.b64decode(self.window_geometry.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            return b""


class PreferencesStore:
    """Reads and writes preferences as a small JSON file; a damaged file means defaults, never a crash."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Preferences:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Preferences()
        if not isinstance(raw, dict):
            return Preferences()
        defaults = Preferences()
        scale = raw.get("text_scale", defaults.text_scale)
        minutes = raw.get("auto_lock_minutes", defaults.auto_lock_minutes)
        geometry = raw.get("window_geometry", "")
        prefs = Preferences(
            text_scale=float(scale) if isinstance(scale, (int, float)) else defaults.text_scale,
            window_geometry=geometry if isinstance(geometry, str) else "",
            auto_lock_minutes=min(10, max(1, int(minutes))) if isinstance(minutes, int) else defaults.auto_lock_minutes,
        )
        return prefs.with_text_scale(prefs.text_scale)

    def save(self, prefs: Preferences) -> None:
        """Atomic replace; failing to save a preference is never worth an error message."""
        tmp: str | None = None
        try:
            make_private_folder(self.path.parent)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".tmp")  # 0600
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(prefs), handle)
            os.replace(tmp, self.path)
            tmp = None
        except OSError:
            return
        finally:
            if tmp is not None:  # a failed save (full disk) leaves no temp file behind (audit M8)
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    @staticmethod
    def encode_geometry(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")
