"""Text hygiene for anything typed or pasted: lone surrogates become U+FFFD instead of crashing."""

from __future__ import annotations

from nec_companion.core.i18n import N_

REPLACEMENT_CHARACTER = "\ufffd"


def clean_text(text: str) -> str:
    """Return `text` with valid surrogate pairs joined and every lone surrogate replaced by U+FFFD.

    Input widgets can hand over UTF-16 halves as separate code points; sqlite3 and `str.encode("utf-8")`
    raise `UnicodeEncodeError` on those. A round trip through UTF-16 with `surrogatepass` joins real pairs
    (so an emoji typed on Windows survives) and `replace` turns the lone halves into U+FFFD.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


#: Marked only (N_): translate it where shown, `_(CONTROL_CHARACTER_MESSAGE)`.
CONTROL_CHARACTER_MESSAGE = N_(
    "Part of this text holds invisible control characters (often from copying and pasting). "
    "Please type it again."
)


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """True when `text` holds a C0 or C1 control character (or DEL). A multi-line note may hold newlines and
    tabs; a one-line field (names, labels, tags) may not."""
    allowed = "\n\t" if multiline else ""
    return any(
        (ord(character) < 0x20 or 0x7F <= ord(character) <= 0x9F) and character not in allowed
        for character in text
    )
