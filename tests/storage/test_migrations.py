"""Schema versions: migrations run after a copy of the file is set aside; a newer schema is never touched."""

from __future__ import annotations

import sqlite3

import pytest

from nec_companion.core.errors import Damaged, Unsupported
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.storage import Migration

from .conftest import PASSPHRASE, bean, snapshot


def _add_notes(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT")


def _broken(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE half_done (id INTEGER)")
    raise sqlite3.OperationalError("simulated bug in a migration")


NEXT = JOURNAL_SCHEMA.latest + 1
V2 = JOURNAL_SCHEMA.extended(Migration(NEXT, "notes table", _add_notes))


def test_new_journal_is_at_the_latest_version(directory):
    """A new journal's database has user_version = the latest migration and both v1 tables."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    database = journal.database
    assert database.user_version == JOURNAL_SCHEMA.latest >= 1
    tables = {row[0] for row in database.connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"babies", "meta"} <= tables
    temp_store = database.connection.execute("PRAGMA temp_store").fetchone()[0]
    assert temp_store == 2  # MEMORY


def test_migration_runs_after_copying_the_file_aside(make_directory):
    """Opening a journal with a newer app copies the old file aside, migrates, saves, and keeps the data."""
    old_app = make_directory()
    journal, _ = old_app.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    journal.close()
    before = snapshot(old_app.folder)[f"{journal.journal_id}.njx"]

    new_app = make_directory(schema=V2)
    migrated = new_app.open(journal.journal_id, PASSPHRASE)
    assert migrated.migrated_to == NEXT and not migrated.dirty
    migrated.database.connection.execute("INSERT INTO notes (body) VALUES ('hello')")
    migrated.mark_changed()
    migrated.close()
    files = snapshot(new_app.folder)
    assert files[f"{journal.journal_id}.njx.pre-schema-v{JOURNAL_SCHEMA.latest}"] == before
    reopened = new_app.open(journal.journal_id, PASSPHRASE)
    assert reopened.migrated_to is None
    assert reopened.database.connection.execute("SELECT body FROM notes").fetchall() == [("hello",)]
    assert [baby.nickname for baby in reopened.babies()] == ["Bean"]
    reopened.close()

    # The old app refuses the newer schema and changes nothing.
    before_all = snapshot(old_app.folder)
    with pytest.raises(Unsupported):
        old_app.open(journal.journal_id, PASSPHRASE)
    assert snapshot(old_app.folder) == before_all


def test_failed_migration_leaves_the_file_as_it_was(make_directory):
    """A migration that fails is rolled back; opening reports Damaged and the journal file is unchanged."""
    old_app = make_directory()
    journal, _ = old_app.create(passphrase=PASSPHRASE)
    journal.close()
    current = f"{journal.journal_id}.njx"
    before = snapshot(old_app.folder)[current]
    broken_app = make_directory(schema=JOURNAL_SCHEMA.extended(Migration(NEXT, "broken", _broken)))
    with pytest.raises(Damaged):
        broken_app.open(journal.journal_id, PASSPHRASE)
    assert snapshot(old_app.folder)[current] == before
    old_app.open(journal.journal_id, PASSPHRASE).close()


def test_schema_versions_must_be_consecutive():
    """A schema with a gap in its migration numbers is a programming error caught at import time."""
    with pytest.raises(ValueError):
        JOURNAL_SCHEMA.extended(Migration(NEXT + 1, "gap", _add_notes))


def test_storage_keeps_its_own_migrations_and_the_journal_layer_assembles_the_rest(data_dir):
    """Storage owns 1, 2 and 4; the journal layer adds 3 and 5 and assembles one gap-free schema in order.
    Without the journal's migrations the schema has a gap, and a directory cannot be made without a schema."""
    from nec_companion.journal.schema import JOURNAL_MIGRATIONS, full_schema
    from nec_companion.storage import STORAGE_MIGRATIONS, JournalDirectory, Schema

    assert [m.version for m in STORAGE_MIGRATIONS] == [1, 2, 4]
    assert [m.version for m in JOURNAL_MIGRATIONS] == [3, 5]
    assert [m.version for m in full_schema().migrations] == [1, 2, 3, 4, 5]
    assert full_schema() == JOURNAL_SCHEMA
    with pytest.raises(ValueError):
        Schema.assemble(STORAGE_MIGRATIONS)
    with pytest.raises(TypeError):
        JournalDirectory(data_dir)  # type: ignore[call-arg]
