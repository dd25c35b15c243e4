"""`QuestionBook`: the family's questions for the care team inside one open journal (no Qt).

Every change goes through here, is validated in `core.questions`, and returns a `QuestionChange` the UI
refreshes from. Deleting returns the question so the UI can offer Undo (`restore`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from nec_companion.core.clock import Clock
from nec_companion.core.errors import InputRejected, JournalNotFound
from nec_companion.core.i18n import _
from nec_companion.core.questions import (
    Answer,
    Question,
    QuestionDraft,
    QuestionId,
    QuestionProblem,
    Role,
    Status,
    clean_answer,
    clean_question,
    find_same,
)
from nec_companion.storage import questions_table
from nec_companion.storage.journal import OpenJournal


class QuestionChangeKind(enum.Enum):
    ADDED = "added"
    UPDATED = "updated"
    DELETED = "deleted"
    ALREADY_THERE = "already there"
    MOVED = "moved"


@dataclass(frozen=True)
class QuestionChange:
    kind: QuestionChangeKind
    question: Question  # after the change; for DELETED, the question as it was (for Undo)


class QuestionRejected(InputRejected):
    """A question or answer can't be saved as typed."""


class QuestionBook:
    def __init__(self, journal: OpenJournal, *, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    def _connection(self):
        return self._journal.database.connection

    def all(self) -> tuple[Question, ...]:
        return questions_table.list_questions(self._connection())

    def get(self, question_id: QuestionId) -> Question:
        found = questions_table.get_question(self._connection(), question_id)
        if found is None:
            raise JournalNotFound(_("That question is no longer on the list."), next_step="")
        return found

    def _write(self, action) -> None:
        with self._journal.database.transaction() as connection:
            action(connection)
        self._journal.mark_changed()

    def add(self, draft: QuestionDraft) -> QuestionChange:
        """Add a question, unless the same question is already on the list (then say so, add nothing)."""
        cleaned = _checked(lambda: clean_question(draft))
        same = find_same(cleaned.text, self.all())
        if same is not None:
            return QuestionChange(QuestionChangeKind.ALREADY_THERE, same)
        created: list[QuestionId] = []
        self._write(lambda c: created.append(questions_table.insert_question(c, cleaned, now=self._clock.now())))
        return QuestionChange(QuestionChangeKind.ADDED, self.get(created[0]))

    def update(self, question_id: QuestionId, draft: QuestionDraft) -> QuestionChange:
        cleaned = _checked(lambda: clean_question(draft))
        self.get(question_id)
        self._write(lambda c: questions_table.update_question(c, question_id, cleaned, now=self._clock.now()))
        return QuestionChange(QuestionChangeKind.UPDATED, self.get(question_id))

    def set_status(self, question_id: QuestionId, status: Status) -> QuestionChange:
        self.get(question_id)
        self._write(lambda c: questions_table.set_status(c, question_id, status, now=self._clock.now()))
        return QuestionChange(QuestionChangeKind.UPDATED, self.get(question_id))

    def answer(self, question_id: QuestionId, *, text: str, role: Role, answered_at=None) -> QuestionChange:
        """Record the answer (it may be short, or empty if only the role and time matter)."""
        cleaned = _checked(lambda: clean_answer(text))
        self.get(question_id)
        when = answered_at or self._clock.now()
        answer = Answer(text=cleaned, role=role, answered_at=when)
        self._write(lambda c: questions_table.set_answer(c, question_id, answer, now=self._clock.now()))
        return QuestionChange(QuestionChangeKind.UPDATED, self.get(question_id))

    def delete(self, question_id: QuestionId) -> QuestionChange:
        before = self.get(question_id)
        self._write(lambda c: questions_table.delete_question(c, question_id))
        return QuestionChange(QuestionChangeKind.DELETED, before)

    def restore(self, question: Question) -> QuestionChange:
        """Undo a delete: the question comes back with its answer, status and place."""
        self._write(lambda c: questions_table.restore_question(c, question))
        return QuestionChange(QuestionChangeKind.ADDED, self.get(question.question_id))

    def move(self, question_id: QuestionId, *, before: QuestionId | None) -> QuestionChange:
        self.get(question_id)
        self._write(lambda c: questions_table.move_question(c, question_id, before=before))
        return QuestionChange(QuestionChangeKind.MOVED, self.get(question_id))


def _checked(make):
    try:
        return make()
    except QuestionProblem as problem:
        raise QuestionRejected((problem.message,)) from None
