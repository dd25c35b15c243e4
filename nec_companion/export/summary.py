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

`export/pdf.py` turns a `SummaryDocument` into a PDF or sends it to a printer. It carries the baby's nickname and
nothing else that identifies anyone, says it was prepared by the family and is not a medical record, and, like the
rest of the app, records and adds up without judging: figures are what the family typed, worked out the same way
as on the Journal screens (docs/JOURNAL.md).
"""

from __future__ import annotations

import enum
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING

from nec_companion.charts.model import ChartSpec
from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.care_events import CareEvent
from nec_companion.core.daily import BabyChartSeries, FeedingDay, PlanPeriod, PumpingDay, weight_gain
from nec_companion.core.feeding import FeedingPlanChange, FeedRoute, Fortifier
from nec_companion.core.local_time import day_start, local_day, to_local
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.questions import Question, Status, rounds_order
from nec_companion.core.units import format_lb_oz
from nec_companion.export.chart_specs import feeding_chart_spec, pumping_chart_spec, weight_chart_spec

if TYPE_CHECKING:
    from nec_companion.journal import JournalEntries

FOOTER_TEXT = "Prepared by the family with NEC Companion. Not a medical record."


def footer_text(place: str = "") -> str:
    """The footer on every page; `place` is the hospital's unit and name from its site file, when set."""
    place = " ".join(place.split())
    if not place:
        return FOOTER_TEXT
    return f"Prepared by the family with NEC Companion at {place}. Not a medical record."
NOTHING_RECORDED = "Nothing recorded yet for these dates."
TITLE = "Care-team summary"

#: Chart size in the HTML, in CSS pixels (1/96 inch): about 18 x 8.5 cm, the width of an A4 page's text.
CHART_WIDTH = 680
CHART_HEIGHT = 320

#: Control characters, line and paragraph separators, bidi overrides and isolates (they could reorder the
#: header's dates around a nickname), and the object-replacement characters rich text uses for images.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufff9-\ufffc]")


class Section(enum.Enum):
    """The parts a family can choose to include, in the order they are printed."""

    BABY = "baby"
    FEEDING = "feeding"
    PUMPING = "pumping"
    WEIGHTS = "weights"
    CARE_EVENTS = "care_events"
    OPEN_QUESTIONS = "open_questions"
    ANSWERED_QUESTIONS = "answered_questions"
    NOTES = "notes"

    @property
    def label(self) -> str:
        """The section's heading (also the check box label in the export dialog)."""
        return _SECTION_LABELS[self]


_SECTION_LABELS = {
    Section.BABY: "Baby and ages",
    Section.FEEDING: "Feeding progression",
    Section.PUMPING: "Pumping",
    Section.WEIGHTS: "Weights",
    Section.CARE_EVENTS: "Care events",
    Section.OPEN_QUESTIONS: "Questions to ask",
    Section.ANSWERED_QUESTIONS: "Answered questions",
    Section.NOTES: "Notes and milestones",
}

ALL_SECTIONS: frozenset[Section] = frozenset(Section)


@dataclass(frozen=True)
class SummaryOptions:
    """What to put in the summary: one baby, a range of local days (both included) and the sections."""

    baby_id: BabyId
    first_day: date
    last_day: date
    sections: frozenset[Section] = ALL_SECTIONS
    languages: tuple[str, ...] = ()  # empty: the active language; ("es", "en"): Spanish then English side by side

    def __post_init__(self) -> None:
        if not isinstance(self.first_day, date) or not isinstance(self.last_day, date):
            raise TypeError("first_day and last_day must be dates")
        if self.last_day < self.first_day:
            raise ValueError("The last day is before the first day. Please check the dates.")
        sections = frozenset(self.sections)
        if not all(isinstance(section, Section) for section in sections):
            raise TypeError("sections must be Section values")
        object.__setattr__(self, "sections", sections)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


@dataclass(frozen=True)
class SummaryDocument:
    """A summary ready to paint: the title block, the HTML body and the charts it refers to.

    `body_html` refers to each chart as `<img src="chart:NAME" width=W height=H>` (CSS pixels, 1/96 inch);
    `charts` maps NAME to the ChartSpec to draw there. All family text in the HTML is escaped.
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

    @property
    def header(self) -> str:
        """The running header every page carries: "Robin · 20 Jan 2025 to 20 Mar 2025"."""
        return f"{self.nickname} \u00b7 {self.date_range}"

    def html(self) -> str:
        """The whole document: style sheet, title block, then the body."""
        title = (f"<h1>{escape(self.title)}: {escape(self.nickname)}</h1>"
                 f'<p class="meta">{escape(self.date_range)} \u00b7 {escape(self.prepared_on)}</p>'
                 '<p class="meta">Made by the family from their own journal in NEC Companion. It is not a medical '
                 "record: the care team\u2019s own records and advice come first.</p>")
        return f"<html><head><style>{SUMMARY_CSS}</style></head><body>{title}{self.body_html}</body></html>"


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


# ---------------------------------------------------------------------------------------------- text helpers


def plain(text: object) -> str:
    """Family text made safe to show: control characters removed (line breaks become spaces), accents composed."""
    cleaned = unicodedata.normalize("NFC", str(text)).replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", cleaned)


def escape(text: object) -> str:
    """`plain(text)` with HTML special characters escaped."""
    return html.escape(plain(text), quote=True)


def _escape_lines(text: str) -> str:
    """Multi-line family text: each line escaped, lines joined with <br/>."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)


def format_day(day: date, *, year: bool = True) -> str:
    """"20 Jan 2025" (or "20 Jan"): day first and the month in letters, so no reader mixes up day and month."""
    return f"{day.day} {day:%b}" + (f" {day.year}" if year else "")


def format_range(first_day: date, last_day: date) -> str:
    if first_day == last_day:
        return format_day(first_day)
    return f"{format_day(first_day)} to {format_day(last_day)}"


def _moment(moment: datetime, zone: str, *, year: bool = False) -> str:
    local = to_local(moment, zone)
    return f"{format_day(local.date(), year=year)}, {local:%H:%M}"


def _number(value: float | None, *, decimals: int = 0, signed: bool = False) -> str:
    if value is None:
        return ""
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{abs(rounded):,.{decimals}f}"
    if signed and rounded > 0:
        return "+" + text
    if rounded < 0:
        return "\u2212" + text
    return text


def _ml(value: float) -> str:
    """Millilitres: one decimal under 10 mL (trophic feeds), whole numbers above."""
    return _number(value, decimals=1 if 0 < abs(value) < 10 else 0)


def _day_ranges(days: Sequence[int]) -> str:
    """[3, 4, 5, 9] -> "3\u20135 and 9"."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(days)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    parts = [f"{a}" if a == b else f"{a}\u2013{b}" for a, b in runs]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class _Table:
    """A printable table: a header row that repeats on every page, numbers right-aligned, light banding.

    Headers are HTML written here (never family text), so they may hold a <br/>; cells are family text and are
    escaped unless a row is added with `raw=True` by code that escaped it already.
    """

    def __init__(self, columns: Sequence[tuple[str, bool, int]]) -> None:
        self.columns = columns  # (header HTML, is a number, width in %)
        self.rows: list[str] = []

    def add(self, cells: Sequence[str], *, raw: bool = False) -> None:
        parts = []
        for (_, numeric, _), cell in zip(self.columns, cells, strict=True):
            text = cell if raw else escape(cell)
            parts.append(f'<td class="n">{text}</td>' if numeric else f"<td>{text}</td>")
        banded = ' class="alt"' if len(self.rows) % 2 else ""
        self.rows.append(f"<tr{banded}>{''.join(parts)}</tr>")

    def html(self) -> str:
        scale = 100 / (sum(width for _, _, width in self.columns) or 1)
        numeric_class = ' class="n"'
        heads = "".join(f'<th width="{width * scale:.0f}%"{numeric_class if numeric else ""}>{header}</th>'
                        for header, numeric, width in self.columns)
        return ('<table width="100%" border="0" cellspacing="0" cellpadding="3" style="border-collapse: collapse;">'
                f"<thead><tr>{heads}</tr></thead><tbody>{''.join(self.rows)}</tbody></table>")


class _DateLabels:
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
        return f"{self.day(local.date())}, {local:%H:%M}"


def _chart_img(name: str) -> str:
    return (f'<p class="chart" align="center"><img src="chart:{name}" width="{CHART_WIDTH}" '
            f'height="{CHART_HEIGHT}"/></p>')


# ---------------------------------------------------------------------------------------------- the builder


@dataclass
class _Context:
    entries: JournalEntries
    baby: Baby
    options: SummaryOptions
    zone: str
    now: datetime
    questions: tuple[Question, ...]
    chart_overrides: Mapping[str, ChartSpec] | None
    one_year: bool
    charts: dict[str, ChartSpec] = field(default_factory=dict)
    has_data: bool = False
    _series: BabyChartSeries | None = None

    @property
    def series(self) -> BabyChartSeries:
        """The baby's feeding days, plan periods and weighings for the range (one journal call, shared)."""
        if self._series is None:
            self._series = self.entries.chart_series(self.baby.baby_id, first_day=self.options.first_day,
                                                     last_day=self.options.last_day)
        return self._series

    def dates(self) -> _DateLabels:
        """Date labels for one table (a fresh one per table, so each table shows its first row's year)."""
        return _DateLabels(self.zone, show_year=not self.one_year)

    def moment(self, moment: datetime) -> str:
        return _moment(moment, self.zone, year=not self.one_year)

    def day_of_life(self, day: date) -> str:
        return str((day - self.baby.birth_date).days + 1) if day >= self.baby.birth_date else ""

    def add_chart(self, name: str, build: Callable[[], ChartSpec]) -> str:
        """The <img> for chart `name` ("" when it has nothing to draw); the spec is kept for the renderer."""
        spec = self.chart_overrides.get(name) if self.chart_overrides is not None else build()
        if spec is None or not spec.has_data:
            return ""
        self.charts[name] = spec
        return _chart_img(name)


def build_summary(entries: JournalEntries, questions: Iterable[Question], baby: Baby, options: SummaryOptions,
                  now: datetime, *, charts: Mapping[str, ChartSpec] | None = None) -> SummaryDocument:
    """The summary of `baby` for `options` as of `now` (an aware datetime, from the app's clock).

    The charts are the Charts tab's own (`export/chart_specs.py`); `charts` ({"feeding" | "pumping" | "weight":
    ChartSpec}) replaces them (a missing name leaves that chart out). Blocking; about 0.1 s for 180 days.
    """
    if int(options.baby_id) != int(baby.baby_id):
        raise ValueError("The options are for a different baby.")
    zone = entries.time_zone
    context = _Context(entries=entries, baby=baby, options=options, zone=zone, now=now,
                       questions=tuple(questions), chart_overrides=charts,
                       one_year=options.first_day.year == options.last_day.year)
    parts: list[str] = []
    if Section.BABY in options.sections:
        parts.append(_baby_section(context))
    concerns = _recent_concerns(context) if options.sections & {Section.FEEDING, Section.CARE_EVENTS} else ""
    recorded: list[str] = [concerns] if concerns else []
    for section, build in ((Section.FEEDING, _feeding_section), (Section.PUMPING, _pumping_section),
                           (Section.WEIGHTS, _weights_section), (Section.CARE_EVENTS, _care_events_section),
                           (Section.OPEN_QUESTIONS, _open_questions_section),
                           (Section.ANSWERED_QUESTIONS, _answered_questions_section), (Section.NOTES, _notes_section)):
        if section in options.sections:
            recorded.append(build(context))
    if context.has_data:
        parts += recorded
    else:
        # Nothing in any chosen section: one kind sentence rather than a page of empty headings.
        parts.append(f'<h2>{escape("In the journal")}</h2><p class="empty">{escape(NOTHING_RECORDED)}</p>'
                     "<p>When feeds, pumping, weights, care events, questions or notes are added to the journal for "
                     "these dates, they will appear here.</p>")
    prepared = to_local(now, zone)
    return SummaryDocument(
        nickname=plain(baby.nickname).strip() or "Baby",
        first_day=options.first_day,
        last_day=options.last_day,
        date_range=format_range(options.first_day, options.last_day),
        prepared_on=f"Prepared on {format_day(prepared.date())} at {prepared:%H:%M}",
        body_html="\n".join(parts),
        charts=MappingProxyType(dict(context.charts)),
        is_empty=not context.has_data,
    )


def _heading(section: Section) -> str:
    return f"<h2>{escape(section.label)}</h2>"


def _none(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


# ---------------------------------------------------------------------------------------------- sections


def _ages_on(baby: Baby, day: date) -> list[str]:
    ages = baby.ages(day)
    if not ages.is_preterm:
        corrected = "no correction (born at term)"
    elif ages.corrected is not None:
        corrected = ages.corrected.describe()
    else:
        corrected = f"due date in {_days(ages.days_until_due_date)}"
    return [str(ages.day_of_life), f"{ages.postmenstrual} weeks", ages.chronological.describe(), corrected]


def _baby_section(c: _Context) -> str:
    baby = c.baby
    ga = baby.gestational_age
    born = f"{format_day(baby.birth_date)}" + (f", {baby.birth_time:%H:%M}" if baby.birth_time else "")
    facts = [f"<b>Born:</b> {escape(born)}, at {escape(str(ga))} weeks ({escape(ga.describe())})"]
    if baby.birth_weight_g:
        facts.append(f"<b>Birth\u00a0weight:</b> {baby.birth_weight_g:,}\u00a0g "
                     f"({escape(format_lb_oz(baby.birth_weight_g))})")
    if ga.is_preterm:
        due = baby.ages(baby.birth_date).due_date
        facts.append(f"<b>Due\u00a0date:</b> {escape(format_day(due))} (40+0\u00a0weeks)")
    parts = [_heading(Section.BABY), '<p class="key">' + " \u00b7 ".join(facts) + "</p>"]
    first = max(c.options.first_day, baby.birth_date)
    last = c.options.last_day
    if last < baby.birth_date:
        parts.append(_none("These dates are before the birth date."))
        return "\n".join(parts)
    days = [first] if first == last else [first, last]
    share = 68 // len(days)
    table = _Table([("Age", False, 100 - share * len(days)),
                    *((f"On {escape(format_day(d))}", False, share) for d in days)])
    columns = [_ages_on(baby, d) for d in days]
    for index, label in enumerate(("Day of life (day of birth = day 1)", "Postmenstrual age",
                                   "Age since birth", "Corrected age")):
        table.add([label, *(column[index] for column in columns)])
    parts.append(table.html())
    return "\n".join(parts)


RECENT_DAYS = 7


def _recent_concerns(c: _Context) -> str:
    """Page 1: what a care team wants to see first, from the last 7 days of the range: things the family
    noticed, feed pauses, and antibiotics given. Empty ("") when there is no baby data in the range."""
    last = c.options.last_day
    first = max(c.options.first_day, last - timedelta(days=RECENT_DAYS - 1), c.baby.birth_date)
    if last < c.baby.birth_date:
        return ""
    start, end = day_start(first, c.zone), day_start(last + timedelta(days=1), c.zone)
    lines: list[str] = []
    if Section.CARE_EVENTS in c.options.sections:
        every = c.entries.care_events(c.baby.baby_id, last_day=last)
        for event in sorted(every, key=lambda e: e.started_at):
            if event.is_warning_sign and start <= event.started_at < end:
                what = escape(event.describe().removeprefix(event.kind.label).removeprefix(": "))
                lines.append(f'<span class="noticed">\u25b2 Something the family noticed</span>, '
                             f"{escape(c.moment(event.started_at))}: {what}")
            elif event.kind.value == "antibiotics" and event.started_at < end and (
                    event.ended_at is None or event.ended_at >= start):
                stop = f"stopped {c.moment(event.ended_at)}" if event.ended_at else "no stop recorded"
                which = f" ({event.detail})" if event.detail else ""
                lines.append(escape(f"Antibiotics{which}: started {c.moment(event.started_at)}, {stop}"))
    if Section.FEEDING in c.options.sections:
        for period in c.series.periods:
            if period.is_paused and period.start < end and (period.end is None or period.end > start):
                # The series clips the last period at the end of the range: then it was still going on.
                ongoing = period.end is None or period.end >= end
                until = ("still paused at the end of these dates" if ongoing or period.end is None
                         else f"until {c.moment(period.end)}")
                reason = getattr(period.plan.regimen, "reason", "")
                why = f" ({reason})" if reason else ""
                lines.append(escape(f"Feeds paused{why}: from {c.moment(period.start)}, {until}"))
    days = (last - first).days + 1
    heading = f"<h2>Recent concerns (last {_days(days)})</h2>"
    if not lines:
        return heading + _none(f"No feed pauses, antibiotics or things the family noticed in the last {_days(days)} "
                               "of these dates.")
    return heading + '<p class="key">' + "<br/>".join(lines) + "</p>"


def _feeding_section(c: _Context) -> str:
    options = c.options
    parts = [_heading(Section.FEEDING)]
    days: tuple[FeedingDay, ...] = c.series.days if options.last_day >= c.baby.birth_date else ()
    planned_days = [d for d in days if d.hours_without_plan < d.hours - 1e-9]
    if not planned_days:
        parts.append(_none("No feeding plan recorded for these dates."))
        return "\n".join(parts)
    c.has_data = True
    parts.append(_feeding_key_figures(c, planned_days))
    parts.append(c.add_chart("feeding", lambda: feeding_chart_spec(c.series, zone_name=c.zone)))
    table = _Table([("Date", False, 8), ("Day of life", True, 7), ("Planned mL/day", True, 9),
                    ("mL/kg/day", True, 9), ("Change mL/kg/day", True, 10), ("Hours paused", True, 8),
                    ("Human milk %", True, 8), ("Plan changes that day (time and new plan)", False, 41)])
    previous = _previous_plans(c.series.periods)
    dates = c.dates()
    index = 0
    while index < len(days):
        day = days[index]
        no_plan = day.hours_without_plan >= day.hours - 1e-9
        if no_plan and not day.plan_changes:
            # A run of days with no plan recorded is one row, not a page of empty rows.
            end = index
            while end + 1 < len(days) and days[end + 1].hours_without_plan >= days[end + 1].hours - 1e-9 \
                    and not days[end + 1].plan_changes:
                end += 1
            if end > index:
                last_day = days[end]
                table.add([escape(f"{dates.day(day.day)} to {dates.day(last_day.day)}"),
                           escape(f"{day.day_of_life}\u2013{last_day.day_of_life}"), "", "", "", "", "",
                           "No plan recorded"], raw=True)
                index = end + 1
                continue
        index += 1
        changes = [f"{to_local(plan.effective_at, c.zone):%H:%M} {_plan_change_text(plan, previous.get(plan.entry_id))}"
                   for plan in day.plan_changes]
        if no_plan:
            changes.insert(0, "No plan recorded")
        elif day.hours_without_plan > 0.05:
            changes.insert(0, f"No plan recorded for {_hours_text(day.hours_without_plan)}")
        paused = _number(day.hours_paused, decimals=1) if day.hours_paused > 0.05 else ""
        cells = [
            escape(dates.day(day.day)), escape(str(day.day_of_life)),
            "" if no_plan else escape(_ml(day.planned_ml)),
            "" if no_plan or day.ml_per_kg is None else f"<b>{escape(_number(day.ml_per_kg))}</b>",
            escape(_number(day.change_ml_per_kg, signed=True)),
            f"<b>{escape(paused)}</b>" if paused else "",
            escape(_number(day.human_milk_percent)),
            "<br/>".join(escape(text) for text in changes),
        ]
        table.add(cells, raw=True)
    parts.append("<h3>Feeds day by day</h3>")
    parts.append(table.html())
    return "\n".join(parts)


def _previous_plans(periods: Sequence[PlanPeriod]) -> dict[object, FeedingPlanChange | None]:
    """Each plan's id -> the plan in force before it (None for the first one in the range)."""
    result: dict[object, FeedingPlanChange | None] = {}
    before: FeedingPlanChange | None = None
    for period in periods:
        result[period.plan.entry_id] = before
        before = period.plan
    return result


def _plan_change_text(plan: FeedingPlanChange, previous: FeedingPlanChange | None) -> str:
    """The new plan in a few words: the regimen, then only the route, milk or fortifier if they changed (the
    first plan of the range says everything), so a long table stays short and the changes stand out."""
    regimen = plan.regimen
    if plan.is_paused:
        return regimen.describe()
    text = regimen.describe()
    if previous is not None and previous.is_paused:
        text = "Feeds restarted: " + text
    same = previous is not None and not previous.is_paused
    extras = []
    if plan.route is not None and not (same and previous is not None and previous.route == plan.route):
        extras.append(f"by {plan.route.label}" if plan.route is not FeedRoute.OTHER else "other route")
    milk_same = same and previous is not None and previous.milk == plan.milk
    if plan.milk is not None and plan.milk.shares and not milk_same:
        extras.append(plan.milk.describe())
    if not (same and previous is not None and previous.fortifier is plan.fortifier
            and previous.fortifier_strength == plan.fortifier_strength):
        if plan.fortifier is not Fortifier.NONE:
            strength = f" ({plan.fortifier_strength})" if plan.fortifier_strength else ""
            extras.append(f"with {plan.fortifier.label}{strength}")
        elif same:
            extras.append("no fortifier")
    return text + (", " + ", ".join(extras) if extras else "")


def _feeding_key_figures(c: _Context, days: list[FeedingDay]) -> str:
    first, last = days[0], days[-1]
    lines = []
    if first.ml_per_kg is not None and last.ml_per_kg is not None:
        lines.append(f"<b>Planned feeds: {_number(first.ml_per_kg)} mL/kg/day</b> on day of life {first.day_of_life}"
                     f" \u2192 <b>{_number(last.ml_per_kg)} mL/kg/day</b> ({escape(_ml(last.planned_ml))} mL) on "
                     f"day of life {last.day_of_life}.")
        highest = max(days, key=lambda d: (d.ml_per_kg or 0, d.day))
        if highest.ml_per_kg and highest is not last and round(highest.ml_per_kg) > round(last.ml_per_kg):
            lines[-1] += f" Highest {_number(highest.ml_per_kg)} on day of life {highest.day_of_life}."
    paused = [d for d in days if d.hours_paused > 0.05]
    if paused:
        hours = sum(d.hours_paused for d in paused)
        lines.append(f"<b>Feeds paused</b> on day of life {escape(_day_ranges([d.day_of_life for d in paused]))} "
                     f"({_number(hours)} hours in all).")
    else:
        lines.append("Feeds were not paused in these dates.")
    end = min(c.now, day_start(c.options.last_day + timedelta(days=1), c.zone) - timedelta(seconds=1))
    plan = c.entries.plan_in_force(c.baby.baby_id, at=end)
    if plan is not None:
        lines.append(f"<b>Plan on {escape(format_day(local_day(end, c.zone), year=False))}:</b> "
                     f"{escape(plan.describe())} (since {escape(c.moment(plan.effective_at))}).")
    # One paragraph, so the printed page keeps these lines together with the chart under them.
    return '<p class="key">' + "<br/>".join(lines) + "</p>"


def _pumping_section(c: _Context) -> str:
    options = c.options
    parts = [_heading(Section.PUMPING)]
    days: tuple[PumpingDay, ...] = c.entries.pumping_days(first_day=options.first_day, last_day=options.last_day)
    recorded = [d for d in days if d.recorded]
    if not recorded:
        parts.append(_none("No pumping recorded for these dates."))
        return "\n".join(parts)
    c.has_data = True
    total = sum(d.total_ml for d in recorded)
    sessions = sum(d.sessions for d in recorded)
    # Averages only over the days with pumping written down: a day nobody recorded is not a day of 0 mL.
    last_week = [d for d in days[-7:] if d.recorded]
    if last_week:
        week_ml = sum(d.total_ml for d in last_week) / len(last_week)
        week_sessions = sum(d.sessions for d in last_week) / len(last_week)
        recent = (f"<b>{_number(week_ml)} mL a day</b> on average on the {_days(len(last_week))} with pumping "
                  f"recorded in the last {_days(len(days[-7:]))}, {_number(week_sessions, decimals=1)} sessions a day")
    else:
        recent = f"nothing recorded in the last {_days(len(days[-7:]))}"
    missing = len(days) - len(recorded)
    gaps = f" Not recorded on {_days(missing)}." if missing else ""
    parts.append('<p class="key">The mother\u2019s pumping (milk for all her babies), as she recorded it: '
                 f"{recent}. In these dates: {sessions:,} sessions, {_number(total)} mL in all, on "
                 f"{_days(len(recorded))}.{gaps}</p>")
    # The article's guides encourage a mother on screen; for the care team they are clutter, so they (and the
    # note explaining them) stay off the paper.
    # Sessions sit on their own scale; doubled, their row of points runs through the bars rather than along their
    # tops, so the day-to-day totals stay readable in black and white.
    most_sessions = max(d.sessions for d in recorded)
    parts.append(c.add_chart("pumping", lambda: replace(pumping_chart_spec(
        days, birth_date=c.baby.birth_date, today=local_day(c.now, c.zone), show_guides=False), guides=(), note="",
        y2_max=float(max(10, 2 * most_sessions + 2)))))
    with_colostrum = any(d.colostrum_sessions for d in recorded)
    columns = [("Date", False, 20), ("Day of life", True, 14), ("Total mL", True, 18), ("Sessions", True, 16),
               ("Minutes pumping", True, 16)]
    if with_colostrum:
        columns.append(("Colostrum sessions", True, 16))
    table = _Table(columns)
    today = local_day(c.now, c.zone)
    dates = c.dates()
    blank = [""] * (len(columns) - 2)
    # From the first recorded day; a run of days with nothing recorded is one row.
    index = days.index(recorded[0])
    while index < len(days):
        day = days[index]
        if not day.recorded:
            end = index
            while end + 1 < len(days) and not days[end + 1].recorded:
                end += 1
            first, last = days[index], days[end]
            when = dates.day(first.day) if first is last else f"{dates.day(first.day)} to {dates.day(last.day)}"
            life = c.day_of_life(first.day) if first is last else \
                f"{c.day_of_life(first.day)}\u2013{c.day_of_life(last.day)}"
            table.add([when, life, "not recorded", *blank[1:]])
            index = end + 1
            continue
        when = dates.day(day.day) + (" (today, so far)" if day.day == today else "")
        cells = [when, c.day_of_life(day.day), _number(day.total_ml), str(day.sessions),
                 str(day.minutes) if day.minutes else ""]
        if with_colostrum:
            cells.append(str(day.colostrum_sessions) if day.colostrum_sessions else "")
        table.add(cells)
        index += 1
    parts.append("<h3>Pumping day by day</h3>")
    parts.append(table.html())
    return "\n".join(parts)


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _weights_section(c: _Context) -> str:
    options = c.options
    baby = c.baby
    parts = [_heading(Section.WEIGHTS)]
    history: tuple[Weight, ...] = c.entries.weights(baby.baby_id, last_day=options.last_day)
    in_range = [w for w in history if options.first_day <= w.measured_on <= options.last_day]
    if not in_range:
        parts.append(_none("No weights recorded for these dates."))
        return "\n".join(parts)
    c.has_data = True
    latest = in_range[-1]
    line = (f"<b>Latest: {latest.grams:,} g</b> ({escape(format_lb_oz(latest.grams))}) on "
            f"{escape(format_day(latest.measured_on, year=False))}, day of life {c.day_of_life(latest.measured_on)}.")
    if baby.birth_weight_g:
        line += f" Birth weight {baby.birth_weight_g:,} g."
    gain = weight_gain(baby=baby, weights=history, on=latest.measured_on)
    if gain is not None:
        line += (f" <b>Gain over the last {_days(gain.days)}: {_number(gain.g_per_kg_per_day, decimals=1)} "
                 f"g/kg/day</b> ({_number(gain.grams_per_day)} g a day).")
    parts.append(f'<p class="key">{line}</p>')
    parts.append(c.add_chart("weight", lambda: weight_chart_spec(c.series)))
    with_notes = any(w.note for w in in_range)
    columns = [("Date", False, 18), ("Day of life", True, 12), ("Weight g", True, 14), ("Weight lb oz", True, 18),
               ("7-day gain g/kg/day", True, 18)]
    if with_notes:
        columns.append(("Note", False, 20))
    table = _Table(columns)
    dates = c.dates()
    if baby.birth_weight_g and options.first_day <= baby.birth_date <= options.last_day:
        cells = [f"{dates.day(baby.birth_date)} (birth)", "1", f"{baby.birth_weight_g:,}",
                 format_lb_oz(baby.birth_weight_g), ""]
        table.add([*cells, "Birth weight"] if with_notes else cells)
    for weight in in_range:
        gain_then = weight_gain(baby=baby, weights=history, on=weight.measured_on)
        cells = [dates.day(weight.measured_on) + (f" {weight.measured_at:%H:%M}" if weight.measured_at else ""),
                 c.day_of_life(weight.measured_on), f"{weight.grams:,}", format_lb_oz(weight.grams),
                 _number(gain_then.g_per_kg_per_day, decimals=1) if gain_then else ""]
        if with_notes:
            cells.append(weight.note)
        table.add(cells)
    parts.append("<h3>Each weighing</h3>")
    parts.append(table.html())
    return "\n".join(parts)


def _duration(event: CareEvent) -> str:
    if event.ended_at is None:
        return ""
    hours = (event.ended_at - event.started_at).total_seconds() / 3600
    if hours < 72:
        return _hours_text(hours)
    return f"{_number(hours / 24, decimals=1)} days"


def _hours_text(hours: float) -> str:
    """ "45 minutes" under an hour (never "0.8 hours"), "1 hour", "2.5 hours"."""
    if hours < 1:
        minutes = max(1, round(hours * 60))
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    rounded = round(hours, 1)
    text = _number(rounded, decimals=0 if rounded == int(rounded) else 1)
    return "1 hour" if text == "1" else f"{text} hours"


def _care_events_section(c: _Context) -> str:
    options = c.options
    parts = [_heading(Section.CARE_EVENTS)]
    start = day_start(options.first_day, c.zone)
    end = day_start(options.last_day + timedelta(days=1), c.zone)
    every: tuple[CareEvent, ...] = c.entries.care_events(c.baby.baby_id, last_day=options.last_day)
    # A course started before the first day but still given during it belongs here too.
    courses = [e for e in every if e.kind.is_course and e.started_at < end
               and (e.ended_at is None or e.ended_at >= start)]
    events = [e for e in every if not e.kind.is_course and start <= e.started_at < end]
    if not courses and not events:
        parts.append(_none("No care events recorded for these dates."))
        return "\n".join(parts)
    c.has_data = True
    if courses:
        table = _Table([("Medicine", False, 17), ("Which", False, 21), ("Started", False, 14), ("Stopped", False, 15),
                        ("How long", True, 10), ("Note", False, 23)])
        dates = c.dates()
        for event in sorted(courses, key=lambda e: e.started_at):
            table.add([event.kind.label, event.detail, dates.moment(event.started_at),
                       dates.moment(event.ended_at) if event.ended_at else "no stop recorded", _duration(event),
                       event.note])
        parts.append("<h3>Antibiotics, probiotics and acid-reducing medicine</h3>")
        parts.append(table.html())
    if events:
        table = _Table([("When", False, 14), ("Day of life", True, 8), ("What", False, 25), ("Details", False, 53)])
        dates = c.dates()
        for event in sorted(events, key=lambda e: e.started_at):
            what = escape(event.kind.label)
            details = escape(event.describe().removeprefix(event.kind.label).removeprefix(": "))
            if event.note:
                details = (details + "<br/>" if details else "") + _escape_lines(event.note)
            if event.is_warning_sign:
                what = f'<span class="noticed">\u25b2 {what}</span>'
            day_of_life = c.day_of_life(local_day(event.started_at, c.zone))
            table.add([escape(dates.moment(event.started_at)), escape(day_of_life), what, details], raw=True)
        parts.append("<h3>Transfusions, procedures, tests and things the family noticed</h3>")
        parts.append(table.html())
    return "\n".join(parts)


def _questions_for(c: _Context) -> list[Question]:
    return [q for q in c.questions if q.baby_id is None or int(q.baby_id) == int(c.baby.baby_id)]


ANSWER_LINES = 3


def _open_questions_section(c: _Context) -> str:
    parts = [_heading(Section.OPEN_QUESTIONS)]
    open_questions = rounds_order(_questions_for(c))
    if not open_questions:
        parts.append(_none("No open questions on the family\u2019s list."))
        return "\n".join(parts)
    c.has_data = True
    parts.append('<p class="key">Still to ask or waiting for an answer, most important first, with room to write '
                 "each answer.</p>")
    for number, question in enumerate(open_questions, start=1):
        flags = []
        if question.priority.value == 1:
            flags.append("high priority")
        if question.status is Status.ASKED:
            flags.append("asked, no answer yet")
        flag = f' <span style="font-weight: normal;">({escape(", ".join(flags))})</span>' if flags else ""
        parts.append(f"<h4>{number}. {escape(question.text)}{flag}</h4>")
        lines = ['<p class="answer">Answer: ' + "_" * 74 + "</p>"]
        lines += ['<p class="answer">' + "_" * 82 + "</p>"] * (ANSWER_LINES - 1)
        parts.append("".join(lines))
    return "\n".join(parts)


def _answered_questions_section(c: _Context) -> str:
    parts = [_heading(Section.ANSWERED_QUESTIONS)]
    start = day_start(c.options.first_day, c.zone)
    end = day_start(c.options.last_day + timedelta(days=1), c.zone)
    answered = [(q, q.answer) for q in _questions_for(c) if q.status is Status.ANSWERED and q.answer is not None
                and start <= q.answer.answered_at < end]
    if not answered:
        parts.append(_none("No questions answered in these dates."))
        return "\n".join(parts)
    c.has_data = True
    table = _Table([("Question", False, 32), ("Answer", False, 40), ("Who answered", False, 14),
                    ("When", False, 14)])
    dates = c.dates()
    for question, answer in sorted(answered, key=lambda pair: pair[1].answered_at):
        table.add([escape(question.text), _escape_lines(answer.text), escape(answer.role.label),
                   escape(dates.moment(answer.answered_at))], raw=True)
    parts.append(table.html())
    return "\n".join(parts)


def _notes_section(c: _Context) -> str:
    options = c.options
    parts = [_heading(Section.NOTES)]
    notes: tuple[NoteEntry, ...] = c.entries.notes(c.baby.baby_id, first_day=options.first_day,
                                                   last_day=options.last_day)
    if not notes:
        parts.append(_none("No notes recorded for these dates."))
        return "\n".join(parts)
    c.has_data = True
    # Skin to skin on its own is added up, not listed: a long stay has hundreds of those entries.
    skin_minutes = sum(n.skin_to_skin_minutes or 0 for n in notes)
    skin_times = sum(1 for n in notes if n.skin_to_skin_minutes)
    if skin_times:
        parts.append(f'<p class="key"><b>Skin to skin:</b> {skin_times} time{"s" if skin_times != 1 else ""}, '
                     f"{_number(skin_minutes / 60, decimals=1)} hours in all in these dates.</p>")
    listed = [n for n in notes if n.text or n.tags]
    if listed:
        table = _Table([("When", False, 14), ("About", False, 11), ("Note", False, 53), ("Tags", False, 22)])
        dates = c.dates()
        for note in listed:
            text = _escape_lines(note.text)
            if note.skin_to_skin_minutes:
                text += ("<br/>" if text else "") + f"Skin to skin: {note.skin_to_skin_minutes} minutes"
            about = escape(c.baby.nickname) if note.baby_id is not None else "The family"
            tags = escape(", ".join(note.tags))
            if note.is_milestone:
                tags = f"<b>{tags}</b>"
            table.add([escape(dates.moment(note.at)), about, text, tags], raw=True)
        parts.append(table.html())
    return "\n".join(parts)


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
