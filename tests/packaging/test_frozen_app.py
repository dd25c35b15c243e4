"""The frozen desktop app (PyInstaller, folder mode) starts, searches, and carries the library and Qt's Spanish
translations, but neither Qt's network module nor any Qt plugin that loads it. Built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.packaging.conftest import run

pytestmark = pytest.mark.packaging

NETWORK_MARKERS = ("Qt6Network", "QtNetwork")
NETWORK_PLUGIN_FOLDERS = ("tls", "networkinformation")


def _executable(app: Path) -> Path:
    return app / ("nec-companion.exe" if os.name == "nt" else "nec-companion")


def test_frozen_app_is_a_folder_with_its_executable(frozen_app: Path) -> None:
    assert frozen_app.is_dir()
    assert os.access(_executable(frozen_app), os.X_OK)


def test_frozen_app_starts_and_exits_zero(frozen_app: Path, tmp_path: Path) -> None:
    result = run([str(_executable(frozen_app)), "--exit-after-startup", "--home", str(tmp_path / "home")],
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "could not be loaded" not in result.stderr
    assert "content problem" not in result.stderr


def test_frozen_app_searches_and_checks_its_library(frozen_app: Path, tmp_path: Path) -> None:
    search = run([str(_executable(frozen_app)), "search", "warning signs"], cwd=tmp_path)
    assert search.returncode == 0, search.stderr
    assert "[warning-signs]" in search.stdout.splitlines()[1]  # after the "N results" line
    check = run([str(_executable(frozen_app)), "check-content"], cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 problems" in check.stdout


def test_frozen_app_carries_the_library_and_spanish_qt_translations(frozen_app: Path) -> None:
    resources = next(frozen_app.rglob("nec_companion/resources"))
    for article in (ROOT / "resources").rglob("*"):
        if article.is_file():
            assert (resources / article.relative_to(ROOT / "resources")).is_file(), article
    assert [p.name for p in frozen_app.rglob("qtbase_es.qm")] == ["qtbase_es.qm"]


def test_frozen_app_has_no_qt_network_module_or_network_plugins(frozen_app: Path) -> None:
    """No file named after QtNetwork, no tls/networkinformation plugins, no VNC platform, and no bundled
    library that links QtNetwork (its name would sit in the file's dynamic section)."""
    files = [p for p in frozen_app.rglob("*") if p.is_file()]
    assert len(files) > 100
    named = [p for p in files if any(marker in p.name for marker in NETWORK_MARKERS)]
    plugins = [p for p in files if p.parent.name in NETWORK_PLUGIN_FOLDERS or p.name.startswith(("libqvnc", "qvnc"))]
    linking = [p for p in files if p.suffix in {".so", ".dll", ".pyd"} or ".so." in p.name
               if b"Qt6Network" in p.read_bytes()]
    assert (named, plugins, linking) == ([], [], [])
    # The check can see a linked library: QtGui's own file names QtCore in the same way.
    gui = next(p for p in files if p.name.startswith(("libQt6Gui", "Qt6Gui")))
    assert b"Qt6Core" in gui.read_bytes()
