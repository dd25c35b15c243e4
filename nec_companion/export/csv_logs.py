"""One CSV file per log of a journal (no Qt): headers carry the units. Each time is given three ways: the local
date (YYYY-MM-DD) and the local time (HH:MM), which a spreadsheet reads as a date and a time, and the same moment
as ISO 8601 with its offset, for anyone who needs it exactly.

Headers and words (milk, method, kind, "yes") are written in the family's language (or the one asked for); file
names stay plain English words and the date, so they read the same everywhere and name no one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nec_companion.core.babies import Baby
from nec_companion.core.entries import EntryKind
from nec_companion.core.feeding import BolusFeeds, ContinuousFeeds, FeedsPaused
from nec_companion.core.i18n import N_, _, active, pgettext, using
from nec_companion.core.local_time import to_local
from nec_companion.export.csv_export import write_csv

if TYPE_CHECKING:
    from nec_companion.journal import JournalEntries


@dataclass(frozen=True)
class CsvLog:
    kind: EntryKind
    file_stem: str  # neutral: says what the log is, never who it is about
    headers: tuple[str, ...]  # marked with N_: translated when the file is written
    rows: Callable[[JournalEntries, dict[int, str], dt.date | None, dt.date | None], list[Sequence[object]]]


def _when(moment: dt.datetime | None, zone: str) -> tuple[str, str, str]:
    """(local date, local time, ISO with offset); three empty cells when there is no moment."""
    if moment is None:
        return ("", "", "")
    local = to_local(moment, zone)
    return (local.date().isoformat(), f"{local:%H:%M}", local.isoformat(timespec="minutes"))


# Spreadsheet headers (the units in brackets), one message each so a translator sees the whole header.
WHEN_HEADERS = (N_("date"), N_("time"), N_("time (ISO 8601, with offset)"))
STARTED_HEADERS = (N_("started date"), N_("started time"), N_("started time (ISO 8601, with offset)"))
STOPPED_HEADERS = (N_("stopped date"), N_("stopped time"), N_("stopped time (ISO 8601, with offset)"))


def _ml(value: float) -> str:
    """An amount in a text cell ("12.5 mL" shares): the number as the active language writes it."""
    return active().number(value, decimals=0 if float(value).is_integer() else 1)


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
        # Translators: one baby's share of a pumping session in a spreadsheet cell, e.g. "Bean 12 mL".
        shares = "; ".join(_("{baby} {ml} mL").format(baby=names.get(int(share.baby_id), ""), ml=_ml(share.ml))
                           for share in s.shares)
        rows.append((*_when(s.at, s.time_zone), s.minutes, s.left_ml, s.right_ml, s.total_ml, s.colostrum, shares,
                     s.note))
    return rows


def _weight_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
                 last: dt.date | None) -> list[Sequence[object]]:
    return [(w.measured_on, f"{w.measured_at:%H:%M}" if w.measured_at else "", names.get(int(w.baby_id), ""),
             w.grams, w.note) for w in entries.weights(first_day=first, last_day=last)]


def _event_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
                last: dt.date | None) -> list[Sequence[object]]:
    return [(*_when(e.started_at, e.time_zone), *_when(e.ended_at, e.time_zone), names.get(int(e.baby_id), ""),
             e.kind.label, e.detail, "; ".join(sign.label for sign in sorted(e.signs, key=lambda s: s.value)),
             e.note) for e in entries.care_events(first_day=first, last_day=last)]


def _note_rows(entries: JournalEntries, names: dict[int, str], first: dt.date | None,
               last: dt.date | None) -> list[Sequence[object]]:
    # Translators: in the notes spreadsheet, a note about all the babies.
    every = pgettext("babies", "All")
    return [(*_when(n.at, n.time_zone), names.get(int(n.baby_id), "") if n.baby_id is not None else every,
             "; ".join(n.tags), n.skin_to_skin_minutes, n.text) for n in entries.notes(first_day=first, last_day=last)]


LOGS: tuple[CsvLog, ...] = (
    CsvLog(EntryKind.FEEDING_PLAN, "feeding-plans",
           (*WHEN_HEADERS, N_("baby"), N_("volume per feed (mL)"), N_("every (hours)"),
            N_("continuous rate (mL/h)"), N_("paused"), N_("pause reason"), N_("milk"), N_("fortifier"),
            N_("fortifier strength"), N_("route"), N_("note")), _plan_rows),
    CsvLog(EntryKind.FAMILY_FEED, "family-feeds",
           (*WHEN_HEADERS, N_("baby"), N_("method"), N_("amount given (mL)"), N_("test weight (mL)"), N_("milk"),
            N_("note")), _feed_rows),
    CsvLog(EntryKind.PUMPING, "pumping",
           (*WHEN_HEADERS, N_("minutes"), N_("left (mL)"), N_("right (mL)"), N_("total (mL)"), N_("colostrum"),
            N_("shared"), N_("note")), _pumping_rows),
    CsvLog(EntryKind.WEIGHT, "weights", (N_("date"), N_("time"), N_("baby"), N_("weight (g)"), N_("note")),
           _weight_rows),
    CsvLog(EntryKind.CARE_EVENT, "care-events",
           (*STARTED_HEADERS, *STOPPED_HEADERS, N_("baby"), N_("kind"), N_("detail"), N_("signs noticed"),
            N_("note")), _event_rows),
    CsvLog(EntryKind.NOTE, "notes", (*WHEN_HEADERS, N_("baby"), N_("tags"), N_("skin-to-skin (minutes)"), N_("note")),
           _note_rows),
)


def export_csv_logs(entries: JournalEntries, babies: tuple[Baby, ...], folder: Path, *, today: dt.date,
                    kinds: frozenset[EntryKind] | None = None, first_day: dt.date | None = None,
                    last_day: dt.date | None = None, language: str | None = None) -> list[Path]:
    """Write the chosen logs into `folder` with neutral names (`pumping-2026-03-10.csv`); returns the paths.
    Headers and words are in `language` (a code such as "en"), else in the active language."""
    if language is not None:
        with using(language):
            return export_csv_logs(entries, babies, folder, today=today, kinds=kinds, first_day=first_day,
                                   last_day=last_day)
    names = {int(b.baby_id): b.nickname for b in babies}
    written: list[Path] = []
    for log in LOGS:
        if kinds is not None and log.kind not in kinds:
            continue
        path = Path(folder) / f"{log.file_stem}-{today.isoformat()}.csv"
        write_csv(path, [_(header) for header in log.headers], log.rows(entries, names, first_day, last_day))
        written.append(path)
    return written
