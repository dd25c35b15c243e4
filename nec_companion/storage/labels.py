"""Journal labels: the only thing readable without a passphrase, so random and non-identifying by default."""

from __future__ import annotations

import secrets
import unicodedata

from nec_companion.core.errors import LabelRejected
from nec_companion.core.i18n import _, ngettext
from nec_companion.core.text import clean_text

MAX_LABEL_LENGTH = 40

COLOURS = (
    "Amber", "Blue", "Coral", "Golden", "Green", "Indigo", "Lilac", "Mint", "Orange", "Pearl", "Plum", "Rose",
    "Ruby", "Sage", "Silver", "Sky", "Teal", "Violet",
)
ANIMALS = (
    "Badger", "Bear", "Beaver", "Deer", "Dolphin", "Duck", "Finch", "Fox", "Hare", "Hedgehog", "Heron", "Koala",
    "Lark", "Lion", "Lynx", "Otter", "Owl", "Panda", "Penguin", "Puffin", "Rabbit", "Robin", "Seal", "Squirrel",
    "Swan", "Tiger", "Turtle", "Whale", "Wren", "Zebra",
)


def random_label(*, taken: set[str]) -> str:
    """A label like "Blue Otter" that no other journal here uses (case-insensitive)."""
    taken_folded = {label.casefold() for label in taken}
    for _attempt in range(200):
        label = f"{secrets.choice(COLOURS)} {secrets.choice(ANIMALS)}"
        if label.casefold() not in taken_folded:
            return label
    for number in range(2, 10_000):  # every pair is in use: add a number
        label = f"{secrets.choice(COLOURS)} {secrets.choice(ANIMALS)} {number}"
        if label.casefold() not in taken_folded:
            return label
    raise RuntimeError("no free label")  # pragma: no cover


def clean_label(label: str, *, taken: set[str]) -> str:
    """The label as it will be stored, or LabelRejected saying why it can't be used."""
    text = " ".join(unicodedata.normalize("NFC", clean_text(label)).split())
    if not text:
        raise LabelRejected((_("Please give the journal a name, or use the suggested one."),))
    if len(text) > MAX_LABEL_LENGTH:
        raise LabelRejected((ngettext("Please keep the journal's name to {n} character or fewer.",
                                      "Please keep the journal's name to {n} characters or fewer.",
                                      MAX_LABEL_LENGTH).format(n=MAX_LABEL_LENGTH),))
    if any(unicodedata.category(character) in {"Cc", "Cf", "Co", "Cs"} for character in text):
        raise LabelRejected((_("Please use only letters, numbers, spaces and punctuation in the journal's name."),))
    if text.casefold() in {other.casefold() for other in taken}:
        raise LabelRejected((_("Another journal on this computer already has that name. Please choose another."),))
    return text
