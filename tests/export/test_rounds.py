"""The rounds sheet in words (no Qt): in the active language, in another one, or two side by side."""

from __future__ import annotations

import datetime as dt

from nec_companion.core import i18n
from nec_companion.core.i18n import _
from nec_companion.core.questions import Priority, Question, QuestionId, Status, Topic
from nec_companion.export.rounds import ChangeLine, rounds_html, rounds_sheet

NOW = dt.datetime(2026, 3, 10, 14, 30, tzinfo=dt.UTC)
QUESTION = Question(question_id=QuestionId(1), text="When can we hold Pip?", topic=Topic.OTHER,
                    priority=Priority.HIGH, status=Status.TO_ASK, baby_id=None, position=0, created_at=NOW,
                    updated_at=NOW)


def _build() -> str:
    """The sheet in whatever language is active when it is called (as the Rounds screen builds each column)."""
    change = ChangeLine(NOW - dt.timedelta(hours=2), "Pip", _("Weight"), "930 g", time_known=False)
    return rounds_html(questions=(QUESTION,), changes=[change], since=NOW - dt.timedelta(hours=24), now=NOW,
                       baby_names={None: _("All babies")}, zone="UTC")


def test_the_sheet_follows_the_active_language_with_its_dates() -> None:
    """English by default; in Spanish the headings, the footer and the dates are Spanish ("10 mar 2026")."""
    english = rounds_sheet(_build)
    assert "Questions to ask (1)" in english and "Mar 10, 2026" in english and "<table width" not in english
    with i18n.using("es"):
        spanish = rounds_sheet(_build)
    assert "Preguntas para hacer (1)" in spanish and "No es un expediente médico" in spanish
    assert "10 mar 2026" in spanish and "Peso" in spanish
    assert "Questions to ask" not in spanish


def test_one_chosen_language_or_both_side_by_side() -> None:
    """A Spanish-speaking family can make the sheet in English for the care team, or in both: one column per
    language, each the whole sheet; the family's language is active again afterwards."""
    with i18n.using("es"):
        only_english = rounds_sheet(_build, languages=("en",))
        both = rounds_sheet(_build, languages=("es", "en"))
        assert i18n.active().code == "es"
    assert "Questions to ask (1)" in only_english and "Preguntas" not in only_english
    assert both.startswith("<table") and both.count('class="language"') == 2
    spanish_column, english_column = both.split('class="language"')[1:]
    assert "Preguntas para hacer (1)" in spanish_column and "Questions to ask" not in spanish_column
    assert "Questions to ask (1)" in english_column and "Preguntas" not in english_column
    assert "Peso" in spanish_column and "Weight" in english_column
    assert "Alta:" in spanish_column and "High:" in english_column
    # the lines to write the answer on fit half a page: shorter, one more of them
    assert "_" * 40 in only_english and "_" * 40 not in both and both.count("_" * 26) == 6
