"""A PNG of every screen and dialog over the made-up sample journal, for people to look at.

    .venv/bin/python scripts/tour.py --out /tmp/tour --scale 2 --size 1366x768
    .venv/bin/python scripts/tour.py --out /tmp/tour --scale 1 --scale 1.5 --scale 2 --size 1366x768 --size 1920x1080
    .venv/bin/python scripts/tour.py --out /tmp/tour --lang es --lang en --scale 1 --scale 2   # both languages

Runs on the offscreen platform unless QT_QPA_PLATFORM is set. The sample journal is built in a temporary folder
that is deleted afterwards: never the family's real data folder. Also lists anything cut off or overlapping
(the same check as tests/ui/test_layout.py); the exit code is 1 when something is.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--scale", type=float, action="append", help="text scale, e.g. 1, 1.5, 2 (repeatable)")
    parser.add_argument("--size", type=_size, action="append", help="window size WxH, e.g. 1366x768 (repeatable)")
    parser.add_argument("--lang", action="append", choices=("en", "es"),
                        help="the language the app speaks: en, es (repeatable; default en)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from nec_companion.core import i18n
    from nec_companion.paths import bundled_resources_dir
    from nec_companion.ui import style
    from nec_companion.ui.language import LanguageSwitch
    from nec_companion.ui.tour import build_tour_window, layout_problems, tour

    i18n.set_locale_dir(bundled_resources_dir() / "locale")
    switch = LanguageSwitch()
    args.out.mkdir(parents=True, exist_ok=True)
    found = 0
    for (width, height), scale, code in itertools.product(args.size or [(1366, 768)], args.scale or [1.0],
                                                          args.lang or ["en"]):
        switch.apply(code)
        with tempfile.TemporaryDirectory(prefix="nec-tour-") as data:
            view = build_tour_window(Path(data), scale=scale, size=(width, height))
            for name, widget in tour(view):
                suffix = "" if code == "en" and not args.lang else f"-{code}"
                path = args.out / f"{name}-{int(scale * 100)}-{width}x{height}{suffix}.png"
                widget.grab().save(str(path))
                for problem in layout_problems(widget):
                    found += 1
                    print(f"{path.name}: {problem}")
            view.window.close()
            view.window.deleteLater()
            style.apply_style(app, scale=1.0)  # type: ignore[arg-type]
    print(f"PNG files in {args.out}; {found} layout problem(s).")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
