"""Suggested journal names follow the language the app speaks (issue 13): "Blue Otter" / "Nutria Azul"."""

from __future__ import annotations

import pytest

from nec_companion.core import i18n
from nec_companion.storage.labels import ADJECTIVES_ES, ANIMALS, ANIMALS_ES, COLOURS, MAX_LABEL_LENGTH, random_label

SPANISH_ANIMALS = dict(ANIMALS_ES)
MASCULINE = {masculine for masculine, _feminine in ADJECTIVES_ES}
FEMININE = {feminine for _masculine, feminine in ADJECTIVES_ES}


@pytest.fixture
def spanish():
    previous = i18n.set_active(i18n.language("es"))
    yield
    i18n.set_active(previous)


def test_english_names_are_colour_then_animal():
    for _ in range(100):
        colour, animal = random_label(taken=set()).split(" ")
        assert colour in COLOURS and animal in ANIMALS


def test_spanish_names_are_animal_then_an_adjective_that_agrees(spanish):
    """"Nutria Azul", "Panda Sabio", "Tortuga Dorada": never "Tortuga Dorado" nor an English word."""
    seen_genders = set()
    for _ in range(300):
        animal, adjective = random_label(taken=set()).split(" ")
        gender = SPANISH_ANIMALS[animal]
        seen_genders.add(gender)
        assert adjective in (FEMININE if gender == "f" else MASCULINE), (animal, adjective)
        assert animal not in COLOURS and adjective not in ANIMALS  # never the English "Colour Animal"
    assert seen_genders == {"m", "f"}


def test_agreement_table_is_right():
    assert ("Tortuga", "f") in ANIMALS_ES and ("Panda", "m") in ANIMALS_ES and ("Nutria", "f") in ANIMALS_ES
    assert ("Sabio", "Sabia") in ADJECTIVES_ES and ("Azul", "Azul") in ADJECTIVES_ES
    longest = max(len(a) for a, _g in ANIMALS_ES) + 1 + max(len(x) for pair in ADJECTIVES_ES for x in pair)
    assert longest + 5 <= MAX_LABEL_LENGTH  # room for " 9999" when every pair is taken


def test_the_name_follows_the_language_at_the_time_it_is_suggested():
    assert random_label(taken=set()).split(" ")[1] in ANIMALS
    previous = i18n.set_active(i18n.language("es"))
    try:
        assert random_label(taken=set()).split(" ")[0] in SPANISH_ANIMALS
    finally:
        i18n.set_active(previous)
    assert random_label(taken=set(), language="es").split(" ")[0] in SPANISH_ANIMALS
    assert random_label(taken=set()).split(" ")[1] in ANIMALS


def test_a_spanish_name_in_use_is_not_suggested_again(spanish):
    """A name another journal has (in any case) is never suggested; when every pair is taken a number is added."""
    every = {f"{animal} {feminine if gender == 'f' else masculine}"
             for animal, gender in ANIMALS_ES for masculine, feminine in ADJECTIVES_ES}
    free = sorted(every)[0]
    taken = {label.upper() for label in every - {free}}
    for _ in range(20):
        suggestion = random_label(taken=taken)
        assert suggestion.upper() not in taken
        assert suggestion == free or suggestion.rsplit(" ", 1)[1].isdigit()
    numbered = random_label(taken=every)
    assert numbered.rsplit(" ", 1)[0] in every and numbered.rsplit(" ", 1)[1].isdigit()


def test_the_create_journal_suggestions_speak_spanish(directory, spanish):
    """What the create-journal dialog shows: a Spanish name and a passphrase of Spanish words."""
    from tests.security.test_passphrase_words import spanish_words

    assert directory.suggest_label().split(" ")[0] in SPANISH_ANIMALS
    assert set(directory.suggest_passphrase(words=5).split("-")) <= set(spanish_words())
