"""Care events: medicines, transfusions, procedures, tests, and "something I noticed" (a possible warning sign).

Antibiotics, probiotics and acid-reducing medicine are courses: they have a start and, once known, a stop
(`ended_at`); while `ended_at` is None the course is ongoing. The other kinds are single moments.
"Something I noticed" carries one or more signs from a fixed list; the UI shows a calm "tell your nurse now"
banner for it (`is_warning_sign`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import NewType

from nec_companion.core import entry_values as values
from nec_companion.core.babies import BabyId
from nec_companion.core.i18n import N_, _

CareEventId = NewType("CareEventId", int)


class CareEventKind(enum.Enum):
    """Stored values: never change them."""

    ANTIBIOTICS = "antibiotics"
    PROBIOTIC = "probiotic"
    ACID_REDUCER = "acid_reducer"
    TRANSFUSION = "transfusion"
    PROCEDURE = "procedure"
    TEST = "test"
    NOTICED = "noticed"

    @property
    def label(self) -> str:
        return _(_KIND_LABELS[self])

    @property
    def is_course(self) -> bool:
        """Has a start and a stop (a medicine given over days)."""
        return self in (CareEventKind.ANTIBIOTICS, CareEventKind.PROBIOTIC, CareEventKind.ACID_REDUCER)


_KIND_LABELS = {
    CareEventKind.ANTIBIOTICS: N_("Antibiotics"),
    CareEventKind.PROBIOTIC: N_("Probiotic"),
    CareEventKind.ACID_REDUCER: N_("Acid-reducing medicine"),
    CareEventKind.TRANSFUSION: N_("Blood transfusion"),
    CareEventKind.PROCEDURE: N_("Surgery or procedure"),
    CareEventKind.TEST: N_("Test"),
    CareEventKind.NOTICED: N_("Something I noticed"),
}


class NoticedSign(enum.Enum):
    """Signs a parent may notice that the nurse should hear about now. Stored values: never change them."""

    SWOLLEN_OR_DISCOLOURED_BELLY = "belly"
    SPIT_UP_OR_GREEN_FLUID = "spit_up"
    BLOOD_IN_STOOL = "blood_in_stool"
    SLEEPIER_THAN_USUAL = "sleepier"
    BREATHING_PAUSES_OR_COLOUR_CHANGE = "breathing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(_SIGN_LABELS[self])


_SIGN_LABELS = {
    NoticedSign.SWOLLEN_OR_DISCOLOURED_BELLY: N_("Swollen or discolored belly"),
    NoticedSign.SPIT_UP_OR_GREEN_FLUID: N_("Spit-up or green fluid"),
    NoticedSign.BLOOD_IN_STOOL: N_("Blood in the stool"),
    NoticedSign.SLEEPIER_THAN_USUAL: N_("Sleepier than usual"),
    NoticedSign.BREATHING_PAUSES_OR_COLOUR_CHANGE: N_("Breathing pauses or color change"),
    NoticedSign.OTHER: N_("Something else"),
}

TELL_YOUR_NURSE = N_(
    "Please tell your baby's nurse now what you noticed. You know your baby, and the team wants to hear it."
)
"""The calm banner text for a "something I noticed" entry (the UI adds the link to the warning-signs article).
Marked only: show it with `_(TELL_YOUR_NURSE)`."""


@dataclass(frozen=True, kw_only=True)
class CareEvent:
    """One care event for a baby.

    `detail` is the free text for the kind: the antibiotic's or medicine's name, which test, which procedure,
    or for "something I noticed" the words for "something else". `signs` is used only by NOTICED.
    """

    baby_id: BabyId
    kind: CareEventKind
    started_at: datetime
    time_zone: str
    ended_at: datetime | None = None
    detail: str = ""
    signs: frozenset[NoticedSign] = frozenset()
    note: str = ""
    entry_id: CareEventId | None = None

    def __post_init__(self) -> None:
        values.set_field(self, "baby_id", values.whole_number(self.baby_id, name="baby_id"))
        if not isinstance(self.kind, CareEventKind):
            raise TypeError("kind must be a CareEventKind")
        values.set_field(self, "started_at", values.instant(self.started_at, name="started_at"))
        values.zone_name(self.time_zone)
        if self.ended_at is not None:
            values.set_field(self, "ended_at", values.instant(self.ended_at, name="ended_at"))
        values.set_field(self, "detail", values.tidy_line(self.detail, name="detail"))
        signs = frozenset(self.signs)
        if not all(isinstance(sign, NoticedSign) for sign in signs):
            raise TypeError("signs must be NoticedSign values")
        values.set_field(self, "signs", signs)
        values.set_field(self, "note", values.tidy_text(self.note, name="note"))
        values.set_field(self, "entry_id", values.optional_id(self.entry_id, name="entry_id"))

    @property
    def is_warning_sign(self) -> bool:
        """True for "something I noticed": show the "tell your nurse now" banner."""
        return self.kind is CareEventKind.NOTICED

    @property
    def is_ongoing(self) -> bool:
        """A course (antibiotics, probiotic, acid reducer) with no stop recorded yet."""
        return self.kind.is_course and self.ended_at is None

    def is_ongoing_at(self, moment: datetime) -> bool:
        """Started at or before `moment` and not stopped by then (courses only)."""
        if not self.kind.is_course or self.started_at > moment:
            return False
        return self.ended_at is None or self.ended_at > moment

    @property
    def ordered_signs(self) -> tuple[NoticedSign, ...]:
        """The signs in the fixed list's order."""
        return tuple(sign for sign in NoticedSign if sign in self.signs)

    def noticed_words(self) -> str:
        """For "something I noticed": what was noticed ("Swollen or discolored belly, Blood in the stool"), or the
        kind's label when nothing is said."""
        words = [sign.label for sign in self.ordered_signs if sign is not NoticedSign.OTHER]
        if NoticedSign.OTHER in self.signs:
            words.append(self.detail or NoticedSign.OTHER.label)
        elif self.detail:
            words.append(self.detail)
        return _(", ").join(words) if words else self.kind.label

    def describe(self) -> str:
        """"Antibiotics: gentamicin", "Something I noticed: Swollen or discolored belly, Blood in the stool"."""
        if self.kind is CareEventKind.NOTICED:
            words = [sign.label for sign in self.ordered_signs if sign is not NoticedSign.OTHER]
            if NoticedSign.OTHER in self.signs:
                words.append(self.detail or NoticedSign.OTHER.label)
            elif self.detail:
                words.append(self.detail)
            # Translators: a care event and its details, e.g. "Antibiotics: gentamicin".
            return _("{kind}: {detail}").format(kind=self.kind.label, detail=_(", ").join(words)) if words \
                else self.kind.label
        return _("{kind}: {detail}").format(kind=self.kind.label, detail=self.detail) if self.detail \
            else self.kind.label


__all__ = ["TELL_YOUR_NURSE", "CareEvent", "CareEventId", "CareEventKind", "NoticedSign"]
