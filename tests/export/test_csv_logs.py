"""CSV per log from a real journal: neutral names, units in headers, values read back with the csv module."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from nec_companion.core.clock import ManualClock
from nec_companion.core.entries import EntryKind
from nec_companion.core.notes import NoteEntry
from nec_companion.export.csv_logs import LOGS, export_csv_logs
from nec_companion.journal import JournalEntries
from nec_companion.journal.sample import build_sample_twins
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory


@pytest.fixture
def filled(tmp_path: Path):
    clock = ManualClock(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC))
    directory = JournalDirectory(tmp_path / "data", schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    journal = directory.create(passphrase="quiet harbour lantern meadow").journal
    build_sample_twins(journal, clock=clock, days=20, seed=3)
    entries = JournalEntries(journal, clock=clock, time_zone="Europe/London")
    return journal, entries, clock


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_log_is_written_with_neutral_names_and_units(filled, tmp_path: Path) -> None:
    """Six files, named by log and date only; headers name their units; row counts match the journal."""
    journal, entries, _clock = filled
    out = tmp_path / "usb"
    out.mkdir()
    paths = export_csv_logs(entries, journal.babies(), out, today=dt.date(2026, 3, 10))
    assert sorted(p.name for p in paths) == sorted(f"{log.file_stem}-2026-03-10.csv" for log in LOGS)
    for baby in journal.babies():
        assert all(baby.nickname not in p.name for p in paths)
    weights = _read(out / "weights-2026-03-10.csv")
    assert "weight (g)" in weights[0]
    assert len(weights) == len(entries.weights())
    stored = sorted((w.measured_on.isoformat(), w.grams) for w in entries.weights())
    assert sorted((row["date"], int(row["weight (g)"])) for row in weights) == stored
    pumping = _read(out / "pumping-2026-03-10.csv")
    assert len(pumping) == len(entries.pumping_sessions())
    assert {"total (mL)", "left (mL)", "right (mL)"} <= set(pumping[0])


def test_formula_text_in_a_note_is_neutralised(filled, tmp_path: Path) -> None:
    """A note typed as =HYPERLINK(...) is written with a leading apostrophe, so a spreadsheet shows it as text."""
    journal, entries, clock = filled
    entries.add(NoteEntry(at=clock.now(), time_zone="Europe/London", text='=HYPERLINK("http://x","click")'))
    out = tmp_path / "usb"
    out.mkdir()
    [path] = export_csv_logs(entries, journal.babies(), out, today=dt.date(2026, 3, 10),
                             kinds=frozenset({EntryKind.NOTE}))
    notes = [row["note"] for row in _read(path)]
    assert "'=HYPERLINK(\"http://x\",\"click\")" in notes


def test_times_are_readable_in_a_spreadsheet_and_test_weights_have_their_own_column(filled, tmp_path: Path) -> None:
    """Each time has a local date column, a local time column (HH:MM) and the ISO moment with its offset; a
    breastfeed's test weight is not in the amount column (UX walkthrough #20)."""
    import re

    from nec_companion.core.feeding import FamilyFeed, FamilyFeedMethod

    journal, entries, clock = filled
    baby = journal.babies()[0]
    entries.add(FamilyFeed(baby_id=baby.baby_id, at=clock.now(), time_zone="Europe/London",
                           method=FamilyFeedMethod.BREASTFEED, volume_ml=12))
    out = tmp_path / "usb"
    out.mkdir()
    export_csv_logs(entries, journal.babies(), out, today=dt.date(2026, 3, 10))
    for name in ("pumping", "notes", "family-feeds"):
        rows = _read(out / f"{name}-2026-03-10.csv")
        assert rows, name
        for row in rows:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", row["date"])
            assert re.fullmatch(r"\d\d:\d\d", row["time"])
            assert row["time (ISO 8601, with offset)"].startswith(f"{row['date']}T{row['time']}")
    [feed] = [r for r in _read(out / "family-feeds-2026-03-10.csv") if r["method"] == "breastfeed"
              and r["test weight (mL)"] in ("12", "12.0")]
    assert feed["amount given (mL)"] == ""
    events = _read(out / "care-events-2026-03-10.csv")
    assert {"started date", "started time", "stopped date", "stopped time"} <= set(events[0])


def test_headers_and_words_in_the_language_asked_with_plain_file_names(filled, tmp_path: Path) -> None:
    """In Spanish the headers and the words ("sí") are Spanish; the file names and ISO dates stay the same, and the
    app's language is unchanged afterwards."""
    from nec_companion.core import i18n

    journal, entries, _clock = filled
    out = tmp_path / "usb"
    out.mkdir()
    paths = export_csv_logs(entries, journal.babies(), out, today=dt.date(2026, 3, 10), language="es")
    assert i18n.active().code == "en"
    assert sorted(p.name for p in paths) == sorted(f"{log.file_stem}-2026-03-10.csv" for log in LOGS)
    weights = _read(out / "weights-2026-03-10.csv")
    assert {"fecha", "hora", "bebé", "peso (g)", "nota"} <= set(weights[0])
    assert all(len(row["fecha"]) == 10 and row["fecha"][4] == "-" for row in weights)  # still YYYY-MM-DD
    pumping = _read(out / "pumping-2026-03-10.csv")
    assert {"total (mL)", "calostro"} <= set(pumping[0])
    assert {row["calostro"] for row in pumping} <= {"sí", "no"}
    with i18n.using("es"):
        [path] = export_csv_logs(entries, journal.babies(), tmp_path, today=dt.date(2026, 3, 10),
                                 kinds=frozenset({EntryKind.NOTE}))
    assert "piel con piel (minutos)" in _read(path)[0]
