"""The entry tables of schema migration 3 (feeding plans, family feeds, pumping, weights, care events, notes).

FROZEN: journals in families' hands were created with exactly these statements. Never edit them; a change of
schema is a new `Migration` added in `journal/schema.py`.

Instants are UTC text "YYYY-MM-DDTHH:MM:SSZ" (text order = time order) plus the IANA zone in effect. The
CHECKs are a safety net under the app's own validation (which gives the family the messages), so their ranges
are wider than `core/plausibility.py`. Deleting a baby deletes that baby's entries (ON DELETE CASCADE).
AUTOINCREMENT keeps the ids of deleted entries unused, so an undone delete puts an entry back under its own id.
"""

from __future__ import annotations

import sqlite3

_INSTANT = ("length({0}) = 20 AND {0} GLOB "
            "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'")
_DATE = "length({0}) = 10 AND {0} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
_ZONE = "length(time_zone) BETWEEN 1 AND 64"
_NOTE = "note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 20000)"
_MILK = """
            milk_recorded       INTEGER NOT NULL DEFAULT 0 CHECK (milk_recorded IN (0, 1)),
            milk_mom_fresh_pct  INTEGER NOT NULL DEFAULT 0 CHECK (milk_mom_fresh_pct BETWEEN 0 AND 100),
            milk_mom_frozen_pct INTEGER NOT NULL DEFAULT 0 CHECK (milk_mom_frozen_pct BETWEEN 0 AND 100),
            milk_donor_pct      INTEGER NOT NULL DEFAULT 0 CHECK (milk_donor_pct BETWEEN 0 AND 100),
            milk_formula_pct    INTEGER NOT NULL DEFAULT 0 CHECK (milk_formula_pct BETWEEN 0 AND 100),
            formula_name        TEXT    NOT NULL DEFAULT '' CHECK (length(formula_name) <= 1000),"""
_MILK_SUM = """CHECK (milk_recorded = 0 OR milk_mom_fresh_pct + milk_mom_frozen_pct + milk_donor_pct
                   + milk_formula_pct = 100)"""

ENTRY_TABLES = ("feeding_plans", "family_feeds", "pumping_sessions", "pumping_shares", "weights", "care_events",
                "journal_notes")

_STATEMENTS = (
    f"""
    CREATE TABLE feeding_plans (
        id                 INTEGER PRIMARY KEY AUTOINCREMENT,
        baby_id            INTEGER NOT NULL REFERENCES babies (id) ON DELETE CASCADE,
        effective_at       TEXT    NOT NULL CHECK ({_INSTANT.format("effective_at")}),
        time_zone          TEXT    NOT NULL CHECK ({_ZONE}),
        mode               TEXT    NOT NULL CHECK (mode IN ('bolus', 'continuous', 'paused')),
        volume_ml          REAL             CHECK (volume_ml IS NULL OR volume_ml > 0 AND volume_ml <= 5000),
        interval_hours     REAL             CHECK (interval_hours IS NULL OR interval_hours BETWEEN 0.5 AND 24),
        rate_ml_per_hour   REAL             CHECK (rate_ml_per_hour IS NULL
                                                   OR rate_ml_per_hour > 0 AND rate_ml_per_hour <= 1000),
        pause_reason       TEXT    NOT NULL DEFAULT '' CHECK (length(pause_reason) <= 1000),{_MILK}
        fortifier          TEXT    NOT NULL DEFAULT 'none' CHECK (fortifier IN ('none', 'human', 'cow')),
        fortifier_strength TEXT    NOT NULL DEFAULT '' CHECK (length(fortifier_strength) <= 1000),
        route              TEXT             CHECK (route IS NULL OR route IN ('ng_bolus', 'og_bolus',
                                                   'ng_continuous', 'og_continuous', 'bottle', 'breast', 'cup',
                                                   'other')),
        {_NOTE},
        created_at         TEXT    NOT NULL,
        updated_at         TEXT    NOT NULL,
        CHECK (mode <> 'bolus'
               OR volume_ml IS NOT NULL AND interval_hours IS NOT NULL AND rate_ml_per_hour IS NULL),
        CHECK (mode <> 'continuous'
               OR rate_ml_per_hour IS NOT NULL AND volume_ml IS NULL AND interval_hours IS NULL),
        CHECK (mode <> 'paused' OR volume_ml IS NULL AND interval_hours IS NULL AND rate_ml_per_hour IS NULL),
        {_MILK_SUM}
    ) STRICT
    """,
    "CREATE INDEX feeding_plans_by_baby_time ON feeding_plans (baby_id, effective_at)",
    f"""
    CREATE TABLE family_feeds (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        baby_id     INTEGER NOT NULL REFERENCES babies (id) ON DELETE CASCADE,
        at          TEXT    NOT NULL CHECK ({_INSTANT.format("at")}),
        time_zone   TEXT    NOT NULL CHECK ({_ZONE}),
        method      TEXT    NOT NULL CHECK (method IN ('breast', 'bottle')),
        volume_ml   REAL             CHECK (volume_ml IS NULL OR volume_ml BETWEEN 0 AND 5000),{_MILK}
        {_NOTE},
        created_at  TEXT    NOT NULL,
        updated_at  TEXT    NOT NULL,
        {_MILK_SUM}
    ) STRICT
    """,
    "CREATE INDEX family_feeds_by_baby_time ON family_feeds (baby_id, at)",
    f"""
    CREATE TABLE pumping_sessions (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT    NOT NULL CHECK ({_INSTANT.format("at")}),
        time_zone  TEXT    NOT NULL CHECK ({_ZONE}),
        minutes    INTEGER          CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 1440),
        left_ml    REAL             CHECK (left_ml IS NULL OR left_ml BETWEEN 0 AND 10000),
        right_ml   REAL             CHECK (right_ml IS NULL OR right_ml BETWEEN 0 AND 10000),
        total_ml   REAL    NOT NULL CHECK (total_ml BETWEEN 0 AND 10000),
        colostrum  INTEGER NOT NULL DEFAULT 0 CHECK (colostrum IN (0, 1)),
        {_NOTE},
        created_at TEXT    NOT NULL,
        updated_at TEXT    NOT NULL
    ) STRICT
    """,
    "CREATE INDEX pumping_sessions_by_time ON pumping_sessions (at)",
    """
    CREATE TABLE pumping_shares (
        session_id INTEGER NOT NULL REFERENCES pumping_sessions (id) ON DELETE CASCADE,
        baby_id    INTEGER NOT NULL REFERENCES babies (id) ON DELETE CASCADE,
        ml         REAL    NOT NULL CHECK (ml BETWEEN 0 AND 10000),
        PRIMARY KEY (session_id, baby_id)
    ) STRICT, WITHOUT ROWID
    """,
    "CREATE INDEX pumping_shares_by_baby ON pumping_shares (baby_id, session_id)",
    f"""
    CREATE TABLE weights (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        baby_id     INTEGER NOT NULL REFERENCES babies (id) ON DELETE CASCADE,
        measured_on TEXT    NOT NULL CHECK ({_DATE.format("measured_on")}),
        measured_at TEXT             CHECK (measured_at IS NULL OR length(measured_at) = 5),
        grams       INTEGER NOT NULL CHECK (grams BETWEEN 1 AND 30000),
        {_NOTE},
        created_at  TEXT    NOT NULL,
        updated_at  TEXT    NOT NULL
    ) STRICT
    """,
    "CREATE INDEX weights_by_baby_day ON weights (baby_id, measured_on, measured_at)",
    f"""
    CREATE TABLE care_events (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        baby_id    INTEGER NOT NULL REFERENCES babies (id) ON DELETE CASCADE,
        kind       TEXT    NOT NULL CHECK (kind IN ('antibiotics', 'probiotic', 'acid_reducer', 'transfusion',
                                                    'procedure', 'test', 'noticed')),
        started_at TEXT    NOT NULL CHECK ({_INSTANT.format("started_at")}),
        time_zone  TEXT    NOT NULL CHECK ({_ZONE}),
        ended_at   TEXT             CHECK (ended_at IS NULL
                                           OR {_INSTANT.format("ended_at")} AND ended_at >= started_at),
        detail     TEXT    NOT NULL DEFAULT '' CHECK (length(detail) <= 1000),
        signs      TEXT    NOT NULL DEFAULT '' CHECK (length(signs) <= 200),
        {_NOTE},
        created_at TEXT    NOT NULL,
        updated_at TEXT    NOT NULL,
        CHECK (kind <> 'noticed' OR signs <> '')
    ) STRICT
    """,
    "CREATE INDEX care_events_by_baby_time ON care_events (baby_id, started_at)",
    f"""
    CREATE TABLE journal_notes (
        id                   INTEGER PRIMARY KEY AUTOINCREMENT,
        baby_id              INTEGER          REFERENCES babies (id) ON DELETE CASCADE,
        at                   TEXT    NOT NULL CHECK ({_INSTANT.format("at")}),
        time_zone            TEXT    NOT NULL CHECK ({_ZONE}),
        body                 TEXT    NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
        tags                 TEXT    NOT NULL DEFAULT '' CHECK (length(tags) <= 2000),
        skin_to_skin_minutes INTEGER          CHECK (skin_to_skin_minutes IS NULL
                                                     OR skin_to_skin_minutes BETWEEN 0 AND 1440),
        created_at           TEXT    NOT NULL,
        updated_at           TEXT    NOT NULL
    ) STRICT
    """,
    "CREATE INDEX journal_notes_by_baby_time ON journal_notes (baby_id, at)",
    "CREATE INDEX journal_notes_by_time ON journal_notes (at)",
)


def create_entry_tables(connection: sqlite3.Connection) -> None:
    """Run migration 3's statements (inside the migration's transaction; no executescript)."""
    for statement in _STATEMENTS:
        connection.execute(statement)
