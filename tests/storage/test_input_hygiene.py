"""Audit M9 and SECURITY §9: control characters in any typed text are refused with a JournalError saying so,
never a raw sqlite3 error; newlines and tabs stay allowed in multi-line notes and answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nec_companion.core.errors import BabyRejected, JournalError, LabelRejected
from nec_companion.core.notes import NoteEntry
from nec_companion.core.questions import QuestionDraft, Role
from nec_companion.core.text import CONTROL_CHARACTER_MESSAGE
from nec_companion.journal import JournalEntries
from nec_companion.journal.errors import EntryRejected
from nec_companion.storage.question_book import QuestionBook, QuestionRejected

from .conftest import PASSPHRASE, bean

CONTROL_SAMPLES = ("\x00", "\x00Bean", "Be\x07an", "Bean\x1b[31m", "Bean\x7f", "Be\x85an", "Be\x9ban")


@pytest.mark.parametrize("nickname", CONTROL_SAMPLES)
def test_nickname_with_control_characters_is_refused_kindly(directory, nickname):
    journal, _ = directory.create(passphrase=PASSPHRASE)
    with pytest.raises(BabyRejected) as error:
        journal.add_baby(bean(nickname=nickname))
    assert isinstance(error.value, JournalError)
    assert CONTROL_CHARACTER_MESSAGE in error.value.user_text()
    assert journal.babies() == ()
    journal.close()


def test_label_question_answer_and_note_with_control_characters_are_refused(directory, clock):
    journal, _ = directory.create(passphrase=PASSPHRASE)
    baby = journal.add_baby(bean()).baby
    with pytest.raises(LabelRejected):
        journal.set_label("Blue\x00Otter")
    book = QuestionBook(journal, clock=clock)
    with pytest.raises(QuestionRejected) as asked:
        book.add(QuestionDraft(text="Why\x00 now?"))
    assert CONTROL_CHARACTER_MESSAGE in asked.value.user_text()
    question = book.add(QuestionDraft(text="Why now?")).question
    with pytest.raises(QuestionRejected):
        book.answer(question.question_id, text="Because\x1b", role=next(iter(Role)))
    entries = JournalEntries(journal, clock=clock, time_zone="Europe/London")
    at = datetime(2025, 1, 2, 10, 0, tzinfo=UTC)
    clock.set(datetime(2025, 1, 3, 10, 0, tzinfo=UTC))
    with pytest.raises(EntryRejected) as refused:
        entries.add(NoteEntry(at=at, time_zone="Europe/London", text="a\x00b", baby_id=baby.baby_id))
    assert CONTROL_CHARACTER_MESSAGE in refused.value.user_text()
    with pytest.raises(EntryRejected):
        entries.add(NoteEntry(at=at, time_zone="Europe/London", tags=("mile\x00stone",), baby_id=baby.baby_id))
    saved = entries.add(NoteEntry(at=at, time_zone="Europe/London", text="line one\n\tline two",
                                  baby_id=baby.baby_id))
    assert "\n\t" in saved.entry.text
    journal.close()
