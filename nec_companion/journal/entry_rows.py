"""Reading and writing the entry tables (rows <-> domain objects); validation happens before these are called.

One `EntryTable` per kind says which table, which columns, and how a row becomes an entry and back. The
functions at the bottom are the only SQL the façade runs for entries. Callers hold a transaction for writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from nec_companion.core.babies import BabyId
from nec_companion.core.care_events import CareEvent, CareEventId, CareEventKind, NoticedSign
from nec_companion.core.entries import EntryKind, JournalEntry, entry_kind
from nec_companion.core.entry_values import stored
from nec_companion.core.feeding import (
    BolusFeeds,
    ContinuousFeeds,
    FamilyFeed,
    FamilyFeedId,
    FamilyFeedMethod,
    FeedingPlanChange,
    FeedingPlanId,
    FeedRoute,
    FeedsPaused,
    Fortifier,
    Milk,
    MilkKind,
    MilkShare,
)
from nec_companion.core.local_time import instant_text, parse_instant_text
from nec_companion.core.measurements import Weight, WeightId
from nec_companion.core.notes import NoteEntry, NoteId
from nec_companion.core.pumping import PumpedMilkShare, PumpingId, PumpingSession

_MILK_COLUMNS = ("milk_recorded", "milk_mom_fresh_pct", "milk_mom_frozen_pct", "milk_donor_pct", "milk_formula_pct",
                 "formula_name")
_MILK_ORDER = (MilkKind.MOTHERS_OWN_FRESH, MilkKind.MOTHERS_OWN_FROZEN, MilkKind.DONOR, MilkKind.FORMULA)


def _milk_values(milk: Milk | None) -> tuple[object, ...]:
    if milk is None or not milk.shares:
        return (0, 0, 0, 0, 0, milk.formula_name if milk else "")
    return (1, *(milk.percent(kind) for kind in _MILK_ORDER), milk.formula_name)


def _milk_from(values: Sequence[Any]) -> Milk | None:
    recorded, *percents, formula_name = values
    if not recorded:
        return None
    return Milk(shares=tuple(MilkShare(kind, int(percent)) for kind, percent in zip(_MILK_ORDER, percents,
                                                                                      strict=True) if percent),
                formula_name=str(formula_name))


def _time_text(moment: time | None) -> str | None:
    return moment.strftime("%H:%M") if moment is not None else None


@dataclass(frozen=True)
class EntryTable:
    """How one kind of entry is stored."""

    kind: EntryKind
    table: str
    columns: tuple[str, ...]
    """Every stored column except id, created_at and updated_at, in `to_values` order."""
    time_column: str
    baby_column: str | None
    to_values: Callable[[Any], tuple[object, ...]]
    from_row: Callable[[Sequence[Any]], Any]
    """Builds the entry from (id, *columns)."""

    @property
    def select(self) -> str:
        return f"SELECT id, {', '.join(self.columns)} FROM {self.table}"


# ------------------------------------------------------------------------------------------ feeding plans


def _plan_values(plan: FeedingPlanChange) -> tuple[object, ...]:
    regimen = plan.regimen
    volume = interval = rate = None
    reason = ""
    if isinstance(regimen, BolusFeeds):
        volume, interval = regimen.volume_ml, regimen.interval_hours
    elif isinstance(regimen, ContinuousFeeds):
        rate = regimen.rate_ml_per_hour
    else:
        reason = regimen.reason
    return (plan.baby_id, instant_text(plan.effective_at), plan.time_zone, plan.mode.value, volume, interval, rate,
            reason, *_milk_values(plan.milk), plan.fortifier.value, plan.fortifier_strength,
            plan.route.value if plan.route else None, plan.note)


def _plan_from(row: Sequence[Any]) -> FeedingPlanChange:
    (entry_id, baby_id, effective_at, zone, mode, volume, interval, rate, reason, *rest) = row
    milk = _milk_from(rest[:6])
    fortifier, strength, route, note = rest[6:]
    regimen: BolusFeeds | ContinuousFeeds | FeedsPaused
    if mode == "bolus":
        regimen = BolusFeeds(float(volume), float(interval))
    elif mode == "continuous":
        regimen = ContinuousFeeds(float(rate))
    else:
        regimen = FeedsPaused(str(reason))
    return stored(
        FeedingPlanChange, baby_id=BabyId(int(baby_id)), effective_at=parse_instant_text(effective_at),
        time_zone=str(zone), regimen=regimen, milk=milk, fortifier=Fortifier(fortifier),
        fortifier_strength=str(strength), route=FeedRoute(route) if route is not None else None, note=str(note),
        entry_id=FeedingPlanId(int(entry_id)),
    )


FEEDING_PLANS = EntryTable(
    kind=EntryKind.FEEDING_PLAN, table="feeding_plans",
    columns=("baby_id", "effective_at", "time_zone", "mode", "volume_ml", "interval_hours", "rate_ml_per_hour",
             "pause_reason", *_MILK_COLUMNS, "fortifier", "fortifier_strength", "route", "note"),
    time_column="effective_at", baby_column="baby_id", to_values=_plan_values, from_row=_plan_from,
)

# ------------------------------------------------------------------------------------------ family feeds


def _feed_values(feed: FamilyFeed) -> tuple[object, ...]:
    return (feed.baby_id, instant_text(feed.at), feed.time_zone, feed.method.value, feed.volume_ml,
            *_milk_values(feed.milk), feed.note)


def _feed_from(row: Sequence[Any]) -> FamilyFeed:
    entry_id, baby_id, at, zone, method, volume, *rest = row
    return stored(
        FamilyFeed, baby_id=BabyId(int(baby_id)), at=parse_instant_text(at), time_zone=str(zone),
        method=FamilyFeedMethod(method), volume_ml=float(volume) if volume is not None else None,
        milk=_milk_from(rest[:6]), note=str(rest[6]), entry_id=FamilyFeedId(int(entry_id)),
    )


FAMILY_FEEDS = EntryTable(
    kind=EntryKind.FAMILY_FEED, table="family_feeds",
    columns=("baby_id", "at", "time_zone", "method", "volume_ml", *_MILK_COLUMNS, "note"),
    time_column="at", baby_column="baby_id", to_values=_feed_values, from_row=_feed_from,
)

# ------------------------------------------------------------------------------------------ pumping


def _pumping_values(session: PumpingSession) -> tuple[object, ...]:
    return (instant_text(session.at), session.time_zone, session.minutes, session.left_ml, session.right_ml,
            session.volume_ml, int(session.colostrum), session.note)


def _pumping_from(row: Sequence[Any], shares: tuple[PumpedMilkShare, ...] = ()) -> PumpingSession:
    entry_id, at, zone, minutes, left, right, total, colostrum, note = row
    return stored(
        PumpingSession, at=parse_instant_text(at), time_zone=str(zone),
        minutes=int(minutes) if minutes is not None else None, left_ml=float(left) if left is not None else None,
        right_ml=float(right) if right is not None else None, total_ml=float(total), colostrum=bool(colostrum),
        note=str(note), shares=shares, entry_id=PumpingId(int(entry_id)),
    )


PUMPING = EntryTable(
    kind=EntryKind.PUMPING, table="pumping_sessions",
    columns=("at", "time_zone", "minutes", "left_ml", "right_ml", "total_ml", "colostrum", "note"),
    time_column="at", baby_column=None, to_values=_pumping_values, from_row=_pumping_from,
)

# ------------------------------------------------------------------------------------------ weights


def _weight_values(weight: Weight) -> tuple[object, ...]:
    return (weight.baby_id, weight.measured_on.isoformat(), _time_text(weight.measured_at), weight.grams, weight.note)


def _weight_from(row: Sequence[Any]) -> Weight:
    entry_id, baby_id, measured_on, measured_at, grams, note = row
    return stored(
        Weight, baby_id=BabyId(int(baby_id)), measured_on=date.fromisoformat(measured_on),
        measured_at=time.fromisoformat(measured_at) if measured_at else None, grams=int(grams), note=str(note),
        entry_id=WeightId(int(entry_id)),
    )


WEIGHTS = EntryTable(
    kind=EntryKind.WEIGHT, table="weights",
    columns=("baby_id", "measured_on", "measured_at", "grams", "note"),
    time_column="measured_on", baby_column="baby_id", to_values=_weight_values, from_row=_weight_from,
)

# ------------------------------------------------------------------------------------------ care events


def _event_values(event: CareEvent) -> tuple[object, ...]:
    return (event.baby_id, event.kind.value, instant_text(event.started_at), event.time_zone,
            instant_text(event.ended_at) if event.ended_at is not None else None, event.detail,
            ",".join(sign.value for sign in event.ordered_signs), event.note)


def _event_from(row: Sequence[Any]) -> CareEvent:
    entry_id, baby_id, kind, started_at, zone, ended_at, detail, signs, note = row
    return stored(
        CareEvent, baby_id=BabyId(int(baby_id)), kind=CareEventKind(kind), started_at=parse_instant_text(started_at),
        time_zone=str(zone), ended_at=parse_instant_text(ended_at) if ended_at else None, detail=str(detail),
        signs=frozenset(NoticedSign(code) for code in str(signs).split(",") if code), note=str(note),
        entry_id=CareEventId(int(entry_id)),
    )


CARE_EVENTS = EntryTable(
    kind=EntryKind.CARE_EVENT, table="care_events",
    columns=("baby_id", "kind", "started_at", "time_zone", "ended_at", "detail", "signs", "note"),
    time_column="started_at", baby_column="baby_id", to_values=_event_values, from_row=_event_from,
)

# ------------------------------------------------------------------------------------------ notes


def _note_values(note: NoteEntry) -> tuple[object, ...]:
    return (note.baby_id, instant_text(note.at), note.time_zone, note.text,
            json.dumps(list(note.tags), ensure_ascii=False) if note.tags else "", note.skin_to_skin_minutes)


def _note_from(row: Sequence[Any]) -> NoteEntry:
    entry_id, baby_id, at, zone, body, tags, minutes = row
    return stored(
        NoteEntry, baby_id=BabyId(int(baby_id)) if baby_id is not None else None, at=parse_instant_text(at),
        time_zone=str(zone), text=str(body), tags=tuple(json.loads(tags)) if tags else (),
        skin_to_skin_minutes=int(minutes) if minutes is not None else None, entry_id=NoteId(int(entry_id)),
    )


NOTES = EntryTable(
    kind=EntryKind.NOTE, table="journal_notes",
    columns=("baby_id", "at", "time_zone", "body", "tags", "skin_to_skin_minutes"),
    time_column="at", baby_column="baby_id", to_values=_note_values, from_row=_note_from,
)

TABLES: dict[EntryKind, EntryTable] = {table.kind: table for table in
                                       (FEEDING_PLANS, FAMILY_FEEDS, PUMPING, WEIGHTS, CARE_EVENTS, NOTES)}

# ------------------------------------------------------------------------------------------ operations


def insert_entry(connection: sqlite3.Connection, entry: JournalEntry, *, now: datetime,
                 entry_id: int | None = None) -> int:
    """Insert `entry` (under `entry_id` if given: restoring a deleted entry) and return its id."""
    table = TABLES[entry_kind(entry)]
    stamp = now.isoformat()
    names = ("id", *table.columns, "created_at", "updated_at")
    values = (entry_id, *table.to_values(entry), stamp, stamp)
    cursor = connection.execute(
        f"INSERT INTO {table.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values)
    new_id = int(cursor.lastrowid or 0)
    if isinstance(entry, PumpingSession):
        _write_shares(connection, new_id, entry)
    return new_id


def update_entry(connection: sqlite3.Connection, entry: JournalEntry, *, now: datetime) -> bool:
    """Overwrite the stored entry with the same id. False if there is none."""
    table = TABLES[entry_kind(entry)]
    assignments = ", ".join(f"{name} = ?" for name in table.columns)
    cursor = connection.execute(f"UPDATE {table.table} SET {assignments}, updated_at = ? WHERE id = ?",
                                (*table.to_values(entry), now.isoformat(), int(entry.entry_id or 0)))
    found = cursor.rowcount == 1
    if found and isinstance(entry, PumpingSession):
        connection.execute("DELETE FROM pumping_shares WHERE session_id = ?", (int(entry.entry_id or 0),))
        _write_shares(connection, int(entry.entry_id or 0), entry)
    return found


def delete_entry(connection: sqlite3.Connection, kind: EntryKind, entry_id: int) -> bool:
    cursor = connection.execute(f"DELETE FROM {TABLES[kind].table} WHERE id = ?", (int(entry_id),))
    return cursor.rowcount == 1


def get_entry(connection: sqlite3.Connection, kind: EntryKind, entry_id: int) -> JournalEntry | None:
    table = TABLES[kind]
    row = connection.execute(f"{table.select} WHERE id = ?", (int(entry_id),)).fetchone()
    if row is None:
        return None
    if kind is EntryKind.PUMPING:
        return _pumping_from(row, _shares_of(connection, [int(row[0])]).get(int(row[0]), ()))
    return table.from_row(row)


def list_entries(
    connection: sqlite3.Connection,
    kind: EntryKind,
    *,
    baby_id: BabyId | None = None,
    since: str | None = None,
    before: str | None = None,
    include_family_notes: bool = True,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[Any]:
    """Entries of one kind, in time order (then id), filtered by baby and by the time column's text:
    `since` <= time < `before` (instant text, or date text for weights)."""
    table = TABLES[kind]
    clauses: list[str] = []
    parameters: list[object] = []
    if baby_id is not None and table.baby_column is not None:
        if kind is EntryKind.NOTE and include_family_notes:
            clauses.append("(baby_id = ? OR baby_id IS NULL)")
        else:
            clauses.append(f"{table.baby_column} = ?")
        parameters.append(int(baby_id))
    if since is not None:
        clauses.append(f"{table.time_column} >= ?")
        parameters.append(since)
    if before is not None:
        clauses.append(f"{table.time_column} < ?")
        parameters.append(before)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    direction = "DESC" if newest_first else "ASC"
    order = f" ORDER BY {table.time_column} {direction}, id {direction}"
    if kind is EntryKind.WEIGHT:
        order = f" ORDER BY measured_on {direction}, coalesce(measured_at, '99:99') {direction}, id {direction}"
    sql = table.select + where + order + (f" LIMIT {int(limit)}" if limit is not None else "")
    rows = connection.execute(sql, parameters).fetchall()
    if kind is EntryKind.PUMPING:
        shares = _shares_of(connection, [int(row[0]) for row in rows])
        return [_pumping_from(row, shares.get(int(row[0]), ())) for row in rows]
    return [table.from_row(row) for row in rows]


def latest_plan_before(connection: sqlite3.Connection, baby_id: BabyId, moment: str) -> FeedingPlanChange | None:
    """The baby's plan change with the latest effective time <= `moment` (the plan in force then)."""
    row = connection.execute(
        f"{FEEDING_PLANS.select} WHERE baby_id = ? AND effective_at <= ? ORDER BY effective_at DESC, id DESC LIMIT 1",
        (int(baby_id), moment)).fetchone()
    return FEEDING_PLANS.from_row(row) if row else None


def recent_and_ongoing_events(connection: sqlite3.Connection, baby_id: BabyId, *, since: str,
                              now: str) -> list[CareEvent]:
    """The baby's care events started in [since, now], plus courses started before and not stopped by `now`."""
    rows = connection.execute(
        f"{CARE_EVENTS.select} WHERE baby_id = ? AND started_at <= ? AND (started_at >= ?"
        " OR kind IN ('antibiotics', 'probiotic', 'acid_reducer') AND (ended_at IS NULL OR ended_at > ?))"
        " ORDER BY started_at, id", (int(baby_id), now, since, now))
    return [CARE_EVENTS.from_row(row) for row in rows]


def latest_weight_before(connection: sqlite3.Connection, baby_id: BabyId, day: str) -> Weight | None:
    """The baby's latest weighing dated before `day` (date text)."""
    row = connection.execute(
        f"{WEIGHTS.select} WHERE baby_id = ? AND measured_on < ?"
        " ORDER BY measured_on DESC, coalesce(measured_at, '99:99') DESC, id DESC LIMIT 1",
        (int(baby_id), day)).fetchone()
    return WEIGHTS.from_row(row) if row else None


def count_entries(connection: sqlite3.Connection, kind: EntryKind) -> int:
    (count,) = connection.execute(f"SELECT count(*) FROM {TABLES[kind].table}").fetchone()
    return int(count)


def _write_shares(connection: sqlite3.Connection, session_id: int, session: PumpingSession) -> None:
    connection.executemany("INSERT INTO pumping_shares (session_id, baby_id, ml) VALUES (?, ?, ?)",
                           [(session_id, int(share.baby_id), share.ml) for share in session.shares])


def _shares_of(connection: sqlite3.Connection, session_ids: list[int]) -> dict[int, tuple[PumpedMilkShare, ...]]:
    """The shares of these sessions, by session id, each sorted by baby id (as `PumpingSession` keeps them)."""
    found: dict[int, list[PumpedMilkShare]] = {}
    if not session_ids:
        return {}
    selected: Iterable[Sequence[Any]]
    if len(session_ids) > 500:  # a long list: one pass over the (small) shares table beats 500-id chunks
        wanted = set(session_ids)
        rows = connection.execute("SELECT session_id, baby_id, ml FROM pumping_shares ORDER BY session_id, baby_id")
        selected = (row for row in rows if row[0] in wanted)
    else:
        marks = ", ".join("?" * len(session_ids))
        selected = connection.execute(
            f"SELECT session_id, baby_id, ml FROM pumping_shares WHERE session_id IN ({marks})"
            " ORDER BY session_id, baby_id", session_ids)
    for session_id, baby_id, ml in selected:
        found.setdefault(int(session_id), []).append(PumpedMilkShare(BabyId(int(baby_id)), float(ml)))
    return {session_id: tuple(shares) for session_id, shares in found.items()}


__all__ = [
    "TABLES",
    "EntryTable",
    "count_entries",
    "delete_entry",
    "get_entry",
    "insert_entry",
    "latest_plan_before",
    "latest_weight_before",
    "list_entries",
    "recent_and_ongoing_events",
    "update_entry",
]
