"""The hospital's settings for every family on one computer: one machine-wide TOML file kept by hospital IT.

Where: `paths.site_file()` (platformdirs' site config folder: /etc/xdg/nec-companion/site.toml on Linux,
%ProgramData%\\nec-companion\\site.toml on Windows), or the file named by $NEC_COMPANION_SITE_FILE or `--site FILE`.

A missing file means the defaults. A damaged file, an unknown key, a value of the wrong type or out of range
never stops the app: that key keeps its safe default and a problem `file:line: reason` is reported (to the
diagnostic log at start, and by `nec-companion check-site`). The file holds no family data. No Qt here.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from nec_companion.core.i18n import N_

SITE_FILE_ENV = "NEC_COMPANION_SITE_FILE"
LANGUAGES = ("en", "es")
PAPER_SIZES = ("auto", "A4", "Letter")
#: The range of the app's own auto-lock setting (Settings screen); the site may only narrow it.
MIN_LOCK_MINUTES = 1
MAX_LOCK_MINUTES = 10
NAME_MAX_CHARS = 120
#: A message id (shown with `_(site.TURNED_OFF)`) for a button or screen the hospital turned off.
TURNED_OFF = N_("Your hospital has turned this off on this computer.")


@dataclass(frozen=True)
class SiteSettings:
    """Every setting a hospital can make. The defaults are what a computer without a site file gets."""

    hospital_name: str = ""
    unit_name: str = ""
    journals_folder: Path | None = None  # None: the user's local data folder
    language: str = "en"
    auto_lock_minutes: int = 3
    auto_lock_max_minutes: int = MAX_LOCK_MINUTES
    paper_size: str = "auto"
    allow_unprotected_files: bool = True
    allow_backups: bool = True
    allow_printing: bool = True
    unit_pages_folder: Path | None = None

    @property
    def place(self) -> str:
        """"Neonatal unit, St Example Hospital" (or either one alone, or "" when the site names neither)."""
        return ", ".join(part for part in (self.unit_name, self.hospital_name) if part)

    def clamp_lock_minutes(self, minutes: int) -> int:
        """The family's auto-lock choice, never longer than the hospital's maximum."""
        return max(MIN_LOCK_MINUTES, min(self.auto_lock_max_minutes, int(minutes)))


@dataclass(frozen=True)
class SiteLoad:
    settings: SiteSettings
    problems: tuple[str, ...] = ()
    source: Path | None = None  # the file read (None: no file, defaults)
    found: bool = False


_KINDS: dict[str, str] = {
    "hospital_name": "text", "unit_name": "text", "journals_folder": "folder", "language": "language",
    "auto_lock_minutes": "minutes", "auto_lock_max_minutes": "minutes", "paper_size": "paper",
    "allow_unprotected_files": "bool", "allow_backups": "bool", "allow_printing": "bool",
    "unit_pages_folder": "folder",
}
KEYS = tuple(f.name for f in fields(SiteSettings))
assert set(KEYS) == set(_KINDS)


def _line_of(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def _folder(value: str, base: Path) -> Path:
    expanded = Path(os.path.expandvars(os.path.expanduser(value)))
    return expanded if expanded.is_absolute() else base / expanded


def _check(kind: str, key: str, value: object, base: Path) -> tuple[object, str | None]:
    """(converted value, None) or (None, reason)."""
    if kind == "text":
        if not isinstance(value, str):
            return None, f"{key} must be text in quotes"
        cleaned = " ".join(value.split())
        if len(cleaned) > NAME_MAX_CHARS:
            return None, f"{key} is longer than {NAME_MAX_CHARS} characters"
        return cleaned, None
    if kind == "folder":
        if not isinstance(value, str) or not value.strip():
            return None, f"{key} must be a folder path in quotes"
        return _folder(value.strip(), base), None
    if kind == "language":
        if value not in LANGUAGES:
            return None, f"{key} must be one of {', '.join(repr(v) for v in LANGUAGES)}"
        return value, None
    if kind == "paper":
        if not isinstance(value, str):
            return None, f"{key} must be one of {', '.join(repr(v) for v in PAPER_SIZES)}"
        match = next((p for p in PAPER_SIZES if p.lower() == value.strip().lower()), None)
        if match is None:
            return None, f"{key} must be one of {', '.join(repr(v) for v in PAPER_SIZES)}"
        return match, None
    if kind == "minutes":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"{key} must be a whole number of minutes"
        if not MIN_LOCK_MINUTES <= value <= MAX_LOCK_MINUTES:
            return None, f"{key} must be between {MIN_LOCK_MINUTES} and {MAX_LOCK_MINUTES} (got {value})"
        return value, None
    if not isinstance(value, bool):
        return None, f"{key} must be true or false"
    return value, None


def parse_site(text: str, source: Path) -> tuple[SiteSettings, tuple[str, ...]]:
    """Settings and problems from the text of a site file (`source` names it in problems and anchors paths)."""
    problems: list[str] = []
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        line = found.group(1) if found else "1"
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return SiteSettings(), (f"{source}:{line}: not valid TOML ({message}); using the defaults",)
    values: dict[str, object] = {}
    for key, value in raw.items():
        line = _line_of(text, key)
        kind = _KINDS.get(key)
        if kind is None:
            known = ", ".join(KEYS)
            problems.append(f"{source}:{line}: unknown key {key!r} (known keys: {known})")
            continue
        converted, reason = _check(kind, key, value, source.parent)
        if reason is not None:
            problems.append(f"{source}:{line}: {reason}; using the default")
            continue
        values[key] = converted
    settings = replace(SiteSettings(), **values)  # type: ignore[arg-type]
    if settings.auto_lock_minutes > settings.auto_lock_max_minutes:
        line = _line_of(text, "auto_lock_minutes")
        problems.append(f"{source}:{line}: auto_lock_minutes ({settings.auto_lock_minutes}) is more than "
                        f"auto_lock_max_minutes ({settings.auto_lock_max_minutes}); using the maximum")
        settings = replace(settings, auto_lock_minutes=settings.auto_lock_max_minutes)
    return settings, tuple(problems)


def load_site(path: Path | None = None, *, required: bool = False) -> SiteLoad:
    """Read the site file at `path`. Missing: defaults (a problem only when `required`, i.e. IT named the file).
    Never raises for a bad file."""
    if path is None:
        return SiteLoad(SiteSettings())
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems: tuple[str, ...] = (
            (f"{path}:1: the site file does not exist; using the defaults",) if required else ())
        return SiteLoad(SiteSettings(), problems, path, found=False)
    except OSError as error:
        errno = f", errno {error.errno}" if error.errno else ""
        return SiteLoad(SiteSettings(), (f"{path}:1: the site file could not be read ({type(error).__name__}"
                                         f"{errno}); using the defaults",),
                        path, found=False)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return SiteLoad(SiteSettings(), (f"{path}:1: the site file is not UTF-8 text; using the defaults",),
                        path, found=True)
    settings, problems = parse_site(text, path)
    return SiteLoad(settings, problems, path, found=True)


def site_file_location(explicit: Path | None, default: Path) -> tuple[Path, bool]:
    """(the file to read, whether someone named it): `--site FILE`, then $NEC_COMPANION_SITE_FILE, then the
    machine-wide default."""
    if explicit is not None:
        return explicit, True
    from_env = os.environ.get(SITE_FILE_ENV, "").strip()
    if from_env:
        return Path(from_env), True
    return default, False


# ----- the settings in force for this run (set once by the composition root, app.py) -----

_active: list[SiteSettings] = [SiteSettings()]


def active() -> SiteSettings:
    """The hospital's settings for this run (the defaults until the app activates a site file)."""
    return _active[0]


def activate(settings: SiteSettings) -> SiteSettings:
    """Make `settings` the ones in force; returns the previous ones (tests put them back)."""
    previous = _active[0]
    _active[0] = settings
    return previous


EXAMPLE = """\
# NEC Companion: settings for this computer, kept by hospital IT. Every key is optional.
hospital_name = "St Example Hospital"
unit_name = "Neonatal Intensive Care Unit"
# journals_folder = "D:/ThawSpace/nec-companion"   # a folder that survives restarts and resets
language = "en"
auto_lock_minutes = 3
auto_lock_max_minutes = 5
paper_size = "auto"            # "A4", "Letter" or "auto" (from the computer's region)
allow_unprotected_files = true # PDF and CSV files a family saves (never encrypted)
allow_backups = true           # encrypted backups (for a USB stick)
allow_printing = true
# unit_pages_folder = "C:/ProgramData/nec-companion/unit-pages"
"""

__all__ = [
    "EXAMPLE",
    "KEYS",
    "LANGUAGES",
    "PAPER_SIZES",
    "SITE_FILE_ENV",
    "TURNED_OFF",
    "SiteLoad",
    "SiteSettings",
    "activate",
    "active",
    "load_site",
    "parse_site",
    "site_file_location",
]
