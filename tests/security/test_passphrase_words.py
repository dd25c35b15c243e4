"""Suggested passphrases use plain, neutral, easy words and carry at least 55 bits (issue 11), in the language the
app speaks (issue 13: Spanish)."""

from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

import pytest

from nec_companion.security.passphrase_policy import PassphraseLists, generate_passphrase, suggestion_bits

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


# --- Spanish (issue 13): a Spanish-speaking parent gets Spanish words, as plain and neutral as the English ones.

def load_spanish_curation():
    spec = importlib.util.spec_from_file_location("curate_es", ROOT / "scripts" / "curate_passphrase_words_es.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spanish_words() -> list[str]:
    return (SECURITY / "passphrase-words-es.txt").read_text(encoding="utf-8").split()


@pytest.fixture
def spanish():
    from nec_companion.core import i18n

    previous = i18n.set_active(i18n.language("es"))
    yield
    i18n.set_active(previous)


def test_spanish_words_follow_the_curation_rules():
    """At least 2,048 distinct words, each a-z only (no accent, no ñ: typed on a US keyboard), 3 to 9 letters, none
    denied by the curation script, none an English word, and no word next to its own plural."""
    curate = load_spanish_curation()
    words = spanish_words()
    assert len(words) == len(set(words)) >= 2048
    english = curate.english_words()
    for word in words:
        assert re.fullmatch(r"[a-z]{3,9}", word), word
        assert not curate.denied(word), word
        assert word not in english, word
        assert word + "s" not in words and word + "es" not in words, word


@pytest.mark.parametrize("word", ["muerte", "muerto", "morir", "sangre", "hospital", "enfermo", "enfermera",
                                  "bebe", "cuna", "parto", "leche", "madre", "padre", "funeral", "tumba",
                                  "llorar", "dolor", "miedo", "violencia", "guerra", "arma", "iglesia", "dios",
                                  "cerveza", "droga", "sexo", "idiota", "cabeza", "mano", "gobierno", "francia",
                                  "retrasado", "fiebre", "infarto", "perdido", "hambre", "coger", "pinche"])
def test_loaded_spanish_words_are_never_suggested(word):
    """Death, illness, babies and family, the body, fear, violence, religion, alcohol and drugs, sex, insults,
    politics, places and words that are rude in some countries are out of the list."""
    assert word not in spanish_words()
    assert load_spanish_curation().denied(word)  # left out by rule, so a refreshed list leaves it out too


def test_spanish_words_needing_an_accent_are_left_out_not_misspelled():
    curate = load_spanish_curation()
    assert "campaña" in curate.accented_spellings("campana")
    for misspelled in ("cancion", "corazon", "arbol", "nino", "campana", "musica", "telefono"):
        assert misspelled not in spanish_words()


def test_a_five_word_spanish_suggestion_carries_at_least_55_bits(lists, spanish):
    """The bits stated in the dialog follow the list of the language spoken: Spanish has its own count."""
    bits = suggestion_bits(lists=lists, words=5)
    assert bits == pytest.approx(5 * math.log2(len(set(spanish_words()))))
    assert bits >= 55
    assert bits != suggestion_bits(lists=lists, words=5, language="en")


def test_in_spanish_suggestions_use_spanish_words(lists, spanish):
    allowed = set(spanish_words())
    for _ in range(200):
        assert set(generate_passphrase(lists=lists, words=5).split("-")) <= allowed


def test_suggestions_follow_the_language_spoken_when_made(lists):
    from nec_companion.core import i18n

    english, spanish_list = set(curated_words()), set(spanish_words())
    assert set(generate_passphrase(lists=lists, words=5).split("-")) <= english
    previous = i18n.set_active(i18n.language("es"))
    try:
        assert set(generate_passphrase(lists=lists, words=5).split("-")) <= spanish_list
    finally:
        i18n.set_active(previous)
    assert set(generate_passphrase(lists=lists, words=5).split("-")) <= english
    assert suggestion_bits(lists=lists, words=5) == pytest.approx(5 * math.log2(len(set(curated_words()))))


def test_the_passphrase_check_is_as_strict_in_spanish(lists):
    """The check a typed passphrase goes through (zxcvbn score 4 and the other rules) refuses the same passphrases
    whichever language the app speaks, and a Spanish suggestion passes it."""
    from nec_companion.core import i18n
    from nec_companion.security.passphrase_policy import check_passphrase

    weak = ("password1234567", "qwertyuiopasdfghjkl", "correct horse battery staple", "aaaaaaaaaaaaaaaaaa",
            "nicu-sol-luna-estrella", "short")
    in_english = [len(check_passphrase(text, lists=lists)) for text in weak]
    previous = i18n.set_active(i18n.language("es"))
    try:
        assert [len(check_passphrase(text, lists=lists)) for text in weak] == in_english
        assert all(in_english)
        for _ in range(20):
            assert check_passphrase(generate_passphrase(lists=lists, words=5), lists=lists) == ()
    finally:
        i18n.set_active(previous)


def test_a_folder_without_the_spanish_list_falls_back_to_english(tmp_path, spanish):
    for name in ("passphrase-words.txt", "common-passwords.txt.gz"):
        (tmp_path / name).write_bytes((SECURITY / name).read_bytes())
    english_only = PassphraseLists.load(tmp_path)
    assert set(generate_passphrase(lists=english_only, words=5).split("-")) <= set(curated_words())
