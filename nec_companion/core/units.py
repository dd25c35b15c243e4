"""Unit conversions a family needs at the bedside: mL <-> US fluid ounces, and grams <-> pounds and ounces.

Everything is stored in millilitres and grams; ounces are only for typing and showing. Bottles and pumps in
North America are marked in US fluid ounces (29.5735 mL), which is what "oz" means on them.
"""

from __future__ import annotations

from nec_companion.core.babies import GRAMS_PER_OUNCE, GRAMS_PER_POUND, grams_from_lb_oz, lb_oz_from_grams
from nec_companion.core.i18n import _, active

ML_PER_US_FLUID_OUNCE = 29.5735295625
"""Exact by definition: 1 US fl oz = 1/128 US gallon = 231/128 cubic inches."""


def ml_from_us_fl_oz(ounces: float) -> float:
    """Millilitres in `ounces` US fluid ounces, rounded to 0.1 mL. ValueError if negative."""
    if ounces < 0:
        raise ValueError(_("An amount cannot be negative."))
    return round(ounces * ML_PER_US_FLUID_OUNCE, 1)


def us_fl_oz_from_ml(millilitres: float, *, decimals: int = 2) -> float:
    """US fluid ounces in `millilitres`, rounded to `decimals` places. ValueError if negative."""
    if millilitres < 0:
        raise ValueError(_("An amount cannot be negative."))
    return round(millilitres / ML_PER_US_FLUID_OUNCE, decimals)


def format_number(value: float, *, decimals: int = 1) -> str:
    """`value` rounded to `decimals` places, as the active language writes it, without trailing zeros:
    "12", "7.5", "1,250" (Spanish "1250"). The one rule for every amount a family reads."""
    value = round(value, decimals)
    shown = next(places for places in range(decimals + 1) if round(value, places) == value)
    return active().number(value, decimals=shown)


def format_ml(millilitres: float) -> str:
    """"12 mL", "7.5 mL", "1,250 mL": whole numbers without decimals, otherwise one decimal."""
    return _("{amount} mL").format(amount=format_number(millilitres, decimals=1))


def format_us_fl_oz(millilitres: float) -> str:
    """"1.02 US fl oz" for an amount in mL (two decimals, trailing zeros kept off)."""
    return _("{amount} US fl oz").format(amount=format_number(us_fl_oz_from_ml(millilitres), decimals=2))


def format_grams(grams: float) -> str:
    """"1,234 g" (Spanish "1234 g")."""
    return _("{amount} g").format(amount=active().number(round(grams)))


def format_lb_oz(grams: int) -> str:
    """"2 lb 11.5 oz" for a weight in grams: ounces to one decimal, no ".0" ("1 lb 15.7 oz", "2 lb 3 oz").

    The one rounding rule wherever a weight is shown in pounds and ounces (issue 11, #28): a tenth of an ounce
    is under 3 g, fine enough to show a small baby's day-to-day gain that whole ounces (28 g) would hide."""
    pounds, ounces = lb_oz_from_grams(grams)
    return _("{pounds} lb {ounces} oz").format(pounds=active().number(pounds),
                                               ounces=format_number(ounces, decimals=1))


__all__ = [
    "GRAMS_PER_OUNCE",
    "GRAMS_PER_POUND",
    "ML_PER_US_FLUID_OUNCE",
    "format_grams",
    "format_lb_oz",
    "format_ml",
    "format_number",
    "format_us_fl_oz",
    "grams_from_lb_oz",
    "lb_oz_from_grams",
    "ml_from_us_fl_oz",
    "us_fl_oz_from_ml",
]
