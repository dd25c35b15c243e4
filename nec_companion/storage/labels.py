"""Journal labels: the only thing readable without a passphrase, so random and non-identifying by default."""

from __future__ import annotations

import secrets
import unicodedata

from nec_companion.core.errors import LabelRejected
from nec_companion.core.i18n import _, active, ngettext
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

# Spanish labels put the adjective after the animal and agree with its gender: "Nutria Azul", "Panda Sabio".
# Each animal: (name, grammatical gender "m" or "f"); each adjective: (masculine form, feminine form).
ANIMALS_ES = (
    ("Ardilla", "f"), ("Jirafa", "f"), ("Búho", "m"), ("Castor", "m"), ("Cebra", "f"), ("Ciervo", "m"),
    ("Cisne", "m"), ("Colibrí", "m"), ("Conejo", "m"), ("Delfín", "m"), ("Erizo", "m"), ("Gacela", "f"),
    ("Garza", "f"), ("Gaviota", "f"), ("Golondrina", "f"), ("Koala", "m"), ("Liebre", "f"), ("Lince", "m"),
    ("Mariposa", "f"), ("Nutria", "f"), ("Oso", "m"), ("Paloma", "f"), ("Panda", "m"), ("Pato", "m"),
    ("Petirrojo", "m"), ("Pingüino", "m"), ("Tigre", "m"), ("Tortuga", "f"), ("Zorro", "m"), ("Alondra", "f"),
)
ADJECTIVES_ES = (
    ("Alegre", "Alegre"), ("Amable", "Amable"), ("Azul", "Azul"), ("Celeste", "Celeste"), ("Coral", "Coral"),
    ("Curioso", "Curiosa"), ("Dorado", "Dorada"), ("Lila", "Lila"), ("Plateado", "Plateada"),
    ("Rosado", "Rosada"), ("Sabio", "Sabia"), ("Sereno", "Serena"), ("Tranquilo", "Tranquila"),
    ("Turquesa", "Turquesa"), ("Valiente", "Valiente"), ("Verde", "Verde"), ("Violeta", "Violeta"),
    ("Ámbar", "Ámbar"),
)


def _pair(language: str) -> str:
    if language == "es":
        animal, gender = secrets.choice(ANIMALS_ES)
        masculine, feminine = secrets.choice(ADJECTIVES_ES)
        return f"{animal} {feminine if gender == 'f' else masculine}"
    return f"{secrets.choice(COLOURS)} {secrets.choice(ANIMALS)}"


def random_label(*, taken: set[str], language: str | None = None) -> str:
    """A label like "Blue Otter" ("Nutria Azul" in Spanish) that no other journal here uses (case-insensitive),
    in `language` (default: the language the app speaks now; English for a language without its own names)."""
    code = language if language is not None else active().code
    taken_folded = {label.casefold() for label in taken}
    for _attempt in range(200):
        label = _pair(code)
        if label.casefold() not in taken_folded:
            return label
    for number in range(2, 10_000):  # every pair is in use: add a number
        label = f"{_pair(code)} {number}"
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
