"""Baby details: validation messages, lb/oz conversion, text cleaning, and the Qt-free rule."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails, grams_from_lb_oz, lb_oz_from_grams, validate_baby
from nec_companion.core.text import clean_text

TODAY = date(2025, 3, 1)


def details(**overrides):
    values = dict(nickname="Bean", birth_date=date(2025, 1, 1), birth_time=time(3, 15),
                  gestational_age=GestationalAge(27, 3), birth_weight_g=900)
    values.update(overrides)
    return BabyDetails(**values)


def test_valid_details_have_no_problems():
    """Ordinary details for a 27+3, 900 g baby pass validation."""
    assert validate_baby(details(), today=TODAY) == ()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"nickname": "   "}, "nickname", "nickname"),
        ({"nickname": "x" * 41}, "nickname", "40 characters"),
        ({"birth_date": date(2025, 3, 2)}, "birth_date", "future"),
        ({"birth_date": date(2018, 1, 1)}, "birth_date", "five years"),
        ({"gestational_age": GestationalAge(21, 6)}, "gestational_age", "22+0 and 44+6"),
        ({"gestational_age": GestationalAge(45, 0)}, "gestational_age", "22+0 and 44+6"),
        ({"birth_weight_g": 299}, "birth_weight_g", "300 and 6,000"),
        ({"birth_weight_g": 6001}, "birth_weight_g", "300 and 6,000"),
    ],
)
def test_each_problem_names_its_field_kindly(overrides, field, words):
    """Each invalid field gives one problem for that field with a plain, specific message."""
    problems = validate_baby(details(**overrides).cleaned(), today=TODAY)
    assert [problem.field for problem in problems] == [field]
    assert words in problems[0].message


def test_limits_are_inclusive_and_weight_optional():
    """22+0, 44+6, 300 g and 6000 g are accepted; an unknown birth weight or time is allowed."""
    for ga in (GestationalAge(22, 0), GestationalAge(44, 6)):
        assert validate_baby(details(gestational_age=ga), today=TODAY) == ()
    for weight in (300, 6000, None):
        assert validate_baby(details(birth_weight_g=weight), today=TODAY) == ()
    assert validate_baby(details(birth_time=None), today=TODAY) == ()


def test_cleaned_trims_nickname_and_replaces_lone_surrogates():
    """cleaned() trims the nickname's outer spaces and turns a lone surrogate into U+FFFD."""
    assert details(nickname="  Bean\ud800 ").cleaned().nickname == "Bean\ufffd"


def test_clean_text_joins_surrogate_pairs():
    """A surrogate pair handed over as two code points becomes the real character; lone halves become U+FFFD."""
    assert clean_text("a\ud83d\ude00b") == "a\U0001f600b"
    assert clean_text("\udc00x\ud800") == "\ufffdx\ufffd"
    assert clean_text("plain") == "plain"
    clean_text("x\ud800").encode("utf-8")


def test_lb_oz_examples():
    """2 lb 3 oz is 992 g, and 1000 g is 2 lb 3.3 oz."""
    assert grams_from_lb_oz(2, 3) == 992
    assert lb_oz_from_grams(1000) == (2, 3.3)
    assert lb_oz_from_grams(0) == (0, 0.0)
    with pytest.raises(ValueError):
        grams_from_lb_oz(1, 16)
    with pytest.raises(ValueError):
        grams_from_lb_oz(-1, 0)


@given(st.integers(min_value=0, max_value=10_000))
def test_lb_oz_round_trip_within_three_grams(grams):
    """Property: grams -> lb/oz (0.1 oz) -> grams is within 3 g, and ounces stay below 16."""
    pounds, ounces = lb_oz_from_grams(grams)
    assert 0 <= ounces < 16
    assert abs(grams_from_lb_oz(pounds, ounces) - grams) <= 3


def test_packages_do_not_import_qt():
    """Importing core, security and storage never loads PySide6 (the Qt-free rule)."""
    code = (
        "import sys, nec_companion.core, nec_companion.security, nec_companion.storage;"
        "import nec_companion.storage.directory, nec_companion.security.file_format;"
        "sys.exit(1 if any(name.startswith('PySide6') for name in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
