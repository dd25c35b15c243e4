"""The built wheel is a complete app: installed into a clean virtual environment and run from another folder,
it has the whole library, the glossary and the passphrase word lists, starts, and creates journal passphrases."""

from __future__ import annotations

import email
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.packaging.conftest import run

pytestmark = pytest.mark.packaging


def test_wheel_carries_every_resource_file_and_the_licence(wheel: Path) -> None:
    """Every file under resources/ is in the wheel as nec_companion/resources/..., with LICENSE and MIT metadata."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = email.message_from_bytes(archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))))
        licence = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
        licence_text = archive.read(licence).decode()
    shipped = {n.removeprefix("nec_companion/resources/") for n in names if n.startswith("nec_companion/resources/")}
    expected = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert expected - shipped == set()
    assert any(n.startswith("library/") and n.endswith(".md") for n in shipped)
    assert {"glossary.toml", "security/eff_large_wordlist.txt", "security/common-passwords.txt.gz"} <= shipped
    assert metadata["License-Expression"] == "MIT"
    assert licence_text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "nec_companion/app.py" in names


def test_installed_wheel_runs_from_its_own_copy(installed_bin: Path, tmp_path: Path) -> None:
    """The package and its resources come from the virtual environment, not from this checkout."""
    code = ("import nec_companion, nec_companion.paths as p; print(nec_companion.__file__); "
            "print(p.bundled_resources_dir())")
    result = run([str(installed_bin / "python"), "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    package_file, resources = result.stdout.split()
    venv = installed_bin.parent
    assert Path(package_file).is_relative_to(venv)
    assert Path(resources).is_relative_to(venv)
    assert Path(resources, "library").is_dir()
    assert not Path(package_file).is_relative_to(ROOT)


def test_installed_wheel_search_finds_the_warning_signs(installed_bin: Path, tmp_path: Path) -> None:
    result = run([str(installed_bin / "nec-companion"), "search", "warning signs"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No results." not in result.stdout
    assert "[warning-signs]" in result.stdout.splitlines()[1]  # after the "N results" line


def test_installed_wheel_check_content_passes(installed_bin: Path, tmp_path: Path) -> None:
    bundled = sum(1 for _ in (ROOT / "resources" / "library").rglob("*.md"))
    result = run([str(installed_bin / "nec-companion"), "check-content"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{bundled} articles" in result.stdout
    assert "0 problems" in result.stdout


def test_installed_wheel_starts_and_loads_the_library(installed_bin: Path, tmp_path: Path) -> None:
    """--exit-after-startup exits 0 with no traceback, and no library or content problem is reported."""
    result = run([str(installed_bin / "nec-companion"), "--exit-after-startup", "--home", str(tmp_path / "home")],
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "could not be loaded" not in result.stderr
    assert "content problem" not in result.stderr


def test_installed_wheel_suggests_a_passphrase(installed_bin: Path, tmp_path: Path) -> None:
    """Creating a journal needs the bundled word list: suggest_passphrase() gives four words from it."""
    code = ("from pathlib import Path; from nec_companion.storage import JournalDirectory; "
            "from nec_companion.journal.schema import JOURNAL_SCHEMA; "
            "print(JournalDirectory(Path('journals'), schema=JOURNAL_SCHEMA).suggest_passphrase())")
    result = run([str(installed_bin / "python"), "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    words = result.stdout.strip().split("-")
    assert len(words) == 4
    word_list = {line.split()[-1] for line in
                 (ROOT / "resources" / "security" / "eff_large_wordlist.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip()}
    assert set(words) <= word_list
