"""Temporary passwords of a recovery: format, alphabet without look-alikes, typing tolerance."""

import re

import pytest

from portal.accounts import recovery

_FORMAT = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


def test_three_groups_of_four_separated_by_hyphens():
    assert _FORMAT.match(recovery.new_temporary_password())


def test_alphabet_has_31_symbols_without_look_alikes():
    assert len(set(recovery.ALPHABET)) == len(recovery.ALPHABET) == 31
    assert not set("O0I1L") & set(recovery.ALPHABET)


def test_generated_passwords_use_only_the_alphabet():
    symbols = set("".join(recovery.new_temporary_password().replace("-", "") for _ in range(200)))
    assert symbols <= set(recovery.ALPHABET)
    assert not symbols & set("O0I1L")


def test_many_generated_passwords_are_distinct():
    generated = [recovery.new_temporary_password() for _ in range(1000)]
    assert len(set(generated)) == len(generated)


@pytest.mark.parametrize(
    "typed",
    [
        "K7QM-3XHP-W9TD",
        "k7qm-3xhp-w9td",
        "K7QM3XHPW9TD",
        "k7qm 3xhp w9td",
        "  K7QM - 3XHP - W9TD  ",
        "K7QM\t3XHP\tW9TD",
        "k7Qm-3xHp w9Td\n",
        "K-7-Q-M-3-X-H-P-W-9-T-D",
    ],
)
def test_normalize_ignores_case_spaces_hyphens_and_tabs(typed):
    assert recovery.normalize_temporary(typed) == "K7QM3XHPW9TD"


@pytest.mark.parametrize("typed", ["K7QM-3XHP-W9TE", "K7QM-3XHP-W9T", "K7QM_3XHP_W9TD"])
def test_normalize_keeps_other_differences(typed):
    assert recovery.normalize_temporary(typed) != "K7QM3XHPW9TD"
