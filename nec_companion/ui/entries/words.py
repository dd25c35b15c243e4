"""How entries read on screen: local times in plain words, amounts with their units, names of babies.

Display only; every figure shown is worked out by the core. Every word goes through the catalog and every
number, date and time through the active language's formats (core/i18n.py): "Mar 9" / "9 mar", "10:10 PM" /
"10:10 p.m.". Dates without a year use CLDR's own skeletons for the language (Babel's `format_skeleton`), so
no order of day and month is written here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.i18n import CLDR_LOCALES, _, active, ngettext
from nec_companion.core.local_time import to_local
from nec_companion.core.units import format_grams, format_lb_oz, format_ml, format_number

BabyName = Callable[[BabyId | None], str]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def lowered(text: str) -> str:
    """The first letter in lower case ("Bottle: 45 mL" -> "bottle: 45 mL"), units left alone."""
    return text[:1].lower() + text[1:]


def signed(value: float, decimals: int = 0) -> str:
    """"+12", "−3" (a real minus sign), "0"."""
    text = active().number(abs(value), decimals=decimals)
    if round(value, decimals) > 0:
        return f"+{text}"
    if round(value, decimals) < 0:
        return f"−{text}"
    return text


def _skeleton(day: date, skeleton: str) -> str:
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, day, locale=CLDR_LOCALES[active().code])


def short_date(day: date) -> str:
    """"Mar 9" / "9 mar" (no year)."""
    return _skeleton(day, "MMMd")


def weekday_date(day: date) -> str:
    """"Mon, Mar 9" / "lun, 9 mar"."""
    return _skeleton(day, "MMMEd")


def long_date(day: date) -> str:
    """"Tuesday, March 10, 2026" / "martes, 10 de marzo de 2026"."""
    return active().date(day, style="full")


def clock_text(moment: time | datetime) -> str:
    """"22:10": the 24-hour text of a time field the family types into (a value, not a sentence)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def time_words(moment: time | datetime) -> str:
    """A time shown to read: "10:10 PM" / "10:10 p.m."."""
    return active().time(moment)


def table_time(moment: datetime, zone_name: str) -> str:
    """"Mon, Mar 9, 10:10 PM" on the wall clock of `zone_name`."""
    local = to_local(moment, zone_name)
    # Translators: a date and a time in a table cell, e.g. "Mon, Mar 9, 10:10 PM".
    return _("{date}, {time}").format(date=weekday_date(local.date()), time=time_words(local))


def when_words(moment: datetime, zone_name: str, today: date) -> str:
    """"today 2:05 PM", "yesterday 10:10 PM", "Mar 8, 9:00 AM"."""
    local = to_local(moment, zone_name)
    clock = time_words(local)
    if local.date() == today:
        return _("today {time}").format(time=clock)
    if (today - local.date()).days == 1:
        return _("yesterday {time}").format(time=clock)
    return _("{date}, {time}").format(date=short_date(local.date()), time=clock)


def day_words(day: date, today: date) -> str:
    if day == today:
        return _("today")
    if (today - day).days == 1:
        return _("yesterday")
    return short_date(day)


def grams_words(grams: int) -> str:
    """"1,934 g (4 lb 4.2 oz)" (the lb/oz rule of core/units.format_lb_oz)."""
    # Translators: a weight in grams, then in pounds and ounces, e.g. "1,934 g (4 lb 4.2 oz)".
    return _("{grams} ({pounds_ounces})").format(grams=format_grams(grams), pounds_ounces=format_lb_oz(grams))


def optional_ml(value: float | None) -> str:
    return format_ml(value) if value is not None else ""


def per_kg_words(value: float | None) -> str:
    if value is None:
        return _("not known yet")
    return _("{amount} mL/kg/day").format(amount=active().number(round(value)))


def minutes_words(minutes: int) -> str:
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=active().number(minutes))


def hours_words(hours: float) -> str:
    """ "45 minutes" under an hour (never "0.8 hours"), "1 hour", "2.5 hours"."""
    if hours < 1:
        return minutes_words(max(1, round(hours * 60)))
    rounded = round(hours, 1)
    return ngettext("{n} hour", "{n} hours", 1 if rounded == 1 else 2).format(n=format_number(rounded))


def baby_namer(babies: Sequence[Baby], *, nobody: str | None = None) -> BabyName:
    """Names by id; `nobody` (default "Whole family") for an entry about no baby in particular."""
    names = {baby.baby_id: baby.nickname for baby in babies}

    def name(baby_id: BabyId | None) -> str:
        if baby_id is None:
            return nobody if nobody is not None else _("Whole family")
        return names.get(baby_id, _("A baby no longer in the journal"))

    return name
