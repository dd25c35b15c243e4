"""The columns of each entry table: what each cell says and the raw value it sorts on."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import time, timedelta

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
from nec_companion.core.daily import GAIN_MAX_SPAN_DAYS, WeightGain, weight_gain
from nec_companion.core.entries import JournalEntry, entry_instant
from nec_companion.core.feeding import FamilyFeed, FamilyFeedMethod, FeedingPlanChange, Fortifier
from nec_companion.core.i18n import _, active, ngettext
from nec_companion.core.local_time import instant_text
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.pumping import PumpingSession
from nec_companion.core.units import format_grams, format_lb_oz, format_ml
from nec_companion.ui.entries.table_model import RIGHT, Column, number_key
from nec_companion.ui.entries.words import BabyName, capitalised, signed, table_time, time_words, weekday_date


@dataclass
class TableContext:
    """What the cells need besides the entry: babies' names, and per-weight figures worked out by the core."""

    baby_name: BabyName
    babies: dict[BabyId, Baby] = field(default_factory=dict)
    weight_change: dict[int, int | None] = field(default_factory=dict)
    weight_gain: dict[int, WeightGain | None] = field(default_factory=dict)


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def _when(entry: JournalEntry) -> str:
    moment = entry_instant(entry)
    return table_time(moment, entry.time_zone) if moment is not None else ""  # type: ignore[union-attr]


def _when_key(entry: JournalEntry) -> str:
    if isinstance(entry, Weight):
        clock = entry.measured_at or time(23, 59, 59)
        return f"{entry.measured_on.isoformat()}T{clock.isoformat()}"
    moment = entry_instant(entry)
    return instant_text(moment) if moment is not None else ""


def _baby_of(context: TableContext) -> Column:
    def text(entry: JournalEntry) -> str:
        return context.baby_name(getattr(entry, "baby_id", None))

    return Column(_("Baby"), text, text)


def _note_column(context: TableContext, header: str | None = None, *, stretch: bool = True) -> Column:
    def text(entry: JournalEntry) -> str:
        return _first_line(getattr(entry, "note", ""))

    return Column(header if header is not None else _("Note"), text, lambda entry: text(entry).casefold(),
                  stretch=stretch, fill=True, tooltip=lambda entry: getattr(entry, "note", ""))


# ------------------------------------------------------------------------------------------ feeding


def _feed_type(entry: JournalEntry) -> str:
    if isinstance(entry, FeedingPlanChange):
        return _("Plan change")
    if isinstance(entry, FamilyFeed):
        # Translators: a feed the family gave, e.g. "Bottle (you)".
        return _("{feed} (you)").format(feed=capitalised(entry.method.label))
    return ""


def _feeds(entry: JournalEntry) -> str:
    if isinstance(entry, FeedingPlanChange):
        return entry.regimen.describe()
    if isinstance(entry, FamilyFeed):
        if entry.method is FamilyFeedMethod.BREASTFEED:
            return _("Test weight {amount}").format(amount=format_ml(entry.volume_ml)) \
                if entry.volume_ml is not None else _("Not weighed")
        if entry.method is FamilyFeedMethod.MOUTH_CARE:
            return format_ml(entry.volume_ml) if entry.volume_ml else ""
        if entry.method is FamilyFeedMethod.TUBE:
            return _("{amount} given").format(amount=format_ml(entry.volume_ml)) if entry.volume_ml is not None \
                else ""
        return _("{amount} taken").format(amount=format_ml(entry.volume_ml)) if entry.volume_ml is not None else ""
    return ""


def _per_day(entry: JournalEntry) -> float | None:
    if isinstance(entry, FeedingPlanChange):
        return entry.regimen.ml_per_day
    return None


def _milk(entry: JournalEntry) -> str:
    """The milk, with the fortifier added to it ("Donor milk + human-milk-based fortifier (full strength)")."""
    milk = getattr(entry, "milk", None)
    if isinstance(entry, FeedingPlanChange) and entry.is_paused:
        return ""
    text = capitalised(milk.describe()) if milk is not None and milk.shares else ""
    if isinstance(entry, FeedingPlanChange) and entry.fortifier is not Fortifier.NONE:
        fortifier = _("{fortifier} ({strength})").format(fortifier=entry.fortifier.label,
                                                          strength=entry.fortifier_strength) \
            if entry.fortifier_strength else entry.fortifier.label
        # Translators: a milk and what is added to it, e.g. "Donor milk + human-milk-based fortifier".
        text = _("{milk} + {fortifier}").format(milk=text or _("Milk not recorded"), fortifier=fortifier)
    return text


def _route(entry: JournalEntry) -> str:
    if isinstance(entry, FeedingPlanChange) and not entry.is_paused and entry.route is not None:
        return capitalised(entry.route.label)
    return ""


def feeding_columns(context: TableContext) -> list[Column]:
    def per_day_text(entry: JournalEntry) -> str:
        value = _per_day(entry)
        return format_ml(round(value, 1)) if value is not None else ""

    return [
        Column(_("When"), _when, _when_key),
        _baby_of(context),
        Column(_("Type"), _feed_type, _feed_type),
        Column(_("Feeds"), _feeds, lambda entry: _feeds(entry).casefold(),
               tooltip=lambda entry: entry.describe() if isinstance(entry, FeedingPlanChange | FamilyFeed) else ""),
        Column(_("mL a day"), per_day_text, lambda entry: number_key(_per_day(entry)), RIGHT),
        Column(_("Milk and fortifier"), _milk, _milk, stretch=True),
        Column(_("Given by"), _route, _route),
        _note_column(context, stretch=False),
    ]


# ------------------------------------------------------------------------------------------ pumping


def _ml_cell(value: float | None) -> str:
    return format_ml(value) if value is not None else ""


def pumping_columns(context: TableContext) -> list[Column]:
    def minutes(entry: JournalEntry) -> str:
        value = getattr(entry, "minutes", None)
        return _("{n} min").format(n=active().number(value)) if value is not None else ""

    def shared(entry: JournalEntry) -> str:
        if not isinstance(entry, PumpingSession):
            return ""
        # Translators: a baby's share of pumped milk, e.g. "Robin 30 mL".
        return _(", ").join(_("{baby} {amount}").format(baby=context.baby_name(share.baby_id),
                                                        amount=format_ml(share.ml)) for share in entry.shares)

    def amount(name: str) -> Column:
        header = {"left_ml": _("Left"), "right_ml": _("Right"), "total_ml": _("Total")}[name]
        return Column(header, lambda entry: _ml_cell(getattr(entry, name, None)),
                      lambda entry: number_key(getattr(entry, name, None)), RIGHT)

    return [
        Column(_("When"), _when, _when_key),
        Column(_("Minutes"), minutes, lambda entry: number_key(getattr(entry, "minutes", None)), RIGHT),
        amount("left_ml"),
        amount("right_ml"),
        amount("total_ml"),
        Column(_("Colostrum"), lambda entry: _("Yes") if getattr(entry, "colostrum", False) else "",
               lambda entry: "1" if getattr(entry, "colostrum", False) else ""),
        Column(_("Shared"), shared, shared),
        _note_column(context),
    ]


# ------------------------------------------------------------------------------------------ weights


def weight_figures(weights: Sequence[Weight], babies: dict[BabyId, Baby]
                   ) -> tuple[dict[int, int | None], dict[int, WeightGain | None]]:
    """For each weighing: grams since that baby's weighing before it, and the core's 7-day gain on its date."""
    changes: dict[int, int | None] = {}
    gains: dict[int, WeightGain | None] = {}
    by_baby: dict[BabyId, list[Weight]] = {}
    for weight in sorted(weights, key=lambda weight: weight.sort_key):
        by_baby.setdefault(weight.baby_id, []).append(weight)
    for baby_id, own in by_baby.items():
        baby = babies.get(baby_id)
        days = [weight.measured_on for weight in own]
        previous: Weight | None = None
        for index, weight in enumerate(own):
            key = int(weight.entry_id or 0)
            changes[key] = weight.grams - previous.grams if previous is not None else None
            previous = weight
            if baby is None:
                gains[key] = None
                continue
            # The core only looks back 21 days, so hand it just that window (fast on years of weighings).
            start = bisect.bisect_left(days, weight.measured_on - timedelta(days=GAIN_MAX_SPAN_DAYS + 1))
            gains[key] = weight_gain(baby=baby, weights=own[start:index + 1], on=weight.measured_on)
    return changes, gains


def weight_columns(context: TableContext) -> list[Column]:
    def when(entry: JournalEntry) -> str:
        if not isinstance(entry, Weight):
            return ""
        text = weekday_date(entry.measured_on)
        return _("{date}, {time}").format(date=text, time=time_words(entry.measured_at)) \
            if entry.measured_at is not None else text

    def grams(entry: JournalEntry) -> float | None:
        return float(entry.grams) if isinstance(entry, Weight) else None

    def change(entry: JournalEntry) -> int | None:
        return context.weight_change.get(int(entry.entry_id or 0))

    def change_text(entry: JournalEntry) -> str:
        value = change(entry)
        return "" if value is None else _("{amount} g").format(amount=signed(value))

    def gain(entry: JournalEntry) -> float | None:
        found = context.weight_gain.get(int(entry.entry_id or 0))
        return found.g_per_kg_per_day if found is not None else None

    def gain_text(entry: JournalEntry) -> str:
        value = gain(entry)
        return "" if value is None else _("{amount} g/kg/day").format(amount=active().number(value, decimals=1))

    def gain_tip(entry: JournalEntry) -> str:
        found = context.weight_gain.get(int(entry.entry_id or 0))
        if found is None:
            return _("Worked out once there is a weighing at least 7 days earlier.")
        start = _("birth weight") if found.from_birth_weight else format_grams(found.from_grams)
        # Translators: how a 7-day gain was worked out, e.g. "From 1,200 g on Mon, Mar 2 to 1,350 g, over 7 days
        # (exponential method, see the journal's help)."; {start} may be "birth weight".
        return ngettext("From {start} on {date} to {weight}, over {n} day (exponential method, see the journal's "
                        "help).", "From {start} on {date} to {weight}, over {n} days (exponential method, see the "
                        "journal's help).", found.days).format(start=start, date=weekday_date(found.from_day),
                                                               weight=format_grams(found.to_grams),
                                                               n=active().number(found.days))

    return [
        Column(_("Date"), when, _when_key),
        _baby_of(context),
        Column(_("Weight"), lambda entry: format_grams(entry.grams) if isinstance(entry, Weight) else "",
               lambda entry: number_key(grams(entry)), RIGHT),
        Column(_("In lb and oz"), lambda entry: format_lb_oz(entry.grams) if isinstance(entry, Weight) else "",
               lambda entry: number_key(grams(entry)), RIGHT),
        Column(_("Change"), change_text, lambda entry: number_key(change(entry)), RIGHT,
               tooltip=lambda entry: _("Grams since this baby's weighing before this one.")),
        Column(_("7-day gain"), gain_text, lambda entry: number_key(gain(entry)), RIGHT, tooltip=gain_tip),
        _note_column(context),
    ]


# ------------------------------------------------------------------------------------------ care events


def _event_details(entry: JournalEntry) -> str:
    if not isinstance(entry, CareEvent):
        return ""
    if entry.kind is CareEventKind.NOTICED:
        words = [sign.label for sign in entry.ordered_signs if sign is not NoticedSign.OTHER]
        if entry.detail or NoticedSign.OTHER in entry.signs:
            words.append(entry.detail or NoticedSign.OTHER.label)
        return _(", ").join(words)
    return entry.detail


def care_event_columns(context: TableContext) -> list[Column]:
    def stopped(entry: JournalEntry) -> str:
        if not isinstance(entry, CareEvent) or not entry.kind.is_course:
            return ""
        if entry.ended_at is None:
            return _("Still going on")
        return table_time(entry.ended_at, entry.time_zone)

    def stopped_key(entry: JournalEntry) -> str:
        if not isinstance(entry, CareEvent) or not entry.kind.is_course:
            return ""
        return "~ongoing" if entry.ended_at is None else instant_text(entry.ended_at)

    def what(entry: JournalEntry) -> str:
        return entry.kind.label if isinstance(entry, CareEvent) else ""

    return [
        Column(_("Started"), _when, _when_key),
        _baby_of(context),
        Column(_("What"), what, what),
        Column(_("Details"), _event_details, lambda entry: _event_details(entry).casefold(), stretch=True,
               tooltip=lambda entry: entry.describe() if isinstance(entry, CareEvent) else ""),
        Column(_("Stopped"), stopped, stopped_key),
        _note_column(context),
    ]


# ------------------------------------------------------------------------------------------ notes


def note_columns(context: TableContext) -> list[Column]:
    def text(entry: JournalEntry) -> str:
        return _first_line(entry.text) if isinstance(entry, NoteEntry) else ""

    def tags(entry: JournalEntry) -> str:
        return _(", ").join(entry.tags) if isinstance(entry, NoteEntry) else ""

    def minutes(entry: JournalEntry) -> float | None:
        value = entry.skin_to_skin_minutes if isinstance(entry, NoteEntry) else None
        return float(value) if value is not None else None

    return [
        Column(_("When"), _when, _when_key),
        Column(_("About"), lambda entry: context.baby_name(getattr(entry, "baby_id", None)),
               lambda entry: context.baby_name(getattr(entry, "baby_id", None))),
        Column(_("Note"), text, lambda entry: text(entry).casefold(), stretch=True, fill=True,
               tooltip=lambda entry: entry.text if isinstance(entry, NoteEntry) else ""),
        Column(_("Tags"), tags, lambda entry: tags(entry).casefold()),
        Column(_("Skin to skin"), lambda entry: _("{n} min").format(n=active().number(int(minutes(entry) or 0)))
               if minutes(entry) is not None else "",
               lambda entry: number_key(minutes(entry)), RIGHT),
    ]


ColumnsFor = Callable[[TableContext], list[Column]]

__all__ = ["ColumnsFor", "TableContext", "care_event_columns", "feeding_columns", "note_columns",
           "pumping_columns", "weight_columns", "weight_figures"]
