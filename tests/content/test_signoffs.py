"""Honest review status: the writers' sources check and a clinician's sign-off (front matter or signoffs.toml)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from nec_companion.content.loader import load_library
from nec_companion.content.render import article_html
from tests.conftest import GLOSSARY_SAMPLE, ROOT, write_article

TODAY = dt.date(2027, 3, 1)


def _folder(tmp_path: Path, signoffs: str | None = None) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "glossary.toml").write_text(GLOSSARY_SAMPLE, encoding="utf-8")
    write_article(tmp_path, "nec-basics", "alpha", sources_checked="2026-12-05")
    write_article(tmp_path, "feeding", "beta", sources_checked="2026-12-05")
    if signoffs is not None:
        (tmp_path / "signoffs.toml").write_text(signoffs, encoding="utf-8")
    return tmp_path


def _load(root: Path):
    return load_library(root / "library", root / "glossary.toml", today=TODAY)


SIGNED = '''
[[signoff]]
article = "alpha"
role = "Neonatal nurse educator"
date = 2027-01-15
sources_checked = 2026-12-05
'''


def test_without_signoff_the_reader_says_so_in_plain_words(tmp_path: Path) -> None:
    """No sign-off: the page gives the sources-check date and says no clinician has reviewed it."""
    library = _load(_folder(tmp_path))
    page = article_html(library.articles["alpha"], library)
    assert "Checked against its sources on 5 December 2026. Not yet reviewed by a clinician at your hospital." in page
    assert "Last reviewed" not in page


def test_hospital_signoff_file_is_applied_without_editing_articles(tmp_path: Path) -> None:
    """A [[signoff]] in signoffs.toml at the content root shows the role and date under that article only."""
    library = _load(_folder(tmp_path, SIGNED))
    assert library.problems == ()
    page = article_html(library.articles["alpha"], library)
    assert ("Checked against its sources on 5 December 2026. Reviewed by a clinician (Neonatal nurse educator) "
            "on 15 January 2027.") in page
    assert library.articles["beta"].signoff is None
    assert [a.slug for a, _ in library.unsigned_articles()] == ["beta"]


def test_signoff_lapses_when_the_sources_are_checked_again(tmp_path: Path) -> None:
    """The article's sources_checked is newer than the signed version: the sign-off no longer applies."""
    root = _folder(tmp_path, SIGNED)
    write_article(root, "nec-basics", "alpha", sources_checked="2027-02-01")
    library = _load(root)
    alpha = library.articles["alpha"]
    assert alpha.signoff is None and alpha.lapsed_signoff is not None
    assert "reviewed an earlier version on 15 January 2027; this version has not yet been reviewed" in \
        alpha.review_status()
    (_article, reason), = [item for item in library.unsigned_articles() if item[0].slug == "alpha"]
    assert "needs a new sign-off" in reason


def test_front_matter_signoff_is_shown_and_lapses_too(tmp_path: Path) -> None:
    """clinical_signoff in the front matter counts; one older than sources_checked has lapsed."""
    root = _folder(tmp_path)
    write_article(root, "nec-basics", "alpha", sources_checked="2026-12-05",
                  clinical_signoff="Consultant neonatologist, 2027-01-02")
    write_article(root, "feeding", "beta", sources_checked="2026-12-05",
                  clinical_signoff="Neonatal dietitian, 2026-11-30")
    library = _load(root)
    assert "Reviewed by a clinician (Consultant neonatologist) on 2 January 2027." in \
        library.articles["alpha"].review_status()
    assert library.articles["beta"].signoff is None
    assert "Neonatal dietitian" in library.articles["beta"].review_status()


def test_bad_signoffs_are_reported_with_file_and_line(tmp_path: Path) -> None:
    """Each bad [[signoff]] becomes `file:line: reason` and is left out; the good one still applies."""
    text = SIGNED + '''
[[signoff]]
article = "nope"
role = "Nurse"
date = 2027-01-15
sources_checked = 2026-12-05

[[signoff]]
article = "beta"
role = "Nurse"
date = "2027-01-15"
sources_checked = 2026-12-05

[[signoff]]
article = "beta"
role = "Nurse"
date = 2027-09-15
sources_checked = 2026-12-05

[[signoff]]
article = "beta"
role = "Nurse"
date = 2027-01-15
sources_checked = 2026-12-20

[[signoff]]
article = "beta"
who = "Nurse"
'''
    root = _folder(tmp_path, text)
    library = _load(root)
    found = {(p.line, p.reason) for p in library.problems}
    path = root / "signoffs.toml"
    assert all(p.path == path for p in library.problems)
    lines = sorted(line for line, _ in found)
    assert lines == [8, 14, 20, 26, 32]
    reasons = " | ".join(reason for _, reason in sorted(found))
    assert "no article 'nope'" in reasons
    assert "must be a date without quotes" in reasons
    assert "dated in the future" in reasons
    assert "names sources_checked 2026-12-20, but the article's is 2026-12-05" in reasons
    assert "unknown sign-off field(s): who" in reasons
    assert library.articles["alpha"].signoff is not None and library.articles["beta"].signoff is None


def test_broken_signoff_file_never_stops_the_library(tmp_path: Path) -> None:
    """Not TOML, or a folder named signoffs.toml: one problem, every article still loads."""
    root = _folder(tmp_path, "[[signoff]\narticle = ")
    library = _load(root)
    assert len(library.articles) == 2
    assert [p.line for p in library.problems] == [1] and "not valid TOML" in library.problems[0].reason
    (root / "signoffs.toml").unlink()
    (root / "signoffs.toml").mkdir()
    library = _load(root)
    assert len(library.articles) == 2 and "is a folder" in library.problems[0].reason


def test_check_content_lists_unsigned_articles_as_information(tmp_path: Path) -> None:
    """check-content names every article without a valid sign-off, and still exits 0 (not an error)."""
    root = _folder(tmp_path, SIGNED.replace("2027-01-15", "2026-12-05"))
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check-content", str(root)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Information: 1 of 2 articles have no valid clinical sign-off" in result.stdout
    assert f"{root / 'library' / 'feeding' / 'beta.md'}: no clinical sign-off" in result.stdout
    assert "alpha.md" not in result.stdout
    assert "2 articles (1 with a clinical sign-off)" in result.stdout


def test_no_bundled_article_claims_a_clinical_signoff(bundled_library) -> None:
    """No clinician has signed the bundled articles, so none may say so."""
    assert bundled_library.signed_articles() == []
    assert not (ROOT / "resources" / "signoffs.toml").exists()


def test_the_later_of_two_signoffs_counts_and_long_roles_are_refused(tmp_path: Path) -> None:
    """Two sign-offs of one article: the later date is shown. A role over 80 characters is a problem."""
    text = SIGNED + SIGNED.replace("Neonatal nurse educator", "Consultant neonatologist").replace(
        "2027-01-15", "2027-02-01") + SIGNED.replace('"alpha"', '"beta"').replace("Neonatal nurse educator", "x" * 81)
    library = _load(_folder(tmp_path, text))
    assert library.articles["alpha"].signoff.role == "Consultant neonatologist"
    assert library.articles["beta"].signoff is None
    assert [(p.line, "longer than 80 characters" in p.reason) for p in library.problems] == [(14, True)]

