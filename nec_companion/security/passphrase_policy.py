"""Passphrase policy: normalisation (NFC, nothing trimmed), the rules for a chosen passphrase, and the generator.

Rules for a chosen passphrase (NIST SP 800-63B-4 §3.1.1.2 and OWASP ASVS V2.1, no composition rules):
at least 15 characters (counted after NFC), at most 1,024; not a common password (the bundled list), nor a
common password with digits or symbols stuck on, nor a run of neighbouring keys or one repeated chunk, nor a
famous published example ("correct horse battery staple"); strong by the maintained `zxcvbn` estimator (score 4:
about 10^10 guesses or more; audit M14); and not containing "nicu", the journal's label (shown on the start
screen) or any other context word the caller gives. Every rejection says why in one sentence.
"""

from __future__ import annotations

import gzip
import math
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from zxcvbn import zxcvbn as _estimate_strength

from nec_companion.core.errors import PassphraseRejected
from nec_companion.core.i18n import _, active
from nec_companion.core.text import clean_text
from nec_companion.paths import bundled_resources_dir

MIN_LENGTH = 15
MAX_LENGTH = 1024
MIN_DISTINCT_CHARACTERS = 5
GENERATED_WORDS_DEFAULT = 4
FORBIDDEN_WORDS = ("nicu",)
REQUIRED_STRENGTH_SCORE = 4  # zxcvbn's top score: an estimated 10^10 guesses or more
ESTIMATOR_MAX_LENGTH = 72  # zxcvbn refuses longer input; a longer passphrase is judged by its first 72 characters
FAMOUS_EXAMPLES = frozenset({"correcthorsebatterystaple", "correcthorsebatterystaples", "trustno1trustno1"})
# Plain, neutral, easy words curated from the EFF Large Wordlist by scripts/curate_passphrase_words.py.
WORD_LIST_FILE = "passphrase-words.txt"
# The same in another language the app speaks, by language code (scripts/curate_passphrase_words_es.py): a
# suggestion is made of words in the language active when it is made; English where there is no list.
TRANSLATED_WORD_LIST_FILES = {"es": "passphrase-words-es.txt"}
MIN_WORD_LIST = 2048  # 11 bits a word: five words carry at least 55 bits
COMMON_PASSWORDS_FILE = "common-passwords.txt.gz"

_SEQUENCES = (
    "0123456789" * 3,
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_EDGE_JUNK = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def default_resources_dir() -> Path:
    """The bundled `security` word lists (checkout, installed wheel or frozen app); the app may pass its own."""
    return bundled_resources_dir() / "security"


@dataclass(frozen=True)
class PassphraseLists:
    """The bundled word lists (for generated passphrases: English, and others by language code) and the
    common-password block list."""

    words: tuple[str, ...]
    common_passwords: frozenset[str]
    words_by_language: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    @classmethod
    def load(cls, directory: Path | None = None) -> PassphraseLists:
        folder = directory if directory is not None else default_resources_dir()
        words = _read_word_list(folder / WORD_LIST_FILE)
        translated = {code: _read_word_list(folder / name)
                      for code, name in TRANSLATED_WORD_LIST_FILES.items() if (folder / name).is_file()}
        with gzip.open(folder / COMMON_PASSWORDS_FILE, "rt", encoding="utf-8", errors="replace") as handle:
            common = frozenset(line.strip().casefold() for line in handle if line.strip())
        return cls(words=words, common_passwords=common, words_by_language=translated)

    def words_for(self, language: str | None = None) -> tuple[str, ...]:
        """The words suggestions use in `language` (default: the language the app speaks now); English if none."""
        code = language if language is not None else active().code
        return self.words_by_language.get(code, self.words)


def _read_word_list(path: Path) -> tuple[str, ...]:
    words = tuple(line.split()[-1] for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    if len(set(words)) < MIN_WORD_LIST:
        raise ValueError(f"the passphrase word list {path.name} is too short")
    return words


def normalise_passphrase(passphrase: str) -> str:
    """NFC, lone surrogates replaced; never trimmed, never truncated (the same text always gives the same key)."""
    return unicodedata.normalize("NFC", clean_text(passphrase))


def passphrase_secret(passphrase: str) -> bytes:
    """The bytes fed to the key derivation."""
    return normalise_passphrase(passphrase).encode("utf-8")


def check_passphrase(
    passphrase: str,
    *,
    lists: PassphraseLists,
    label: str = "",
    context_words: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """Every reason a chosen passphrase is refused, as plain sentences; empty if it is fine."""
    text = normalise_passphrase(passphrase)
    problems: list[str] = []
    length = len(text)
    if length < MIN_LENGTH:
        # Translators: {minimum} is the shortest length allowed, {length} the length typed (both characters).
        problems.append(_(
            "A passphrase needs at least {minimum} characters; this one has {length}. "
            "A few unrelated words are long enough and easy to remember."
        ).format(minimum=MIN_LENGTH, length=length))
    elif length > MAX_LENGTH:
        problems.append(_("Please keep the passphrase under {maximum} characters.").format(maximum=MAX_LENGTH))
    folded = text.casefold()
    squashed = "".join(character for character in folded if character.isalnum())
    for word in FORBIDDEN_WORDS:
        if word in folded or word in squashed:
            # Translators: {word} is a word everyone here would try first, such as NICU or the hospital's name.
            problems.append(_(
                "Please don't use \"{word}\" in your passphrase: it is one of the first things "
                "someone here would try."
            ).format(word=word.upper()))
    label_folded = label.strip().casefold()
    if label_folded and _contains(label_folded, folded=folded, squashed=squashed):
        problems.append(_(
            "Please don't use the journal's name (\"{label}\") in the passphrase: "
            "anyone can see it on the start screen."
        ).format(label=label.strip()))
    for word in context_words:
        word_folded = word.strip().casefold()
        if len(word_folded) >= 3 and _contains(word_folded, folded=folded, squashed=squashed):
            problems.append(_("Please don't use \"{word}\" in the passphrase: it is easy to guess here.").format(
                word=word.strip()))
    if length >= 1 and _is_common(folded, lists):
        problems.append(_(
            "This passphrase is on a list of common passwords that are guessed first, even with numbers or "
            "symbols added. Please choose something else, or use a suggested one."
        ))
    elif squashed and _is_pattern(squashed):
        problems.append(_(
            "This passphrase is a simple pattern (repeated or neighbouring keys), which is guessed quickly. "
            "Please choose something else, or use a suggested one."
        ))
    elif squashed in FAMOUS_EXAMPLES:
        problems.append(_(
            "This is a well-known example passphrase, so it is one of the first things anyone would try. "
            "Please choose your own words, or use a suggested one."
        ))
    elif MIN_LENGTH <= length <= MAX_LENGTH and not _strong_enough(text, label=label, context_words=context_words):
        problems.append(_(
            "This passphrase would be guessed too quickly: it looks like keyboard patterns, repeats or "
            "common words and phrases. A few unrelated words are easy to remember and much harder to guess; "
            "or use a suggested one."
        ))
    return tuple(problems)


def _strong_enough(text: str, *, label: str, context_words: tuple[str, ...]) -> bool:
    user_inputs = [word for word in (label, *context_words, *FORBIDDEN_WORDS) if word.strip()]
    try:
        result = _estimate_strength(text[:ESTIMATOR_MAX_LENGTH], user_inputs=user_inputs)
    except Exception:  # noqa: BLE001 (the estimator must never stop a passphrase choice; the other rules stand)
        return True
    return int(result.get("score", 0)) >= REQUIRED_STRENGTH_SCORE


def require_acceptable_passphrase(
    passphrase: str,
    *,
    lists: PassphraseLists,
    label: str = "",
    context_words: tuple[str, ...] = (),
) -> str:
    """The normalised passphrase, or PassphraseRejected listing every problem."""
    problems = check_passphrase(passphrase, lists=lists, label=label, context_words=context_words)
    if problems:
        raise PassphraseRejected(problems)
    return normalise_passphrase(passphrase)


def generate_passphrase(
    *,
    lists: PassphraseLists,
    words: int = GENERATED_WORDS_DEFAULT,
    separator: str = "-",
    label: str = "",
    language: str | None = None,
) -> str:
    """`words` random words from the curated list of `language` (default: the language the app speaks now) that
    also pass `check_passphrase` (see `suggestion_bits`)."""
    if not 4 <= words <= 8:
        raise ValueError("a generated passphrase has 4 to 8 words")
    # "yo-yo" between hyphens would read as two words: leave out the 4 words that contain the separator.
    choices = [word for word in lists.words_for(language) if separator not in word]
    for _attempt in range(100):
        candidate = separator.join(secrets.choice(choices) for _ in range(words))
        if not check_passphrase(candidate, lists=lists, label=label):
            return candidate
    raise RuntimeError("could not generate an acceptable passphrase")  # pragma: no cover - practically impossible


def suggestion_bits(
    *, lists: PassphraseLists, words: int, separator: str = "-", language: str | None = None
) -> float:
    """Entropy in bits of a generated passphrase of `words` words (each drawn uniformly from the list of
    `language`, by default the language the app speaks now, as `generate_passphrase` draws them)."""
    choices = {word for word in lists.words_for(language) if separator not in word}
    return words * math.log2(len(choices))


def _contains(needle: str, *, folded: str, squashed: str) -> bool:
    needle_squashed = "".join(character for character in needle if character.isalnum())
    return needle in folded or (len(needle_squashed) >= 3 and needle_squashed in squashed)


def _is_common(folded: str, lists: PassphraseLists) -> bool:
    common = lists.common_passwords
    core = _EDGE_JUNK.sub("", folded)
    candidates = {folded, folded.replace(" ", ""), core, core.replace(" ", ""), core.translate(_LEET)}
    candidates.add(folded.translate(_LEET))
    if any(candidate in common for candidate in candidates if candidate):
        return True
    # Only digits and symbols (a date, a phone number, "!!!!") are as weak as a common password.
    return not core


def _is_pattern(squashed: str) -> bool:
    if len(set(squashed)) < MIN_DISTINCT_CHARACTERS:
        return True
    for unit in range(1, len(squashed) // 2 + 1):
        if len(squashed) % unit == 0 and squashed[:unit] * (len(squashed) // unit) == squashed:
            return True
    return any(squashed in sequence or squashed in sequence[::-1] for sequence in _SEQUENCES)
