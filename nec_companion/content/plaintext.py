"""Markdown body → plain text, one block per line: what search indexes and what readability measures."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
from markdown.extensions.sane_lists import SaneListExtension

# Blocks end a sentence for readability purposes: a heading or a list item is read as one unit.
_BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "pre", "dt", "dd"})
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link"})
# Deeper than this, the reader (QTextBrowser, and the glossary linker's walk of the tree) is at risk; real
# articles nest 4 or 5 levels (list, item, paragraph, strong, a).
MAX_NESTING = 40


class MarkdownTooDeep(ValueError):
    """The Markdown nests lists, quotes or emphasis too deeply to show safely."""


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self.depth = 0
        self.max_depth = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_TAGS:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        if tag in _BLOCK_TAGS or tag in {"ul", "ol", "br", "hr"}:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID_TAGS:
            self.depth -= 1
        if tag in _BLOCK_TAGS or tag in {"ul", "ol"}:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def markdown_blocks(body: str) -> list[str]:
    """The visible text of a Markdown body, one entry per block (heading, paragraph, list item).

    Raises MarkdownTooDeep when the body nests more than MAX_NESTING levels (or so deep that python-markdown
    itself runs out of recursion).
    """
    # Raw HTML is escaped rather than parsed, exactly as the reader shows it.
    md = markdown.Markdown(extensions=[SaneListExtension()])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    try:
        html = md.convert(_LINK_RE.sub(r"\1", body))
    except RecursionError:
        raise MarkdownTooDeep("the Markdown is nested too deeply") from None
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    if collector.max_depth > MAX_NESTING:
        raise MarkdownTooDeep("the Markdown is nested too deeply")
    return collector.blocks


def plain_text(body: str) -> str:
    """Plain text with every block ending as a sentence (adds a full stop where a block has none)."""
    return blocks_to_text(markdown_blocks(body))


def blocks_to_text(blocks: list[str]) -> str:
    return "\n".join(block if block[-1] in ".!?:;" else block + "." for block in blocks)


def word_count(body: str) -> int:
    """Words a reader sees in the body (links count by their text, not their address)."""
    return sum(len(block.split()) for block in markdown_blocks(body))
