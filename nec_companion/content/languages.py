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
from nec_companion.core.i18n import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:
    from nec_companion.content.model import Article

FINGERPRINT_CHARS = 16
FINGERPRINT_RE = re.compile(rf"^[0-9a-f]{{{FINGERPRINT_CHARS}}}$")

# Shown above an article of a translated library (the UI language switch shows them; the engine provides them).
UNTRANSLATED_NOTE = {"es": "Este artículo aún no está traducido al español."}
STALE_NOTE = {"es": "El artículo en inglés se actualizó después de esta traducción. "
                    "Puede que esta versión aún no tenga los últimos cambios."}


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
    if article.untranslated:
        return UNTRANSLATED_NOTE.get(article.untranslated_in, "")
    if article.stale:
        return STALE_NOTE.get(article.lang, "")
    return ""
