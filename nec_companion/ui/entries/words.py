"""How entries read on screen: local times in plain words, amounts with their units, names of babies.

Display only; every figure shown is worked out by the core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.local_time import to_local
from nec_companion.core.units import format_lb_oz, format_ml

BabyName = Callable[[BabyId | None], str]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def lowered(text: str) -> str:
    """The first letter in lower case ("Bottle: 45 mL" -> "bottle: 45 mL"), units left alone."""
    return text[:1].lower() + text[1:]


def signed(value: float, decimals: int = 0) -> str:
    """"+12", "−3" (a real minus sign), "0"."""
    text = f"{abs(value):,.{decimals}f}"
    if round(value, decimals) > 0:
        return f"+{text}"
    if round(value, decimals) < 0:
        return f"−{text}"
    return text


def short_date(day: date) -> str:
    """"9 Mar" (no platform-specific strftime flags)."""
    return f"{day.day} {day.strftime('%b')}"


def weekday_date(day: date) -> str:
    """"Mon 9 Mar"."""
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"


def long_date(day: date) -> str:
    """"Tuesday 10 March"."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"


def clock_text(moment: time | datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def table_time(moment: datetime, zone_name: str) -> str:
    """"Mon 9 Mar 22:10" on the wall clock of `zone_name`."""
    local = to_local(moment, zone_name)
    return f"{weekday_date(local.date())} {clock_text(local)}"


def when_words(moment: datetime, zone_name: str, today: date) -> str:
    """"today 14:05", "yesterday 22:10", "8 Mar 09:00"."""
    local = to_local(moment, zone_name)
    if local.date() == today:
        day = "today"
    elif (today - local.date()).days == 1:
        day = "yesterday"
    else:
        day = short_date(local.date())
    return f"{day} {clock_text(local)}"


def day_words(day: date, today: date) -> str:
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    return short_date(day)


def grams_words(grams: int) -> str:
    """"1,934 g (4 lb 4.2 oz)"."""
    return f"{grams:,} g ({format_lb_oz(grams)})"


def optional_ml(value: float | None) -> str:
    return format_ml(value) if value is not None else ""


def per_kg_words(value: float | None) -> str:
    return f"{value:.0f} mL/kg/day" if value is not None else "not known yet"


def hours_words(hours: float) -> str:
    """ "45 minutes" under an hour (never "0.8 hours"), "1 hour", "2.5 hours"."""
    if hours < 1:
        minutes = max(1, round(hours * 60))
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    rounded = round(hours, 1)
    text = f"{rounded:g}"
    return f"{text} hour" if rounded == 1 else f"{text} hours"


def baby_namer(babies: Sequence[Baby], *, nobody: str = "Whole family") -> BabyName:
    names = {baby.baby_id: baby.nickname for baby in babies}

    def name(baby_id: BabyId | None) -> str:
        if baby_id is None:
            return nobody
        return names.get(baby_id, "A baby no longer in the journal")

    return name


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {words or word + 's'}"
