"""The care-team summary as data and HTML (no Qt): what a family hands to the team for one baby and a range of days.

    from nec_companion.export.summary import Section, SummaryOptions, build_summary
    options = SummaryOptions(baby_id, first_day, last_day, sections=frozenset(Section))
    document = build_summary(entries, question_book.all(), baby, options, now)
    document.html()        # title block + body, black on white, every piece of family text escaped
    document.charts        # {"feeding": ChartSpec, ...}, drawn where the HTML says <img src="chart:feeding" ...>
    document.header        # "Wren · 20 Jan 2025 to 20 Mar 2025", the running header of every page

`build_summary` reads the journal, so call it where journal calls are made (the GUI thread; about 50 ms for 180
days); the `SummaryDocument` it returns is immutable plain data, safe to hand to a worker thread for
`export.pdf.render_summary_pdf`. Sections with nothing in the range say so in a sentence; when no chosen section
has anything, the whole body is one kind sentence: "Nothing recorded yet for these dates."

The summary is written in the active language, or in the languages `SummaryOptions.languages` names: with two
("es", "en"), the document is the whole summary in Spanish followed by the whole summary in English, each part a
complete summary starting on a new page with its language in its title (`SummaryDocument.parts`). The section
builders live in `summary_sections.py` and the way dates, numbers and words are written in `summary_format.py`.

`export/pdf.py` turns a `SummaryDocument` into a PDF or sends it to a printer. It carries the baby's nickname and
nothing else that identifies anyone, says it was prepared by the family and is not a medical record, and, like the
rest of the app, records and adds up without judging: figures are what the family typed, worked out the same way
as on the Journal screens (docs/JOURNAL.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING

from nec_companion.charts.model import ChartSpec
from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.i18n import LANGUAGES, N_, _, active, pgettext, using
from nec_companion.core.local_time import to_local
from nec_companion.core.questions import Question
from nec_companion.export.summary_format import (
    CHART_HEIGHT,
    CHART_WIDTH,
    clock,
    escape,
    format_date_words,
    format_day,
    format_range,
    plain,
)
from nec_companion.export.summary_sections import (
    ALL_SECTIONS,
    BUILDERS,
    Context,
    Section,
    baby_section,
    recent_concerns,
)

if TYPE_CHECKING:
    from nec_companion.journal import JournalEntries

FOOTER_TEXT = N_("Prepared by the family with NEC Companion. Not a medical record.")
NOTHING_RECORDED = N_("Nothing recorded yet for these dates.")
TITLE = N_("Care-team summary")
PAGE_LABEL = N_("Page {page} of {pages}")
NOTICE = N_("Made by the family from their own journal in NEC Companion. It is not a medical record: the care "
            "team\u2019s own records and advice come first.")


def footer_text(place: str = "") -> str:
    """The footer on every page, in the active language; `place` is the hospital's unit and name from its site
    file, when set."""
    place = " ".join(place.split())
    if not place:
        return _(FOOTER_TEXT)
    return _("Prepared by the family with NEC Companion at {place}. Not a medical record.").format(place=place)


@dataclass(frozen=True)
class SummaryOptions:
    """What to put in the summary: one baby, a range of local days (both included), the sections, and the
    languages: () for the active one, ("es", "en") for the whole summary in Spanish, then the whole of it again
    in English from a new page."""

    baby_id: BabyId
    first_day: date
    last_day: date
    sections: frozenset[Section] = ALL_SECTIONS
    languages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.first_day, date) or not isinstance(self.last_day, date):
            raise TypeError("first_day and last_day must be dates")
        if self.last_day < self.first_day:
            raise ValueError(_("The last day is before the first day. Please check the dates."))
        sections = frozenset(self.sections)
        if not all(isinstance(section, Section) for section in sections):
            raise TypeError("sections must be Section values")
        object.__setattr__(self, "sections", sections)
        languages = tuple(self.languages)
        unknown = [code for code in languages if code not in LANGUAGES]
        if unknown or len(set(languages)) != len(languages):
            raise ValueError(f"languages must be distinct codes of {sorted(LANGUAGES)}, not {languages!r}")
        object.__setattr__(self, "languages", languages)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


@dataclass(frozen=True)
class SummaryDocument:
    """A summary ready to paint: the title block, the HTML body and the charts it refers to, every word already in
    its language (`language`), so it can be painted on any thread whatever language the app speaks by then.

    `body_html` refers to each chart as `<img src="chart:NAME" width=W height=H>` (CSS pixels, 1/96 inch);
    `charts` maps NAME to the ChartSpec to draw there. All family text in the HTML is escaped. A summary in
    several languages is this part followed by `more` (see `parts`); `charts` then holds every part's charts.
    """

    nickname: str
    first_day: date
    last_day: date
    date_range: str
    prepared_on: str
    body_html: str
    charts: Mapping[str, ChartSpec] = field(default_factory=lambda: MappingProxyType({}))
    is_empty: bool = False
    title: str = TITLE
    footer: str = FOOTER_TEXT
    language: str = "en"
    #: The words under the title: what the summary is and is not.
    notice: str = NOTICE
    #: "Page {page} of {pages}" in the part's language.
    page_label: str = PAGE_LABEL
    #: The same summary in further languages, each printed after this one from a new page.
    more: tuple[SummaryDocument, ...] = ()

    @property
    def parts(self) -> tuple[SummaryDocument, ...]:
        """Each complete summary in the document, one per language, in print order."""
        return (replace(self, more=()), *self.more)

    @property
    def header(self) -> str:
        """The running header every page carries: "Robin · 20 Jan 2025 to 20 Mar 2025"."""
        return f"{self.nickname} \u00b7 {self.date_range}"

    def page_text(self, page: int, pages: int) -> str:
        return self.page_label.format(page=page, pages=pages)

    def with_place(self, place: str) -> SummaryDocument:
        """The same document with the hospital's unit in every part's footer, each in its part's language."""
        parts = []
        for part in self.parts:
            with using(part.language):
                parts.append(replace(part, footer=footer_text(place)))
        return replace(parts[0], charts=self.charts, more=tuple(parts[1:]))

    def title_html(self, *, new_page: bool = False) -> str:
        """The title block: title, nickname, dates, when it was prepared, and what it is not."""
        style = ' style="page-break-before: always;"' if new_page else ""
        return (f"<h1{style}>{escape(self.title)}: {escape(self.nickname)}</h1>"
                f'<p class="meta">{escape(self.date_range)} \u00b7 {escape(self.prepared_on)}</p>'
                f'<p class="meta">{escape(self.notice)}</p>')

    def html(self, *, whole: bool = True) -> str:
        """The document: style sheet, title block, then the body; then, unless `whole` is False, each further
        language's part from a new page."""
        body = self.title_html() + self.body_html
        if whole:
            body += "".join(part.title_html(new_page=True) + part.body_html for part in self.more)
        return f"<html><head><style>{SUMMARY_CSS}</style></head><body>{body}</body></html>"


#: Black on white, sizes in CSS pixels (the PDF renderer lays the document out at 96 units per inch).
SUMMARY_CSS = """
body { color: #000000; background-color: #ffffff; font-size: 13px; }
h1 { font-size: 21px; font-weight: bold; margin-top: 0px; margin-bottom: 4px; }
h2 { font-size: 17px; font-weight: bold; margin-top: 20px; margin-bottom: 4px; }
h3 { font-size: 14px; font-weight: bold; margin-top: 10px; margin-bottom: 4px; }
h4 { font-size: 13px; font-weight: bold; margin-top: 12px; margin-bottom: 2px; }
p { margin-top: 0px; margin-bottom: 6px; }
.meta { color: #222222; margin-bottom: 2px; }
.key { margin-top: 2px; margin-bottom: 3px; }
.empty { color: #222222; font-style: italic; }
.answer { color: #555555; margin-top: 6px; margin-bottom: 0px; }
.chart { margin-top: 4px; margin-bottom: 6px; }
table { margin-bottom: 6px; }
th { background-color: #dddddd; font-weight: bold; font-size: 11px; text-align: left; vertical-align: bottom;
     border-bottom: 2px solid #000000; }
td { font-size: 12px; vertical-align: top; border-bottom: 1px solid #a0a0a0; }
td.n { text-align: right; }
th.n { text-align: right; }
tr.alt td { background-color: #f0f0f0; }
.noticed { font-weight: bold; }
"""


# ---------------------------------------------------------------------------------------------- the builder


def build_summary(entries: JournalEntries, questions: Iterable[Question], baby: Baby, options: SummaryOptions,
                  now: datetime, *, charts: Mapping[str, ChartSpec] | None = None) -> SummaryDocument:
    """The summary of `baby` for `options` as of `now` (an aware datetime, from the app's clock), in the active
    language or in each of `options.languages` in turn.

    The charts are the Charts tab's own (`export/chart_specs.py`); `charts` ({"feeding" | "pumping" | "weight":
    ChartSpec}) replaces them (a missing name leaves that chart out). Blocking; about 0.1 s for 180 days a language.
    """
    if int(options.baby_id) != int(baby.baby_id):
        raise ValueError("The options are for a different baby.")
    questions = tuple(questions)
    if not options.languages:
        return _build_part(entries, questions, baby, options, now, charts)
    if len(options.languages) == 1:
        with using(options.languages[0]):
            return _build_part(entries, questions, baby, options, now, charts)
    parts = []
    for code in options.languages:
        with using(code):
            parts.append(_build_part(entries, questions, baby, options, now, charts, named=True))
    every_chart = {name: spec for part in parts for name, spec in part.charts.items()}
    return replace(parts[0], charts=MappingProxyType(every_chart), more=tuple(parts[1:]))


def _build_part(entries: JournalEntries, questions: tuple[Question, ...], baby: Baby, options: SummaryOptions,
                now: datetime, charts: Mapping[str, ChartSpec] | None, *, named: bool = False) -> SummaryDocument:
    """One complete summary in the active language; `named` puts the language in its title and before its charts'
    names (one of several parts)."""
    code = active().code
    zone = entries.time_zone
    context = Context(entries=entries, baby=baby, options=options, zone=zone, now=now, questions=questions,
                      chart_overrides=charts, one_year=options.first_day.year == options.last_day.year,
                      chart_prefix=f"{code}-" if named else "")
    parts: list[str] = []
    if Section.BABY in options.sections:
        parts.append(baby_section(context))
    concerns = recent_concerns(context) if options.sections & {Section.FEEDING, Section.CARE_EVENTS} else ""
    recorded: list[str] = [concerns] if concerns else []
    for section, build in BUILDERS:
        if section in options.sections:
            recorded.append(build(context))
    if context.has_data:
        parts += recorded
    else:
        # Nothing in any chosen section: one kind sentence rather than a page of empty headings.
        empty = _("When feeds, pumping, weights, care events, questions or notes are added to the journal for these "
                  "dates, they will appear here.")
        parts.append("<h2>" + escape(_("In the journal")) + '</h2><p class="empty">' + escape(_(NOTHING_RECORDED))
                     + "</p><p>" + escape(empty) + "</p>")
    prepared = to_local(now, zone)
    title = _(TITLE)
    if named:
        # Translators: the title of one language's part of a summary printed in two languages, e.g. "Care-team
        # summary (English)"; {language} is the name of the language of this catalog, in that language.
        title = _("{title} ({language})").format(
            title=title, language=pgettext("the name of this language, written in it", "English"))
    return SummaryDocument(
        nickname=plain(baby.nickname).strip() or _("Baby"),
        first_day=options.first_day,
        last_day=options.last_day,
        date_range=format_range(options.first_day, options.last_day),
        prepared_on=_("Prepared on {day} at {time}").format(day=format_date_words(prepared.date()),
                                                            time=clock(prepared)),
        body_html="\n".join(parts),
        charts=MappingProxyType(dict(context.charts)),
        is_empty=not context.has_data,
        title=title,
        footer=_(FOOTER_TEXT),
        language=code,
        notice=_(NOTICE),
        page_label=_(PAGE_LABEL),
    )


__all__ = [
    "ALL_SECTIONS",
    "CHART_HEIGHT",
    "CHART_WIDTH",
    "FOOTER_TEXT",
    "NOTHING_RECORDED",
    "SUMMARY_CSS",
    "Section",
    "SummaryDocument",
    "SummaryOptions",
    "build_summary",
    "escape",
    "footer_text",
    "format_day",
    "format_range",
    "plain",
]
