"""The six kinds of journal entry as one union, with what generic code (tables, undo, filters) needs to know."""

from __future__ import annotations

import enum
from datetime import date, datetime

from nec_companion.core.babies import BabyId
from nec_companion.core.care_events import CareEvent
from nec_companion.core.feeding import FamilyFeed, FeedingPlanChange
from nec_companion.core.i18n import N_, _
from nec_companion.core.local_time import local_day
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.pumping import PumpingSession

JournalEntry = FeedingPlanChange | FamilyFeed | PumpingSession | Weight | CareEvent | NoteEntry
ENTRY_TYPES = (FeedingPlanChange, FamilyFeed, PumpingSession, Weight, CareEvent, NoteEntry)


class EntryKind(enum.Enum):
    """Which table an entry lives in. Values are stable (used in change records and settings)."""

    FEEDING_PLAN = "feeding_plan"
    FAMILY_FEED = "family_feed"
    PUMPING = "pumping"
    WEIGHT = "weight"
    CARE_EVENT = "care_event"
    NOTE = "note"

    @property
    def label(self) -> str:
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    EntryKind.FEEDING_PLAN: N_("Feeding plan"),
    EntryKind.FAMILY_FEED: N_("Feed"),
    EntryKind.PUMPING: N_("Pumping"),
    EntryKind.WEIGHT: N_("Weight"),
    EntryKind.CARE_EVENT: N_("Care event"),
    EntryKind.NOTE: N_("Note"),
}

_KIND_BY_TYPE: dict[type, EntryKind] = {
    FeedingPlanChange: EntryKind.FEEDING_PLAN,
    FamilyFeed: EntryKind.FAMILY_FEED,
    PumpingSession: EntryKind.PUMPING,
    Weight: EntryKind.WEIGHT,
    CareEvent: EntryKind.CARE_EVENT,
    NoteEntry: EntryKind.NOTE,
}


def entry_kind(entry: JournalEntry) -> EntryKind:
    """The kind of an entry. TypeError for anything that is not a journal entry."""
    try:
        return _KIND_BY_TYPE[type(entry)]
    except KeyError:
        raise TypeError(f"not a journal entry: {type(entry).__name__}") from None


def entry_baby_ids(entry: JournalEntry) -> tuple[BabyId, ...]:
    """The babies an entry is about: one for most kinds; the shared babies for pumping; none for a family
    note."""
    if isinstance(entry, PumpingSession):
        return tuple(share.baby_id for share in entry.shares)
    if isinstance(entry, NoteEntry):
        return (entry.baby_id,) if entry.baby_id is not None else ()
    return (entry.baby_id,)


def entry_instant(entry: JournalEntry) -> datetime | None:
    """When the entry happened (the start, for a course or a plan), or None for a weight (kept by date)."""
    if isinstance(entry, FeedingPlanChange):
        return entry.effective_at
    if isinstance(entry, CareEvent):
        return entry.started_at
    if isinstance(entry, Weight):
        return None
    return entry.at


def entry_day(entry: JournalEntry, zone_name: str) -> date:
    """The local day an entry belongs to in the family's zone (a weight: the date it was taken)."""
    if isinstance(entry, Weight):
        return entry.measured_on
    moment = entry_instant(entry)
    assert moment is not None
    return local_day(moment, zone_name)


__all__ = ["ENTRY_TYPES", "EntryKind", "JournalEntry", "entry_baby_ids", "entry_day", "entry_instant", "entry_kind"]
