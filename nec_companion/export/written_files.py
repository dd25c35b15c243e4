"""Unprotected files the family saved this session (no Qt). Kept in memory only, so the app can offer to
delete them from this computer when the journal locks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WrittenFiles:
    paths: list[Path] = field(default_factory=list)

    def remember(self, *paths: Path) -> None:
        for path in paths:
            if path not in self.paths:
                self.paths.append(Path(path))

    def existing(self) -> list[Path]:
        return [p for p in self.paths if p.exists()]

    def delete_all(self) -> tuple[list[Path], list[Path]]:
        """(deleted, could not delete). Files already gone count as deleted; the list is then forgotten."""
        deleted: list[Path] = []
        failed: list[Path] = []
        for path in self.paths:
            try:
                path.unlink(missing_ok=True)
                deleted.append(path)
            except OSError:
                failed.append(path)
        self.paths = failed
        return deleted, failed

    def forget(self) -> None:
        self.paths = []
