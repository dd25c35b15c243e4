"""mL <-> US fluid ounce conversions and the short formats the UI shows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nec_companion.core.units import (
    format_grams,
    format_lb_oz,
    format_ml,
    ml_from_us_fl_oz,
    us_fl_oz_from_ml,
)


def test_one_ounce_is_about_30_ml():
    """1 US fl oz = 29.6 mL; 60 mL = 2.03 oz."""
    assert ml_from_us_fl_oz(1) == 29.6
    assert us_fl_oz_from_ml(60) == 2.03


@given(st.floats(min_value=0, max_value=500, allow_nan=False))
def test_ml_survive_a_round_trip_through_ounces(millilitres):
    """mL -> oz (4 decimals) -> mL comes back within 0.1 mL."""
    assert abs(ml_from_us_fl_oz(us_fl_oz_from_ml(millilitres, decimals=4)) - millilitres) <= 0.1


def test_negative_amounts_are_refused():
    """A negative amount is a ValueError in both directions."""
    with pytest.raises(ValueError):
        ml_from_us_fl_oz(-1)
    with pytest.raises(ValueError):
        us_fl_oz_from_ml(-1)


def test_formats():
    """Amounts show without needless decimals, with thousands separators, and weights also in lb/oz."""
    assert format_ml(12) == "12 mL"
    assert format_ml(7.5) == "7.5 mL"
    assert format_ml(1250) == "1,250 mL"
    assert format_grams(1234) == "1,234 g"
    assert format_lb_oz(1000) == "2 lb 3.3 oz"


def test_one_rounding_rule_for_pounds_and_ounces():
    """Issue 11 (#28): ounces to one decimal, no ".0": 900 g reads "1 lb 15.7 oz" (not "2 lb 0 oz")."""
    assert format_lb_oz(900) == "1 lb 15.7 oz"
    assert format_lb_oz(907) == "2 lb 0 oz"  # a whole number of ounces, without ".0"


def test_numbers_follow_the_language_spanish_never_groups():
    """The same amounts in English and in Spanish: English groups thousands, Spanish never does."""
    from nec_companion.core import i18n
    from nec_companion.core.units import format_us_fl_oz

    assert (format_grams(2384), format_ml(1250.5), format_us_fl_oz(30)) == ("2,384 g", "1,250.5 mL", "1.01 US fl oz")
    with i18n.using("es"):
        assert (format_grams(2384), format_ml(1250.5), format_lb_oz(2384)) == ("2384 g", "1250.5 mL", "5 lb 4.1 oz")
        assert format_us_fl_oz(30) == "1.01 oz líq."
