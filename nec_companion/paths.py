"""Where the app keeps its files: the only module that asks platformdirs (one override for tests and IT)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

from nec_companion.core.private_files import is_private_folder, make_private_folder

APP_NAME = "NEC Companion"
APP_SLUG = "nec-companion"
# Reverse-DNS id: the .desktop and metainfo file names, the icon name, Qt's desktop file name (Wayland app id).
APP_ID = "org.neccompanion.NECCompanion"
HOME_OVERRIDE_ENV = "NEC_COMPANION_HOME"


@dataclass(frozen=True)
class AppPaths:
    """Folders the app writes to. Journals live in `data_dir`; nothing identifying goes in `config_dir`."""

    data_dir: Path
    config_dir: Path
    runtime_dir: Path
    resources_dir: Path
    log_dir: Path | None = None  # the diagnostic log for IT (no family data); None: not kept


    @property
    def journals_dir(self) -> Path:
        return self.data_dir / "journals"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def library_dir(self) -> Path:
        return self.resources_dir / "library"

    @property
    def glossary_file(self) -> Path:
        return self.resources_dir / "glossary.toml"

    @property
    def fallback_runtime_dir(self) -> Path:
        """Where the instance lock goes when the usual runtime folder is not safely ours (audit M7)."""
        return self.data_dir / "run"

    def ensure(self) -> AppPaths:
        """Create every folder 0700 (whatever the umask) and return the paths to use. A runtime folder that is
        a symlink, belongs to another account or cannot be made private is not used: the lock goes in a
        private folder under the data folder instead (audit M5, M6, M7)."""
        for folder in (self.data_dir, self.config_dir):
            make_private_folder(folder)
        try:
            make_private_folder(self.runtime_dir)
        except OSError:
            pass
        if is_private_folder(self.runtime_dir):
            return self
        fallback = self.fallback_runtime_dir
        make_private_folder(fallback)
        if not is_private_folder(fallback):
            raise OSError(f"no private folder for the instance lock: {fallback}")
        return replace(self, runtime_dir=fallback)


def bundled_resources_dir() -> Path:
    """The articles, glossary and word lists shipped with the app: the one place every caller finds them.

    An installed wheel and the frozen app carry them inside the package (`nec_companion/resources`, package
    data); a source checkout (and an editable install) keeps them in the top-level `resources/` folder.
    """
    here = Path(__file__).resolve().parent
    candidates = [here / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller build: data files sit under its bundle folder
    if bundle:
        candidates.append(Path(bundle) / "nec_companion" / "resources")
    candidates.append(here.parent / "resources")
    for candidate in candidates:
        if (candidate / "library").is_dir():
            return candidate
    # Nothing shipped (a broken install): the caller reports the empty library; never guess a stranger folder.
    return candidates[0]


def default_paths(*, home: Path | None = None, resources_dir: Path | None = None) -> AppPaths:
    """Paths for this user; `home` (or $NEC_COMPANION_HOME) puts every folder under one directory."""
    resources = resources_dir or bundled_resources_dir()
    override = home or (Path(os.environ[HOME_OVERRIDE_ENV]) if os.environ.get(HOME_OVERRIDE_ENV) else None)
    if override is not None:
        return AppPaths(
            data_dir=override / "data",
            config_dir=override / "config",
            runtime_dir=override / "run",
            resources_dir=resources,
            log_dir=override / "logs",
        )
    # Local (not roaming) data: journals must not follow a profile to other computers or a synced folder.
    dirs = platformdirs.PlatformDirs(APP_SLUG, appauthor=False, roaming=False)
    return AppPaths(
        data_dir=Path(dirs.user_data_dir),
        config_dir=Path(dirs.user_config_dir),
        runtime_dir=Path(dirs.user_runtime_dir) if os.name != "nt" else Path(dirs.user_data_dir) / "run",
        resources_dir=resources,
        log_dir=Path(dirs.user_log_dir),
    )


def default_site_file() -> Path:
    """The machine-wide settings file hospital IT keeps (site.py): /etc/xdg/nec-companion/site.toml on Linux,
    %ProgramData%\\nec-companion\\site.toml on Windows, /Library/Application Support/nec-companion on macOS."""
    return Path(platformdirs.site_config_dir(APP_SLUG, appauthor=False, multipath=False)) / "site.toml"
