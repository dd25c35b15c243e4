"""Validation of article files and the glossary: problems name file, line and reason; the rest still loads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nec_companion.content.loader import load_library
from tests.conftest import GLOSSARY_SAMPLE, write_article

TODAY = dt.date(2026, 6, 1)


def _load(root: Path):
    glossary = root / "glossary.toml"
    if not glossary.exists():
        glossary.write_text(GLOSSARY_SAMPLE, encoding="utf-8")
    return load_library(root / "library", glossary, today=TODAY)


def test_valid_article_loads_with_every_field(tmp_path: Path) -> None:
    """A complete article loads with its lists and date parsed."""
    write_article(tmp_path, "nec-basics", "alpha", keywords="belly\n    tummy", related="beta",
                  questions="Question one?\n    Question two?")
    write_article(tmp_path, "feeding", "beta")
    library = _load(tmp_path)
    assert library.problems == ()
    alpha = library.articles["alpha"]
    assert alpha.keywords == ("belly", "tummy")
    assert alpha.questions == ("Question one?", "Question two?")
    assert alpha.sources_checked == dt.date(2025, 1, 15)
    assert alpha.clinical_signoff == ""
    assert len(alpha.sources) == 2


def test_sign_off_and_the_older_reviewed_key(tmp_path: Path) -> None:
    """A clinical sign-off is read as written; `reviewed` (the older key) still means sources_checked."""
    write_article(tmp_path, "nec-basics", "signed", clinical_signoff="Neonatal nurse educator, 2026-05-01")
    write_article(tmp_path, "nec-basics", "older", sources_checked="", reviewed="2024-03-02")
    library = _load(tmp_path)
    assert library.problems == ()
    assert library.articles["signed"].clinical_signoff == "Neonatal nurse educator, 2026-05-01"
    assert library.articles["older"].sources_checked == dt.date(2024, 3, 2)


def test_glossary_other_names_are_kept_apart_from_search_words(tmp_path: Path) -> None:
    """`also_called` is shown, `search_words` and the older `aliases` only feed search."""
    (tmp_path / "glossary.toml").write_text(
        '[[term]]\nid = "ml"\nterm = "mL"\nalso_called = ["milliliter"]\nsearch_words = ["ounce"]\n'
        'aliases = ["teaspoon"]\ndefinition = "A small amount of liquid."\n', encoding="utf-8")
    write_article(tmp_path, "nec-basics", "good")
    entry = _load(tmp_path).glossary["ml"]
    assert entry.also_called == ("milliliter",)
    assert entry.search_words == ("ounce", "teaspoon")
    assert set(entry.lay_words) == {"milliliter", "ounce", "teaspoon"}


@pytest.mark.parametrize(
    ("fields", "reason", "line"),
    [
        ({"title": ""}, "'title' is missing", 1),
        ({"category": "gossip"}, "unknown category 'gossip'", 4),
        ({"category": "feeding"}, "does not match its folder", 4),
        ({"sources_checked": "31/01/2025"}, "must be a date", 5),
        ({"sources_checked": "2030-01-01"}, "in the future", 5),
        ({"clinical_signoff": "Neonatal nurse educator"}, "a role and a date", 8),
        ({"clinical_signoff": "Nurse, 2030-01-01"}, "in the future", 8),
        ({"reviewed": "2025-01-15"}, "use 'sources_checked' only", 8),
        ({"sources": "Only one source 2020"}, "at least 2 sources", 6),
        ({"order": "first"}, "whole number", 8),
        ({"colour": "blue"}, "unknown field 'colour'", 8),
    ],
)
def test_invalid_article_is_reported_and_skipped(tmp_path: Path, fields: dict[str, str], reason: str,
                                                 line: int) -> None:
    """Each kind of mistake gives file, line and a reason; the bad article is skipped, others still load."""
    bad = write_article(tmp_path, "nec-basics", "bad", **fields)
    write_article(tmp_path, "nec-basics", "good")
    library = _load(tmp_path)
    assert "good" in library.articles
    assert "bad" not in library.articles
    matching = [p for p in library.problems if p.path == bad and reason in p.reason]
    assert matching, [str(p) for p in library.problems]
    assert matching[0].line == line
    assert str(matching[0]).startswith(f"{bad}:{line}: ")


def test_missing_related_and_broken_links_are_reported_but_article_still_shows(tmp_path: Path) -> None:
    """A related slug or internal link that does not exist is a problem, but the article stays readable."""
    body = "Read [this](article:nowhere) and [that](glossary:no-term).\n\n" + "Words here. " * 160
    path = write_article(tmp_path, "nec-basics", "alpha", related="ghost", body=body)
    library = _load(tmp_path)
    assert "alpha" in library.articles
    assert library.articles["alpha"].related == ()
    reasons = {p.reason for p in library.problems if p.path == path}
    assert "related article 'ghost' does not exist" in reasons
    assert "link to a missing article 'nowhere'" in reasons
    assert "link to a missing glossary term 'no-term'" in reasons
    assert all(not p.skipped for p in library.problems)


def test_word_count_bounds_are_reported(tmp_path: Path) -> None:
    """Articles shorter than 300 or longer than 1,200 words are flagged."""
    short = write_article(tmp_path, "nec-basics", "short", body="Too short.")
    library = _load(tmp_path)
    assert any(p.path == short and "2 words" in p.reason for p in library.problems)


def test_duplicate_slug_in_two_folders(tmp_path: Path) -> None:
    """Two files with the same name in different folders: the second is reported."""
    write_article(tmp_path, "nec-basics", "same")
    write_article(tmp_path, "risks", "same")
    library = _load(tmp_path)
    assert len(library.articles) == 1
    assert any("already uses the name 'same'" in p.reason for p in library.problems)


def test_unreadable_files_do_not_stop_loading(tmp_path: Path) -> None:
    """Binary junk, a bad file name and a file outside any category are reported, never raised."""
    write_article(tmp_path, "nec-basics", "good")
    (tmp_path / "library" / "nec-basics" / "junk.md").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "library" / "nec-basics" / "Bad Name.md").write_text("---\n---\n", encoding="utf-8")
    (tmp_path / "library" / "loose.md").write_text("x", encoding="utf-8")
    library = _load(tmp_path)
    assert list(library.articles) == ["good"]
    reasons = " | ".join(p.reason for p in library.problems)
    assert "not UTF-8" in reasons
    assert "lower-case letters" in reasons
    assert "inside a category folder" in reasons


@pytest.mark.parametrize(
    ("toml", "reason"),
    [
        ('[[term]]\nid = "x"\nterm = "X"\n', "non-empty 'definition'"),
        ('[[term]]\nid = "Bad Id"\nterm = "X"\ndefinition = "d"\n', "lower-case letters"),
        ('[[term]]\nid = "x"\nterm = "X"\ndefinition = "d"\n[[term]]\nid = "x"\nterm = "Y"\ndefinition = "d"\n',
         "used twice"),
        ('[[term]]\nid = "x"\nterm = "X"\ndefinition = "' + "d" * 300 + '"\n', "longer than"),
        ('[[term]]\nid = "x"\nterm = "X"\ndefinition = "d"\naliases = "belly"\n', "must be a list"),
        ('[[term]]\nid = "x"\nterm = "X"\ndefinition = "d"\ncolour = "red"\n', "unknown glossary field"),
        ("[[term]\nbroken", "not valid TOML"),
    ],
)
def test_glossary_problems(tmp_path: Path, toml: str, reason: str) -> None:
    """Malformed glossary entries are reported with a reason and left out."""
    (tmp_path / "glossary.toml").write_text(toml, encoding="utf-8")
    write_article(tmp_path, "nec-basics", "good")
    library = _load(tmp_path)
    assert "good" in library.articles
    assert any(reason in p.reason for p in library.problems), [str(p) for p in library.problems]


def test_bundled_content_has_no_problems(bundled_library) -> None:
    """Every bundled article and glossary entry validates (this is what check-content enforces)."""
    assert [str(p) for p in bundled_library.problems] == []
    assert len(bundled_library.articles) >= 35


def test_glossary_page_shows_other_names_but_never_search_words(tmp_path: Path) -> None:
    """The glossary page says "Also called" only for true other names; search-only words stay hidden."""
    from nec_companion.content.render import glossary_html

    (tmp_path / "glossary.toml").write_text(
        '[[term]]\nid = "ml"\nterm = "mL"\nalso_called = ["milliliter"]\nsearch_words = ["ounce"]\n'
        'aliases = ["teaspoon"]\ndefinition = "A small amount of liquid."\n', encoding="utf-8")
    write_article(tmp_path, "nec-basics", "good")
    page = glossary_html(_load(tmp_path))
    assert "Also called: milliliter" in page
    assert "ounce" not in page
    assert "teaspoon" not in page
