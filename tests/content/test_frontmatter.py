"""Front matter parsing: values, continuation lines, and errors with line numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nec_companion.content.frontmatter import FrontMatterError, parse


def test_values_and_continuation_lines() -> None:
    """Single values, multi-line values indented four spaces, and the body after the closing dashes."""
    fm = parse("---\ntitle: Hello\nsources: A 2020\n    B 2021\n---\nBody text\n")
    assert fm.fields["title"] == ["Hello"]
    assert fm.fields["sources"] == ["A 2020", "B 2021"]
    assert fm.body.strip() == "Body text"
    assert fm.lines["sources"] == 3
    assert fm.body_line == 6


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("title: x\n---\n", 1, "three dashes"),
        ("---\ntitle: x\n", 1, "no closing"),
        ("---\n    stray\n---\n", 2, "continue a field"),
        ("---\ntitle x\n---\n", 2, "key: value"),
        ("---\ntitle: a\ntitle: b\n---\n", 3, "twice"),
    ],
)
def test_errors_name_the_line(text: str, line: int, words: str) -> None:
    """Each malformed front matter is reported with the line a writer must fix."""
    with pytest.raises(FrontMatterError) as info:
        parse(text)
    assert info.value.line == line
    assert words in info.value.reason


@given(st.text(max_size=400))
def test_any_text_parses_or_gives_a_front_matter_error(text: str) -> None:
    """No input makes the parser raise anything but FrontMatterError."""
    try:
        parse(text)
    except FrontMatterError:
        pass
