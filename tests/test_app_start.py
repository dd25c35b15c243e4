"""Starting the real app: first frame then exit, one instance per computer, window placement remembered."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_exit_after_startup_paints_and_exits_zero(tmp_path: Path) -> None:
    """`main.py --exit-after-startup` shows the window, paints it and exits 0 on its own."""
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(tmp_path)],
                            capture_output=True, text=True, timeout=60, env=_env())
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_exit_after_startup_waits_for_a_searchable_library(tmp_path: Path) -> None:
    """The command returns only once the library is loaded and indexed: its cache exists when it exits, and a
    second start loads the library from that cache."""
    args = [sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(tmp_path)]
    first = subprocess.run(args, capture_output=True, text=True, timeout=60, env=_env())
    assert first.returncode == 0, first.stderr
    cache = tmp_path / "data" / "cache" / "library.cache"
    assert cache.is_file() and cache.stat().st_size > 10_000
    built = cache.stat().st_mtime_ns
    second = subprocess.run(args, capture_output=True, text=True, timeout=60, env=_env())
    assert second.returncode == 0, second.stderr
    assert cache.stat().st_mtime_ns == built  # reused, not rebuilt


def test_exit_after_startup_fails_when_the_library_cannot_load(tmp_path: Path) -> None:
    """If loading the library raises, or loads no article at all, the command exits non-zero."""
    for failure in ("raise RuntimeError('boom')",
                    "from nec_companion.content.model import Library; return Library({}, {}), None"):
        code = (f"import sys\nimport nec_companion.app as app\ndef broken(paths):\n    {failure}\n"
                f"app.build_library = broken\n"
                f"sys.exit(app.main(['nec-companion', '--exit-after-startup', '--home', {str(tmp_path)!r}]))\n")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                                env=_env(), cwd=ROOT)
        assert result.returncode == 1, (failure, result.stderr)
        assert "Traceback" not in result.stderr


def test_main_window_signals_its_first_paint(qtbot) -> None:
    """The window emits first_paint once it has really painted (what --exit-after-startup waits for)."""
    from nec_companion.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_paint, timeout=5000):
        window.show()


def test_second_launch_brings_the_first_forward(tmp_path: Path) -> None:
    """A second launch exits at once and the first copy picks up its request to come forward."""
    first = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--home", str(tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    try:
        lock = tmp_path / "run" / "instance.lock"
        deadline = time.monotonic() + 30
        while not lock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert lock.exists(), "the first copy never took the lock"
        second = subprocess.run([sys.executable, str(ROOT / "main.py"), "--home", str(tmp_path)],
                                capture_output=True, text=True, timeout=60, env=_env())
        assert second.returncode == 0
        assert "already open" in second.stderr
        request = tmp_path / "run" / "raise-request"
        deadline = time.monotonic() + 10
        while request.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not request.exists(), "the first copy did not answer the request"
        assert first.poll() is None, "the first copy must keep running"
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_lock_left_by_a_killed_copy_does_not_block_start(tmp_path: Path) -> None:
    """After a copy is killed (kill -9) and leaves its lock behind, the next launch starts normally."""
    first = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--home", str(tmp_path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    lock = tmp_path / "run" / "instance.lock"
    deadline = time.monotonic() + 30
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    first.kill()
    first.wait(timeout=30)
    assert lock.exists()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(tmp_path)],
                            capture_output=True, text=True, timeout=60, env=_env())
    assert result.returncode == 0, result.stderr
    assert "already open" not in result.stderr


def test_window_placement_is_remembered(tmp_path: Path) -> None:
    """After a run, the window's size and place are in the settings file, and a damaged file is survived."""
    args = [sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(tmp_path)]
    assert subprocess.run(args, capture_output=True, timeout=60, env=_env()).returncode == 0
    import json

    settings = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert len(settings["window_geometry"]) > 20
    (tmp_path / "config" / "settings.json").write_text("\x00garbage", encoding="utf-8")
    again = subprocess.run(args, capture_output=True, text=True, timeout=60, env=_env())
    assert again.returncode == 0 and "Traceback" not in again.stderr


def test_unexpected_error_gets_a_kind_message_not_a_traceback(qtbot, monkeypatch) -> None:
    """An unexpected error in a slot shows a calm message, and only the error's kind is logged."""
    import sys

    from PySide6.QtWidgets import QMessageBox, QWidget

    from nec_companion.app import install_kind_error_handler

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    parent = QWidget()
    qtbot.addWidget(parent)
    install_kind_error_handler(parent)
    try:
        raise ValueError("secret journal text")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert shown and "Everything already saved in your journal is safe" in shown[0]
    assert "secret" not in shown[0]
