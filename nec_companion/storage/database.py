"""One journal's SQLite database, held only in memory: created, loaded from and saved to an image.

Plaintext never touches the disk: the database is `:memory:` with `PRAGMA temp_store=MEMORY` (without it,
large sorts spill `etilqs_*` files into the temp folder), and it leaves the process only as
`Connection.serialize()` bytes that the caller encrypts.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from nec_companion.core.errors import Damaged, Unsupported
from nec_companion.storage.schema import APPLICATION_ID, Schema

_HARDENING = (
    "PRAGMA temp_store = MEMORY",
    "PRAGMA trusted_schema = OFF",
    "PRAGMA cell_size_check = ON",
    "PRAGMA foreign_keys = ON",
)


def _connect() -> sqlite3.Connection:
    # check_same_thread=False: the UI opens journals on a worker thread (the KDF is slow) and then uses them on
    # the GUI thread. `OpenJournal` serialises access with its own lock.
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    for pragma in _HARDENING:
        connection.execute(pragma)
    return connection


_SCHEMA_QUERY = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name, tbl_name"
_EXPECTED: dict[tuple[Schema, int], tuple[tuple[object, ...], ...]] = {}


def _schema_rows(connection: sqlite3.Connection) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(row) for row in connection.execute(_SCHEMA_QUERY).fetchall())


def expected_schema_rows(schema: Schema, version: int) -> tuple[tuple[object, ...], ...]:
    """What `sqlite_master` holds in a journal this app made and migrated to `version` (cached)."""
    key = (schema, version)
    if key not in _EXPECTED:
        connection = _connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            for migration in schema.pending(0)[:version]:
                migration.apply(connection)
            connection.execute("COMMIT")
            _EXPECTED[key] = _schema_rows(connection)
        finally:
            connection.close()
    return _EXPECTED[key]


#: The `meta` key of the family's language code ("en", "es"): the app speaks it while the journal is open.
LANGUAGE_META_KEY = "language"


class JournalDatabase:
    """The in-memory database of one open journal."""

    def __init__(self, connection: sqlite3.Connection, schema: Schema) -> None:
        self._connection = connection
        self._schema = schema

    @classmethod
    def new(cls, schema: Schema, *, created_at: datetime, app_version: str,
            language: str | None = None) -> JournalDatabase:
        """An empty journal at the latest schema version (remembering the family's `language` code, if given)."""
        database = cls(_connect(), schema)
        database._connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        database.migrate()
        rows = [("created_at", created_at.isoformat()), ("created_by_app_version", app_version)]
        if language is not None:
            rows.append((LANGUAGE_META_KEY, language))
        with database.transaction():
            database._connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows)
        return database

    def meta(self, key: str) -> str | None:
        """One value of the `meta` table (inside the encrypted file), or None when it was never set."""
        row = self._connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row is not None else None

    def set_meta(self, key: str, value: str) -> None:
        """Set one value of the `meta` table in its own transaction."""
        with self.transaction() as connection:
            connection.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                               " SET value = excluded.value", (key, value))

    @classmethod
    def from_image(cls, image: bytes, schema: Schema) -> JournalDatabase:
        """Load a decrypted image. Damaged if it is not a sound journal database, Unsupported if it is newer."""
        connection = _connect()
        try:
            connection.deserialize(image)
            for pragma in _HARDENING:  # re-applied: deserialize replaces the main database
                connection.execute(pragma)
            result = connection.execute("PRAGMA quick_check").fetchall()
            if result != [("ok",)]:
                raise Damaged(detail="database quick_check failed")
            (application_id,) = connection.execute("PRAGMA application_id").fetchone()
            (version,) = connection.execute("PRAGMA user_version").fetchone()
        except (Damaged, Unsupported):
            connection.close()
            raise
        except (sqlite3.Error, MemoryError, OverflowError, ValueError) as error:
            connection.close()
            raise Damaged(detail=f"database image unreadable: {type(error).__name__}") from None
        if application_id != APPLICATION_ID or version < 1:
            connection.close()
            raise Damaged(detail="not a journal database")
        if version > schema.latest:
            connection.close()
            raise Unsupported(detail=f"schema version {version} is newer than {schema.latest}")
        try:
            found = _schema_rows(connection)
        except sqlite3.Error:
            found = None
        if found != expected_schema_rows(schema, version):
            # Tables, columns, indexes exactly as this app makes them at that version; no views, no triggers
            # (a crafted database inside a correctly encrypted backup is refused as damaged; audit M10).
            connection.close()
            raise Damaged(detail="the database's tables are not the ones the app makes")
        return cls(connection, schema)

    @property
    def connection(self) -> sqlite3.Connection:
        return self._connection

    @property
    def user_version(self) -> int:
        (version,) = self._connection.execute("PRAGMA user_version").fetchone()
        return int(version)

    @property
    def needs_migration(self) -> bool:
        return self.user_version < self._schema.latest

    def migrate(self) -> tuple[int, ...]:
        """Run every pending migration in one transaction; returns the versions applied."""
        pending = self._schema.pending(self.user_version)
        if not pending:
            return ()
        with self.transaction():
            for migration in pending:
                migration.apply(self._connection)
                self._connection.execute(f"PRAGMA user_version = {int(migration.version)}")
        return tuple(migration.version for migration in pending)

    def transaction(self) -> _Transaction:
        return _Transaction(self._connection)

    def image(self) -> bytes:
        """The whole database as bytes (plaintext: encrypt before it goes anywhere)."""
        return self._connection.serialize()

    def close(self) -> None:
        self._connection.close()


class _Transaction:
    """`with database.transaction():` BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self._connection.execute("BEGIN IMMEDIATE")
        return self._connection

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        if exc_type is None:
            self._connection.execute("COMMIT")
        else:
            self._connection.execute("ROLLBACK")
