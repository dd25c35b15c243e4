"""Fixtures for the journal store tests: a fast KDF, a manual clock, a data folder, and the socket guard (the
shared helpers are in tests/conftest.py)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.core.clock import ManualClock
from nec_companion.storage import JournalDirectory
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE, fast_directory
from tests.conftest import passphrase_lists as lists

__all__ = ["OTHER_PASSPHRASE", "PASSPHRASE", "bean", "header_end", "lists", "snapshot", "with_format_major"]


def bean(**overrides: object) -> BabyDetails:
    values: dict[str, object] = dict(nickname="Bean", birth_date=date(2025, 1, 1), birth_time=time(3, 15),
                                     gestational_age=GestationalAge(27, 3), birth_weight_g=900)
    values.update(overrides)
    return BabyDetails(**values)  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every journal file (not the throttle's state file) by name, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())
            if path.is_file() and not path.name.startswith("attempts")}


@pytest.fixture(autouse=True)
def _offline(no_sockets: None) -> None:
    """The store never opens a socket: any attempt fails the test."""


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def make_directory(data_dir: Path, clock: ManualClock):
    def factory(**overrides: object) -> JournalDirectory:
        return fast_directory(data_dir, **{"clock": clock, **overrides})

    return factory


@pytest.fixture
def directory(make_directory) -> JournalDirectory:
    return make_directory()


def with_format_major(blob: bytes, major: int) -> bytes:
    """The same file claiming another format major version, with a valid checksum (as a newer app would write)."""
    import hashlib
    import struct

    (length,) = struct.unpack_from("<I", blob, 12)
    prefix = blob[:8] + struct.pack("<H", major) + blob[10 : 16 + length]
    return prefix + hashlib.sha256(prefix).digest() + blob[16 + length + 32 :]


def header_end(blob: bytes) -> int:
    import struct

    (length,) = struct.unpack_from("<I", blob, 12)
    return 16 + length + 32
