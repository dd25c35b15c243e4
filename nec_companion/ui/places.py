"""Where a save or open dialog starts: a USB stick when one is plugged in (the app recommends one for exports and
backups), otherwise the Documents folder, otherwise the home folder. Reads folder names only; no Qt."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path


def removable_drives(*, user: str | None = None, roots: tuple[Path, ...] | None = None) -> list[Path]:
    """Mounted removable drives the family can write to: /media/<user>/*, /run/media/<user>/* (Linux),
    /Volumes/* (macOS, not the start-up disk). Best effort: an unreadable folder is skipped."""
    if user is None:
        try:
            user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name known (odd environments): look under the shared roots only
            user = ""
    if roots is None:
        roots = (Path("/media") / user, Path("/run/media") / user, Path("/media"))
        if sys.platform == "darwin":
            roots = (Path("/Volumes"),)
    found: list[Path] = []
    for root in roots:
        try:
            children = sorted(root.iterdir())
        except OSError:
            continue
        for child in children:
            try:
                if child.is_dir() and not child.is_symlink() and os.access(child, os.W_OK) and child not in found \
                        and child != Path("/media") / user:
                    found.append(child)
            except OSError:
                continue
    return found


def start_folder(*, home: Path | None = None, user: str | None = None,
                 roots: tuple[Path, ...] | None = None) -> Path:
    """The first USB stick, else ~/Documents when it exists, else the home folder."""
    drives = removable_drives(user=user, roots=roots)
    if drives:
        return drives[0]
    home = home or Path.home()
    documents = home / "Documents"
    return documents if documents.is_dir() else home


__all__ = ["removable_drives", "start_folder"]
