"""Normalising what goes into a journal entry: text tidied, times made UTC instants, numbers type-checked.

Entry dataclasses call these from `__post_init__`, so a stored entry never holds a lone surrogate, a naive
datetime or a `bool` where a number belongs. Range checks are not here: they give the family a message and
live in `core/plausibility.py`.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any, TypeVar

from nec_companion.core.local_time import as_instant, zone_for
from nec_companion.core.text import clean_text

_E = TypeVar("_E")


def set_field(entry: Any, name: str, value: object) -> None:
    """Assign to a frozen dataclass field during `__post_init__`."""
    object.__setattr__(entry, name, value)


def stored(cls: type[_E], **fields: object) -> _E:
    """Rebuild an entry read back from the journal without re-running `__post_init__`.

    The values were normalised on the way in (and the database CHECKs them), so reading 10,000 rows does not
    pay for checking each one again. Every field must be given.
    """
    entry = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(entry, name, value)
    return entry


def tidy_text(text: object, *, name: str) -> str:
    """Lone surrogates replaced, outer whitespace removed, Windows line ends made plain."""
    if not isinstance(text, str):
        raise TypeError(f"{name} must be text")
    return clean_text(text).replace("\r\n", "\n").replace("\r", "\n").strip()


def tidy_line(text: object, *, name: str) -> str:
    """Like `tidy_text`, and runs of whitespace (newlines included) become one space: for names and labels."""
    return " ".join(tidy_text(text, name=name).split())


def instant(moment: object, *, name: str) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime")
    return as_instant(moment)


def zone_name(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("time_zone must be an IANA zone name")
    zone_for(value)
    return value


def number(value: object, *, name: str) -> float:
    """A real number (int or float, not bool, not NaN or infinite), as float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite number")
    return result


def optional_number(value: object, *, name: str) -> float | None:
    return None if value is None else number(value, name=name)


def whole_number(value: object, *, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number")
    return int(value)


def optional_whole_number(value: object, *, name: str) -> int | None:
    return None if value is None else whole_number(value, name=name)


def optional_id(value: object, *, name: str) -> int | None:
    if value is None:
        return None
    return whole_number(value, name=name)
