"""The library's value types: categories, articles, glossary entries and validation problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from nec_companion.core.i18n import CLDR_LOCALES, N_, _, active

# Search snippets mark matched words with these control characters; the UI turns them into bold text.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    description: str


# Display order is the order a family needs them: what NEC is first, bereavement near the end. `name` and
# `description` are English message ids, made at import time: show them with `_(category.name)`.
CATEGORIES: tuple[Category, ...] = (
    Category("nec-basics", N_("NEC basics"), N_("What NEC is, the warning signs, and how it is treated.")),
    Category("milk-and-pumping", N_("Milk and pumping"), N_("Mother's own milk, pumping, donor milk and fortifiers.")),
    Category("feeding", N_("Feeding progression"), N_("How feeds start small and grow, and how they are given.")),
    Category("risks", N_("Risks and protection"), N_("Medicines and care that can raise or lower the risk of NEC.")),
    Category("care-team", N_("Talking with your care team"), N_("Rounds, speaking up, and questions to ask.")),
    Category("feelings", N_("Feelings and family support"), N_("Looking after yourself and your family.")),
    Category("very-sick", N_("When your baby is very sick"), N_("Comfort care, palliative care and hard decisions.")),
    Category("bereavement", N_("When a baby dies"), N_("For families whose baby is very sick or has died.")),
    Category("going-home", N_("Going home"), N_("Leaving the NICU after NEC.")),
    Category("after-nec", N_("Life after NEC"),
             N_("Short bowel, ostomies, feeding again, follow-up and practical help.")),
    Category("hospital", N_("From your hospital"),
             N_("Contacts, visiting, parking and local support, from this unit.")),
    Category("about", N_("About this content"), N_("How this library was written and checked.")),
)
#: The category of a hospital's own pages (content/unit_pages.py); no bundled article may use it.
UNIT_CATEGORY = "hospital"
CATEGORY_BY_SLUG: dict[str, Category] = {c.slug: c for c in CATEGORIES}


def format_date(day: dt.date) -> str:
    """A date shown in the library, in the active language: '5 December 2026' in English on every platform (no
    glibc-only day format, which Windows lacks), '5 de diciembre de 2026' in Spanish (CLDR's long date)."""
    if active().code == "en":
        return f"{day.day} {day:%B %Y}"
    return active().date(day)


def format_month(day: dt.date) -> str:
    """'December 2026' / 'diciembre de 2026': a month and year in the active language."""
    if active().code == "en":
        return f"{day:%B %Y}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=CLDR_LOCALES[active().code])


@dataclass(frozen=True)
class Signoff:
    """A clinician's sign-off of one version of an article (the version whose sources were checked on
    `sources_checked`). `origin` is where it was recorded: the article's front matter or a signoffs.toml."""

    role: str
    date: dt.date
    sources_checked: dt.date
    origin: str = "article"


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    summary: str
    category: str
    sources_checked: dt.date  # when the writers last checked the article against its sources
    body: str
    path: Path
    sources: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    order: int = 100
    body_line: int = 1  # line of the file where the body starts, for problem reports
    related_line: int = 1
    clinical_signoff: str = ""  # "role, YYYY-MM-DD" of a clinician's sign-off; empty until one signs
    signoff: Signoff | None = None  # the sign-off that applies to this version of the article
    lapsed_signoff: Signoff | None = None  # a sign-off of an earlier version (the article changed since)
    text: str = field(default="", repr=False, compare=False)  # plain text of the body (what search indexes)
    # Languages (content/languages.py): the language this article is written in; for a translation, the English
    # slug it translates and the fingerprint of the English file it was made from.
    lang: str = "en"
    translation_of: str = ""
    translation_source: str = ""
    # A language code when this English article stands in a library of that language (no translation yet).
    untranslated_in: str = ""
    stale: bool = False  # True: a translation whose English article changed after it was translated

    @property
    def untranslated(self) -> bool:
        return bool(self.untranslated_in)

    @property
    def translation_note(self) -> str:
        """A sentence the reader can show above a translated or not-yet-translated article ('' when none)."""
        from nec_companion.content.languages import translation_note

        return translation_note(self)

    @property
    def reviewed(self) -> dt.date:
        """Older name of `sources_checked` (the writers' check, not a clinical review)."""
        return self.sources_checked

    def review_status(self) -> str:
        """Both facts in plain words: when the writers checked the sources, and whether a clinician signed."""
        checked = _("Checked against its sources on {date}.").format(date=format_date(self.sources_checked))
        if self.signoff is not None:
            # Translators: {role} is the clinician's role as the hospital wrote it (e.g. "Neonatal nurse educator").
            signed = _("Reviewed by a clinician ({role}) on {date}.").format(
                role=self.signoff.role, date=format_date(self.signoff.date))
            return f"{checked} {signed}"
        if self.lapsed_signoff is not None:
            lapsed = _("A clinician ({role}) reviewed an earlier version on {date}; this version has not yet been "
                       "reviewed by a clinician.").format(role=self.lapsed_signoff.role,
                                                          date=format_date(self.lapsed_signoff.date))
            return f"{checked} {lapsed}"
        unsigned = _("Not yet reviewed by a clinician at your hospital.")
        return f"{checked} {unsigned}"


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    definition: str
    also_called: tuple[str, ...] = ()  # true other names, shown on the glossary page
    search_words: tuple[str, ...] = ()  # lay words that find this entry in search; never shown
    matches: tuple[str, ...] = ()
    translation_of: str = ""  # in a translated glossary: the English term this entry translates

    @property
    def lay_words(self) -> tuple[str, ...]:
        """Every word that should find this entry in search (other names and search-only words)."""
        return (*self.also_called, *self.search_words)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file: shown by `check-content` and logged when the app skips a file."""

    path: Path
    line: int
    reason: str
    skipped: bool = True  # True: the article (or glossary entry) is left out; False: shown, but needs fixing

    def __str__(self) -> str:
        note = "" if self.skipped else " (still shown)"
        return f"{self.path}:{self.line}: {self.reason}{note}"


@dataclass(frozen=True)
class Library:
    """Every valid article and glossary entry, plus the problems found while loading."""

    articles: dict[str, Article]
    glossary: dict[str, GlossaryEntry]
    problems: tuple[Problem, ...] = field(default=())
    # Reader pages already made from this library (slug -> HTML): article_html fills it, the cache keeps the first.
    rendered: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    lang: str = "en"  # the language of this library (its articles may fall back to English: Article.untranslated)

    def untranslated_articles(self) -> list[Article]:
        """Articles shown in English because no translation exists yet (only in a library of another language)."""
        return sorted((a for a in self.articles.values() if a.untranslated), key=lambda a: (a.category, a.slug))

    def stale_articles(self) -> list[Article]:
        """Translations whose English article changed after they were translated."""
        return sorted((a for a in self.articles.values() if a.stale), key=lambda a: (a.category, a.slug))

    def in_category(self, category: str) -> list[Article]:
        found = [a for a in self.articles.values() if a.category == category]
        return sorted(found, key=lambda a: (a.order, a.title.casefold()))

    @property
    def last_sources_checked(self) -> dt.date | None:
        return max((a.sources_checked for a in self.articles.values()), default=None)

    @property
    def oldest_sources_checked(self) -> dt.date | None:
        return min((a.sources_checked for a in self.articles.values()), default=None)

    def signed_articles(self) -> list[Article]:
        return [a for a in self.articles.values() if a.signoff is not None]

    def unsigned_articles(self) -> list[tuple[Article, str]]:
        """Articles without a valid clinical sign-off, with the reason in plain words (for check-content)."""
        found = []
        for article in sorted(self.articles.values(), key=lambda a: (a.category, a.slug)):
            if article.signoff is not None:
                continue
            lapsed = article.lapsed_signoff
            reason = "no clinical sign-off" if lapsed is None else (
                f"its sign-off ({lapsed.role}, {lapsed.date.isoformat()}) was for an earlier version; the sources "
                f"were checked again on {article.sources_checked.isoformat()}, so it needs a new sign-off")
            found.append((article, reason))
        return found
