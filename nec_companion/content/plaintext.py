"""Markdown body → plain text, one block per line: what search indexes and what readability measures."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

# Blocks end a sentence for readability purposes: a heading or a list item is read as one unit.
_BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "pre", "dt", "dd"})
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS or tag in {"ul", "ol", "br", "hr"}:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS or tag in {"ul", "ol"}:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def markdown_blocks(body: str) -> list[str]:
    """The visible text of a Markdown body, one entry per block (heading, paragraph, list item)."""
    # Raw HTML is escaped rather than parsed, exactly as the reader shows it.
    md = markdown.Markdown(extensions=["sane_lists"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = md.convert(_LINK_RE.sub(r"\1", body))
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collector.blocks


def plain_text(body: str) -> str:
    """Plain text with every block ending as a sentence (adds a full stop where a block has none)."""
    sentences = []
    for block in markdown_blocks(body):
        sentences.append(block if block[-1] in ".!?:;" else block + ".")
    return "\n".join(sentences)


def word_count(body: str) -> int:
    """Words a reader sees in the body (links count by their text, not their address)."""
    return sum(len(block.split()) for block in markdown_blocks(body))
