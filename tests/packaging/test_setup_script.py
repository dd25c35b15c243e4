"""scripts/setup.sh on machines where it may not install system packages: it carries on and says what is
missing (sudo refused), runs apt-get update before installing (sudo allowed), and says so off Debian/Ubuntu.
Run against a copy of the script with fake dpkg-query, apt-get, sudo and id, and an up-to-date .venv stamp."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "setup.sh", project / "scripts" / "setup.sh")
    for name in ("pyproject.toml", "setup.py"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "python").symlink_to(sys.executable)
    digest = hashlib.sha256((project / "pyproject.toml").read_bytes() + (project / "setup.py").read_bytes())
    (project / ".venv" / ".nec-companion-installed").write_text(f"{digest.hexdigest()} test,build,dev\n")
    return project


def _fake(folder: Path, name: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/bash\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def _fakes(tmp_path: Path, *, sudo_allowed: bool) -> tuple[Path, Path]:
    fakes, calls = tmp_path / "fakebin", tmp_path / "calls.log"
    _fake(fakes, "dpkg-query", 'echo -n "unknown ok not-installed"')
    _fake(fakes, "apt-get", f'echo "apt-get $*" >> {calls}')
    _fake(fakes, "id", 'if [ "$1" = "-u" ]; then echo 1000; else /usr/bin/id "$@"; fi')
    if sudo_allowed:
        _fake(fakes, "sudo", f'[ "$1" = "-n" ] && shift; echo "sudo $*" >> {calls}; exec "$@"')
    else:
        _fake(fakes, "sudo", 'echo "sudo: a password is required" >&2; exit 1')
    return fakes, calls


def _run(project: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": path, "HOME": str(project), "PYTHON": sys.executable}
    return subprocess.run(["/bin/bash", str(project / "scripts" / "setup.sh")], capture_output=True, text=True,
                          timeout=120, env=env)


def test_refused_sudo_does_not_abort_and_names_the_missing_packages(tmp_path: Path) -> None:
    project = _project(tmp_path)
    fakes, calls = _fakes(tmp_path, sudo_allowed=False)
    result = _run(project, f"{fakes}:/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    assert "may not install them" in result.stderr
    assert "desktop-file-utils" in result.stderr and "poppler-utils" in result.stderr
    assert not calls.exists()


def test_sudo_branch_updates_the_package_lists_before_installing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    fakes, calls = _fakes(tmp_path, sudo_allowed=True)
    result = _run(project, f"{fakes}:/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    apt = [line for line in calls.read_text().splitlines() if line.startswith("apt-get")]
    assert apt[0].startswith("apt-get update")
    assert apt[1].startswith("apt-get install") and "appstream" in apt[1].split()
    assert any(line.startswith("sudo env DEBIAN_FRONTEND=noninteractive apt-get install") for line in
               calls.read_text().splitlines())


def test_off_debian_it_says_which_system_packages_to_install(tmp_path: Path) -> None:
    project = _project(tmp_path)
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("dirname", "sha256sum", "cut", "cat", "grep", "env"):
        (tools / tool).symlink_to(shutil.which(tool))
    _fake(tools, "id", 'echo 1000')
    result = _run(project, str(tools))
    assert result.returncode == 0, result.stderr
    assert "not a Debian/Ubuntu system" in result.stderr
    assert "libxcb-cursor0" in result.stderr
