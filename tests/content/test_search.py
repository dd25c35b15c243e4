"""Search: lay words bridge to medical words through the glossary, hostile input never raises, ranking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nec_companion.content.loader import load_library
from nec_companion.content.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchIndex, build_match_expressions
from tests.conftest import GLOSSARY_SAMPLE, write_article

FILLER = " ".join(["Families sit with their baby and talk with the team every day."] * 30)


@pytest.fixture
def small_index(tmp_path: Path) -> SearchIndex:
    (tmp_path / "glossary.toml").write_text(GLOSSARY_SAMPLE, encoding="utf-8")
    write_article(tmp_path, "nec-basics", "medical-words", title="Checking the abdomen",
                  body="The nurse measures the abdomen. Feeds may stop and the baby is NPO for a while. " + FILLER)
    write_article(tmp_path, "feeding", "lay-words", title="Pauses in feeding",
                  body="Sometimes there is nothing by mouth for a day. A swollen belly is checked. " + FILLER)
    write_article(tmp_path, "milk-and-pumping", "milk", title="Your milk", keywords="breast milk",
                  body="Mother's own milk protects babies. Pumping often helps. " + FILLER)
    write_article(tmp_path, "risks", "accents", title="Crème and café words",
                  body="Naïve café crème appears here once. " + FILLER)
    library = load_library(tmp_path / "library", tmp_path / "glossary.toml", today=dt.date(2026, 1, 1))
    assert library.problems == ()
    return SearchIndex(library)


def slugs(index: SearchIndex, query: str) -> list[str]:
    return [hit.slug for hit in index.search(query) if hit.kind == "article"]


def test_lay_word_finds_article_using_the_medical_word(small_index: SearchIndex) -> None:
    """"tummy" (an alias of abdomen) finds the article that only says "abdomen"."""
    assert "medical-words" in slugs(small_index, "tummy")


def test_medical_word_finds_article_using_the_lay_word(small_index: SearchIndex) -> None:
    """"abdomen" finds the article that only says "belly"; "NPO" finds the one that says "nothing by mouth"."""
    assert "lay-words" in slugs(small_index, "abdomen")
    assert "lay-words" in slugs(small_index, "NPO")
    assert "medical-words" in slugs(small_index, '"nothing by mouth"')


def test_breast_milk_finds_mothers_own_milk(small_index: SearchIndex) -> None:
    """The lay phrase finds the milk article first, and the glossary entry is offered too."""
    hits = small_index.search("breast milk")
    assert hits[0].slug == "milk"
    assert any(h.kind == "glossary" and h.slug == "mothers-own-milk" for h in hits)


def test_prefix_matching_as_you_type(small_index: SearchIndex) -> None:
    """A half-typed last word already finds results."""
    assert "milk" in slugs(small_index, "pum")
    assert "milk" in slugs(small_index, "moth")


def test_case_and_accent_insensitive(small_index: SearchIndex) -> None:
    """"CAFE CREME", "café" and "cafe" all find the same article."""
    assert slugs(small_index, "CAFE CREME")[:1] == ["accents"]
    assert slugs(small_index, "café") == slugs(small_index, "cafe")


def test_snippet_highlights_matched_words(small_index: SearchIndex) -> None:
    """The snippet marks the words that matched."""
    hit = small_index.search("swollen")[0]
    assert f"{HIGHLIGHT_START}swollen{HIGHLIGHT_END}" in hit.snippet
    assert hit.snippet_marked("[", "]").count("[swollen]") >= 1


def test_title_outranks_body(small_index: SearchIndex) -> None:
    """A word in the title ranks above the same word deep in another article's body."""
    assert slugs(small_index, "pauses")[0] == "lay-words"


def test_any_word_fallback(small_index: SearchIndex) -> None:
    """When not every word matches, results with some of the words are still shown."""
    assert "milk" in slugs(small_index, "milk zebra")


HOSTILE = ['"', '""', "'", "(", ")", "AND", "OR NOT", "NEAR(", "*", "-", "- -", "^", "col:word", "NEC AND",
           "milk*", '"unterminated', "a OR", "😀", "👶🍼", "\x00", "\\", "%", "_", "title:milk", "{}", "[]",
           "crème brûlée", "ÉCOLE", "x" * 5000, "   ", "", "\n\t", "'; DROP TABLE docs; --", "NOT milk",
           "milk -formula", "(belly OR tummy) AND swollen"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(small_index: SearchIndex, query: str) -> None:
    """Anything a person can type returns a list (maybe empty), never an error."""
    assert isinstance(small_index.search(query), list)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_random_text_never_raises(query: str) -> None:
    """Property: no text makes building the FTS expression produce something SQLite rejects."""
    all_words, any_words = build_match_expressions(query)
    assert (all_words is None) == (any_words is None)
    global _PROPERTY_INDEX
    if _PROPERTY_INDEX is None:
        from nec_companion.content.model import Library

        _PROPERTY_INDEX = SearchIndex(Library(articles={}, glossary={}))
    assert isinstance(_PROPERTY_INDEX.search(query), list)


_PROPERTY_INDEX: SearchIndex | None = None


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        ("warning signs", "warning-signs", 1),
        ("swollen belly", "warning-signs", 3),
        ("green spit up", "warning-signs", 3),
        ("blood in poop", "warning-signs", 3),
        ("what is nec", "what-is-nec", 3),
        ("breast milk", "mothers-own-milk", 3),
        ("how often should i pump", "building-milk-supply", 5),
        ("low supply", "low-milk-supply", 3),
        ("donor milk", "donor-milk", 1),
        ("probiotics", "probiotics", 1),
        ("antibiotics", "antibiotics", 1),
        ("acid blocker", "acid-reducing-medicines", 3),
        ("blood transfusion", "anemia-and-transfusions", 3),
        ("ml/kg/day", "feeding-progression", 3),
        ("nothing by mouth", "tube-feeds", 5),
        ("kangaroo care", "skin-to-skin", 1),
        ("surgery", "nec-surgery", 3),
        ("ostomy", "nec-surgery", 3),
        ("my baby died", "when-a-baby-dies", 3),
        ("depression", "parent-mental-health", 3),
        ("rounds", "joining-rounds", 3),
        ("questions to ask", "questions-to-ask", 3),
        ("going home", "going-home-after-nec", 3),
        ("x-ray", "how-nec-is-diagnosed", 3),
        ("formula", "formula-in-the-nicu", 3),
        ("fortifier", "fortifiers", 1),
        ("colostrum", "colostrum-mouth-care", 3),
        ("freezer", "storing-and-bringing-milk", 3),
        ("twins", "partners-siblings-twins", 3),
        ("bottle", "tube-to-breast-and-bottle", 3),
    ],
)
def test_realistic_parent_queries_on_the_bundled_library(bundled_index: SearchIndex, query: str, expected: str,
                                                         within: int) -> None:
    """Queries parents type find the article written for them near the top."""
    found = [hit.slug for hit in bundled_index.search(query, limit=20) if hit.kind == "article"]
    assert expected in found[:within], found[:within + 3]


def test_question_words_are_not_required(small_index: SearchIndex) -> None:
    """A whole question finds the article although "can", "my", "baby", "have" appear nowhere near it."""
    assert slugs(small_index, "can my baby have nothing by mouth")[:1] == ["lay-words"]
    assert slugs(small_index, "why is my baby's belly swollen?")[:1] == ["lay-words"]


def test_partial_matches_rank_by_how_rare_the_matched_words_are(tmp_path: Path) -> None:
    """Not every word matches anywhere: the article with the rarer (more telling) word ranks first, and an
    article matching only a word that every article has is not listed at all."""
    (tmp_path / "glossary.toml").write_text(GLOSSARY_SAMPLE, encoding="utf-8")
    common = "Families sit with their baby and talk about feeds with the team every day. "
    for n in range(6):
        write_article(tmp_path, "feeding", f"plain-{n}", body=common * 40)
    write_article(tmp_path, "milk-and-pumping", "formula", title="Other milk",
                  body="Formula is sometimes used. " + common * 40)
    library = load_library(tmp_path / "library", tmp_path / "glossary.toml", today=dt.date(2026, 1, 1))
    index = SearchIndex(library)
    results = index.find("can formula feeds cause zebra stripes")
    assert [h.slug for h in results.hits][:1] == ["formula"]
    assert results.total == 1  # the six articles with only the common word "feeds" are left out


def test_only_filler_words_still_search(small_index: SearchIndex) -> None:
    """A query made only of common words ("baby") is searched as typed rather than returning nothing."""
    assert small_index.search("baby")


def test_definition_question_puts_the_glossary_entry_first(small_index: SearchIndex) -> None:
    """"what does NPO mean" and "what is NPO" answer with the definition first."""
    for question in ("what does NPO mean", "what is NPO", "what is the abdomen"):
        hit = small_index.search(question)[0]
        assert (hit.kind, hit.slug) == ("glossary", "npo" if "NPO" in question else "abdomen"), question


def test_result_count_counts_every_listed_result(small_index: SearchIndex) -> None:
    """find() reports how many results there are, even when fewer are returned."""
    everything = small_index.find("milk belly", limit=200)
    first = small_index.find("milk belly", limit=1)
    assert len(first.hits) == 1 and first.total == everything.total == len(everything.hits) >= 2
