"""The layer rule: everything but the UI imports no Qt, and the app has no network code at all."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "nec_companion"
QT_FREE = [p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name not in {"ui", "__pycache__"}] + [
    p.stem for p in PACKAGE.glob("*.py") if p.stem not in {"app", "__init__"}]
NETWORK_MODULES = {"socket", "ssl", "http", "urllib", "ftplib", "smtplib", "poplib", "imaplib", "telnetlib",
                   "xmlrpc", "asyncio", "socketserver", "requests", "httpx", "aiohttp", "websocket", "webbrowser"}


def test_qt_free_packages_do_not_import_pyside6() -> None:
    """Importing every Qt-free module leaves PySide6 out of sys.modules (checked in a fresh interpreter)."""
    modules = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        if rel.parts[1] in {"ui", "app"} or rel.parts[1] == "export" and rel.stem == "pdf":
            continue
        modules.append(".".join(rel.parts).removesuffix(".__init__"))
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + \
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\nprint(bad)\nsys.exit(1 if bad else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(modules) >= 8


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_imports_network_code() -> None:
    """No source file imports a networking module, Qt's network module included."""
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        bad = {n for n in _imports(path) if n.split(".")[0] in NETWORK_MODULES or "QtNetwork" in n
               or "QtWebEngine" in n}
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_running_app_opens_no_socket(tmp_path: Path) -> None:
    """Start the real app to its first painted frame with every socket call audited: none happens."""
    code = f"""
import sys, os
events = []
def hook(event, args):
    if event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.")):
        events.append(event)
sys.addaudithook(hook)
sys.argv = ["nec-companion", "--exit-after-startup", "--home", {str(tmp_path)!r}]
from nec_companion.app import main
code = main()
import nec_companion.cli
from nec_companion.cli import main as cli_main
cli_main(["search", "milk"])
loaded = sorted(m for m in sys.modules if "QtNetwork" in m or m in ("socket", "ssl", "http.client"))
print("EVENTS", events, "LOADED", loaded)
sys.exit(code or (1 if events else 0))
"""
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=90,
                            env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "EVENTS [] " in result.stdout
    assert "QtNetwork" not in result.stdout
