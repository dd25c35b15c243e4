"""A cache of the loaded and indexed library, so the app is searchable soon after it starts.

Loading a library means parsing every article's Markdown and linking it to the glossary, which takes seconds for
hundreds of articles. The result (the articles, glossary, problems and the SQLite search index) is saved in one
file and reused while the content is unchanged.

Safety:
- The key is a SHA-256 hash of every content file's bytes and name (articles, glossary, signoffs.toml), the
  content code itself and the app version: any change to any file makes a new key, so the cache is rebuilt.
- Validation depends on today's date only through "is this date in the future"; a cache built on an earlier day
  is reused only if no date was in the future when it was built (so every date is still in the past today).
- It holds only the library's public text, never journal data.
- It is written to a temporary file (0600) and renamed into place, so a crash leaves the old cache or none.
- A damaged cache (wrong magic, checksum, JSON or database) is ignored and rebuilt; it never stops the app.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import logging
import os
import sqlite3
import struct
import sys
from pathlib import Path

from nec_companion import __version__
from nec_companion.content.files import MAX_FILE_BYTES, MAX_GLOSSARY_BYTES, ContentFileError, read_content_bytes
from nec_companion.content.languages import DEFAULT_LANGUAGE, resources_for
from nec_companion.content.model import CATEGORIES, Article, GlossaryEntry, Library, Problem, Signoff
from nec_companion.content.search import SearchIndex
from nec_companion.content.signoffs import MAX_SIGNOFFS_BYTES, SIGNOFFS_FILE

log = logging.getLogger(__name__)

MAGIC = b"NEC-LIBRARY-CACHE 1\n"
_CODE_DIR = Path(__file__).resolve().parent


def content_key(library_dir: Path, glossary_file: Path | None, signoffs_file: Path | None,
                unit_dir: Path | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """SHA-256 over the language, the names and bytes of every content file (the hospital's own pages and, for
    a translation, its own files included), the content code, and the app version."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(struct.pack(">I", len(label.encode())) + label.encode())
        digest.update(struct.pack(">Q", len(data)) + data)

    add("version", f"{__version__} {MAGIC!r} {sys.version} {sqlite3.sqlite_version}".encode())
    # python-markdown's version (the ready-made page depends on it), read without importing the package.
    spec = importlib.util.find_spec("markdown")
    if spec is not None and spec.origin:
        meta = Path(spec.origin).with_name("__meta__.py")
        add("markdown", meta.read_bytes() if meta.is_file() else spec.origin.encode())
    for source in sorted(_CODE_DIR.glob("*.py")):
        add(f"code:{source.name}", source.read_bytes())
    add("library", str(library_dir.resolve()).encode())
    add("lang", lang.encode())
    files: list[tuple[Path, int, Path]] = []  # (file, size limit, folder it must stay inside)
    folders = [library_dir]
    if lang != DEFAULT_LANGUAGE:
        own = resources_for(library_dir.parent, lang)
        folders.append(own.library_dir)
        files += [(own.glossary_file, MAX_GLOSSARY_BYTES, own.glossary_file.parent),
                  (own.library_dir.parent / SIGNOFFS_FILE, MAX_SIGNOFFS_BYTES, own.library_dir.parent)]
    for folder in folders:
        if folder.is_dir():
            files += [(p, MAX_FILE_BYTES, folder) for p in sorted(folder.glob("*/*.md")) + sorted(folder.glob("*.md"))]
    for extra, limit in ((glossary_file, MAX_GLOSSARY_BYTES), (signoffs_file, MAX_SIGNOFFS_BYTES)):
        if extra is not None:
            files.append((extra, limit, extra.parent))
    if unit_dir is not None:
        from nec_companion.content.unit_pages import unit_page_files

        add("unit", f"{unit_dir.resolve()} {unit_dir.is_dir()}".encode())
        files += [(p, MAX_SIGNOFFS_BYTES if p.name == SIGNOFFS_FILE else MAX_FILE_BYTES, unit_dir)
                  for p in unit_page_files(unit_dir)]
    for path, limit, root in files:
        try:
            data = read_content_bytes(path, max_bytes=limit, root=root)
        except ContentFileError as exc:
            data = b"unreadable: " + exc.reason.encode()
        add(f"file:{path}", data)
    return digest.hexdigest()


def start_article(library: Library) -> str | None:
    """The article the library opens with: the first one of the first category that has any."""
    for category in CATEGORIES:
        articles = library.in_category(category.slug)
        if articles:
            return articles[0].slug
    return None


def default_signoffs(library_dir: Path) -> Path | None:
    candidate = library_dir.parent / SIGNOFFS_FILE
    return candidate if (candidate.exists() or candidate.is_symlink()) else None


def cache_file_for(cache_file: Path, lang: str) -> Path:
    """Each language keeps its own cache file (English keeps the name it always had)."""
    if lang == DEFAULT_LANGUAGE:
        return cache_file
    return cache_file.with_name(f"{cache_file.stem}.{lang}{cache_file.suffix}")


def load_or_build(library_dir: Path, glossary_file: Path | None, cache_file: Path | None, *,
                  today: dt.date | None = None, unit_dir: Path | None = None,
                  lang: str = DEFAULT_LANGUAGE) -> tuple[Library, SearchIndex, bool]:
    """(library, index, came_from_cache). Without a cache file, or with a stale or damaged one, it builds.
    `unit_dir`: the hospital's own pages (content/unit_pages.py), added to the library and its index.
    `lang`: another language than English reads its translation beside the library (resources/<lang>/), with
    the English articles not yet translated; it is cached in its own file, under a key that names the language."""
    today = today or dt.date.today()
    signoffs = default_signoffs(library_dir)
    if cache_file is not None:
        cache_file = cache_file_for(cache_file, lang)
    key = content_key(library_dir, glossary_file, signoffs, unit_dir, lang) if cache_file is not None else ""
    if cache_file is not None:
        cached = read_cache(cache_file, key=key, today=today)
        if cached is not None:
            return (*cached, True)
    # Imported here: python-markdown is needed to build, not to read a cache.
    from nec_companion.content.loader import load_library
    from nec_companion.content.render import article_html

    library = load_library(library_dir, glossary_file, today=today, signoffs_file=signoffs)
    if lang != DEFAULT_LANGUAGE:
        from nec_companion.content.loader import load_library_for

        english = library
        library = load_library_for(library_dir.parent, lang, today=today, english=english)
        # The app logs every problem of the content it uses: the English files' and the translation's.
        library = Library(articles=library.articles, glossary=library.glossary,
                          problems=(*english.problems, *library.problems), lang=lang)
    if unit_dir is not None:
        from nec_companion.content.unit_pages import load_unit_pages

        library = load_unit_pages(unit_dir, library, today=today)
    index = SearchIndex(library)
    if cache_file is not None:
        # The page the reader opens first is kept ready-made, so a start from the cache needs no Markdown
        # (article_html keeps it in library.rendered when the app speaks the library's language).
        first = start_article(library)
        if first is not None:
            article_html(library.articles[first], library)
        try:
            write_cache(cache_file, key=key, today=today, library=library, index=index)
        except OSError as exc:  # a full or read-only disk: the app works without a cache
            log.warning("the library cache could not be written (%s)", type(exc).__name__)
    return library, index, False


# ----- the file: MAGIC, sha256 of the rest, then a length-prefixed JSON header and the SQLite database -----

def write_cache(cache_file: Path, *, key: str, today: dt.date, library: Library, index: SearchIndex) -> None:
    header = json.dumps({
        "key": key,
        "built_on": today.isoformat(),
        "future_dates": any("future" in p.reason for p in library.problems),
        "library": _library_to_json(library),
    }, ensure_ascii=False).encode("utf-8")
    body = struct.pack(">Q", len(header)) + header + index.serialize()
    data = MAGIC + hashlib.sha256(body).digest() + body
    import tempfile

    cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".library-", suffix=".tmp", dir=cache_file.parent)  # created 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, cache_file)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise


def read_cache(cache_file: Path, *, key: str, today: dt.date) -> tuple[Library, SearchIndex] | None:
    """The cached library and index if the file is intact and its key matches; None otherwise (never raises)."""
    try:
        data = read_content_bytes(cache_file, max_bytes=512 * 1024 * 1024)
    except ContentFileError:
        return None
    try:
        if not data.startswith(MAGIC):
            return None
        checksum, body = data[len(MAGIC):len(MAGIC) + 32], data[len(MAGIC) + 32:]
        if hashlib.sha256(body).digest() != checksum or len(body) < 8:
            return None
        (size,) = struct.unpack(">Q", body[:8])
        header = json.loads(body[8:8 + size].decode("utf-8"))
        if header.get("key") != key:
            return None
        built_on = dt.date.fromisoformat(header["built_on"])
        if built_on > today or (built_on != today and header["future_dates"]):
            return None
        library = _library_from_json(header["library"])
        index = SearchIndex(library, database=body[8 + size:])
        if index.size != len(library.articles) + len(library.glossary):
            return None
        return library, index
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, struct.error, sqlite3.Error,
            RecursionError, MemoryError) as exc:
        log.warning("the library cache is damaged and will be rebuilt (%s)", type(exc).__name__)
        return None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _signoff_to_json(signoff: Signoff | None) -> dict | None:
    if signoff is None:
        return None
    return {"role": signoff.role, "date": signoff.date.isoformat(),
            "sources_checked": signoff.sources_checked.isoformat(), "origin": signoff.origin}


def _signoff_from_json(data: dict | None) -> Signoff | None:
    if data is None:
        return None
    return Signoff(role=str(data["role"]), date=dt.date.fromisoformat(data["date"]),
                   sources_checked=dt.date.fromisoformat(data["sources_checked"]), origin=str(data["origin"]))


def _library_to_json(library: Library) -> dict:
    articles = []
    for a in library.articles.values():
        articles.append({
            "slug": a.slug, "title": a.title, "summary": a.summary, "category": a.category,
            "sources_checked": a.sources_checked.isoformat(), "body": a.body, "path": str(a.path),
            "sources": list(a.sources), "keywords": list(a.keywords), "related": list(a.related),
            "questions": list(a.questions), "order": a.order, "body_line": a.body_line,
            "related_line": a.related_line, "clinical_signoff": a.clinical_signoff,
            "signoff": _signoff_to_json(a.signoff), "lapsed_signoff": _signoff_to_json(a.lapsed_signoff),
            "lang": a.lang, "translation_of": a.translation_of, "translation_source": a.translation_source,
            "untranslated_in": a.untranslated_in, "stale": a.stale,
        })  # (not the plain text: it only feeds the index, which the cache holds already built)
    glossary = [{"id": g.id, "term": g.term, "definition": g.definition, "also_called": list(g.also_called),
                 "search_words": list(g.search_words), "matches": list(g.matches), "translation_of": g.translation_of}
                for g in library.glossary.values()]
    problems = [{"path": str(p.path), "line": p.line, "reason": p.reason, "skipped": p.skipped}
                for p in library.problems]
    return {"articles": articles, "glossary": glossary, "problems": problems, "rendered": dict(library.rendered),
            "lang": library.lang}


def _strings(values: list) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _library_from_json(data: dict) -> Library:
    articles: dict[str, Article] = {}
    for a in data["articles"]:
        articles[a["slug"]] = Article(
            slug=str(a["slug"]), title=str(a["title"]), summary=str(a["summary"]), category=str(a["category"]),
            sources_checked=dt.date.fromisoformat(a["sources_checked"]), body=str(a["body"]), path=Path(a["path"]),
            sources=_strings(a["sources"]), keywords=_strings(a["keywords"]), related=_strings(a["related"]),
            questions=_strings(a["questions"]), order=int(a["order"]), body_line=int(a["body_line"]),
            related_line=int(a["related_line"]), clinical_signoff=str(a["clinical_signoff"]),
            signoff=_signoff_from_json(a["signoff"]), lapsed_signoff=_signoff_from_json(a["lapsed_signoff"]),
            lang=str(a.get("lang", "en")), translation_of=str(a.get("translation_of", "")),
            translation_source=str(a.get("translation_source", "")),
            untranslated_in=str(a.get("untranslated_in", "")), stale=bool(a.get("stale", False)),
        )
    glossary = {
        g["id"]: GlossaryEntry(id=str(g["id"]), term=str(g["term"]), definition=str(g["definition"]),
                               also_called=_strings(g["also_called"]), search_words=_strings(g["search_words"]),
                               matches=_strings(g["matches"]), translation_of=str(g.get("translation_of", "")))
        for g in data["glossary"]
    }
    problems = tuple(Problem(Path(p["path"]), int(p["line"]), str(p["reason"]), bool(p["skipped"]))
                     for p in data["problems"])
    rendered = {str(slug): str(page) for slug, page in data.get("rendered", {}).items() if slug in articles}
    return Library(articles=articles, glossary=glossary, problems=problems, rendered=rendered,
                   lang=str(data.get("lang", "en")))
