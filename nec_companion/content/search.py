"""Full-text search over the library: an in-memory SQLite FTS5 index with lay-word ↔ medical-word bridging.

The bridge is data, not code: every glossary entry whose term, spelling or alias appears in an article adds
all of that entry's words to the article's `glossary` column. So "belly" finds an article that only says
"abdomen", and "NPO" finds one that only says "nothing by mouth".
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from nec_companion.content.model import HIGHLIGHT_END, HIGHLIGHT_START, Library

# Column weights for bm25: a title or keyword hit matters far more than a word deep in the body.
_WEIGHTS = (0.0, 0.0, 10.0, 6.0, 3.0, 2.0, 1.0)  # kind, slug, title, keywords, summary, glossary, body
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_PHRASE_RE = re.compile(r'"([^"]*)"')
_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "NEAR"})
MAX_QUERY_CHARS = 500
GLOSSARY_WEIGHT = 0.4
MAX_TOKENS = 24
# A result must carry at least this share of the best result's matched-word weight to be listed at all: so a
# question lists the articles that answer it, not every article that happens to contain one of its words.
MIN_SHARE_OF_BEST = 0.5
NEAR_BONUS = 1.5
NAMED_BONUS = 2.0

# Words that carry no topic in a parent's question. They are never required, and they do not count when
# results are ranked by how many of the question's words they contain. ("baby" is here because nearly every
# article says it; "NEC", "milk" and "feeds" are not: they name topics, and IDF weighs them by rarity.)
STOP_WORDS = frozenset(["a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "both", "but", "by", "can", "cause", "caused", "causes", "causing", "could", "did", "do", "does", "doing", "done", "during", "each", "for", "from", "get", "gets", "getting", "go", "going", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "it's", "just", "know", "let", "like", "ll", "many", "may", "me", "mean", "means", "meaning", "might", "more", "most", "much", "must", "my", "myself", "need", "needs", "no", "normal", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "really", "s", "should", "so", "some", "such", "t", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "thing", "things", "this", "those", "through", "to", "too", "under", "up", "us", "ve", "very", "was", "way", "we", "were", "what", "whats", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "would", "you", "your", "yours", "yourself", "baby", "babies", "baby's", "infant", "infants", "child", "newborn", "please", "tell", "explain", "okay", "ok", "still", "ever", "happen", "happens", "happened", "stand", "stands", "something", "anything", "time", "important"])
# Words that ask for a definition: "what is X", "what does X mean", "define X".
_DEFINITION_CUES = frozenset({"mean", "means", "meaning", "define", "definition", "stand", "stands"})
_SUFFIXES = ("ies", "ing", "ous", "ed", "es", "s", "ly")


def _unaccented(word: str) -> str:
    """A word lower case with accents removed, as the index stores it ('bebé' -> 'bebe', 'qué' -> 'que')."""
    return _vocab_form(word)


# Spanish: the same idea, written without accents because a word is compared with its accents removed (parents
# type "que" and "qué", "como" and "cómo"). "bebe" is here as "baby" is in English.
STOP_WORDS_ES = frozenset(["a", "al", "algo", "alguien", "algun", "alguna", "alguno", "algunas", "algunos", "ante", "aqui", "asi", "aun", "bebe", "bebes", "bien", "cada", "casi", "como", "con", "contra", "cosa", "cosas", "cual", "cuales", "cualquier", "cuando", "cuanto", "cuanta", "cuantos", "cuantas", "de", "debe", "deben", "debemos", "debo", "deberia", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en", "entonces", "entre", "era", "eran", "eres", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estaba", "estamos", "estan", "estar", "estas", "este", "esto", "estos", "estoy", "explicar", "explique", "fue", "fueron", "ha", "habia", "hace", "hacen", "hacer", "hago", "han", "has", "hasta", "hay", "he", "hijo", "hija", "hoy", "la", "las", "le", "les", "lo", "los", "me", "mi", "mis", "mucha", "mucho", "muchos", "muchas", "muy", "mas", "nada", "ni", "no", "nos", "nosotros", "nuestra", "nuestro", "o", "otra", "otro", "otras", "otros", "para", "pasa", "pasar", "pero", "poco", "por", "porque", "pregunta", "puede", "pueden", "puedo", "pudo", "podria", "que", "quien", "quienes", "quiero", "saber", "se", "sea", "ser", "si", "sido", "siempre", "sin", "sobre", "solo", "somos", "son", "soy", "su", "sus", "tal", "tambien", "tan", "tanto", "te", "tenemos", "tener", "tengo", "tiene", "tienen", "toda", "todas", "todo", "todos", "tu", "tus", "u", "un", "una", "unas", "uno", "unos", "usted", "ustedes", "va", "vamos", "van", "ver", "y", "ya", "yo", "normal", "significa", "significan", "significado", "decir", "quiere", "dice", "dicen", "dijo", "dijeron", "dar", "da", "dan", "dando", "dio", "dieron", "den", "doy", "hizo", "hicieron", "hecho", "haga", "hagan", "hacemos", "tenga", "tengan", "tuvo", "tenia", "iba", "ir", "voy", "fue", "sabe", "saben", "sabemos", "se", "esto", "estas", "esta", "estan", "estuvo", "haya", "hubo", "podemos", "podria", "podrian", "deberia", "debemos", "algun", "alguna", "dia", "tanta", "tantas", "tantos", "menos"])
_DEFINITION_CUES_ES = frozenset({"significa", "significan", "significado", "definicion", "define", "decir"})
# Endings cut off so that a word finds its plural, gender and verb forms (a prefix query on the stem):
# "alimentación" -> aliment*, "hinchada" -> hinch*, "vómitos" -> vomit*.
_SUFFIXES_ES = ("aciones", "iciones", "amiento", "imiento", "ciones", "mente", "acion", "icion", "ando", "iendo",
                "adas", "ados", "idas", "idos", "cion", "ada", "ado", "ida", "ido", "es", "os", "as", "an", "en",
                "ar", "er", "ir", "s", "a", "o", "e")
_VERB_ENDINGS_ES = frozenset({"ando", "iendo", "ar", "er", "ir"})
_ENCLITIC_RE = re.compile(r"^(\w{2,}(?:ar|er|ir|ando|iendo))(?:me|te|se|le|lo|la|nos|les|los|las)$")
_DIPHTHONG_RE = re.compile(r"(ie|ue)(?=[^aeiou]+$)")  # the stressed vowel of the stem's last syllable


def _variants_es(word: str, *, typing: bool) -> list[str]:
    """FTS5 strings for one Spanish word: itself (accents do not matter to the index) and its stem as a prefix."""
    lowered = _unaccented(word)
    found = [f'"{word}"*' if typing and len(word) >= 2 else f'"{word}"']
    # A pronoun joined to a verb ("salirme", "sacarse", "extraerla"): the verb is what the library says.
    lowered = _ENCLITIC_RE.sub(r"\1", lowered)
    for suffix in _SUFFIXES_ES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 3:
            stem = lowered[: -len(suffix)]
            # A short verb stem still finds its forms ("sacando" -> sac*: sacar, sacarse, saca).
            prefix = len(stem) >= 4 or (len(stem) == 3 and suffix in _VERB_ENDINGS_ES)
            found.append(f'"{stem}"*' if prefix else f'"{stem}"')
            # A stem-changing verb: "empiezo" finds "empezar", "vuelven" "volver", "siento" "sentir".
            plain = _DIPHTHONG_RE.sub(lambda m: "e" if m.group(1) == "ie" else "o", stem, count=1)
            if plain != stem and len(plain) >= 4:
                found.append(f'"{plain}"*')
            # An adjective in -oso/-osa finds its noun: "ansiosa" -> ansi* (ansiedad), "dolorosa" -> dolor*.
            if stem.endswith("os") and len(stem) >= 6:
                found.append(f'"{stem[:-2]}"*')
            break
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class _Language:
    """What search needs to know about a language: its filler words and how its words change form."""

    stop_words: frozenset[str]
    definition_cues: frozenset[str]
    definition_starts: tuple[frozenset[str], frozenset[str]]  # "what is": (first words, second words)
    fold: Callable[[str], str]  # word -> the form compared with stop words
    variants: Callable[..., list[str]]  # (word, typing=) -> FTS5 strings
    # Words that are filler unless a given word follows: Spanish "después" alone is "later", but
    # "después de la ECN" names a time the library writes about.
    filler_unless_followed_by: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


_ENGLISH = _Language(STOP_WORDS, _DEFINITION_CUES,
                     (frozenset({"what", "whats"}), frozenset({"is", "are", "s", "a", "an"})),
                     str.casefold, lambda word, typing: _variants(word, typing=typing))
_SPANISH = _Language(STOP_WORDS_ES, _DEFINITION_CUES_ES,
                     (frozenset({"que", "cual"}),
                      frozenset({"es", "son", "significa", "quiere", "un", "una", "el", "la"})),
                     _unaccented, lambda word, typing: _variants_es(word, typing=typing),
                     (frozenset({"despues", "antes", "luego"}), frozenset({"de", "del"})))
_LANGUAGES = {"en": _ENGLISH, "es": _SPANISH}


def _language(lang: str) -> _Language:
    return _LANGUAGES.get(lang, _ENGLISH)


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


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]  # the best `limit` results, best first
    total: int  # how many results there are in all (may be more than len(hits))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _vocab_form(word: str) -> str:
    """A word as FTS5's unicode61 tokenizer stores it (remove_diacritics 2): lower case, accents removed."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class _Term:
    """One word or phrase of the query as an FTS5 expression (its spelling variants OR-ed together)."""

    expression: str
    words: tuple[str, ...]
    variants: tuple[str, ...] | None = None  # one word's spellings ('"feeds"', '"feed"*'); None for a phrase


def _variants(word: str, *, typing: bool) -> list[str]:
    """FTS5 strings for one word: itself, a light stem as a prefix (feeds→feed*, pumping→pump*), and, for the
    word being typed, itself as a prefix."""
    lowered = word.casefold()
    found = [f'"{word}"*' if typing and len(word) >= 2 else f'"{word}"']
    for suffix in _SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 3:
            stem = lowered[: -len(suffix)]
            if suffix == "ies":
                found.append(f'"{stem}y"')
            if suffix in ("ing", "ed") and len(stem) == 3:
                found.append(f'"{stem}e"')  # taking -> take
            if len(stem) >= 4:
                found.append(f'"{stem}"*')
            elif suffix in ("s", "es"):
                found.append(f'"{stem}"')
            break
    else:
        if len(lowered) >= 3 and not typing and lowered.isalpha():
            # The plain form typed, another written: "feed" finds "feeds", "feeding"; "add" finds "added".
            base = lowered[:-1] if lowered.endswith("e") else lowered
            found += [f'"{lowered}s"', f'"{base}ed"', f'"{base}ing"']
    return list(dict.fromkeys(found))


def parse_query(query: str, lang: str = "en") -> tuple[list[_Term], bool]:
    """The query's terms (question and filler words left out, unless nothing else is left) and whether it asks
    for a definition. Every token is quoted: no FTS5 operator or column filter survives."""
    language = _language(lang)
    query = _fold(query[:MAX_QUERY_CHARS])
    terms: list[_Term] = []
    for phrase in _PHRASE_RE.findall(query):
        words = _TOKEN_RE.findall(phrase.replace("_", " "))
        if words:
            terms.append(_Term("(" + " + ".join(f'"{w}"' for w in words) + ")", tuple(w.casefold() for w in words)))
    rest = _PHRASE_RE.sub(" ", query)
    # Bare AND/OR/NOT are what people type as operators; ranking by matched words already does what they mean.
    words = [w for w in _TOKEN_RE.findall(rest.replace("_", " ")) if w not in _OPERATOR_WORDS][:MAX_TOKENS]
    folded = [language.fold(w) for w in words]
    firsts, seconds = language.definition_starts
    asks_definition = bool(language.definition_cues & set(folded)) or (
        len(folded) >= 2 and folded[0] in firsts and folded[1] in seconds)
    content = [(i, w) for i, w in enumerate(words) if language.fold(w) not in language.stop_words and len(w) > 1
               and not _filler_here(folded, i, language)]
    if not content and not terms:
        content = list(enumerate(words))  # only filler words typed ("baby"): search for them after all
    typing_last = not query.rstrip().endswith(('"', "?", ".", "!", " "))
    for index, word in content:
        typing = typing_last and index == len(words) - 1
        variants = language.variants(word, typing)
        expression = variants[0] if len(variants) == 1 else "(" + " OR ".join(variants) + ")"
        terms.append(_Term(expression, (word.casefold(),), tuple(variants)))
    unique: dict[str, _Term] = {t.expression: t for t in terms}
    return list(unique.values()), asks_definition


def _filler_here(folded: list[str], index: int, language: _Language) -> bool:
    """Whether the word at `index` is filler where it stands (see _Language.filler_unless_followed_by)."""
    fillers, followers = language.filler_unless_followed_by
    if folded[index] not in fillers:
        return False
    return index + 1 >= len(folded) or folded[index + 1] not in followers


def build_match_expressions(query: str, lang: str = "en") -> tuple[str | None, str | None]:
    """FTS5 MATCH strings (all terms, any term) from free text, for callers and tests."""
    terms, _ = parse_query(query, lang)
    if not terms:
        return None, None
    return " AND ".join(t.expression for t in terms), " OR ".join(t.expression for t in terms)


class SearchIndex:
    """Build once from a Library; `search()` is safe for any text a person can type and never raises."""

    def __init__(self, library: Library, *, database: bytes | None = None) -> None:
        # check_same_thread=False: the index is built on a worker thread and then used only on the GUI thread.
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._library = library
        self.lang = library.lang  # its filler words and word forms (the index itself is the same in every language)
        self._ranking: tuple[dict[tuple[str, ...], str], dict[str, set[tuple[str, ...]]]] | None = None
        self._vocab: frozenset[str] | None = None
        if database is not None:
            self._db.deserialize(database)
            self.size = self._db.execute("SELECT count(*) FROM docs").fetchone()[0]
            return
        self._db.execute("PRAGMA temp_store=MEMORY")
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(kind UNINDEXED, slug UNINDEXED, title, keywords, summary, "
            "glossary, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
        )
        self._db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row')")
        # Imported here: building needs python-markdown and the phrase matcher; an index from the cache does not.
        from nec_companion.content.plaintext import plain_text
        from nec_companion.content.render import GlossaryMatcher, PhraseMatcher

        matcher = GlossaryMatcher(library.glossary.values())
        # Glossary lay words found in an article's text (matched in any case), so "belly" bridges to "abdomen".
        alias_matcher = PhraseMatcher((alias.casefold(), entry.id) for entry in library.glossary.values()
                                      for alias in entry.lay_words)
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
        self._db.commit()  # (an open transaction would make serialize() write an inconsistent image)
        self.size = len(rows)

    def _prepare(self) -> None:
        """Made on the first search rather than at start-up: the words search ranks by."""
        if self._ranking is not None:
            return
        try:
            # Every token in the index (as FTS5 stores it: lower case, accents removed).
            self._vocab = frozenset(term for (term,) in self._db.execute("SELECT term FROM vocab"))
        except sqlite3.Error:
            self._vocab = None  # then no variant is pruned
        # Glossary names (for "what is X"), and the phrases the writers listed for each article (title and
        # keywords), as normalised word tuples.
        phrases = {a.slug: {_norm_words(k, self.lang) for k in (a.title, *a.keywords)} - {()}
                   for a in self._library.articles.values()}
        self._ranking = (_term_names(self._library), phrases)

    def serialize(self) -> bytes:
        """The built index as bytes (for the content cache; it holds only the library's public text)."""
        return self._db.serialize()

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """The best results for a typed query or a whole question, best first."""
        return self.find(query, limit=limit).hits

    def find(self, query: str, *, limit: int = 20) -> SearchResults:
        """Ranked results and how many there are in all.

        Question and filler words are left out. Results are ranked by how many of the remaining words they
        contain, each weighted by how rare (important) it is across the library (IDF), times bm25 relevance;
        results with much less of the question than the best are not listed. A question asking what a
        glossary term means ("what is corrected age") puts that definition first.
        """
        limit = max(1, min(int(limit), 200))
        try:
            return self._find(query, limit)
        except sqlite3.Error:
            # Every token is quoted, so this is not expected; a search box never shows an error.
            return SearchResults([], 0)

    def _find(self, query: str, limit: int) -> SearchResults:
        parsed, asks_definition = parse_query(query, self.lang)
        if not parsed:
            return SearchResults([], 0)
        self._prepare()
        assert self._ranking is not None
        term_names, phrases = self._ranking
        total_docs = max(1, self.size)
        # Spelling variants that occur nowhere in the library are dropped (fewer phrases for FTS5 to rank).
        terms = [t for t in (self._prune(t) for t in parsed) if t is not None]
        missing = len(parsed) - len(terms)  # words found nowhere: they count as unmatched for every result
        if not terms:
            return SearchResults([], 0)
        weights: list[float] = [math.log(1 + (total_docs + 0.5) / 0.5)] * missing
        matched_by: dict[int, float] = {}
        for term in terms if len(terms) > 1 else ():
            rowids = [r for (r,) in self._db.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (term.expression,))]
            df = len(rowids)
            idf = math.log(1 + (total_docs - df + 0.5) / (df + 0.5))
            weights.append(idf)
            for rowid in rowids:
                matched_by[rowid] = matched_by.get(rowid, 0.0) + idf
        if len(terms) == 1:
            weights.append(1.0)  # one term: every result holds all of it (its rows come from the query below)
        all_weight = sum(weights) or 1.0
        any_expression = " OR ".join(t.expression for t in terms)
        bm25 = ", ".join(str(w) for w in _WEIGHTS)
        rows = self._db.execute(
            f"SELECT rowid, kind, slug, bm25(docs, {bm25}) FROM docs WHERE docs MATCH ?", (any_expression,)
        ).fetchall()
        if len(terms) == 1:
            matched_by = {rowid: 1.0 for rowid, *_ in rows}
        if not matched_by:
            return SearchResults([], 0)
        best_share = max(matched_by.values()) / all_weight
        # Words of the question close together ("blood in the poop") make a result more likely to answer it.
        near: set[int] = set()
        named: set[int] = set()
        plain_words = [t.words[0] for t in terms if len(t.words) == 1]
        # Each word as NEAR sees it: itself, or in Spanish its stem as a prefix, so "sacando leche" is near
        # "saco leche" and "trata la ECN" near "Tratar la ECN" (a Spanish word changes form far more).
        near_words = [_near_token(t, self.lang) for t in terms if len(t.words) == 1]
        if 2 <= len(plain_words) <= 6:
            near_expression = "NEAR(" + " ".join(near_words) + f", {2 * len(plain_words) + 2})"
            near = {r for (r,) in self._db.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (near_expression,))}
            # ...and most of all when a title or a keyword written for the article says the same thing.
            named_expression = "{title keywords} : NEAR(" + " ".join(near_words) + \
                f", {len(plain_words)})"
            named = {r for (r,) in self._db.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (named_expression,))}
        fold = _language(self.lang).fold
        wanted = term_names.get(tuple(fold(w) for t in terms for w in t.words)) if asks_definition else None
        asked = _norm_words(" ".join(w for t in terms for w in t.words), self.lang)
        scored = []
        for rowid, kind, slug, rank in rows:
            share = matched_by.get(rowid, 0.0) / all_weight
            if share < MIN_SHARE_OF_BEST * best_share:
                continue
            score = share * share * -rank * (GLOSSARY_WEIGHT if kind == "glossary" else 1.0)
            if rowid in near:
                score *= NEAR_BONUS
            if rowid in named:
                score *= NAMED_BONUS
            if kind == "article" and asked in phrases.get(slug, ()):
                score *= NAMED_BONUS  # the writers listed exactly this phrase for this article
            if kind == "glossary" and slug == wanted:
                score = math.inf  # "what is X" where X is a glossary term: its definition answers it
            scored.append((score, rowid))
        scored.sort(reverse=True)
        top = scored[:limit]
        snippets = {}
        if top:
            marks = ",".join("?" * len(top))
            for rowid, kind, slug, title, body_snippet, summary_snippet in self._db.execute(
                "SELECT rowid, kind, slug, title, snippet(docs, 6, ?1, ?2, '…', 16), "
                "snippet(docs, 4, ?1, ?2, '…', 24) "
                f"FROM docs WHERE docs MATCH ?3 AND rowid IN ({marks})",
                (HIGHLIGHT_START, HIGHLIGHT_END, any_expression, *(rowid for _, rowid in top)),
            ):
                # Show the words in context from the body when they are there, else the summary (or definition).
                snippet = body_snippet if HIGHLIGHT_START in body_snippet else summary_snippet
                snippets[rowid] = (kind, slug, title, snippet)
        hits = []
        for score, rowid in top:
            kind, slug, title, snippet = snippets[rowid]
            hits.append(SearchHit(kind=kind, slug=slug, title=title, snippet=snippet,
                                  score=score if math.isfinite(score) else 1e9))
        return SearchResults(hits, len(scored))

    def _prune(self, term: _Term) -> _Term | None:
        if term.variants is None or self._vocab is None:
            return term
        kept = [v for v in term.variants if v.endswith("*") or _vocab_form(v.strip('"')) in self._vocab]
        if not kept:
            return None
        expression = kept[0] if len(kept) == 1 else "(" + " OR ".join(kept) + ")"
        return _Term(expression, term.words, tuple(kept))

    def close(self) -> None:
        self._db.close()


def _near_token(term: _Term, lang: str) -> str:
    """One word of the query for an FTS5 NEAR group: quoted as typed, or (Spanish) its stem prefix if it has one."""
    if lang == "es" and term.variants:
        stems = [v for v in term.variants[1:] if v.endswith("*")]
        if stems:
            return stems[0]
    return f'"{term.words[0]}"'


def _norm_words(text: str, lang: str = "en") -> tuple[str, ...]:
    """Content words of a phrase, folded, with a plural 's' dropped: for comparing a query with keywords."""
    language = _language(lang)
    words = [language.fold(w) for w in _TOKEN_RE.findall(_fold(text))]
    content = [w for w in words if w not in language.stop_words and len(w) > 1]
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in content)


def _term_names(library: Library) -> dict[tuple[str, ...], str]:
    """Folded words of every glossary term and its true other names (and their plurals) -> glossary id."""
    names: dict[tuple[str, ...], str] = {}
    language = _language(library.lang)
    for entry in library.glossary.values():
        for form in (entry.term, *entry.matches, *entry.also_called):
            words = tuple(language.fold(w) for w in _TOKEN_RE.findall(_fold(form)))
            content = tuple(w for w in words if w not in language.stop_words and len(w) > 1) or words
            if content:
                names.setdefault(content, entry.id)
                names.setdefault((*content[:-1], content[-1] + "s"), entry.id)
    return names


def _entry_words(library: Library, entry_id: str) -> str:
    entry = library.glossary[entry_id]
    return " ".join((entry.term, *entry.matches, *entry.lay_words))
