"""Recovery codes: 135 random bits as nine groups of four Crockford base32 characters, each with a check.

A code looks like `K7QF-9M2X-...` (9 groups, 36 characters). In each group the first three characters carry
data and the fourth is a check character computed over GF(32) from those three and the group's position, so
any single wrong character, any swap of two neighbouring characters and most swapped groups are caught and
the family is told which group to check ("check group 3"). Typing is forgiving: lower case, spaces or no
separators, O for 0, I or L for 1.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from nec_companion.core.errors import RecoveryCodeInvalid
from nec_companion.core.i18n import CLDR_LOCALES, _, active

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
GROUP_COUNT = 9
DATA_PER_GROUP = 3
GROUP_LENGTH = DATA_PER_GROUP + 1
DATA_BITS = GROUP_COUNT * DATA_PER_GROUP * 5  # 135
CODE_LENGTH = GROUP_COUNT * GROUP_LENGTH

_VALUE = {character: index for index, character in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_.·]+")

# GF(32) with the primitive polynomial x^5 + x^2 + 1: exp/log tables for multiplication.
_EXP: list[int] = []
_LOG: dict[int, int] = {}
_element = 1
for _power in range(31):
    _EXP.append(_element)
    _LOG[_element] = _power
    _element <<= 1
    if _element & 0b100000:
        _element ^= 0b100101
del _element, _power


def _gf_mul(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return _EXP[(_LOG[a] + _LOG[b]) % 31]


def _check_value(data: tuple[int, ...], group_index: int) -> int:
    value = _gf_mul(group_index + 1, _EXP[4])
    for position, symbol in enumerate(data):
        value ^= _gf_mul(symbol, _EXP[position + 1])
    return value


@dataclass(frozen=True)
class RecoveryCode:
    """A recovery code. `text` is what to print; `secret` is what keys are derived from. repr hides both."""

    text: str = field(repr=False)

    def __repr__(self) -> str:
        return "RecoveryCode(<hidden>)"

    @classmethod
    def generate(cls) -> RecoveryCode:
        return cls(_format_data(secrets.randbits(DATA_BITS)))

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(self.text.split("-"))

    @property
    def secret(self) -> bytes:
        return _data_from_groups(self.groups).to_bytes((DATA_BITS + 7) // 8, "big")

    def group_matches(self, group_number: int, typed: str) -> bool:
        """True if `typed` is group `group_number` (1-based), forgiving case, spaces and O/0, I/1 slips."""
        if not 1 <= group_number <= GROUP_COUNT:
            return False
        normalised = _SEPARATORS.sub("", typed).upper()
        if len(normalised) != GROUP_LENGTH or any(character not in _VALUE for character in normalised):
            return False
        return "".join(ALPHABET[_VALUE[character]] for character in normalised) == self.groups[group_number - 1]


def _format_data(number: int) -> str:
    symbols = [(number >> (5 * index)) & 31 for index in reversed(range(GROUP_COUNT * DATA_PER_GROUP))]
    groups = []
    for group_index in range(GROUP_COUNT):
        data = tuple(symbols[group_index * DATA_PER_GROUP : (group_index + 1) * DATA_PER_GROUP])
        check = _check_value(data, group_index)
        groups.append("".join(ALPHABET[symbol] for symbol in (*data, check)))
    return "-".join(groups)


def _data_from_groups(groups: tuple[str, ...]) -> int:
    number = 0
    for group in groups:
        for character in group[:DATA_PER_GROUP]:
            number = (number << 5) | _VALUE[character]
    return number


def parse_recovery_code(typed: str) -> RecoveryCode:
    """Read a typed code. Raises RecoveryCodeInvalid naming the group(s) to check."""
    pieces = [piece for piece in _SEPARATORS.split(typed.strip().upper()) if piece]
    if len(pieces) == GROUP_COUNT:
        raw_groups = pieces  # typed in groups: a missing or extra character is located to its group
    else:
        joined = "".join(pieces)
        if len(joined) != CODE_LENGTH:  # without separators we cannot tell where a character went missing
            raise RecoveryCodeInvalid(_length_problem(len(joined)), groups=())
        raw_groups = [joined[index : index + GROUP_LENGTH] for index in range(0, CODE_LENGTH, GROUP_LENGTH)]
    bad_groups: list[int] = []
    clean_groups: list[str] = []
    for index, group in enumerate(raw_groups):
        if len(group) != GROUP_LENGTH or any(character not in _VALUE for character in group):
            bad_groups.append(index + 1)
            continue
        symbols = tuple(_VALUE[character] for character in group)
        if _check_value(symbols[:DATA_PER_GROUP], index) != symbols[DATA_PER_GROUP]:
            bad_groups.append(index + 1)
        clean_groups.append("".join(ALPHABET[symbol] for symbol in symbols))
    if bad_groups:
        raise RecoveryCodeInvalid(_group_problem(tuple(bad_groups)), groups=tuple(bad_groups))
    return RecoveryCode("-".join(clean_groups))


def _group_problem(groups: tuple[int, ...]) -> tuple[str, ...]:
    if len(groups) == 1:
        return (_("There is a typing mistake in group {group} of the recovery code: please check group {group}.")
                .format(group=groups[0]),)
    from babel.lists import format_list

    listed = format_list([str(group) for group in groups], locale=CLDR_LOCALES[active().code])
    # Translators: {groups} is a list of group numbers, "2, 3, and 5", written by the language's own rules.
    return (_("There are typing mistakes in groups {groups} of the recovery code: please check those groups.")
            .format(groups=listed),)


def _length_problem(length: int) -> tuple[str, ...]:
    # Translators: {total} letters and numbers in {groups} groups of {size} each; {length} is how many were typed.
    return (_(
        "A recovery code has {total} letters and numbers in {groups} groups of {size}; "
        "this one has {length}. Please compare it with your card, group by group."
    ).format(total=CODE_LENGTH, groups=GROUP_COUNT, size=GROUP_LENGTH, length=length),)
