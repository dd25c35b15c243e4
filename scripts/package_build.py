"""Build the packages: the wheel, a clean virtual environment holding it, and the frozen desktop app.

Usage:  .venv/bin/python scripts/package_build.py wheel [--dist dist]
        .venv/bin/python scripts/package_build.py app [--dist dist]
        python scripts/package_build.py wix-files [--dist dist] [--out build/wix/files.wxs]   (Windows MSI)
Used by scripts/build-app, scripts/bench_package.py and tests/packaging. Works offline: the wheel is built
without build isolation (setuptools and wheel come from the `build` extra), the test virtual environment gets
the wheel with --no-deps and borrows the dependencies already installed for this interpreter.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.neccompanion.NECCompanion"
APP_FOLDER = "nec-companion"  # the frozen app's folder and executable name
SPEC = ROOT / "packaging" / "nec-companion.spec"
# What a source build needs; copied to a scratch folder so stale build/ output in the checkout never leaks in.
SOURCE_ITEMS = ("nec_companion", "resources", "pyproject.toml", "setup.py", "README.md", "LICENSE")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a child that must not see this checkout (no PYTHONPATH, no user site)."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    env["PYTHONNOUSERSITE"] = "1"
    env.update(extra)
    return env


def build_wheel(dist: Path) -> Path:
    """Build the wheel from a copy of the sources into `dist`; returns its path."""
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nec-wheel-") as scratch:
        source = Path(scratch) / "source"
        source.mkdir()
        for item in SOURCE_ITEMS:
            path = ROOT / item
            if path.is_dir():
                shutil.copytree(path, source / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(path, source / item)
        before = set(dist.glob("*.whl"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                        "--no-build-isolation", "--no-deps", "--wheel-dir", str(dist), str(source)],
                       check=True, cwd=scratch, env=clean_env(), stdout=subprocess.DEVNULL)
    built = sorted(set(dist.glob("nec_companion-*.whl")) - before) or sorted(dist.glob("nec_companion-*.whl"))
    return max(built, key=lambda p: p.stat().st_mtime)


def install_wheel(wheel: Path, venv: Path) -> Path:
    """A fresh virtual environment with only the wheel installed (no checkout, no editable install); the
    dependencies (PySide6, markdown, ...) are borrowed from this interpreter's environment through a .pth line,
    so it works offline. Returns the folder of its scripts (bin/ or Scripts/)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--disable-pip-version-check", "--no-deps", "--no-index", str(wheel)],
                   check=True, env=clean_env(), stdout=subprocess.DEVNULL)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True, env=clean_env()).stdout.strip())
    # A plain path line: it adds the folder only, so this environment's editable-install hook (a .pth in that
    # folder) is NOT run, and `nec_companion` can come only from the wheel.
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "_nec_companion_borrowed_deps.pth").write_text("".join(f"{d}\n" for d in sorted(deps)),
                                                          encoding="utf-8")
    return bin_dir


def build_app(dist: Path, work: Path | None = None) -> Path:
    """Freeze the desktop app with PyInstaller (folder mode) into dist/nec-companion; returns that folder."""
    work = work or (ROOT / "build" / "pyinstaller")
    if sys.platform == "win32":  # the .exe icon; the spec picks it up from build/icons/
        make_ico(ROOT / "resources" / "icons" / f"{APP_ID}.svg", ROOT / "build" / "icons" / f"{APP_ID}.ico")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
                   check=True, cwd=ROOT, env=clean_env())
    return dist / APP_FOLDER


def wix_files(app: Path) -> str:
    """The WiX v5 fragment listing every file of the frozen app folder (component group AppFiles, one
    component per file, under INSTALLFOLDER of packaging/windows/nec-companion.wxs), with absolute sources."""
    from hashlib import sha1
    from xml.sax.saxutils import quoteattr

    def ident(prefix: str, relative: str) -> str:
        return f"{prefix}{sha1(relative.encode()).hexdigest()[:20]}"

    def directory(folder: Path, depth: int) -> list[str]:
        lines = []
        for child in sorted(p for p in folder.iterdir() if p.is_dir()):
            relative = child.relative_to(app).as_posix()
            pad = "  " * depth
            lines.append(f"{pad}<Directory Id={quoteattr(ident('d', relative))} Name={quoteattr(child.name)}>")
            lines += directory(child, depth + 1)
            lines.append(f"{pad}</Directory>")
        return lines

    components = []
    for path in sorted(p for p in app.rglob("*") if p.is_file()):
        relative = path.relative_to(app).as_posix()
        parent = path.parent.relative_to(app).as_posix()
        folder_id = "INSTALLFOLDER" if parent == "." else ident("d", parent)
        components.append(f"      <Component Id={quoteattr(ident('c', relative))} Directory={quoteattr(folder_id)}>"
                          f"<File Id={quoteattr(ident('f', relative))} Source={quoteattr(str(path.resolve()))} "
                          f"KeyPath=\"yes\" /></Component>")
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- Generated by scripts/package_build.py wix-files from the frozen app folder: do not edit. -->",
        '<Wix xmlns="http://wixtoolset.org/schemas/v4/wxs">',
        "  <Fragment>",
        '    <DirectoryRef Id="INSTALLFOLDER">',
        *directory(app, 3),
        "    </DirectoryRef>",
        '    <ComponentGroup Id="AppFiles">',
        *components,
        "    </ComponentGroup>",
        "  </Fragment>",
        "</Wix>",
        "",
    ])


def make_ico(svg: Path, out: Path) -> Path:
    """The Windows executable's icon (256 px .ico) drawn from the SVG with Qt, in a child process."""
    code = f"""
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QColor
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtCore import QRectF
app = QGuiApplication([])
image = QImage(256, 256, QImage.Format.Format_ARGB32)
image.fill(QColor(0, 0, 0, 0))
painter = QPainter(image)
QSvgRenderer({str(svg)!r}).render(painter, QRectF(0, 0, 256, 256))
painter.end()
raise SystemExit(0 if image.save({str(out)!r}, "ICO") else 1)
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", code], check=True, env=clean_env(QT_QPA_PLATFORM="offscreen"))
    return out


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["wheel", "app", "wix-files"])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "wix" / "files.wxs", help="for wix-files")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.what == "wix-files":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(wix_files(args.dist / APP_FOLDER), encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    if args.what == "wheel":
        built = build_wheel(args.dist)
        size = built.stat().st_size
    else:
        built = build_app(args.dist)
        size = folder_size(built)
    print(f"built {built} ({size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
