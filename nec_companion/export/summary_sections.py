"""The sections of the care-team summary (no Qt): which parts a family may include (`Section`), and for each one
the builder that reads the journal for the chosen baby and days and writes that part of the page as HTML: the baby
and ages, the recent concerns for page 1, feeding, pumping, weights, care events, open and answered questions,
notes. A builder receives one `Context` (the journal, the options, the time zone, the clock) and says whether it
found anything (`Context.has_data`); `summary.build_summary` calls them in order and assembles the document.
Every word is written in the active language (`core.i18n`), family text is always escaped, and figures are what
the family typed, worked out the same way as on the Journal screens.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from nec_companion.charts.model import ChartSpec
from nec_companion.core.babies import Baby
from nec_companion.core.care_events import CareEvent
from nec_companion.core.daily import BabyChartSeries, FeedingDay, PlanPeriod, PumpingDay, weight_gain
from nec_companion.core.feeding import FeedingPlanChange, FeedRoute, Fortifier
from nec_companion.core.i18n import N_, _, ngettext
from nec_companion.core.local_time import day_start, local_day, to_local
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.questions import Question, Status, rounds_order
from nec_companion.core.units import format_lb_oz
from nec_companion.export.chart_specs import feeding_chart_spec, pumping_chart_spec, weight_chart_spec
from nec_companion.export.summary_format import (
    DateLabels,
    Table,
    chart_img,
    clock,
    day_ranges,
    days_text,
    escape,
    escape_lines,
    format_date_words,
    format_day,
    hours_text,
    ml,
    moment_text,
    number,
)

if TYPE_CHECKING:
    from nec_companion.export.summary import SummaryOptions
    from nec_companion.journal import JournalEntries

RECENT_DAYS = 7
ANSWER_LINES = 3


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
        """The section's heading (also the check box label in the export dialog), in the active language."""
        return _(_SECTION_LABELS[self])


_SECTION_LABELS = {
    Section.BABY: N_("Baby and ages"),
    Section.FEEDING: N_("Feeding progression"),
    Section.PUMPING: N_("Pumping"),
    Section.WEIGHTS: N_("Weights"),
    Section.CARE_EVENTS: N_("Care events"),
    Section.OPEN_QUESTIONS: N_("Questions to ask"),
    Section.ANSWERED_QUESTIONS: N_("Answered questions"),
    Section.NOTES: N_("Notes and milestones"),
}

ALL_SECTIONS: frozenset[Section] = frozenset(Section)


def html_text(template: str, **parts: str) -> str:
    """A translated sentence made safe for HTML, with `parts` (HTML already: escaped text, <b> runs) put in its
    placeholders. Keeps the markup out of the catalog: translators see "{amount} on average ...", not tags."""
    return escape(template).format(**parts)


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


@dataclass
class Context:
    """What every section builder reads: the journal, the baby, the options and the clock; and what they leave:
    the charts to draw and whether anything was found."""

    entries: JournalEntries
    baby: Baby
    options: SummaryOptions
    zone: str
    now: datetime
    questions: tuple[Question, ...]
    chart_overrides: Mapping[str, ChartSpec] | None
    one_year: bool
    #: Put before each chart's name in the HTML ("es-" gives "chart:es-feeding"), so two parts of one document
    #: in two languages keep their own charts apart.
    chart_prefix: str = ""
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

    def dates(self) -> DateLabels:
        """Date labels for one table (a fresh one per table, so each table shows its first row's year)."""
        return DateLabels(self.zone, show_year=not self.one_year)

    def moment(self, moment: datetime) -> str:
        return moment_text(moment, self.zone, year=not self.one_year)

    def day_of_life(self, day: date) -> str:
        return str((day - self.baby.birth_date).days + 1) if day >= self.baby.birth_date else ""

    def add_chart(self, name: str, build: Callable[[], ChartSpec]) -> str:
        """The <img> for chart `name` ("" when it has nothing to draw); the spec is kept for the renderer."""
        spec = self.chart_overrides.get(name) if self.chart_overrides is not None else build()
        if spec is None or not spec.has_data:
            return ""
        self.charts[self.chart_prefix + name] = spec
        return chart_img(self.chart_prefix + name)


def heading(section: Section) -> str:
    return f"<h2>{escape(section.label)}</h2>"


def subheading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def none(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


# ---------------------------------------------------------------------------------------------- baby


def _ages_on(baby: Baby, day: date) -> list[str]:
    ages = baby.ages(day)
    if not ages.is_preterm:
        corrected = _("no correction (born at term)")
    elif ages.corrected is not None:
        corrected = ages.corrected.describe()
    else:
        corrected = _("due date in {days}").format(days=days_text(ages.days_until_due_date))
    # Translators: postmenstrual age, e.g. "33+2 weeks".
    return [str(ages.day_of_life), _("{age} weeks").format(age=ages.postmenstrual), ages.chronological.describe(),
            corrected]


def baby_section(c: Context) -> str:
    baby = c.baby
    ga = baby.gestational_age
    born = format_date_words(baby.birth_date)
    if baby.birth_time:
        born = _("{day}, {time}").format(day=born, time=clock(baby.birth_time))
    facts = [html_text(_("{label} {born}, at {weeks} weeks ({words})"), label=bold(_("Born:")), born=escape(born),
                       weeks=escape(str(ga)), words=escape(ga.describe()))]
    if baby.birth_weight_g:
        facts.append(html_text(_("{label} {grams}\u00a0g ({pounds})"), label=bold(_("Birth\u00a0weight:")),
                               grams=number(baby.birth_weight_g), pounds=escape(format_lb_oz(baby.birth_weight_g))))
    if ga.is_preterm:
        due = baby.ages(baby.birth_date).due_date
        facts.append(html_text(_("{label} {day} (40+0\u00a0weeks)"), label=bold(_("Due\u00a0date:")),
                               day=escape(format_date_words(due))))
    parts = [heading(Section.BABY), '<p class="key">' + " \u00b7 ".join(facts) + "</p>"]
    first = max(c.options.first_day, baby.birth_date)
    last = c.options.last_day
    if last < baby.birth_date:
        parts.append(none(_("These dates are before the birth date.")))
        return "\n".join(parts)
    days = [first] if first == last else [first, last]
    share = 68 // len(days)
    table = Table([(escape(_("Age")), False, 100 - share * len(days)),
                   *((escape(_("On {day}").format(day=format_day(d))), False, share) for d in days)])
    columns = [_ages_on(baby, d) for d in days]
    for index, label in enumerate((_("Day of life (day of birth = day 1)"), _("Postmenstrual age"),
                                   _("Age since birth"), _("Corrected age"))):
        table.add([label, *(column[index] for column in columns)])
    parts.append(table.html())
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------- recent concerns


def recent_concerns(c: Context) -> str:
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
                noticed = '<span class="noticed">\u25b2 ' + escape(_("Something the family noticed")) + "</span>"
                lines.append(html_text(_("{noticed}, {when}: {what}"), noticed=noticed,
                                       when=escape(c.moment(event.started_at)), what=what))
            elif event.kind.value == "antibiotics" and event.started_at < end and (
                    event.ended_at is None or event.ended_at >= start):
                stop = (_("stopped {when}").format(when=c.moment(event.ended_at)) if event.ended_at
                        else _("no stop recorded"))
                started = c.moment(event.started_at)
                line = (_("Antibiotics ({which}): started {start}, {stop}").format(
                    which=event.detail, start=started, stop=stop) if event.detail
                        else _("Antibiotics: started {start}, {stop}").format(start=started, stop=stop))
                lines.append(escape(line))
    if Section.FEEDING in c.options.sections:
        for period in c.series.periods:
            if period.is_paused and period.start < end and (period.end is None or period.end > start):
                # The series clips the last period at the end of the range: then it was still going on.
                ongoing = period.end is None or period.end >= end
                until = (_("still paused at the end of these dates") if ongoing or period.end is None
                         else _("until {when}").format(when=c.moment(period.end)))
                reason = getattr(period.plan.regimen, "reason", "")
                began = c.moment(period.start)
                line = (_("Feeds paused ({reason}): from {start}, {until}").format(
                    reason=reason, start=began, until=until) if reason
                        else _("Feeds paused: from {start}, {until}").format(start=began, until=until))
                lines.append(escape(line))
    days = (last - first).days + 1
    heading_text = _("Recent concerns (last {days})").format(days=days_text(days))
    if not lines:
        return f"<h2>{escape(heading_text)}</h2>" + none(
            _("No feed pauses, antibiotics or things the family noticed in the last {days} of these dates.").format(
                days=days_text(days)))
    return f"<h2>{escape(heading_text)}</h2>" + '<p class="key">' + "<br/>".join(lines) + "</p>"


# ---------------------------------------------------------------------------------------------- feeding


def _no_plan(day: FeedingDay) -> bool:
    return day.hours_without_plan >= day.hours - 1e-9


def feeding_section(c: Context) -> str:
    options = c.options
    parts = [heading(Section.FEEDING)]
    days: tuple[FeedingDay, ...] = c.series.days if options.last_day >= c.baby.birth_date else ()
    planned_days = [d for d in days if not _no_plan(d)]
    if not planned_days:
        parts.append(none(_("No feeding plan recorded for these dates.")))
        return "\n".join(parts)
    c.has_data = True
    parts.append(_feeding_key_figures(c, planned_days))
    parts.append(c.add_chart("feeding", lambda: feeding_chart_spec(c.series, zone_name=c.zone)))
    table = Table([(escape(_("Date")), False, 8), (escape(_("Day of life")), True, 7),
                   (escape(_("Planned mL/day")), True, 9), (escape(_("mL/kg/day")), True, 9),
                   (escape(_("Change mL/kg/day")), True, 10), (escape(_("Hours paused")), True, 9),
                   (escape(_("Human milk %")), True, 9),
                   (escape(_("Plan changes that day (time and new plan)")), False, 39)])
    previous = _previous_plans(c.series.periods)
    dates = c.dates()
    no_plan_text = _("No plan recorded")
    index = 0
    while index < len(days):
        day = days[index]
        no_plan = _no_plan(day)
        if no_plan and not day.plan_changes:
            # A run of days with no plan recorded is one row, not a page of empty rows.
            end = index
            while end + 1 < len(days) and _no_plan(days[end + 1]) and not days[end + 1].plan_changes:
                end += 1
            if end > index:
                last_day = days[end]
                when = _("{first} to {last}").format(first=dates.day(day.day), last=dates.day(last_day.day))
                table.add([escape(when), escape(f"{day.day_of_life}\u2013{last_day.day_of_life}"), "", "", "", "", "",
                           escape(no_plan_text)], raw=True)
                index = end + 1
                continue
        index += 1
        changes = [_("{time} {plan}").format(time=clock(to_local(plan.effective_at, c.zone)),
                                             plan=_plan_change_text(plan, previous.get(plan.entry_id)))
                   for plan in day.plan_changes]
        if no_plan:
            changes.insert(0, no_plan_text)
        elif day.hours_without_plan > 0.05:
            changes.insert(0, _("No plan recorded for {duration}").format(duration=hours_text(day.hours_without_plan)))
        paused = number(day.hours_paused, decimals=1) if day.hours_paused > 0.05 else ""
        cells = [
            escape(dates.day(day.day)), escape(str(day.day_of_life)),
            "" if no_plan else escape(ml(day.planned_ml)),
            "" if no_plan or day.ml_per_kg is None else f"<b>{escape(number(day.ml_per_kg))}</b>",
            escape(number(day.change_ml_per_kg, signed=True)),
            f"<b>{escape(paused)}</b>" if paused else "",
            escape(number(day.human_milk_percent)),
            "<br/>".join(escape(text) for text in changes),
        ]
        table.add(cells, raw=True)
    parts.append(subheading(_("Feeds day by day")))
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
        text = _("Feeds restarted: {plan}").format(plan=text)
    same = previous is not None and not previous.is_paused
    extras = []
    if plan.route is not None and not (same and previous is not None and previous.route == plan.route):
        extras.append(_("by {route}").format(route=plan.route.label) if plan.route is not FeedRoute.OTHER
                      else _("other route"))
    milk_same = same and previous is not None and previous.milk == plan.milk
    if plan.milk is not None and plan.milk.shares and not milk_same:
        extras.append(plan.milk.describe())
    if not (same and previous is not None and previous.fortifier is plan.fortifier
            and previous.fortifier_strength == plan.fortifier_strength):
        if plan.fortifier is not Fortifier.NONE:
            extras.append(_("with {fortifier} ({strength})").format(
                fortifier=plan.fortifier.label, strength=plan.fortifier_strength) if plan.fortifier_strength
                else _("with {fortifier}").format(fortifier=plan.fortifier.label))
        elif same:
            extras.append(_("no fortifier"))
    return ", ".join([text, *extras])


def _feeding_key_figures(c: Context, days: list[FeedingDay]) -> str:
    first, last = days[0], days[-1]
    lines = []
    if first.ml_per_kg is not None and last.ml_per_kg is not None:
        line = html_text(_("{first} on day of life {first_day} \u2192 {last} ({ml} mL) on day of life {last_day}."),
                         first=bold(_("Planned feeds: {amount} mL/kg/day").format(amount=number(first.ml_per_kg))),
                         first_day=str(first.day_of_life),
                         last=bold(_("{amount} mL/kg/day").format(amount=number(last.ml_per_kg))),
                         ml=escape(ml(last.planned_ml)), last_day=str(last.day_of_life))
        highest = max(days, key=lambda d: (d.ml_per_kg or 0, d.day))
        if highest.ml_per_kg and highest is not last and round(highest.ml_per_kg) > round(last.ml_per_kg):
            line += " " + escape(_("Highest {amount} on day of life {day}.").format(
                amount=number(highest.ml_per_kg), day=highest.day_of_life))
        lines.append(line)
    paused = [d for d in days if d.hours_paused > 0.05]
    if paused:
        hours = sum(d.hours_paused for d in paused)
        lines.append(html_text(_("{paused} on day of life {days} ({hours} hours in all)."),
                               paused=bold(_("Feeds paused")),
                               days=escape(day_ranges([d.day_of_life for d in paused])), hours=escape(number(hours))))
    else:
        lines.append(escape(_("Feeds were not paused in these dates.")))
    end = min(c.now, day_start(c.options.last_day + timedelta(days=1), c.zone) - timedelta(seconds=1))
    plan = c.entries.plan_in_force(c.baby.baby_id, at=end)
    if plan is not None:
        lines.append(html_text(_("{label} {plan} (since {when})."),
                               label=bold(_("Plan on {day}:").format(day=format_day(local_day(end, c.zone),
                                                                                    year=False))),
                               plan=escape(plan.describe()), when=escape(c.moment(plan.effective_at))))
    # One paragraph, so the printed page keeps these lines together with the chart under them.
    return '<p class="key">' + "<br/>".join(lines) + "</p>"


# ---------------------------------------------------------------------------------------------- pumping


def pumping_section(c: Context) -> str:
    options = c.options
    parts = [heading(Section.PUMPING)]
    days: tuple[PumpingDay, ...] = c.entries.pumping_days(first_day=options.first_day, last_day=options.last_day)
    recorded = [d for d in days if d.recorded]
    if not recorded:
        parts.append(none(_("No pumping recorded for these dates.")))
        return "\n".join(parts)
    c.has_data = True
    total = sum(d.total_ml for d in recorded)
    sessions = sum(d.sessions for d in recorded)
    # Averages only over the days with pumping written down: a day nobody recorded is not a day of 0 mL.
    last_week = [d for d in days[-7:] if d.recorded]
    span = days_text(len(days[-7:]))
    if last_week:
        week_ml = sum(d.total_ml for d in last_week) / len(last_week)
        week_sessions = sum(d.sessions for d in last_week) / len(last_week)
        recent = html_text(
            _("{amount} on average on the {days} with pumping recorded in the last {span}, {sessions} sessions a day"),
            amount=bold(_("{ml} mL a day").format(ml=number(week_ml))), days=escape(days_text(len(last_week))),
            span=escape(span), sessions=escape(number(week_sessions, decimals=1)))
    else:
        recent = escape(_("nothing recorded in the last {span}").format(span=span))
    missing = len(days) - len(recorded)
    text = html_text(_("The mother\u2019s pumping (milk for all her babies), as she recorded it: {recent}. In these "
                       "dates: {sessions}, {ml} mL in all, on {days}."), recent=recent,
                     sessions=escape(ngettext("{n} session", "{n} sessions", sessions).format(n=number(sessions))),
                     ml=escape(number(total)), days=escape(days_text(len(recorded))))
    if missing:
        text += " " + escape(_("Not recorded on {days}.").format(days=days_text(missing)))
    parts.append(f'<p class="key">{text}</p>')
    # The article's guides encourage a mother on screen; for the care team they are clutter, so they (and the
    # note explaining them) stay off the paper.
    # Sessions sit on their own scale; doubled, their row of points runs through the bars rather than along their
    # tops, so the day-to-day totals stay readable in black and white.
    most_sessions = max(d.sessions for d in recorded)
    parts.append(c.add_chart("pumping", lambda: replace(pumping_chart_spec(
        days, birth_date=c.baby.birth_date, today=local_day(c.now, c.zone), show_guides=False), guides=(), note="",
        y2_max=float(max(10, 2 * most_sessions + 2)))))
    with_colostrum = any(d.colostrum_sessions for d in recorded)
    columns = [(escape(_("Date")), False, 20), (escape(_("Day of life")), True, 14), (escape(_("Total mL")), True, 18),
               (escape(_("Sessions")), True, 16), (escape(_("Minutes pumping")), True, 16)]
    if with_colostrum:
        columns.append((escape(_("Colostrum sessions")), True, 16))
    table = Table(columns)
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
            when = dates.day(first.day) if first is last else \
                _("{first} to {last}").format(first=dates.day(first.day), last=dates.day(last.day))
            life = c.day_of_life(first.day) if first is last else \
                f"{c.day_of_life(first.day)}\u2013{c.day_of_life(last.day)}"
            table.add([when, life, _("not recorded"), *blank[1:]])
            index = end + 1
            continue
        when = _("{day} (today, so far)").format(day=dates.day(day.day)) if day.day == today else dates.day(day.day)
        cells = [when, c.day_of_life(day.day), number(day.total_ml), number(day.sessions),
                 number(day.minutes) if day.minutes else ""]
        if with_colostrum:
            cells.append(number(day.colostrum_sessions) if day.colostrum_sessions else "")
        table.add(cells)
        index += 1
    parts.append(subheading(_("Pumping day by day")))
    parts.append(table.html())
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------- weights


def weights_section(c: Context) -> str:
    options = c.options
    baby = c.baby
    parts = [heading(Section.WEIGHTS)]
    history: tuple[Weight, ...] = c.entries.weights(baby.baby_id, last_day=options.last_day)
    in_range = [w for w in history if options.first_day <= w.measured_on <= options.last_day]
    if not in_range:
        parts.append(none(_("No weights recorded for these dates.")))
        return "\n".join(parts)
    c.has_data = True
    latest = in_range[-1]
    line = html_text(_("{latest} ({pounds}) on {day}, day of life {day_of_life}."),
                     latest=bold(_("Latest: {grams} g").format(grams=number(latest.grams))),
                     pounds=escape(format_lb_oz(latest.grams)),
                     day=escape(format_day(latest.measured_on, year=False)),
                     day_of_life=escape(c.day_of_life(latest.measured_on)))
    if baby.birth_weight_g:
        line += " " + escape(_("Birth weight {grams} g.").format(grams=number(baby.birth_weight_g)))
    gain = weight_gain(baby=baby, weights=history, on=latest.measured_on)
    if gain is not None:
        line += " " + html_text(_("{gain} ({grams} g a day)."), grams=escape(number(gain.grams_per_day)),
                                gain=bold(_("Gain over the last {days}: {rate} g/kg/day").format(
                                    days=days_text(gain.days), rate=number(gain.g_per_kg_per_day, decimals=1))))
    parts.append(f'<p class="key">{line}</p>')
    parts.append(c.add_chart("weight", lambda: weight_chart_spec(c.series)))
    with_notes = any(w.note for w in in_range)
    columns = [(escape(_("Date")), False, 18), (escape(_("Day of life")), True, 12),
               (escape(_("Weight g")), True, 14), (escape(_("Weight lb oz")), True, 18),
               (escape(_("7-day gain g/kg/day")), True, 18)]
    if with_notes:
        columns.append((escape(_("Note")), False, 20))
    table = Table(columns)
    dates = c.dates()
    if baby.birth_weight_g and options.first_day <= baby.birth_date <= options.last_day:
        cells = [_("{day} (birth)").format(day=dates.day(baby.birth_date)), "1", number(baby.birth_weight_g),
                 format_lb_oz(baby.birth_weight_g), ""]
        table.add([*cells, _("Birth weight")] if with_notes else cells)
    for weight in in_range:
        gain_then = weight_gain(baby=baby, weights=history, on=weight.measured_on)
        when = dates.day(weight.measured_on)
        if weight.measured_at:
            # Translators: a date and a time of day in a table, with no comma between: "3 Mar 14:05".
            when = _("{day} {time}").format(day=when, time=clock(weight.measured_at))
        cells = [when, c.day_of_life(weight.measured_on), number(weight.grams), format_lb_oz(weight.grams),
                 number(gain_then.g_per_kg_per_day, decimals=1) if gain_then else ""]
        if with_notes:
            cells.append(weight.note)
        table.add(cells)
    parts.append(subheading(_("Each weighing")))
    parts.append(table.html())
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------- care events


def duration_text(event: CareEvent) -> str:
    if event.ended_at is None:
        return ""
    hours = (event.ended_at - event.started_at).total_seconds() / 3600
    if hours < 72:
        return hours_text(hours)
    return _("{n} days").format(n=number(hours / 24, decimals=1))


def care_events_section(c: Context) -> str:
    options = c.options
    parts = [heading(Section.CARE_EVENTS)]
    start = day_start(options.first_day, c.zone)
    end = day_start(options.last_day + timedelta(days=1), c.zone)
    every: tuple[CareEvent, ...] = c.entries.care_events(c.baby.baby_id, last_day=options.last_day)
    # A course started before the first day but still given during it belongs here too.
    courses = [e for e in every if e.kind.is_course and e.started_at < end
               and (e.ended_at is None or e.ended_at >= start)]
    events = [e for e in every if not e.kind.is_course and start <= e.started_at < end]
    if not courses and not events:
        parts.append(none(_("No care events recorded for these dates.")))
        return "\n".join(parts)
    c.has_data = True
    if courses:
        table = Table([(escape(_("Medicine")), False, 17), (escape(_("Which")), False, 21),
                       (escape(_("Started")), False, 14), (escape(_("Stopped")), False, 15),
                       (escape(_("How long")), True, 10), (escape(_("Note")), False, 23)])
        dates = c.dates()
        for event in sorted(courses, key=lambda e: e.started_at):
            table.add([event.kind.label, event.detail, dates.moment(event.started_at),
                       dates.moment(event.ended_at) if event.ended_at else _("no stop recorded"),
                       duration_text(event), event.note])
        parts.append(subheading(_("Antibiotics, probiotics and acid-reducing medicine")))
        parts.append(table.html())
    if events:
        table = Table([(escape(_("When")), False, 14), (escape(_("Day of life")), True, 8),
                       (escape(_("What")), False, 25), (escape(_("Details")), False, 53)])
        dates = c.dates()
        for event in sorted(events, key=lambda e: e.started_at):
            what = escape(event.kind.label)
            details = escape(event.describe().removeprefix(event.kind.label).removeprefix(": "))
            if event.note:
                details = (details + "<br/>" if details else "") + escape_lines(event.note)
            if event.is_warning_sign:
                what = f'<span class="noticed">\u25b2 {what}</span>'
            day_of_life = c.day_of_life(local_day(event.started_at, c.zone))
            table.add([escape(dates.moment(event.started_at)), escape(day_of_life), what, details], raw=True)
        parts.append(subheading(_("Transfusions, procedures, tests and things the family noticed")))
        parts.append(table.html())
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------- questions, notes


def _questions_for(c: Context) -> list[Question]:
    return [q for q in c.questions if q.baby_id is None or int(q.baby_id) == int(c.baby.baby_id)]


def open_questions_section(c: Context) -> str:
    parts = [heading(Section.OPEN_QUESTIONS)]
    open_questions = rounds_order(_questions_for(c))
    if not open_questions:
        parts.append(none(_("No open questions on the family\u2019s list.")))
        return "\n".join(parts)
    c.has_data = True
    parts.append('<p class="key">' + escape(_("Still to ask or waiting for an answer, most important first, with "
                                              "room to write each answer.")) + "</p>")
    for index, question in enumerate(open_questions, start=1):
        flags = []
        if question.priority.value == 1:
            flags.append(_("high priority"))
        if question.status is Status.ASKED:
            flags.append(_("asked, no answer yet"))
        flag = f' <span style="font-weight: normal;">({escape(", ".join(flags))})</span>' if flags else ""
        parts.append(f"<h4>{index}. {escape(question.text)}{flag}</h4>")
        lines = ['<p class="answer">' + escape(_("Answer:")) + " " + "_" * 74 + "</p>"]
        lines += ['<p class="answer">' + "_" * 82 + "</p>"] * (ANSWER_LINES - 1)
        parts.append("".join(lines))
    return "\n".join(parts)


def answered_questions_section(c: Context) -> str:
    parts = [heading(Section.ANSWERED_QUESTIONS)]
    start = day_start(c.options.first_day, c.zone)
    end = day_start(c.options.last_day + timedelta(days=1), c.zone)
    answered = [(q, q.answer) for q in _questions_for(c) if q.status is Status.ANSWERED and q.answer is not None
                and start <= q.answer.answered_at < end]
    if not answered:
        parts.append(none(_("No questions answered in these dates.")))
        return "\n".join(parts)
    c.has_data = True
    table = Table([(escape(_("Question")), False, 32), (escape(_("Answer")), False, 40),
                   (escape(_("Who answered")), False, 14), (escape(_("When")), False, 14)])
    dates = c.dates()
    for question, answer in sorted(answered, key=lambda pair: pair[1].answered_at):
        table.add([escape(question.text), escape_lines(answer.text), escape(answer.role.label),
                   escape(dates.moment(answer.answered_at))], raw=True)
    parts.append(table.html())
    return "\n".join(parts)


def notes_section(c: Context) -> str:
    options = c.options
    parts = [heading(Section.NOTES)]
    notes: tuple[NoteEntry, ...] = c.entries.notes(c.baby.baby_id, first_day=options.first_day,
                                                   last_day=options.last_day)
    if not notes:
        parts.append(none(_("No notes recorded for these dates.")))
        return "\n".join(parts)
    c.has_data = True
    # Skin to skin on its own is added up, not listed: a long stay has hundreds of those entries.
    skin_minutes = sum(n.skin_to_skin_minutes or 0 for n in notes)
    skin_times = sum(1 for n in notes if n.skin_to_skin_minutes)
    if skin_times:
        parts.append('<p class="key">' + html_text(
            ngettext("{label} {n} time, {hours} hours in all in these dates.",
                     "{label} {n} times, {hours} hours in all in these dates.", skin_times),
            label=bold(_("Skin to skin:")), n=str(skin_times), hours=escape(number(skin_minutes / 60, decimals=1)))
            + "</p>")
    listed = [n for n in notes if n.text or n.tags]
    if listed:
        table = Table([(escape(_("When")), False, 14), (escape(_("About")), False, 11), (escape(_("Note")), False, 53),
                       (escape(_("Tags")), False, 22)])
        dates = c.dates()
        for note in listed:
            text = escape_lines(note.text)
            if note.skin_to_skin_minutes:
                text += ("<br/>" if text else "") + escape(ngettext(
                    "Skin to skin: {n} minute", "Skin to skin: {n} minutes", note.skin_to_skin_minutes).format(
                    n=note.skin_to_skin_minutes))
            about = escape(c.baby.nickname) if note.baby_id is not None else escape(_("The family"))
            tags = escape(", ".join(note.tags))
            if note.is_milestone:
                tags = f"<b>{tags}</b>"
            table.add([escape(dates.moment(note.at)), about, text, tags], raw=True)
        parts.append(table.html())
    return "\n".join(parts)


#: The section builders after the baby's, in the order they are printed.
BUILDERS: tuple[tuple[Section, Callable[[Context], str]], ...] = (
    (Section.FEEDING, feeding_section), (Section.PUMPING, pumping_section), (Section.WEIGHTS, weights_section),
    (Section.CARE_EVENTS, care_events_section), (Section.OPEN_QUESTIONS, open_questions_section),
    (Section.ANSWERED_QUESTIONS, answered_questions_section), (Section.NOTES, notes_section),
)
