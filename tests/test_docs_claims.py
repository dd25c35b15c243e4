"""The README and docs/ back their claims with named tests; a renamed or deleted test must not leave a claim
pointing at nothing. Every `tests/<path>.py` and `tests/<path>.py::test_name` named in README.md or docs/*.md
must exist, and so must every bare `::test_name`, which refers to the last test file named before it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


# A bare `::name` must not follow a word: `nec_companion/x.py::Class` names code, not a test.
NAMED = re.compile(r"(?:(tests/[\w/]+\.py|\btest_\w+\.py|\btest_\w+(?=::))|(?<![\w/.]))::([A-Za-z_]\w*)(…|\*|$)?"
                   r"|(tests/[\w/]+\.py)", re.M)


def references(text: str) -> list[tuple[str, str | None, bool]]:
    """(file, test name or None, is a prefix) for each reference, in order. A file may be a path under tests/
    or a bare test module name; a bare `::name` takes the file named before it. A name followed by `…`, `*`
    or the end of a line (a wrapped name), or ending in `_`, stands for the tests it begins."""
    found: list[tuple[str, str | None, bool]] = []
    current: str | None = None
    for match in NAMED.finditer(text):
        file, name, tail, lone = match.groups()
        if lone:
            current = lone
            found.append((current, None, False))
            continue
        if file:
            current = file if file.startswith("tests/") or file.endswith(".py") else file + ".py"
        if current is None:
            continue
        found.append((current, name, tail is not None or name.endswith("_")))
    return found


def resolve(file: str) -> Path | None:
    if file.startswith("tests/"):
        path = ROOT / file
        return path if path.is_file() else None
    matches = sorted((ROOT / "tests").rglob(file))
    return matches[0] if len(matches) == 1 else None


def _functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_the_reference_parser_reads_paths_and_bare_names() -> None:
    text = ("x (`tests/a/test_b.py::test_one`, `::test_two`) and `tests/test_c.py`, `::test_three`\n"
            "`ui/dialogs.py::FeedDialog`, `test_d::test_four…`, `::test_fi\n")
    assert references(text) == [("tests/a/test_b.py", "test_one", False), ("tests/a/test_b.py", "test_two", False),
                                ("tests/test_c.py", None, False), ("tests/test_c.py", "test_three", False),
                                ("test_d.py", "test_four", True), ("test_d.py", "test_fi", True)]


def test_every_test_named_in_the_readme_and_docs_exists() -> None:
    missing: list[str] = []
    counted = 0
    for doc in DOCS:
        for file, name, prefix in references(doc.read_text(encoding="utf-8")):
            counted += 1
            path = resolve(file)
            if path is None:
                missing.append(f"{doc.name}: {file} does not exist (or names more than one file)")
                continue
            if name is None:
                continue
            names = _functions(path)
            if not (name in names or (prefix and any(n.startswith(name) for n in names))):
                missing.append(f"{doc.name}: {file}::{name} does not exist")
    assert counted > 100, "the README and docs name their tests"
    assert not missing, "\n".join(missing)
