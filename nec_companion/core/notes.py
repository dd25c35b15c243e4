"""Notes and milestones: free text at a date and time, tags (the suggested milestones or the family's own),
and optional skin-to-skin minutes. A note may be about one baby or the whole family (`baby_id` None).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NewType

from nec_companion.core import entry_values as values
from nec_companion.core.babies import BabyId
from nec_companion.core.i18n import N_, _, active, ngettext

NoteId = NewType("NoteId", int)

MILESTONE_TAGS: tuple[str, ...] = (
    N_("first hold"),
    N_("first bottle"),
    N_("first breastfeed"),
    N_("full feeds reached"),
    N_("off the breathing machine"),
    N_("first bath"),
    N_("going home"),
)
"""Suggested tags, offered first in the tag picker; families may type any other tag. Marked only: the picker
offers them translated (`milestone_tags()`), and a tag counts as a milestone in English or in the active
language."""


def milestone_tags() -> tuple[str, ...]:
    """The suggested milestone tags in the active language."""
    return tuple(_(tag) for tag in MILESTONE_TAGS)

MAX_TAG_LENGTH = 40
MAX_TAGS = 12


def tidy_tags(tags: object) -> tuple[str, ...]:
    """Tags as typed -> tidy tags: spaces collapsed, empty ones dropped, duplicates (ignoring case) removed,
    order kept. Over-long tags and too many tags are refused by `core/plausibility.py`, not cut here."""
    if isinstance(tags, str):
        raise TypeError("tags must be a sequence of strings, not one string")
    result: list[str] = []
    seen: set[str] = set()
    for tag in tags:  # type: ignore[attr-defined]
        tidy = values.tidy_line(tag, name="tag")
        if tidy and tidy.casefold() not in seen:
            seen.add(tidy.casefold())
            result.append(tidy)
    return tuple(result)


@dataclass(frozen=True, kw_only=True)
class NoteEntry:
    """A note or milestone. At least one of `text`, `tags` or `skin_to_skin_minutes` must be given."""

    at: datetime
    time_zone: str
    text: str = ""
    tags: tuple[str, ...] = ()
    skin_to_skin_minutes: int | None = None
    baby_id: BabyId | None = None
    entry_id: NoteId | None = None

    def __post_init__(self) -> None:
        values.set_field(self, "at", values.instant(self.at, name="at"))
        values.zone_name(self.time_zone)
        values.set_field(self, "text", values.tidy_text(self.text, name="text"))
        values.set_field(self, "tags", tidy_tags(self.tags))
        values.set_field(self, "skin_to_skin_minutes",
                         values.optional_whole_number(self.skin_to_skin_minutes, name="skin_to_skin_minutes"))
        values.set_field(self, "baby_id", values.optional_id(self.baby_id, name="baby_id"))
        values.set_field(self, "entry_id", values.optional_id(self.entry_id, name="entry_id"))

    @property
    def milestones(self) -> tuple[str, ...]:
        """The tags that are suggested milestones (compared ignoring case), in the note's order."""
        suggested = {tag.casefold() for tag in MILESTONE_TAGS + milestone_tags()}
        return tuple(tag for tag in self.tags if tag.casefold() in suggested)

    @property
    def is_milestone(self) -> bool:
        return bool(self.milestones)

    def describe(self) -> str:
        """The first line of the text, or the tags, or the skin-to-skin time."""
        if self.text:
            return self.text.splitlines()[0]
        if self.tags:
            return _(", ").join(self.tags)
        if self.skin_to_skin_minutes is not None:
            minutes = self.skin_to_skin_minutes
            return ngettext("Skin to skin: {n} minute", "Skin to skin: {n} minutes", minutes).format(
                n=active().number(minutes))
        return ""


__all__ = ["MAX_TAGS", "MAX_TAG_LENGTH", "MILESTONE_TAGS", "NoteEntry", "NoteId", "milestone_tags", "tidy_tags"]
