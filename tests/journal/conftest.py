"""Fixtures for the journal-entries tests: a fast KDF, a manual clock, an open journal with twins, the façade."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import Baby, BabyDetails
from nec_companion.core.clock import ManualClock
from nec_companion.journal import JournalEntries
from nec_companion.storage import JournalDirectory, OpenJournal
from tests.conftest import PASSPHRASE, fast_directory
from tests.conftest import passphrase_lists as lists

ZONE = "Europe/London"
NOW = datetime(2025, 3, 20, 10, 0, tzinfo=UTC)
__all__ = ["NOW", "PASSPHRASE", "ZONE", "lists"]


@pytest.fixture(autouse=True)
def _offline(no_sockets: None) -> None:
    """The journal never opens a socket: any attempt fails the test."""


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def make_directory(tmp_path: Path, clock: ManualClock):
    def factory(**overrides: object) -> JournalDirectory:
        return fast_directory(tmp_path / "data", **{"clock": clock, **overrides})

    return factory


@pytest.fixture
def directory(make_directory) -> JournalDirectory:
    return make_directory()


@pytest.fixture
def journal(directory: JournalDirectory) -> OpenJournal:
    opened, _code = directory.create(passphrase=PASSPHRASE)
    yield opened
    if not opened.is_closed:
        opened.close(save=False)


@pytest.fixture
def twins(journal: OpenJournal) -> tuple[Baby, Baby]:
    first = journal.add_baby(BabyDetails(nickname="Robin", birth_date=date(2025, 3, 1), birth_time=time(4, 40),
                                         gestational_age=GestationalAge(28, 3), birth_weight_g=1150)).baby
    second = journal.add_baby(BabyDetails(nickname="Wren", birth_date=date(2025, 3, 1), birth_time=time(4, 52),
                                          gestational_age=GestationalAge(28, 3), birth_weight_g=990)).baby
    assert first is not None and second is not None
    return first, second


@pytest.fixture
def entries(journal: OpenJournal, clock: ManualClock) -> JournalEntries:
    return JournalEntries(journal, clock=clock, time_zone=ZONE)
