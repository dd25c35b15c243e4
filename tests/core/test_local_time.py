"""Instants and local days: UTC storage text, skipped and repeated wall-clock times, 23- and 25-hour days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nec_companion.core.local_time import (
    LocalTimeKind,
    TimeZoneInvalid,
    as_instant,
    classify_local_time,
    day_bounds,
    hours_in_day,
    instant_text,
    local_day,
    local_to_instant,
    parse_instant_text,
    system_zone_name,
    to_local,
    zone_for,
)

from .journal_builders import LONDON, NEW_YORK

ZONES = st.sampled_from(["UTC", NEW_YORK, LONDON, "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"])
INSTANTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1)).map(
    lambda moment: moment.replace(tzinfo=UTC, microsecond=0))


@pytest.mark.parametrize(("zone", "day", "hours"), [
    (NEW_YORK, date(2025, 3, 9), 23), (NEW_YORK, date(2025, 11, 2), 25), (NEW_YORK, date(2025, 6, 1), 24),
    (LONDON, date(2025, 3, 30), 23), (LONDON, date(2025, 10, 26), 25), ("Australia/Lord_Howe", date(2025, 4, 6), 24.5),
])
def test_day_length_follows_dst(zone, day, hours):
    """A local day lasts 23 hours when clocks go forward and 25 when they go back (24.5 on Lord Howe)."""
    assert hours_in_day(day, zone) == hours


@given(INSTANTS)
def test_instant_text_round_trips_and_sorts(moment):
    """Storage text is fixed-width, parses back to the same instant, and sorts like time."""
    text = instant_text(moment)
    assert len(text) == 20 and parse_instant_text(text) == moment
    later = moment + timedelta(seconds=1)
    assert instant_text(later) > text


def test_instants_drop_microseconds_and_convert_to_utc():
    """An aware time in any offset becomes UTC, whole seconds; a naive time is refused."""
    moment = datetime(2025, 1, 7, 12, 0, 0, 999_999, tzinfo=timezone(timedelta(hours=2)))
    assert as_instant(moment) == datetime(2025, 1, 7, 10, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        as_instant(datetime(2025, 1, 7, 10, 0))
    with pytest.raises(ValueError):
        parse_instant_text("2025-01-07 10:00:00")


def test_skipped_local_time_moves_forward():
    """02:30 on New York's spring-forward night does not exist: it is read as 03:30 EDT (07:30 UTC)."""
    naive = datetime(2025, 3, 9, 2, 30)
    assert classify_local_time(naive, NEW_YORK) is LocalTimeKind.SKIPPED
    assert local_to_instant(naive, NEW_YORK) == datetime(2025, 3, 9, 7, 30, tzinfo=UTC)
    assert to_local(local_to_instant(naive, NEW_YORK), NEW_YORK).hour == 3


def test_repeated_local_time_is_first_unless_fold():
    """01:30 on London's fall-back night happens twice: BST (00:30 UTC) by default, GMT (01:30 UTC) with fold=1."""
    naive = datetime(2025, 10, 26, 1, 30)
    assert classify_local_time(naive, LONDON) is LocalTimeKind.REPEATED
    assert local_to_instant(naive, LONDON) == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert local_to_instant(naive, LONDON, fold=1) == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    assert classify_local_time(datetime(2025, 10, 26, 12, 0), LONDON) is LocalTimeKind.NORMAL


@settings(max_examples=80)
@given(INSTANTS, ZONES)
def test_every_instant_falls_inside_its_local_day(moment, zone):
    """An instant lies in [start, end) of the local day it is said to fall on; consecutive days tile time."""
    day = local_day(moment, zone)
    start, end = day_bounds(day, zone)
    assert start <= moment < end
    assert day_bounds(day + timedelta(days=1), zone)[0] == end


def test_unknown_zone_is_refused():
    """A made-up zone name raises TimeZoneInvalid; the system zone guess is always a usable name."""
    with pytest.raises(TimeZoneInvalid):
        zone_for("Mars/Olympus_Mons")
    with pytest.raises(TimeZoneInvalid):
        zone_for("")
    assert zone_for(system_zone_name()) is not None
