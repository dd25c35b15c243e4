"""`--help` lists every subcommand; dates print the same on Windows as on Linux; resources are found when frozen;
the licence the metadata promises is there."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from nec_companion import cli
from nec_companion.paths import bundled_resources_dir
from tests.conftest import ROOT

# Windows' C library has no `%-d` (raises ValueError) and glibc has no `%#d`: neither may appear.
NON_PORTABLE = re.compile(r"%[-#][A-Za-z]")


def _subcommands() -> dict[str, str]:
    action = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: choice.help for choice in action._choices_actions}


def test_help_lists_every_subcommand_with_its_summary() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "--exit-after-startup" in result.stdout
    subcommands = _subcommands()
    assert {"check-content", "search"} <= set(subcommands)
    for name, summary in subcommands.items():
        assert re.search(rf"^\s+{re.escape(name)}\s+{re.escape(summary)}$", result.stdout, re.MULTILINE), name


def test_every_parser_subcommand_is_dispatched_and_has_help() -> None:
    """The app sends `nec-companion NAME ...` to the command line tools only for names in cli.COMMANDS."""
    assert set(cli.COMMANDS) == set(_subcommands())
    for name in cli.COMMANDS:
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), name, "--help"], capture_output=True,
                                text=True, timeout=60, cwd=ROOT)
        assert result.returncode == 0, (name, result.stderr)
        assert f"usage: nec-companion {name}" in result.stdout


def test_no_platform_specific_strftime_directives() -> None:
    """The app and its scripts format days portably (nec_companion/content/ is fixed on its own branch)."""
    files = [*(ROOT / "nec_companion").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")]
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for path in files
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if NON_PORTABLE.search(line)]
    assert len(files) > 50
    assert offenders == []


def test_rounds_and_baby_dates_have_no_padded_day() -> None:
    from nec_companion.export.rounds import _when
    from nec_companion.ui.journal.journal_screen import describe_baby
    from tests.core.journal_builders import a_baby

    assert _when(dt.datetime(2026, 12, 5, 9, 7).astimezone()) == "Dec 5, 2026, 9:07\u202fAM"  # CLDR, no "05"
    born, _ages = describe_baby(a_baby(birth_date=dt.date(2026, 11, 3)), dt.date(2026, 12, 5))
    assert born.startswith("Born Nov 3, 2026 at 3:15")  # the active language's medium date and short time


def test_frozen_bundle_folder_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a PyInstaller build the resources sit under sys._MEIPASS; a checkout's folder is the fallback."""
    assert bundled_resources_dir() == ROOT / "resources"
    bundle = tmp_path / "nec_companion" / "resources"
    (bundle / "library").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert bundled_resources_dir() == bundle


def test_licence_file_matches_the_metadata() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert meta["license"] == "MIT"
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 NEC Companion contributors" in text
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in text
