"""Pumping sessions: the mother's milk supply. A session belongs to the mother (the journal has one), not to a
baby; for twins it may say how the milk was shared among the babies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NewType

from nec_companion.core import entry_values as values
from nec_companion.core.babies import BabyId
from nec_companion.core.i18n import _, active, ngettext
from nec_companion.core.units import format_ml

PumpingId = NewType("PumpingId", int)

TOTAL_TOLERANCE_ML = 0.5
"""How far a typed total may differ from left + right (or shares from the total): rounding on the bottles."""


@dataclass(frozen=True)
class PumpedMilkShare:
    """How much of one session's milk was meant for one baby."""

    baby_id: BabyId
    ml: float

    def __post_init__(self) -> None:
        values.set_field(self, "baby_id", values.whole_number(self.baby_id, name="baby_id"))
        values.set_field(self, "ml", values.number(self.ml, name="ml"))


@dataclass(frozen=True, kw_only=True)
class PumpingSession:
    """One pumping session.

    Give `left_ml` and/or `right_ml` and leave `total_ml` None to have it worked out (a side left empty counts
    as 0), or give only `total_ml`. If all three are given and the total differs from left + right by more
    than 0.5 mL, `core/plausibility.py` refuses it with a message.
    """

    at: datetime
    time_zone: str
    minutes: int | None = None
    left_ml: float | None = None
    right_ml: float | None = None
    total_ml: float | None = None
    colostrum: bool = False
    note: str = ""
    shares: tuple[PumpedMilkShare, ...] = ()
    entry_id: PumpingId | None = None

    def __post_init__(self) -> None:
        values.set_field(self, "at", values.instant(self.at, name="at"))
        values.zone_name(self.time_zone)
        values.set_field(self, "minutes", values.optional_whole_number(self.minutes, name="minutes"))
        left = values.optional_number(self.left_ml, name="left_ml")
        right = values.optional_number(self.right_ml, name="right_ml")
        total = values.optional_number(self.total_ml, name="total_ml")
        if total is None and (left is not None or right is not None):
            total = (left or 0.0) + (right or 0.0)
        values.set_field(self, "left_ml", left)
        values.set_field(self, "right_ml", right)
        values.set_field(self, "total_ml", total)
        if not isinstance(self.colostrum, bool):
            raise TypeError("colostrum must be True or False")
        values.set_field(self, "note", values.tidy_text(self.note, name="note"))
        shares = tuple(self.shares)
        if not all(isinstance(share, PumpedMilkShare) for share in shares):
            raise TypeError("shares must be PumpedMilkShare values")
        values.set_field(self, "shares", tuple(sorted(shares, key=lambda share: share.baby_id)))
        values.set_field(self, "entry_id", values.optional_id(self.entry_id, name="entry_id"))

    @property
    def volume_ml(self) -> float:
        """The total in mL (0 when nothing was recorded)."""
        return self.total_ml if self.total_ml is not None else 0.0

    def share_for(self, baby_id: BabyId) -> float | None:
        for share in self.shares:
            if share.baby_id == baby_id:
                return share.ml
        return None

    def describe(self) -> str:
        """"60 mL (left 25 mL, right 35 mL) in 20 minutes, colostrum"."""
        text = format_ml(self.volume_ml)
        sides = []
        if self.left_ml is not None:
            sides.append(_("left {amount}").format(amount=format_ml(self.left_ml)))
        if self.right_ml is not None:
            sides.append(_("right {amount}").format(amount=format_ml(self.right_ml)))
        if sides:
            # Translators: an amount pumped and its sides, e.g. "60 mL (left 25 mL, right 35 mL)".
            text = _("{amount} ({sides})").format(amount=text, sides=_(", ").join(sides))
        if self.minutes is not None:
            text = ngettext("{amount} in {n} minute", "{amount} in {n} minutes", self.minutes).format(
                amount=text, n=active().number(self.minutes))
        if self.colostrum:
            text = _("{amount}, colostrum").format(amount=text)
        return text


__all__ = ["TOTAL_TOLERANCE_ML", "PumpedMilkShare", "PumpingId", "PumpingSession"]
