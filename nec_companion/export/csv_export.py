"""CSV files a family asked for (no Qt): UTF-8 with BOM for spreadsheet apps, ISO dates, units in headers,
and every cell that a spreadsheet would run as a formula neutralised (OWASP CSV injection).

Headers and words ("yes") are in the active language; dates stay ISO (YYYY-MM-DD) and numbers keep a decimal
point, which every spreadsheet reads as a date or a number and then shows in its own language."""

from __future__ import annotations

import csv
import datetime as dt
import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from nec_companion.core.i18n import _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Invisible characters a spreadsheet may skip before it decides a cell is a formula (zero-width space,
# non-joiner, joiner, word joiner, byte-order mark, soft hyphen, left-to-right/right-to-left marks).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None)


def _formula_probe(text: str) -> str:
    """What a spreadsheet may see first: NFKC (full-width `＝` becomes `=`), invisible characters dropped,
    as the spreadsheet would."""
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE)


def neutralise(value: object) -> str:
    """The text for one cell. A cell a spreadsheet would treat as a formula gets a leading apostrophe.

    Numbers are written as numbers (a negative number stays a number), so only text is neutralised.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)  # the family's text is kept as typed; only the check sees the normalised form
    return "'" + text if _formula_probe(text).startswith(FORMULA_STARTS) else text


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write atomically (temp file, then rename); returns the number of data rows written."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.partial")
    count = 0
    try:
        temp.unlink(missing_ok=True)  # a leftover from a killed export
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with open(descriptor, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
            writer.writerow([neutralise(h) for h in headers])
            for row in rows:
                writer.writerow([neutralise(cell) for cell in row])
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return count
