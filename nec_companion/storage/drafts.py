"""Text a family was typing when the journal locked itself, kept inside the encrypted journal (never anywhere
else) until they open it again: the `drafts` table (schema migration 4).

A draft is opaque to storage: `kind` says which dialog it came from ("entry", "question", "answer") and `state`
is what the dialog needs to show the text again (JSON written by `ui/drafts.py`). Drafts are saved with the
lock's final encrypted save and offered back after the next unlock.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from nec_companion.core.clock import Clock

DRAFTS_TABLE = "drafts"


def create_drafts_table(connection: sqlite3.Connection) -> None:
    connection.execute(
        """
        CREATE TABLE drafts (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            kind       TEXT    NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
            title      TEXT    NOT NULL CHECK (length(title) <= 200),
            state      TEXT    NOT NULL CHECK (length(state) <= 1000000),
            saved_at   TEXT    NOT NULL
        ) STRICT
        """
    )


@dataclass(frozen=True)
class Draft:
    """What a dialog held: `kind` and `state` (the dialog's own JSON), `title` for the family ("a note")."""

    kind: str
    title: str
    state: str
    draft_id: int | None = None
    saved_at: datetime | None = None


class DraftStore:
    """The open journal's drafts. Writing marks the journal changed, so the next save (the lock's) keeps them."""

    def __init__(self, journal: object, *, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    def _connection(self) -> sqlite3.Connection:
        return self._journal.database.connection  # type: ignore[attr-defined]

    def keep(self, drafts: list[Draft] | tuple[Draft, ...]) -> int:
        """Add these drafts; returns how many were kept."""
        if not drafts:
            return 0
        now = self._clock.now().isoformat()
        with self._journal.database.transaction() as connection:  # type: ignore[attr-defined]
            for draft in drafts:
                connection.execute("INSERT INTO drafts (kind, title, state, saved_at) VALUES (?, ?, ?, ?)",
                                   (draft.kind, draft.title[:200], draft.state, now))
        self._journal.mark_changed()  # type: ignore[attr-defined]
        return len(drafts)

    def all(self) -> tuple[Draft, ...]:
        rows = self._connection().execute("SELECT id, kind, title, state, saved_at FROM drafts ORDER BY id")
        return tuple(Draft(kind=kind, title=title, state=state, draft_id=int(draft_id),
                           saved_at=datetime.fromisoformat(saved_at)) for draft_id, kind, title, state, saved_at
                     in rows.fetchall())

    def forget(self, draft_id: int) -> None:
        with self._journal.database.transaction() as connection:  # type: ignore[attr-defined]
            connection.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        self._journal.mark_changed()  # type: ignore[attr-defined]


__all__ = ["DRAFTS_TABLE", "Draft", "DraftStore", "create_drafts_table"]
