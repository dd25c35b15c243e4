"""Storing entries: round trips through an encrypted save and reopen, add / edit / delete with undo, filters,
validation at the door, and only JournalError subclasses coming out."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
from nec_companion.core.entries import EntryKind
from nec_companion.core.errors import JournalClosed, JournalError
from nec_companion.core.feeding import (
    BolusFeeds,
    ContinuousFeeds,
    FamilyFeed,
    FamilyFeedMethod,
    FeedingPlanChange,
    FeedRoute,
    FeedsPaused,
    Fortifier,
    Milk,
    MilkKind,
)
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.pumping import PumpedMilkShare, PumpingSession
from nec_companion.journal import (
    BabyNotFound,
    ConfirmationNeeded,
    EntryNotFound,
    EntryRejected,
    JournalEntries,
    TimeZoneRejected,
)
from nec_companion.storage import ChangeKind

from .conftest import PASSPHRASE, ZONE

AT = datetime(2025, 3, 19, 14, 30, tzinfo=UTC)


def one_of_each(robin, wren) -> list:
    """One entry of every kind, with every optional field used somewhere."""
    return [
        FeedingPlanChange(baby_id=robin.baby_id, effective_at=AT, time_zone=ZONE, regimen=BolusFeeds(12.5, 1.5),
                          milk=Milk.mix({MilkKind.MOTHERS_OWN_FRESH: 60, MilkKind.DONOR: 25, MilkKind.FORMULA: 15},
                                        formula_name="preterm 24"),
                          fortifier=Fortifier.COWS_MILK_BASED, fortifier_strength="half", route=FeedRoute.OG_TUBE_BOLUS,
                          note="doctor's round"),
        FeedingPlanChange(baby_id=wren.baby_id, effective_at=AT, time_zone=ZONE, regimen=ContinuousFeeds(2.5)),
        FeedingPlanChange(baby_id=wren.baby_id, effective_at=AT + timedelta(hours=2), time_zone="America/New_York",
                          regimen=FeedsPaused("belly rest")),
        FamilyFeed(baby_id=robin.baby_id, at=AT, time_zone=ZONE, method=FamilyFeedMethod.BOTTLE, volume_ml=20,
                   milk=Milk.only(MilkKind.MOTHERS_OWN_FROZEN), note="all gone"),
        FamilyFeed(baby_id=wren.baby_id, at=AT, time_zone=ZONE, method=FamilyFeedMethod.BREASTFEED),
        PumpingSession(at=AT, time_zone=ZONE, minutes=20, left_ml=25, right_ml=35, colostrum=True, note="night",
                       shares=(PumpedMilkShare(robin.baby_id, 30), PumpedMilkShare(wren.baby_id, 30))),
        PumpingSession(at=AT + timedelta(hours=3), time_zone=ZONE, total_ml=0),
        Weight(baby_id=robin.baby_id, measured_on=date(2025, 3, 19), grams=1180, measured_at=time(22, 15),
               note="new scale"),
        CareEvent(baby_id=robin.baby_id, kind=CareEventKind.ANTIBIOTICS, started_at=AT, time_zone=ZONE,
                  ended_at=AT + timedelta(hours=48), detail="gentamicin"),
        CareEvent(baby_id=wren.baby_id, kind=CareEventKind.NOTICED, started_at=AT, time_zone=ZONE,
                  signs=frozenset({NoticedSign.SWOLLEN_OR_DISCOLOURED_BELLY, NoticedSign.OTHER}),
                  detail="quiet, pale", note="told the nurse"),
        NoteEntry(at=AT, time_zone=ZONE, text="Cuddles ❤ 🍼", tags=("first hold", "Grandma visited"),
                  skin_to_skin_minutes=50, baby_id=robin.baby_id),
        NoteEntry(at=AT, time_zone=ZONE, text="Family note"),
    ]


def test_every_kind_round_trips_through_save_and_reopen(directory, journal, twins, clock):
    """Each kind of entry comes back equal (with its id) after an encrypted save, lock and unlock."""
    entries = JournalEntries(journal, clock=clock, time_zone=ZONE)
    stored = [entries.add(entry, confirmed=True).entry for entry in one_of_each(*twins)]
    assert all(entry.entry_id is not None for entry in stored)
    assert journal.dirty
    journal.close()

    reopened = directory.open(journal.journal_id, PASSPHRASE)
    again = JournalEntries(reopened, clock=clock)
    for entry in stored:
        kind = {FeedingPlanChange: EntryKind.FEEDING_PLAN, FamilyFeed: EntryKind.FAMILY_FEED,
                PumpingSession: EntryKind.PUMPING, Weight: EntryKind.WEIGHT, CareEvent: EntryKind.CARE_EVENT,
                NoteEntry: EntryKind.NOTE}[type(entry)]
        assert again.get(kind, entry.entry_id) == entry
    session = again.get(EntryKind.PUMPING, stored[5].entry_id)
    assert session.total_ml == 60 and [share.ml for share in session.shares] == [30, 30]
    reopened.close()


def test_add_returns_a_change_record_and_marks_the_journal_changed(journal, twins, entries):
    """Adding gives (ADDED, kind, id, entry, no previous, the baby) and makes the journal dirty."""
    journal.save()
    assert not journal.dirty
    change = entries.add(Weight(baby_id=twins[0].baby_id, measured_on=date(2025, 3, 19), grams=1200))
    assert change.kind is ChangeKind.ADDED and change.entry_kind is EntryKind.WEIGHT
    assert change.entry.grams == 1200 and change.entry.entry_id == change.entry_id
    assert change.previous is None and change.baby_ids == (twins[0].baby_id,)
    assert change.undo_text == "Undo add weight"
    assert journal.dirty


def test_refused_entry_is_not_written(twins, entries):
    """A 2,000 mL feed raises EntryRejected with the message per field, and nothing is stored."""
    feed = FamilyFeed(baby_id=twins[0].baby_id, at=AT, time_zone=ZONE, method=FamilyFeedMethod.BOTTLE,
                      volume_ml=2000)
    with pytest.raises(EntryRejected) as caught:
        entries.add(feed)
    assert caught.value.field_problems[0][0] == "volume_ml"
    assert "2,000 mL" in caught.value.user_text()
    assert isinstance(caught.value, JournalError)
    assert entries.family_feeds() == ()


def test_unusual_entry_needs_confirmation(twins, entries):
    """A 120 mL bottle for a 1.15 kg baby asks first (ConfirmationNeeded); confirmed, it is saved."""
    feed = FamilyFeed(baby_id=twins[0].baby_id, at=AT, time_zone=ZONE, method=FamilyFeedMethod.BOTTLE,
                      volume_ml=120)
    assert entries.check(feed).needs_confirmation
    with pytest.raises(ConfirmationNeeded) as caught:
        entries.add(feed)
    assert caught.value.question.endswith("Save it anyway?")
    assert entries.family_feeds() == ()
    assert entries.add(feed, confirmed=True).entry.volume_ml == 120


def test_checks_use_the_stored_weights(twins, entries):
    """A weight 25 % above the stored one asks to confirm; a plan is checked against the weight on its day."""
    robin = twins[0].baby_id
    entries.add(Weight(baby_id=robin, measured_on=date(2025, 3, 18), grams=1200))
    jump = entries.check(Weight(baby_id=robin, measured_on=date(2025, 3, 19), grams=1500))
    assert "the last one (1,200 g on Mar 18, 2025)" in jump.confirmation_text()
    entries.add(Weight(baby_id=robin, measured_on=date(2025, 3, 19), grams=1600), confirmed=True)
    big = FeedingPlanChange(baby_id=robin, effective_at=AT, time_zone=ZONE, regimen=BolusFeeds(110, 4))
    text = entries.check(big).confirmation_text()
    assert "for a baby of 1,600 g" in text and "this size" not in text  # 1,600 g is not under 1.5 kg
    entries.add(Weight(baby_id=robin, measured_on=date(2025, 3, 20), grams=1400))
    assert "for a baby of 1,600 g" in entries.check(big).confirmation_text()  # the plan is on the 19th


def test_update_and_undo_restore_the_old_values(twins, entries):
    """Editing returns the previous entry; undo puts the old values back."""
    added = entries.add(Weight(baby_id=twins[0].baby_id, measured_on=date(2025, 3, 19), grams=1200)).entry
    edited = entries.update(replace(added, grams=1210, note="re-weighed"))
    assert edited.kind is ChangeKind.UPDATED and edited.previous == added
    assert entries.get(EntryKind.WEIGHT, added.entry_id).grams == 1210
    undone = entries.undo(edited)
    assert entries.get(EntryKind.WEIGHT, added.entry_id) == added
    assert undone.kind is ChangeKind.UPDATED


def test_delete_then_restore_keeps_the_same_id(twins, entries):
    """Deleting returns the entry; restoring puts it back under its id; a new entry never reuses a deleted id."""
    robin = twins[0].baby_id
    first = entries.add(NoteEntry(at=AT, time_zone=ZONE, text="one", baby_id=robin)).entry
    second = entries.add(NoteEntry(at=AT, time_zone=ZONE, text="two", baby_id=robin)).entry
    deleted = entries.delete(second)
    assert deleted.kind is ChangeKind.DELETED and deleted.entry is None and deleted.previous == second
    assert entries.notes() == (first,)
    third = entries.add(NoteEntry(at=AT, time_zone=ZONE, text="three", baby_id=robin)).entry
    assert third.entry_id > second.entry_id
    entries.undo(deleted)
    assert entries.get(EntryKind.NOTE, second.entry_id) == second
    with pytest.raises(EntryRejected):
        entries.restore(second)
    added = entries.add(NoteEntry(at=AT, time_zone=ZONE, text="four"))
    entries.undo(added)
    assert entries.get(EntryKind.NOTE, added.entry_id) is None


def test_pumping_shares_are_replaced_on_update_and_restored_on_undo(twins, entries):
    """Editing a session's shares replaces them; deleting and restoring brings the shares back too."""
    robin, wren = (baby.baby_id for baby in twins)
    session = entries.add(PumpingSession(at=AT, time_zone=ZONE, total_ml=60,
                                         shares=(PumpedMilkShare(robin, 30), PumpedMilkShare(wren, 30)))).entry
    changed = entries.update(replace(session, shares=(PumpedMilkShare(wren, 60),))).entry
    assert changed.shares == (PumpedMilkShare(wren, 60),)
    deletion = entries.delete(changed)
    entries.restore(deletion.previous)
    assert entries.get(EntryKind.PUMPING, session.entry_id).shares == (PumpedMilkShare(wren, 60),)


def test_lists_filter_by_baby_and_local_days(twins, entries):
    """Lists are in time order and filter by baby and by local day (00:30 BST belongs to the next day)."""
    robin, wren = (baby.baby_id for baby in twins)
    late = datetime(2025, 3, 18, 23, 30, tzinfo=UTC)  # 23:30 GMT on the 18th (BST starts on the 30th)
    summer = datetime(2025, 3, 19, 9, 0, tzinfo=UTC)
    for baby_id, at in ((robin, late), (wren, late), (robin, summer), (robin, AT)):
        entries.add(FamilyFeed(baby_id=baby_id, at=at, time_zone=ZONE, method=FamilyFeedMethod.BREASTFEED))
    assert [feed.at for feed in entries.family_feeds(robin)] == [late, summer, AT]
    assert [feed.baby_id for feed in entries.family_feeds(first_day=date(2025, 3, 18),
                                                          last_day=date(2025, 3, 18))] == [robin, wren]
    assert len(entries.family_feeds(robin, first_day=date(2025, 3, 19))) == 2
    assert entries.latest(EntryKind.FAMILY_FEED, baby_id=wren).at == late
    newest = entries.list_entries(EntryKind.FAMILY_FEED, newest_first=True, limit=2)
    assert [feed.at for feed in newest] == [AT, summer]


def test_notes_for_a_baby_include_family_notes(twins, entries):
    """A baby's notes list includes notes for the whole family but not the other twin's."""
    robin, wren = (baby.baby_id for baby in twins)
    entries.add(NoteEntry(at=AT, time_zone=ZONE, text="Robin", baby_id=robin))
    entries.add(NoteEntry(at=AT, time_zone=ZONE, text="Wren", baby_id=wren))
    entries.add(NoteEntry(at=AT, time_zone=ZONE, text="Everyone"))
    assert [note.text for note in entries.notes(robin)] == ["Robin", "Everyone"]


def test_deleting_a_baby_deletes_their_entries(journal, twins, entries):
    """Removing a baby removes that baby's entries and pumping shares; the twin's stay; restore is refused."""
    robin, wren = (baby.baby_id for baby in twins)
    kept = entries.add(Weight(baby_id=wren, measured_on=date(2025, 3, 19), grams=1000)).entry
    gone = entries.add(Weight(baby_id=robin, measured_on=date(2025, 3, 19), grams=1180)).entry
    session = entries.add(PumpingSession(at=AT, time_zone=ZONE, total_ml=60,
                                         shares=(PumpedMilkShare(robin, 30), PumpedMilkShare(wren, 30)))).entry
    journal.delete_baby(robin)
    assert entries.weights() == (kept,)
    assert entries.get(EntryKind.PUMPING, session.entry_id).shares == (PumpedMilkShare(wren, 30),)
    with pytest.raises(EntryRejected) as caught:
        entries.restore(gone)
    assert "no longer in the journal" in caught.value.message
    with pytest.raises(BabyNotFound):
        entries.baby_today(robin)


def test_text_with_lone_surrogates_is_stored_cleanly(directory, journal, twins, clock):
    """A note with a lone surrogate half is saved (as U+FFFD) and survives save and reopen."""
    entries = JournalEntries(journal, clock=clock, time_zone=ZONE)
    note = entries.add(NoteEntry(at=AT, time_zone=ZONE, text="ok \udc80 then \ud83d\ude00",
                                 tags=("tag \ud800",))).entry
    assert note.text == "ok \ufffd then 😀" and note.tags == ("tag \ufffd",)
    journal.close()
    reopened = directory.open(journal.journal_id, PASSPHRASE)
    assert JournalEntries(reopened, clock=clock).notes()[0].text == "ok \ufffd then 😀"
    reopened.close()


def test_missing_entries_and_closed_journals_raise_journal_errors(journal, twins, entries):
    """Editing an entry that is gone raises EntryNotFound; any call after locking raises JournalClosed."""
    weight = Weight(baby_id=twins[0].baby_id, measured_on=date(2025, 3, 19), grams=1200)
    with pytest.raises(EntryNotFound):
        entries.update(weight)
    with pytest.raises(EntryNotFound):
        entries.update(replace(weight, entry_id=999))
    with pytest.raises(EntryNotFound):
        entries.delete(replace(weight, entry_id=999))
    journal.close(save=False)
    for call in (lambda: entries.add(weight), entries.weights, entries.today_overview,
                 lambda: entries.check(weight)):
        with pytest.raises(JournalClosed):
            call()


def test_time_zone_is_saved_in_the_journal(directory, journal, clock):
    """set_time_zone is remembered by the journal and wins over the caller's guess next time; junk is refused."""
    entries = JournalEntries(journal, clock=clock, time_zone="Europe/London")
    assert entries.time_zone == "Europe/London"
    with pytest.raises(TimeZoneRejected):
        entries.set_time_zone("Atlantis/Capital")
    entries.set_time_zone("America/New_York")
    journal.close()
    reopened = directory.open(journal.journal_id, PASSPHRASE)
    assert JournalEntries(reopened, clock=clock, time_zone="Europe/London").time_zone == "America/New_York"
    reopened.close()


def test_new_entries_default_to_the_family_zone(journal, clock):
    """With no zone saved and a bad guess, the façade falls back to a zone this computer knows."""
    entries = JournalEntries(journal, clock=clock, time_zone="Not/AZone")
    assert entries.time_zone
    assert entries.today() == date(2025, 3, 20)


def test_database_refusals_come_out_as_journal_errors(twins, entries):
    """Even a value only the database's own CHECK catches (restore skips the questions) raises a JournalError."""
    from nec_companion.journal import EntryNotSaved

    impossible = Weight(baby_id=twins[0].baby_id, measured_on=date(2025, 3, 19), grams=50_000, entry_id=77)
    with pytest.raises(EntryNotSaved) as caught:
        entries.restore(impossible)
    assert caught.value.user_text().startswith("This entry couldn't be saved.")
    assert entries.weights() == ()


def test_empty_journal_today(entries):
    """A journal with no babies and no entries gives an empty Today with zero pumping, not an error."""
    overview = entries.today_overview()
    assert overview.babies == () and overview.warnings == ()
    assert overview.pumping.day.total_ml == 0 and overview.pumping.last_session is None
    assert overview.pumping.rolling_24h_ml == 0
