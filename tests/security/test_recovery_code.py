"""Recovery codes: format, forgiving input, and typos located to their group."""

from __future__ import annotations

import re

import pytest

from nec_companion.core.errors import RecoveryCodeInvalid
from nec_companion.security.recovery_code import ALPHABET, GROUP_COUNT, RecoveryCode, parse_recovery_code


def code_with(characters: str) -> RecoveryCode:
    for _ in range(10_000):
        code = RecoveryCode.generate()
        if all(character in code.text for character in characters):
            return code
    raise AssertionError("no such code")


def test_format_is_nine_groups_of_four_crockford_characters():
    """A code is 9 groups of 4 Crockford base32 characters (no I, L, O, U) joined by hyphens."""
    code = RecoveryCode.generate()
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}", code.text)
    assert len(code.groups) == GROUP_COUNT
    assert len(code.secret) == 17
    assert "hidden" in repr(code) and code.text not in repr(code)


def test_codes_are_random():
    """Two generated codes differ."""
    assert len({RecoveryCode.generate().text for _ in range(50)}) == 50


def test_round_trip_exact_and_forgiving_forms():
    """The printed code, lowercase with spaces, no separators, and O/I/L for 0/1 all read as the same code."""
    code = code_with("01")
    forms = [
        code.text,
        code.text.lower().replace("-", " "),
        code.text.replace("-", ""),
        "  " + code.text.replace("0", "O").replace("1", "I") + "\n",
        code.text.replace("1", "l").lower(),
        code.text.replace("-", " - "),
    ]
    for form in forms:
        assert parse_recovery_code(form) == code
        assert parse_recovery_code(form).secret == code.secret


def test_every_single_character_typo_is_located_to_its_group():
    """Any one wrong character anywhere is caught and the message names exactly that group."""
    code = RecoveryCode.generate()
    for group_index, group in enumerate(code.groups):
        for position in range(4):
            for replacement in ALPHABET:
                if replacement == group[position]:
                    continue
                typo_group = group[:position] + replacement + group[position + 1 :]
                groups = list(code.groups)
                groups[group_index] = typo_group
                with pytest.raises(RecoveryCodeInvalid) as error:
                    parse_recovery_code("-".join(groups))
                assert error.value.groups == (group_index + 1,)
                assert f"check group {group_index + 1}" in str(error.value)


def test_swapped_neighbours_are_caught():
    """Swapping two different neighbouring characters inside a group is caught in that group."""
    code = RecoveryCode.generate()
    for group_index, group in enumerate(code.groups):
        for position in range(3):
            if group[position] == group[position + 1]:
                continue
            swapped = group[:position] + group[position + 1] + group[position] + group[position + 2 :]
            groups = list(code.groups)
            groups[group_index] = swapped
            with pytest.raises(RecoveryCodeInvalid) as error:
                parse_recovery_code("-".join(groups))
            assert error.value.groups == (group_index + 1,)


def test_several_typos_name_each_group():
    """Typos in groups 2 and 7 are both reported."""
    code = RecoveryCode.generate()
    groups = list(code.groups)
    for index in (1, 6):
        groups[index] = groups[index][:3] + ALPHABET[(ALPHABET.index(groups[index][3]) + 1) % 32]
    with pytest.raises(RecoveryCodeInvalid) as error:
        parse_recovery_code("-".join(groups))
    assert error.value.groups == (2, 7)
    assert "groups 2 and 7" in str(error.value)


def test_missing_character_with_separators_names_the_group():
    """A group typed with only three characters is named; without separators the length is reported."""
    code = RecoveryCode.generate()
    groups = list(code.groups)
    groups[4] = groups[4][:3]
    with pytest.raises(RecoveryCodeInvalid) as error:
        parse_recovery_code("-".join(groups))
    assert error.value.groups == (5,)
    with pytest.raises(RecoveryCodeInvalid, match="36 letters and numbers"):
        parse_recovery_code("".join(groups))


@pytest.mark.parametrize("typed", ["", "hello", "U" * 36, "!" * 36])
def test_nonsense_is_refused_kindly(typed):
    """Empty input, short input or impossible characters give RecoveryCodeInvalid, never another error."""
    with pytest.raises(RecoveryCodeInvalid):
        parse_recovery_code(typed)


def test_confirming_a_group():
    """group_matches() accepts the right group in any case and refuses a wrong group number or text."""
    code = code_with("0")
    index = next(i for i, group in enumerate(code.groups) if "0" in group)
    assert code.group_matches(index + 1, code.groups[index].lower().replace("0", "o"))
    other = next(group for group in (*code.groups, "ZZZZ", "YYYY") if group != code.groups[index])
    assert not code.group_matches(index + 1, other)
    assert not code.group_matches(0, code.groups[0])
    assert not code.group_matches(10, code.groups[0])
