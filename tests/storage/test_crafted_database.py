"""Audit M10 and SECURITY §9: a database that is correctly encrypted but not shaped as the app makes it (no
tables, a recursive VIEW in place of a table, a trigger, an extra column) is refused as Damaged; only
JournalError escapes, never sqlite3's errors or a hang."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from nec_companion.core.errors import Damaged, JournalError
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.storage import JournalDatabase

from .conftest import PASSPHRASE, bean

CRAFTED = {
    "no tables": ["DROP TABLE babies", "DROP TABLE meta"],
    "recursive view": ["DROP TABLE babies",
                       "CREATE VIEW babies AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
                       "SELECT x AS baby_id FROM n"],
    "trigger": ["CREATE TRIGGER spy AFTER INSERT ON babies BEGIN DELETE FROM meta; END"],
    "extra column": ["ALTER TABLE babies ADD COLUMN secret TEXT"],
    "extra table": ["CREATE TABLE extra (x)"],
}


def _image(statements: list[str]) -> bytes:
    database = JournalDatabase.new(JOURNAL_SCHEMA, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                                   app_version="test")
    connection: sqlite3.Connection = database.connection
    connection.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        connection.execute(statement)
    image = database.image()
    database.close()
    return image


@pytest.mark.parametrize("kind", sorted(CRAFTED))
def test_crafted_database_image_is_refused_as_damaged(kind):
    with pytest.raises(Damaged):
        JournalDatabase.from_image(_image(CRAFTED[kind]), JOURNAL_SCHEMA)


def test_the_apps_own_database_is_accepted():
    JournalDatabase.from_image(_image([]), JOURNAL_SCHEMA).close()


@pytest.mark.parametrize("kind", ["no tables", "recursive view"])
def test_crafted_journal_opens_from_its_backup_or_says_damaged(directory, kind):
    """A journal whose newest copy holds a crafted database opens from the good backup; never a raw error."""
    journal, _code = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(bean())
    journal.save()
    connection = journal.database.connection
    connection.execute("PRAGMA foreign_keys = OFF")
    for statement in CRAFTED[kind]:
        connection.execute(statement)
    journal.mark_changed()
    journal.save()
    journal.close(save=False)
    try:
        reopened = directory.open(journal.journal_id, PASSPHRASE)
    except JournalError:
        return
    assert reopened.restored_from_backup is not None
    assert isinstance(reopened.babies(), tuple)  # the older good copy (saved before Bean) works normally
    reopened.close()
