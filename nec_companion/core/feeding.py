"""Feeding: the plan the care team sets (bolus, continuous or paused), the milk, fortifier and route, and the
feeds the family gives themselves (breastfeeds and bottles).

A `FeedingPlanChange` is in force from its `effective_at` until the baby's next plan change. Most feeds in a
NICU are given by nurses, so the plan, not a log of single feeds, is what the daily volumes are worked out
from (see `core/daily.py`). Feeds the family gives are recorded as `FamilyFeed`s; they are part of the plan
(a bottle given by a parent replaces a tube feed), so they are counted, not added to the planned volume.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NewType

from nec_companion.core import entry_values as values
from nec_companion.core.babies import BabyId
from nec_companion.core.i18n import N_, _, active, ngettext
from nec_companion.core.units import format_ml, format_number

FeedingPlanId = NewType("FeedingPlanId", int)
FamilyFeedId = NewType("FamilyFeedId", int)


class MilkKind(enum.Enum):
    """What is in the bottle or the syringe. The values are stored in the journal: never change them."""

    MOTHERS_OWN_FRESH = "mom_fresh"
    MOTHERS_OWN_FROZEN = "mom_frozen"
    DONOR = "donor"
    FORMULA = "formula"

    @property
    def label(self) -> str:
        return _(_MILK_LABELS[self])

    @property
    def is_human_milk(self) -> bool:
        return self is not MilkKind.FORMULA


_MILK_LABELS = {
    MilkKind.MOTHERS_OWN_FRESH: N_("mother's own milk (fresh)"),
    MilkKind.MOTHERS_OWN_FROZEN: N_("mother's own milk (frozen)"),
    MilkKind.DONOR: N_("donor milk"),
    MilkKind.FORMULA: N_("formula"),
}


@dataclass(frozen=True)
class MilkShare:
    """One kind of milk and its share of the volume, in whole percent."""

    kind: MilkKind
    percent: int

    def __post_init__(self) -> None:
        if not isinstance(self.kind, MilkKind):
            raise TypeError("kind must be a MilkKind")
        values.set_field(self, "percent", values.whole_number(self.percent, name="percent"))


@dataclass(frozen=True, kw_only=True)
class Milk:
    """The milk of a plan or a bottle: one kind (100 %) or a mix whose percentages add up to 100.

    Build with `Milk.only(MilkKind.DONOR)` or `Milk.mix({MilkKind.MOTHERS_OWN_FRESH: 60, MilkKind.DONOR: 40})`.
    `formula_name` is the free-text kind of formula ("preterm formula 24 kcal"). Whether the shares add up is
    checked by `core/plausibility.py`, which gives the family a message.
    """

    shares: tuple[MilkShare, ...]
    formula_name: str = ""

    def __post_init__(self) -> None:
        shares = tuple(self.shares)
        if not all(isinstance(share, MilkShare) for share in shares):
            raise TypeError("shares must be MilkShare values")
        order = list(MilkKind)
        values.set_field(self, "shares", tuple(sorted(shares, key=lambda share: order.index(share.kind))))
        values.set_field(self, "formula_name", values.tidy_line(self.formula_name, name="formula_name"))

    @classmethod
    def only(cls, kind: MilkKind, *, formula_name: str = "") -> Milk:
        return cls(shares=(MilkShare(kind, 100),), formula_name=formula_name)

    @classmethod
    def mix(cls, percents: Mapping[MilkKind, int], *, formula_name: str = "") -> Milk:
        """A mix from {kind: percent}; kinds with 0 % are left out."""
        return cls(shares=tuple(MilkShare(kind, percent) for kind, percent in percents.items() if percent != 0),
                   formula_name=formula_name)

    def percent(self, kind: MilkKind) -> int:
        return sum(share.percent for share in self.shares if share.kind is kind)

    @property
    def total_percent(self) -> int:
        return sum(share.percent for share in self.shares)

    @property
    def human_milk_fraction(self) -> float:
        """Share of the volume that is human milk (mother's own and donor), 0.0 to 1.0."""
        total = self.total_percent
        if total <= 0:
            return 0.0
        return sum(share.percent for share in self.shares if share.kind.is_human_milk) / total

    @property
    def has_formula(self) -> bool:
        return self.percent(MilkKind.FORMULA) > 0

    def describe(self) -> str:
        """"mother's own milk (fresh)", "60% mother's own milk (fresh) and 40% donor milk", "formula (Neo 24)"."""
        def label(kind: MilkKind) -> str:
            if kind is MilkKind.FORMULA and self.formula_name:
                return _("formula ({name})").format(name=self.formula_name)
            return kind.label

        if len(self.shares) == 1:
            return label(self.shares[0].kind)
        # Translators: a share of a milk mix, e.g. "60% donor milk".
        parts = [_("{percent}% {milk}").format(percent=active().number(share.percent), milk=label(share.kind))
                 for share in self.shares]
        if not parts:
            return _("milk not recorded")
        # Translators: the last two items of a list, e.g. "60% donor milk and 40% formula".
        return _("{items} and {last}").format(items=_(", ").join(parts[:-1]), last=parts[-1])


class Fortifier(enum.Enum):
    """Added to breast milk for extra protein and energy. Stored values: never change them."""

    NONE = "none"
    HUMAN_MILK_BASED = "human"
    COWS_MILK_BASED = "cow"

    @property
    def label(self) -> str:
        return {Fortifier.NONE: _("no fortifier"), Fortifier.HUMAN_MILK_BASED: _("human-milk-based fortifier"),
                Fortifier.COWS_MILK_BASED: _("cow's-milk-based fortifier")}[self]


class FeedRoute(enum.Enum):
    """How the milk gets to the baby. Stored values: never change them."""

    NG_TUBE_BOLUS = "ng_bolus"
    OG_TUBE_BOLUS = "og_bolus"
    NG_TUBE_CONTINUOUS = "ng_continuous"
    OG_TUBE_CONTINUOUS = "og_continuous"
    BOTTLE = "bottle"
    BREAST = "breast"
    CUP = "cup"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(_ROUTE_LABELS[self])


_ROUTE_LABELS = {
    FeedRoute.NG_TUBE_BOLUS: N_("NG tube (bolus)"),
    FeedRoute.OG_TUBE_BOLUS: N_("OG tube (bolus)"),
    FeedRoute.NG_TUBE_CONTINUOUS: N_("NG tube (continuous)"),
    FeedRoute.OG_TUBE_CONTINUOUS: N_("OG tube (continuous)"),
    FeedRoute.BOTTLE: N_("bottle"),
    FeedRoute.BREAST: N_("breast"),
    FeedRoute.CUP: N_("cup"),
    FeedRoute.OTHER: N_("other"),
}


@dataclass(frozen=True)
class BolusFeeds:
    """A set volume every few hours: `volume_ml` per feed, every `interval_hours` (1 to 4; 1.5 is fine)."""

    volume_ml: float
    interval_hours: float

    def __post_init__(self) -> None:
        values.set_field(self, "volume_ml", values.number(self.volume_ml, name="volume_ml"))
        values.set_field(self, "interval_hours", values.number(self.interval_hours, name="interval_hours"))

    @property
    def ml_per_hour(self) -> float:
        return self.volume_ml / self.interval_hours if self.interval_hours > 0 else 0.0

    @property
    def feeds_per_day(self) -> float:
        return 24 / self.interval_hours if self.interval_hours > 0 else 0.0

    @property
    def ml_per_day(self) -> float:
        """Volume over a 24-hour day."""
        return self.ml_per_hour * 24

    def describe(self) -> str:
        hours = self.interval_hours
        if hours == 1:
            return _("{amount} every hour").format(amount=format_ml(self.volume_ml))
        # Translators: a feeding plan, e.g. "12 mL every 3 hours" ({hours} may be "1.5").
        return ngettext("{amount} every {hours} hour", "{amount} every {hours} hours", _plural_count(hours)).format(
            amount=format_ml(self.volume_ml), hours=format_number(hours, decimals=2))


@dataclass(frozen=True)
class ContinuousFeeds:
    """Milk given slowly all the time by a pump: `rate_ml_per_hour`."""

    rate_ml_per_hour: float

    def __post_init__(self) -> None:
        values.set_field(self, "rate_ml_per_hour", values.number(self.rate_ml_per_hour, name="rate_ml_per_hour"))

    @property
    def ml_per_hour(self) -> float:
        return self.rate_ml_per_hour

    @property
    def ml_per_day(self) -> float:
        return self.rate_ml_per_hour * 24

    def describe(self) -> str:
        return _("{amount} an hour, continuously").format(amount=format_ml(self.rate_ml_per_hour))


@dataclass(frozen=True)
class FeedsPaused:
    """No milk for now ("NPO", "nil by mouth", "bowel rest"); feeds restart at the next plan change."""

    reason: str = ""

    def __post_init__(self) -> None:
        values.set_field(self, "reason", values.tidy_line(self.reason, name="reason"))

    @property
    def ml_per_hour(self) -> float:
        return 0.0

    @property
    def ml_per_day(self) -> float:
        return 0.0

    def describe(self) -> str:
        return _("Feeds paused ({reason})").format(reason=self.reason) if self.reason else _("Feeds paused")


FeedingRegimen = BolusFeeds | ContinuousFeeds | FeedsPaused


class RegimenMode(enum.Enum):
    """Which of the three regimens a plan uses. Stored values: never change them."""

    BOLUS = "bolus"
    CONTINUOUS = "continuous"
    PAUSED = "paused"


def regimen_mode(regimen: FeedingRegimen) -> RegimenMode:
    if isinstance(regimen, BolusFeeds):
        return RegimenMode.BOLUS
    if isinstance(regimen, ContinuousFeeds):
        return RegimenMode.CONTINUOUS
    return RegimenMode.PAUSED


@dataclass(frozen=True, kw_only=True)
class FeedingPlanChange:
    """The feeding plan from `effective_at` until the baby's next plan change.

    `milk`, `fortifier` and `route` describe the feeds and are ignored while feeds are paused; `milk` may be
    None when the family does not know it. `entry_id` is None until the entry is stored.
    """

    baby_id: BabyId
    effective_at: datetime
    time_zone: str
    regimen: FeedingRegimen
    milk: Milk | None = None
    fortifier: Fortifier = Fortifier.NONE
    fortifier_strength: str = ""
    route: FeedRoute | None = None
    note: str = ""
    entry_id: FeedingPlanId | None = None

    def __post_init__(self) -> None:
        values.set_field(self, "baby_id", values.whole_number(self.baby_id, name="baby_id"))
        values.set_field(self, "effective_at", values.instant(self.effective_at, name="effective_at"))
        values.zone_name(self.time_zone)
        if not isinstance(self.regimen, BolusFeeds | ContinuousFeeds | FeedsPaused):
            raise TypeError("regimen must be BolusFeeds, ContinuousFeeds or FeedsPaused")
        if self.milk is not None and not isinstance(self.milk, Milk):
            raise TypeError("milk must be a Milk or None")
        if not isinstance(self.fortifier, Fortifier):
            raise TypeError("fortifier must be a Fortifier")
        if self.route is not None and not isinstance(self.route, FeedRoute):
            raise TypeError("route must be a FeedRoute or None")
        values.set_field(self, "fortifier_strength", values.tidy_line(self.fortifier_strength,
                                                                       name="fortifier_strength"))
        values.set_field(self, "note", values.tidy_text(self.note, name="note"))
        values.set_field(self, "entry_id", values.optional_id(self.entry_id, name="entry_id"))

    @property
    def mode(self) -> RegimenMode:
        return regimen_mode(self.regimen)

    @property
    def is_paused(self) -> bool:
        return isinstance(self.regimen, FeedsPaused)

    @property
    def human_milk_fraction(self) -> float | None:
        """Share of the milk that is human milk (0-1), None when the milk is not recorded or feeds are paused."""
        if self.is_paused or self.milk is None or self.milk.total_percent <= 0:
            return None
        return self.milk.human_milk_fraction

    def describe(self) -> str:
        """The plan in words, e.g. "12 mL every 3 hours (96 mL a day) by NG tube (bolus): mother's own milk
        (fresh), with human-milk-based fortifier (full strength)"."""
        regimen = self.regimen
        if isinstance(regimen, FeedsPaused):
            return regimen.describe()
        text = regimen.describe()
        if isinstance(regimen, BolusFeeds):
            # Translators: a plan followed by its daily total, e.g. "12 mL every 3 hours (96 mL a day)".
            text = _("{plan} ({amount} a day)").format(plan=text, amount=format_ml(round(regimen.ml_per_day, 1)))
        if self.route is FeedRoute.OTHER:
            text = _("{plan} (other route)").format(plan=text)
        elif self.route is not None:
            # Translators: a plan and its route, e.g. "12 mL every 3 hours by NG tube (bolus)".
            text = _("{plan} by {route}").format(plan=text, route=self.route.label)
        details = []
        if self.milk is not None and self.milk.shares:
            details.append(self.milk.describe())
        if self.fortifier is not Fortifier.NONE:
            if self.fortifier_strength:
                # Translators: e.g. "with human-milk-based fortifier (full strength)".
                details.append(_("with {fortifier} ({strength})").format(fortifier=self.fortifier.label,
                                                                         strength=self.fortifier_strength))
            else:
                details.append(_("with {fortifier}").format(fortifier=self.fortifier.label))
        if details:
            # Translators: a plan and what is in the milk, e.g. "12 mL every 3 hours: donor milk".
            text = _("{plan}: {details}").format(plan=text, details=_(", ").join(details))
        return text


class FamilyFeedMethod(enum.Enum):
    """Stored values: never change them."""

    BREASTFEED = "breast"
    BOTTLE = "bottle"
    TUBE = "tube"
    """A tube feed the parent gave (with the nurse): the amount through the feeding tube."""
    MOUTH_CARE = "mouth_care"
    """Colostrum mouth care (oral care with the mother's colostrum, a few drops on the cheeks): not a feed."""

    @property
    def label(self) -> str:
        return _(_FEED_METHOD_LABELS[self])

    @property
    def needs_amount(self) -> bool:
        """A bottle or a tube feed is recorded with how much was given."""
        return self in (FamilyFeedMethod.BOTTLE, FamilyFeedMethod.TUBE)

    @property
    def has_milk(self) -> bool:
        return self in (FamilyFeedMethod.BOTTLE, FamilyFeedMethod.TUBE)


_FEED_METHOD_LABELS = {FamilyFeedMethod.BREASTFEED: N_("breastfeed"), FamilyFeedMethod.BOTTLE: N_("bottle"),
                       FamilyFeedMethod.TUBE: N_("tube feed"), FamilyFeedMethod.MOUTH_CARE: N_("colostrum mouth care")}


@dataclass(frozen=True, kw_only=True)
class FamilyFeed:
    """A feed the family gave: a breastfeed (optional test-weight volume), a bottle or a tube feed (volume and
    milk), or colostrum mouth care (optional amount)."""

    baby_id: BabyId
    at: datetime
    time_zone: str
    method: FamilyFeedMethod
    volume_ml: float | None = None
    """For a bottle: how much was taken. For a breastfeed: the test-weight volume (weight after minus before,
    1 g of milk counted as 1 mL), if the baby was weighed."""
    milk: Milk | None = None
    note: str = ""
    entry_id: FamilyFeedId | None = None

    def __post_init__(self) -> None:
        values.set_field(self, "baby_id", values.whole_number(self.baby_id, name="baby_id"))
        values.set_field(self, "at", values.instant(self.at, name="at"))
        values.zone_name(self.time_zone)
        if not isinstance(self.method, FamilyFeedMethod):
            raise TypeError("method must be a FamilyFeedMethod")
        values.set_field(self, "volume_ml", values.optional_number(self.volume_ml, name="volume_ml"))
        if self.milk is not None and not isinstance(self.milk, Milk):
            raise TypeError("milk must be a Milk or None")
        values.set_field(self, "note", values.tidy_text(self.note, name="note"))
        values.set_field(self, "entry_id", values.optional_id(self.entry_id, name="entry_id"))

    def describe(self) -> str:
        """"Bottle: 30 mL of donor milk", "Breastfeed (test weight 12 mL)", "Breastfeed"."""
        if self.method is FamilyFeedMethod.BREASTFEED:
            return _("Breastfeed (test weight {amount})").format(amount=format_ml(self.volume_ml)) \
                if self.volume_ml is not None else _("Breastfeed")
        if self.method is FamilyFeedMethod.MOUTH_CARE:
            return _("Colostrum mouth care ({amount})").format(amount=format_ml(self.volume_ml)) if self.volume_ml \
                else _("Colostrum mouth care")
        amount = format_ml(self.volume_ml) if self.volume_ml is not None else _("amount not recorded")
        tube = self.method is FamilyFeedMethod.TUBE
        if self.milk is not None and self.milk.shares:
            milk = self.milk.describe()
            return (_("Tube feed: {amount} of {milk}") if tube else _("Bottle: {amount} of {milk}")).format(
                amount=amount, milk=milk)
        return (_("Tube feed: {amount}") if tube else _("Bottle: {amount}")).format(amount=amount)


def _plural_count(value: float) -> int:
    """The count that picks a plural form for a number that may have decimals: 1 only for exactly 1 ("1.5
    hours" is plural in English and Spanish)."""
    return 1 if value == 1 else 2


__all__ = [
    "BolusFeeds",
    "ContinuousFeeds",
    "FamilyFeed",
    "FamilyFeedId",
    "FamilyFeedMethod",
    "FeedRoute",
    "FeedingPlanChange",
    "FeedingPlanId",
    "FeedingRegimen",
    "FeedsPaused",
    "Fortifier",
    "Milk",
    "MilkKind",
    "MilkShare",
    "RegimenMode",
    "regimen_mode",
]
