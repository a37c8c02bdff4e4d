"""Password rules: length, block lists, personal data, strength."""

import pytest

from portal.accounts import password_policy

CPF = "52998224725"
NAME = "João da Silva"
GOOD = "Xk9#mPq2"  # 8 characters, not common, nothing personal


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (7, ["password_too_short"]),
        (8, []),
        (9, []),
        (127, []),
        (128, []),
        (129, ["password_too_long"]),
    ],
)
def test_length_bounds_are_8_and_128(length, expected):
    password = (GOOD * 20)[:length]
    assert password_policy.problems(password) == expected


def test_empty_password_is_too_short():
    assert "password_too_short" in password_policy.problems("")


@pytest.mark.parametrize(
    "password",
    [
        "senha123",  # Brazilian list
        "SENHA123",  # case does not matter
        "mudar@123",  # Brazilian list
        "flamengo123",  # Brazilian list
        "campinas123",  # Brazilian list
        "password1",  # zxcvbn top 3000 (English)
        "12345678",  # zxcvbn top 3000
        "Qwertyuiop",  # zxcvbn top 3000, capitalised
    ],
)
def test_common_passwords_are_refused(password):
    assert "password_common" in password_policy.problems(password)


def test_english_example_is_in_the_top_3000_list():
    assert "password1" in password_policy.common_passwords()


def test_brazilian_list_is_loaded_without_its_comment_line():
    common = password_policy.common_passwords()
    assert {"senha123", "corinthians123"} <= common
    assert not any(p.startswith("#") for p in common)


@pytest.mark.parametrize("password", ["abc52998224725", "x529.982.247-25y", "529982247zzz", "zz529 982 247"])
def test_password_containing_the_cpf_is_refused(password):
    assert "password_contains_cpf" in password_policy.problems(password, cpf=CPF)


def test_password_with_only_part_of_the_cpf_is_accepted():
    assert password_policy.problems("Xk9#52998224", cpf=CPF) == []


@pytest.mark.parametrize("password", ["joao2026!xyz", "JOAO2026!xyz", "João2026!xyz", "minha-silva-77"])
def test_password_containing_the_name_is_refused_regardless_of_accents_and_case(password):
    assert "password_contains_name" in password_policy.problems(password, full_name=NAME)


def test_accented_password_matches_unaccented_name():
    assert "password_contains_name" in password_policy.problems("joão2026!xyz", full_name="Joao Souza")


def test_name_connectors_and_short_parts_are_not_checked():
    assert password_policy.problems("davidbowie77!", full_name="Li da Costa") == []


def test_every_problem_is_reported_at_once():
    found = password_policy.problems("joao529982247" + "x" * 120, cpf=CPF, full_name=NAME)
    assert set(found) == {"password_too_long", "password_contains_cpf", "password_contains_name"}


def test_short_and_common_are_reported_together():
    assert set(password_policy.problems("senha")) == {"password_too_short", "password_common"}


@pytest.mark.parametrize(
    ("password", "kwargs"),
    [
        ("", {}),
        ("curta", {}),
        ("senha123", {}),
        ("uma frase longa do joao para lembrar", {"full_name": NAME}),
        ("frase longa 529982247 para lembrar", {"cpf": CPF}),
    ],
)
def test_strength_is_zero_when_a_rule_is_broken(password, kwargs):
    assert password_policy.strength(password, **kwargs) == 0


def test_strength_is_within_0_and_4():
    for password in ["abcdefgh", "Xk9#mPq2", "jacaré azul come pão de queijo no telhado"]:
        assert 0 <= password_policy.strength(password) <= 4


def test_long_passphrase_is_strong():
    assert password_policy.strength("jacaré azul come pão de queijo no telhado") == 4


def test_weak_but_allowed_password_scores_below_a_passphrase():
    assert password_policy.strength("abcdefgh1") < password_policy.strength("jacaré azul come pão de queijo")
