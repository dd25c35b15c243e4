"""A hospital's own pages ("From your hospital"): contacts, visiting, parking, lactation rooms, local support.

Hospital IT names a folder in the site file (`unit_pages_folder`). It holds articles in the library's format
(resources/README.md) with `category: hospital`, and optionally the hospital's clinical sign-offs:

    <unit pages folder>/
      hospital/<slug>.md     one page per file, `category: hospital`
      signoffs.toml          optional: [[signoff]] tables (content/signoffs.py), for these pages or bundled ones

Rules: the pages are validated like bundled articles (a page with a problem is left out; the rest still show),
except that a short page is fine (UNIT_MIN_WORDS words). A page can never replace or hide a bundled article: a
page whose name (slug) an article that comes with the app already uses is refused with a problem. Only unit
pages may use the `hospital` category. Pages are searchable like every article. No Qt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nec_companion.content.loader import _check_links, _load_article
from nec_companion.content.model import CATEGORY_BY_SLUG, UNIT_CATEGORY, Article, Library, Problem
from nec_companion.content.signoffs import SIGNOFFS_FILE, apply_signoffs, load_signoffs

UNIT_MIN_WORDS = 25
UNIT_CATEGORY_NAME = CATEGORY_BY_SLUG[UNIT_CATEGORY].name


def unit_page_files(folder: Path) -> list[Path]:
    """Every file that makes up a unit folder's pages (for the library cache key)."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*/*.md")) + sorted(folder.glob("*.md"))
    signoffs = folder / SIGNOFFS_FILE
    if signoffs.exists() or signoffs.is_symlink():
        files.append(signoffs)
    return files


def load_unit_pages(folder: Path, bundled: Library, *, today: dt.date | None = None) -> Library:
    """The bundled library with the hospital's pages from `folder` added (never replacing a bundled article),
    the hospital's sign-offs applied, and every problem in the unit folder added to the library's problems."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(Problem(folder, 0, "the folder of the hospital's own pages does not exist"))
        return Library(articles=dict(bundled.articles), glossary=bundled.glossary,
                       problems=(*bundled.problems, *problems), lang=bundled.lang)
    pages: dict[str, Article] = {}
    for path in sorted(folder.glob("*/*.md")):
        article = _load_article(path, today=today, problems=problems, root=folder, min_words=UNIT_MIN_WORDS)
        if article is None:
            continue
        if article.category != UNIT_CATEGORY:
            problems.append(Problem(path, 1, f"a hospital's own pages use 'category: {UNIT_CATEGORY}' in a folder "
                                             f"named {UNIT_CATEGORY}/ (shown as \"{UNIT_CATEGORY_NAME}\")"))
            continue
        if article.slug in bundled.articles:
            problems.append(Problem(path, 1, f"the name '{article.slug}' is already used by an article that comes "
                                             "with the app; a hospital's page cannot replace it, so this page is "
                                             "left out (please rename the file)"))
            continue
        if article.slug in pages:
            problems.append(Problem(path, 1, f"another page already uses the name '{article.slug}'"))
            continue
        pages[article.slug] = article
    for stray in sorted(folder.glob("*.md")):
        problems.append(Problem(stray, 1, f"pages must be inside the folder {UNIT_CATEGORY}/"))
    articles = {**bundled.articles, **pages}
    for slug in list(pages):
        articles[slug] = _check_links(articles[slug], articles, bundled.glossary, problems)
    signoffs = folder / SIGNOFFS_FILE
    if signoffs.exists() or signoffs.is_symlink():
        apply_signoffs(articles, load_signoffs(signoffs, problems, today=today), problems)
    return Library(articles=articles, glossary=bundled.glossary, problems=(*bundled.problems, *problems),
                   lang=bundled.lang)


def unit_pages(library: Library) -> list[Article]:
    return library.in_category(UNIT_CATEGORY)


__all__ = ["UNIT_MIN_WORDS", "load_unit_pages", "unit_page_files", "unit_pages"]
