"""The rounds sheet as HTML (no Qt): open questions by priority, and what changed since a chosen time.

One page a family prints or shows at the bedside. It carries the baby nicknames the family chose and nothing
else that identifies them, and says it was prepared by the family and is not a medical record.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from nec_companion.core.babies import Baby
from nec_companion.core.local_time import local_day
from nec_companion.core.questions import Question, rounds_order
from nec_companion.core.units import format_grams

if TYPE_CHECKING:
    from nec_companion.journal import JournalEntries


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
    day = f"{moment:%a} {moment.day} {moment:%b}"  # portable: the day without padding, on every platform
    return f"{day}, {moment:%H:%M}" if with_time else day


def baby_header(baby: Baby, entries: JournalEntries) -> str:
    """One line that opens the sheet for a baby: day of life, postmenstrual and corrected age, latest weight
    and the feeding plan in force, e.g. "Bean: day 20 of life · 29+6 weeks postmenstrual · ..."."""
    today = entries.baby_today(baby.baby_id)
    parts = [baby.nickname]
    ages = today.ages
    if ages is not None:
        parts.append(f"day {ages.day_of_life} of life")
        pma = ages.postmenstrual
        parts.append(f"{pma.weeks}+{pma.days} weeks postmenstrual age")
        corrected = ages.corrected
        if corrected is not None and ages.is_preterm:
            parts.append(f"corrected age {corrected.describe()}")
    if today.latest_weight is not None:
        parts.append(f"latest weight {format_grams(today.latest_weight.grams)} "
                     f"({_when(datetime.combine(today.latest_weight.measured_on, time(0)), with_time=False)})")
    parts.append(f"feeding plan: {today.plan_text}")
    return parts[0] + ": " + " \u00b7 ".join(parts[1:])


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
        "<h1>For rounds</h1>",
        f'<p class="meta">Prepared {esc(_when(local(now)))} · changes since {esc(_when(local(since)))}</p>',
    ]
    if headers:
        parts.append("<p>" + "<br/>".join(f"<b>{esc(line)}</b>" for line in headers) + "</p>")
    open_questions = rounds_order(questions)
    parts.append(f"<h2>Questions to ask ({len(open_questions)})</h2>")
    if open_questions:
        rows = []
        for question in open_questions:
            who = baby_names.get(int(question.baby_id), "") if question.baby_id is not None else ""
            flag = "<b>High:</b> " if question.priority.value == 1 else ""
            about = f' <span class="meta">({esc(who)})</span>' if who else ""
            asked = ' <span class="meta">(asked, no answer yet)</span>' if question.status.value == "asked" else ""
            rows.append(f"<li>{flag}{esc(question.text)}{about}{asked}"
                        '<br/><span class="answer">Answer: ______________________________________________'
                        '<br/>______________________________________________________'
                        "</span></li>")
        parts.append("<ol>" + "".join(rows) + "</ol>")
    else:
        parts.append("<p>No open questions. You can add some under Questions in your journal.</p>")

    parts.append("<h2>What changed</h2>")
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
        parts.append("<p>Nothing recorded in the journal since then.</p>")
    parts.append('<p class="footer">Prepared by the family with NEC Companion. This is not a medical record. '
                 "The care team's records and advice come first.</p>")
    return "\n".join(parts)


ROUNDS_CSS = """
body { color: #000000; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 14px; margin-bottom: 4px; border-bottom: 1px solid #555555; }
.meta { color: #333333; }
li { margin-bottom: 10px; }
.answer { color: #444444; }
td { vertical-align: top; border-bottom: 1px solid #bbbbbb; }
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
            kind = "Feeds paused" if plan.is_paused else "Feeding plan"
            lines.append(ChangeLine(plan.effective_at, name(plan.baby_id), kind, _without(plan.describe(), kind)))
    zone = ZoneInfo(entries.time_zone)
    for weight in entries.weights(first_day=first_day, last_day=last_day):
        moment = datetime.combine(weight.measured_on, weight.measured_at or time(12), tzinfo=zone)
        if first_day <= weight.measured_on <= last_day:
            lines.append(ChangeLine(moment, name(weight.baby_id), "Weight", _without(weight.describe(), "Weight"),
                                    time_known=weight.measured_at is not None))
    # Courses (antibiotics, probiotics, acid reducers) started before the window may stop inside it: look back.
    for event in entries.care_events(last_day=last_day):
        label = event.kind.label
        detail = _without(event.describe(), label)
        if event.kind.is_course:
            if since <= event.started_at <= until:
                lines.append(ChangeLine(event.started_at, name(event.baby_id), f"{label} started", detail))
            if event.ended_at is not None and since <= event.ended_at <= until:
                lines.append(ChangeLine(event.ended_at, name(event.baby_id), f"{label} stopped", detail))
        elif since <= event.started_at <= until:
            lines.append(ChangeLine(event.started_at, name(event.baby_id), label, detail,
                                    important=event.is_warning_sign))
    for note in entries.notes(first_day=first_day, last_day=last_day):
        if since <= note.at <= until:
            lines.append(ChangeLine(note.at, name(note.baby_id), "Note", _without(note.describe(), "Note")))
    sessions = [s for s in entries.pumping_sessions(first_day=first_day, last_day=last_day) if since <= s.at <= until]
    if sessions:
        total = sum(s.total_ml or 0 for s in sessions)
        count = f"{len(sessions)} session" if len(sessions) == 1 else f"{len(sessions)} sessions"
        lines.append(ChangeLine(sessions[-1].at, "", "Pumping", f"{count}, {total:.0f} mL in all since then"))
    return lines


def _without(text: str, label: str) -> str:
    """`describe()` texts start with their kind ("Antibiotics: gentamicin"); the sheet shows the kind once."""
    for prefix in (f"{label}: ", f"{label} "):
        if text.startswith(prefix):
            rest = text[len(prefix):]
            return rest[1:-1] if rest.startswith("(") and rest.endswith(")") else rest
    return "" if text == label else text
