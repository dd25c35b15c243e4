"""Headless subcommands for IT staff, tests and benchmarks: check-content and search (no Qt)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from nec_companion import __version__
from nec_companion.paths import bundled_resources_dir

# The content engine (python-markdown, SQLite) is imported inside the commands, so that the app can read
# COMMANDS without paying for it before its first window.

COMMANDS = ("check-content", "check-site", "search")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nec-companion", description="NEC Companion command-line tools.")
    parser.add_argument("--version", action="version", version=f"NEC Companion {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-content", help="check every article and the glossary; exit 1 on any problem")
    check.add_argument("dir", nargs="?", type=Path, default=None,
                       help="a resources folder (holding library/ and glossary.toml) or a library folder")
    check.add_argument("--unit", type=Path, default=None, metavar="DIR",
                       help="also check a hospital's own pages (a folder holding hospital/<slug>.md and an "
                            "optional signoffs.toml)")
    site = sub.add_parser("check-site", help="check the hospital's site settings file; exit 1 on any problem")
    site.add_argument("file", nargs="?", type=Path, default=None,
                      help="a site.toml (default: $NEC_COMPANION_SITE_FILE, else the machine-wide file)")
    search = sub.add_parser("search", help="search the library and print ranked results")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true", help="print one JSON array")
    search.add_argument("--lang", choices=("en", "es"), default="en",
                        help="the library's language (es: the Spanish library; articles not yet translated are "
                             "searched in English)")
    search.add_argument("--resources", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def commands_help() -> str:
    """The subcommand list for `nec-companion --help`, built from this parser: a command added here shows there."""
    # argparse has no public list of its subcommands: read its own records (stable since Python 3.2).
    subparsers = next(a for a in build_parser()._actions  # noqa: SLF001
                      if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    helps = {choice.dest: choice.help or "" for choice in subparsers._choices_actions}  # noqa: SLF001
    width = max(len(name) for name in subparsers.choices) + 2
    lines = ["commands (run `nec-companion COMMAND --help` for their options):"]
    lines += [f"  {name:<{width}}{helps.get(name, '')}".rstrip() for name in subparsers.choices]
    return "\n".join(lines)


def _resolve(folder: Path | None) -> tuple[Path, Path | None]:
    """(library dir, glossary file) from a resources folder, a library folder, or the bundled one."""
    root = folder or bundled_resources_dir()
    if (root / "library").is_dir() or (root / "glossary.toml").exists():
        return root / "library", root / "glossary.toml"
    glossary = root.parent / "glossary.toml"
    return root, glossary if glossary.exists() else None


def check_content(folder: Path | None, unit: Path | None = None) -> int:
    from nec_companion.content.loader import load_library

    library_dir, glossary = _resolve(folder)
    library = load_library(library_dir, glossary, today=dt.date.today())
    if unit is not None:
        from nec_companion.content.unit_pages import load_unit_pages, unit_pages

        library = load_unit_pages(unit, library, today=dt.date.today())
        pages = unit_pages(library)
        print(f"The hospital's own pages in {unit}: {len(pages)} loaded"
              + (": " + ", ".join(page.slug for page in pages) if pages else "") + ".")
    for problem in library.problems:
        print(problem)
    # Information, not a problem: which articles no clinician has signed (yet), so a hospital knows what to review.
    unsigned = library.unsigned_articles()
    if unsigned:
        print(f"Information: {len(unsigned)} of {len(library.articles)} articles have no valid clinical sign-off "
              "(this is not an error; see signoffs.toml in resources/README.md):")
        for article, reason in unsigned:
            print(f"  {article.path}: {reason}")
    status = "problem" if len(library.problems) == 1 else "problems"
    signed = len(library.articles) - len(unsigned)
    print(f"{len(library.articles)} articles ({signed} with a clinical sign-off) and {len(library.glossary)} "
          f"glossary terms loaded; {len(library.problems)} {status}.")
    failed = bool(library.problems)
    for lang in ("es",):
        if (library_dir.parent / lang).is_dir():
            failed = _check_translation(library_dir.parent, lang, library) or failed
    return 1 if failed else 0


def _check_translation(resources: Path, lang: str, english) -> bool:
    """Check one translation (resources/<lang>/); print its problems, then untranslated and stale articles as
    information. True if it has problems."""
    from nec_companion.content.languages import LANGUAGES
    from nec_companion.content.loader import load_library_for

    library = load_library_for(resources, lang, today=dt.date.today(), english=english)
    name = {"es": "Spanish"}.get(lang, LANGUAGES[lang])
    print(f"Checking the {name} translation ({lang}) in {resources / lang}:")
    for problem in library.problems:
        print(problem)
    translated = [a for a in library.articles.values() if not a.untranslated]
    untranslated = library.untranslated_articles()
    stale = library.stale_articles()
    if untranslated:
        print(f"Information: {len(untranslated)} of {len(library.articles)} articles are not yet translated "
              f"({lang}); the English text is shown instead:")
        print("  " + ", ".join(a.slug for a in untranslated))
    if stale:
        print(f"Information: {len(stale)} translations are stale (the English article changed after they were "
              "translated; translation_source is not the English file's fingerprint):")
        from nec_companion.content.languages import fingerprint

        for article in stale:
            current = fingerprint(english.articles[article.slug].path) if article.slug in english.articles else None
            print(f"  {article.path}: stale translation of {article.slug} (translated from "
                  f"{article.translation_source}, the English file is now {current})")
    status = "problem" if len(library.problems) == 1 else "problems"
    print(f"{name}: {len(translated)} translated articles ({len(stale)} stale), {len(untranslated)} not yet "
          f"translated, and {len(library.glossary)} glossary terms loaded; {len(library.problems)} {status}.")
    return bool(library.problems)


def check_site(file: Path | None) -> int:
    """Validate a site file: every problem as `file:line: reason`, then the settings in force; exit 1 on any."""
    from nec_companion.paths import default_site_file
    from nec_companion.site import load_site, site_file_location

    path, _named = site_file_location(file, default_site_file())
    loaded = load_site(path, required=True)
    for problem in loaded.problems:
        print(problem)
    if loaded.found:
        settings = loaded.settings
        print(f"Settings in force from {path}:")
        for name in settings.__dataclass_fields__:
            value = getattr(settings, name)
            print(f"  {name} = {'(not set)' if value in (None, '') else value}")
    status = "problem" if len(loaded.problems) == 1 else "problems"
    print(f"{len(loaded.problems)} {status}.")
    return 1 if loaded.problems else 0


def search(query: str, *, limit: int, as_json: bool, resources: Path | None, lang: str = "en") -> int:
    from nec_companion.content.loader import load_library, load_library_for
    from nec_companion.content.search import SearchIndex

    library_dir, glossary = _resolve(resources)
    library = load_library(library_dir, glossary)
    if lang != "en":
        library = load_library_for(library_dir.parent, lang, english=library)
    index = SearchIndex(library)
    found = index.find(query, limit=max(1, limit))
    hits = found.hits
    if as_json:
        print(json.dumps([
            {"kind": h.kind, "slug": h.slug, "title": h.title, "snippet": h.snippet_marked(), "score": h.score,
             **({"lang": _hit_lang(library, h)} if lang != "en" else {})}
            for h in hits
        ], ensure_ascii=False))
        return 0
    if not hits:
        print("No results.")
    else:
        print(f"{found.total} result{'s' if found.total != 1 else ''}" +
              (f"; the best {len(hits)}:" if found.total > len(hits) else ":"))
    for rank, hit in enumerate(hits, start=1):
        label = "glossary" if hit.kind == "glossary" else hit.slug
        print(f"{rank:2d}. {hit.title}  [{label}]  score {hit.score:.3g}")
        print(f"    {' '.join(hit.snippet_marked().split())}")
    return 0


def _hit_lang(library, hit) -> str:
    """The language a hit is written in (an article not yet translated is in English)."""
    if hit.kind == "article" and hit.slug in library.articles:
        return library.articles[hit.slug].lang
    return library.lang


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check-content":
            return check_content(args.dir, args.unit)
        if args.command == "check-site":
            return check_site(args.file)
        return search(args.query, limit=args.limit, as_json=args.json, resources=args.resources, lang=args.lang)
    except BrokenPipeError:
        # The reader closed the pipe (`| head`): stop quietly, as command-line tools do. Point stdout at the null
        # device so the flush at exit does not fail a second time (the recipe in Python's signal docs).
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
