"""The library's content rules, for every bundled file: reading level, length, sources, questions, glossary."""

from __future__ import annotations

import re

import pytest
import textstat

from nec_companion.content.model import CATEGORIES, UNIT_CATEGORY, Library
from nec_companion.content.plaintext import plain_text, word_count
from nec_companion.content.render import GlossaryMatcher
from tests.conftest import RESOURCES

ARTICLE_FILES = sorted((RESOURCES / "library").glob("*/*.md"))
SLUGS = [p.stem for p in ARTICLE_FILES]
YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
ABBREVIATION_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,}s?\b")


def test_every_topic_area_is_covered(bundled_library: Library) -> None:
    """35+ articles spread over every category (except "From your hospital", which only a hospital's own pages
    use), and the articles the library cannot do without."""
    assert len(bundled_library.articles) >= 35
    for category in CATEGORIES:
        if category.slug == UNIT_CATEGORY:
            assert not bundled_library.in_category(category.slug)
            continue
        assert bundled_library.in_category(category.slug), category.name
    for slug in ("what-is-nec", "warning-signs", "mothers-own-milk", "feeding-progression", "questions-to-ask",
                 "when-a-baby-dies"):
        assert slug in bundled_library.articles


@pytest.mark.parametrize("slug", SLUGS)
def test_reading_level_is_grade_8_or_below(bundled_library: Library, slug: str) -> None:
    """Flesch–Kincaid grade of the body (measured with textstat) is at most 8."""
    grade = textstat.flesch_kincaid_grade(plain_text(bundled_library.articles[slug].body))
    assert grade <= 8.0, f"{slug}: grade {grade}"


@pytest.mark.parametrize("slug", SLUGS)
def test_length_and_structure(bundled_library: Library, slug: str) -> None:
    """300–1,200 words, with at least two ## headings to make it scannable."""
    article = bundled_library.articles[slug]
    assert 300 <= word_count(article.body) <= 1200
    assert len(re.findall(r"^## ", article.body, flags=re.MULTILINE)) >= 2


@pytest.mark.parametrize("slug", SLUGS)
def test_front_matter_is_complete(bundled_library: Library, slug: str) -> None:
    """Two or more dated sources, related reading, keywords people type, and questions where fitting."""
    article = bundled_library.articles[slug]
    assert len(article.sources) >= 2
    for source in article.sources:
        assert YEAR_RE.search(source) or "undated" in source.casefold(), f"{slug}: no year in {source!r}"
    assert article.related, slug
    assert len(article.keywords) >= 5, slug
    if article.category != "about":
        assert len(article.questions) >= 2, slug
    assert len(article.summary) <= 300


@pytest.mark.parametrize("slug", SLUGS)
def test_every_abbreviation_is_explained(bundled_library: Library, slug: str) -> None:
    """Each capitalised abbreviation in a body is in the glossary or spelled out in the article "(ABC)"."""
    article = bundled_library.articles[slug]
    matcher = GlossaryMatcher(bundled_library.glossary.values())
    text = plain_text(article.body)
    covered = [(start, end) for start, end, _ in matcher.find_all(text)]
    unexplained = set()
    for match in ABBREVIATION_RE.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        in_glossary = any(s <= start and end <= e for s, e in covered) or matcher.ids_in(word)
        spelled_out = f"({word})" in text or f"({word.rstrip('s')})" in text or text[end:end + 2] == " ("
        phone_word = text[start - 1:start] == "-" or text[end:end + 1] == "-"
        if not (in_glossary or spelled_out or phone_word):
            unexplained.add(word)
    # Country names and HIV are common knowledge; shouting words ("NOT", "NOW") would show up here.
    assert unexplained <= {"I", "OK", "US", "UK", "HIV"}, f"{slug}: {sorted(unexplained)}"


def test_glossary_size_and_shape(bundled_library: Library) -> None:
    """80+ terms, each with a one-sentence definition; most carry the lay words people type."""
    glossary = bundled_library.glossary
    assert len(glossary) >= 80
    for entry in glossary.values():
        assert entry.definition.endswith("."), entry.id
        assert len(entry.definition) <= 240
    with_aliases = sum(1 for e in glossary.values() if e.lay_words)
    assert with_aliases >= 0.6 * len(glossary)


@pytest.mark.parametrize("lay, term", [("belly", "abdomen"), ("tummy", "abdomen"), ("poop", "stool"),
                                       ("nothing by mouth", "npo"), ("breast milk", "mothers-own-milk")])
def test_glossary_knows_the_words_parents_type(bundled_library: Library, lay: str, term: str) -> None:
    """The lay words named in the issue are aliases of the right glossary entry."""
    owners = [e.id for e in bundled_library.glossary.values()
              if lay in {a.casefold() for a in (*e.lay_words, *e.matches)}]
    assert owners, lay
    assert any(term in owner for owner in owners), owners


def test_medical_terms_used_in_articles_link_to_the_glossary(bundled_library: Library) -> None:
    """Most glossary terms appear in at least one article, so the glossary matches what families read."""
    matcher = GlossaryMatcher(bundled_library.glossary.values())
    used: set[str] = set()
    for article in bundled_library.articles.values():
        used |= matcher.ids_in(plain_text(article.body))
    assert len(used) >= 0.5 * len(bundled_library.glossary)


def test_no_article_diagnoses_or_tells_parents_to_refuse_care(bundled_library: Library) -> None:
    """Wording guard: no "your baby has NEC", no "refuse", no "you should stop"."""
    banned = [r"(?<!if )\byour baby has nec\b", r"\brefuse\b", r"\byou should stop\b", r"\bdon't let them\b",
              r"\bit'?s your fault\b"]
    for article in bundled_library.articles.values():
        lowered = article.body.casefold()
        for pattern in banned:
            assert not re.search(pattern, lowered), f"{article.slug}: {pattern}"
