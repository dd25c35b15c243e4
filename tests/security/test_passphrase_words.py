"""Suggested passphrases use plain, neutral, easy words and carry at least 55 bits (issue 11)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from nec_companion.security.passphrase_policy import generate_passphrase, suggestion_bits

ROOT = Path(__file__).resolve().parents[2]
SECURITY = ROOT / "resources" / "security"


def load_curation():
    spec = importlib.util.spec_from_file_location("curate", ROOT / "scripts" / "curate_passphrase_words.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def curated_words() -> list[str]:
    return [w for w in (SECURITY / "passphrase-words.txt").read_text(encoding="utf-8").split()]


def test_curated_words_follow_the_curation_rules():
    """Every word is from the EFF list, short, plain letters, and matches no denied stem or word."""
    curate = load_curation()
    eff = {line.split()[-1] for line in (SECURITY / "eff_large_wordlist.txt").read_text().splitlines() if line.strip()}
    words = curated_words()
    assert len(words) == len(set(words)) >= curate.MIN_WORDS
    for word in words:
        assert word in eff, word
        assert word.isalpha() and len(word) <= curate.MAX_LETTERS, word
        assert not curate.denied(word), word


@pytest.mark.parametrize("word", ["disfigure", "oppressor", "manhunt", "mating", "dehydrate", "deflate",
                                  "plethora", "coffin", "bloodshed", "murder", "diaper", "fever", "womb",
                                  "untimely", "twins", "grief", "hospital", "nursery", "cradle"])
def test_loaded_hard_or_hospital_words_are_never_suggested(word):
    """The words a new parent found loaded (and others like them) are out of the list."""
    assert word not in curated_words()


def test_a_five_word_suggestion_carries_at_least_55_bits(lists):
    """Entropy of a suggestion is stated from the list size, and five words reach 55 bits."""
    bits = suggestion_bits(lists=lists, words=5)
    assert bits >= 55
    assert suggestion_bits(lists=lists, words=4) < 55  # why the app suggests five words


def test_suggestions_come_from_the_curated_list(lists):
    curated = set(curated_words())
    for _ in range(200):
        assert set(generate_passphrase(lists=lists, words=5).split("-")) <= curated
