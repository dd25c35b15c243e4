"""The site file at start-up: a bad file never stops the app, problems reach the diagnostic log, the hospital's
auto-lock limits, journals folder, printing switch and name are used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nec_companion import app, site
from nec_companion.paths import default_paths
from nec_companion.settings import Preferences
from nec_companion.site import SiteSettings
from tests.conftest import ROOT


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop(site.SITE_FILE_ENV, None)
    return env


def _run_app_with_site(tmp_path: Path, site_file: Path, on_show: str, on_library: str) -> str:
    """Start the real app with `--site site_file` and `--exit-after-startup`; `on_show` and `on_library` are what
    to print (Python, with `self`, and `library`) when the window shows and when its library is set. Returns what
    the app printed."""
    code = f"""
import sys
import nec_companion.ui.main_window as mw
show, set_library = mw.MainWindow.show, mw.MainWindow.set_library
def patched_show(self):
    show(self)
    print({on_show}, flush=True)
def patched_set_library(self, library, index):
    set_library(self, library, index)
    print({on_library}, flush=True)
mw.MainWindow.show, mw.MainWindow.set_library = patched_show, patched_set_library
from nec_companion.app import main
sys.exit(main(["nec-companion", "--exit-after-startup", "--home", {str(tmp_path / "home")!r},
               "--site", {str(site_file)!r}]))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90, env=_env(),
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bad_site_file_does_not_stop_the_app_and_is_logged(tmp_path: Path) -> None:
    site_file = tmp_path / "site.toml"
    site_file.write_text('unit_name = "NICU"\nauto_lock_minutes = "soon"\nwhat = 1\n', encoding="utf-8")
    home = tmp_path / "home"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(home),
                             "--site", str(site_file)], capture_output=True, text=True, timeout=60, env=_env())
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    log_text = (home / "logs" / "nec-companion.log").read_text(encoding="utf-8")
    assert f"{site_file}:2: auto_lock_minutes must be a whole number" in log_text
    assert f"{site_file}:3: unknown key 'what'" in log_text


def test_site_file_from_the_environment_and_a_missing_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = _env()
    env[site.SITE_FILE_ENV] = str(tmp_path / "absent.toml")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--exit-after-startup", "--home", str(home)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "the site file does not exist" in (home / "logs" / "nec-companion.log").read_text(encoding="utf-8")


def test_load_site_settings_activates_them(tmp_path: Path) -> None:
    site_file = tmp_path / "site.toml"
    site_file.write_text('hospital_name = "St Example"\nallow_printing = false\n', encoding="utf-8")
    previous = site.active()
    try:
        settings = app.load_site_settings(site_file)
        assert site.active() is settings
        assert settings.hospital_name == "St Example" and not settings.allow_printing
    finally:
        site.activate(previous)


def test_auto_lock_uses_the_site_default_until_the_family_chooses(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.json"
    hospital = SiteSettings(auto_lock_minutes=2, auto_lock_max_minutes=5)
    assert app.auto_lock_minutes(Preferences(), settings_file, hospital) == 2  # no choice saved yet
    settings_file.write_text(json.dumps({"auto_lock_minutes": 4}), encoding="utf-8")
    assert app.auto_lock_minutes(Preferences(auto_lock_minutes=4), settings_file, hospital) == 4
    settings_file.write_text(json.dumps({"auto_lock_minutes": 9}), encoding="utf-8")
    assert app.auto_lock_minutes(Preferences(auto_lock_minutes=9), settings_file, hospital) == 5  # the maximum


def test_journals_folder_from_the_site(tmp_path: Path) -> None:
    paths = default_paths(home=tmp_path)
    assert app.journals_data_dir(paths, SiteSettings()) == paths.data_dir
    thaw = tmp_path / "thawspace"
    assert app.journals_data_dir(paths, SiteSettings(journals_folder=thaw)) == thaw


@pytest.mark.usefixtures("qapp")
def test_about_names_the_hospital_and_settings_show_the_limit(qtbot) -> None:
    from nec_companion.ui.main_window import MainWindow

    window = MainWindow(allow_printing=False)
    qtbot.addWidget(window)
    assert "<h3>This computer</h3>" not in window.about_screen.body.text()
    window.about_screen.set_hospital("Neonatal Unit, St Example Hospital")
    assert "provided for families by Neonatal Unit, St Example Hospital" in window.about_screen.body.text()
    window.settings_screen.set_lock_maximum(5)
    window.settings_screen.idle_minutes.setValue(9)
    assert window.settings_screen.idle_minutes.value() == 5
    assert "longest time on this computer to 5 minutes" in window.settings_screen.lock_limit.text()
    assert not window.printing.allowed


def test_the_running_app_uses_the_site_file(tmp_path: Path) -> None:
    """Start the real app with a site file: printing off, the auto-lock limit, the hospital on About, and the
    unit's pages in the library."""
    site_file = tmp_path / "site.toml"
    site_file.write_text(f'hospital_name = "St Example"\nallow_printing = false\nauto_lock_max_minutes = 4\n'
                         f'unit_pages_folder = "{ROOT / "packaging" / "example-unit-pages"}"\n', encoding="utf-8")
    out = _run_app_with_site(
        tmp_path, site_file,
        on_show='"PRINTING", self.printing.allowed, "MAX", self.settings_screen.idle_minutes.maximum(), '
                '"ABOUT", "St Example" in self.about_screen.body.text()',
        on_library='"HOSPITAL-PAGES", len(library.in_category("hospital"))')
    assert "PRINTING False MAX 4 ABOUT True" in out
    assert "HOSPITAL-PAGES 5" in out


def test_the_running_app_speaks_the_sites_language(tmp_path: Path) -> None:
    """Issue 13: `language = "es"` in the site file makes the real app start in Spanish: its window, its library
    (the Spanish articles) and the language button offering English."""
    site_file = tmp_path / "site.toml"
    site_file.write_text('language = "es"\n', encoding="utf-8")
    out = _run_app_with_site(tmp_path, site_file,
                             on_show='"TAB", self.navigation.tabText(0), "BUTTON", self.language_button.text()',
                             on_library='"LIBRARY", library.lang')
    assert "TAB Biblioteca BUTTON English" in out
    assert "LIBRARY es" in out
