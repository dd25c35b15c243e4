"""Schema migration 3 (journal entries): older journals gain the entry tables and keep everything they had."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.core.measurements import Weight
from nec_companion.journal import JournalEntries
from nec_companion.journal.entries_schema import ENTRY_TABLES
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.storage import Schema

from .conftest import PASSPHRASE, ZONE

V1 = Schema(JOURNAL_SCHEMA.migrations[:1])
V2 = Schema(JOURNAL_SCHEMA.migrations[:2])


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _bean() -> BabyDetails:
    return BabyDetails(nickname="Bean", birth_date=date(2025, 3, 1), gestational_age=GestationalAge(27, 3),
                       birth_weight_g=900)


def test_entry_tables_are_migration_3():
    """The entry tables arrive with migration 3, after babies (1) and questions (2)."""
    assert JOURNAL_SCHEMA.migrations[2].version == 3
    assert "journal entries" in JOURNAL_SCHEMA.migrations[2].description


@pytest.mark.parametrize("old_schema", [V1, V2], ids=["from v1", "from v2"])
def test_older_journal_is_migrated_and_keeps_its_babies(make_directory, clock, old_schema):
    """Opening a v1 (or v2) journal copies it aside, adds the entry tables, keeps the babies, and takes entries."""
    old_app = make_directory(schema=old_schema)
    journal, _ = old_app.create(passphrase=PASSPHRASE)
    baby = journal.add_baby(_bean()).baby
    assert not (_tables(journal.database.connection) & set(ENTRY_TABLES))
    journal.close()

    new_app = make_directory()
    migrated = new_app.open(journal.journal_id, PASSPHRASE)
    assert migrated.migrated_to == JOURNAL_SCHEMA.latest
    assert set(ENTRY_TABLES) <= _tables(migrated.database.connection)
    assert (new_app.folder / f"{journal.journal_id}.njx.pre-schema-v{old_schema.latest}").exists()
    entries = JournalEntries(migrated, clock=clock, time_zone=ZONE)
    entries.add(Weight(baby_id=baby.baby_id, measured_on=date(2025, 3, 10), grams=950))
    migrated.close()

    reopened = new_app.open(journal.journal_id, PASSPHRASE)
    assert reopened.migrated_to is None
    assert [b.nickname for b in reopened.babies()] == ["Bean"]
    assert [w.grams for w in JournalEntries(reopened, clock=clock).weights()] == [950]
    reopened.close()


def test_tables_are_strict_with_checks_and_time_indexes(journal):
    """Every entry table is STRICT; a row the app would never write is refused by the database itself."""
    connection = journal.database.connection
    for table in ENTRY_TABLES:
        (sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        assert sql.rstrip().endswith(("STRICT", "WITHOUT ROWID")) and "STRICT" in sql
    indexes = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"feeding_plans_by_baby_time", "family_feeds_by_baby_time", "pumping_sessions_by_time",
            "weights_by_baby_day", "care_events_by_baby_time", "journal_notes_by_baby_time"} <= indexes
    journal.add_baby(_bean())
    bad_rows = [
        "INSERT INTO feeding_plans (baby_id, effective_at, time_zone, mode, created_at, updated_at)"
        " VALUES (1, '2025-03-02T10:00:00Z', 'UTC', 'bolus', 'x', 'x')",  # a bolus without a volume
        "INSERT INTO weights (baby_id, measured_on, grams, created_at, updated_at)"
        " VALUES (1, '2025-03-02', 0, 'x', 'x')",  # a weight of 0
        "INSERT INTO pumping_sessions (at, time_zone, total_ml, created_at, updated_at)"
        " VALUES ('2025-03-02 10:00', 'UTC', 10, 'x', 'x')",  # not an instant
        "INSERT INTO weights (baby_id, measured_on, grams, created_at, updated_at)"
        " VALUES (99, '2025-03-02', 900, 'x', 'x')",  # no such baby
        "INSERT INTO journal_notes (at, time_zone, body, created_at, updated_at)"
        " VALUES ('2025-03-02T10:00:00Z', 'UTC', X'00', 'x', 'x')",  # STRICT: bytes are not text
    ]
    for statement in bad_rows:
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(statement)
