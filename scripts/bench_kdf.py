"""Benchmark: Argon2id calibration on this machine (moved here from the unit tests: benchmarks measure time).

Usage:  .venv/bin/python scripts/bench_kdf.py [--runs 3]
Calibrates as the app does when it makes a journal, then times one derivation with the chosen parameters
`--runs` times. Target (docs/SECURITY.md): 0.5-1.0 s a derivation, unless calibration sat at the floor
(64 MiB, 3 passes) on a slow machine. Exits 1 when the median is outside 0.35-1.5 s (generous: a shared machine
is noisy), so it can run in a nightly job on a quiet machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nec_companion.security.kdf import MIB, PRODUCTION_BOUNDS, calibrate, derive_key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    result = calibrate()
    PRODUCTION_BOUNDS.check(result.params, salt_length=16)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        derive_key(b"passphrase", salt=b"s" * 16, params=result.params, bounds=PRODUCTION_BOUNDS)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"calibrated {result.params.describe()}: {result.seconds:.2f} s while calibrating; "
          f"one derivation: median {median:.2f} s over {args.runs} runs")
    at_floor = result.params.memory_kib <= 64 * MIB
    if not at_floor and not 0.5 * 0.7 <= median <= 1.0 * 1.5:
        print("outside the 0.5-1.0 s target (with a noise margin)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
