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
from nec_companion.core.i18n import _, active
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
        # Translators: {problems} is one or more sentences about what looks unusual in an entry.
        return _("{problems} Save it anyway?").format(
            problems=" ".join(problem.message for problem in self.confirmations))


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
        problems.confirm("effective_at", _("This change starts in the future. It will count from then on."))
    regimen = plan.regimen
    if isinstance(regimen, BolusFeeds):
        _check_feed_volume(problems, regimen.volume_ml, field="volume_ml", context=context)
        interval = regimen.interval_hours
        if not BOLUS_INTERVAL_MIN_HOURS <= interval <= BOLUS_INTERVAL_MAX_HOURS:
            problems.refuse("interval_hours", _("Feeds are given every 1 to 4 hours. "
                                                "Please choose an interval between 1 and 4 hours."))
        elif not any(problem.field == "volume_ml" for problem in problems.items):
            _check_daily_ml_per_kg(problems, regimen.ml_per_day, context=context, field="volume_ml")
    elif isinstance(regimen, ContinuousFeeds):
        rate = regimen.rate_ml_per_hour
        if rate < 0:
            problems.refuse("rate_ml_per_hour", _("The rate can't be less than zero. Please check the number."))
        elif rate == 0:
            problems.refuse("rate_ml_per_hour", _("A rate of 0 mL an hour means no feeds. "
                                                  "If feeds are stopped, choose \"Feeds paused\" instead."))
        elif rate > CONTINUOUS_MAX_ML_PER_HOUR:
            problems.refuse("rate_ml_per_hour", _("{amount} an hour is far more than a baby in the NICU is given. "
                                                  "Please check the number: the rate is in milliliters (mL) per "
                                                  "hour.").format(amount=format_ml(rate)))
        else:
            _check_daily_ml_per_kg(problems, regimen.ml_per_day, context=context, field="rate_ml_per_hour")
    elif isinstance(regimen, FeedsPaused):
        _check_line(problems, regimen.reason, field="reason", too_long=_(
            "The reason is too long: please keep it to {count} characters and put the rest in the note."))
    if not isinstance(regimen, FeedsPaused) and plan.milk is not None:
        _check_milk(problems, plan.milk)
    _check_line(problems, plan.fortifier_strength, field="fortifier_strength", too_long=_(
        "The fortifier strength is too long: please keep it to {count} characters and put the rest in the note."))
    _check_note(problems, plan.note)
    return problems.result()


def check_family_feed(feed: FamilyFeed, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    _check_baby_and_instant(problems, context, moment=feed.at, field="at")
    if feed.method is FamilyFeedMethod.BOTTLE and feed.volume_ml is None:
        problems.refuse("volume_ml", _("Please enter how much your baby took from the bottle, in mL."))
    elif feed.method is FamilyFeedMethod.TUBE and feed.volume_ml is None:
        problems.refuse("volume_ml", _("Please enter how much was given through the tube, in mL."))
    elif feed.volume_ml is not None:
        if feed.method is FamilyFeedMethod.BREASTFEED and feed.volume_ml == 0:
            pass  # a test weight can show nothing taken; that is worth recording
        elif feed.method is FamilyFeedMethod.MOUTH_CARE:
            if feed.volume_ml > 5:
                problems.refuse("volume_ml", _("Colostrum mouth care uses a few drops, well under 5 mL. Please "
                                               "check the amount, or leave it empty."))
        else:
            _check_feed_volume(problems, feed.volume_ml, field="volume_ml", context=context)
    if feed.milk is not None:
        _check_milk(problems, feed.milk)
    _check_note(problems, feed.note)
    return problems.result()


def _check_feed_volume(problems: _Problems, volume: float, *, field: str, context: CheckContext) -> None:
    if volume < 0:
        problems.refuse(field, _("The amount can't be less than zero. Please check the number."))
    elif volume == 0:
        problems.refuse(field, _("A feed of 0 mL isn't a feed. If feeds are stopped, choose \"Feeds paused\" "
                                 "instead."))
    elif volume > FEED_MAX_ML:
        problems.refuse(field, _("{amount} at one feed is far more than any baby takes. Please check the number: "
                                 "amounts are in milliliters (mL).").format(amount=format_ml(volume)))
    elif volume > SMALL_BABY_FEED_CONFIRM_ML and context.weight_g is not None and context.weight_g < SMALL_BABY_G:
        problems.confirm(field, _("This is more than most babies this size take at one feed."))


def _check_daily_ml_per_kg(problems: _Problems, ml_per_day: float, *, context: CheckContext, field: str) -> None:
    if context.weight_g is None or context.weight_g <= 0:
        return
    per_kg = ml_per_day / (context.weight_g / 1000)
    if per_kg > DAILY_ML_PER_KG_CONFIRM:
        problems.confirm(field, _("This plan comes to about {amount} mL per kg a day for a baby of {weight}, more "
                                  "than most babies are given.").format(amount=active().number(round(per_kg)),
                                                                        weight=format_grams(context.weight_g)))


def _check_milk(problems: _Problems, milk: Milk) -> None:
    if not milk.shares:
        problems.refuse("milk", _("Please choose the milk, or leave the milk as not recorded."))
        return
    kinds = [share.kind for share in milk.shares]
    if len(set(kinds)) != len(kinds):
        problems.refuse("milk", _("Each kind of milk can only be listed once in a mix."))
    if any(share.percent < 0 for share in milk.shares):
        problems.refuse("milk", _("A share of milk can't be less than 0 %."))
    elif milk.total_percent != 100:
        problems.refuse("milk", _("The milk shares add up to {percent} %. They need to add up to 100 %.").format(
            percent=active().number(milk.total_percent)))
    _check_line(problems, milk.formula_name, field="formula_name", too_long=_(
        "The formula name is too long: please keep it to {count} characters and put the rest in the note."))


# ------------------------------------------------------------------------------------------ pumping


def check_pumping(session: PumpingSession, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    _check_instant(problems, context, moment=session.at, field="at")
    for field, amount in (("left_ml", session.left_ml), ("right_ml", session.right_ml)):
        if amount is not None and amount < 0:
            problems.refuse(field, _("An amount can't be less than zero. Please check the number."))
    total = session.total_ml
    if total is None:
        problems.refuse("total_ml", _("Please enter how much you pumped (0 is fine)."))
    elif total < 0:
        problems.refuse("total_ml", _("An amount can't be less than zero. Please check the number."))
    elif total > PUMP_SESSION_MAX_ML:
        problems.refuse("total_ml", _("{amount} in one session is more than anyone pumps. Please check the "
                                      "number: amounts are in milliliters (mL).").format(amount=format_ml(total)))
    else:
        sides = [side for side in (session.left_ml, session.right_ml) if side is not None]
        if sides and abs(sum(sides) - total) > TOTAL_TOLERANCE_ML:
            problems.refuse("total_ml", _("Left and right add up to {sides}, but the total says {total}. Please "
                                          "check the numbers, or leave the total empty to have it added up.").format(
                sides=format_ml(sum(sides)), total=format_ml(total)))
        elif total > PUMP_SESSION_CONFIRM_ML:
            problems.confirm("total_ml", _("That is more than most mothers pump in one session."))
    minutes = session.minutes
    if minutes is not None:
        if minutes < 0:
            problems.refuse("minutes", _("The minutes can't be less than zero."))
        elif minutes > PUMP_MINUTES_MAX:
            problems.refuse("minutes", _("{n} minutes is longer than a pumping session can be. Please check the "
                                         "number.").format(n=active().number(minutes)))
        elif minutes > PUMP_MINUTES_CONFIRM:
            problems.confirm("minutes", _("That is a longer session than usual."))
    if session.shares:
        ids = [share.baby_id for share in session.shares]
        if len(set(ids)) != len(ids):
            problems.refuse("shares", _("Each baby can only be listed once."))
        if any(baby_id not in context.known_baby_ids for baby_id in ids):
            problems.refuse("shares", _("One of the babies is no longer in the journal."))
        if any(share.ml < 0 for share in session.shares):
            problems.refuse("shares", _("A baby's share can't be less than zero."))
        elif total is not None and total >= 0:
            shared = sum(share.ml for share in session.shares)
            if abs(shared - total) > TOTAL_TOLERANCE_ML:
                problems.refuse("shares", _("The babies' shares add up to {shares}, but the total is {total}. They "
                                            "need to match.").format(shares=format_ml(shared), total=format_ml(total)))
    _check_note(problems, session.note)
    return problems.result()


# ------------------------------------------------------------------------------------------ weights


def check_weight(weight: Weight, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    baby = _check_baby(problems, context)
    today = local_day(context.now, context.zone_name)
    if weight.measured_on > today:
        problems.refuse("measured_on", _("This date is in the future. Please check the date."))
    elif baby is not None and weight.measured_on < baby.birth_date:
        problems.refuse("measured_on", _("This date is before {baby}'s birth date. Please check the date.").format(
            baby=baby.nickname))
    grams = weight.grams
    if grams <= 0:
        problems.refuse("grams", _("A weight of {weight} can't be right. Please check the number (weights are in "
                                   "grams).").format(weight=format_grams(grams)))
    elif grams < WEIGHT_MIN_G:
        # Translators: "1,000 g" is one kilogram; write it as your language writes 1000 grams.
        problems.refuse("grams", _("{weight} is less than any baby weighs. Please check the number: weights are in "
                                   "grams (1 kg = 1,000 g).").format(weight=format_grams(grams)))
    elif grams > WEIGHT_MAX_G:
        problems.refuse("grams", _("{weight} is more than a baby in the NICU weighs. Please check the number: "
                                   "weights are in grams (1 kg = 1,000 g).").format(weight=format_grams(grams)))
    else:
        reference, reference_day, described = _reference_weight(context, baby)
        if reference and (weight.measured_on - reference_day).days <= WEIGHT_CHANGE_WINDOW_DAYS:
            change = (grams - reference) / reference
            if abs(change) > WEIGHT_CHANGE_CONFIRM_FRACTION:
                percent = active().number(round(abs(change) * 100))
                message = _("This weight is {percent} % more than {earlier}. Weights can jump, but please check "
                            "the number.") if change > 0 else _("This weight is {percent} % less than {earlier}. "
                                                                "Weights can jump, but please check the number.")
                problems.confirm("grams", message.format(percent=percent, earlier=described))
    _check_note(problems, weight.note)
    return problems.result()


def _reference_weight(context: CheckContext, baby: Baby | None) -> tuple[int | None, date, str]:
    previous = context.previous_weight
    if previous is not None:
        # Translators: completes "This weight is 25 % more than ...": the weighing before, e.g. "the last one
        # (1,200 g on March 10)".
        return previous.grams, previous.measured_on, _("the last one ({weight} on {date})").format(
            weight=format_grams(previous.grams), date=_short_date(previous.measured_on))
    if baby is not None and baby.birth_weight_g:
        return (baby.birth_weight_g, baby.birth_date,
                # Translators: completes "This weight is 25 % more than ...".
                _("the birth weight ({weight})").format(weight=format_grams(baby.birth_weight_g)))
    return None, date.min, ""


# ------------------------------------------------------------------------------------------ care events


def check_care_event(event: CareEvent, context: CheckContext) -> EntryCheck:
    problems = _Problems()
    _check_baby_and_instant(problems, context, moment=event.started_at, field="started_at")
    if event.ended_at is not None and event.ended_at < event.started_at:
        problems.refuse("ended_at", _("The stop time is before the start time. Please check both."))
    if event.kind is CareEventKind.NOTICED and not event.signs:
        problems.refuse("signs", _("Please choose at least one thing you noticed (or \"Something else\")."))
    _check_line(problems, event.detail, field="detail", too_long=_(
        "The description is too long: please keep it to {count} characters and put the rest in the note."))
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
        problems.refuse("text", _("Please write a note, choose a tag, or enter the skin-to-skin minutes."))
    if has_control_characters(note.text, multiline=True):
        problems.refuse("text", _(CONTROL_CHARACTER_MESSAGE))
    if any(has_control_characters(tag) for tag in note.tags):
        problems.refuse("tags", _(CONTROL_CHARACTER_MESSAGE))
    if len(note.text) > NOTE_MAX_CHARS:
        problems.refuse("text", _("Please keep a note to {count} characters; a long one can be split into two "
                                  "notes.").format(count=active().number(NOTE_MAX_CHARS)))
    if len(note.tags) > MAX_TAGS:
        problems.refuse("tags", _("Please use at most {count} tags on one note.").format(
            count=active().number(MAX_TAGS)))
    if any(len(tag) > MAX_TAG_LENGTH for tag in note.tags):
        problems.refuse("tags", _("Please keep each tag to {count} characters.").format(
            count=active().number(MAX_TAG_LENGTH)))
    minutes = note.skin_to_skin_minutes
    if minutes is not None:
        if minutes < 0:
            problems.refuse("skin_to_skin_minutes", _("The minutes can't be less than zero."))
        elif minutes > SKIN_TO_SKIN_MAX_MINUTES:
            problems.refuse("skin_to_skin_minutes", _("That is more minutes than there are in a day. "
                                                      "Please check the number."))
        elif minutes > SKIN_TO_SKIN_CONFIRM_MINUTES:
            problems.confirm("skin_to_skin_minutes", _("That is more than 12 hours of skin to skin."))
    return problems.result()


# ------------------------------------------------------------------------------------------ shared


def _check_baby(problems: _Problems, context: CheckContext) -> Baby | None:
    if context.baby is None:
        problems.refuse("baby_id", _("This baby is no longer in the journal."))
    return context.baby


def _check_instant(problems: _Problems, context: CheckContext, *, moment: datetime, field: str,
                   future_limit: timedelta = FUTURE_GRACE) -> None:
    if moment > context.now + future_limit:
        problems.refuse(field, _("This time is in the future. Please check the date and time."))


def _check_baby_and_instant(problems: _Problems, context: CheckContext, *, moment: datetime, field: str,
                            future_limit: timedelta = FUTURE_GRACE) -> None:
    baby = _check_baby(problems, context)
    _check_instant(problems, context, moment=moment, field=field, future_limit=future_limit)
    if baby is not None and local_day(moment, context.zone_name) < baby.birth_date:
        problems.refuse(field, _("This is before {baby}'s birth date. Please check the date.").format(
            baby=baby.nickname))


def _check_line(problems: _Problems, text: str, *, field: str, too_long: str) -> None:
    """`too_long` is the field's whole (translated) message, with {count} for the limit."""
    if has_control_characters(text):
        problems.refuse(field, _(CONTROL_CHARACTER_MESSAGE))
    if len(text) > LINE_MAX_CHARS:
        problems.refuse(field, too_long.format(count=active().number(LINE_MAX_CHARS)))


def _check_note(problems: _Problems, note: str) -> None:
    if has_control_characters(note, multiline=True):
        problems.refuse("note", _(CONTROL_CHARACTER_MESSAGE))
    if len(note) > NOTE_MAX_CHARS:
        problems.refuse("note", _("Please keep the note to {count} characters.").format(
            count=active().number(NOTE_MAX_CHARS)))


def _short_date(day: date) -> str:
    return active().date(day, style="medium")


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
