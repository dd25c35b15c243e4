"""A baby in a family's journal: its details, their validation with kind messages, and lb/oz helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import NewType

from nec_companion.core.ages import BabyAges, GestationalAge, compute_ages
from nec_companion.core.i18n import _, active
from nec_companion.core.text import CONTROL_CHARACTER_MESSAGE, clean_text, has_control_characters

BabyId = NewType("BabyId", int)

MIN_GESTATION = GestationalAge(22, 0)
MAX_GESTATION = GestationalAge(44, 6)
MIN_BIRTH_WEIGHT_G = 300
MAX_BIRTH_WEIGHT_G = 6000
MAX_NICKNAME_LENGTH = 40
MAX_BIRTH_DATE_AGE = timedelta(days=5 * 366)

GRAMS_PER_POUND = 453.59237
GRAMS_PER_OUNCE = GRAMS_PER_POUND / 16


@dataclass(frozen=True, kw_only=True)
class BabyDetails:
    """What a family types about a baby. Nickname rather than name: it never has to be the legal name."""

    nickname: str
    birth_date: date
    birth_time: time | None = None
    gestational_age: GestationalAge
    birth_weight_g: int | None = None

    def cleaned(self) -> BabyDetails:
        """The same details with the nickname tidied: lone surrogates replaced, outer spaces removed."""
        return BabyDetails(
            nickname=clean_text(self.nickname).strip(),
            birth_date=self.birth_date,
            birth_time=self.birth_time.replace(second=0, microsecond=0, tzinfo=None) if self.birth_time else None,
            gestational_age=self.gestational_age,
            birth_weight_g=self.birth_weight_g,
        )


@dataclass(frozen=True, kw_only=True)
class Baby:
    """A baby stored in a journal."""

    baby_id: BabyId
    nickname: str
    birth_date: date
    birth_time: time | None
    gestational_age: GestationalAge
    birth_weight_g: int | None

    @property
    def details(self) -> BabyDetails:
        return BabyDetails(
            nickname=self.nickname,
            birth_date=self.birth_date,
            birth_time=self.birth_time,
            gestational_age=self.gestational_age,
            birth_weight_g=self.birth_weight_g,
        )

    def ages(self, today: date) -> BabyAges:
        """Day of life, postmenstrual, chronological and corrected age on `today`."""
        return compute_ages(birth_date=self.birth_date, gestational_age_at_birth=self.gestational_age, today=today)


@dataclass(frozen=True)
class BabyProblem:
    """One thing wrong with what was typed, for the field it belongs to."""

    field: str
    message: str


class BabyInvalid(ValueError):
    """The baby's details cannot be saved as typed; `problems` says why, field by field."""

    def __init__(self, problems: tuple[BabyProblem, ...]) -> None:
        self.problems = problems
        super().__init__(" ".join(problem.message for problem in problems))


def validate_baby(details: BabyDetails, *, today: date) -> tuple[BabyProblem, ...]:
    """Every problem with `details` (already `cleaned()`), in field order; empty when they can be saved."""
    problems: list[BabyProblem] = []
    nickname = details.nickname
    if not nickname.strip():
        problems.append(
            BabyProblem("nickname", _("Please give your baby a nickname. It can be anything, like \"Bean\"."))
        )
    elif has_control_characters(nickname):
        problems.append(BabyProblem("nickname", _(CONTROL_CHARACTER_MESSAGE)))
    elif len(nickname) > MAX_NICKNAME_LENGTH:
        problems.append(
            BabyProblem("nickname", _("Please keep the nickname to {count} characters or fewer.").format(
                count=active().number(MAX_NICKNAME_LENGTH)))
        )
    if details.birth_date > today:
        problems.append(BabyProblem("birth_date", _("The birth date is in the future. Please check the date.")))
    elif today - details.birth_date > MAX_BIRTH_DATE_AGE:
        problems.append(
            BabyProblem("birth_date", _("The birth date is more than five years ago. Please check the year."))
        )
    ga = details.gestational_age
    if not MIN_GESTATION <= ga <= MAX_GESTATION:
        problems.append(
            BabyProblem(
                "gestational_age",
                # Translators: {low} and {high} are weeks+days of pregnancy, like "22+0" and "44+6".
                _("Gestational age at birth should be between {low} and {high} weeks. "
                  "The nurses can tell you the number if you are not sure.").format(low=MIN_GESTATION,
                                                                                    high=MAX_GESTATION),
            )
        )
    weight = details.birth_weight_g
    weight_is_number = isinstance(weight, int) and not isinstance(weight, bool)
    if weight is not None and (not weight_is_number or not MIN_BIRTH_WEIGHT_G <= weight <= MAX_BIRTH_WEIGHT_G):
        problems.append(
            BabyProblem(
                "birth_weight_g",
                _("A birth weight should be between {low} and {high} grams. "
                  "Please check the number, or leave it empty if you are not sure.").format(
                    low=active().number(MIN_BIRTH_WEIGHT_G), high=active().number(MAX_BIRTH_WEIGHT_G)),
            )
        )
    return tuple(problems)


def grams_from_lb_oz(pounds: int, ounces: float) -> int:
    """Grams, rounded to the nearest gram, from pounds and ounces (ounces 0 to under 16)."""
    if pounds < 0 or ounces < 0:
        raise ValueError(_("Pounds and ounces cannot be negative."))
    if ounces >= 16:
        raise ValueError(_("Ounces should be less than 16 (16 ounces make a pound)."))
    return round(pounds * GRAMS_PER_POUND + ounces * GRAMS_PER_OUNCE)


def lb_oz_from_grams(grams: int, *, ounce_decimals: int = 1) -> tuple[int, float]:
    """(pounds, ounces) for a weight in grams, ounces rounded to `ounce_decimals` places."""
    if grams < 0:
        raise ValueError(_("A weight cannot be negative."))
    total_ounces = round(grams / GRAMS_PER_OUNCE, ounce_decimals)
    pounds = int(total_ounces // 16)
    ounces = round(total_ounces - pounds * 16, ounce_decimals)
    if ounces >= 16:
        pounds, ounces = pounds + 1, round(ounces - 16, ounce_decimals)
    return pounds, ounces
