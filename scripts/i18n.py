"""The translation catalogs: extract the messages from the source, update each language's `.po` file, check them.

    .venv/bin/python scripts/i18n.py extract   # resources/locale/messages.pot from every _(), N_(), ngettext() ...
    .venv/bin/python scripts/i18n.py update    # merge the template into resources/locale/es.po (new entries empty,
                                               # changed ones marked fuzzy, gone ones dropped)
    .venv/bin/python scripts/i18n.py check     # exit 1 when a message in the source has no checked Spanish entry

`check` is what the test suite runs (tests/test_i18n.py): a message that is missing, untranslated, fuzzy (its
English changed since it was translated) or no longer in the source fails it. Translators edit `es.po` with any
PO editor (Poedit, Lokalize) or a text editor; the app reads it directly (compiled in memory).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "nec_companion"
LOCALE_DIR = ROOT / "resources" / "locale"
TEMPLATE = LOCALE_DIR / "messages.pot"
TRANSLATED = ("es",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract(source: Path = SOURCE) -> Catalog:
    """Every message marked in the Python files under `source`, with the places it is used."""
    catalog = Catalog(project="NEC Companion", domain="nec_companion", charset="utf-8",
                      copyright_holder="the NEC Companion authors", msgid_bugs_address="")
    for filename, lineno, message, comments, context in extract_from_dir(
        source, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, locations=[(f"{source.name}/{filename}", lineno)], auto_comments=comments,
                    context=context)
    return catalog


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def write_catalog(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    # File names without line numbers, so moving code does not churn the catalogs.
    write_po(buffer, catalog, width=116, sort_output=False, include_previous=True, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def problems(template: Catalog, translated: Catalog, name: str) -> list[str]:
    """What keeps `translated` from covering `template`: missing, untranslated, fuzzy or obsolete entries."""
    found: list[str] = []
    for message in template:
        if not message.id:
            continue
        entry = translated.get(message.id, context=message.context)
        where = f"{name}: {message.id if isinstance(message.id, str) else message.id[0]!r}"
        if entry is None:
            found.append(f"{where} is missing")
        elif entry.fuzzy:
            found.append(f"{where} is fuzzy (the English changed; check the translation)")
        elif not (all(entry.string) if isinstance(entry.string, tuple | list) else entry.string):
            found.append(f"{where} is not translated")
    for entry in translated:
        if entry.id and template.get(entry.id, context=entry.context) is None:
            shown = entry.id if isinstance(entry.id, str) else entry.id[0]
            found.append(f"{name}: {shown!r} is no longer in the source (run update)")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("extract", "update", "check"))
    args = parser.parse_args(argv)
    template = extract()
    if args.command == "extract":
        write_catalog(template, TEMPLATE)
        print(f"{len(template)} messages in {TEMPLATE.relative_to(ROOT)}")
        return 0
    if args.command == "update":
        write_catalog(template, TEMPLATE)
        for code in TRANSLATED:
            path = LOCALE_DIR / f"{code}.po"
            catalog = read_catalog(path, code) if path.exists() else Catalog(locale=code, domain="nec_companion")
            catalog.update(template, no_fuzzy_matching=False)
            catalog.obsolete.clear()
            catalog.fuzzy = False  # the header
            catalog.project, catalog.version = "NEC Companion", ""
            catalog.copyright_holder = "the NEC Companion authors"
            write_catalog(catalog, path)
            left = problems(template, catalog, path.name)
            print(f"{path.relative_to(ROOT)}: {len(template)} messages, {len(left)} to translate or check")
        return 0
    found: list[str] = []
    for code in TRANSLATED:
        path = LOCALE_DIR / f"{code}.po"
        if not path.exists():
            found.append(f"{path.name} is missing")
            continue
        found += problems(template, read_catalog(path, code), path.name)
    for line in found:
        print(line)
    print(f"{len(template)} messages; {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
