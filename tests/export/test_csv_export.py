"""CSV export: values round-trip through the csv module; formula injection is neutralised; BOM and ISO dates."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from nec_companion.export.csv_export import neutralise, write_csv


def read_back(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_bom_iso_dates_units_and_round_trip(tmp_path: Path) -> None:
    """The file starts with a UTF-8 BOM; dates are ISO; numbers and text come back as written."""
    path = tmp_path / "weights.csv"
    rows = [(dt.date(2026, 3, 1), 910, "first weigh-in, naïve café"),
            (dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC), 925.5, 'said "fine", ok')]
    assert write_csv(path, ["date", "weight (g)", "note"], rows) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_back(path) == [["date", "weight (g)", "note"], ["2026-03-01", "910", "first weigh-in, naïve café"],
                               ["2026-03-02T08:30+00:00", "925.5", 'said "fine", ok']]


def test_formula_cells_are_neutralised(tmp_path: Path) -> None:
    """=HYPERLINK(..), +1, -2 as text, @x, tab and carriage-return starts get a leading apostrophe."""
    hostile = ['=HYPERLINK("http://x","click")', "+1", "-2 text", "@SUM(A1)", "\tindent", "\rreturn", "safe"]
    path = tmp_path / "notes.csv"
    write_csv(path, ["note"], [[h] for h in hostile])
    cells = [row[0] for row in read_back(path)[1:]]
    assert cells == ["'" + h for h in hostile[:-1]] + ["safe"]


def test_negative_numbers_stay_numbers() -> None:
    """A negative number (a weight change) is a number, not a formula."""
    assert neutralise(-12) == "-12"
    assert neutralise(-1.5) == "-1.5"


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    """If writing fails half-way, neither a partial file nor the target is left behind."""
    def rows():
        yield ["ok"]
        raise OSError(28, "No space left on device")

    folder = tmp_path / "usb"
    folder.mkdir()
    try:
        write_csv(folder / "x.csv", ["a"], rows())
    except OSError:
        pass
    assert list(folder.iterdir()) == []


@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=10))
def test_any_text_round_trips_or_is_neutralised(tmp_path_factory, table) -> None:
    """Property: every cell reads back equal, or equal after removing the one apostrophe added to it (always
    added when the cell starts with a formula character)."""
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    width = max(len(r) for r in table) if table else 1
    padded = [r + [""] * (width - len(r)) for r in table]
    write_csv(path, [f"c{i}" for i in range(width)], padded)
    back = read_back(path)[1:]
    for written, read in zip(padded, back, strict=True):
        for cell, got in zip(written, read, strict=True):
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                assert got.startswith("'")
            for expected in (cell, "'" + cell):
                if got == expected.replace("\r\n", "\n").replace("\r", "\n") or got == expected:
                    break
            else:
                raise AssertionError((cell, got))


def test_formula_hidden_behind_invisible_or_full_width_characters_is_neutralised(tmp_path: Path) -> None:
    """Audit M15: a zero-width space, a BOM or a full-width equals sign no longer hides a formula."""
    path = tmp_path / "notes.csv"
    tricky = ["\u200b=HYPERLINK(\"x\")", "\ufeff=1+1", "\uff1d1+1", "\u2060+SUM(A1)", "\uff0b1", "\u00ad-2+3"]
    write_csv(path, ["note"], [(cell,) for cell in tricky])
    cells = [row[0] for row in read_back(path)[1:]]
    assert all(cell.startswith("'") for cell in cells), cells
    assert cells == ["'" + cell for cell in tricky]
    assert neutralise("café ok") == "café ok"
