"""Passphrase policy (security-design §3 C10 and §2.4) and the generator."""

from __future__ import annotations

import unicodedata

import pytest

from nec_companion.core.errors import PassphraseRejected
from nec_companion.security.passphrase_policy import (
    check_passphrase,
    generate_passphrase,
    normalise_passphrase,
    passphrase_secret,
    require_acceptable_passphrase,
)


def test_bundled_lists_load(lists):
    """The curated word list has 2,048+ distinct words and the common-password list ~20,000 entries."""
    assert len(lists.words) == len(set(lists.words)) >= 2048
    assert len(lists.common_passwords) > 19_000
    assert "password" in lists.common_passwords


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        ("password1234567", "common passwords"),
        ("Password1234567!", "common passwords"),
        ("iloveyou2024!!!!", "common passwords"),
        ("P@ssw0rd12345678", "common passwords"),
        ("my blue otter is lovely", "journal's name"),
        ("BlueOtter forever and ever", "journal's name"),
        ("our little nicu warrior", "NICU"),
        ("NICU days are long ones", "NICU"),
        ("short one", "at least 15 characters"),
        ("aaaaaaaaaaaaaaaaaaaa", "pattern"),
        ("abcabcabcabcabcabc", "pattern"),
        ("qwertyuiopasdfgh", "pattern"),
        ("1234567890123456", "common"),
        ("2024-01-07 12:00:00", "common"),
        # audit M14: the five weak passphrases the old rules accepted
        ("zxcvbnmasdfghjkl", "pattern"),
        ("asdfasdfasdf1234", "guessed too quickly"),
        ("monkey123monkey1", "guessed too quickly"),
        ("password is long", "guessed too quickly"),
        ("correcthorsebatterystaple", "well-known example"),
    ],
)
def test_refused_with_the_reason(lists, passphrase, reason):
    """C10: a common password (even padded), the label, "nicu", short or patterned input is refused and told why."""
    problems = check_passphrase(passphrase, lists=lists, label="Blue Otter")
    assert problems, passphrase
    assert any(reason in problem for problem in problems), problems
    with pytest.raises(PassphraseRejected) as error:
        require_acceptable_passphrase(passphrase, lists=lists, label="Blue Otter")
    assert error.value.problems == problems


def test_length_is_counted_after_nfc_and_reported(lists):
    """Fourteen characters is refused with the count; fifteen is enough for the length rule; NFD input counts
    as NFC."""
    assert "has 14" in check_passphrase("pebble lantern", lists=lists)[0]
    assert not any("at least 15" in problem for problem in check_passphrase("pebble lanterns", lists=lists))
    assert check_passphrase("pebble lanterns glow", lists=lists) == ()
    nfd = unicodedata.normalize("NFD", "crème brûlée é")  # 14 characters in NFC, 17 code points in NFD
    assert check_passphrase(nfd, lists=lists)


@pytest.mark.parametrize(
    "passphrase",
    [
        "the quick brown heron naps at noon while seven sleepy otters float downstream past the old mill pond",
        "correct horse battery staple glue",
        "  spaces at both ends count  ",
        "it's \"quoted\"; back\\slash ` and emoji \U0001f476\U0001f37c",
        "\u05e9\u05dc\u05d5\u05dd \u200f mixed direction text \u202e here",
        "x" * 40 + "yz0123456789ABCDEF",
    ],
)
def test_long_unusual_and_pasted_passphrases_accepted(lists, passphrase):
    """C10: a 100+ character passphrase, punctuation, emoji, RTL marks and spaces are accepted as typed."""
    assert check_passphrase(passphrase, lists=lists, label="Blue Otter") == ()


def test_hundred_character_passphrase_is_accepted(lists):
    """C10: a passphrase of 100 characters is accepted (no upper limit below 1,024)."""
    passphrase = "the quick brown heron naps at noon while seven sleepy otters float downstream past the old mill pond"
    assert len(passphrase) >= 100
    assert check_passphrase(passphrase, lists=lists) == ()


def test_pasted_generated_passphrase_is_accepted(lists):
    """A suggested passphrase pasted back in is accepted."""
    suggested = generate_passphrase(lists=lists)
    assert check_passphrase(str(suggested), lists=lists) == ()


def test_normalisation_is_nfc_and_never_trims():
    """NFD and NFC give the same key input; surrounding spaces are kept; lone surrogates become U+FFFD."""
    composed = "caf\u00e9 au lait tous les jours"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert passphrase_secret(decomposed) == passphrase_secret(composed)
    assert normalise_passphrase(" x ") == " x "
    assert passphrase_secret(" abc") != passphrase_secret("abc")
    assert normalise_passphrase("a\ud800b") == "a\ufffdb"


@pytest.mark.parametrize("words", [4, 5])
def test_generator_makes_words_from_the_list(lists, words):
    """Generated passphrases have 4 or 5 words from the bundled list, pass the policy, and differ each time."""
    seen = set()
    for _ in range(300):
        passphrase = generate_passphrase(lists=lists, words=words)
        parts = passphrase.split("-")
        assert len(parts) == words
        assert all(part in lists.words for part in parts)
        assert check_passphrase(passphrase, lists=lists) == ()
        seen.add(passphrase)
    assert len(seen) == 300


def test_generator_avoids_the_label(lists):
    """A generated passphrase never contains the journal label."""
    for _ in range(50):
        passphrase = generate_passphrase(lists=lists, label="abacus")
        assert "abacus" not in passphrase


def test_context_words_are_refused(lists):
    """Extra context words (a hospital name) are refused like the label."""
    problems = check_passphrase("st mungos hospital rocks", lists=lists, context_words=("St Mungos",))
    assert any("St Mungos" in problem for problem in problems)


@pytest.mark.parametrize("words", [4, 5])
def test_suggested_passphrases_pass_the_strength_estimate(lists, words):
    """Audit M14: the app's own suggestions (four or five random words) always pass, estimator included."""
    for _ in range(40):
        suggestion = generate_passphrase(lists=lists, words=words, label="Blue Otter")
        assert check_passphrase(suggestion, lists=lists, label="Blue Otter") == (), suggestion
