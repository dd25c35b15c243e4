"""The rounds sheet as HTML (no Qt): open questions by priority, and what changed since a chosen time.

One page a family prints or shows at the bedside. It carries the baby nicknames the family chose and nothing
else that identifies them, and says it was prepared by the family and is not a medical record. It can be made in
the family's language, in another (English for the care team), or in two side by side (`rounds_sheet`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from nec_companion.core.babies import Baby
from nec_companion.core.i18n import _, active, ngettext, using
from nec_companion.core.local_time import local_day
from nec_companion.core.questions import Question, rounds_order
from nec_companion.core.units import format_grams

if TYPE_CHECKING:
    from nec_companion.journal import JournalEntries


#: Room to write an answer by hand: two lines across a one-column page, three shorter ones in a column of two.
_ANSWER_LINES = "<br/>" + "_" * 54 + "<br/>" + "_" * 54
_NARROW_ANSWER_LINES = ("<br/>" + "_" * 26) * 3


@dataclass(frozen=True)
class ChangeLine:
    """One thing that happened since the chosen time, already in plain words."""

    when: datetime
    baby: str  # nickname, or "" for the mother (pumping) / the family
    kind: str  # "Feeding plan", "Feeds paused", "Weight", "Antibiotics started", "Something I noticed", ...
    text: str  # the details only, never repeating `kind`
    important: bool = False  # "something I noticed": shown first, marked
    time_known: bool = True  # False when only the day is known (a weight without a time): no "00:00"


def _when(moment: datetime, *, with_time: bool = True) -> str:
    """"Mar 10, 2026, 2:30 PM" / "10 mar 2026, 2:30 p.m." in the active language (the day alone when the time
    is not known)."""
    day = active().date(moment.date(), style="medium")
    # Translators: a day and a time on the rounds sheet, e.g. "Mar 10, 2026, 2:30 PM".
    return _("{day}, {time}").format(day=day, time=active().time(moment)) if with_time else day


def baby_header(baby: Baby, entries: JournalEntries) -> str:
    """One line that opens the sheet for a baby: day of life, postmenstrual and corrected age, latest weight
    and the feeding plan in force, e.g. "Bean: day 20 of life · 29+6 weeks postmenstrual · ..."."""
    today = entries.baby_today(baby.baby_id)
    parts: list[str] = []
    ages = today.ages
    if ages is not None:
        parts.append(_("day {n} of life").format(n=ages.day_of_life))
        pma = ages.postmenstrual
        # Translators: postmenstrual age in weeks and days, e.g. "29+6 weeks postmenstrual age".
        parts.append(_("{weeks}+{days} weeks postmenstrual age").format(weeks=pma.weeks, days=pma.days))
        corrected = ages.corrected
        if corrected is not None and ages.is_preterm:
            parts.append(_("corrected age {age}").format(age=corrected.describe()))
    if today.latest_weight is not None:
        # Translators: e.g. "latest weight 1,010 g (Mar 10, 2026)".
        parts.append(_("latest weight {weight} ({day})").format(
            weight=format_grams(today.latest_weight.grams),
            day=_when(datetime.combine(today.latest_weight.measured_on, time(0)), with_time=False)))
    parts.append(_("feeding plan: {plan}").format(plan=today.plan_text))
    # Translators: a baby's line at the top of the rounds sheet: "Bean: day 20 of life · 29+6 weeks ...".
    return _("{baby}: {details}").format(baby=baby.nickname, details=" \u00b7 ".join(parts))


def rounds_html(*, questions: tuple[Question, ...] | list[Question], changes: list[ChangeLine],
                since: datetime, now: datetime, baby_names: dict[int | None, str],
                headers: list[str] | tuple[str, ...] = (), zone: str | None = None) -> str:
    """The sheet; `baby_names` maps a baby id (None for all babies) to the nickname shown; `headers` are the
    babies' opening lines (`baby_header`); times are shown in `zone` (the family's), else the computer's."""
    esc = html.escape
    tz = ZoneInfo(zone) if zone else None

    def local(moment: datetime) -> datetime:
        return moment.astimezone(tz) if tz is not None else moment.astimezone()

    parts = [
        "<h1>" + esc(_("For rounds")) + "</h1>",
        '<p class="meta">' + esc(_("Prepared {now} \u00b7 changes since {since}").format(
            now=_when(local(now)), since=_when(local(since)))) + "</p>",
    ]
    if headers:
        parts.append("<p>" + "<br/>".join(f"<b>{esc(line)}</b>" for line in headers) + "</p>")
    open_questions = rounds_order(questions)
    parts.append("<h2>" + esc(_("Questions to ask ({n})").format(n=active().number(len(open_questions)))) + "</h2>")
    if open_questions:
        rows = []
        for question in open_questions:
            who = baby_names.get(int(question.baby_id), "") if question.baby_id is not None else ""
            # Translators: marks a high-priority question on the rounds sheet ("High: Can we ...?").
            flag = "<b>" + esc(_("High:")) + "</b> " if question.priority.value == 1 else ""
            about = f' <span class="meta">({esc(who)})</span>' if who else ""
            asked = (' <span class="meta">(' + esc(_("asked, no answer yet")) + ")</span>"
                     if question.status.value == "asked" else "")
            answer = esc(_("Answer:"))
            rows.append(f'<li>{flag}{esc(question.text)}{about}{asked}<br/><span class="answer">{answer}'
                        f"{_ANSWER_LINES}</span></li>")
        parts.append("<ol>" + "".join(rows) + "</ol>")
    else:
        parts.append("<p>" + esc(_("No open questions. You can add some under Questions in your journal.")) + "</p>")

    parts.append("<h2>" + esc(_("What changed")) + "</h2>")
    if changes:
        ordered = sorted(changes, key=lambda c: (not c.important, c.when))
        rows = []
        for change in ordered:
            who = f"{esc(change.baby)} \u2013 " if change.baby else ""
            detail = f": {esc(change.text)}" if change.text else ""
            rows.append(f"<tr><td>{esc(_when(local(change.when), with_time=change.time_known))}</td>"
                        f"<td>{who}<b>{esc(change.kind)}</b>{detail}</td></tr>")
        parts.append('<table cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>")
    else:
        parts.append("<p>" + esc(_("Nothing recorded in the journal since then.")) + "</p>")
    parts.append('<p class="footer">' + esc(_("Prepared by the family with NEC Companion. This is not a medical "
                                              "record. The care team's records and advice come first.")) + "</p>")
    return "\n".join(parts)


def rounds_sheet(build: Callable[[], str], *, languages: Sequence[str] = ()) -> str:
    """The sheet in the active language (`languages` empty), in one chosen language, or in two or more side by
    side: a table with one column per language, each column the whole sheet written in that language.

    `build` makes the sheet in the active language (`rounds_html` with the headers and changes worked out inside
    it, since they are in words too); it is called once per language, inside `using(code)`."""
    if not languages:
        return build()
    columns: list[str] = []
    for code in languages:
        with using(code):
            columns.append(build())
    if len(columns) == 1:
        return columns[0]
    columns = [column.replace(_ANSWER_LINES, _NARROW_ANSWER_LINES) for column in columns]
    width = 100 // len(columns)
    cells = "".join(f'<td width="{width}%" valign="top" class="language">{column}</td>' for column in columns)
    return f'<table width="100%" cellspacing="0" cellpadding="6"><tr>{cells}</tr></table>'


ROUNDS_CSS = """
body { color: #000000; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 14px; margin-bottom: 4px; border-bottom: 1px solid #555555; }
.meta { color: #333333; }
li { margin-bottom: 10px; }
.answer { color: #444444; }
td { vertical-align: top; border-bottom: 1px solid #bbbbbb; }
td.language { border-bottom: none; }
.footer { margin-top: 18px; color: #333333; font-size: 9pt; }
"""


def changes_since(entries: JournalEntries, *, since: datetime, until: datetime,
                  baby_names: dict[int, str]) -> list[ChangeLine]:
    """What the journal recorded between `since` and `until`: plan changes and pauses, weights, care events
    (things the family noticed marked first), notes, and the mother's pumping total, in plain words."""
    first_day = local_day(since, entries.time_zone)
    last_day = local_day(until, entries.time_zone)
    lines: list[ChangeLine] = []

    def name(baby_id: object) -> str:
        return baby_names.get(int(baby_id), "") if baby_id is not None else ""  # type: ignore[call-overload]

    for plan in entries.feeding_plans(first_day=first_day, last_day=last_day):
        if since <= plan.effective_at <= until:
            kind = _("Feeds paused") if plan.is_paused else _("Feeding plan")
            lines.append(ChangeLine(plan.effective_at, name(plan.baby_id), kind, _without(plan.describe(), kind)))
    zone = ZoneInfo(entries.time_zone)
    for weight in entries.weights(first_day=first_day, last_day=last_day):
        moment = datetime.combine(weight.measured_on, weight.measured_at or time(12), tzinfo=zone)
        if first_day <= weight.measured_on <= last_day:
            lines.append(ChangeLine(moment, name(weight.baby_id), _("Weight"), _without(weight.describe(), _("Weight")),
                                    time_known=weight.measured_at is not None))
    # Courses (antibiotics, probiotics, acid reducers) started before the window may stop inside it: look back.
    for event in entries.care_events(last_day=last_day):
        label = event.kind.label
        detail = _without(event.describe(), label)
        if event.kind.is_course:
            if since <= event.started_at <= until:
                # Translators: a course of medicine that started, e.g. "Antibiotics started".
                lines.append(ChangeLine(event.started_at, name(event.baby_id), _("{kind} started").format(kind=label),
                                        detail))
            if event.ended_at is not None and since <= event.ended_at <= until:
                # Translators: a course of medicine that stopped, e.g. "Antibiotics stopped".
                lines.append(ChangeLine(event.ended_at, name(event.baby_id), _("{kind} stopped").format(kind=label),
                                        detail))
        elif since <= event.started_at <= until:
            lines.append(ChangeLine(event.started_at, name(event.baby_id), label, detail,
                                    important=event.is_warning_sign))
    for note in entries.notes(first_day=first_day, last_day=last_day):
        if since <= note.at <= until:
            lines.append(ChangeLine(note.at, name(note.baby_id), _("Note"), _without(note.describe(), _("Note"))))
    sessions = [s for s in entries.pumping_sessions(first_day=first_day, last_day=last_day) if since <= s.at <= until]
    if sessions:
        total = sum(s.total_ml or 0 for s in sessions)
        n = len(sessions)
        lines.append(ChangeLine(sessions[-1].at, "", _("Pumping"), ngettext(
            "{n} session, {total} mL in all since then", "{n} sessions, {total} mL in all since then", n).format(
            n=active().number(n), total=active().number(round(total)))))
    return lines


def _without(text: str, label: str) -> str:
    """`describe()` texts start with their kind ("Antibiotics: gentamicin"); the sheet shows the kind once."""
    for prefix in (f"{label}: ", f"{label} "):
        if text.startswith(prefix):
            rest = text[len(prefix):]
            return rest[1:-1] if rest.startswith("(") and rest.endswith(")") else rest
    return "" if text == label else text
