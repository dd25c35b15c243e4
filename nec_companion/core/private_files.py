"""Folders and files only this computer account can read: folders 0700 and files 0600 whatever the umask
(audit M5/M6). No Qt; used by paths, settings, the throttle and the journal store."""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private_folder(path: Path) -> None:
    """Create `path` and every missing parent as 0700 (a plain `mkdir(parents=True)` would make the parents
    0777 minus the umask). A folder that already exists is left as it is. Raises OSError."""
    missing: list[Path] = []
    current = Path(path)
    while not os.path.lexists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        if os.name != "nt":
            os.chmod(folder, FOLDER_MODE)


def is_private_folder(path: Path) -> bool:
    """True when `path` is a real folder (not a symlink) owned by this account that nobody else can use.
    A folder of ours that is too open is tightened to 0700 first."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return False
    if os.name == "nt":  # pragma: no cover - NTFS permissions are per-user profile folders
        return True
    if info.st_uid != os.getuid():
        return False
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(path, FOLDER_MODE, follow_symlinks=False)
        except (OSError, NotImplementedError):
            return False
    return True
