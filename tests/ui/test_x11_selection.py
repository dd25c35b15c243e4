"""F3 (security audit): on Linux/X11 a lock also empties the PRIMARY selection of journal text. The offscreen
platform has no selection, so the cases in x11_primary_selection.py run in a child pytest under a private Xvfb
server; skipped where Xvfb is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("Xvfb") is None or sys.platform != "linux", reason="needs Xvfb (Linux)")
def test_primary_selection_cases_under_a_real_x_server(tmp_path: Path) -> None:
    display = f":{90 + os.getpid() % 500}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        socket = Path(f"/tmp/.X11-unix/X{display[1:]}")
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.05)
        if not socket.exists():
            pytest.skip("Xvfb did not start")
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "t"),
             str(ROOT / "tests" / "ui" / "x11_primary_selection.py")],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        if "could not connect to display" in result.stdout + result.stderr or \
                "Could not load the Qt platform plugin" in result.stdout + result.stderr:
            pytest.skip("Qt's xcb platform is not usable here")
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
        assert "2 passed" in result.stdout
    finally:
        server.kill()
        server.wait()
