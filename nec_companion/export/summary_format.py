"""How the care-team summary writes things (no Qt): family text made safe for HTML, dates, times, numbers,
durations and counts in the active language, and the two building blocks of its pages, the printable table and
the column of dates. Every word here goes through the catalog (`core.i18n`) and every number and date through
CLDR, so the summary built inside `i18n.using("es")` reads "2384 g" and "10 de marzo de 2026" while the English
one reads "2,384 g" and "10 Mar 2026". Dates are written day first with the month in letters in every language,
so no reader mixes up day and month; times are 24-hour ("14:05"), as the care team writes them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from nec_companion.core.i18n import CLDR_LOCALES, _, active, ngettext
from nec_companion.core.local_time import to_local

#: Chart size in the HTML, in CSS pixels (1/96 inch): about 18 x 8.5 cm, the width of an A4 page's text.
CHART_WIDTH = 680
CHART_HEIGHT = 320

#: Control characters, line and paragraph separators, bidi overrides and isolates (they could reorder the
#: header's dates around a nickname), and the object-replacement characters rich text uses for images.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufff9-\ufffc]")


@dataclass(frozen=True)
class DatePatterns:
    """CLDR date patterns of one language: `words` in titles and sentences, `table` down a table's date column
    (short, so rows stay one line) and `table_no_year` within one year."""

    words: str
    table: str
    table_no_year: str
    #: A day and month in a sentence without the year: "6 March" / "6 de marzo".
    day_month: str


#: Day first and the month in letters everywhere. Spanish titles write the month out ("10 de marzo de 2026"),
#: as Spanish-language hospital letters do; its tables use CLDR's short months ("10 mar").
DATE_PATTERNS: dict[str, DatePatterns] = {
    "en": DatePatterns("d MMM y", "d MMM y", "d MMM", "d MMMM"),
    "es": DatePatterns("d 'de' MMMM 'de' y", "d MMM y", "d MMM", "d 'de' MMMM"),
}


def _patterns() -> DatePatterns:
    return DATE_PATTERNS.get(active().code, DATE_PATTERNS["en"])


# ---------------------------------------------------------------------------------------------- family text


def plain(text: object) -> str:
    """Family text made safe to show: control characters removed (line breaks become spaces), accents composed."""
    cleaned = unicodedata.normalize("NFC", str(text)).replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", cleaned)


def escape(text: object) -> str:
    """`plain(text)` with HTML special characters escaped."""
    return html.escape(plain(text), quote=True)


def escape_lines(text: str) -> str:
    """Multi-line family text: each line escaped, lines joined with <br/>."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)


# ---------------------------------------------------------------------------------------------- dates and times


def format_day(day: date, *, year: bool = True) -> str:
    """A day in a table: "20 Jan 2025" (or "20 Jan"); "20 ene 2025" in Spanish."""
    patterns = _patterns()
    return active().date(day, style=patterns.table if year else patterns.table_no_year)


def format_date_words(day: date) -> str:
    """A day in a title or sentence: "20 Jan 2025"; "20 de enero de 2025" in Spanish."""
    return active().date(day, style=_patterns().words)


def day_and_month(day: date) -> str:
    """A day in a sentence without its year: "6 March"; "6 de marzo" in Spanish."""
    return active().date(day, style=_patterns().day_month)


def format_range(first_day: date, last_day: date) -> str:
    """The summary's dates: "20 Jan 2025 to 20 Mar 2025" (one day alone when they are the same)."""
    if first_day == last_day:
        return format_date_words(first_day)
    # Translators: the range of dates a summary covers, e.g. "20 Jan 2025 to 20 Mar 2025".
    return _("{first} to {last}").format(first=format_date_words(first_day), last=format_date_words(last_day))


def clock(moment: time | datetime) -> str:
    """A time of day, 24-hour: "14:05"."""
    from babel.dates import format_time

    return format_time(moment, "HH:mm", locale=CLDR_LOCALES.get(active().code, "en_US"))


def day_and_time(day_text: str, moment: time | datetime) -> str:
    """"20 Jan, 14:05"."""
    # Translators: a date and a time of day, e.g. "20 Jan, 14:05".
    return _("{day}, {time}").format(day=day_text, time=clock(moment))


def moment_text(moment: datetime, zone: str, *, year: bool = False) -> str:
    local = to_local(moment, zone)
    return day_and_time(format_day(local.date(), year=year), local)


# ---------------------------------------------------------------------------------------------- numbers, words


def number(value: float | None, *, decimals: int = 0, signed: bool = False) -> str:
    """A figure in the active language ("1,234.5" / "1234.5"); a minus sign, never "-0"; "" for None."""
    if value is None:
        return ""
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = active().number(abs(rounded), decimals=decimals)
    if signed and rounded > 0:
        return "+" + text
    if rounded < 0:
        return "\u2212" + text
    return text


def ml(value: float) -> str:
    """Millilitres: one decimal under 10 mL (trophic feeds), whole numbers above."""
    return number(value, decimals=1 if 0 < abs(value) < 10 else 0)


def days_text(count: int) -> str:
    """"1 day", "3 days"."""
    return ngettext("{n} day", "{n} days", count).format(n=count)


def hours_text(hours: float) -> str:
    """ "45 minutes" under an hour (never "0.8 hours"), "1 hour", "2.5 hours"."""
    if hours < 1:
        minutes = max(1, round(hours * 60))
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    rounded = round(hours, 1)
    whole = rounded == int(rounded)
    text = number(rounded, decimals=0 if whole else 1)
    # A whole number of hours takes the plural rules of that number; "2.5 hours" is plural in both languages.
    return ngettext("{n} hour", "{n} hours", int(rounded) if whole else 2).format(n=text)


def listing(items: Sequence[str]) -> str:
    """["3–5", "9"] -> "3–5 and 9"; ["1", "4", "7"] -> "1, 4 and 7"."""
    if len(items) <= 1:
        return "".join(items)
    # Translators: the end of a list, e.g. "3–5, 8 and 9" ({items} is "3–5, 8").
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def day_ranges(days: Sequence[int]) -> str:
    """[3, 4, 5, 9] -> "3\u20135 and 9"."""
    runs: list[tuple[int, int]] = []
    for value in sorted(set(days)):
        if runs and value == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return listing([f"{a}" if a == b else f"{a}\u2013{b}" for a, b in runs])


# ---------------------------------------------------------------------------------------------- page blocks


class Table:
    """A printable table: a header row that repeats on every page, numbers right-aligned, light banding.

    Headers are HTML written here (never family text), so they may hold a <br/>; cells are family text and are
    escaped unless a row is added with `raw=True` by code that escaped it already.
    """

    def __init__(self, columns: Sequence[tuple[str, bool, int]]) -> None:
        self.columns = columns  # (header HTML, is a number, width in %)
        self.rows: list[str] = []

    def add(self, cells: Sequence[str], *, raw: bool = False) -> None:
        parts = []
        for (_header, numeric, _width), cell in zip(self.columns, cells, strict=True):
            text = cell if raw else escape(cell)
            parts.append(f'<td class="n">{text}</td>' if numeric else f"<td>{text}</td>")
        banded = ' class="alt"' if len(self.rows) % 2 else ""
        self.rows.append(f"<tr{banded}>{''.join(parts)}</tr>")

    def html(self) -> str:
        scale = 100 / (sum(width for _header, _numeric, width in self.columns) or 1)
        numeric_class = ' class="n"'
        heads = "".join(f'<th width="{width * scale:.0f}%"{numeric_class if numeric else ""}>{header}</th>'
                        for header, numeric, width in self.columns)
        return ('<table width="100%" border="0" cellspacing="0" cellpadding="3" style="border-collapse: collapse;">'
                f"<thead><tr>{heads}</tr></thead><tbody>{''.join(self.rows)}</tbody></table>")


class DateLabels:
    """Dates down one table: "22 Sep 2024", "23 Sep", ... "1 Jan 2025": the year only on the first row and where it
    changes (and never within one calendar year, which the header already says), so rows stay one line."""

    def __init__(self, zone: str, *, show_year: bool) -> None:
        self.zone = zone
        self.show_year = show_year
        self.year: int | None = None

    def day(self, day: date) -> str:
        with_year = self.show_year and day.year != self.year
        self.year = day.year
        return format_day(day, year=with_year)

    def moment(self, moment: datetime) -> str:
        local = to_local(moment, self.zone)
        return day_and_time(self.day(local.date()), local)


def chart_img(name: str) -> str:
    return (f'<p class="chart" align="center"><img src="chart:{name}" width="{CHART_WIDTH}" '
            f'height="{CHART_HEIGHT}"/></p>')


__all__ = [
    "CHART_HEIGHT",
    "CHART_WIDTH",
    "DATE_PATTERNS",
    "DateLabels",
    "Table",
    "chart_img",
    "clock",
    "day_and_month",
    "day_and_time",
    "day_ranges",
    "days_text",
    "escape",
    "escape_lines",
    "format_date_words",
    "format_day",
    "format_range",
    "hours_text",
    "listing",
    "ml",
    "moment_text",
    "number",
    "plain",
]
