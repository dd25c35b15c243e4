"""Unit conversions a family needs at the bedside: mL <-> US fluid ounces, and grams <-> pounds and ounces.

Everything is stored in millilitres and grams; ounces are only for typing and showing. Bottles and pumps in
North America are marked in US fluid ounces (29.5735 mL), which is what "oz" means on them.
"""

from __future__ import annotations

from nec_companion.core.babies import GRAMS_PER_OUNCE, GRAMS_PER_POUND, grams_from_lb_oz, lb_oz_from_grams

ML_PER_US_FLUID_OUNCE = 29.5735295625
"""Exact by definition: 1 US fl oz = 1/128 US gallon = 231/128 cubic inches."""


def ml_from_us_fl_oz(ounces: float) -> float:
    """Millilitres in `ounces` US fluid ounces, rounded to 0.1 mL. ValueError if negative."""
    if ounces < 0:
        raise ValueError("An amount cannot be negative.")
    return round(ounces * ML_PER_US_FLUID_OUNCE, 1)


def us_fl_oz_from_ml(millilitres: float, *, decimals: int = 2) -> float:
    """US fluid ounces in `millilitres`, rounded to `decimals` places. ValueError if negative."""
    if millilitres < 0:
        raise ValueError("An amount cannot be negative.")
    return round(millilitres / ML_PER_US_FLUID_OUNCE, decimals)


def format_ml(millilitres: float) -> str:
    """"12 mL", "7.5 mL", "1,250 mL": whole numbers without decimals, otherwise one decimal."""
    value = round(millilitres, 1)
    if value == int(value):
        return f"{int(value):,} mL"
    return f"{value:,.1f} mL"


def format_grams(grams: int) -> str:
    """"1,234 g"."""
    return f"{grams:,} g"


def format_lb_oz(grams: int) -> str:
    """"2 lb 11.5 oz" for a weight in grams."""
    pounds, ounces = lb_oz_from_grams(grams)
    return f"{pounds} lb {ounces:g} oz"


__all__ = [
    "GRAMS_PER_OUNCE",
    "GRAMS_PER_POUND",
    "ML_PER_US_FLUID_OUNCE",
    "format_grams",
    "format_lb_oz",
    "format_ml",
    "grams_from_lb_oz",
    "lb_oz_from_grams",
    "ml_from_us_fl_oz",
    "us_fl_oz_from_ml",
]
