"""Test set-up: Qt offscreen before any Qt import, every app path under tmp_path, shared fixtures.

Global state is restored around every test, even one that fails half-way: the active language (`english`) and
the application's look (`app_look_restored`: style sheet, palette, font, text scale). Shared helpers for the
journal store tests (a fast key derivation, the bundled word lists loaded once, the socket guard) live here too.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nec_companion.content.loader import load_library
from nec_companion.content.model import Library
from nec_companion.content.search import SearchIndex
from nec_companion.paths import AppPaths, bundled_resources_dir, default_paths

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = bundled_resources_dir()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts and ends with English active (the active language is the one global of core.i18n)."""
    from nec_companion.core import i18n

    i18n.set_locale_dir(ROOT / "resources" / "locale")
    previous = i18n.set_active(i18n.language("en"))
    yield
    i18n.set_active(previous)


@pytest.fixture(autouse=True)
def app_look_restored() -> Iterator[None]:
    """A test that restyles the app (200 % text, another style sheet, palette or font) leaves it as it found it,
    even when it fails before its own reset. Only looks at Qt when a QApplication already exists (Qt-free tests
    never import Qt), and restyles only when something changed (restyling is slow with many widgets)."""
    before = AppLook.capture()
    yield
    if before is not None:
        before.restore()


class AppLook:
    """The QApplication's style sheet, palette and font, captured to be put back."""

    def __init__(self, app: Any, sheet: str, palette: Any, font: Any) -> None:
        self.app, self.sheet, self.palette, self.font = app, sheet, palette, font

    @classmethod
    def capture(cls) -> AppLook | None:
        widgets = sys.modules.get("PySide6.QtWidgets")
        app = widgets.QApplication.instance() if widgets is not None else None
        if app is None:
            return None
        from PySide6.QtGui import QFont, QPalette

        return cls(app, app.styleSheet(), QPalette(app.palette()), QFont(app.font()))

    def changed(self) -> bool:
        return (self.app.styleSheet() != self.sheet or self.app.font() != self.font
                or self.app.palette() != self.palette)

    def restore(self) -> None:
        if not self.changed():
            return
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        from nec_companion.settings import TEXT_SCALES
        from nec_companion.ui import style

        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # do not re-polish closed widgets
        scale = next((s for s in TEXT_SCALES if style.stylesheet(s) == self.sheet), None)
        if scale is not None:
            style.apply_style(self.app, scale=scale)  # the app's own look at that text size (style included)
        if self.app.styleSheet() != self.sheet:
            self.app.setStyleSheet(self.sheet)
        if self.app.palette() != self.palette:
            self.app.setPalette(self.palette)
        if self.app.font() != self.font:
            self.app.setFont(self.font)


# ---------------------------------------------------------------------------------------------- journal store

PASSPHRASE = "tidy gravel moon abacus"
OTHER_PASSPHRASE = "purple giraffe dances slowly"
_LISTS: list[Any] = []


def passphrase_lists() -> Any:
    """The bundled passphrase word lists, loaded once for the whole run."""
    if not _LISTS:
        from nec_companion.security.passphrase_policy import PassphraseLists

        _LISTS.append(PassphraseLists.load())
    return _LISTS[0]


def fast_directory(data_dir: Path, **overrides: object) -> Any:
    """A `JournalDirectory` with the app's schema, a fast (insecure, test-only) key derivation and the word lists
    loaded once; `overrides` replace any of those or add a clock, backups, ..."""
    from nec_companion.journal.schema import JOURNAL_SCHEMA
    from nec_companion.security.kdf import KdfPolicy
    from nec_companion.storage import JournalDirectory

    options: dict[str, object] = dict(schema=JOURNAL_SCHEMA, kdf=KdfPolicy.insecure_fast_for_tests(),
                                      passphrase_lists=passphrase_lists())
    options.update(overrides)
    return JournalDirectory(data_dir, **options)  # type: ignore[arg-type]


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket fails the test (the journal store and the journal are offline by design).
    Turned on for a folder by an autouse fixture in its conftest that asks for this one."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the code under test tried to open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user profile: every path the app asks for lands under tmp_path."""
    home = tmp_path / "home"
    monkeypatch.setenv("NEC_COMPANION_HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return home


@pytest.fixture
def app_paths(app_home: Path) -> AppPaths:
    paths = default_paths(home=app_home)
    paths.ensure()
    return paths


@pytest.fixture(scope="session")
def bundled_library() -> Library:
    return load_library(RESOURCES / "library", RESOURCES / "glossary.toml", today=dt.date.today())


@pytest.fixture(scope="session")
def bundled_index(bundled_library: Library) -> SearchIndex:
    return SearchIndex(bundled_library)


def write_article(folder: Path, folder_name: str, slug: str, *, body: str | None = None, **fields: str) -> Path:
    """Write a small valid article (fields override the defaults; a value of '' drops the field)."""
    defaults = {
        "title": f"Title of {slug}",
        "summary": "A short summary.",
        "category": folder_name,
        "sources_checked": "2025-01-15",
        "sources": "Organisation A. Guideline. 2023.\n    Journal B. Trial. 2021.",
    }
    defaults.update(fields)
    head = "\n".join(f"{k}: {v}" for k, v in defaults.items() if v != "")
    text = body if body is not None else " ".join(["This is a plain sentence about the belly."] * 40)
    path = folder / "library" / folder_name / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{head}\n---\n\n{text}\n", encoding="utf-8")
    return path


GLOSSARY_SAMPLE = '''
[[term]]
id = "abdomen"
term = "abdomen"
search_words = ["belly", "tummy"]
definition = "The belly."

[[term]]
id = "npo"
term = "NPO"
also_called = ["nil by mouth"]
search_words = ["nothing by mouth", "bowel rest"]
definition = "No milk or food for a while so the bowel can rest."

[[term]]
id = "mothers-own-milk"
term = "mother's own milk"
aliases = ["breast milk", "breastmilk"]
matches = ["MOM"]
definition = "Milk from the baby's own mother."
'''
