"""The Windows recipe, as far as Linux can check it: the WiX sources are well formed and per-machine, the
generated file list covers every file once, the .exe icon can be drawn, and the workflow installs silently,
starts the app and uninstalls. The workflow itself only runs on a Windows runner (never here)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import ROOT
from tests.packaging.conftest import package_build

WIX = "{http://wixtoolset.org/schemas/v4/wxs}"
WXS = ROOT / "packaging" / "windows" / "nec-companion.wxs"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-msi.yml"


def test_wix_fragment_lists_every_file_once(tmp_path: Path) -> None:
    app = tmp_path / "nec-companion"
    files = ["nec-companion.exe", "_internal/base_library.zip", "_internal/PySide6/Qt/translations/qtbase_es.qm",
             "_internal/nec_companion/resources/library/nec-basics/what-is-nec.md", "_internal/a & b/it's.txt"]
    for name in files:
        (app / name).parent.mkdir(parents=True, exist_ok=True)
        (app / name).write_text(name, encoding="utf-8")
    root = ET.fromstring(package_build.wix_files(app))
    directories = {d.get("Id"): d for d in root.iter(f"{WIX}Directory")}
    components = list(root.iter(f"{WIX}Component"))
    sources = sorted(c.find(f"{WIX}File").get("Source") for c in components)
    assert sources == sorted(str((app / name).resolve()) for name in files)
    ids = [e.get("Id") for e in root.iter() if e.get("Id")]
    assert len(ids) == len(set(ids))
    assert all(len(i) <= 72 and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", i) for i in ids)
    for component in components:
        assert component.get("Directory") == "INSTALLFOLDER" or component.get("Directory") in directories
    assert {d.get("Name") for d in directories.values()} == {"_internal", "PySide6", "Qt", "translations",
                                                            "nec_companion", "resources", "library", "nec-basics",
                                                            "a & b"}


def test_msi_is_per_machine_upgradable_with_a_start_menu_shortcut() -> None:
    package = ET.parse(WXS).getroot().find(f"{WIX}Package")
    assert package.get("Scope") == "perMachine"
    assert re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", package.get("UpgradeCode"))
    assert package.find(f"{WIX}MajorUpgrade") is not None
    assert [d.get("Id") for d in package.findall(f"{WIX}StandardDirectory")] == ["ProgramFiles64Folder",
                                                                                 "ProgramMenuFolder"]
    shortcut = next(package.iter(f"{WIX}Shortcut"))
    assert shortcut.get("Target") == "[INSTALLFOLDER]nec-companion.exe"
    spec = (ROOT / "packaging" / "nec-companion.spec").read_text(encoding="utf-8")
    assert 'name="nec-companion", console=not windows' in spec.replace("\n", " ").replace("    ", "")
    assert [r.get("Id") for r in package.iter(f"{WIX}ComponentGroupRef")] == ["AppFiles"]


def test_workflow_builds_installs_starts_and_uninstalls_on_windows() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in text
    steps = [line.strip() for line in text.splitlines() if line.strip().startswith("- name:")]
    assert len(steps) >= 7
    order = [text.index(s) for s in ("package_build.py app", "wix build", '"/i"', '"/qn"', "--exit-after-startup",
                                     '"/x"')]
    assert order[:2] == sorted(order[:2]) and order[2] < order[-1]
    assert text.count("--exit-after-startup") >= 3  # the frozen folder, the installed console and desktop exes
    assert "ALLUSERS=1" in text and "ProgramData" in text
    assert "onefile" not in text and "--onefile" not in (ROOT / "packaging" / "nec-companion.spec").read_text()


def test_windows_icon_is_drawn_from_the_svg(tmp_path: Path, qapp) -> None:
    from PySide6.QtGui import QImage

    ico = package_build.make_ico(ROOT / "resources" / "icons" / f"{package_build.APP_ID}.svg", tmp_path / "x.ico")
    image = QImage(str(ico))
    assert (image.width(), image.height()) == (256, 256)
    assert image.pixelColor(128, 128).alpha() == 255 and image.pixelColor(1, 1).alpha() == 0
