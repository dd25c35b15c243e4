"""`JournalEntries`: the façade over one open journal's entries (check, add, update, delete, undo, list, and the
daily figures the Today screen, tables and charts show).

Every write validates first (refusals raise `EntryRejected`; unusual values raise `ConfirmationNeeded` unless
`confirmed=True`), runs in one transaction, calls `journal.mark_changed()` and returns an `EntryChange` the UI
refreshes from and can undo. Only `JournalError` subclasses leave this class.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.care_events import CareEvent
from nec_companion.core.clock import Clock
from nec_companion.core.daily import (
    BabyChartSeries,
    FeedingDay,
    PlanPeriod,
    PumpingDay,
    WeightGain,
    baby_chart_series,
    feeding_days,
    periods_overlapping,
    plan_periods,
    pumping_days,
    rolling_pumping_total,
    weight_gain,
)
from nec_companion.core.entries import EntryKind, JournalEntry, entry_baby_ids, entry_day, entry_kind
from nec_companion.core.errors import JournalError
from nec_companion.core.feeding import FamilyFeed, FeedingPlanChange
from nec_companion.core.i18n import _
from nec_companion.core.local_time import (
    TimeZoneInvalid,
    day_start,
    instant_text,
    local_day,
    system_zone_name,
    zone_for,
)
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.plausibility import CheckContext, EntryCheck, EntryProblem, Severity, check_entry
from nec_companion.core.pumping import PumpingSession
from nec_companion.core.today import (
    RECENT_EVENTS_WINDOW,
    BabyToday,
    PumpingToday,
    TodayOverview,
    baby_today,
    pumping_today,
)
from nec_companion.journal import entry_rows
from nec_companion.journal.errors import (
    BabyNotFound,
    ConfirmationNeeded,
    EntryNotFound,
    EntryNotSaved,
    EntryRejected,
    TimeZoneRejected,
)
from nec_companion.storage.baby_book import BabyBook, ChangeKind
from nec_companion.storage.journal import OpenJournal

_T = TypeVar("_T")

TIME_ZONE_META_KEY = "time_zone"
_WEIGHT_LOOKBACK_DAYS = 22
"""Weights loaded for the Today card: enough for the 7-day gain (whose first weighing may be 21 days back)."""


@dataclass(frozen=True)
class EntryChange:
    """What a write changed, so the UI can refresh just that and offer Undo.

    `entry` is the entry as stored now (None after a delete). `previous` is the entry as it was before (for an
    update or a delete): `JournalEntries.undo(change)` puts it back. `baby_ids` are the babies whose Today card,
    tables and charts are affected (none for pumping without shares or a family note: refresh the family parts).
    """

    kind: ChangeKind
    entry_kind: EntryKind
    entry_id: int
    entry: JournalEntry | None
    previous: JournalEntry | None
    baby_ids: tuple[BabyId, ...]

    @property
    def undo_text(self) -> str:
        """"Undo delete weight", "Undo add pumping", for the Undo button or menu."""
        verb = {ChangeKind.ADDED: "add", ChangeKind.UPDATED: "edit", ChangeKind.DELETED: "delete"}[self.kind]
        return f"Undo {verb} {self.entry_kind.label.lower()}"


class JournalEntries:
    """The entries of one open journal. Create one per unlocked journal; it holds no entries itself.

    `time_zone` (an IANA name) is the family's zone: day boundaries and "today" use it. It is taken from the
    journal (saved with `set_time_zone`), else from the argument, else from this computer's setting.
    """

    def __init__(self, journal: OpenJournal, *, clock: Clock, time_zone: str | None = None) -> None:
        self._journal = journal
        self._clock = clock
        self._babies = BabyBook(journal, clock=clock)
        stored = self._read_meta(TIME_ZONE_META_KEY)
        chosen = next((name for name in (stored, time_zone) if name and _known(name)), None)
        self._zone_name = chosen or system_zone_name()

    # ------------------------------------------------------------------------------------------ time

    @property
    def time_zone(self) -> str:
        """The family's IANA zone name (for new entries' `time_zone` and for day boundaries)."""
        return self._zone_name

    def set_time_zone(self, name: str) -> str:
        """Use and save another zone for this journal (a family who moved). Raises TimeZoneRejected."""
        if not isinstance(name, str) or not _known(name):
            raise TimeZoneRejected(str(name))
        with self._writing() as connection:
            connection.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                               " SET value = excluded.value", (TIME_ZONE_META_KEY, name))
        self._journal.mark_changed()
        self._zone_name = name
        return name

    def now(self) -> datetime:
        return self._clock.now()

    def today(self) -> date:
        """Today's date in the family's zone."""
        return local_day(self._clock.now(), self._zone_name)

    # ------------------------------------------------------------------------------------------ writes

    def check(self, entry: JournalEntry) -> EntryCheck:
        """Refusals and confirmations for `entry` as it would be saved now (nothing is written)."""
        return self._guard(lambda: check_entry(entry, self._context(entry)))

    def add(self, entry: JournalEntry, *, confirmed: bool = False) -> EntryChange:
        """Validate and store a new entry (its `entry_id`, if any, is ignored: a copy is added).

        Raises EntryRejected, or ConfirmationNeeded unless `confirmed`.
        """
        entry = replace(entry, entry_id=None)
        self._require_saveable(entry, confirmed=confirmed)
        now = self._clock.now()
        with self._writing() as connection:
            new_id = entry_rows.insert_entry(connection, entry, now=now)
        self._journal.mark_changed()
        stored = self._get_stored(entry_kind(entry), new_id)
        return EntryChange(ChangeKind.ADDED, entry_kind(entry), new_id, stored, None, entry_baby_ids(stored))

    def update(self, entry: JournalEntry, *, confirmed: bool = False) -> EntryChange:
        """Validate and overwrite a stored entry (matched by `entry_id`). Raises EntryNotFound, EntryRejected,
        ConfirmationNeeded."""
        kind = entry_kind(entry)
        if entry.entry_id is None:
            raise EntryNotFound()
        previous = self._get_stored(kind, entry.entry_id)
        self._require_saveable(entry, confirmed=confirmed)
        with self._writing() as connection:
            found = entry_rows.update_entry(connection, entry, now=self._clock.now())
        if not found:
            raise EntryNotFound()
        self._journal.mark_changed()
        stored = self._get_stored(kind, entry.entry_id)
        babies = tuple(dict.fromkeys(entry_baby_ids(previous) + entry_baby_ids(stored)))
        return EntryChange(ChangeKind.UPDATED, kind, int(entry.entry_id), stored, previous, babies)

    def delete(self, entry: JournalEntry) -> EntryChange:
        """Delete a stored entry. The change's `previous` is what `restore` (or `undo`) puts back."""
        kind = entry_kind(entry)
        if entry.entry_id is None:
            raise EntryNotFound()
        previous = self._get_stored(kind, entry.entry_id)
        with self._writing() as connection:
            entry_rows.delete_entry(connection, kind, entry.entry_id)
        self._journal.mark_changed()
        return EntryChange(ChangeKind.DELETED, kind, int(entry.entry_id), None, previous, entry_baby_ids(previous))

    def restore(self, entry: JournalEntry) -> EntryChange:
        """Put a deleted entry back under its own id (Undo of a delete). No plausibility questions: it was
        accepted before. Raises EntryRejected if it is already there or its baby has been deleted."""
        kind = entry_kind(entry)
        if entry.entry_id is None:
            raise EntryNotFound()
        if self._guard(lambda: entry_rows.get_entry(self._connection(), kind, int(entry.entry_id or 0))):
            raise EntryRejected(_single_refusal("entry", _("This entry is already back in the journal.")))
        with self._writing() as connection:
            entry_rows.insert_entry(connection, entry, now=self._clock.now(), entry_id=int(entry.entry_id))
        self._journal.mark_changed()
        stored = self._get_stored(kind, entry.entry_id)
        return EntryChange(ChangeKind.ADDED, kind, int(entry.entry_id), stored, None, entry_baby_ids(stored))

    def undo(self, change: EntryChange) -> EntryChange:
        """Reverse a change returned by add / update / delete / restore; returns the change the undo made."""
        if change.kind is ChangeKind.ADDED:
            assert change.entry is not None
            return self.delete(change.entry)
        if change.previous is None:
            raise EntryNotFound()
        if change.kind is ChangeKind.UPDATED:
            return self.update(change.previous, confirmed=True)
        return self.restore(change.previous)

    # ------------------------------------------------------------------------------------------ reads

    def get(self, kind: EntryKind, entry_id: int) -> JournalEntry | None:
        return self._guard(lambda: entry_rows.get_entry(self._connection(), kind, entry_id))

    def list_entries(
        self,
        kind: EntryKind,
        *,
        baby_id: BabyId | None = None,
        first_day: date | None = None,
        last_day: date | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> tuple[JournalEntry, ...]:
        """Entries of one kind, in time order, for one baby (None: all; pumping is never filtered by baby; a
        baby's notes include the family's notes) and local days `first_day` to `last_day` (both included)."""
        since, before = self._range_text(kind, first_day, last_day)
        return self._guard(lambda: tuple(entry_rows.list_entries(
            self._connection(), kind, baby_id=baby_id, since=since, before=before, newest_first=newest_first,
            limit=limit)))

    def feeding_plans(self, baby_id: BabyId | None = None, *, first_day: date | None = None,
                      last_day: date | None = None) -> tuple[FeedingPlanChange, ...]:
        return self.list_entries(EntryKind.FEEDING_PLAN, baby_id=baby_id, first_day=first_day,
                         last_day=last_day)  # type: ignore[return-value]

    def family_feeds(self, baby_id: BabyId | None = None, *, first_day: date | None = None,
                     last_day: date | None = None) -> tuple[FamilyFeed, ...]:
        return self.list_entries(EntryKind.FAMILY_FEED, baby_id=baby_id, first_day=first_day,
                         last_day=last_day)  # type: ignore[return-value]

    def pumping_sessions(self, *, first_day: date | None = None,
                         last_day: date | None = None) -> tuple[PumpingSession, ...]:
        return self.list_entries(EntryKind.PUMPING, first_day=first_day, last_day=last_day)  # type: ignore[return-value]

    def weights(self, baby_id: BabyId | None = None, *, first_day: date | None = None,
                last_day: date | None = None) -> tuple[Weight, ...]:
        return self.list_entries(EntryKind.WEIGHT, baby_id=baby_id, first_day=first_day,
                         last_day=last_day)  # type: ignore[return-value]

    def care_events(self, baby_id: BabyId | None = None, *, first_day: date | None = None,
                    last_day: date | None = None) -> tuple[CareEvent, ...]:
        return self.list_entries(EntryKind.CARE_EVENT, baby_id=baby_id, first_day=first_day,
                         last_day=last_day)  # type: ignore[return-value]

    def notes(self, baby_id: BabyId | None = None, *, first_day: date | None = None,
              last_day: date | None = None) -> tuple[NoteEntry, ...]:
        return self.list_entries(EntryKind.NOTE, baby_id=baby_id, first_day=first_day,
                         last_day=last_day)  # type: ignore[return-value]

    def latest(self, kind: EntryKind, *, baby_id: BabyId | None = None) -> JournalEntry | None:
        """The most recent entry of a kind (for a baby), for a dialog's defaults ("the last values")."""
        found = self.list_entries(kind, baby_id=baby_id, newest_first=True, limit=1)
        return found[0] if found else None

    def plan_in_force(self, baby_id: BabyId, at: datetime | None = None) -> FeedingPlanChange | None:
        """The baby's plan at `at` (default now), or None before the first plan change."""
        moment = instant_text(at or self._clock.now())
        return self._guard(lambda: entry_rows.latest_plan_before(self._connection(), baby_id, moment))

    # ------------------------------------------------------------------------------------------ figures

    def today_overview(self) -> TodayOverview:
        """The whole Today screen: a card per baby and the mother's pumping."""
        now = self._clock.now()
        babies = self._guard(self._journal.babies)
        return TodayOverview(day=local_day(now, self._zone_name), now=now,
                             babies=tuple(self._baby_today(baby, now) for baby in babies),
                             pumping=self.pumping_today())

    def baby_today(self, baby_id: BabyId) -> BabyToday:
        """One baby's Today card (after a change that names this baby in `EntryChange.baby_ids`)."""
        return self._baby_today(self._baby(baby_id), self._clock.now())

    def pumping_today(self) -> PumpingToday:
        now = self._clock.now()
        zone = self._zone_name
        since = min(day_start(local_day(now, zone), zone), now - timedelta(hours=24))
        sessions = self._guard(lambda: entry_rows.list_entries(
            self._connection(), EntryKind.PUMPING, since=instant_text(since),
            before=instant_text(now + timedelta(seconds=1))))
        last = sessions[-1] if sessions else self.latest(EntryKind.PUMPING)
        result = pumping_today(sessions=sessions, now=now, zone_name=zone)
        return replace(result, last_session=last if isinstance(last, PumpingSession) else None)

    def feeding_days(self, baby_id: BabyId, *, first_day: date, last_day: date) -> tuple[FeedingDay, ...]:
        """One `FeedingDay` per local day (never before birth): the feeding table and the mL/kg/day chart."""
        baby = self._baby(baby_id)
        plans, weights = self._plans_and_weights(baby, first_day - timedelta(days=1), last_day)
        return self._guard(lambda: feeding_days(baby=baby, plans=plans, weights=weights, zone_name=self._zone_name,
                                                first_day=first_day, last_day=last_day))

    def plan_periods(self, baby_id: BabyId, *, first_day: date, last_day: date) -> tuple[PlanPeriod, ...]:
        """The plans in force during those days, clipped to them (shade the paused ones)."""
        baby = self._baby(baby_id)
        plans, _weights = self._plans_and_weights(baby, first_day, last_day, with_weights=False)
        start = day_start(first_day, self._zone_name)
        end = day_start(last_day + timedelta(days=1), self._zone_name)
        return periods_overlapping(plan_periods(plans), start, end)

    def chart_series(self, baby_id: BabyId, *, first_day: date, last_day: date) -> BabyChartSeries:
        """Everything the feeding and weight charts draw for one baby and a range of days, in one call."""
        baby = self._baby(baby_id)
        plans, weights = self._plans_and_weights(baby, first_day - timedelta(days=1), last_day)
        events = self.care_events(baby_id, first_day=first_day, last_day=last_day)
        notes = self.notes(baby_id, first_day=first_day, last_day=last_day)
        return self._guard(lambda: baby_chart_series(
            baby=baby, plans=plans, weights=weights, events=events, notes=notes, zone_name=self._zone_name,
            first_day=first_day, last_day=last_day))

    def pumping_days(self, *, first_day: date, last_day: date) -> tuple[PumpingDay, ...]:
        """Daily pumping totals and sessions (days without pumping included as 0)."""
        sessions = self.pumping_sessions(first_day=first_day, last_day=last_day)
        return pumping_days(sessions, zone_name=self._zone_name, first_day=first_day, last_day=last_day)

    def rolling_pumping_total(self, at: datetime | None = None) -> float:
        """mL pumped in the 24 hours up to `at` (default now)."""
        moment = at or self._clock.now()
        sessions = self._guard(lambda: entry_rows.list_entries(
            self._connection(), EntryKind.PUMPING, since=instant_text(moment - timedelta(hours=24)),
            before=instant_text(moment + timedelta(seconds=1))))
        return rolling_pumping_total(sessions, at=moment)

    def weight_gain(self, baby_id: BabyId, *, on: date | None = None) -> WeightGain | None:
        """g/kg/day over the last 7 days up to `on` (default: the latest weighing)."""
        baby = self._baby(baby_id)
        weights = self.weights(baby_id, last_day=on)
        return weight_gain(baby=baby, weights=weights, on=on)

    # ------------------------------------------------------------------------------------------ internals

    def _baby_today(self, baby: Baby, now: datetime) -> BabyToday:
        zone = self._zone_name
        day = local_day(now, zone)
        plans, weights = self._plans_and_weights(baby, day - timedelta(days=1), day,
                                                 weights_from=day - timedelta(days=_WEIGHT_LOOKBACK_DAYS))
        connection = self._connection()
        since = min(now - RECENT_EVENTS_WINDOW, day_start(day, zone))
        events = self._guard(lambda: entry_rows.recent_and_ongoing_events(
            connection, baby.baby_id, since=instant_text(since), now=instant_text(now)))
        feeds = self.family_feeds(baby.baby_id, first_day=day, last_day=day)
        notes = self.notes(baby.baby_id, first_day=day, last_day=day)
        return self._guard(lambda: baby_today(baby=baby, now=now, zone_name=zone, plans=plans, weights=weights,
                                              events=events, family_feeds=feeds, notes=notes))

    def _plans_and_weights(self, baby: Baby, first_day: date, last_day: date, *, with_weights: bool = True,
                           weights_from: date | None = None) -> tuple[list[FeedingPlanChange], list[Weight]]:
        """The plans that matter for those days (the one in force at the start, and every change until the
        end), and the weighings from `weights_from` (default `first_day`) to `last_day` plus the one before."""
        zone = self._zone_name
        start = instant_text(day_start(first_day, zone))
        end = instant_text(day_start(last_day + timedelta(days=1), zone))
        connection = self._connection()

        def load() -> tuple[list[FeedingPlanChange], list[Weight]]:
            plans: list[FeedingPlanChange] = []
            before = entry_rows.latest_plan_before(connection, baby.baby_id, start)
            if before is not None:
                plans.append(before)
            plans += [plan for plan in entry_rows.list_entries(connection, EntryKind.FEEDING_PLAN,
                                                               baby_id=baby.baby_id, since=start, before=end)
                      if before is None or plan.entry_id != before.entry_id]
            weights: list[Weight] = []
            if with_weights:
                origin = (weights_from or first_day).isoformat()
                earlier = entry_rows.latest_weight_before(connection, baby.baby_id, origin)
                weights = ([earlier] if earlier else []) + entry_rows.list_entries(
                    connection, EntryKind.WEIGHT, baby_id=baby.baby_id, since=origin,
                    before=(last_day + timedelta(days=1)).isoformat())
            return plans, weights

        return self._guard(load)

    def _context(self, entry: JournalEntry) -> CheckContext:
        connection = self._connection()
        babies = {baby.baby_id: baby for baby in self._babies.all()}
        baby_ids = entry_baby_ids(entry)
        baby = None
        if not isinstance(entry, PumpingSession) and baby_ids:
            baby = babies.get(baby_ids[0])
        weight_g = previous = None
        if baby is not None:
            day = entry_day(entry, self._zone_name)
            if isinstance(entry, Weight):
                previous = entry_rows.latest_weight_before(connection, baby.baby_id, day.isoformat())
            else:
                found = entry_rows.latest_weight_before(connection, baby.baby_id,
                                                        (day + timedelta(days=1)).isoformat())
                weight_g = found.grams if found is not None else baby.birth_weight_g
        return CheckContext(now=self._clock.now(), zone_name=self._zone_name, baby=baby,
                            known_baby_ids=frozenset(babies), weight_g=weight_g, previous_weight=previous)

    def _require_saveable(self, entry: JournalEntry, *, confirmed: bool) -> None:
        check = self.check(entry)
        if not check.can_save:
            raise EntryRejected(check)
        if check.confirmations and not confirmed:
            raise ConfirmationNeeded(check)

    def _baby(self, baby_id: BabyId) -> Baby:
        baby = self._guard(lambda: self._babies.get(baby_id))
        if baby is None:
            raise BabyNotFound()
        return baby

    def _get_stored(self, kind: EntryKind, entry_id: int) -> Any:
        found = self.get(kind, entry_id)
        if found is None:
            raise EntryNotFound()
        return found

    def _range_text(self, kind: EntryKind, first_day: date | None,
                    last_day: date | None) -> tuple[str | None, str | None]:
        if kind is EntryKind.WEIGHT:
            return (first_day.isoformat() if first_day else None,
                    (last_day + timedelta(days=1)).isoformat() if last_day else None)
        zone = self._zone_name
        return (instant_text(day_start(first_day, zone)) if first_day else None,
                instant_text(day_start(last_day + timedelta(days=1), zone)) if last_day else None)

    def _connection(self) -> sqlite3.Connection:
        return self._journal.database.connection

    def _read_meta(self, key: str) -> str | None:
        row = self._guard(lambda: self._connection().execute("SELECT value FROM meta WHERE key = ?",
                                                             (key,)).fetchone())
        return str(row[0]) if row else None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._journal.database.transaction() as connection:
                yield connection
        except JournalError:
            raise
        except sqlite3.IntegrityError as error:
            text = str(error)
            if "FOREIGN KEY" in text:
                raise EntryRejected(_single_refusal("baby_id", _("This baby is no longer in the journal."))) from None
            if "UNIQUE" in text:
                raise EntryRejected(_single_refusal("entry", _("This entry is already in the journal."))) from None
            raise EntryNotSaved(detail=text) from None
        except sqlite3.Error as error:
            raise EntryNotSaved(detail=f"{type(error).__name__}: {error}") from None

    def _guard(self, action: Callable[[], _T]) -> _T:
        try:
            return action()
        except JournalError:
            raise
        except sqlite3.Error as error:
            raise EntryNotSaved(_("The journal couldn't be read just now."), next_step=_("Please try again."),
                                detail=f"{type(error).__name__}: {error}") from None
        except TimeZoneInvalid:
            raise TimeZoneRejected(self._zone_name) from None


def _known(name: str) -> bool:
    try:
        zone_for(name)
    except TimeZoneInvalid:
        return False
    return True


def _single_refusal(field: str, message: str) -> EntryCheck:
    return EntryCheck((EntryProblem(field, message, Severity.REFUSE),))


__all__ = ["TIME_ZONE_META_KEY", "EntryChange", "JournalEntries"]
