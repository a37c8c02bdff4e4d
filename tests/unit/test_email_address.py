"""E-mail address normalisation, typo suggestion and masking."""

import pytest

from portal.accounts import email_address


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("maria@gmail.com", "maria@gmail.com"),
        ("  maria@gmail.com  ", "maria@gmail.com"),
        ("Maria.Silva@GMAIL.COM", "Maria.Silva@gmail.com"),
        ("joao@campinas.sp.gov.br", "joao@campinas.sp.gov.br"),
    ],
)
def test_normalize_trims_and_lowercases_the_domain(raw, normalized):
    assert email_address.normalize(raw) == normalized


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "maria",
        "maria@",
        "@gmail.com",
        "maria@@gmail.com",
        "maria silva@gmail.com",
        "maria@gmail",
        "maria@gmail..com",
        "a" * 250 + "@gmail.com",
    ],
)
def test_normalize_refuses_invalid_addresses(raw):
    assert email_address.normalize(raw) is None


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("maria@gmial.com", "maria@gmail.com"),
        ("maria@hotmial.com", "maria@hotmail.com"),
        ("maria@yahoo.com.bt", "maria@yahoo.com.br"),
        ("maria@GMIAL.COM", "maria@gmail.com"),
    ],
)
def test_suggest_fixes_typos_in_common_domains(typed, suggestion):
    assert email_address.suggest(typed) == suggestion


@pytest.mark.parametrize(
    "typed",
    [
        "maria@gmail.com",
        "maria@hotmail.com",
        "maria@yahoo.com.br",
        "maria@unicamp.br",
        "maria@empresa-xyz.com.br",
        "maria",
        "@gmial.com",
        "",
    ],
)
def test_suggest_returns_none_for_correct_or_unrelated_domains(typed):
    assert email_address.suggest(typed) is None


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("maria.silva@gmail.com", "ma*********@gmail.com"),
        ("ana@gmail.com", "a***@gmail.com"),
        ("jo@gmail.com", "j***@gmail.com"),
        ("semarroba", "***"),
    ],
)
def test_mask_keeps_the_domain_and_hides_most_of_the_local_part(address, masked):
    assert email_address.mask(address) == masked
