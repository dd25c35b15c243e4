"""Benchmark chart drawing: the median time to draw a 180-day chart, and the same against an empty chart.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_charts.py            # 60 rounds
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_charts.py --rounds 200

The 180-day chart is a made-up feeding chart (mL/kg/day line, daily mL bars on the right scale, a weight-check
points series, three pauses, 24 markers) drawn with draw_chart into a 1200 x 700 QImage. The empty chart (title
and "No data yet") is drawn in the same run, so the ratio says how much the data costs whatever the machine.
The issue asks for <= 50 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

from nec_companion.charts.model import ChartSpec, Marker, Series, ShadedRange
from nec_companion.charts.painter import draw_chart

BUDGET_MS = 50.0


def chart_180_days() -> ChartSpec:
    days = range(1, 181)
    ml_kg = tuple((float(d), None if d % 45 == 0 else min(170.0, 10 + d * 6.0) * (0.0 if 60 <= d <= 62 else 1.0))
                  for d in days)
    ml_day = tuple((float(d), round(0.9 * (1 + d / 60) * min(170.0, 10 + d * 6.0), 1)) for d in days)
    checks = tuple((float(d), 150 + 10 * math.sin(d / 7)) for d in days if d % 3 == 0)
    kinds = ("plan", "event", "warning")
    return ChartSpec(
        "Feeds over 180 days (benchmark data)", "Day of life", "mL/kg/day",
        (Series("mL/kg/day", ml_kg), Series("mL per day", ml_day, "bars", axis="right"),
         Series("Checks", checks, "points")),
        shaded=(ShadedRange(59.5, 62.5, "Feeds paused (NPO)"), ShadedRange(100, 101, "Feeds paused (NPO)"),
                ShadedRange(150.5, 152, "Feeds paused (NPO)")),
        markers=tuple(Marker(float(d), f"Change {i + 1}", kinds[i % 3]) for i, d in enumerate(range(3, 180, 7))),
        y_min=0, y2_label="mL per day", x_name="Day", summary="Benchmark data.",
    )


def median_ms(spec: ChartSpec, *, rounds: int, scale: float = 1.0, monochrome: bool = False) -> float:
    image = QImage(1200, 700, QImage.Format.Format_ARGB32_Premultiplied)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(11 * scale)
    times = []
    for index in range(rounds + 5):
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        start = time.perf_counter()
        draw_chart(painter, QRectF(0, 0, 1200, 700), spec, font=font, monochrome=monochrome)
        elapsed = time.perf_counter() - start
        painter.end()
        if index >= 5:  # the first few calls warm Qt's glyph and font caches
            times.append(elapsed * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args(argv)
    QGuiApplication.instance() or QGuiApplication([])
    spec = chart_180_days()
    empty = ChartSpec("Feeds over 180 days (benchmark data)", "Day of life", "mL/kg/day")
    empty_ms = median_ms(empty, rounds=args.rounds)
    rows = [("180 days, colour, 100 % text", median_ms(spec, rounds=args.rounds)),
            ("180 days, monochrome, 100 % text", median_ms(spec, rounds=args.rounds, monochrome=True)),
            ("180 days, colour, 200 % text", median_ms(spec, rounds=args.rounds, scale=2.0))]
    print(f"draw_chart into a 1200 x 700 image, median of {args.rounds} rounds")
    print(f"  {'empty chart (title + No data yet)':36} {empty_ms:7.2f} ms")
    for label, ms in rows:
        print(f"  {label:36} {ms:7.2f} ms   {ms / empty_ms:5.1f} x empty   (budget {BUDGET_MS:.0f} ms)")
    worst = max(ms for _, ms in rows)
    print("PASS" if worst <= BUDGET_MS else "OVER BUDGET", f"slowest {worst:.2f} ms")
    return 0 if worst <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
