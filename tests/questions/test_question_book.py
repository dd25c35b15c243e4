"""Questions for the care team inside an encrypted journal: add, dedupe, answer, reorder, undo, persist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nec_companion.core.clock import ManualClock
from nec_companion.core.questions import (
    Priority,
    QuestionDraft,
    Role,
    Status,
    Topic,
    question_key,
    rounds_order,
    suggested_questions,
)
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory
from nec_companion.storage.question_book import QuestionBook, QuestionChangeKind, QuestionRejected

PASSPHRASE = "quiet harbour lantern meadow"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC))


@pytest.fixture
def directory(tmp_path: Path, clock: ManualClock) -> JournalDirectory:
    return JournalDirectory(tmp_path / "data", schema=JOURNAL_SCHEMA,
                            clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())


def test_add_answer_and_persist_through_lock(directory: JournalDirectory, clock: ManualClock) -> None:
    """A question and its answer survive saving, locking and reopening the encrypted journal."""
    journal = directory.create(passphrase=PASSPHRASE).journal
    book = QuestionBook(journal, clock=clock)
    added = book.add(QuestionDraft(text="  When will feeds go up?  ", topic=Topic.FEEDING, priority=Priority.HIGH))
    assert added.kind is QuestionChangeKind.ADDED
    assert added.question.text == "When will feeds go up?"
    clock.advance(dt.timedelta(hours=2))
    answered = book.answer(added.question.question_id, text="Tomorrow, by 10 mL/kg", role=Role.NEONATOLOGIST)
    assert answered.question.status is Status.ANSWERED
    assert answered.question.asked_at == clock.now()
    journal_id = journal.journal_id
    journal.close()
    reopened = directory.open(journal_id, PASSPHRASE)
    [question] = QuestionBook(reopened, clock=clock).all()
    assert question.answer is not None
    assert question.answer.text == "Tomorrow, by 10 mL/kg"
    assert question.answer.role is Role.NEONATOLOGIST
    assert question.priority is Priority.HIGH


def test_same_question_is_not_added_twice(directory: JournalDirectory, clock: ManualClock) -> None:
    """Case, spacing and punctuation do not make a new question; the existing one is returned."""
    book = QuestionBook(directory.create(passphrase=PASSPHRASE).journal, clock=clock)
    first = book.add(QuestionDraft(text="Is my baby getting donor milk?"))
    again = book.add(QuestionDraft(text="is my BABY getting donor milk"))
    assert again.kind is QuestionChangeKind.ALREADY_THERE
    assert again.question.question_id == first.question.question_id
    assert len(book.all()) == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_empty_or_huge_questions_are_refused_kindly(directory: JournalDirectory, clock: ManualClock,
                                                   text: str) -> None:
    """An empty or very long question gets a plain message and nothing is saved."""
    book = QuestionBook(directory.create(passphrase=PASSPHRASE).journal, clock=clock)
    with pytest.raises(QuestionRejected) as info:
        book.add(QuestionDraft(text=text))
    assert "question" in info.value.message
    assert book.all() == ()


def test_reorder_delete_and_undo(directory: JournalDirectory, clock: ManualClock) -> None:
    """Moving changes the order; a deleted question comes back with Undo in the same place and state."""
    book = QuestionBook(directory.create(passphrase=PASSPHRASE).journal, clock=clock)
    ids = [book.add(QuestionDraft(text=f"Question {n}")).question.question_id for n in range(4)]
    book.move(ids[3], before=ids[0])
    assert [q.text for q in book.all()] == ["Question 3", "Question 0", "Question 1", "Question 2"]
    book.set_status(ids[1], Status.ASKED)
    deleted = book.delete(ids[1])
    assert [q.text for q in book.all()] == ["Question 3", "Question 0", "Question 2"]
    book.restore(deleted.question)
    restored = next(q for q in book.all() if q.question_id == ids[1])
    assert restored.status is Status.ASKED
    assert [q.text for q in book.all()] == ["Question 3", "Question 0", "Question 1", "Question 2"]


def test_lone_surrogates_are_replaced_not_crashing(directory: JournalDirectory, clock: ManualClock) -> None:
    """Text with a broken character from an input widget is saved with a replacement character."""
    book = QuestionBook(directory.create(passphrase=PASSPHRASE).journal, clock=clock)
    change = book.add(QuestionDraft(text="Why \ud800 this?"))
    assert "\ufffd" in change.question.text


def test_rounds_order_puts_high_priority_first_and_skips_closed(directory: JournalDirectory,
                                                                 clock: ManualClock) -> None:
    """Rounds show open questions only, high priority first, then the family's order."""
    book = QuestionBook(directory.create(passphrase=PASSPHRASE).journal, clock=clock)
    low = book.add(QuestionDraft(text="Low one", priority=Priority.LOW)).question
    normal = book.add(QuestionDraft(text="Normal one")).question
    high = book.add(QuestionDraft(text="High one", priority=Priority.HIGH)).question
    done = book.add(QuestionDraft(text="Done one", priority=Priority.HIGH)).question
    book.answer(done.question_id, text="yes", role=Role.NURSE)
    book.set_status(normal.question_id, Status.ASKED)
    assert [q.text for q in rounds_order(book.all())] == [high.text, normal.text, low.text]


def test_suggested_bank_groups_by_topic_without_duplicates() -> None:
    """The same suggested question in two articles appears once, with the first article's topic."""
    bank = suggested_questions([
        ("feeding-progression", "Feeds", "feeding", ("How fast will feeds go up?", "What is the plan?")),
        ("donor-milk", "Donor milk", "milk-and-pumping", ("What is the plan?", "Is donor milk used here?")),
        ("about-this-content", "About", "about", ("Who wrote this?",)),
    ])
    assert [(s.text, s.topic) for s in bank] == [
        ("How fast will feeds go up?", Topic.FEEDING), ("What is the plan?", Topic.FEEDING),
        ("Is donor milk used here?", Topic.MILK), ("Who wrote this?", Topic.OTHER)]


@given(st.text(max_size=60))
def test_question_key_ignores_case_and_punctuation(text: str) -> None:
    """Property: punctuation, outer spaces and capitals never change whether two questions are the same."""
    assert question_key(text) == question_key(f"  {text}?! ")
    assert question_key(text.casefold()) == question_key(text.casefold().upper().casefold())
