"""`BabyBook`: the babies of one open journal, like `QuestionBook` for questions."""

from __future__ import annotations

from datetime import date

import pytest

from nec_companion.core.ages import GestationalAge
from nec_companion.core.errors import BabyRejected, JournalClosed
from nec_companion.storage import BabyBook
from nec_companion.storage.baby_book import ChangeKind

from .conftest import PASSPHRASE, bean


def test_the_book_adds_updates_deletes_and_lists_babies_that_survive_a_reopen(directory, clock):
    """Each call returns its change record and marks the journal changed; the babies are saved encrypted."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    book = BabyBook(journal, clock=clock)
    assert book.all() == () and not journal.dirty
    first = book.add(bean(nickname="Twin A"))
    second = book.add(bean(nickname="Twin B", birth_date=date(2025, 1, 2)))
    assert first.kind is ChangeKind.ADDED and first.baby is not None and first.baby.nickname == "Twin A"
    assert journal.dirty
    journal.save()
    changed = book.update(first.baby_id, bean(nickname="Twin A", gestational_age=GestationalAge(28, 0)))
    assert changed.kind is ChangeKind.UPDATED and changed.baby.gestational_age == GestationalAge(28, 0)
    assert journal.dirty
    gone = book.delete(second.baby_id)
    assert (gone.kind, gone.baby_id, gone.baby) == (ChangeKind.DELETED, second.baby_id, None)
    assert [baby.nickname for baby in book.all()] == ["Twin A"] and book.get(second.baby_id) is None
    journal.save()
    assert book.delete(second.baby_id).kind is ChangeKind.DELETED and not journal.dirty  # already gone: no change
    journal.close()
    reopened = directory.open(journal.journal_id, PASSPHRASE)
    assert [(b.nickname, b.gestational_age) for b in reopened.baby_book().all()] == [("Twin A", GestationalAge(28, 0))]
    assert reopened.babies() == reopened.baby_book().all()  # the journal's delegates read the same book


def test_the_book_refuses_bad_details_and_a_deleted_baby_without_changing_anything(directory, clock):
    journal, _ = directory.create(passphrase=PASSPHRASE)
    book = BabyBook(journal, clock=clock)
    with pytest.raises(BabyRejected) as refused:
        book.add(bean(nickname=" ", birth_weight_g=50))
    assert [field for field, _message in refused.value.field_problems] == ["nickname", "birth_weight_g"]
    with pytest.raises(BabyRejected) as gone:
        book.update(999, bean())  # type: ignore[arg-type]
    assert gone.value.field_problems == (("baby", "This baby is no longer in the journal."),)
    with pytest.raises(BabyRejected) as odd:
        book.add(bean(birth_date="2025-01-01"))  # not a date: refused with a message, not a crash
    assert odd.value.field_problems[0][0] == "details"
    assert book.all() == () and not journal.dirty


def test_a_book_kept_past_the_lock_refuses_use(directory, clock):
    journal, _ = directory.create(passphrase=PASSPHRASE)
    book = BabyBook(journal, clock=clock)
    book.add(bean())
    journal.close()
    with pytest.raises(JournalClosed):
        book.all()
    with pytest.raises(JournalClosed):
        book.add(bean(nickname="Pip"))
