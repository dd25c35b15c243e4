"""Schema migrations 4 (drafts kept at lock) and 5 (tube feeds and colostrum mouth care): an older journal gains
them and keeps every feed, with its id, and its id counter."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.core.feeding import FamilyFeed, FamilyFeedMethod
from nec_companion.journal import JournalEntries
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.storage import Schema
from nec_companion.storage.drafts import Draft, DraftStore

from .conftest import NOW, PASSPHRASE, ZONE

V3 = Schema(JOURNAL_SCHEMA.migrations[:3])


def _bean() -> BabyDetails:
    return BabyDetails(nickname="Bean", birth_date=date(2025, 3, 1), gestational_age=GestationalAge(27, 3),
                       birth_weight_g=900)


def _feed(baby_id, method: FamilyFeedMethod, volume: float | None, minutes: int = 0) -> FamilyFeed:
    return FamilyFeed(baby_id=baby_id, at=NOW - timedelta(hours=2, minutes=minutes), time_zone=ZONE,
                      method=method, volume_ml=volume)


def test_migrations_4_and_5_are_the_drafts_and_the_feed_kinds():
    assert [m.version for m in JOURNAL_SCHEMA.migrations[3:5]] == [4, 5]
    assert "drafts" in JOURNAL_SCHEMA.migrations[3].description
    assert "tube feed" in JOURNAL_SCHEMA.migrations[4].description


def test_v3_journal_keeps_its_feeds_and_ids_and_takes_the_new_kinds(make_directory, clock):
    old_app = make_directory(schema=V3)
    journal, _ = old_app.create(passphrase=PASSPHRASE)
    baby = journal.add_baby(_bean()).baby
    old = JournalEntries(journal, clock=clock, time_zone=ZONE)
    kept = old.add(_feed(baby.baby_id, FamilyFeedMethod.BOTTLE, 20, minutes=5)).entry
    gone = old.add(_feed(baby.baby_id, FamilyFeedMethod.BREASTFEED, None, minutes=3)).entry
    old.delete(gone)
    with pytest.raises(sqlite3.IntegrityError):  # a v3 journal refuses the new kinds at the database itself
        journal.database.connection.execute(
            "INSERT INTO family_feeds (baby_id, at, time_zone, method, created_at, updated_at) "
            "VALUES (1, '2025-03-20T08:00:00Z', 'UTC', 'tube', 'x', 'x')")
    journal.close()

    new_app = make_directory()
    migrated = new_app.open(journal.journal_id, PASSPHRASE)
    assert migrated.migrated_to == JOURNAL_SCHEMA.latest
    entries = JournalEntries(migrated, clock=clock, time_zone=ZONE)
    assert [(f.entry_id, f.method, f.volume_ml) for f in entries.family_feeds()] == [
        (kept.entry_id, FamilyFeedMethod.BOTTLE, 20)]
    tube = entries.add(_feed(baby.baby_id, FamilyFeedMethod.TUBE, 15, minutes=1)).entry
    care = entries.add(_feed(baby.baby_id, FamilyFeedMethod.MOUTH_CARE, None)).entry
    assert tube.entry_id > gone.entry_id  # the id of the deleted feed stays unused (undo can bring it back)
    migrated.close()

    reopened = new_app.open(journal.journal_id, PASSPHRASE)
    feeds = JournalEntries(reopened, clock=clock, time_zone=ZONE).family_feeds()
    assert {f.method for f in feeds} == {FamilyFeedMethod.BOTTLE, FamilyFeedMethod.TUBE, FamilyFeedMethod.MOUTH_CARE}
    assert {f.describe() for f in feeds} >= {"Tube feed: 15 mL", "Colostrum mouth care"}
    assert care.entry_id is not None
    reopened.close()


def test_tube_feed_needs_an_amount_and_mouth_care_does_not(entries, twins):
    robin, _ = twins
    refused = entries.check(_feed(robin.baby_id, FamilyFeedMethod.TUBE, None))
    assert [p.field for p in refused.refusals] == ["volume_ml"]
    assert entries.check(_feed(robin.baby_id, FamilyFeedMethod.MOUTH_CARE, None)).refusals == ()
    assert entries.check(_feed(robin.baby_id, FamilyFeedMethod.MOUTH_CARE, 0.2)).refusals == ()
    assert [p.field for p in entries.check(_feed(robin.baby_id, FamilyFeedMethod.MOUTH_CARE, 30)).refusals] == [
        "volume_ml"]


def test_drafts_are_kept_in_the_encrypted_journal_and_only_there(directory, clock):
    journal, _ = directory.create(passphrase=PASSPHRASE)
    store = DraftStore(journal, clock=clock)
    assert store.keep([Draft(kind="entry", title="Write a note", state='{"fields": {"t": "Zqxdraftsecret"}}')]) == 1
    assert journal.dirty
    journal.save()
    for path in directory.folder.rglob("*"):
        if path.is_file():
            assert b"Zqxdraftsecret" not in path.read_bytes()
    journal.close()
    again = directory.open(journal.journal_id, PASSPHRASE)
    store = DraftStore(again, clock=clock)
    (draft,) = store.all()
    assert (draft.kind, draft.title, draft.saved_at) == ("entry", "Write a note", NOW)
    store.forget(draft.draft_id)
    assert store.all() == ()
    again.close()


def test_a_new_journal_has_the_same_tables_as_a_migrated_one(make_directory, directory):
    fresh, _ = directory.create(passphrase=PASSPHRASE)
    old_app = make_directory(schema=V3)
    old, _ = old_app.create(passphrase=PASSPHRASE, label="Old one")
    old.close()
    migrated = make_directory().open(old.journal_id, PASSPHRASE)

    def tables(journal) -> list[tuple[str, str]]:
        return sorted(journal.database.connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())

    assert tables(fresh) == tables(migrated)
    fresh.close()
    migrated.close()
