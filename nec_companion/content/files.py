"""Reading content files safely: only regular files, never a pipe, device or folder, never without a size limit.

A content folder is edited by hand by hospital staff (and could be tampered with), so a file that is not what it
claims to be must become a problem report, never a hang, a traceback or unbounded memory use.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 512 * 1024  # an article
MAX_GLOSSARY_BYTES = 2 * 1024 * 1024


class ContentFileError(Exception):
    """A content file that cannot be read; `reason` is a plain sentence for `file:line: reason`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_content_bytes(path: Path, *, max_bytes: int, root: Path | None = None) -> bytes:
    """The bytes of a regular file no larger than `max_bytes`.

    Refuses (with ContentFileError) a folder, pipe, device or socket (checked before opening, and again on the
    open descriptor, which is opened non-blocking so that even a pipe swapped in between cannot hang), a
    symbolic link that leads outside `root`, and a file larger than `max_bytes`.
    """
    try:
        if root is not None and path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root.resolve()):
                raise ContentFileError("the file is a link to a place outside the content folder")
        info = os.stat(path)
    except FileNotFoundError:
        raise ContentFileError("the file does not exist (or is a broken link)") from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop while resolving
        raise ContentFileError(f"the file could not be read ({getattr(exc, 'strerror', None) or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ContentFileError(f"the file is {_describe(info.st_mode)}, not a text file")
    if info.st_size > max_bytes:
        raise ContentFileError(f"the file is larger than {max_bytes // 1024} KB")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ContentFileError(f"the file could not be read ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ContentFileError("the file changed into something that is not a text file")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(65536, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise ContentFileError(f"the file is larger than {max_bytes // 1024} KB")
        return b"".join(chunks)
    except OSError as exc:
        raise ContentFileError(f"the file could not be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_content_text(path: Path, *, max_bytes: int, root: Path | None = None) -> str:
    """`read_content_bytes` decoded as UTF-8 (ContentFileError if it is not UTF-8 text)."""
    data = read_content_bytes(path, max_bytes=max_bytes, root=root)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentFileError("the file is not UTF-8 text") from None
