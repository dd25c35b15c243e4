"""One CSV file per log of a journal (no Qt): headers carry the units. Each time is given three ways: the local
date (YYYY-MM-DD) and the local time (HH:MM), which a spreadsheet reads as a date and a time, and the same moment
as ISO 8601 with its offset, for anyone who needs it exactly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nec_companion.core.babies import Baby
from nec_companion.core.entries import EntryKind
from nec_companion.core.feeding import BolusFeeds, ContinuousFeeds, FeedsPaused
from nec_companion.core.local_time import to_local
from nec_companion.export.csv_export import write_csv

if TYPE_CHECKING:
    from nec_companion.journal import JournalEntries


@dataclass(frozen=True)
class CsvLog:
    kind: EntryKind
    file_stem: str  # neutral: says what the log is, never who it is about
    headers: tuple[str, ...]
    rows: Callable[[JournalEntries, dict[int, str], dt.date | None, dt.date | None], list[Sequence[object]]]


def _when(moment: dt.datetime | None, zone: str) -> tuple[str, str, str]:
    """(local date, local time, ISO with offset); three empty cells when there is no moment."""
    if moment is None:
        return ("", "", "")
    local = to_local(moment, zone)
    return (local.date().isoformat(), local.strftime("%H:%M"), local.isoformat(timespec="minutes"))


def _when_headers(what: str = "") -> tuple[str, str, str]:
    prefix = f"{what} " if what else ""
    return (f"{prefix}date".strip(), f"{prefix}time".strip(), f"{prefix}time (ISO 8601, with offset)".strip())


def _plan_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
               last: dt.date | None) -> list[Sequence[object]]:
    rows: list[Sequence[object]] = []
    for plan in entries.feeding_plans(first_day=first, last_day=last):
        regimen = plan.regimen
        volume = regimen.volume_ml if isinstance(regimen, BolusFeeds) else None
        interval = regimen.interval_hours if isinstance(regimen, BolusFeeds) else None
        rate = regimen.rate_ml_per_hour if isinstance(regimen, ContinuousFeeds) else None
        paused = isinstance(regimen, FeedsPaused)
        rows.append((*_when(plan.effective_at, plan.time_zone), names.get(int(plan.baby_id), ""), volume, interval,
                     rate, paused, regimen.reason if isinstance(regimen, FeedsPaused) else "",
                     plan.milk.describe() if plan.milk else "", plan.fortifier.label, plan.fortifier_strength,
                     plan.route.label if plan.route else "", plan.note))
    return rows


def _feed_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
               last: dt.date | None) -> list[Sequence[object]]:
    from nec_companion.core.feeding import FamilyFeedMethod

    return [(*_when(f.at, f.time_zone), names.get(int(f.baby_id), ""), f.method.label,
             f.volume_ml if f.method is not FamilyFeedMethod.BREASTFEED else None,
             f.volume_ml if f.method is FamilyFeedMethod.BREASTFEED else None,
             f.milk.describe() if f.milk else "", f.note) for f in entries.family_feeds(first_day=first, last_day=last)]


def _pumping_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
                  last: dt.date | None) -> list[Sequence[object]]:
    rows: list[Sequence[object]] = []
    for s in entries.pumping_sessions(first_day=first, last_day=last):
        shares = "; ".join(f"{names.get(int(share.baby_id), '')} {share.ml:g} mL" for share in s.shares)
        rows.append((*_when(s.at, s.time_zone), s.minutes, s.left_ml, s.right_ml, s.total_ml, s.colostrum, shares,
                     s.note))
    return rows


def _weight_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
                 last: dt.date | None) -> list[Sequence[object]]:
    return [(w.measured_on, w.measured_at.strftime("%H:%M") if w.measured_at else "", names.get(int(w.baby_id), ""),
             w.grams, w.note) for w in entries.weights(first_day=first, last_day=last)]


def _event_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
                last: dt.date | None) -> list[Sequence[object]]:
    return [(*_when(e.started_at, e.time_zone), *_when(e.ended_at, e.time_zone), names.get(int(e.baby_id), ""),
             e.kind.label, e.detail, "; ".join(sign.label for sign in sorted(e.signs, key=lambda s: s.value)),
             e.note) for e in entries.care_events(first_day=first, last_day=last)]


def _note_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
               last: dt.date | None) -> list[Sequence[object]]:
    return [(*_when(n.at, n.time_zone), names.get(int(n.baby_id), "") if n.baby_id is not None else "All",
             "; ".join(n.tags), n.skin_to_skin_minutes, n.text) for n in entries.notes(first_day=first, last_day=last)]


LOGS: tuple[CsvLog, ...] = (
    CsvLog(EntryKind.FEEDING_PLAN, "feeding-plans",
           (*_when_headers(), "baby", "volume per feed (mL)", "every (hours)", "continuous rate (mL/h)", "paused",
            "pause reason", "milk", "fortifier", "fortifier strength", "route", "note"), _plan_rows),
    CsvLog(EntryKind.FAMILY_FEED, "family-feeds",
           (*_when_headers(), "baby", "method", "amount given (mL)", "test weight (mL)", "milk", "note"),
           _feed_rows),
    CsvLog(EntryKind.PUMPING, "pumping",
           (*_when_headers(), "minutes", "left (mL)", "right (mL)", "total (mL)", "colostrum", "shared", "note"),
           _pumping_rows),
    CsvLog(EntryKind.WEIGHT, "weights", ("date", "time", "baby", "weight (g)", "note"), _weight_rows),
    CsvLog(EntryKind.CARE_EVENT, "care-events",
           (*_when_headers("started"), *_when_headers("stopped"), "baby", "kind", "detail", "signs noticed", "note"),
           _event_rows),
    CsvLog(EntryKind.NOTE, "notes", (*_when_headers(), "baby", "tags", "skin-to-skin (minutes)", "note"), _note_rows),
)


def export_csv_logs(entries: JournalEntries, babies: tuple[Baby, ...], folder: Path, *, today: dt.date,
                    kinds: frozenset[EntryKind] | None = None, first_day: dt.date | None = None,
                    last_day: dt.date | None = None) -> list[Path]:
    """Write the chosen logs into `folder` with neutral names (`pumping-2026-03-10.csv`); returns the paths."""
    names = {int(b.baby_id): b.nickname for b in babies}
    written: list[Path] = []
    for log in LOGS:
        if kinds is not None and log.kind not in kinds:
            continue
        path = Path(folder) / f"{log.file_stem}-{today.isoformat()}.csv"
        write_csv(path, log.headers, log.rows(entries, names, first_day, last_day))
        written.append(path)
    return written
