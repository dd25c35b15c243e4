"""The translation catalogs: extract the messages from the source, update each language's `.po` file, check them.

    .venv/bin/python scripts/i18n.py extract   # resources/locale/messages.pot from every _(), N_(), ngettext() ...
    .venv/bin/python scripts/i18n.py update    # merge the template into resources/locale/es.po (new entries empty,
                                               # changed ones marked fuzzy, gone ones dropped)
    .venv/bin/python scripts/i18n.py check     # exit 1 when a message in the source has no checked Spanish entry

    .venv/bin/python scripts/i18n.py unwrapped [--loose] [PATH ...]
                                               # text handed to Qt (setText, QLabel, addItem ...) that is not
                                               # wrapped in _(): the CI check; --loose also lists every
                                               # sentence-like literal, to find the rest by eye
    .venv/bin/python scripts/i18n.py fill OTHER.po ...   # take translations for es.po's empty or fuzzy entries
                                               # from other catalogs (merging translators' work)

`check` and `unwrapped` are what the test suite runs (tests/test_i18n.py): a message that is missing,
untranslated, fuzzy (its English changed since it was translated) or no longer in the source fails it.
Translators edit `es.po` with any PO editor (Poedit, Lokalize) or a text editor; the app reads it directly
(compiled in memory).
"""

from __future__ import annotations

import argparse
import ast
import io
import re
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
    for message in catalog:
        # The English an entry was translated from is kept only while the entry waits for a check (fuzzy).
        message.user_comments = [c for c in message.user_comments if not c.startswith("| msgid")]
        if not message.fuzzy:
            message.previous_id = ()
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


# ----- the unwrapped-text detector -----

#: Calls whose string arguments are shown to a person: Qt's text setters and constructors, message boxes, file
#: dialogs, and the app's own label and banner helpers. A literal handed to one of these must be wrapped in _().
TEXT_CALLS = frozenset({
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setAccessibleName",
    "setAccessibleDescription", "setStatusTip", "setWhatsThis", "setTitle", "addTab", "insertTab", "setTabText",
    "addItem", "addItems", "insertItem", "setItemText", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setSuffix", "setPrefix", "setSpecialValueText", "showMessage", "setLabelText",
    "setButtonText", "setInformativeText", "setDetailedText", "information", "warning", "critical", "question",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton", "QMessageBox",
    "QCommandLinkButton", "addAction", "addMenu", "addButton", "setNameFilter", "setNameFilters",
    "getSaveFileName", "getOpenFileName", "getExistingDirectory", "getText", "getItem",
    "plain_label", "show_text", "announce", "say", "tell", "set_message", "show_message", "setHtml",
})
#: Keyword arguments that carry shown text, whatever the call.
TEXT_KEYWORDS = frozenset({"text", "title", "label", "tooltip", "caption", "message", "heading", "placeholder",
                           "accessible_name", "button_text"})
WRAPPERS = frozenset({"_", "N_", "ngettext", "pgettext", "npgettext"})
#: Calls whose string arguments are never shown: names, styles, settings keys, logs, SQL.
NOT_TEXT_CALLS = frozenset({
    "setObjectName", "setProperty", "property", "setStyleSheet", "setAccessibleIdentifier", "getLogger", "debug",
    "info", "exception", "error", "log", "compile", "match", "search", "sub", "fullmatch", "split", "execute",
    "executemany", "executescript", "open", "Path", "joinpath", "with_suffix", "get", "setdefault", "pop",
    "startswith", "endswith", "replace", "strip", "rstrip", "lstrip", "join", "format", "encode", "decode",
    "findChild", "findChildren", "value", "setValue", "contains", "remove", "isinstance", "getattr", "hasattr",
    "setattr", "Signal", "Slot", "Property", "QKeySequence", "fromString", "strftime", "strptime", "fromisoformat",
    "cast", "TypeVar", "NewType", "field", "environ", "getenv", "warn", "add_argument", "add_parser",
    "ArgumentParser", "add_mutually_exclusive_group", "QFont", "QColor", "fromTheme", "QIcon", "QPixmap",
    "mkdtemp", "NamedTemporaryFile", "write", "print", "dumps", "loads", "md5", "sha256", "blake2b",
})
IGNORE_MARK = "i18n: not text"
_LETTER = re.compile(r"[A-Za-z]{2}")
_MARKUP = re.compile(r"<[^>]*>")  # tags around translated text are not text themselves
_LOG_FORMAT = re.compile(r"%[srd]")  # logging's lazy formats: a log line, never shown to a family


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _literal_text(node: ast.AST) -> str | None:
    """The English in `node` if it is a string literal, an f-string or a + of them holding words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _LETTER.search(_MARKUP.sub("", node.value)) else None
    if isinstance(node, ast.JoinedStr):
        parts = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return parts if _LETTER.search(_MARKUP.sub("", parts)) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_text(node.left) or _literal_text(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_text(node.body) or _literal_text(node.orelse)
    return None


def _sentence_like(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and any(c.isalpha() for c in text) and not text.startswith(("_", "#", "<", "%", "{"))


def unwrapped_in(path: Path, source: str, *, loose: bool = False) -> list[str]:
    """`file:line: "text"` for each literal handed to a text call without _() (with `loose`: every sentence-like
    literal outside _(), docstrings and known non-text calls, for people to sort by eye)."""
    tree = ast.parse(source, filename=str(path))
    lines = source.splitlines()
    found: list[tuple[int, str]] = []
    wrapped: set[int] = set()
    docstrings: set[int] = set()
    quiet: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
        if isinstance(node, ast.JoinedStr):
            # Babel's extractor does not look inside f-strings: a _() there never reaches the catalog.
            for value in node.values:
                for inner in ast.walk(value):
                    if isinstance(inner, ast.Call) and _call_name(inner) in WRAPPERS and inner.args:
                        shown = _literal_text(inner.args[0])  # a variable holds an N_() message: extracted there
                        if shown is not None:
                            found.append((inner.lineno, f"_() inside an f-string is never extracted: {shown}"))
        if isinstance(node, ast.Call):
            name = _call_name(node)
            inside = [*node.args, *(k.value for k in node.keywords)]
            if name in WRAPPERS:
                for arg in inside:
                    wrapped.update(id(n) for n in ast.walk(arg))
            elif name in NOT_TEXT_CALLS:
                for arg in inside:
                    quiet.update(id(n) for n in ast.walk(arg))
            elif name in TEXT_CALLS:
                for arg in node.args:
                    text = _literal_text(arg)
                    if text is not None and not _LOG_FORMAT.search(text):
                        found.append((arg.lineno, text))
                        quiet.update(id(n) for n in ast.walk(arg))
            for keyword in node.keywords:
                if keyword.arg in TEXT_KEYWORDS and name not in WRAPPERS:
                    text = _literal_text(keyword.value)
                    if text is not None:
                        found.append((keyword.value.lineno, text))
                        quiet.update(id(n) for n in ast.walk(keyword.value))
        if isinstance(node, ast.Subscript | ast.Compare | ast.keyword) or (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"get", "setdefault"}):
            # dictionary keys, comparisons and keyword arguments are identifiers, not text
            for child in ast.walk(node.slice if isinstance(node, ast.Subscript) else node):
                if isinstance(node, ast.Compare | ast.Subscript):
                    quiet.add(id(child))
    if loose:
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in wrapped
                    and id(node) not in docstrings and id(node) not in quiet and _sentence_like(node.value)):
                found.append((node.lineno, node.value))
    problems = []
    for line, text in sorted(set(found)):
        if 0 < line <= len(lines) and IGNORE_MARK in lines[line - 1]:
            continue
        problems.append(f"{path}:{line}: {text[:70]!r}")
    return problems


def unwrapped(paths: list[Path], *, loose: bool = False) -> list[str]:
    found: list[str] = []
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            if path.name == "i18n.py" and path.parent.name == "core":
                continue
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            found += unwrapped_in(shown, path.read_text(encoding="utf-8"), loose=loose)
    return found


def fill(target: Catalog, others: list[Catalog]) -> int:
    """Give `target`'s empty or fuzzy entries the translation another catalog has for the same message."""
    filled = 0
    for message in target:
        if not message.id:
            continue
        empty = not (all(message.string) if isinstance(message.string, tuple | list) else message.string)
        if not (empty or message.fuzzy):
            continue
        for other in others:
            entry = other.get(message.id, context=message.context)
            if entry is None or entry.fuzzy:
                continue
            if all(entry.string) if isinstance(entry.string, tuple | list) else entry.string:
                message.string = entry.string
                message.flags.discard("fuzzy")
                filled += 1
                break
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("extract", "update", "check", "unwrapped", "fill"))
    parser.add_argument("paths", nargs="*", type=Path, help="unwrapped: files or folders (default: the package); "
                                                             "fill: the catalogs to take translations from")
    parser.add_argument("--loose", action="store_true", help="unwrapped: list every sentence-like literal too")
    args = parser.parse_args(argv)
    if args.command == "unwrapped":
        found = unwrapped([p.resolve() for p in args.paths] or [SOURCE], loose=args.loose)
        for line in found:
            print(line)
        print(f"{len(found)} unwrapped")
        return 1 if found else 0
    if args.command == "fill":
        for code in TRANSLATED:
            path = LOCALE_DIR / f"{code}.po"
            catalog = read_catalog(path, code)
            filled = fill(catalog, [read_catalog(p, code) for p in args.paths])
            write_catalog(catalog, path)
            print(f"{path.relative_to(ROOT)}: {filled} entries filled")
        return 0
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
