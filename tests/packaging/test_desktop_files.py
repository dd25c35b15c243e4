"""Linux desktop integration: one reverse-DNS app id everywhere, a valid .desktop file and AppStream metainfo
(checked by the freedesktop validators), screenshots that exist, and an icon that draws at 16 px."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from nec_companion.paths import APP_ID
from tests.conftest import ROOT

LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICON = ROOT / "resources" / "icons" / f"{APP_ID}.svg"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (scripts/setup.sh installs it on Debian/Ubuntu)")
    return path


def _desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_app_id_is_reverse_dns_and_names_every_file() -> None:
    parts = APP_ID.split(".")
    assert len(parts) == 3 and all(p.isascii() and p.replace("_", "").isalnum() for p in parts)
    entry = _desktop_entry()
    root = ET.parse(METAINFO).getroot()
    assert entry["Icon"] == APP_ID == ICON.stem
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("icon") == APP_ID
    assert root.findtext("provides/binary") == entry["Exec"] == "nec-companion"


def test_running_app_uses_the_app_id_and_the_icon(tmp_path: Path) -> None:
    """Qt's desktop file name (the Wayland app id) is the app id, and the window icon is the bundled SVG."""
    code = f"""
import sys
from nec_companion.app import main
code = main(["nec-companion", "--exit-after-startup", "--home", {str(tmp_path)!r}])
from PySide6.QtWidgets import QApplication
app = QApplication.instance()
print(app.desktopFileName(), app.applicationName(), app.windowIcon().pixmap(16, 16).isNull())
sys.exit(code)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90, cwd=ROOT,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    desktop_name, *app_name, icon_null = result.stdout.split()
    assert desktop_name == APP_ID
    assert icon_null == "False"
    # X11 matches windows to the menu entry by WM_CLASS, whose class Qt takes from the application name.
    assert _desktop_entry()["StartupWMClass"] == " ".join(app_name)


def test_desktop_file_passes_desktop_file_validate() -> None:
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout + result.stderr
    entry = _desktop_entry()
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert {"Name", "GenericName", "Comment", "Categories", "Keywords"} <= set(entry)


def test_metainfo_passes_appstream_validation() -> None:
    result = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "E:" not in output and "W:" not in output


def test_metainfo_screenshots_are_files_in_the_repository() -> None:
    root = ET.parse(METAINFO).getroot()
    images = [image.text or "" for image in root.iter("image")]
    assert len(images) >= 3
    assert sum(1 for s in root.iter("screenshot") if s.get("type") == "default") == 1
    for url in images:
        assert url.startswith("https://")
        relative = url.split("/docs/screenshots/", 1)[1]
        image = ROOT / "docs" / "screenshots" / relative
        assert image.is_file(), url
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    licence = root.findtext("project_license")
    assert licence == "MIT" and root.findtext("metadata_license") == "CC0-1.0"


def test_icon_draws_at_16_pixels(qapp) -> None:
    """The SVG parses and at 16x16 shows a filled tile with a lighter shape on it (not blank, not one colour)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    text = ICON.read_text(encoding="utf-8")
    assert "<text" not in text
    renderer = QSvgRenderer(str(ICON))
    assert renderer.isValid()
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 16, 16))
    painter.end()
    pixels = [QColor(image.pixel(x, y)) for x in range(16) for y in range(16)]
    opaque = [colour for colour in pixels if colour.alpha() > 200]
    assert len(opaque) > 180
    lightness = sorted(c.lightness() for c in opaque)
    assert lightness[-1] - lightness[0] > 80  # the shape stands out from its tile


def test_install_desktop_files_puts_everything_in_place(tmp_path: Path) -> None:
    result = subprocess.run([str(ROOT / "scripts" / "install-desktop-files"), "--exec", "/opt/nec/nec-companion",
                             str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    share = tmp_path / "share"
    installed = share / "applications" / DESKTOP.name
    assert _desktop_entry(installed)["Exec"] == "/opt/nec/nec-companion"
    assert (share / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / ICON.name).read_bytes() == ICON.read_bytes()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(installed)]).returncode == 0
