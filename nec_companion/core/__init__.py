"""The Qt-free domain: babies, ages and small value types shared by storage and the UI."""

from nec_companion.core.ages import TERM_WEEKS, AgeSpan, BabyAges, GestationalAge, compute_ages
from nec_companion.core.babies import (
    Baby,
    BabyDetails,
    BabyId,
    BabyInvalid,
    BabyProblem,
    grams_from_lb_oz,
    lb_oz_from_grams,
    validate_baby,
)
from nec_companion.core.clock import Clock, ManualClock, SystemClock
from nec_companion.core.text import clean_text

__all__ = [
    "TERM_WEEKS",
    "AgeSpan",
    "Baby",
    "BabyAges",
    "BabyDetails",
    "BabyId",
    "BabyInvalid",
    "BabyProblem",
    "Clock",
    "GestationalAge",
    "ManualClock",
    "SystemClock",
    "clean_text",
    "compute_ages",
    "grams_from_lb_oz",
    "lb_oz_from_grams",
    "validate_baby",
]
