"""The per-journal service factory: what the journal's sections work with, built from an `OpenJournal`.

`JournalServices` is made once by the composition root (app.py; a window built without one makes its own) with
what does not depend on a journal: the clock, the computer's time zone, and the library the suggested questions
come from. Each time a journal opens, `for_journal` builds its `OpenJournalServices`: the entries (feeds,
weights, notes), the question book, the drafts kept at lock, the care-team summary actions and the rounds
sheet's change list. The screens only use these; they never build a store themselves. Nothing here holds Qt
widgets, and nothing outlives the open journal but the factory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nec_companion.core.clock import Clock

if TYPE_CHECKING:
    from nec_companion.content.model import Library
    from nec_companion.core.questions import SuggestedQuestion
    from nec_companion.export.rounds import ChangeLine
    from nec_companion.journal import JournalEntries
    from nec_companion.storage import OpenJournal
    from nec_companion.storage.drafts import DraftStore
    from nec_companion.storage.question_book import QuestionBook


def system_time_zone() -> str:
    """The computer's IANA time zone name (the family's "today" follows it); UTC when it cannot be told."""
    from PySide6.QtCore import QTimeZone

    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(name)
    except Exception:  # noqa: BLE001 (zoneinfo raises several kinds for a bad id; any means "use UTC")
        return "UTC"
    return name


@dataclass
class OpenJournalServices:
    """The services of one open journal; dropped with its sections when it locks."""

    journal: OpenJournal
    clock: Clock
    entries: JournalEntries
    book: QuestionBook

    def drafts(self) -> DraftStore | None:
        """The drafts kept at the last lock (None once the journal has closed)."""
        from nec_companion.storage.drafts import DraftStore

        return None if self.journal.is_closed else DraftStore(self.journal, clock=self.clock)

    def changes(self, since: dt.datetime) -> list[ChangeLine]:
        """What changed since `since` (the rounds sheet)."""
        from nec_companion.export.rounds import changes_since

        names = {int(b.baby_id): b.nickname for b in self.journal.babies()}
        return changes_since(self.entries, since=since, until=self.clock.now(), baby_names=names)

    def headers(self) -> list[Any]:
        """One header per baby for the rounds sheet (day of life, PMA, weight, plan)."""
        from nec_companion.export.rounds import baby_header

        return [baby_header(b, self.entries) for b in self.journal.babies()]

    def summary_actions(self) -> Any:
        """How the Export section builds, saves and prints the care-team summary."""
        from nec_companion.ui.journal.export_screen import make_summary_actions

        return make_summary_actions(self.book, self.clock)

    def open_questions(self) -> int:
        return sum(1 for q in self.book.all() if q.status.is_open)


class JournalServices:
    """Builds each open journal's services; also turns a library article's question into a suggestion."""

    def __init__(self, *, clock: Clock, time_zone: Callable[[], str] = system_time_zone) -> None:
        self.clock = clock
        self._time_zone = time_zone
        self._library: Library | None = None

    def set_library(self, library: Library) -> None:
        self._library = library

    def for_journal(self, journal: OpenJournal) -> OpenJournalServices:
        from nec_companion.journal import JournalEntries
        from nec_companion.storage.question_book import QuestionBook

        entries = JournalEntries(journal, clock=self.clock, time_zone=self._time_zone())
        return OpenJournalServices(journal=journal, clock=self.clock, entries=entries,
                                   book=QuestionBook(journal, clock=self.clock))

    def suggested_questions(self) -> list[SuggestedQuestion]:
        """Every article's questions, in library order (the Questions section's "Suggested" list)."""
        from nec_companion.content.model import CATEGORIES
        from nec_companion.core.questions import suggested_questions

        if self._library is None:
            return []
        order = {c.slug: n for n, c in enumerate(CATEGORIES)}
        articles = sorted(self._library.articles.values(), key=lambda a: (order.get(a.category, 99), a.order))
        return suggested_questions([(a.slug, a.title, a.category, a.questions) for a in articles])

    def suggestion_from_article(self, slug: str, number: int) -> SuggestedQuestion | None:
        """The article's question `number` as a suggestion for the journal (None when there is no such one)."""
        from nec_companion.core.questions import SuggestedQuestion, topic_for

        article = self._library.articles.get(slug) if self._library else None
        if article is None or not 0 <= number < len(article.questions):
            return None
        return SuggestedQuestion(text=article.questions[number], topic=topic_for(article.category, slug),
                                 article_slug=slug, article_title=article.title)
