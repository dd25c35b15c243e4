"""Test set-up: Qt offscreen before any Qt import, every app path under tmp_path, shared library fixtures."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

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
