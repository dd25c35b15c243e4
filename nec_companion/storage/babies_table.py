"""Reading and writing the `babies` table (rows <-> `Baby`); validation happens before these are called."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from typing import Any

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import Baby, BabyDetails, BabyId

_COLUMNS = "id, nickname, birth_date, birth_time, ga_weeks, ga_days, birth_weight_g"


def _row_to_baby(row: tuple[Any, ...]) -> Baby:
    baby_id, nickname, birth_date, birth_time, ga_weeks, ga_days, weight = row
    return Baby(
        baby_id=BabyId(int(baby_id)),
        nickname=str(nickname),
        birth_date=date.fromisoformat(str(birth_date)),
        birth_time=time.fromisoformat(str(birth_time)) if birth_time is not None else None,
        gestational_age=GestationalAge(int(ga_weeks), int(ga_days)),
        birth_weight_g=int(weight) if weight is not None else None,
    )


def _values(details: BabyDetails) -> tuple[object, ...]:
    return (
        details.nickname,
        details.birth_date.isoformat(),
        details.birth_time.strftime("%H:%M") if details.birth_time else None,
        details.gestational_age.weeks,
        details.gestational_age.days,
        details.birth_weight_g,
    )


def list_babies(connection: sqlite3.Connection) -> tuple[Baby, ...]:
    rows = connection.execute(f"SELECT {_COLUMNS} FROM babies ORDER BY birth_date, id").fetchall()
    return tuple(_row_to_baby(row) for row in rows)


def get_baby(connection: sqlite3.Connection, baby_id: BabyId) -> Baby | None:
    row = connection.execute(f"SELECT {_COLUMNS} FROM babies WHERE id = ?", (int(baby_id),)).fetchone()
    return _row_to_baby(row) if row else None


def insert_baby(connection: sqlite3.Connection, details: BabyDetails, *, now: datetime) -> BabyId:
    stamp = now.isoformat()
    cursor = connection.execute(
        "INSERT INTO babies (nickname, birth_date, birth_time, ga_weeks, ga_days, birth_weight_g, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*_values(details), stamp, stamp),
    )
    return BabyId(int(cursor.lastrowid or 0))


def update_baby(connection: sqlite3.Connection, *, baby_id: BabyId, details: BabyDetails, now: datetime) -> bool:
    cursor = connection.execute(
        "UPDATE babies SET nickname = ?, birth_date = ?, birth_time = ?, ga_weeks = ?, ga_days = ?,"
        " birth_weight_g = ?, updated_at = ? WHERE id = ?",
        (*_values(details), now.isoformat(), int(baby_id)),
    )
    return cursor.rowcount == 1


def delete_baby(connection: sqlite3.Connection, baby_id: BabyId) -> bool:
    cursor = connection.execute("DELETE FROM babies WHERE id = ?", (int(baby_id),))
    return cursor.rowcount == 1
