"""Search answers whole questions: the visible set in search_questions.toml must find its answer in the top 3
for at least 95 % of the questions (every miss is printed)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from nec_companion.content.search import SearchIndex

QUESTIONS_FILE = Path(__file__).with_name("search_questions.toml")
TOP = 3
REQUIRED_SHARE = 0.95


def load_questions() -> list[tuple[str, list[str]]]:
    data = tomllib.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return [(item["q"], list(item["expect"])) for item in data["question"]]


def top_keys(index: SearchIndex, question: str, top: int = TOP) -> list[str]:
    return [h.slug if h.kind == "article" else f"glossary:{h.slug}" for h in index.search(question, limit=top)]


def test_question_set_is_large_and_names_real_answers(bundled_library) -> None:
    """At least 80 whole questions, each naming an article or glossary entry that exists."""
    questions = load_questions()
    assert len(questions) >= 80
    assert len({q.casefold() for q, _ in questions}) == len(questions)
    for question, expected in questions:
        assert len(question.split()) >= 3, question
        for key in expected:
            kind, _, name = key.rpartition(":")
            assert name in (bundled_library.glossary if kind == "glossary" else bundled_library.articles), key


def test_parent_questions_find_their_answer_in_the_top_three(bundled_index: SearchIndex) -> None:
    """95 % or better of the questions have one of their answers in the top 3 results."""
    questions = load_questions()
    misses = []
    for question, expected in questions:
        found = top_keys(bundled_index, question)
        if not set(found) & set(expected):
            misses.append(f"{question!r}: expected one of {expected}, got {found}")
    share = 1 - len(misses) / len(questions)
    print(f"{len(questions) - len(misses)} of {len(questions)} questions answered in the top {TOP} ({share:.0%})")
    for miss in misses:
        print("  MISS", miss)
    assert share >= REQUIRED_SHARE, "\n".join(misses)
