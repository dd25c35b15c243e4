"""Schema migration 5: feeds a parent gives include a tube feed and colostrum mouth care, not only breast or bottle.

`family_feeds` had CHECK (method IN ('breast', 'bottle')). SQLite cannot change a CHECK in place, so the table is
rebuilt with the wider CHECK (same columns, rows and ids), its index recreated, and its AUTOINCREMENT counter kept
(ids of deleted feeds stay unused, so an undone delete still gets its own id back). Runs inside the migration's
transaction, after the encrypted file was copied aside.
"""

from __future__ import annotations

import sqlite3

from nec_companion.journal.entries_schema import _STATEMENTS

_OLD_CHECK = "CHECK (method IN ('breast', 'bottle'))"
_NEW_CHECK = "CHECK (method IN ('breast', 'bottle', 'tube', 'mouth_care'))"


def _new_table_statement() -> str:
    statement = next(s for s in _STATEMENTS if "CREATE TABLE family_feeds (" in s)
    if _OLD_CHECK not in statement:  # pragma: no cover - guards the frozen text this migration rewrites
        raise RuntimeError("family_feeds statement changed")
    return statement.replace(_OLD_CHECK, _NEW_CHECK).replace("CREATE TABLE family_feeds (",
                                                             "CREATE TABLE family_feeds_v5 (")


def widen_family_feed_methods(connection: sqlite3.Connection) -> None:
    row = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = 'family_feeds'").fetchone()
    connection.execute(_new_table_statement())
    connection.execute("INSERT INTO family_feeds_v5 SELECT * FROM family_feeds")
    connection.execute("DROP TABLE family_feeds")
    connection.execute("ALTER TABLE family_feeds_v5 RENAME TO family_feeds")
    connection.execute("CREATE INDEX family_feeds_by_baby_time ON family_feeds (baby_id, at)")
    if row is not None:
        connection.execute("DELETE FROM sqlite_sequence WHERE name = 'family_feeds'")
        connection.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('family_feeds', ?)", (int(row[0]),))


__all__ = ["widen_family_feed_methods"]
