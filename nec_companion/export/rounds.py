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

from nec_companion.core.local_time import local_day
from nec_companion.core.questions import Question, rounds_order

if TYPE_CHECKING:
    from nec_companion.journal import JournalEntries


@dataclass(frozen=True)
class ChangeLine:
    """One thing that happened since the chosen time, already in plain words."""

    when: datetime
    baby: str  # nickname, or "" for the mother (pumping) / the family
    kind: str  # "Feeding plan", "Feeds paused", "Weight", "Care event", "Something I noticed", "Note", ...
    text: str
    important: bool = False  # "something I noticed": shown first, marked


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local:%a} {local.day} {local:%b, %H:%M}"


def rounds_html(*, questions: tuple[Question, ...] | list[Question], changes: list[ChangeLine],
                since: datetime, now: datetime, baby_names: dict[int | None, str]) -> str:
    """The sheet; `baby_names` maps a baby id (None for all babies) to the nickname shown."""
    esc = html.escape
    parts = [
        "<h1>For rounds</h1>",
        f'<p class="meta">Prepared {esc(_when(now))} · changes since {esc(_when(since))}</p>',
    ]
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
                        "</span></li>")
        parts.append("<ol>" + "".join(rows) + "</ol>")
    else:
        parts.append("<p>No open questions. You can add some on the Questions tab.</p>")

    parts.append("<h2>What changed</h2>")
    if changes:
        ordered = sorted(changes, key=lambda c: (not c.important, c.when))
        rows = []
        for change in ordered:
            who = f"{esc(change.baby)}: " if change.baby else ""
            mark = "<b>Noticed:</b> " if change.important else ""
            rows.append(f"<tr><td>{esc(_when(change.when))}</td><td>{mark}{who}<b>{esc(change.kind)}</b> "
                        f"{esc(change.text)}</td></tr>")
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
            lines.append(ChangeLine(plan.effective_at, name(plan.baby_id), kind, plan.describe()))
    zone = ZoneInfo(entries.time_zone)
    for weight in entries.weights(first_day=first_day, last_day=last_day):
        moment = datetime.combine(weight.measured_on, weight.measured_at or time(0), tzinfo=zone)
        if first_day <= weight.measured_on <= last_day:
            lines.append(ChangeLine(moment, name(weight.baby_id), "Weight", weight.describe()))
    for event in entries.care_events(first_day=first_day, last_day=last_day):
        if since <= event.started_at <= until:
            kind = "Something I noticed" if event.is_warning_sign else "Care event"
            lines.append(ChangeLine(event.started_at, name(event.baby_id), kind, event.describe(),
                                    important=event.is_warning_sign))
    for note in entries.notes(first_day=first_day, last_day=last_day):
        if since <= note.at <= until:
            lines.append(ChangeLine(note.at, name(note.baby_id), "Note", note.describe()))
    sessions = [s for s in entries.pumping_sessions(first_day=first_day, last_day=last_day) if since <= s.at <= until]
    if sessions:
        total = sum(s.total_ml or 0 for s in sessions)
        lines.append(ChangeLine(sessions[-1].at, "", "Pumping",
                                f"{len(sessions)} sessions, {total:.0f} mL in all since then."))
    return lines
