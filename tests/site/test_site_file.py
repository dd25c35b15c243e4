"""The hospital's site file: defaults, every key, problems as file:line: reason, check-site."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_companion import cli
from nec_companion.site import EXAMPLE, KEYS, SITE_FILE_ENV, SiteSettings, load_site, site_file_location


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_default_file_gives_defaults_without_a_problem(tmp_path: Path) -> None:
    loaded = load_site(tmp_path / "absent.toml")
    assert loaded.settings == SiteSettings()
    assert loaded.problems == ()
    assert loaded.settings.allow_printing and loaded.settings.allow_backups and loaded.settings.allow_unprotected_files


def test_missing_named_file_is_a_problem_but_still_defaults(tmp_path: Path) -> None:
    loaded = load_site(tmp_path / "absent.toml", required=True)
    assert loaded.settings == SiteSettings()
    assert len(loaded.problems) == 1 and loaded.problems[0].startswith(f"{tmp_path / 'absent.toml'}:1:")


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, """
hospital_name = "St  Example   Hospital"
unit_name = "Neonatal Unit"
journals_folder = "thaw/journals"
language = "es"
auto_lock_minutes = 2
auto_lock_max_minutes = 4
paper_size = "letter"
allow_unprotected_files = false
allow_backups = false
allow_printing = false
unit_pages_folder = "/srv/unit-pages"
""")
    loaded = load_site(path)
    assert loaded.problems == ()
    s = loaded.settings
    assert s.hospital_name == "St Example Hospital" and s.unit_name == "Neonatal Unit"
    assert s.place == "Neonatal Unit, St Example Hospital"
    assert s.journals_folder == tmp_path / "thaw" / "journals"  # relative to the site file's folder
    assert s.language == "es" and s.paper_size == "Letter"
    assert (s.auto_lock_minutes, s.auto_lock_max_minutes) == (2, 4)
    assert not s.allow_unprotected_files and not s.allow_backups and not s.allow_printing
    assert s.unit_pages_folder == Path("/srv/unit-pages")


def test_example_in_the_module_is_valid(tmp_path: Path) -> None:
    loaded = load_site(write(tmp_path, EXAMPLE))
    assert loaded.problems == ()
    assert loaded.settings.auto_lock_max_minutes == 5


@pytest.mark.parametrize(("line", "reason"), [
    ('colour = "blue"', "unknown key 'colour'"),
    ('allow_printing = "no"', "allow_printing must be true or false"),
    ("auto_lock_minutes = 30", "auto_lock_minutes must be between 1 and 10 (got 30)"),
    ("auto_lock_max_minutes = 0", "auto_lock_max_minutes must be between 1 and 10"),
    ("auto_lock_minutes = 2.5", "auto_lock_minutes must be a whole number"),
    ('paper_size = "A3"', "paper_size must be one of"),
    ('language = "fr"', "language must be one of"),
    ("hospital_name = 12", "hospital_name must be text"),
    ('journals_folder = ""', "journals_folder must be a folder path"),
])
def test_a_bad_key_keeps_its_default_and_names_the_line(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path, f'unit_name = "NICU"\n\n{line}\n')
    loaded = load_site(path)
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith(f"{path}:3: {reason}")
    key = line.split("=")[0].strip()
    if key in KEYS:
        assert getattr(loaded.settings, key) == getattr(SiteSettings(), key)
    assert loaded.settings.unit_name == "NICU"  # the good keys still apply


def test_default_lock_longer_than_the_maximum_is_clamped(tmp_path: Path) -> None:
    path = write(tmp_path, "auto_lock_max_minutes = 4\nauto_lock_minutes = 8\n")
    loaded = load_site(path)
    assert loaded.settings.auto_lock_minutes == 4
    assert loaded.problems and loaded.problems[0].startswith(f"{path}:2:")
    assert loaded.settings.clamp_lock_minutes(9) == 4 and loaded.settings.clamp_lock_minutes(2) == 2


def test_broken_toml_gives_defaults_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'unit_name = "NICU"\nallow_printing = \n')
    loaded = load_site(path)
    assert loaded.settings == SiteSettings()
    assert len(loaded.problems) == 1 and loaded.problems[0].startswith(f"{path}:2: not valid TOML")


def test_binary_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    loaded = load_site(path)
    assert loaded.settings == SiteSettings() and loaded.problems


def test_location_order_flag_then_env_then_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = tmp_path / "default.toml"
    monkeypatch.delenv(SITE_FILE_ENV, raising=False)
    assert site_file_location(None, default) == (default, False)
    monkeypatch.setenv(SITE_FILE_ENV, str(tmp_path / "env.toml"))
    assert site_file_location(None, default) == (tmp_path / "env.toml", True)
    assert site_file_location(tmp_path / "flag.toml", default) == (tmp_path / "flag.toml", True)


def test_check_site_exit_codes_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, 'unit_name = "NICU"\nallow_backups = false\n')
    assert cli.main(["check-site", str(good)]) == 0
    out = capsys.readouterr().out
    assert "unit_name = NICU" in out and "allow_backups = False" in out and "0 problems." in out
    bad = tmp_path / "bad.toml"
    bad.write_text("allow_backups = 3\n", encoding="utf-8")
    assert cli.main(["check-site", str(bad)]) == 1
    assert f"{bad}:1: allow_backups must be true or false" in capsys.readouterr().out
    assert cli.main(["check-site", str(tmp_path / "none.toml")]) == 1


def test_check_site_is_listed_in_help() -> None:
    assert "check-site" in cli.commands_help()
    assert "check-site" in cli.COMMANDS
