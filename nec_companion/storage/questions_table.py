"""The `questions` table (migration 2) and its rows <-> `Question`; validation happens in core.questions."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from nec_companion.core.babies import BabyId
from nec_companion.core.questions import (
    Answer,
    Priority,
    Question,
    QuestionDraft,
    QuestionId,
    Role,
    Status,
    Topic,
)


def create_questions_table(connection: sqlite3.Connection) -> None:
    connection.execute(
        """
        CREATE TABLE questions (
            id             INTEGER PRIMARY KEY,
            text           TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
            topic          TEXT    NOT NULL,
            priority       INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
            status         TEXT    NOT NULL,
            baby_id        INTEGER REFERENCES babies(id) ON DELETE SET NULL,
            position       INTEGER NOT NULL,
            source_article TEXT,
            answer         TEXT,
            answer_role    TEXT,
            answered_at    TEXT,
            asked_at       TEXT,
            created_at     TEXT    NOT NULL,
            updated_at     TEXT    NOT NULL
        ) STRICT
        """
    )
    connection.execute("CREATE INDEX questions_by_status ON questions(status, priority, position)")


_COLUMNS = ("id, text, topic, priority, status, baby_id, position, source_article, answer, answer_role, "
            "answered_at, asked_at, created_at, updated_at")


def _when(text: Any) -> datetime | None:
    return datetime.fromisoformat(str(text)) if text else None


def _row(row: tuple[Any, ...]) -> Question:
    (qid, text, topic, priority, status, baby_id, position, source, answer, role, answered_at, asked_at,
     created_at, updated_at) = row
    answered = _when(answered_at)
    return Question(
        question_id=QuestionId(int(qid)),
        text=str(text),
        topic=Topic(topic) if topic in {t.value for t in Topic} else Topic.OTHER,
        priority=Priority(int(priority)),
        status=Status(status) if status in {s.value for s in Status} else Status.TO_ASK,
        baby_id=BabyId(int(baby_id)) if baby_id is not None else None,
        position=int(position),
        created_at=_when(created_at) or datetime.min,
        updated_at=_when(updated_at) or datetime.min,
        asked_at=_when(asked_at),
        answer=Answer(text=str(answer or ""), role=Role(role) if role in {r.value for r in Role} else Role.OTHER,
                      answered_at=answered) if answered is not None else None,
        source_article=str(source) if source else None,
    )


def list_questions(connection: sqlite3.Connection) -> tuple[Question, ...]:
    rows = connection.execute(f"SELECT {_COLUMNS} FROM questions ORDER BY position, id").fetchall()
    return tuple(_row(r) for r in rows)


def get_question(connection: sqlite3.Connection, question_id: QuestionId) -> Question | None:
    row = connection.execute(f"SELECT {_COLUMNS} FROM questions WHERE id = ?", (int(question_id),)).fetchone()
    return _row(row) if row else None


def insert_question(connection: sqlite3.Connection, draft: QuestionDraft, *, now: datetime) -> QuestionId:
    position = connection.execute("SELECT coalesce(max(position), 0) + 1 FROM questions").fetchone()[0]
    cursor = connection.execute(
        "INSERT INTO questions (text, topic, priority, status, baby_id, position, source_article, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft.text, draft.topic.value, int(draft.priority), Status.TO_ASK.value, draft.baby_id, position,
         draft.source_article, now.isoformat(), now.isoformat()),
    )
    return QuestionId(int(cursor.lastrowid or 0))


def restore_question(connection: sqlite3.Connection, question: Question) -> None:
    """Put back a deleted question exactly as it was (undo)."""
    answer = question.answer
    connection.execute(
        f"INSERT INTO questions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (int(question.question_id), question.text, question.topic.value, int(question.priority),
         question.status.value, question.baby_id, question.position, question.source_article,
         answer.text if answer else None, answer.role.value if answer else None,
         answer.answered_at.isoformat() if answer else None,
         question.asked_at.isoformat() if question.asked_at else None, question.created_at.isoformat(),
         question.updated_at.isoformat()),
    )


def update_question(connection: sqlite3.Connection, question_id: QuestionId, draft: QuestionDraft, *,
                    now: datetime) -> None:
    connection.execute(
        "UPDATE questions SET text = ?, topic = ?, priority = ?, baby_id = ?, updated_at = ? WHERE id = ?",
        (draft.text, draft.topic.value, int(draft.priority), draft.baby_id, now.isoformat(), int(question_id)),
    )


def set_status(connection: sqlite3.Connection, question_id: QuestionId, status: Status, *, now: datetime) -> None:
    asked = now.isoformat() if status in (Status.ASKED, Status.ANSWERED) else None
    connection.execute(
        "UPDATE questions SET status = ?, asked_at = coalesce(asked_at, ?), updated_at = ? WHERE id = ?",
        (status.value, asked, now.isoformat(), int(question_id)),
    )


def set_answer(connection: sqlite3.Connection, question_id: QuestionId, answer: Answer, *, now: datetime) -> None:
    connection.execute(
        "UPDATE questions SET status = ?, answer = ?, answer_role = ?, answered_at = ?, "
        "asked_at = coalesce(asked_at, ?), updated_at = ? WHERE id = ?",
        (Status.ANSWERED.value, answer.text, answer.role.value, answer.answered_at.isoformat(),
         answer.answered_at.isoformat(), now.isoformat(), int(question_id)),
    )


def delete_question(connection: sqlite3.Connection, question_id: QuestionId) -> None:
    connection.execute("DELETE FROM questions WHERE id = ?", (int(question_id),))


def move_question(connection: sqlite3.Connection, question_id: QuestionId, *, before: QuestionId | None) -> None:
    """Put a question just before another one (or at the end), renumbering positions 1..n."""
    ids = [int(r[0]) for r in connection.execute("SELECT id FROM questions ORDER BY position, id")]
    ids.remove(int(question_id))
    index = ids.index(int(before)) if before is not None and int(before) in ids else len(ids)
    ids.insert(index, int(question_id))
    connection.executemany("UPDATE questions SET position = ? WHERE id = ?",
                           [(position, qid) for position, qid in enumerate(ids, start=1)])
