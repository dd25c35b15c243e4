"""Translations and locale formatting for every layer, without Qt (issue 13: Spanish).

One tool chain for the whole package: GNU gettext message ids in the source, catalogs kept as `.po` files in
`resources/locale/<code>.po` (managed with Babel by `scripts/i18n.py`: extract, update, check), and Babel's CLDR
data for numbers, dates and times. The `.po` file is compiled in memory when a language is loaded, so no binary
`.mo` file is kept in the repository or the package.

    from nec_companion.core.i18n import _, N_, ngettext, active

    _("Lock now")                                   # translated into the active language
    ngettext("{n} minute", "{n} minutes", n).format(n=n)   # plural forms from the catalog's rules
    N_("Something went wrong")                      # marks a string for extraction; translate it later with _()
    active().number(2384)                           # "2,384" in English, "2384" in Spanish

The active language is the one piece of global state here, as in gettext itself: the composition root sets it
(`set_active`) when the app starts and when a family's journal asks for its own language; everything else only
reads it. Tests restore it with the `english` fixture. Nothing here touches the network or writes a file.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

#: The languages the app speaks, by code, each named in its own language (as the language chooser shows them).
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
DOMAIN = "nec_companion"
#: Babel/CLDR locales used for formatting: US English, and Spanish as written in the United States (dates "10 de
#: marzo de 2026", times "2:30 p.m."; a decimal point, as the care team writes doses and weights and as Mexico and
#: the US use). See `Language.number` for grouping.
CLDR_LOCALES: dict[str, str] = {"en": "en_US", "es": "es_US"}
#: Languages whose numbers are never grouped: "2,384 g" reads as 2.384 g to a reader from most Spanish-speaking
#: countries, so Spanish writes "2384 g" (the app's numbers stay far below where grouping helps).
UNGROUPED: frozenset[str] = frozenset({"es"})


@dataclass
class Language:
    """A loaded language: its messages and its locale formats."""

    code: str
    translations: gettext.NullTranslations = field(repr=False)

    @property
    def name(self) -> str:
        return LANGUAGES[self.code]

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    # ----- formats (Babel's CLDR data) -----

    def number(self, value: float, *, decimals: int = 0) -> str:
        """A number as this language writes it, with `decimals` digits after the mark: "2,384.5" in English,
        "2384.5" in Spanish (never grouped, see UNGROUPED)."""
        if decimals <= 0 and float(value).is_integer() and abs(value) < 1000:
            # What CLDR writes for a whole number under 1,000 in every language here: its plain digits (no
            # grouping yet, ASCII digits, hyphen-minus). Checked against Babel in tests/test_i18n.py; it keeps
            # Babel's locale data from loading while the first window is built (docs/PERFORMANCE.md).
            return str(round(value))
        from babel.numbers import format_decimal

        pattern = ("0" if self.code in UNGROUPED else "#,##0") + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(value, format=pattern, locale=CLDR_LOCALES[self.code])

    def date(self, day: date, *, style: str = "long") -> str:
        """"March 10, 2026" / "10 de marzo de 2026" (`style`: short, medium, long, full)."""
        from babel.dates import format_date

        return format_date(day, format=style, locale=CLDR_LOCALES[self.code])

    def time(self, moment: time | datetime) -> str:
        """"2:30 PM" / "2:30 p.m." as CLDR writes a short time in this language."""
        from babel.dates import format_time

        return format_time(moment, format="short", locale=CLDR_LOCALES[self.code])


class CatalogProblem(ValueError):
    """A catalog file could not be read (the message names the file)."""


def load_language(code: str, locale_dir: Path) -> Language:
    """The language `code` with its catalog from `locale_dir/<code>.po`. English needs no catalog (the message
    ids are English). Raises CatalogProblem for an unknown code or an unreadable catalog."""
    if code not in LANGUAGES:
        raise CatalogProblem(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    if code == DEFAULT_LANGUAGE:
        return Language(code, gettext.NullTranslations())
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = Path(locale_dir) / f"{code}.po"
    try:
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=code, domain=DOMAIN)
    except (OSError, ValueError) as error:
        raise CatalogProblem(f"{path}: {error}") from None
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy (unchecked) entry falls back to English
    compiled.seek(0)
    return Language(code, gettext.GNUTranslations(compiled))


_active = Language(DEFAULT_LANGUAGE, gettext.NullTranslations())
_locale_dir: Path | None = None
_loaded: dict[str, Language] = {}


def set_locale_dir(path: Path) -> None:
    """Where `language()` finds the catalogs (the composition root says so once; tests point at the checkout)."""
    global _locale_dir
    _locale_dir = Path(path)
    _loaded.clear()


def language(code: str) -> Language:
    """The language `code`, loaded once from the folder given to `set_locale_dir` (English needs none).
    Raises CatalogProblem for an unknown code or a missing or unreadable catalog."""
    if code not in _loaded:
        if code != DEFAULT_LANGUAGE and _locale_dir is None:
            raise CatalogProblem(f"no catalog folder set for {code!r} (set_locale_dir)")
        _loaded[code] = load_language(code, _locale_dir or Path("."))
    return _loaded[code]


@contextmanager
def using(code: str) -> Iterator[Language]:
    """Speak `code` inside the block (a summary in English for the care team while the family reads Spanish),
    then go back to the language that was active before."""
    previous = set_active(language(code))
    try:
        yield _active
    finally:
        set_active(previous)


def active() -> Language:
    """The language the app speaks right now."""
    return _active


def set_active(language: Language) -> Language:
    """Make `language` the active one; returns the previous one (so a caller can put it back)."""
    global _active
    previous, _active = _active, language
    return previous


def _(message: str) -> str:
    """`message` in the active language (the English message id when it has no translation)."""
    return _active.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark `message` for the catalog without translating it now (class attributes, tables of messages):
    translate it with `_()` where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or one of the plural forms, by the active language's plural rules."""
    return _active.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`, for a short word that needs a different translation in one place."""
    return _active.pgettext(context, message)


__all__ = [
    "CLDR_LOCALES",
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "UNGROUPED",
    "CatalogProblem",
    "Language",
    "_",
    "active",
    "language",
    "load_language",
    "ngettext",
    "pgettext",
    "set_active",
    "set_locale_dir",
    "using",
]
