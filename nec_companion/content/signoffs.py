"""A hospital's clinical sign-offs, recorded in `signoffs.toml` at the root of a content folder.

A hospital can sign articles off without editing them:

    [[signoff]]
    article = "what-is-nec"            # the article's slug
    role = "Neonatal nurse educator"   # who signed (a role, never a person's name is needed)
    date = 2027-01-15                  # when they signed
    sources_checked = 2026-12-05       # the version they signed: the article's sources_checked date

A sign-off applies while the article's `sources_checked` is the one signed. When the writers check the sources
again (a newer date), the sign-off lapses: the reader says an earlier version was reviewed, and check-content
lists the article as needing a new sign-off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from nec_companion.content.files import ContentFileError, read_content_text
from nec_companion.content.model import Article, Problem, Signoff

SIGNOFFS_FILE = "signoffs.toml"
SIGNOFF_FIELDS = frozenset({"article", "role", "date", "sources_checked"})
MAX_SIGNOFFS_BYTES = 512 * 1024
MAX_ROLE_CHARS = 80


@dataclass(frozen=True)
class SignoffRecord:
    article: str
    signoff: Signoff
    path: Path
    line: int


def load_signoffs(path: Path, problems: list[Problem], *, today: dt.date) -> list[SignoffRecord]:
    """Read a signoffs.toml; each bad entry becomes a `file:line: reason` problem and is left out."""
    import tomllib  # (imported when there is a file to read: a start from the cache has no need of it)

    try:
        text = read_content_text(path, max_bytes=MAX_SIGNOFFS_BYTES, root=path.parent)
        data = tomllib.loads(text)
    except ContentFileError as exc:
        problems.append(Problem(path, 1, exc.reason.replace("the file", "the sign-off file", 1)))
        return []
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        problems.append(Problem(path, line, f"the sign-off file is not valid TOML: {exc}"))
        return []
    except (RecursionError, MemoryError):
        problems.append(Problem(path, 1, "the sign-off file is nested too deeply to read"))
        return []
    unknown_top = set(data) - {"signoff"}
    if unknown_top:
        problems.append(Problem(path, 1, f"unknown table(s) {', '.join(sorted(unknown_top))}: use [[signoff]]"))
    entries = data.get("signoff", [])
    if not isinstance(entries, list):
        problems.append(Problem(path, 1, "sign-offs must be a list of [[signoff]] tables"))
        return []
    header_lines = [n for n, raw in enumerate(text.splitlines(), start=1) if raw.strip() == "[[signoff]]"]
    records: list[SignoffRecord] = []
    for index, entry in enumerate(entries):
        line = header_lines[index] if index < len(header_lines) else 1
        reason = _entry_problem(entry, today)
        if reason:
            problems.append(Problem(path, line, reason))
            continue
        signoff = Signoff(role=entry["role"].strip(), date=entry["date"], sources_checked=entry["sources_checked"],
                          origin=str(path))
        records.append(SignoffRecord(article=entry["article"].strip(), signoff=signoff, path=path, line=line))
    return records


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _entry_problem(entry: object, today: dt.date) -> str | None:
    if not isinstance(entry, dict):
        return "each sign-off must be a [[signoff]] table"
    unknown = set(entry) - SIGNOFF_FIELDS
    if unknown:
        return f"unknown sign-off field(s): {', '.join(sorted(unknown))}"
    for key in ("article", "role"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            return f"the sign-off needs a non-empty '{key}' in quotes"
    if len(entry["role"]) > MAX_ROLE_CHARS:
        return f"'role' is longer than {MAX_ROLE_CHARS} characters (a role, like: Neonatal nurse educator)"
    for key in ("date", "sources_checked"):
        if key not in entry:
            return f"the sign-off of '{entry['article']}' needs '{key}'"
        if not _is_date(entry[key]):
            return f"'{key}' must be a date without quotes, like {key} = 2027-01-15"
    if entry["date"] > today:
        return f"the sign-off of '{entry['article']}' is dated in the future ({entry['date'].isoformat()})"
    if entry["date"] < entry["sources_checked"]:
        return (f"the sign-off of '{entry['article']}' ({entry['date'].isoformat()}) is older than the version it "
                f"names (sources_checked {entry['sources_checked'].isoformat()})")
    return None


def apply_signoffs(articles: dict[str, Article], records: list[SignoffRecord], problems: list[Problem]) -> None:
    """Attach each valid sign-off to its article (in place); the latest sign-off of an article wins."""
    for record in sorted(records, key=lambda r: r.signoff.date):
        article = articles.get(record.article)
        if article is None:
            problems.append(Problem(record.path, record.line, f"there is no article '{record.article}' to sign off",
                                    skipped=True))
            continue
        signoff = record.signoff
        if signoff.sources_checked > article.sources_checked:
            problems.append(Problem(
                record.path, record.line,
                f"the sign-off of '{record.article}' names sources_checked {signoff.sources_checked.isoformat()}, "
                f"but the article's is {article.sources_checked.isoformat()}"))
            continue
        if signoff.sources_checked < article.sources_checked:
            # The article was checked again since: the sign-off lapses (information, not a problem).
            if article.signoff is None:
                articles[record.article] = dataclasses.replace(article, lapsed_signoff=signoff)
            continue
        articles[record.article] = dataclasses.replace(article, signoff=signoff, lapsed_signoff=None)
