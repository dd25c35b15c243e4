"""Benchmark the journal store: unlock time with the calibrated KDF, save and lock times for a large journal.

    .venv/bin/python scripts/bench_journal.py                 # 30,000 rows, calibrated KDF
    .venv/bin/python scripts/bench_journal.py --rows 60000 --saves 60 --fast-kdf

The journal issue's tables do not exist yet, so the rows go into a scratch table shaped like journal entries
(a kind, a time, a number and a free-text note of 60-400 characters), about 10 MB for 30,000 rows.
Figures: unlock (key derivation + read + decrypt + load + check), save (the GUI-thread snapshot alone, and the
whole save: snapshot + seal + write + fsync + read back + verify + rename + folder fsync), lock (close with a
pending change).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy, calibrate
from nec_companion.storage import JournalDirectory

PASSPHRASE = "bench lantern pebble orchard"
WORDS = ("feed", "tolerated", "well", "aspirate", "small", "green", "nurse", "said", "weight", "gain", "skin",
         "to", "skin", "cuddle", "tube", "milk", "pumped", "expressed", "ml", "doctor", "round", "question",
         "belly", "soft", "sleepy", "cried", "settled", "after", "care", "nappy", "wet", "dirty", "colour")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def describe(values: list[float]) -> str:
    ms = [value * 1000 for value in values]
    return (f"median {statistics.median(ms):.0f} ms, p95 {percentile(ms, 0.95):.0f} ms, "
            f"max {max(ms):.0f} ms (n={len(ms)})")


def populate(journal, rows: int, rng: random.Random) -> None:
    connection = journal.database.connection
    connection.execute(
        "CREATE TABLE IF NOT EXISTS bench_entries (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL,"
        " amount REAL, note TEXT NOT NULL)"
    )
    start = date(2025, 1, 1)
    batch = []
    for index in range(rows):
        note = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 70)))
        when = start + timedelta(minutes=52 * index)
        batch.append((rng.choice(("feed", "pump", "weight", "note", "question")), when.isoformat(),
                      round(rng.uniform(1, 120), 1), note))
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO bench_entries (kind, at, amount, note) VALUES (?, ?, ?, ?)", batch)
    connection.execute("COMMIT")
    connection.execute("CREATE INDEX IF NOT EXISTS bench_entries_at ON bench_entries (at)")
    journal.mark_changed()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--saves", type=int, default=60)
    parser.add_argument("--unlocks", type=int, default=5)
    parser.add_argument("--fast-kdf", action="store_true", help="tiny KDF (measures everything but Argon2id)")
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a temporary folder, removed after")
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        return run(args, args.data_dir)
    with tempfile.TemporaryDirectory(prefix="nec-bench-") as folder:
        return run(args, Path(folder))


def run(args: argparse.Namespace, data_dir: Path) -> int:
    rng = random.Random(7)

    if args.fast_kdf:
        policy = KdfPolicy.insecure_fast_for_tests()
        print("KDF: tiny test parameters (--fast-kdf)")
    else:
        started = time.perf_counter()
        calibration = calibrate()
        print(f"KDF calibration: {calibration.params.describe()}, measured {calibration.seconds:.2f} s "
              f"(calibration took {time.perf_counter() - started:.1f} s, {len(calibration.trials)} trial derivations)")
        policy = KdfPolicy(fixed_params=calibration.params)
    directory = JournalDirectory(data_dir, schema=JOURNAL_SCHEMA, kdf=policy)

    started = time.perf_counter()
    journal, _code = directory.create(passphrase=PASSPHRASE)
    print(f"create (one key derivation + first save): {time.perf_counter() - started:.2f} s")
    journal.add_baby(BabyDetails(nickname="Bench", birth_date=date.today() - timedelta(days=30),
                                 gestational_age=GestationalAge(28, 4), birth_weight_g=1100))
    populate(journal, args.rows, rng)
    first = journal.save()
    image_mb = len(journal.database.image()) / 1e6
    print(f"journal: {args.rows:,} rows, database {image_mb:.1f} MB, file {first.size_bytes / 1e6:.1f} MB")

    snapshot_times, save_times = [], []
    connection = journal.database.connection
    for index in range(args.saves):
        connection.execute("UPDATE bench_entries SET note = ? WHERE id = ?",
                           (f"edited {index} " + " ".join(rng.choice(WORDS) for _ in range(20)),
                            rng.randint(1, args.rows)))
        journal.mark_changed()
        started = time.perf_counter()
        pending = journal.prepare_save()
        snapshot_times.append(time.perf_counter() - started)
        pending.write()
        save_times.append(time.perf_counter() - started)
    print(f"save, GUI-thread part (serialize): {describe(snapshot_times)}")
    print(f"save, whole (serialize + seal + write + fsync + verify + rename + dir fsync): {describe(save_times)}")

    connection.execute("UPDATE bench_entries SET note = 'before lock' WHERE id = 1")
    journal.mark_changed()
    started = time.perf_counter()
    journal.close()
    print(f"lock (close with one pending change, so a final save): {(time.perf_counter() - started) * 1000:.0f} ms")

    unlock_times = []
    for _ in range(args.unlocks):
        started = time.perf_counter()
        reopened = directory.open(journal.journal_id, PASSPHRASE)
        unlock_times.append(time.perf_counter() - started)
        reopened.close(save=False)
    print(f"unlock (KDF + read + decrypt + load + quick_check): {describe(unlock_times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
