"""Benchmarks for the library: start-up vs a bare PySide6 window, building the index, and search latency.

Usage:  .venv/bin/python scripts/bench.py [--runs 7]
Prints a table; the figures go into docs/PERFORMANCE.md. Times are wall-clock on this machine; each target is
also shown as a ratio against a baseline measured in the same run, so a slower machine moves both together.

- Start-up: the whole lifetime of `main.py --exit-after-startup` (which exits only once the library is loaded and
  searchable) against the lifetime of a bare PySide6 window process that exits after its first paint.
  Target: within 2.5x. Measured with the library cache in place (every start after the first), and once without.
- Building a 500-article library: load + validate + index from scratch, and from the content cache.
  Target: under 0.3 s (from the cache); shown also as a ratio of the uncached build in the same run.
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

from nec_companion.content.cache import load_or_build
from nec_companion.content.loader import load_library
from nec_companion.content.search import SearchIndex

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


def lifetime(args: list[str]) -> tuple[float, float]:
    """(seconds until the process exited by itself, seconds until it printed its first painted frame)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               NEC_COMPANION_REPORT_FIRST_PAINT="1")
    wall = time.time()
    start = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{args[:3]} exited {result.returncode}: {result.stderr[-800:]}")
    painted = [float(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("first-paint ")]
    if not painted:
        raise SystemExit(f"no first-paint line from {args[:2]}: {result.stderr[-500:]}")
    return elapsed, painted[0] - wall


def bench_start(runs: int) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="nec-bench-"))
    hello_args = [sys.executable, "-c", HELLO]

    def app_args(folder: Path) -> list[str]:
        return [sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(folder)]

    try:
        # Warm-up: the disk cache for both, and the library cache for the app (as on every start but the first).
        lifetime(hello_args)
        lifetime(app_args(home))
        hello, app, cold = [], [], []
        for n in range(runs):  # interleaved, so all see the same machine state
            hello.append(lifetime(hello_args))
            app.append(lifetime(app_args(home)))
            if n < max(1, runs // 2):
                fresh = Path(tempfile.mkdtemp(prefix="nec-bench-cold-"))
                try:
                    cold.append(lifetime(app_args(fresh)))  # first start ever: no library cache yet
                finally:
                    shutil.rmtree(fresh, ignore_errors=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    h, a, c = (statistics.median(t for t, _ in runs_) for runs_ in (hello, app, cold))
    hp, ap = (statistics.median(p for _, p in runs_) for runs_ in (hello, app))
    return {"hello_s": h, "app_s": a, "cold_s": c, "ratio": a / h, "cold_ratio": c / h,
            "hello_paint_s": hp, "app_paint_s": ap, "paint_ratio": ap / hp}


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
                          f"sources_checked: {base.sources_checked.isoformat()}\nsources: {sources}\n"
                          f"keywords: {keywords}\n---\n"
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


def bench_cached_build(library_dir: Path, glossary: Path, runs: int) -> dict[str, float]:
    """Uncached build (load + validate + index) against a load from the content cache, same run."""
    cache_dir = Path(tempfile.mkdtemp(prefix="nec-cache-"))
    cache = cache_dir / "library.cache"
    try:
        uncached = []
        for _ in range(max(1, runs // 3)):
            start = time.perf_counter()
            load_or_build(library_dir, glossary, None)
            uncached.append(time.perf_counter() - start)
        load_or_build(library_dir, glossary, cache)  # writes the cache
        cached = []
        for _ in range(runs):
            start = time.perf_counter()
            _library, _index, hit = load_or_build(library_dir, glossary, cache)
            cached.append(time.perf_counter() - start)
            assert hit, "the cache was not used"
        size = cache.stat().st_size
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    u, c = statistics.median(uncached), statistics.median(cached)
    return {"uncached_s": u, "cached_s": c, "ratio": c / u, "cache_mb": size / 1e6}


def print_search(result: dict[str, float]) -> None:
    print(f"  search as you type: {result['queries']} queries, p50 {result['p50_ms']:.2f} ms, "
          f"p95 {result['p95_ms']:.2f} ms (target <= 10), max {result['max_ms']:.2f} ms; "
          f"p95 = {result['p95_ms'] / result['baseline_roundtrip_ms']:.0f}x a bare SQLite round trip")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    start = bench_start(args.runs)
    print(f"Start until the library is searchable (--exit-after-startup lifetime, median of {args.runs}):")
    print(f"  bare PySide6 window, exits after first paint: {start['hello_s'] * 1000:7.0f} ms")
    print(f"  NEC Companion, library cache in place:        {start['app_s'] * 1000:7.0f} ms   "
          f"ratio {start['ratio']:.2f}  (target <= 2.5)")
    print(f"  NEC Companion, first start (no cache yet):    {start['cold_s'] * 1000:7.0f} ms   "
          f"ratio {start['cold_ratio']:.2f}")
    print(f"First painted frame (same runs): bare window {start['hello_paint_s'] * 1000:.0f} ms, NEC Companion "
          f"{start['app_paint_s'] * 1000:.0f} ms: ratio {start['paint_ratio']:.2f}  (target <= 2.0)")

    resources = ROOT / "resources"
    bundled_index, load_s, index_s, count = bench_load(resources / "library", resources / "glossary.toml")
    print(f"\nBundled library: {count} articles, load+validate {load_s * 1000:.0f} ms, index {index_s * 1000:.0f} ms "
          "(on a worker thread, after the window is shown)")
    print_search(bench_search(bundled_index))

    folder = generated_library(500)
    try:
        big_index, load_s, index_s, count = bench_load(folder / "library", folder / "glossary.toml")
        print(f"\nGenerated library: {count} articles, load+validate {load_s * 1000:.0f} ms, "
              f"index {index_s * 1000:.0f} ms")
        built = bench_cached_build(folder / "library", folder / "glossary.toml", args.runs)
        print(f"  whole build without cache: {built['uncached_s'] * 1000:.0f} ms; from the content cache "
              f"({built['cache_mb']:.1f} MB): {built['cached_s'] * 1000:.0f} ms (target < 300 ms); "
              f"ratio {built['ratio']:.3f} of the uncached build")
        print_search(bench_search(big_index))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
