"""The headless commands: check-content and search, as IT staff and scripts use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import GLOSSARY_SAMPLE, ROOT, write_article


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)


def test_check_content_passes_on_the_bundled_library() -> None:
    """The shipped library has no problems: exit 0 and a summary line."""
    result = run("check-content")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stdout


def test_check_content_reports_every_problem_and_fails(tmp_path: Path) -> None:
    """A folder with mistakes prints file:line: reason for each and exits non-zero."""
    (tmp_path / "glossary.toml").write_text(GLOSSARY_SAMPLE, encoding="utf-8")
    bad = write_article(tmp_path, "nec-basics", "bad", sources_checked="someday")
    link = write_article(tmp_path, "risks", "links", body="See [x](article:missing).\n\n" + "Word. " * 320)
    result = run("check-content", str(tmp_path))
    assert result.returncode == 1
    assert f"{bad}:5: 'sources_checked' must be a date" in result.stdout
    assert f"{link}:" in result.stdout and "missing article 'missing'" in result.stdout
    assert "2 problems" in result.stdout


def test_search_json_output() -> None:
    """--json prints one array of objects with slug, title, snippet and score, best first."""
    result = run("search", "donor milk", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 3
    assert {"slug", "title", "snippet", "score"} <= set(hits[0])
    assert hits[0]["slug"] == "donor-milk"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_text_output_and_hostile_query() -> None:
    """Plain output lists ranked titles; a query full of operators is fine too."""
    assert "Donor" in run("search", "donor").stdout
    result = run("search", '" AND ( * -')
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


def test_search_output_cut_short_by_a_pipe_is_no_error(monkeypatch) -> None:
    """`nec-companion search ... | head -1`: the reader closes the pipe early; no traceback, exit 0."""
    from nec_companion import cli

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["search", "milk"]) == 0


def test_search_snippets_stay_on_one_line() -> None:
    """Each hit is a title line and one snippet line, even when the matched text spans a paragraph break."""
    result = run("search", "warning signs", "--limit", "5")
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 2 * 5
