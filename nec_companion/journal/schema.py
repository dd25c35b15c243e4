"""The whole journal database schema, assembled here, above storage: storage's own migrations (1 babies and
meta, 2 questions, 4 drafts) plus the journal layer's entry tables (3 entries, 5 wider feed kinds).

The composition roots (`app.py`, `cli.py`, the tour, scripts and tests) pass `JOURNAL_SCHEMA` (or
`full_schema()`) to `JournalDirectory(schema=...)`, so storage never imports the journal layer. Migrations
are frozen once released: a change of schema is a new `Migration` with the next version number, added to
the layer that owns its tables.
"""

from __future__ import annotations

import sqlite3

from nec_companion.storage.schema import STORAGE_MIGRATIONS, Migration, Schema


def _v3_journal_entries(connection: sqlite3.Connection) -> None:
    from nec_companion.journal.entries_schema import create_entry_tables

    create_entry_tables(connection)


def _v5_feed_kinds(connection: sqlite3.Connection) -> None:
    from nec_companion.journal.feed_kinds_schema import widen_family_feed_methods

    widen_family_feed_methods(connection)


JOURNAL_MIGRATIONS: tuple[Migration, ...] = (
    Migration(3, "journal entries: feeding plans, family feeds, pumping, weights, care events, notes",
              _v3_journal_entries),
    Migration(5, "feeds a parent gives: also a tube feed and colostrum mouth care", _v5_feed_kinds),
)
"""The journal layer's migrations: its entry tables."""


def full_schema() -> Schema:
    """Storage's migrations and the journal's, in version order: the schema every journal file has."""
    return Schema.assemble(STORAGE_MIGRATIONS, JOURNAL_MIGRATIONS)


JOURNAL_SCHEMA = full_schema()

__all__ = ["JOURNAL_MIGRATIONS", "JOURNAL_SCHEMA", "full_schema"]
