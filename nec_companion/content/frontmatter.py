"""Parse the flat `key: value` front matter of an article, keeping line numbers for problem reports."""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY_RE = re.compile(r"^([a-z][a-z_-]*)\s*:(.*)$")
MAX_FRONT_MATTER_LINES = 400


class FrontMatterError(ValueError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class FrontMatter:
    fields: dict[str, list[str]]
    lines: dict[str, int]  # key -> line number where it appears
    body: str
    body_line: int


def parse(text: str) -> FrontMatter:
    """Split a file into front matter and body. Values are lists (continuation lines indented 4 spaces)."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "the file must start with a line of three dashes (---) and the front matter")
    fields: dict[str, list[str]] = {}
    where: dict[str, int] = {}
    current: str | None = None
    for index, raw in enumerate(lines[1:], start=2):
        if index > MAX_FRONT_MATTER_LINES:
            break
        if raw.strip() == "---":
            body = "\n".join(lines[index:])
            return FrontMatter(fields=fields, lines=where, body=body, body_line=index + 1)
        if not raw.strip():
            current = None
            continue
        if raw.startswith((" ", "\t")):
            if current is None:
                raise FrontMatterError(index, "an indented line must continue a field above it")
            fields[current].append(raw.strip())
            continue
        match = _KEY_RE.match(raw)
        if not match:
            raise FrontMatterError(index, f"expected 'key: value', found {raw.strip()[:40]!r}")
        key, value = match.group(1), match.group(2).strip()
        if key in fields:
            raise FrontMatterError(index, f"the field '{key}' appears twice")
        fields[key] = [value] if value else []
        where[key] = index
        current = key
    raise FrontMatterError(1, "the front matter has no closing line of three dashes (---)")
