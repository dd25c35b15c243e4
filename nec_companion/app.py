"""Composition root: builds paths, preferences, the window and the library; starts the Qt event loop."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nec_companion import __version__
from nec_companion.paths import APP_ID, AppPaths, default_paths, default_site_file
from nec_companion.settings import Preferences, PreferencesStore
from nec_companion.site import SiteSettings

if TYPE_CHECKING:
    from nec_companion.content.model import Library
    from nec_companion.content.search import SearchIndex

log = logging.getLogger("nec_companion")


def parse_args(argv: list[str]) -> argparse.Namespace:
    from nec_companion import cli

    parser = argparse.ArgumentParser(prog="nec-companion", description="NEC Companion: offline library and journal.",
                                     usage="%(prog)s [options] | %(prog)s COMMAND ...", epilog=cli.commands_help(),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"NEC Companion {__version__}")
    parser.add_argument("--exit-after-startup", action="store_true",
                        help="start, show the main window, wait until the library is loaded and searchable, then "
                             "exit 0 (1 if the library could not be loaded)")
    parser.add_argument("--home", type=Path, default=None, help="keep every file under this folder (testing, IT)")
    parser.add_argument("--site", type=Path, default=None, metavar="FILE",
                        help="the hospital's settings file (default: $NEC_COMPANION_SITE_FILE, else the "
                             "machine-wide site.toml; check it with `nec-companion check-site`)")
    # Qt's own options (e.g. -platform) pass through to QApplication.
    args, _unknown = parser.parse_known_args(argv)
    return args


def build_library(paths: AppPaths, lang: str = "en") -> tuple[Library, SearchIndex]:
    """Load, validate and index the bundled content in language `lang` (runs on a worker thread), from the content
    cache when the content is unchanged (content/cache.py: keyed by a hash of every content file and the language;
    public text only)."""
    # Imported here: the parser and index are not needed to paint the first window.
    from nec_companion import site
    from nec_companion.content.cache import load_or_build

    # The hospital's own pages ("From your hospital"), when its site file names their folder.
    library, index, _cached = load_or_build(paths.library_dir, paths.glossary_file, library_cache_file(paths),
                                            today=dt.date.today(), unit_dir=site.active().unit_pages_folder,
                                            lang=lang)
    from nec_companion.diagnostics import log_problem

    for problem in library.problems:
        # Content problems are about installed files, never about family data, so they may be logged.
        log_problem("content", str(problem))
    # Load the language's CLDR data here, on the worker, so the Library screen's dates do not load it on the GUI
    # thread (about 45 ms; Babel's locale data cache is guarded by its own lock).
    from nec_companion.core.i18n import language

    language(lang).date(dt.date.today())
    language(lang).number(1234.5, decimals=1)
    return library, index


def load_site_settings(explicit: Path | None) -> SiteSettings:
    """The hospital's site file (--site, $NEC_COMPANION_SITE_FILE, or the machine-wide one), made active for
    this run. A bad or missing file never stops the app: defaults, and each problem goes to the diagnostic log."""
    from nec_companion import site
    from nec_companion.diagnostics import log_problem

    path, named = site.site_file_location(explicit, default_site_file())
    loaded = site.load_site(path, required=named)
    for problem in loaded.problems:
        log_problem("site file", problem)
    site.activate(loaded.settings)
    return loaded.settings


def auto_lock_minutes(prefs: Preferences, settings_file: Path, site_settings: SiteSettings) -> int:
    """The family's own auto-lock choice if they made one, else the hospital's default; never above the
    hospital's maximum."""
    import json

    chosen = prefs.auto_lock_minutes
    try:
        raw = json.loads(settings_file.read_text(encoding="utf-8"))
        made_a_choice = isinstance(raw, dict) and "auto_lock_minutes" in raw
    except (OSError, ValueError):
        made_a_choice = False
    if not made_a_choice:
        chosen = site_settings.auto_lock_minutes
    return site_settings.clamp_lock_minutes(chosen)


def journals_data_dir(paths: AppPaths, site_settings: SiteSettings) -> Path:
    """Where journals live: the hospital's folder that survives resets (site file), else the user's data folder."""
    return site_settings.journals_folder or paths.data_dir


def warm_journal_code() -> None:
    """Import the journal code and the article renderer ahead of need (after the library is searchable), so
    opening "My journal" or another article is instant."""
    import nec_companion.content.render
    import nec_companion.storage  # noqa: F401


def library_cache_file(paths: AppPaths) -> Path:
    """The built library cache: public content only, beside (never inside) the journals folder."""
    return paths.data_dir / "cache" / "library.cache"


def install_kind_error_handler(parent: object) -> None:
    """A bug must never show a parent a traceback: say something kind, keep the app running, and log only the
    kind of error (its message could hold journal text, so it is not written anywhere)."""
    from PySide6.QtWidgets import QMessageBox

    def handle(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)  # type: ignore[arg-type]
            return
        log.error("unexpected error: %s", kind.__name__)
        from nec_companion.core.i18n import _

        QMessageBox.warning(parent, _("Something went wrong"),  # type: ignore[arg-type]
                            _("Something went wrong in NEC Companion. Everything already saved in your journal is "
                              "safe. If you were typing something, please check it is still there. If this keeps "
                              "happening, please tell hospital staff."))

    sys.excepthook = handle


def run_gui(argv: list[str]) -> int:
    args = parse_args(argv[1:])
    try:
        paths = default_paths(home=args.home).ensure()  # folders 0700; an unsafe lock folder is not used (M7)
    except OSError as error:
        print(f"NEC Companion cannot start: its folders are not private to this account ({error}). "
              "Please ask the computer's staff to check the app's data folder.", file=sys.stderr)
        return 1
    from nec_companion import diagnostics

    diagnostics.open_log(paths.log_dir)
    site_settings = load_site_settings(args.site)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from nec_companion.core import i18n
    from nec_companion.ui import style, workers
    from nec_companion.ui.language import LanguageSwitch
    from nec_companion.ui.main_window import MainWindow
    from nec_companion.ui.single_instance import SingleInstance

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("NEC Companion")  # i18n: not text (the app's name)
    from nec_companion.ui.widgets.scroll_page import scroll_to_focus

    app.focusChanged.connect(scroll_to_focus)  # the focused control is never below the fold (WCAG 2.4.11)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    diagnostics.log_versions(f"{qVersion()} (PySide6 {pyside_version})")
    icon_file = paths.resources_dir / "icons" / f"{APP_ID}.svg"
    if icon_file.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon_file)))

    # The computer's language (the hospital's site file, else English) until a family chooses or unlocks theirs.
    i18n.set_locale_dir(paths.resources_dir / "locale")
    languages = LanguageSwitch(default=site_settings.language)
    languages.apply_default()

    instance = SingleInstance(paths.runtime_dir)
    if not instance.acquire():
        instance.ask_first_to_raise()
        print("NEC Companion is already open on this computer; bringing it forward.", file=sys.stderr)
        return 0

    store = PreferencesStore(paths.settings_file)
    prefs = store.load()
    from dataclasses import replace as _replace

    prefs = _replace(prefs, auto_lock_minutes=auto_lock_minutes(prefs, paths.settings_file, site_settings))
    journals_dir = journals_data_dir(paths, site_settings)
    style.apply_style(app, scale=prefs.text_scale)

    def journal_directory():
        from nec_companion.journal.schema import JOURNAL_SCHEMA
        from nec_companion.storage import JournalDirectory

        return JournalDirectory(journals_dir, schema=JOURNAL_SCHEMA)

    from nec_companion.core.clock import SystemClock
    from nec_companion.ui.journal.services import JournalServices

    # What each open journal's sections work with (entries, questions, drafts, summaries), built here once.
    clock = SystemClock()
    services = JournalServices(clock=clock)
    # allow_printing: the one switch for printing (the hospital's site setting can turn it off).
    window = MainWindow(text_scale=prefs.text_scale, journal_directory=journal_directory, clock=clock,
                        idle_minutes=prefs.auto_lock_minutes, allow_printing=site_settings.allow_printing,
                        services=services, languages=languages,
                        library_loader=lambda code: build_library(paths, code))
    window.set_hospital(site_settings.place)
    window.set_lock_maximum(site_settings.auto_lock_max_minutes)
    window.place_on_screen(prefs.geometry_bytes())  # remembered or comfortable, clamped to the screen
    window.apply_text_scale(prefs.text_scale)
    instance.raise_requested.connect(window.bring_forward)

    def on_scale(scale: float) -> None:
        nonlocal prefs
        prefs = prefs.with_text_scale(scale)
        style.apply_style(app, scale=prefs.text_scale)
        window.apply_text_scale(prefs.text_scale)
        store.save(prefs)

    def on_closing() -> None:
        nonlocal prefs
        from dataclasses import replace

        prefs = replace(prefs, window_geometry=store.encode_geometry(bytes(window.saveGeometry().data())))
        store.save(prefs)

    def on_idle_minutes(minutes: int) -> None:
        nonlocal prefs
        from dataclasses import replace

        prefs = replace(prefs, auto_lock_minutes=site_settings.clamp_lock_minutes(minutes))
        store.save(prefs)

    install_kind_error_handler(window)
    window.text_scale_changed.connect(on_scale)
    window.idle_minutes_changed.connect(on_idle_minutes)
    # Quitting (or the session ending) locks and saves an open journal first.
    app.aboutToQuit.connect(lambda: window.lock_journal("closing"))
    window.closing.connect(on_closing)
    app.aboutToQuit.connect(on_closing)

    def on_loaded(result: tuple[Library, SearchIndex]) -> None:
        window.set_library(*result)
        if not args.exit_after_startup:
            # Import the journal code in the background while the family reads: the first unlock is quicker.
            workers.run_in_background(window, warm_journal_code, lambda _none: None, lambda _exc: None)
            # The other languages' libraries too, so switching language is instant.
            for code in i18n.LANGUAGES:
                if code != result[0].lang:
                    workers.run_in_background(window, functools.partial(build_library, paths, code),
                                              lambda loaded: window.set_library(*loaded), lambda _exc: None)
            # Will journals survive this computer? Logged for IT now; the journal's start page tells the family.
            from nec_companion.ui.survival_check import check_in_background

            check_in_background(window, journals_dir, None, lambda _risks: None)
        else:
            # Loaded and searchable: exit 0, or 1 if not a single article could be loaded.
            QTimer.singleShot(0, lambda: app.exit(0 if result[0].articles else 1))

    def on_load_failed(exc: BaseException) -> None:
        diagnostics.log_kind("the library could not be loaded", exc)
        window.show_library_failed()
        if args.exit_after_startup:
            QTimer.singleShot(0, lambda: app.exit(1))

    # The window appears first; reading and indexing the library start once it has painted, so they never
    # compete with the first frame.
    window.first_paint.connect(lambda: QTimer.singleShot(
        0, lambda: workers.run_in_background(window, lambda: build_library(paths, languages.code), on_loaded,
                                             on_load_failed)))
    if os.environ.get("NEC_COMPANION_REPORT_FIRST_PAINT"):
        # For scripts/bench.py: the wall-clock moment of the first painted frame, compared with process spawn.
        import time

        window.first_paint.connect(lambda: print(f"first-paint {time.time():.6f}", file=sys.stderr, flush=True))
    window.show()
    try:
        return app.exec()
    finally:
        # The journal was locked at aboutToQuit (which cancels its exports); wait for every worker before the
        # interpreter shuts down under it: no half-written file, no crash at exit.
        workers.shutdown(wait=10.0)
        instance.release()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        # The terminal shows warnings only; the diagnostic log file (diagnostics.py) also keeps the versions.
        handler.setLevel(max(handler.level, logging.WARNING))
    from nec_companion import cli

    if len(argv) > 1 and argv[1] in cli.COMMANDS:
        return cli.main(argv[1:])
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
