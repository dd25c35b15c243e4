"""The journal's three charts as `ChartSpec`s (no Qt): feeds in mL/kg/day, daily pumping, and weight.

The Charts tab and the PDF export both build their charts here, so the screen and the paper always show the
same thing. The figures come from the core (`JournalEntries.chart_series`, `.pumping_days`); this module only
places them on axes and writes the words: titles, labels, the summary sentence a screen reader announces, and
the pumping guides taken from the library's "Pumping milestones" article.

x is the **day of life** (the day of birth is day 1). A day's figure is drawn at its day number, so the day
covers x - 0.5 to x + 0.5, and a pause that starts at 18:00 on day 12 is shaded from 12.25 onwards.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from nec_companion.charts.model import ChartSpec, GuideBand, Marker, MarkerKind, Series, ShadedRange
from nec_companion.core.care_events import CareEvent
from nec_companion.core.daily import BabyChartSeries, PumpingDay
from nec_companion.core.feeding import FeedingPlanChange, FeedsPaused, Fortifier
from nec_companion.core.i18n import N_, _, active, ngettext
from nec_companion.core.local_time import day_bounds, local_day
from nec_companion.core.units import format_grams, format_ml
from nec_companion.export.summary_format import day_and_month, number

PUMPING_ARTICLE_SLUG = "pumping-milestones"
PUMPING_GUIDES: tuple[tuple[float, str], ...] = (
    (500.0, N_("500 mL a day")),
    (750.0, N_("750 mL a day")),
)
"""From the library's "Pumping milestones" article: averages and goals from studies, shown as gentle guides.
The labels are short because the chart draws them under the bars; the note says what they are."""
PUMPING_GUIDE_NOTE = N_("The dashed lines are guides from the library article \u201cPumping milestones\u201d: about "
                      "500 mL a day around day 14 (often called \u201ccoming to volume\u201d) and 750 mL a day, a "
                      "later goal some NICU programs use. They are averages from studies, not a test. Many mothers "
                      "make more or less, and every amount of your milk helps your baby.")
FEEDING_NOTE = N_("Each day shows the milk the feeding plan gives over the whole day, for each kilogram of the "
                "weight before that day.")


# ------------------------------------------------------------------------------------------ positions


def day_of_life(day: date, birth_date: date) -> int:
    """Day 1 is the day of birth."""
    return (day - birth_date).days + 1


def instant_x(moment: datetime, *, birth_date: date, zone_name: str) -> float:
    """Where an instant falls on a day-of-life axis: day N runs from N - 0.5 (midnight) to N + 0.5."""
    day = local_day(moment, zone_name)
    start, end = day_bounds(day, zone_name)
    fraction = (moment - start).total_seconds() / max(1.0, (end - start).total_seconds())
    return day_of_life(day, birth_date) - 0.5 + min(1.0, max(0.0, fraction))


def _event_x(moment: datetime, birth_date: date, zone_name: str) -> float:
    return float(day_of_life(local_day(moment, zone_name), birth_date))


# ------------------------------------------------------------------------------------------ feeding


def plan_marker_text(plan: FeedingPlanChange, previous: FeedingPlanChange | None = None) -> str:
    """A plan change in a few words: the regimen, and the milk or fortifier when those changed."""
    regimen = plan.regimen
    if isinstance(regimen, FeedsPaused):
        return regimen.describe()
    text = regimen.describe()
    if previous is not None and previous.is_paused:
        text = _("Feeds restarted: {plan}").format(plan=text)
    extras = []
    old_milk = previous.milk if previous is not None and not previous.is_paused else None
    if plan.milk is not None and plan.milk.shares and (previous is None or plan.milk != old_milk):
        extras.append(plan.milk.describe())
    old_fortifier = previous.fortifier if previous is not None else None
    if previous is not None and plan.fortifier is not old_fortifier and not previous.is_paused:
        label = plan.fortifier.label
        extras.append(_("fortifier stopped") if plan.fortifier is Fortifier.NONE
                      else _("with {fortifier}").format(fortifier=label))
    return ", ".join([text, *extras])


def care_event_markers(events: Sequence[CareEvent], *, birth_date: date, zone_name: str, first_x: float,
                       last_x: float) -> list[Marker]:
    """A marker for each care event (and one more where a course stopped, if that is in range)."""
    markers: list[Marker] = []
    for event in events:
        kind: MarkerKind = "warning" if event.is_warning_sign else "event"
        started = event.describe()
        if event.is_warning_sign:  # the marker kind already says "Something noticed"
            started = started.split(": ", 1)[-1]
        if event.kind.is_course:
            # Translators: a medicine course on a chart, e.g. "Antibiotics started: gentamicin".
            started = (_("{medicine} started: {which}").format(medicine=event.kind.label, which=event.detail)
                       if event.detail else _("{medicine} started").format(medicine=event.kind.label))
        markers.append(Marker(_event_x(event.started_at, birth_date, zone_name), started, kind))
        if event.kind.is_course and event.ended_at is not None:
            x = _event_x(event.ended_at, birth_date, zone_name)
            if first_x <= x <= last_x:
                markers.append(Marker(x, _("{medicine} stopped").format(medicine=event.kind.label), "event"))
    return markers


def feeding_chart_spec(series: BabyChartSeries, *, zone_name: str, title: str | None = None) -> ChartSpec:
    """Planned feeds in mL/kg/day by day of life, pauses shaded, plan changes and care events marked.

    A day with no plan recorded at all, or with no weight to divide by, is a gap rather than a zero.
    """
    baby = series.baby
    birth = baby.birth_date
    first_x = float(day_of_life(max(series.first_day, birth), birth))
    last_x = float(day_of_life(series.last_day, birth))
    points: list[tuple[float, float | None]] = []
    for day in series.days:
        value = day.ml_per_kg
        if day.hours_without_plan >= day.hours - 1e-9:
            value = None
        points.append((float(day.day_of_life), None if value is None else round(value, 1)))
    range_end = day_bounds(series.last_day, zone_name)[1]
    shaded = []
    for period in series.paused_spans:
        end = period.end or range_end
        reason = period.plan.regimen.reason if isinstance(period.plan.regimen, FeedsPaused) else ""
        shaded.append(ShadedRange(instant_x(period.start, birth_date=birth, zone_name=zone_name),
                                  instant_x(end, birth_date=birth, zone_name=zone_name) if end < range_end
                                  else last_x + 0.5,
                                  _("Feeds paused ({reason})").format(reason=reason) if reason
                                  else _("Feeds paused")))
    markers: list[Marker] = []
    previous: FeedingPlanChange | None = None
    changes = {plan.entry_id for plan in series.plan_changes}
    for period in series.periods:
        plan = period.plan
        if plan.entry_id in changes:
            markers.append(Marker(_event_x(plan.effective_at, birth, zone_name), plan_marker_text(plan, previous),
                                  "plan"))
        previous = plan
    markers += care_event_markers(series.care_events, birth_date=birth, zone_name=zone_name, first_x=first_x,
                                  last_x=last_x)
    # The axis starts at the first day with anything drawn (a planned feed, a pause, a plan change or a care
    # event), not at the first day of the range: feeds written down from day 17 do not draw 16 empty days.
    drawn = [x for x, y in points if y is not None] + [s.x_start for s in shaded] + [m.x for m in markers]
    start_x = max(first_x, float(math.floor(min(drawn) + 0.5))) if drawn else first_x
    return ChartSpec(
        title=title or _("{name}: planned feeds (mL/kg/day)").format(name=baby.nickname),
        x_label=_("Day of life"),
        y_label=_("Planned feeds, mL per kg a day"),
        x_name=_("Day"),
        series=(Series(_("Planned feeds (mL/kg/day)"), tuple(points), "line"),),
        shaded=tuple(shaded),
        markers=tuple(markers),
        y_min=0,
        x_min=start_x - 0.5,
        x_max=last_x + 0.5,
        language=active().code,
        summary=_feeding_summary(baby.nickname, points, len(shaded), len(series.plan_changes)),
    )


def _feeding_summary(name: str, points: Sequence[tuple[float, float | None]], pauses: int, changes: int) -> str:
    known = [(x, y) for x, y in points if y is not None]
    if not known:
        return _("{name}: no planned feeds with a known weight in these days yet.").format(name=name)
    (first_x, first_y), (last_x, last_y) = known[0], known[-1]
    text = _("{name}: planned feeds were {first} mL per kg a day on day {first_day} and {last} on day "
             "{last_day}.").format(name=name, first=number(first_y), first_day=number(first_x), last=number(last_y),
                                   last_day=number(last_x))
    if changes:
        text += " " + ngettext("{n} plan change recorded.", "{n} plan changes recorded.", changes).format(n=changes)
    if pauses:
        text += " " + ngettext("Feeds were paused {n} time (shaded).", "Feeds were paused {n} times (shaded).",
                               pauses).format(n=pauses)
    return text


# ------------------------------------------------------------------------------------------ pumping


def pumping_chart_spec(days: Sequence[PumpingDay], *, birth_date: date | None, today: date | None = None,
                       show_guides: bool = False, title: str | None = None) -> ChartSpec:
    """Daily pumping totals (bars) with sessions per day (points, on their own scale at the right), drawn only for
    days with pumping recorded (a day with nothing recorded has no bar, never a 0), from the first recorded day
    on. The library article's milestones are dashed guides, off unless asked for, and only those up to the first
    one above the data, so a guide never dwarfs what the mother made."""
    origin = birth_date or (days[0].day if days else date(2000, 1, 1))

    def x_of(day: date) -> float:
        return float(day_of_life(day, origin))

    recorded = [day for day in days if day.recorded]
    totals = tuple((x_of(day.day), float(day.total_ml)) for day in recorded)
    sessions = tuple((x_of(day.day), float(day.sessions)) for day in recorded)
    most = max((day.sessions for day in recorded), default=0)
    guides = tuple(GuideBand(value, value, _(label), hidden=not show_guides)
                   for value, label in _guides_near(max((t for _, t in totals), default=0.0)))
    first_x = totals[0][0] if totals else None
    last_x = x_of(days[-1].day) if days else None
    return ChartSpec(
        title=title or _("Pumping: milk each day and sessions"),
        x_label=_("Day of life") if birth_date else _("Day"),
        y_label=_("Milk pumped, mL a day"),
        x_name=_("Day"),
        series=(Series(_("Milk pumped (mL a day)"), totals, "bars"),
                Series(_("Pumping sessions that day"), sessions, "points", axis="right")),
        guides=guides,
        y_min=0,
        y2_label=_("Sessions a day"),
        y2_min=0,
        y2_max=float(max(10, most + 2)),
        x_min=(first_x - 0.5) if first_x is not None else None,
        x_max=(last_x + 0.5) if last_x is not None and first_x is not None else None,
        note=_(PUMPING_GUIDE_NOTE) if guides else "",
        language=active().code,
        summary=_pumping_summary(days, today),
    )


def _guides_near(highest_ml: float) -> tuple[tuple[float, str], ...]:
    """The guides at or below the highest day, plus the first one above it (when the data reaches at least a
    fifth of it): the chart's scale then stays within reach of the mother's own figures."""
    kept = []
    for value, label in PUMPING_GUIDES:
        if value <= highest_ml:
            kept.append((value, label))
        else:
            if highest_ml >= value / 5:
                kept.append((value, label))
            break
    return tuple(kept)


def _pumping_summary(days: Sequence[PumpingDay], today: date | None) -> str:
    pumped = [day for day in days if day.recorded]
    if not pumped:
        return _("No pumping recorded in these days yet.")
    last = pumped[-1]
    highest = max(pumped, key=lambda day: day.total_ml)
    missing = len(days) - len(pumped)
    recorded = ngettext("Pumping recorded on {n} of {total} day.", "Pumping recorded on {n} of {total} days.",
                        len(days)).format(n=len(pumped), total=len(days))
    if missing:
        recorded = ngettext("Pumping recorded on {n} of {total} days ({missing} day not recorded).",
                            "Pumping recorded on {n} of {total} days ({missing} days not recorded).",
                            missing).format(n=len(pumped), total=len(days), missing=missing)
    if today is not None and last.day == today:
        latest = ngettext("The latest day, {day}, had {ml} in {n} session so far.",
                          "The latest day, {day}, had {ml} in {n} sessions so far.", last.sessions)
    else:
        latest = ngettext("The latest day, {day}, had {ml} in {n} session.",
                          "The latest day, {day}, had {ml} in {n} sessions.", last.sessions)
    most = _("The most in one day was {ml} on {day}.").format(ml=format_ml(highest.total_ml),
                                                              day=day_and_month(highest.day))
    return " ".join([recorded, latest.format(day=day_and_month(last.day), ml=format_ml(last.total_ml),
                                             n=last.sessions), most])


# ------------------------------------------------------------------------------------------ weight


def weight_chart_spec(series: BabyChartSeries, *, title: str | None = None) -> ChartSpec:
    """Weighings in grams by day of life, starting from the birth weight.

    The birth weight is the baby's first weight, so when the day of birth is in the range it is the first point
    of the weight line (at day 1) and a point of its own in the legend and table: one weighing then reads as
    "from 1,180 g at birth to 1,340 g on day 20", not as a lone dot. In a later range it is drawn only as a dashed
    reference line, and only when it lies within the weighings (far below them it would squash them into a
    sliver). The axis starts at the first point drawn, and the weight scale spans at least a quarter of the
    weight with every point clear of the plot's edges, so day-to-day wobbles of a few grams stay small.
    """
    baby = series.baby
    birth = baby.birth_date
    first_x = float(day_of_life(max(series.first_day, birth), birth))
    last_x = float(day_of_life(series.last_day, birth))
    points = tuple((float(day_of_life(weight.measured_on, birth)), float(weight.grams)) for weight in series.weights)
    name = _("Weight (g)")
    all_series = [Series(name, points, "line")]
    if baby.birth_weight_g:
        birth_g = float(baby.birth_weight_g)
        # Translators: the legend of the birth weight on the weight chart, e.g. "Birth weight (1,180 g)".
        birth_name = _("Birth weight ({weight})").format(weight=format_grams(baby.birth_weight_g))
        if series.first_day <= birth <= series.last_day:
            line = points if points and points[0][0] <= 1.0 else ((1.0, birth_g), *points)
            all_series = [Series(name, line, "line"), Series(birth_name, ((1.0, birth_g),), "points")]
        elif points and min(g for _x, g in points) <= birth_g <= max(g for _x, g in points):
            all_series.append(Series(birth_name, ((points[0][0], birth_g), (points[-1][0], birth_g)), "line",
                                     dashed=True))
    drawn = [(x, y) for s in all_series for x, y in s.points if y is not None]
    y_min, y_max = _weight_scale([y for _x, y in drawn]) if drawn else (None, None)
    return ChartSpec(
        title=title or _("{name}: weight").format(name=baby.nickname),
        x_label=_("Day of life"),
        y_label=_("Weight, grams"),
        x_name=_("Day"),
        series=tuple(all_series),
        x_min=(max(first_x, min(x for x, _y in drawn)) if drawn else first_x) - 0.5,
        x_max=last_x + 0.5,
        y_min=y_min,
        y_max=y_max,
        language=active().code,
        summary=_weight_summary(series),
    )


def _weight_scale(grams: Sequence[float]) -> tuple[float, float]:
    """A weight scale around `grams`: at least a quarter of the highest weight tall, every value clear of the
    edges by 8 % of the span, never below zero, ends on whole 50 g."""
    low, high = min(grams), max(grams)
    span = max(high - low, 0.25 * high, 1.0)
    middle = (low + high) / 2
    low, high = min(low, middle - span / 2), max(high, middle + span / 2)
    margin = span * 0.08
    return math.floor(max(0.0, low - margin) / 50) * 50.0, math.ceil((high + margin) / 50) * 50.0


def _weight_summary(series: BabyChartSeries) -> str:
    baby = series.baby
    text = _("{name}: birth weight {weight}.").format(name=baby.nickname, weight=format_grams(baby.birth_weight_g)) \
        if baby.birth_weight_g else _("{name}: birth weight not recorded.").format(name=baby.nickname)
    if series.weights:
        latest = series.weights[-1]
        count = len(series.weights)
        text += " " + ngettext("Latest weight {weight} on day {day} ({date}), {n} weighing in these days.",
                               "Latest weight {weight} on day {day} ({date}), {n} weighings in these days.",
                               count).format(weight=format_grams(latest.grams),
                                             day=day_of_life(latest.measured_on, baby.birth_date),
                                             date=day_and_month(latest.measured_on), n=count)
    else:
        text += " " + _("No weighings in these days.")
    return text


__all__ = [
    "FEEDING_NOTE",
    "PUMPING_ARTICLE_SLUG",
    "PUMPING_GUIDES",
    "PUMPING_GUIDE_NOTE",
    "care_event_markers",
    "day_of_life",
    "feeding_chart_spec",
    "instant_x",
    "plan_marker_text",
    "pumping_chart_spec",
    "weight_chart_spec",
]
