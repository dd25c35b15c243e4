"""The library cache: reused only while every content file is unchanged; damage is ignored and rebuilt."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from nec_companion.content.cache import MAGIC, load_or_build
from tests.conftest import GLOSSARY_SAMPLE, write_article

TODAY = dt.date(2026, 6, 1)


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    (root / "glossary.toml").write_text(GLOSSARY_SAMPLE, encoding="utf-8")
    write_article(root, "nec-basics", "alpha", title="Belly checks", body="The abdomen is checked. " * 60)
    write_article(root, "feeding", "beta", title="Feeds", body="Feeds start small with milk. " * 60)
    return root


def _load(root: Path, cache: Path, today: dt.date = TODAY):
    return load_or_build(root / "library", root / "glossary.toml", cache, today=today)


def test_second_load_comes_from_the_cache_and_is_the_same(tmp_path: Path) -> None:
    """Unchanged content: the second load is a cache hit with the same articles and the same search results."""
    root, cache = _folder(tmp_path), tmp_path / "cache" / "library.cache"
    built, built_index, hit1 = _load(root, cache)
    cached, cached_index, hit2 = _load(root, cache)
    assert (hit1, hit2) == (False, True)
    assert cached.articles == built.articles and cached.glossary == built.glossary
    assert cached.articles["alpha"].review_status() == built.articles["alpha"].review_status()
    assert [h.slug for h in cached_index.search("tummy")] == [h.slug for h in built_index.search("tummy")] != []
    assert cached_index.find("milk feeds").total == built_index.find("milk feeds").total


@pytest.mark.parametrize("change", ["edit", "add", "remove", "glossary", "signoffs"])
def test_any_change_to_the_content_rebuilds(tmp_path: Path, change: str) -> None:
    """Editing, adding or removing an article, or changing the glossary or sign-offs, is never served stale."""
    root, cache = _folder(tmp_path), tmp_path / "cache" / "library.cache"
    _load(root, cache)
    if change == "edit":
        write_article(root, "feeding", "beta", title="Feeds, changed", body="Feeds start small with milk. " * 60)
    elif change == "add":
        write_article(root, "feeding", "gamma")
    elif change == "remove":
        (root / "library" / "feeding" / "beta.md").unlink()
    elif change == "glossary":
        (root / "glossary.toml").write_text(GLOSSARY_SAMPLE.replace("The belly.", "The tummy area."), encoding="utf-8")
    else:
        (root / "signoffs.toml").write_text('[[signoff]]\narticle = "alpha"\nrole = "Nurse"\ndate = 2026-05-01\n'
                                            'sources_checked = 2025-01-15\n', encoding="utf-8")
    library, _, hit = _load(root, cache)
    assert hit is False
    expected = {"edit": lambda: library.articles["beta"].title == "Feeds, changed",
                "add": lambda: "gamma" in library.articles,
                "remove": lambda: "beta" not in library.articles,
                "glossary": lambda: library.glossary["abdomen"].definition == "The tummy area.",
                "signoffs": lambda: library.articles["alpha"].signoff is not None}[change]
    assert expected()
    assert _load(root, cache)[2] is True  # and the new state is cached in turn


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty", "folder"])
def test_damaged_cache_is_ignored_and_rebuilt(tmp_path: Path, damage: str) -> None:
    """A flipped byte, a cut-off file, garbage, an empty file or a folder in its place: rebuilt, no error."""
    root, cache = _folder(tmp_path), tmp_path / "cache" / "library.cache"
    _load(root, cache)
    data = cache.read_bytes()
    if damage == "flip":
        middle = len(data) // 2
        cache.write_bytes(data[:middle] + bytes([data[middle] ^ 0x40]) + data[middle + 1:])
    elif damage == "truncate":
        cache.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        cache.write_bytes(MAGIC + os.urandom(5000))
    elif damage == "empty":
        cache.write_bytes(b"")
    else:
        cache.unlink()
        cache.mkdir()
    library, index, hit = _load(root, cache)
    assert hit is False and set(library.articles) == {"alpha", "beta"} and index.search("tummy")
    if damage != "folder":
        assert _load(root, cache)[2] is True


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_cache_file_is_private_and_written_whole(tmp_path: Path) -> None:
    """The cache is 0600 in a 0700 folder, and no temporary file is left behind."""
    root, cache = _folder(tmp_path), tmp_path / "cache" / "library.cache"
    _load(root, cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    assert [p.name for p in cache.parent.iterdir()] == ["library.cache"]


def test_a_future_date_is_judged_again_on_a_later_day(tmp_path: Path) -> None:
    """An article dated in the future is refused today; tomorrow (its date) the cache is not reused."""
    root, cache = _folder(tmp_path), tmp_path / "cache" / "library.cache"
    write_article(root, "feeding", "soon", sources_checked="2026-06-02")
    assert "soon" not in _load(root, cache)[0].articles
    library, _, hit = _load(root, cache, today=dt.date(2026, 6, 2))
    assert hit is False and "soon" in library.articles


def test_cache_built_without_future_dates_is_reused_on_later_days(tmp_path: Path) -> None:
    """With every date in the past, tomorrow's start uses today's cache; a clock set back does not."""
    root, cache = _folder(tmp_path), tmp_path / "cache" / "library.cache"
    _load(root, cache)
    assert _load(root, cache, today=dt.date(2026, 6, 9))[2] is True
    assert _load(root, cache, today=dt.date(2026, 5, 30))[2] is False


def test_unwritable_cache_folder_still_loads(tmp_path: Path) -> None:
    """If the cache cannot be written (a file where its folder should be), the library loads anyway."""
    root = _folder(tmp_path)
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    library, _, hit = _load(root, tmp_path / "blocker" / "library.cache")
    assert hit is False and set(library.articles) == {"alpha", "beta"}
