"""Ages: day of life, postmenstrual age, chronological and corrected age (examples and properties)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nec_companion.core.ages import AgeSpan, GestationalAge, compute_ages

gestations = st.builds(GestationalAge.from_days, st.integers(min_value=22 * 7, max_value=44 * 7 + 6))
birth_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
offsets = st.integers(min_value=0, max_value=3 * 366)


def test_birth_day_is_day_one_and_pma_equals_ga():
    """On the day of birth the baby is on day 1 of life, 0 days old, and PMA equals the gestational age."""
    ages = compute_ages(birth_date=date(2025, 1, 1), gestational_age_at_birth=GestationalAge(27, 3),
                        today=date(2025, 1, 1))
    assert ages.day_of_life == 1
    assert ages.days_since_birth == 0
    assert ages.postmenstrual == GestationalAge(27, 3)
    assert str(ages.postmenstrual) == "27+3"


def test_preterm_example_matches_hand_calculation():
    """A 27+3 baby at 31 days old is 31+6 PMA, 57 days before the due date of 30 March."""
    ages = compute_ages(birth_date=date(2025, 1, 1), gestational_age_at_birth=GestationalAge(27, 3),
                        today=date(2025, 2, 1))
    assert ages.day_of_life == 32
    assert ages.postmenstrual == GestationalAge(31, 6)
    assert ages.chronological == AgeSpan(31)
    assert ages.due_date == date(2025, 3, 30)
    assert ages.corrected is None
    assert ages.days_until_due_date == 57


def test_preterm_corrected_age_after_due_date():
    """Eight weeks after the due date a 32+0 baby is 8 weeks corrected and 16 weeks chronological."""
    born = date(2025, 1, 1)
    ages = compute_ages(birth_date=born, gestational_age_at_birth=GestationalAge(32, 0),
                        today=born + timedelta(weeks=16))
    assert ages.corrected == AgeSpan(8 * 7)
    assert ages.chronological.describe() == "16 weeks"
    assert ages.corrected.describe() == "8 weeks"


@pytest.mark.parametrize("gestation", [GestationalAge(37, 0), GestationalAge(40, 0), GestationalAge(42, 3)])
def test_term_baby_corrected_age_is_chronological(gestation):
    """A baby born at 37+0 or later has no correction: corrected age equals chronological age from day one."""
    born = date(2025, 5, 5)
    for days in (0, 1, 30, 400):
        ages = compute_ages(birth_date=born, gestational_age_at_birth=gestation, today=born + timedelta(days=days))
        assert not ages.is_preterm
        assert ages.corrected == ages.chronological
        assert ages.days_until_due_date == 0


def test_today_before_birth_is_refused():
    """Asking for ages before the birth date raises ValueError with a plain message."""
    with pytest.raises(ValueError, match="before the baby's birth date"):
        compute_ages(birth_date=date(2025, 1, 2), gestational_age_at_birth=GestationalAge(30, 0),
                     today=date(2025, 1, 1))


def test_gestational_age_rejects_impossible_days():
    """Gestational age days must be 0 to 6 and weeks non-negative."""
    with pytest.raises(ValueError):
        GestationalAge(30, 7)
    with pytest.raises(ValueError):
        GestationalAge(-1, 0)
    assert GestationalAge(31, 4).describe() == "31 weeks and 4 days"
    assert GestationalAge(1, 1).describe() == "1 week and 1 day"


@given(gestation=gestations, born=birth_dates, days=offsets)
def test_pma_is_ga_plus_days_since_birth(gestation, born, days):
    """Property: PMA in days = gestational age at birth + days since birth; day of life = days + 1."""
    ages = compute_ages(birth_date=born, gestational_age_at_birth=gestation, today=born + timedelta(days=days))
    assert ages.postmenstrual.total_days == gestation.total_days + days
    assert ages.day_of_life == days + 1
    assert ages.chronological.total_days == days


@given(gestation=gestations, born=birth_dates, days=offsets)
def test_corrected_age_formula(gestation, born, days):
    """Property: corrected = chronological - (40 weeks - GA) for preterm; = chronological at term."""
    ages = compute_ages(birth_date=born, gestational_age_at_birth=gestation, today=born + timedelta(days=days))
    if gestation.weeks < 37:
        assert ages.corrected_days == days - (280 - gestation.total_days)
    else:
        assert ages.corrected_days == days
    if ages.corrected is not None:
        assert ages.corrected.total_days == ages.corrected_days
    else:
        assert ages.days_until_due_date == -ages.corrected_days > 0


@given(gestation=gestations, born=birth_dates, first=offsets, extra=st.integers(min_value=0, max_value=400))
def test_ages_are_monotonic_in_today(gestation, born, first, extra):
    """Property: a later 'today' never gives a smaller day of life, PMA, chronological or corrected age."""
    earlier = compute_ages(birth_date=born, gestational_age_at_birth=gestation, today=born + timedelta(days=first))
    later = compute_ages(birth_date=born, gestational_age_at_birth=gestation,
                         today=born + timedelta(days=first + extra))
    assert later.day_of_life - earlier.day_of_life == extra
    assert later.postmenstrual >= earlier.postmenstrual
    assert later.chronological >= earlier.chronological
    assert later.corrected_days - earlier.corrected_days == extra
    assert later.days_until_due_date <= earlier.days_until_due_date
