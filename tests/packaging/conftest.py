"""Package builds shared by the packaging tests: built once per test session, in temporary folders."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import package_build


def _have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _setuptools_new_enough() -> bool:
    if not _have("setuptools") or not _have("wheel"):
        return False
    from importlib.metadata import version

    return int(version("setuptools").split(".")[0]) >= 77


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _setuptools_new_enough():
        pytest.skip("building the wheel offline needs the `build` extra (setuptools>=77, wheel): "
                    "run ./scripts/setup.sh")
    return package_build.build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def installed_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scripts folder of a clean virtual environment holding only the built wheel."""
    return package_build.install_wheel(wheel, tmp_path_factory.mktemp("venv") / "venv")


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen app's folder, built with PyInstaller (about 35-90 s on two cores)."""
    if not _have("PyInstaller"):
        pytest.skip("PyInstaller is not installed (the `build` extra; ./scripts/setup.sh installs it)")
    base = tmp_path_factory.mktemp("frozen")
    return package_build.build_app(base / "dist", base / "work")


def run(command: list[str], cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd,
                          env=package_build.clean_env(QT_QPA_PLATFORM="offscreen", **extra_env))
