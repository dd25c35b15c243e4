"""Plausible-range checks for journal entries, at two levels: refuse, or ask the family to confirm.

- REFUSE: the value cannot be right (negative, a weight of 0, a 2,000 mL feed, shares that do not add up, a
  date in the future). The entry is not saved; the message says what to check.
- CONFIRM: unusual but possible (a bolus over 100 mL for a baby under 1.5 kg, a weight more than 20 % away from
  the last one, over 500 mL pumped in one session). The UI shows the messages with "Save it anyway?"
  (`EntryCheck.confirmation_text()`) and saves with `confirmed=True`.

The limits are constants below; docs/JOURNAL.md says why each one was chosen. Messages are written for a
tired parent: what looks wrong, in plain words, and what to check. Each problem names the field it belongs to,
so a dialog can put the message next to it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.care_events import CareEvent, CareEventKind
from nec_companion.core.entries import JournalEntry
from nec_companion.core.feeding import (
    BolusFeeds,
    ContinuousFeeds,
    FamilyFeed,
    FamilyFeedMethod,
    FeedingPlanChange,
    FeedsPaused,
    Milk,
)
from nec_companion.core.local_time import local_day
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import MAX_TAG_LENGTH, MAX_TAGS, NoteEntry
from nec_companion.core.pumping import TOTAL_TOLERANCE_ML, PumpingSession
from nec_companion.core.text import CONTROL_CHARACTER_MESSAGE, has_control_characters
from nec_companion.core.units import format_grams, format_ml

# ---- feeds
FEED_MAX_ML = 300.0
"""Refused above: a full-term baby's large feed is about 180-240 mL; nothing in a NICU comes near 300 mL."""
BOLUS_INTERVAL_MIN_HOURS = 1.0
BOLUS_INTERVAL_MAX_HOURS = 4.0
CONTINUOUS_MAX_ML_PER_HOUR = 60.0
"""Refused above: 60 mL/h is 1,440 mL a day, far more than a NICU baby is given."""
SMALL_BABY_G = 1500
SMALL_BABY_FEED_CONFIRM_ML = 100.0
"""Asked to confirm: a single feed over 100 mL for a baby under 1.5 kg (the issue's example)."""
DAILY_ML_PER_KG_CONFIRM = 200.0
"""Asked to confirm: a plan over 200 mL/kg/day. Full enteral feeds are usually 150-180 mL/kg/day."""
# ---- pumping
PUMP_SESSION_MAX_ML = 1500.0
PUMP_SESSION_CONFIRM_ML = 500.0
"""Asked to confirm: over 500 mL in one session (well above the usual 60-150 mL once milk is in)."""
PUMP_MINUTES_MAX = 240
PUMP_MINUTES_CONFIRM = 60
# ---- weights
WEIGHT_MIN_G = 200
WEIGHT_MAX_G = 12_000
WEIGHT_CHANGE_CONFIRM_FRACTION = 0.20
"""Asked to confirm: a weight more than 20 % away from the last one (or from birth weight if none)..."""
WEIGHT_CHANGE_WINDOW_DAYS = 14
"""...when that one is at most 14 days older: a growing baby gains 20 % in about two weeks."""
# ---- notes
SKIN_TO_SKIN_MAX_MINUTES = 24 * 60
SKIN_TO_SKIN_CONFIRM_MINUTES = 12 * 60
# ---- text
NOTE_MAX_CHARS = 4000
LINE_MAX_CHARS = 200
# ---- time
FUTURE_GRACE = timedelta(minutes=10)
"""A few minutes ahead of the computer's clock is allowed (a clock that runs slow, a feed about to start)."""
PLAN_FUTURE_MAX = timedelta(days=14)
"""A plan change may be entered up to 14 days ahead (asked to confirm); further ahead is refused."""


class Severity(enum.Enum):
    REFUSE = "refuse"
    CONFIRM = "confirm"


@dataclass(frozen=True)
class EntryProblem:
    """One thing about an entry: which field, a plain sentence, and whether it refuses or asks to confirm."""

    field: str
    message: str
    severity: Severity


@dataclass(frozen=True)
class EntryCheck:
    """The result of checking an entry: refusals (cannot save) and confirmations (save after asking)."""

    problems: tuple[EntryProblem, ...] = ()

    @property
    def refusals(self) -> tuple[EntryProblem, ...]:
        return tuple(problem for problem in self.problems if problem.severity is Severity.REFUSE)

    @property
    def confirmations(self) -> tuple[EntryProblem, ...]:
        return tuple(problem for problem in self.problems if problem.severity is Severity.CONFIRM)

    @property
    def can_save(self) -> bool:
        """No refusals (there may still be confirmations to ask about)."""
        return not self.refusals

    @property
    def needs_confirmation(self) -> bool:
        return self.can_save and bool(self.confirmations)

    @property
    def is_clean(self) -> bool:
        return not self.problems

    def messages_for(self, field: str) -> tuple[str, ...]:
        return tuple(problem.message for problem in self.problems if problem.field == field)

    def refusal_text(self) -> str:
        return " ".join(problem.message for problem in self.refusals)

    def confirmation_text(self) -> str:
        """The confirmations as one paragraph ending with the question, e.g. "This is more than most babies
        this size take at one feed. Save it anyway?"."""
        if not self.confirmations:
            return ""
        return " ".join(problem.message for problem in self.confirmations) + " Save it anyway?"


@dataclass(frozen=True, kw_only=True)
class CheckContext:
    """What a check needs besides the entry itself; the journal façade builds it from the stored data.

    `weight_g` is the baby's weight around the entry's time (the latest weight on or before that day, else the
    birth weight), for the feed checks. `previous_weight` is, for a weight entry, the weighing just before it.
    """

    now: datetime
    zone_name: str
    baby: Baby | None = None
    known_baby_ids: frozenset[BabyId] = frozenset()
    weight_g: int | None = None
    previous_weight: Weight | None = None


class _Problems:
    def __init__(self) -> None:
        self.items: list[EntryProblem] = []

    def refuse(self, field: str, message: str) -> None:
        self.items.append(EntryProblem(field, message, Severity.REFUSE))

    def confirm(self, field: str, message: str) -> None:
        self.items.append(EntryProblem(field, message, Severity.CONFIRM))

    def result(self) -> EntryCheck:
        return EntryCheck(tuple(self.items))


def check_entry(entry: JournalEntry, context: CheckContext) -> EntryCheck:
    """Check any journal entry."""
    if isinstance(entry, FeedingPlanChange):
        return check_feeding_plan(entry, context)
    if isinstance(entry, FamilyFeed):
        return check_family_feed(entry, context)
    if isinstance(entry, PumpingSession):
        return check_pumping(entry, context)
    if isinstance(entry, Weight):
        return check_weight(entry, context)
    if isinstance(entry, CareEvent):
        return check_care_event(entry, context)
    if isinstance(entry, NoteEntry):
        return check_note(entry, context)
    raise TypeError(f"not a journal entry: {type(entry).__name__}")


# ------------------------------------------------------------------------------------------ feeding


def check_feeding_plan(plan: FeedingPlanChange, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    _check_baby_and_instant(problems, context, moment=plan.effective_at, field="effective_at",
                            future_limit=PLAN_FUTURE_MAX)
    if plan.effective_at > context.now + FUTURE_GRACE and plan.effective_at <= context.now + PLAN_FUTURE_MAX:
        problems.confirm("effective_at", "This change starts in the future. It will count from then on.")
    regimen = plan.regimen
    if isinstance(regimen, BolusFeeds):
        _check_feed_volume(problems, regimen.volume_ml, field="volume_ml", what="feed", context=context)
        interval = regimen.interval_hours
        if not BOLUS_INTERVAL_MIN_HOURS <= interval <= BOLUS_INTERVAL_MAX_HOURS:
            problems.refuse("interval_hours", "Feeds are given every 1 to 4 hours. "
                                              "Please choose an interval between 1 and 4 hours.")
        elif not any(problem.field == "volume_ml" for problem in problems.items):
            _check_daily_ml_per_kg(problems, regimen.ml_per_day, context=context, field="volume_ml")
    elif isinstance(regimen, ContinuousFeeds):
        rate = regimen.rate_ml_per_hour
        if rate < 0:
            problems.refuse("rate_ml_per_hour", "The rate can't be less than zero. Please check the number.")
        elif rate == 0:
            problems.refuse("rate_ml_per_hour", "A rate of 0 mL an hour means no feeds. "
                                                "If feeds are stopped, choose \"Feeds paused\" instead.")
        elif rate > CONTINUOUS_MAX_ML_PER_HOUR:
            problems.refuse("rate_ml_per_hour", f"{format_ml(rate)} an hour is far more than a baby in the "
                                                "NICU is given. Please check the number: the rate is in "
                                                "millilitres (mL) per hour.")
        else:
            _check_daily_ml_per_kg(problems, regimen.ml_per_day, context=context, field="rate_ml_per_hour")
    elif isinstance(regimen, FeedsPaused):
        _check_line(problems, regimen.reason, field="reason", what="The reason")
    if not isinstance(regimen, FeedsPaused) and plan.milk is not None:
        _check_milk(problems, plan.milk)
    _check_line(problems, plan.fortifier_strength, field="fortifier_strength", what="The fortifier strength")
    _check_note(problems, plan.note)
    return problems.result()


def check_family_feed(feed: FamilyFeed, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    _check_baby_and_instant(problems, context, moment=feed.at, field="at")
    if feed.method is FamilyFeedMethod.BOTTLE and feed.volume_ml is None:
        problems.refuse("volume_ml", "Please enter how much your baby took from the bottle, in mL.")
    elif feed.method is FamilyFeedMethod.TUBE and feed.volume_ml is None:
        problems.refuse("volume_ml", "Please enter how much was given through the tube, in mL.")
    elif feed.volume_ml is not None:
        if feed.method is FamilyFeedMethod.BREASTFEED and feed.volume_ml == 0:
            pass  # a test weight can show nothing taken; that is worth recording
        elif feed.method is FamilyFeedMethod.MOUTH_CARE:
            if feed.volume_ml > 5:
                problems.refuse("volume_ml", "Colostrum mouth care uses a few drops, well under 5 mL. Please "
                                "check the amount, or leave it empty.")
        else:
            _check_feed_volume(problems, feed.volume_ml, field="volume_ml", what="feed", context=context)
    if feed.milk is not None:
        _check_milk(problems, feed.milk)
    _check_note(problems, feed.note)
    return problems.result()


def _check_feed_volume(problems: _Problems, volume: float, *, field: str, what: str, context: CheckContext) -> None:
    if volume < 0:
        problems.refuse(field, "The amount can't be less than zero. Please check the number.")
    elif volume == 0:
        problems.refuse(field, f"A {what} of 0 mL isn't a {what}. "
                               "If feeds are stopped, choose \"Feeds paused\" instead.")
    elif volume > FEED_MAX_ML:
        problems.refuse(field, f"{format_ml(volume)} at one {what} is far more than any baby takes. "
                               "Please check the number: amounts are in millilitres (mL).")
    elif volume > SMALL_BABY_FEED_CONFIRM_ML and context.weight_g is not None and context.weight_g < SMALL_BABY_G:
        problems.confirm(field, "This is more than most babies this size take at one feed.")


def _check_daily_ml_per_kg(problems: _Problems, ml_per_day: float, *, context: CheckContext, field: str) -> None:
    if context.weight_g is None or context.weight_g <= 0:
        return
    per_kg = ml_per_day / (context.weight_g / 1000)
    if per_kg > DAILY_ML_PER_KG_CONFIRM:
        problems.confirm(field, f"This plan comes to about {per_kg:.0f} mL per kg a day for a baby of "
                                f"{format_grams(context.weight_g)}, more than most babies are given.")


def _check_milk(problems: _Problems, milk: Milk) -> None:
    if not milk.shares:
        problems.refuse("milk", "Please choose the milk, or leave the milk as not recorded.")
        return
    kinds = [share.kind for share in milk.shares]
    if len(set(kinds)) != len(kinds):
        problems.refuse("milk", "Each kind of milk can only be listed once in a mix.")
    if any(share.percent < 0 for share in milk.shares):
        problems.refuse("milk", "A share of milk can't be less than 0 %.")
    elif milk.total_percent != 100:
        problems.refuse("milk", f"The milk shares add up to {milk.total_percent} %. "
                                "They need to add up to 100 %.")
    _check_line(problems, milk.formula_name, field="formula_name", what="The formula name")


# ------------------------------------------------------------------------------------------ pumping


def check_pumping(session: PumpingSession, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    _check_instant(problems, context, moment=session.at, field="at")
    for field, amount in (("left_ml", session.left_ml), ("right_ml", session.right_ml)):
        if amount is not None and amount < 0:
            problems.refuse(field, "An amount can't be less than zero. Please check the number.")
    total = session.total_ml
    if total is None:
        problems.refuse("total_ml", "Please enter how much you pumped (0 is fine).")
    elif total < 0:
        problems.refuse("total_ml", "An amount can't be less than zero. Please check the number.")
    elif total > PUMP_SESSION_MAX_ML:
        problems.refuse("total_ml", f"{format_ml(total)} in one session is more than anyone pumps. "
                                    "Please check the number: amounts are in millilitres (mL).")
    else:
        sides = [side for side in (session.left_ml, session.right_ml) if side is not None]
        if sides and abs(sum(sides) - total) > TOTAL_TOLERANCE_ML:
            problems.refuse("total_ml", f"Left and right add up to {format_ml(sum(sides))}, but the total says "
                                        f"{format_ml(total)}. Please check the numbers, or leave the total "
                                        "empty to have it added up.")
        elif total > PUMP_SESSION_CONFIRM_ML:
            problems.confirm("total_ml", "That is more than most mothers pump in one session.")
    minutes = session.minutes
    if minutes is not None:
        if minutes < 0:
            problems.refuse("minutes", "The minutes can't be less than zero.")
        elif minutes > PUMP_MINUTES_MAX:
            problems.refuse("minutes", f"{minutes} minutes is longer than a pumping session can be. "
                                       "Please check the number.")
        elif minutes > PUMP_MINUTES_CONFIRM:
            problems.confirm("minutes", "That is a longer session than usual.")
    if session.shares:
        ids = [share.baby_id for share in session.shares]
        if len(set(ids)) != len(ids):
            problems.refuse("shares", "Each baby can only be listed once.")
        if any(baby_id not in context.known_baby_ids for baby_id in ids):
            problems.refuse("shares", "One of the babies is no longer in the journal.")
        if any(share.ml < 0 for share in session.shares):
            problems.refuse("shares", "A baby's share can't be less than zero.")
        elif total is not None and total >= 0:
            shared = sum(share.ml for share in session.shares)
            if abs(shared - total) > TOTAL_TOLERANCE_ML:
                problems.refuse("shares", f"The babies' shares add up to {format_ml(shared)}, but the total is "
                                          f"{format_ml(total)}. They need to match.")
    _check_note(problems, session.note)
    return problems.result()


# ------------------------------------------------------------------------------------------ weights


def check_weight(weight: Weight, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    baby = _check_baby(problems, context)
    today = local_day(context.now, context.zone_name)
    if weight.measured_on > today:
        problems.refuse("measured_on", "This date is in the future. Please check the date.")
    elif baby is not None and weight.measured_on < baby.birth_date:
        problems.refuse("measured_on", f"This date is before {baby.nickname}'s birth date. Please check the date.")
    grams = weight.grams
    if grams <= 0:
        problems.refuse("grams", f"A weight of {grams} g can't be right. Please check the number "
                                 "(weights are in grams).")
    elif grams < WEIGHT_MIN_G:
        problems.refuse("grams", f"{format_grams(grams)} is less than any baby weighs. Please check the number: "
                                 "weights are in grams (1 kg = 1,000 g).")
    elif grams > WEIGHT_MAX_G:
        problems.refuse("grams", f"{format_grams(grams)} is more than a baby in the NICU weighs. Please check the "
                                 "number: weights are in grams (1 kg = 1,000 g).")
    else:
        reference, reference_day, described = _reference_weight(context, baby)
        if reference and (weight.measured_on - reference_day).days <= WEIGHT_CHANGE_WINDOW_DAYS:
            change = (grams - reference) / reference
            if abs(change) > WEIGHT_CHANGE_CONFIRM_FRACTION:
                direction = "more" if change > 0 else "less"
                problems.confirm("grams", f"This weight is {abs(change) * 100:.0f} % {direction} than {described}. "
                                          "Weights can jump, but please check the number.")
    _check_note(problems, weight.note)
    return problems.result()


def _reference_weight(context: CheckContext, baby: Baby | None) -> tuple[int | None, date, str]:
    previous = context.previous_weight
    if previous is not None:
        return previous.grams, previous.measured_on, (f"the last one ({format_grams(previous.grams)} on "
                                                      f"{_short_date(previous.measured_on)})")
    if baby is not None and baby.birth_weight_g:
        return (baby.birth_weight_g, baby.birth_date,
                f"the birth weight ({format_grams(baby.birth_weight_g)})")
    return None, date.min, ""


# ------------------------------------------------------------------------------------------ care events


def check_care_event(event: CareEvent, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    _check_baby_and_instant(problems, context, moment=event.started_at, field="started_at")
    if event.ended_at is not None and event.ended_at < event.started_at:
        problems.refuse("ended_at", "The stop time is before the start time. Please check both.")
    if event.kind is CareEventKind.NOTICED and not event.signs:
        problems.refuse("signs", "Please choose at least one thing you noticed (or \"Something else\").")
    _check_line(problems, event.detail, field="detail", what="The description")
    _check_note(problems, event.note)
    return problems.result()


# ------------------------------------------------------------------------------------------ notes


def check_note(note: NoteEntry, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    if note.baby_id is not None:
        _check_baby_and_instant(problems, context, moment=note.at, field="at")
    else:
        _check_instant(problems, context, moment=note.at, field="at")
    if not note.text and not note.tags and note.skin_to_skin_minutes is None:
        problems.refuse("text", "Please write a note, choose a tag, or enter the skin-to-skin minutes.")
    if has_control_characters(note.text, multiline=True):
        problems.refuse("text", CONTROL_CHARACTER_MESSAGE)
    if any(has_control_characters(tag) for tag in note.tags):
        problems.refuse("tags", CONTROL_CHARACTER_MESSAGE)
    if len(note.text) > NOTE_MAX_CHARS:
        problems.refuse("text", f"Please keep a note to {NOTE_MAX_CHARS:,} characters; "
                                "a long one can be split into two notes.")
    if len(note.tags) > MAX_TAGS:
        problems.refuse("tags", f"Please use at most {MAX_TAGS} tags on one note.")
    if any(len(tag) > MAX_TAG_LENGTH for tag in note.tags):
        problems.refuse("tags", f"Please keep each tag to {MAX_TAG_LENGTH} characters.")
    minutes = note.skin_to_skin_minutes
    if minutes is not None:
        if minutes < 0:
            problems.refuse("skin_to_skin_minutes", "The minutes can't be less than zero.")
        elif minutes > SKIN_TO_SKIN_MAX_MINUTES:
            problems.refuse("skin_to_skin_minutes", "That is more minutes than there are in a day. "
                                                    "Please check the number.")
        elif minutes > SKIN_TO_SKIN_CONFIRM_MINUTES:
            problems.confirm("skin_to_skin_minutes", "That is more than 12 hours of skin to skin.")
    return problems.result()


# ------------------------------------------------------------------------------------------ shared


def _check_baby(problems: _Problems, context: CheckContext) -> Baby | None:
    if context.baby is None:
        problems.refuse("baby_id", "This baby is no longer in the journal.")
    return context.baby


def _check_instant(problems: _Problems, context: CheckContext, *, moment: datetime, field: str,
                   future_limit: timedelta = FUTURE_GRACE) -> None:
    if moment > context.now + future_limit:
        problems.refuse(field, "This time is in the future. Please check the date and time.")


def _check_baby_and_instant(problems: _Problems, context: CheckContext, *, moment: datetime, field: str,
                            future_limit: timedelta = FUTURE_GRACE) -> None:
    baby = _check_baby(problems, context)
    _check_instant(problems, context, moment=moment, field=field, future_limit=future_limit)
    if baby is not None and local_day(moment, context.zone_name) < baby.birth_date:
        problems.refuse(field, f"This is before {baby.nickname}'s birth date. Please check the date.")


def _check_line(problems: _Problems, text: str, *, field: str, what: str) -> None:
    if has_control_characters(text):
        problems.refuse(field, CONTROL_CHARACTER_MESSAGE)
    if len(text) > LINE_MAX_CHARS:
        problems.refuse(field, f"{what} is too long: please keep it to {LINE_MAX_CHARS} characters "
                               "and put the rest in the note.")


def _check_note(problems: _Problems, note: str) -> None:
    if has_control_characters(note, multiline=True):
        problems.refuse("note", CONTROL_CHARACTER_MESSAGE)
    if len(note) > NOTE_MAX_CHARS:
        problems.refuse("note", f"Please keep the note to {NOTE_MAX_CHARS:,} characters.")


def _short_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B')}"


def combine(checks: Iterable[EntryCheck]) -> EntryCheck:
    """Several checks as one (for a dialog that saves more than one entry)."""
    return EntryCheck(tuple(problem for check in checks for problem in check.problems))


__all__ = [
    "BOLUS_INTERVAL_MAX_HOURS",
    "BOLUS_INTERVAL_MIN_HOURS",
    "CONTINUOUS_MAX_ML_PER_HOUR",
    "DAILY_ML_PER_KG_CONFIRM",
    "FEED_MAX_ML",
    "FUTURE_GRACE",
    "PLAN_FUTURE_MAX",
    "PUMP_MINUTES_CONFIRM",
    "PUMP_MINUTES_MAX",
    "PUMP_SESSION_CONFIRM_ML",
    "PUMP_SESSION_MAX_ML",
    "SKIN_TO_SKIN_CONFIRM_MINUTES",
    "SKIN_TO_SKIN_MAX_MINUTES",
    "SMALL_BABY_FEED_CONFIRM_ML",
    "SMALL_BABY_G",
    "WEIGHT_CHANGE_CONFIRM_FRACTION",
    "WEIGHT_CHANGE_WINDOW_DAYS",
    "WEIGHT_MAX_G",
    "WEIGHT_MIN_G",
    "CheckContext",
    "EntryCheck",
    "EntryProblem",
    "Severity",
    "check_care_event",
    "check_entry",
    "check_family_feed",
    "check_feeding_plan",
    "check_note",
    "check_pumping",
    "check_weight",
    "combine",
]
