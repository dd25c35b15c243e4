"""Full-text search over the library: an in-memory SQLite FTS5 index with lay-word ↔ medical-word bridging.

The bridge is data, not code: every glossary entry whose term, spelling or alias appears in an article adds
all of that entry's words to the article's `glossary` column. So "belly" finds an article that only says
"abdomen", and "NPO" finds one that only says "nothing by mouth".
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from nec_companion.content.model import HIGHLIGHT_END, HIGHLIGHT_START, Library
from nec_companion.content.plaintext import plain_text
from nec_companion.content.render import GlossaryMatcher, PhraseMatcher

# Column weights for bm25: a title or keyword hit matters far more than a word deep in the body.
_WEIGHTS = (0.0, 0.0, 10.0, 6.0, 3.0, 2.0, 1.0)  # kind, slug, title, keywords, summary, glossary, body
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_PHRASE_RE = re.compile(r'"([^"]*)"')
_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "NEAR"})
MAX_QUERY_CHARS = 500
GLOSSARY_WEIGHT = 0.4
MAX_TOKENS = 24


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "article" or "glossary"
    slug: str  # article slug or glossary id
    title: str
    snippet: str  # plain text; matched words wrapped in HIGHLIGHT_START / HIGHLIGHT_END
    score: float  # higher is better

    def snippet_marked(self, start: str = "**", end: str = "**") -> str:
        return self.snippet.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, end)

    def snippet_plain(self) -> str:
        return self.snippet_marked("", "")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


class SearchIndex:
    """Build once from a Library; `search()` is safe for any text a person can type and never raises."""

    def __init__(self, library: Library) -> None:
        # check_same_thread=False: the index is built on a worker thread and then used only on the GUI thread.
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("PRAGMA temp_store=MEMORY")
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(kind UNINDEXED, slug UNINDEXED, title, keywords, summary, "
            "glossary, body, tokenize='unicode61 remove_diacritics 2')"
        )
        self._db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row')")
        matcher = GlossaryMatcher(library.glossary.values())
        alias_matcher = _AliasMatcher(library)
        rows = []
        for article in library.articles.values():
            text = article.text or plain_text(article.body)
            searchable = " ".join((article.title, article.summary, " ".join(article.keywords), text))
            entry_ids = matcher.ids_in(searchable) | alias_matcher.ids_in(searchable)
            bridge = " ".join(_entry_words(library, entry_id) for entry_id in sorted(entry_ids))
            rows.append(("article", article.slug, article.title, " ".join(article.keywords), article.summary,
                         bridge, text))
        for entry in library.glossary.values():
            rows.append(("glossary", entry.id, entry.term, " ".join((*entry.lay_words, *entry.matches)),
                         entry.definition, "", ""))
        self._db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)", [tuple(map(_fold, r)) for r in rows])
        self._db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        self.size = len(rows)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Ranked hits for a typed query; all words must match, else any word; the last word is a prefix."""
        match_all, match_any = build_match_expressions(query)
        if match_all is None:
            return []
        limit = max(1, min(int(limit), 200))
        hits = self._run(match_all, limit)
        if not hits and match_any is not None and match_any != match_all:
            hits = self._run(match_any, limit)
        return hits

    def _run(self, expression: str, limit: int) -> list[SearchHit]:
        weights = ", ".join(str(w) for w in _WEIGHTS)
        sql = (
            f"SELECT kind, slug, title, snippet(docs, 6, ?1, ?2, '…', 16), snippet(docs, 4, ?1, ?2, '…', 24), "
            f"bm25(docs, {weights}) AS rank FROM docs WHERE docs MATCH ?3 ORDER BY rank LIMIT ?4"
        )
        try:
            rows = self._db.execute(sql, (HIGHLIGHT_START, HIGHLIGHT_END, expression, limit * 2)).fetchall()
        except sqlite3.Error:
            # The expression is built from quoted tokens only, so this is not expected; a search box never errors.
            return []
        hits = []
        for kind, slug, title, body_snippet, summary_snippet, rank in rows:
            # Show the words in context from the body when they are there, else the summary (or definition).
            snippet = body_snippet if HIGHLIGHT_START in body_snippet else summary_snippet
            # A one-line definition is short, which bm25 rewards; families came for articles, so those lead.
            score = -rank * (GLOSSARY_WEIGHT if kind == "glossary" else 1.0)
            hits.append(SearchHit(kind=kind, slug=slug, title=title, snippet=snippet, score=score))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:limit]

    def close(self) -> None:
        self._db.close()


def build_match_expressions(query: str) -> tuple[str | None, str | None]:
    """FTS5 MATCH strings (all words, any word) from free text. Every token is quoted: no operator survives."""
    query = _fold(query[:MAX_QUERY_CHARS])
    phrases: list[list[str]] = []
    for phrase in _PHRASE_RE.findall(query):
        words = _TOKEN_RE.findall(phrase)
        if words:
            phrases.append(words)
    rest = _PHRASE_RE.sub(" ", query)
    # Bare AND/OR/NOT are what people type as operators; our own AND-then-OR already does what they mean.
    words = [w for w in _TOKEN_RE.findall(rest.replace("_", " ")) if w not in _OPERATOR_WORDS][:MAX_TOKENS]
    if not phrases and not words:
        return None, None
    terms = ["(" + " + ".join(f'"{w}"' for w in p) + ")" for p in phrases]
    for index, word in enumerate(words):
        is_last = index == len(words) - 1 and not query.rstrip().endswith('"')
        # Prefix match while typing: "pum" finds "pumping". Single letters stay exact to keep results sane.
        terms.append(f'"{word}"*' if is_last and len(word) >= 2 else f'"{word}"')
    return " AND ".join(terms), " OR ".join(terms)


class _AliasMatcher(PhraseMatcher):
    """Finds glossary aliases (lay words) in text, so an article saying "belly" is bridged to "abdomen"."""

    def __init__(self, library: Library) -> None:
        # Lay words are matched in any case, even if typed in capitals.
        super().__init__((alias.casefold(), entry.id) for entry in library.glossary.values() for alias in entry.lay_words)


def _entry_words(library: Library, entry_id: str) -> str:
    entry = library.glossary[entry_id]
    return " ".join((entry.term, *entry.matches, *entry.lay_words))
