"""Package figures: wheel size, frozen app size and build time, and start-up of the installed wheel and the
frozen app against the source checkout, all measured in the same run.

Usage:  .venv/bin/python scripts/bench_package.py [--runs 7] [--json]
Start-up is the time from spawning the process to its first painted frame (the app prints that moment when
NEC_COMPANION_REPORT_FIRST_PAINT is set), with QT_QPA_PLATFORM=offscreen; the three ways of running are
interleaved so they see the same machine load, and each is reported as a ratio against the checkout.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import package_build


def first_paint_seconds(command: list[str], cwd: Path) -> float:
    env = package_build.clean_env(QT_QPA_PLATFORM="offscreen", NEC_COMPANION_REPORT_FIRST_PAINT="1")
    start = time.time()
    result = subprocess.run(command, check=True, env=env, capture_output=True, text=True, timeout=120, cwd=cwd)
    painted = [float(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("first-paint ")]
    if not painted:
        raise SystemExit(f"no first-paint line from {command[0]}: {result.stderr[-500:]}")
    return painted[0] - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="nec-bench-package-"))
    try:
        wheel_start = time.perf_counter()
        wheel = package_build.build_wheel(scratch / "wheel")
        wheel_build_s = time.perf_counter() - wheel_start
        bin_dir = package_build.install_wheel(wheel, scratch / "venv")
        app_start = time.perf_counter()
        app = package_build.build_app(scratch / "dist", scratch / "work")
        app_build_s = time.perf_counter() - app_start
        archive = scratch / "app.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(app, arcname=app.name)
        elsewhere = scratch / "elsewhere"
        elsewhere.mkdir()
        commands = {
            "checkout": [sys.executable, str(ROOT / "main.py")],
            "wheel": [str(bin_dir / "nec-companion")],
            "frozen": [str(app / "nec-companion")],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(args.runs + 1):  # round 0 warms the disk cache and is not counted
            for name, command in commands.items():
                home = scratch / f"home-{name}"
                seconds = first_paint_seconds([*command, "--exit-after-startup", "--home", str(home)],
                                              ROOT if name == "checkout" else elsewhere)
                if round_number:
                    times[name].append(seconds)
        medians = {name: statistics.median(values) for name, values in times.items()}
        figures = {
            "wheel_bytes": wheel.stat().st_size,
            "wheel_build_s": round(wheel_build_s, 1),
            "frozen_folder_bytes": package_build.folder_size(app),
            "frozen_files": sum(1 for p in app.rglob("*") if p.is_file()),
            "frozen_tar_gz_bytes": archive.stat().st_size,
            "frozen_build_s": round(app_build_s, 1),
            "runs": args.runs,
            **{f"start_{name}_median_s": round(value, 3) for name, value in medians.items()},
            **{f"start_{name}_range_s": [round(min(v), 3), round(max(v), 3)] for name, v in times.items()},
            "ratio_wheel_vs_checkout": round(medians["wheel"] / medians["checkout"], 2),
            "ratio_frozen_vs_checkout": round(medians["frozen"] / medians["checkout"], 2),
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"wheel: {figures['wheel_bytes'] / 1e6:.2f} MB, built in {figures['wheel_build_s']} s")
    print(f"frozen app folder: {figures['frozen_folder_bytes'] / 1e6:.0f} MB in {figures['frozen_files']} files "
          f"({figures['frozen_tar_gz_bytes'] / 1e6:.0f} MB as .tar.gz), built in {figures['frozen_build_s']} s")
    for name in commands:
        low, high = figures[f"start_{name}_range_s"]
        print(f"start to first paint, {name}: median {figures[f'start_{name}_median_s'] * 1000:.0f} ms "
              f"(range {low * 1000:.0f}-{high * 1000:.0f} ms over {args.runs} runs)")
    print(f"ratios against the checkout: wheel {figures['ratio_wheel_vs_checkout']}, "
          f"frozen {figures['ratio_frozen_vs_checkout']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
