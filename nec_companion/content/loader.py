"""Load and validate the bundled library: every article file and the glossary, with file/line problems."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

from nec_companion.content import frontmatter
from nec_companion.content.files import MAX_FILE_BYTES, MAX_GLOSSARY_BYTES, ContentFileError, read_content_text
from nec_companion.content.languages import DEFAULT_LANGUAGE, FINGERPRINT_RE, fingerprint, resources_for
from nec_companion.content.model import (
    CATEGORY_BY_SLUG,
    UNIT_CATEGORY,
    Article,
    GlossaryEntry,
    Library,
    Problem,
    Signoff,
)
from nec_companion.content.plaintext import MarkdownTooDeep, blocks_to_text, markdown_blocks

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_FIELDS = ("title", "summary", "category", "sources_checked", "sources")
LIST_FIELDS = frozenset({"sources", "keywords", "related", "questions"})
# `reviewed` is the older name of `sources_checked` and is still read, so older files keep working.
KNOWN_FIELDS = frozenset(REQUIRED_FIELDS) | LIST_FIELDS | {"order", "reviewed", "clinical_signoff"}
GLOSSARY_FIELDS = frozenset({"id", "term", "definition", "also_called", "search_words", "aliases", "matches"})
# A translation (resources/<lang>/, see content/languages.py) names its language and the English file it translates.
TRANSLATION_FIELDS = ("lang", "translation_of", "translation_source")
# Spanish needs more words than English for the same text; a translation may be this much longer.
TRANSLATION_WORDS_FACTOR = 1.3
MIN_SOURCES = 2
MIN_WORDS, MAX_WORDS = 300, 1200
MAX_DEFINITION_CHARS = 240
# A run of this many emphasis characters inside a line is not writing; python-markdown nests it into thousands
# of <em>/<strong> levels (slow, and too deep for the reader), so the article is refused before parsing.
_EMPHASIS_RUN_RE = re.compile(r"[*_]{33,}")
# Markdown links and autolinks: [text](target) and <scheme:target>
LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>")


_DEFAULT = Path()


def load_library(library_dir: Path, glossary_file: Path | None, *, today: dt.date | None = None,
                 signoffs_file: Path | None = _DEFAULT) -> Library:
    """Read every `<category>/<slug>.md` under `library_dir` and the glossary; invalid files become problems.

    Clinical sign-offs come from the articles' front matter and from `signoffs_file` (by default
    `signoffs.toml` beside the library folder, when there is one; None reads none).
    """
    from nec_companion.content.signoffs import SIGNOFFS_FILE, apply_signoffs, load_signoffs

    today = today or dt.date.today()
    problems: list[Problem] = []
    if signoffs_file is _DEFAULT:
        default = library_dir.parent / SIGNOFFS_FILE
        signoffs_file = default if (default.exists() or default.is_symlink()) else None
    glossary = load_glossary(glossary_file, problems) if glossary_file is not None else {}
    articles: dict[str, Article] = {}
    for path in sorted(library_dir.glob("*/*.md")) if library_dir.is_dir() else []:
        article = _load_article(path, today=today, problems=problems, root=library_dir)
        if article is None:
            continue
        if article.category == UNIT_CATEGORY:
            problems.append(Problem(path, 1, f"the category '{UNIT_CATEGORY}' is only for a hospital's own pages "
                                             "(their own folder, see unit_pages_folder in docs/DEPLOYMENT.md)"))
            continue
        if article.slug in articles:
            problems.append(Problem(path, 1, f"another article already uses the name '{article.slug}'"))
            continue
        articles[article.slug] = article
    if library_dir.is_dir():
        for stray in sorted(library_dir.glob("*.md")):
            problems.append(Problem(stray, 1, "articles must be inside a category folder, e.g. nec-basics/"))
    else:
        problems.append(Problem(library_dir, 0, "the library folder does not exist"))
    for article in list(articles.values()):
        articles[article.slug] = _check_links(article, articles, glossary, problems)
    if signoffs_file is not None:
        apply_signoffs(articles, load_signoffs(signoffs_file, problems, today=today), problems)
    return Library(articles=articles, glossary=glossary, problems=tuple(problems))


def load_library_for(resources_dir: Path, lang: str = DEFAULT_LANGUAGE, *, today: dt.date | None = None,
                     english: Library | None = None) -> Library:
    """The library of one language from a resources folder (content/languages.py says where its files are).

    English is `load_library` as always. Another language reads resources/<lang>/: each translated article is
    checked like an English one plus its translation fields, must translate an English article of the same slug,
    and is marked `stale` when the English file changed since it was translated. Every English article without a
    translation is included as it is, marked `untranslated_in=lang`. Its problems are the translation's own
    (the English library's problems are reported by loading English). `english`: the English library, if loaded.
    """
    from nec_companion.content.signoffs import SIGNOFFS_FILE, apply_signoffs, load_signoffs

    today = today or dt.date.today()
    base = resources_for(resources_dir, DEFAULT_LANGUAGE)
    if english is None:
        english = load_library(base.library_dir, base.glossary_file, today=today)
    if lang == DEFAULT_LANGUAGE:
        return english
    own = resources_for(resources_dir, lang)
    problems: list[Problem] = []
    glossary = load_glossary(own.glossary_file, problems, english=english.glossary)
    articles: dict[str, Article] = {}
    library_dir = own.library_dir
    for path in sorted(library_dir.glob("*/*.md")) if library_dir.is_dir() else []:
        article = _load_article(path, today=today, problems=problems, root=library_dir, lang=lang)
        if article is None:
            continue
        source = english.articles.get(article.slug)
        if source is None:
            problems.append(Problem(path, 1, f"'translation_of' names '{article.slug}', which is not an English "
                                             "article (a translation uses the English file's category and name)"))
            continue
        if article.category != source.category:
            problems.append(Problem(path, 1, f"the English article '{article.slug}' is in '{source.category}'; "
                                             "its translation must be in the same category folder"))
            continue
        current = fingerprint(source.path, root=base.library_dir)
        articles[article.slug] = Article(**{**article.__dict__, "stale": current != article.translation_source})
    if library_dir.is_dir():
        for stray in sorted(library_dir.glob("*.md")):
            problems.append(Problem(stray, 1, "articles must be inside a category folder, e.g. nec-basics/"))
    for article in list(articles.values()):
        articles[article.slug] = _check_links(article, {**english.articles, **articles}, glossary, problems)
    signoffs_file = library_dir.parent / SIGNOFFS_FILE
    if signoffs_file.exists() or signoffs_file.is_symlink():
        apply_signoffs(articles, load_signoffs(signoffs_file, problems, today=today), problems)
    for slug, source in english.articles.items():
        if slug not in articles:
            articles[slug] = Article(**{**source.__dict__, "untranslated_in": lang})
    return Library(articles=articles, glossary=glossary, problems=tuple(problems), lang=lang)


def _load_article(path: Path, *, today: dt.date, problems: list[Problem], root: Path,
                  min_words: int = MIN_WORDS, lang: str = DEFAULT_LANGUAGE) -> Article | None:
    slug = path.stem
    if not SLUG_RE.match(slug):
        problems.append(Problem(path, 1, "the file name must be lower-case letters, digits and hyphens"))
        return None
    try:
        text = read_content_text(path, max_bytes=MAX_FILE_BYTES, root=root)
    except ContentFileError as exc:
        problems.append(Problem(path, 1, exc.reason))
        return None
    try:
        parsed = frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        problems.append(Problem(path, exc.line, exc.reason))
        return None

    fields, lines = dict(parsed.fields), dict(parsed.lines)
    errors: list[Problem] = []
    if "reviewed" in fields:
        if "sources_checked" in fields:
            errors.append(Problem(path, lines.get("reviewed", 1),
                                  "use 'sources_checked' only ('reviewed' is its older name)"))
        else:
            fields["sources_checked"] = fields.pop("reviewed")
            lines["sources_checked"] = lines.get("reviewed", 1)

    def line_of(key: str) -> int:
        return lines.get(key, 1)

    translated = lang != DEFAULT_LANGUAGE
    known = KNOWN_FIELDS | set(TRANSLATION_FIELDS) if translated else KNOWN_FIELDS
    for key in fields:
        if key not in known:
            errors.append(Problem(path, line_of(key), f"unknown field '{key}' (a typo?)"))
    for key in (*REQUIRED_FIELDS, *(TRANSLATION_FIELDS if translated else ())):
        if not fields.get(key):
            errors.append(Problem(path, line_of(key), f"the required field '{key}' is missing or empty"))
    for key in ("title", "summary", "category", "sources_checked", "clinical_signoff", "order", *TRANSLATION_FIELDS):
        if len(fields.get(key, [])) > 1:
            errors.append(Problem(path, line_of(key), f"'{key}' must fit on one line"))

    category = " ".join(fields.get("category", []))
    if category and category not in CATEGORY_BY_SLUG:
        known_categories = ", ".join(CATEGORY_BY_SLUG)
        errors.append(Problem(path, line_of("category"),
                              f"unknown category '{category}' (known: {known_categories})"))
    elif category and category != path.parent.name:
        errors.append(
            Problem(path, line_of("category"), f"category '{category}' does not match its folder '{path.parent.name}'")
        )

    checked: dt.date | None = None
    checked_text = " ".join(fields.get("sources_checked", []))
    if checked_text:
        try:
            checked = dt.date.fromisoformat(checked_text)
        except ValueError:
            errors.append(
                Problem(path, line_of("sources_checked"),
                        f"'sources_checked' must be a date like 2026-01-31, not {checked_text!r}")
            )
        else:
            if checked > today:
                errors.append(Problem(path, line_of("sources_checked"), "'sources_checked' is a date in the future"))

    signoff = " ".join(fields.get("clinical_signoff", [])).strip()
    signed: dt.date | None = None
    role = ""
    if signoff:
        role, _, date_text = signoff.rpartition(",")
        role = role.strip()
        try:
            signed = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            signed = None
        if not role or signed is None:
            errors.append(
                Problem(path, line_of("clinical_signoff"),
                        "'clinical_signoff' must be a role and a date, like: Neonatal nurse educator, 2027-01-15")
            )
        elif signed > today:
            errors.append(Problem(path, line_of("clinical_signoff"), "'clinical_signoff' is a date in the future"))

    sources = tuple(fields.get("sources", []))
    if sources and len(sources) < MIN_SOURCES:
        errors.append(Problem(path, line_of("sources"), f"at least {MIN_SOURCES} sources are needed, one per line"))

    order = 100
    order_text = " ".join(fields.get("order", []))
    if order_text:
        try:
            order = int(order_text)
        except ValueError:
            errors.append(Problem(path, line_of("order"), f"'order' must be a whole number, not {order_text!r}"))

    if translated:
        stated = " ".join(fields.get("lang", []))
        if stated and stated != lang:
            errors.append(Problem(path, line_of("lang"), f"'lang' must be '{lang}' in this folder, not {stated!r}"))
        original = " ".join(fields.get("translation_of", []))
        if original and original != slug:
            errors.append(Problem(path, line_of("translation_of"), "'translation_of' must be the English slug, "
                                  f"the same as the file name ('{slug}'), not {original!r}"))
        source = " ".join(fields.get("translation_source", []))
        if source and not FINGERPRINT_RE.match(source):
            errors.append(Problem(path, line_of("translation_source"), "'translation_source' must be the first 16 "
                                  "hex digits of the English file's SHA-256 (sha256sum FILE | cut -c1-16), not "
                                  f"{source!r}"))

    related = tuple(fields.get("related", []))
    for item in related:
        if not SLUG_RE.match(item):
            errors.append(Problem(path, line_of("related"), f"'{item}' in 'related' is not an article name"))

    body = parsed.body.strip("\n")
    # Line numbers count from the first line of the body that is kept (blank lines after --- are dropped).
    body_line = parsed.body_line + len(parsed.body) - len(parsed.body.lstrip("\n"))
    if not body.strip():
        errors.append(Problem(path, body_line, "the article has no text after the front matter"))
    for number, raw in enumerate(body.splitlines(), start=body_line):
        run = _EMPHASIS_RUN_RE.search(raw)
        if run and raw.strip(" *_"):
            errors.append(Problem(path, number, f"a run of {len(run.group(0))} '*' or '_' characters is not valid "
                                                "Markdown emphasis (the reader cannot show it)"))
            break
    if errors:
        problems.extend(errors)
        return None
    try:
        blocks = markdown_blocks(body)
    except MarkdownTooDeep:
        problems.append(Problem(path, body_line, "the Markdown is nested too deeply for the reader to show "
                                                        "(too many levels of lists, quotes or emphasis)"))
        return None

    words = sum(len(block.split()) for block in blocks)
    max_words = int(MAX_WORDS * TRANSLATION_WORDS_FACTOR) if translated else MAX_WORDS
    if not min_words <= words <= max_words:
        problems.append(
            Problem(path, body_line, f"the body has {words} words; articles need {min_words}-{max_words}",
                    skipped=False)
        )
    for number, raw in enumerate(body.splitlines(), start=body_line):
        if raw.startswith("# "):
            problems.append(Problem(path, number, "use '##' headings; the title comes from the front matter",
                                    skipped=False))

    assert checked is not None
    # A sign-off in the front matter is for the version it was given to: once the sources are checked again
    # (a newer sources_checked than the sign-off's date), it lapses until a clinician signs again.
    front_signoff = Signoff(role=role, date=signed, sources_checked=min(signed, checked)) if signed else None
    current = front_signoff if front_signoff and signed and signed >= checked else None
    return Article(
        slug=slug,
        title=fields["title"][0],
        summary=fields["summary"][0],
        category=category,
        sources_checked=checked,
        body=body,
        path=path,
        sources=sources,
        keywords=tuple(fields.get("keywords", [])),
        related=related,
        questions=tuple(fields.get("questions", [])),
        order=order,
        body_line=body_line,
        related_line=line_of("related"),
        clinical_signoff=signoff,
        signoff=current,
        lapsed_signoff=front_signoff if current is None else None,
        text=blocks_to_text(blocks),
        lang=lang,
        translation_of=" ".join(fields.get("translation_of", [])) if translated else "",
        translation_source=" ".join(fields.get("translation_source", [])) if translated else "",
    )


def _check_links(
    article: Article, articles: dict[str, Article], glossary: dict[str, GlossaryEntry], problems: list[Problem]
) -> Article:
    """Report related slugs and internal links that do not resolve; drop the missing related entries."""
    kept = []
    for slug in article.related:
        if slug in articles and slug != article.slug:
            kept.append(slug)
        else:
            problems.append(Problem(article.path, article.related_line, f"related article '{slug}' does not exist",
                                    skipped=False))
    for number, raw in enumerate(article.body.splitlines(), start=article.body_line):
        for match in LINK_TARGET_RE.finditer(raw):
            target = match.group(1) or match.group(2)
            scheme, _, rest = target.partition(":")
            if scheme == "article" and rest.split("#")[0] not in articles:
                problems.append(Problem(article.path, number, f"link to a missing article '{rest}'", skipped=False))
            elif scheme == "glossary" and rest not in glossary:
                problems.append(Problem(article.path, number, f"link to a missing glossary term '{rest}'",
                                        skipped=False))
    if tuple(kept) == article.related:
        return article
    return Article(**{**article.__dict__, "related": tuple(kept)})


def load_glossary(path: Path, problems: list[Problem], *,
                  english: dict[str, GlossaryEntry] | None = None) -> dict[str, GlossaryEntry]:
    """Read `glossary.toml`; malformed entries are reported and left out, the rest are kept.

    `english`: for a translated glossary, the English one. Each entry then needs `translation_of` naming an English
    term, and keeps that term's id (so `glossary:<id>` links mean the same in every language)."""
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(path, 0, "the glossary file does not exist"))
        return {}
    try:
        raw_text = read_content_text(path, max_bytes=MAX_GLOSSARY_BYTES, root=path.parent)
        data = tomllib.loads(raw_text)
    except ContentFileError as exc:
        problems.append(Problem(path, 1, exc.reason.replace("the file", "the glossary", 1)))
        return {}
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        problems.append(Problem(path, line, f"the glossary is not valid TOML: {exc}"))
        return {}
    except (RecursionError, MemoryError):
        problems.append(Problem(path, 1, "the glossary is nested too deeply to read (arrays or tables inside "
                                         "each other hundreds of times)"))
        return {}
    entries = data.get("term")
    if not isinstance(entries, list):
        problems.append(Problem(path, 1, "the glossary must be a list of [[term]] tables"))
        return {}
    term_lines = [n for n, raw in enumerate(raw_text.splitlines(), start=1) if raw.strip() == "[[term]]"]
    glossary: dict[str, GlossaryEntry] = {}
    claimed: dict[str, str] = {}
    for index, entry in enumerate(entries):
        line = term_lines[index] if index < len(term_lines) else 1
        reason = _glossary_entry_problem(entry, glossary, english)
        if reason:
            problems.append(Problem(path, line, reason))
            continue
        item = GlossaryEntry(
            id=entry["id"],
            term=entry["term"].strip(),
            definition=entry["definition"].strip(),
            also_called=_words(entry, "also_called"),
            # `aliases` is the older name of `search_words`: lay words for search, never shown.
            search_words=(*_words(entry, "search_words"), *_words(entry, "aliases")),
            matches=_words(entry, "matches"),
            translation_of=entry.get("translation_of", "").strip() if english is not None else "",
        )
        for form in (item.term, *item.matches):
            owner = claimed.setdefault(form.casefold(), item.id)
            if owner != item.id:
                problems.append(Problem(path, line, f"'{form}' is already a spelling of '{owner}'", skipped=False))
        glossary[item.id] = item
    return glossary


def _words(entry: dict, key: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in entry.get(key, []) if word.strip())


def _glossary_entry_problem(entry: object, seen: dict[str, GlossaryEntry],
                            english: dict[str, GlossaryEntry] | None = None) -> str | None:
    if not isinstance(entry, dict):
        return "each glossary entry must be a [[term]] table"
    unknown = set(entry) - (GLOSSARY_FIELDS if english is None else GLOSSARY_FIELDS | {"translation_of"})
    if unknown:
        return f"unknown glossary field(s): {', '.join(sorted(unknown))}"
    for key in ("id", "term", "definition"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            return f"the glossary entry needs a non-empty '{key}'"
    if not SLUG_RE.match(entry["id"]):
        return f"glossary id '{entry['id']}' must be lower-case letters, digits and hyphens"
    if entry["id"] in seen:
        return f"glossary id '{entry['id']}' is used twice"
    if english is not None:
        original = entry.get("translation_of")
        if not isinstance(original, str) or not original.strip():
            return f"the translated entry '{entry['term']}' needs 'translation_of' (the English term it translates)"
        source = english.get(entry["id"])
        if source is None:
            return f"glossary id '{entry['id']}' is not an id of the English glossary (a translation keeps its id)"
        if source.term.casefold() != original.strip().casefold():
            return (f"'translation_of' of '{entry['term']}' is {original!r}, but the English entry "
                    f"'{entry['id']}' is '{source.term}'")
    limit = MAX_DEFINITION_CHARS if english is None else int(MAX_DEFINITION_CHARS * TRANSLATION_WORDS_FACTOR)
    if len(entry["definition"]) > limit:
        return f"the definition of '{entry['term']}' is longer than {limit} characters"
    for key in ("also_called", "search_words", "aliases", "matches"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"'{key}' of '{entry['term']}' must be a list of words in quotes"
    return None

