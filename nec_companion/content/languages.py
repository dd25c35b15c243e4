"""The library's languages: where each language's files are, and how a translation names its English source.

English is the library's own language (resources/library/ and resources/glossary.toml). A translation lives in
resources/<lang>/library/<category>/<slug>.md (the same category folder and slug as the English article) and
resources/<lang>/glossary.toml. Each translated article says which English article it translates
(`translation_of`) and which version (`translation_source`: the first 16 hex digits of the SHA-256 of the English
file's bytes when it was translated). When the English file changes, the translation is *stale*.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nec_companion.content.files import MAX_FILE_BYTES, ContentFileError, read_content_bytes
from nec_companion.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _

if TYPE_CHECKING:
    from nec_companion.content.model import Article

FINGERPRINT_CHARS = 16
FINGERPRINT_RE = re.compile(rf"^[0-9a-f]{{{FINGERPRINT_CHARS}}}$")

# Shown above an article of a translated library, in the language the app speaks (translated where shown: the
# reader's page, content/render.py). Calm and short: the family can still read the English article.
UNTRANSLATED_NOTE = N_("This article has not been translated yet, so it is shown in English.")
STALE_NOTE = N_("The English article was updated after this translation was made. This version may not have "
                "the latest changes yet.")


@dataclass(frozen=True)
class LanguageResources:
    lang: str
    library_dir: Path
    glossary_file: Path


def resources_for(resources_dir: Path, lang: str = DEFAULT_LANGUAGE) -> LanguageResources:
    """Where one language's library and glossary are inside a resources folder (English: the folder itself)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    base = resources_dir if lang == DEFAULT_LANGUAGE else resources_dir / lang
    return LanguageResources(lang, base / "library", base / "glossary.toml")


def fingerprint_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:FINGERPRINT_CHARS]


def fingerprint(path: Path, *, root: Path | None = None) -> str | None:
    """The fingerprint of an English article file (None when it cannot be read)."""
    try:
        return fingerprint_bytes(read_content_bytes(path, max_bytes=MAX_FILE_BYTES, root=root))
    except ContentFileError:
        return None


def translation_note(article: Article) -> str:
    """The note for a translated library's article, in the active language ('' when none is needed)."""
    if article.untranslated:
        return _(UNTRANSLATED_NOTE)
    if article.stale:
        return _(STALE_NOTE)
    return ""
