"""The journal database schema as an ordered list of migrations; `PRAGMA user_version` is the schema version.

Storage owns only its own tables (`STORAGE_MIGRATIONS`: 1 babies and meta, 2 questions, 4 drafts); the
journal layer adds its entry tables (3 and 5) and assembles the whole schema (`nec_companion.journal.schema`),
which the composition root hands to `JournalDirectory(schema=...)`. Storage never imports the journal layer.

To add tables later, add a `Migration` (in the layer that owns the tables) whose `version` is the next number
of the whole schema and whose `apply` runs the statements (no `executescript`: it would commit half-way).
Migrations run inside one transaction on the in-memory database, after the encrypted file as it was has been
copied aside (see `OpenedJournal`), so a failed or unwanted migration never costs the family their data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

APPLICATION_ID = 0x4E45434A  # "NECJ": marks the SQLite image as a journal database


@dataclass(frozen=True)
class Migration:
    """Brings the schema from `version - 1` to `version`."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Schema:
    """An ordered, gap-free tuple of migrations; `latest` is the version they reach."""

    migrations: tuple[Migration, ...]

    def __post_init__(self) -> None:
        versions = [migration.version for migration in self.migrations]
        if versions != list(range(1, len(versions) + 1)):
            raise ValueError("migration versions must be 1, 2, 3, ... with no gaps")

    @property
    def latest(self) -> int:
        return len(self.migrations)

    def pending(self, current_version: int) -> tuple[Migration, ...]:
        return tuple(migration for migration in self.migrations if migration.version > current_version)

    def extended(self, *more: Migration) -> Schema:
        """This schema plus later migrations (used by tests)."""
        return Schema(self.migrations + tuple(more))

    @classmethod
    def assemble(cls, *groups: tuple[Migration, ...]) -> Schema:
        """One schema from each layer's migrations, in version order (they must still be 1, 2, 3, ... no gaps)."""
        return cls(tuple(sorted((m for group in groups for m in group), key=lambda m: m.version)))


def _v1_babies_and_meta(connection: sqlite3.Connection) -> None:
    connection.execute(
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT
        """
    )
    connection.execute(
        """
        CREATE TABLE babies (
            id             INTEGER PRIMARY KEY,
            nickname       TEXT    NOT NULL CHECK (length(nickname) BETWEEN 1 AND 200),
            birth_date     TEXT    NOT NULL CHECK (length(birth_date) = 10),
            birth_time     TEXT             CHECK (birth_time IS NULL OR length(birth_time) = 5),
            ga_weeks       INTEGER NOT NULL CHECK (ga_weeks BETWEEN 0 AND 60),
            ga_days        INTEGER NOT NULL CHECK (ga_days BETWEEN 0 AND 6),
            birth_weight_g INTEGER          CHECK (birth_weight_g IS NULL OR birth_weight_g BETWEEN 1 AND 20000),
            created_at     TEXT    NOT NULL,
            updated_at     TEXT    NOT NULL
        ) STRICT
        """
    )


def _v2_questions(connection: sqlite3.Connection) -> None:
    from nec_companion.storage.questions_table import create_questions_table

    create_questions_table(connection)


def _v4_drafts(connection: sqlite3.Connection) -> None:
    from nec_companion.storage.drafts import create_drafts_table

    create_drafts_table(connection)


STORAGE_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "babies and meta tables", _v1_babies_and_meta),
    Migration(2, "questions for the care team", _v2_questions),
    Migration(4, "drafts: text being typed when the journal locked itself, kept encrypted until the next unlock",
              _v4_drafts),
)
"""The storage layer's own migrations; 3 and 5 (entry tables) come from the journal layer."""
