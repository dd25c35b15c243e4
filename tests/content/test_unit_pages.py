"""A hospital's own pages: validated like articles, shown under "From your hospital", searchable, signed off by
the hospital, never replacing or hiding a bundled article, part of the library cache key."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from nec_companion import cli
from nec_companion.content.cache import content_key, load_or_build
from nec_companion.content.loader import load_library
from nec_companion.content.model import CATEGORY_BY_SLUG, Library
from nec_companion.content.search import SearchIndex
from nec_companion.content.unit_pages import load_unit_pages, unit_pages
from tests.conftest import RESOURCES, ROOT

EXAMPLE = ROOT / "packaging" / "example-unit-pages"
TODAY = dt.date(2026, 12, 5)


def page(slug: str, *, title: str = "Parking for families", category: str = "hospital", extra: str = "") -> str:
    body = " ".join(["Families can park in the blue car park near the main entrance on weekdays."] * 4)
    return (f"---\ntitle: {title}\nsummary: Where to park.\ncategory: {category}\n{extra}"
            "sources_checked: 2026-12-01\nsources: Unit handbook, 2026.\n    Parking office leaflet, 2026.\n---\n\n"
            f"## Parking\n\n{body}\n")


def unit_folder(tmp_path: Path, pages: dict[str, str], signoffs: str | None = None) -> Path:
    folder = tmp_path / "unit"
    for name, text in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    folder.mkdir(exist_ok=True)
    if signoffs is not None:
        (folder / "signoffs.toml").write_text(signoffs, encoding="utf-8")
    return folder


def test_the_example_pack_passes_check_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check-content", "--unit", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "5 loaded" in out and "0 problems" in out
    library = load_unit_pages(EXAMPLE, load_library(RESOURCES / "library", RESOURCES / "glossary.toml"))
    pages = unit_pages(library)
    assert len(pages) == 5
    assert all("[phone number]" in p.body or "[" in p.body for p in pages)  # placeholders clearly marked
    assert CATEGORY_BY_SLUG["hospital"].name == "From your hospital"


def test_unit_pages_are_added_and_searchable(bundled_library: Library, tmp_path: Path) -> None:
    folder = unit_folder(tmp_path, {"hospital/parking-for-families.md": page("parking-for-families")})
    library = load_unit_pages(folder, bundled_library, today=TODAY)
    assert set(bundled_library.articles) < set(library.articles)
    assert library.articles["parking-for-families"].category == "hospital"
    hits = SearchIndex(library).find("blue car park", limit=3).hits
    assert hits and hits[0].slug == "parking-for-families"


def test_a_clashing_name_is_refused_and_the_bundled_article_stays(bundled_library: Library, tmp_path: Path) -> None:
    taken = next(iter(bundled_library.articles))
    original = bundled_library.articles[taken]
    folder = unit_folder(tmp_path, {f"hospital/{taken}.md": page(taken, title="Replaced")})
    library = load_unit_pages(folder, bundled_library, today=TODAY)
    assert library.articles[taken] == original
    reasons = [p.reason for p in library.problems if p.path.parent.parent == folder]
    assert any(f"'{taken}' is already used by an article that comes with the app" in r for r in reasons)


def test_unit_pages_must_use_the_hospital_category(bundled_library: Library, tmp_path: Path) -> None:
    folder = unit_folder(tmp_path, {"feelings/my-page.md": page("my-page", category="feelings"),
                                    "loose.md": page("loose")})
    library = load_unit_pages(folder, bundled_library, today=TODAY)
    assert "my-page" not in library.articles and "loose" not in library.articles
    reasons = " ".join(p.reason for p in library.problems)
    assert "use 'category: hospital'" in reasons and "must be inside the folder hospital/" in reasons


def test_bundled_articles_may_not_use_the_hospital_category(tmp_path: Path) -> None:
    library_dir = tmp_path / "library"
    (library_dir / "hospital").mkdir(parents=True)
    (library_dir / "hospital" / "sneaky.md").write_text(page("sneaky"), encoding="utf-8")
    library = load_library(library_dir, None, today=TODAY)
    assert "sneaky" not in library.articles
    assert any("only for a hospital's own pages" in p.reason for p in library.problems)


def test_the_hospital_signs_its_pages(bundled_library: Library, tmp_path: Path) -> None:
    folder = unit_folder(tmp_path, {
        "hospital/parking-for-families.md": page("parking-for-families"),
        "hospital/pumping-rooms.md": page("pumping-rooms", title="Pumping rooms",
                                          extra="clinical_signoff: Lactation consultant, 2026-12-02\n"),
    }, signoffs='[[signoff]]\narticle = "parking-for-families"\nrole = "Nurse manager"\ndate = 2026-12-03\n'
                'sources_checked = 2026-12-01\n')
    library = load_unit_pages(folder, bundled_library, today=TODAY)
    assert library.articles["parking-for-families"].signoff.role == "Nurse manager"
    assert library.articles["pumping-rooms"].signoff.role == "Lactation consultant"
    assert "Reviewed by a clinician (Nurse manager)" in library.articles["parking-for-families"].review_status()


def test_missing_unit_folder_is_a_problem_not_a_crash(bundled_library: Library, tmp_path: Path) -> None:
    library = load_unit_pages(tmp_path / "absent", bundled_library, today=TODAY)
    assert library.articles == bundled_library.articles
    assert any("does not exist" in p.reason for p in library.problems)


def test_check_content_fails_on_a_bad_unit_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = unit_folder(tmp_path, {"hospital/bad.md": "---\ntitle: x\n---\n\nhello\n"})
    assert cli.main(["check-content", "--unit", str(folder)]) == 1
    assert str(folder / "hospital" / "bad.md") in capsys.readouterr().out


def test_cache_key_covers_the_unit_pages_and_the_cache_keeps_them(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(RESOURCES / "library", resources / "library")
    shutil.copy(RESOURCES / "glossary.toml", resources / "glossary.toml")
    folder = unit_folder(tmp_path, {"hospital/parking-for-families.md": page("parking-for-families")})
    args = (resources / "library", resources / "glossary.toml", None)
    without = content_key(*args)
    first = content_key(*args, folder)
    assert first != without
    (folder / "hospital" / "parking-for-families.md").write_text(page("parking-for-families", title="Parking"),
                                                                 encoding="utf-8")
    assert content_key(*args, folder) != first
    cache = tmp_path / "cache" / "library.cache"
    built, _index, cached = load_or_build(resources / "library", resources / "glossary.toml", cache, today=TODAY,
                                          unit_dir=folder)
    assert not cached and built.articles["parking-for-families"].title == "Parking"
    again, index, cached = load_or_build(resources / "library", resources / "glossary.toml", cache, today=TODAY,
                                         unit_dir=folder)
    assert cached and again.articles["parking-for-families"].category == "hospital"
    assert index.find("blue car park", limit=1).hits[0].slug == "parking-for-families"
    # Without the unit folder, the cached library with the page is not used.
    plain, _index, cached = load_or_build(resources / "library", resources / "glossary.toml", cache, today=TODAY)
    assert not cached and "parking-for-families" not in plain.articles


def test_library_screen_shows_from_your_hospital(qtbot, bundled_library: Library) -> None:
    from nec_companion.ui.library_screen import LibraryScreen

    library = load_unit_pages(EXAMPLE, bundled_library)
    screen = LibraryScreen()
    qtbot.addWidget(screen)
    screen.set_library(library, SearchIndex(library))
    names = [screen.tree.topLevelItem(i).text(0) for i in range(screen.tree.topLevelItemCount())]
    assert "From your hospital" in names
    item = screen.tree.topLevelItem(names.index("From your hospital"))
    assert item.childCount() == 5
