"""Instants and local days: entries are stored as UTC instants plus the IANA zone in effect; days are local.

Conventions, so nobody has to guess:
- An instant is a timezone-aware `datetime` in UTC, whole seconds. It is stored as fixed-width ISO text
  ("2025-01-07T10:00:00Z"), so text order is time order and SQLite range queries work on it.
- Each entry also keeps the IANA zone name ("Europe/London") the family's clock was set to when it happened,
  to show the time as it was on the wall then.
- A *local day* is the span from one local midnight to the next in the family's zone, as two instants. Across a
  DST change that span is 23 or 25 hours long. Consecutive days tile time exactly (the end of one day is the
  start of the next), so whatever is summed per day adds up to the total.
- A typed local time that does not exist (the hour skipped when clocks go forward) is moved forward by the
  size of the gap, the way wall clocks do; a typed local time that happens twice (clocks go back) means the
  first one unless `fold=1` is passed. `classify_local_time` tells the UI which case it is, to ask if needed.
"""

from __future__ import annotations

import contextlib
import enum
import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

INSTANT_TEXT_LENGTH = 20
"""Length of "YYYY-MM-DDTHH:MM:SSZ"."""

_MAX_ZONE_NAME_LENGTH = 64


class TimeZoneInvalid(ValueError):
    """The name is not an IANA time zone this computer knows."""


def zone_for(name: str) -> ZoneInfo:
    """The `ZoneInfo` for an IANA name such as "America/New_York". Raises TimeZoneInvalid if unknown."""
    if not isinstance(name, str) or not name or len(name) > _MAX_ZONE_NAME_LENGTH or name != name.strip():
        raise TimeZoneInvalid(f"not a time zone name: {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise TimeZoneInvalid(f"unknown time zone: {name!r}") from None


def is_known_zone(name: str) -> bool:
    try:
        zone_for(name)
    except TimeZoneInvalid:
        return False
    return True


def known_zone_names() -> tuple[str, ...]:
    """Every IANA zone name available here, sorted (for a settings picker)."""
    return tuple(sorted(available_timezones()))


def system_zone_name() -> str:
    """Best guess at this computer's IANA zone name using only the standard library; "UTC" if unknown.

    The UI can do better (Qt's `QTimeZone.systemTimeZoneId()` knows Windows zones); this is the fallback for
    headless use, tests and scripts.
    """
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    with contextlib.suppress(OSError):
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name and "/" in name and is_known_zone(name):
            return name
    return "UTC"


def as_instant(moment: datetime) -> datetime:
    """`moment` (timezone-aware) as a UTC instant truncated to whole seconds. ValueError if it is naive."""
    if not isinstance(moment, datetime):
        raise TypeError("a time must be a datetime")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a time must be timezone-aware (local times go through local_to_instant)")
    return moment.astimezone(UTC).replace(microsecond=0)


def instant_text(moment: datetime) -> str:
    """Fixed-width storage text for an instant: "2025-01-07T10:00:00Z"."""
    return as_instant(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant_text(text: str) -> datetime:
    """The instant stored as `instant_text`. ValueError if the text is not in that form."""
    if len(text) != INSTANT_TEXT_LENGTH or not text.endswith("Z") or text[10] != "T":
        raise ValueError(f"not an instant: {text!r}")
    return datetime.fromisoformat(text)  # 30x faster than strptime; reads the "Z" as UTC (Python 3.11+)


class LocalTimeKind(enum.Enum):
    NORMAL = "normal"
    SKIPPED = "skipped"
    """Does not exist: the clocks jumped over it (spring forward)."""
    REPEATED = "repeated"
    """Happens twice: the clocks went back over it (fall back); `fold` picks the first (0) or second (1)."""


def classify_local_time(local: datetime, zone_name: str) -> LocalTimeKind:
    """Whether a wall-clock time (naive) exists once, not at all, or twice in the zone."""
    zone = zone_for(zone_name)
    naive = local.replace(tzinfo=None)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return LocalTimeKind.NORMAL
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return LocalTimeKind.REPEATED if round_trip == naive else LocalTimeKind.SKIPPED


def local_to_instant(local: datetime, zone_name: str, *, fold: int = 0) -> datetime:
    """The UTC instant of a wall-clock time (naive, or its tzinfo is ignored) in the named zone.

    Skipped times move forward by the gap (02:30 on a spring-forward night in New York is 03:30 EDT);
    repeated times are the first occurrence unless `fold=1`.
    """
    zone = zone_for(zone_name)
    naive = local.replace(tzinfo=None)
    kind = classify_local_time(naive, zone_name)
    if kind is LocalTimeKind.SKIPPED:
        # fold=0 on a skipped time uses the offset from before the gap: the "moved forward" reading.
        return as_instant(naive.replace(tzinfo=zone, fold=0))
    return as_instant(naive.replace(tzinfo=zone, fold=fold if kind is LocalTimeKind.REPEATED else 0))


def to_local(moment: datetime, zone_name: str) -> datetime:
    """An instant as an aware datetime on the named zone's wall clock."""
    return as_instant(moment).astimezone(zone_for(zone_name))


def local_day(moment: datetime, zone_name: str) -> date:
    """The local calendar day an instant falls on in the named zone."""
    return to_local(moment, zone_name).date()


def day_start(day: date, zone_name: str) -> datetime:
    """The instant local `day` begins (its local midnight; or the first instant after it on the rare zones
    whose clocks skip midnight)."""
    zone = zone_for(zone_name)
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def day_bounds(day: date, zone_name: str) -> tuple[datetime, datetime]:
    """`(start, end)` instants of local `day`: end is the start of the next day (23, 24 or 25 hours later)."""
    return day_start(day, zone_name), day_start(day + timedelta(days=1), zone_name)


def hours_in_day(day: date, zone_name: str) -> float:
    """How many hours local `day` lasts (23 or 25 on DST change days in zones with a one-hour change)."""
    start, end = day_bounds(day, zone_name)
    return (end - start).total_seconds() / 3600


def days_between(first_day: date, last_day: date) -> tuple[date, ...]:
    """Every date from `first_day` to `last_day`, both included (empty if last is before first)."""
    count = (last_day - first_day).days + 1
    return tuple(first_day + timedelta(days=offset) for offset in range(max(0, count)))


__all__ = [
    "INSTANT_TEXT_LENGTH",
    "LocalTimeKind",
    "TimeZoneInvalid",
    "as_instant",
    "classify_local_time",
    "day_bounds",
    "day_start",
    "days_between",
    "hours_in_day",
    "instant_text",
    "is_known_zone",
    "known_zone_names",
    "local_day",
    "local_to_instant",
    "parse_instant_text",
    "system_zone_name",
    "to_local",
    "zone_for",
]
