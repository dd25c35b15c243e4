"""Content that cannot take the library down (audit M1): each bad file is one `file:line: reason` problem,
never a traceback, a hang or unbounded reading; the rest of the library still loads."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from nec_companion.content.loader import load_library
from nec_companion.content.model import Library
from nec_companion.content.render import markdown_to_safe_html
from tests.conftest import GLOSSARY_SAMPLE, ROOT, write_article

TODAY = dt.date(2026, 6, 1)
posix_only = pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev/zero are POSIX")


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "glossary.toml").write_text(GLOSSARY_SAMPLE, encoding="utf-8")
    write_article(tmp_path, "nec-basics", "good")
    return tmp_path


def _load_with_deadline(root: Path, seconds: float = 20.0) -> Library:
    """Load on a thread; a hang fails the test instead of hanging the suite."""
    result: list[Library] = []
    thread = threading.Thread(target=lambda: result.append(
        load_library(root / "library", root / "glossary.toml", today=TODAY)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "loading the library hung"
    assert result, "loading the library raised"
    return result[0]


def _reasons(library: Library) -> dict[str, str]:
    return {p.path.name: f"{p.line}: {p.reason}" for p in library.problems}


def test_deeply_nested_glossary_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """TOML nested 100,000 deep (RecursionError in tomllib) is reported; every article still loads."""
    root = _folder(tmp_path)
    (root / "glossary.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    library = _load_with_deadline(root)
    assert "good" in library.articles
    assert "nested too deeply" in _reasons(library)["glossary.toml"]


def test_glossary_that_is_a_folder(tmp_path: Path) -> None:
    """A folder named glossary.toml is reported, not an IsADirectoryError."""
    root = _folder(tmp_path)
    (root / "glossary.toml").unlink()
    (root / "glossary.toml").mkdir()
    library = _load_with_deadline(root)
    assert "good" in library.articles
    assert _reasons(library)["glossary.toml"] == "1: the glossary is a folder, not a text file"


def test_one_bad_glossary_entry_is_skipped_not_the_whole_glossary(tmp_path: Path) -> None:
    """A bad [[term]] is reported at its line; the other entries are kept."""
    root = _folder(tmp_path)
    (root / "glossary.toml").write_text(GLOSSARY_SAMPLE + '\n[[term]]\nid = "bad"\nterm = "Bad"\n'
                                        'definition = ["not", "text"]\n', encoding="utf-8")
    library = _load_with_deadline(root)
    assert set(library.glossary) == {"abdomen", "npo", "mothers-own-milk"}
    line = GLOSSARY_SAMPLE.count("\n") + 2
    assert _reasons(library)["glossary.toml"] == f"{line}: the glossary entry needs a non-empty 'definition'"


@posix_only
def test_fifo_named_like_an_article_does_not_hang(tmp_path: Path) -> None:
    """A pipe called x.md is refused before it is opened (nobody ever writes to it)."""
    root = _folder(tmp_path)
    os.mkfifo(root / "library" / "nec-basics" / "pipe.md")
    library = _load_with_deadline(root)
    assert "good" in library.articles
    assert _reasons(library)["pipe.md"] == "1: the file is a pipe (FIFO), not a text file"


@posix_only
def test_check_content_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    """The command-line check reports the pipe and exits 1 within the timeout."""
    root = _folder(tmp_path)
    os.mkfifo(root / "library" / "nec-basics" / "pipe.md")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check-content", str(root)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "pipe.md:1: the file is a pipe (FIFO), not a text file" in result.stdout
    assert "Traceback" not in result.stderr


@posix_only
def test_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    """A link to /dev/zero (endless bytes) is refused without reading it."""
    root = _folder(tmp_path)
    (root / "library" / "nec-basics" / "zero.md").symlink_to("/dev/zero")
    library = _load_with_deadline(root)
    assert "outside the content folder" in _reasons(library)["zero.md"]


def test_symlink_outside_the_library_is_refused(tmp_path: Path) -> None:
    """A link to a (valid) article outside the library folder is refused: content comes from the folder only."""
    (tmp_path / "lib").mkdir()
    root = _folder(tmp_path / "lib")
    elsewhere = write_article(tmp_path / "other", "nec-basics", "secret")
    link = root / "library" / "nec-basics" / "linked.md"
    try:
        link.symlink_to(elsewhere)
    except OSError:
        pytest.skip("this system does not allow symbolic links")
    library = _load_with_deadline(root)
    assert "linked" not in library.articles and "good" in library.articles
    assert _reasons(library)["linked.md"] == "1: the file is a link to a place outside the content folder"


def test_folder_named_like_an_article(tmp_path: Path) -> None:
    """A folder called x.md is reported, not an IsADirectoryError."""
    root = _folder(tmp_path)
    (root / "library" / "nec-basics" / "folder.md").mkdir()
    assert _reasons(_load_with_deadline(root))["folder.md"] == "1: the file is a folder, not a text file"


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    """A 5 MB article is refused by size."""
    root = _folder(tmp_path)
    write_article(root, "nec-basics", "huge", body="word " * 1_000_000)
    assert _reasons(_load_with_deadline(root))["huge.md"] == "1: the file is larger than 512 KB"


PATHOLOGICAL = "*" * 50_000 + "x" + "*" * 50_000


def test_pathological_emphasis_is_reported_and_skipped(tmp_path: Path) -> None:
    """50,000 `*`, x, 50,000 `*`: the article is refused with its line; the rest loads."""
    root = _folder(tmp_path)
    path = write_article(root, "nec-basics", "stars", body=PATHOLOGICAL)
    library = _load_with_deadline(root)
    assert "stars" not in library.articles and "good" in library.articles
    line = path.read_text(encoding="utf-8").splitlines().index(PATHOLOGICAL) + 1
    assert _reasons(library)["stars.md"].startswith(f"{line}: a run of 50000 '*' or '_' characters")


def test_deeply_nested_markdown_is_reported(tmp_path: Path) -> None:
    """Quotes nested 300 deep are refused as too deep (python-markdown would recurse, the reader could not show it)."""
    root = _folder(tmp_path)
    write_article(root, "nec-basics", "nested", body=">" * 300 + " deep\n\n" + "Plain words here. " * 100)
    assert "nested too deeply" in _reasons(_load_with_deadline(root))["nested.md"]


def test_check_content_reports_pathological_markdown(tmp_path: Path) -> None:
    """check-content names the file and exits 1, with no traceback."""
    root = _folder(tmp_path)
    write_article(root, "nec-basics", "stars", body=PATHOLOGICAL)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check-content", str(root)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "stars.md:" in result.stdout and "'*' or '_' characters" in result.stdout
    assert "Traceback" not in result.stderr


def test_reader_never_raises_on_pathological_markdown(bundled_library: Library) -> None:
    """Even if such a body reached the reader, rendering it with the glossary returns a page, not RecursionError."""
    page = markdown_to_safe_html(PATHOLOGICAL, glossary=bundled_library.glossary)
    assert isinstance(page, str) and "x" in page


def test_a_horizontal_rule_of_stars_is_still_fine(tmp_path: Path) -> None:
    """A long line made only of `*` or `_` is a horizontal rule, not a problem."""
    root = _folder(tmp_path)
    write_article(root, "nec-basics", "rule", body="Words above. " * 30 + "\n\n" + "_" * 60 + "\n\n" + "Below. " * 300)
    library = _load_with_deadline(root)
    assert "rule" in library.articles and library.problems == ()


def test_huge_glossary_is_refused(tmp_path: Path) -> None:
    """A glossary over 2 MB is one problem; the articles still load."""
    root = _folder(tmp_path)
    (root / "glossary.toml").write_text(GLOSSARY_SAMPLE + "# " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    library = _load_with_deadline(root)
    assert "good" in library.articles and library.glossary == {}
    assert _reasons(library)["glossary.toml"] == "1: the glossary is larger than 2048 KB"
