"""Benchmarks for the library: cold start vs a bare PySide6 window, and search-as-you-type latency.

Usage:  .venv/bin/python scripts/bench.py [--runs 7]
Prints a table; the figures go into docs/PERFORMANCE.md. Times are wall-clock on this machine; each target is
also shown as a ratio against a baseline measured in the same run, so a slower machine moves both together.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nec_companion.content.loader import load_library  # noqa: E402
from nec_companion.content.search import SearchIndex  # noqa: E402

HELLO = """
import sys
from PySide6.QtCore import QTimer, QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("Hello")); w.resize(1180, 780)
class F(QObject):
    done = False
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not F.done:
            F.done = True
            import time
            print(f"first-paint {time.time():.6f}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, app.quit)
        return False
f = F(); w.installEventFilter(f); w.centralWidget().installEventFilter(f)
w.show()
sys.exit(app.exec())
"""

QUERIES = ["warning signs", "swollen belly", "breast milk", "how often should i pump", "donor milk", "probiotics",
           "nothing by mouth", "antibiotics how long", "green spit up", "blood transfusion", "kangaroo care",
           "my baby died", "ml/kg/day", "fortifier", "going home", "questions to ask", "colostrum", "x-ray",
           "surgery ostomy", "depression anxiety"]


def time_command(args: list[str], runs: int) -> list[float]:
    """Seconds from spawning the process to its first painted frame (the child prints that moment)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               NEC_COMPANION_REPORT_FIRST_PAINT="1")
    times = []
    for _ in range(runs):
        start = time.time()
        result = subprocess.run(args, check=True, env=env, capture_output=True, text=True, timeout=120)
        painted = [float(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("first-paint ")]
        if not painted:
            raise SystemExit(f"no first-paint line from {args[:2]}: {result.stderr[-500:]}")
        times.append(painted[0] - start)
    return times


def bench_start(runs: int) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="nec-bench-"))
    try:
        # Interleave so both see the same machine state; one warm-up each for the disk cache.
        time_command([sys.executable, "-c", HELLO], 1)
        time_command([sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(home)], 1)
        hello, app = [], []
        for _ in range(runs):
            hello += time_command([sys.executable, "-c", HELLO], 1)
            app += time_command([sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(home)], 1)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {"hello_median_s": statistics.median(hello), "app_median_s": statistics.median(app),
            "ratio": statistics.median(app) / statistics.median(hello)}


def as_you_type(queries: list[str]) -> list[str]:
    typed = []
    for query in queries:
        typed += [query[:n] for n in range(1, len(query) + 1)]
    return typed


def bench_search(index: SearchIndex, rounds: int = 3) -> dict[str, float]:
    typed = as_you_type(QUERIES)
    timings = []
    for _ in range(rounds):
        for text in typed:
            start = time.perf_counter()
            index.search(text, limit=30)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    # Baseline in the same run: the cheapest possible SQLite round trip on the same connection.
    base = []
    for _ in range(len(typed)):
        start = time.perf_counter()
        index._db.execute("SELECT 1").fetchall()  # noqa: SLF001 (benchmark baseline)
        base.append((time.perf_counter() - start) * 1000)
    return {"queries": len(timings), "p50_ms": statistics.median(timings), "p95_ms": p95, "max_ms": timings[-1],
            "baseline_roundtrip_ms": statistics.median(base)}


def generated_library(count: int) -> Path:
    """A library of `count` articles made by reshuffling the bundled articles' paragraphs."""
    source = load_library(ROOT / "resources" / "library", ROOT / "resources" / "glossary.toml")
    folder = Path(tempfile.mkdtemp(prefix="nec-lib-"))
    rng = random.Random(7)
    articles = list(source.articles.values())
    paragraphs = [p for a in articles for p in a.body.split("\n\n") if p.strip()]
    for n in range(count):
        base = articles[n % len(articles)]
        body = "\n\n".join(rng.sample(paragraphs, 12))
        target = folder / "library" / base.category / f"generated-{n:03d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        sources = "\n    ".join(base.sources)
        keywords = "\n    ".join(base.keywords)
        target.write_text(f"---\ntitle: {base.title} ({n})\nsummary: {base.summary}\ncategory: {base.category}\n"
                          f"reviewed: {base.reviewed.isoformat()}\nsources: {sources}\nkeywords: {keywords}\n---\n"
                          f"{body}\n", encoding="utf-8")
    shutil.copy(ROOT / "resources" / "glossary.toml", folder / "glossary.toml")
    return folder


def bench_load(library_dir: Path, glossary: Path) -> tuple[SearchIndex, float, float, int]:
    start = time.perf_counter()
    library = load_library(library_dir, glossary, today=dt.date.today())
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    index = SearchIndex(library)
    indexed = time.perf_counter() - start
    return index, loaded, indexed, len(library.articles)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    start = bench_start(args.runs)
    print(f"Cold start to first painted window (median of {args.runs}):")
    print(f"  bare PySide6 QMainWindow: {start['hello_median_s'] * 1000:7.0f} ms")
    print(f"  NEC Companion:            {start['app_median_s'] * 1000:7.0f} ms")
    print(f"  ratio:                    {start['ratio']:7.2f}  (target <= 2.0)")

    bundled_index, load_s, index_s, count = bench_load(ROOT / "resources" / "library", ROOT / "resources" / "glossary.toml")
    print(f"\nBundled library: {count} articles, load+validate {load_s * 1000:.0f} ms, index {index_s * 1000:.0f} ms "
          "(on a worker thread, after the window is shown)")
    result = bench_search(bundled_index)
    print(f"  search as you type: {result['queries']} queries, p50 {result['p50_ms']:.2f} ms, "
          f"p95 {result['p95_ms']:.2f} ms (target <= 10), max {result['max_ms']:.2f} ms; "
          f"p95 = {result['p95_ms'] / result['baseline_roundtrip_ms']:.0f}x a bare SQLite round trip")

    folder = generated_library(500)
    try:
        big_index, load_s, index_s, count = bench_load(folder / "library", folder / "glossary.toml")
        print(f"\nGenerated library: {count} articles, load+validate {load_s * 1000:.0f} ms, index {index_s * 1000:.0f} ms")
        result = bench_search(big_index)
        print(f"  search as you type: {result['queries']} queries, p50 {result['p50_ms']:.2f} ms, "
              f"p95 {result['p95_ms']:.2f} ms (target <= 10), max {result['max_ms']:.2f} ms; "
              f"p95 = {result['p95_ms'] / result['baseline_roundtrip_ms']:.0f}x a bare SQLite round trip")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
