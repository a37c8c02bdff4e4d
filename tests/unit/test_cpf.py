"""CPF rules: check digits, punctuation, display masks, generation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.accounts import cpf

VALID = "52998224725"  # a well-known valid CPF (529.982.247-25)


@pytest.mark.parametrize("raw", ["52998224725", "529.982.247-25", " 529 982 247 25 ", "529982247/25"])
def test_valid_cpf_is_accepted_with_or_without_punctuation(raw):
    assert cpf.is_valid(raw)
    assert cpf.normalize(raw) == VALID


@pytest.mark.parametrize(
    "raw",
    [
        "52998224724",  # wrong second check digit
        "52998224715",  # wrong first check digit
        "5299822472",  # 10 digits
        "529982247250",  # 12 digits
        "",
        "abcdefghijk",
        "529.982.247-2x",
        "５２９９８２２４７２５",  # full-width digits are not ASCII
    ],
)
def test_invalid_cpf_is_refused(raw):
    assert not cpf.is_valid(raw)
    assert cpf.normalize(raw) is None


@pytest.mark.parametrize("digit", "0123456789")
def test_repeated_sequence_is_refused(digit):
    assert not cpf.is_valid(digit * 11)


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        ("", ""),
        ("1", "1"),
        ("123", "123"),
        ("1234", "123.4"),
        ("123456", "123.456"),
        ("1234567", "123.456.7"),
        ("123456789", "123.456.789"),
        ("1234567890", "123.456.789-0"),
        ("12345678901", "123.456.789-01"),
        ("123456789012345", "123.456.789-01"),
        ("123.456.7", "123.456.7"),
        ("12a3b4", "123.4"),
    ],
)
def test_mask_partial_formats_as_the_citizen_types(typed, masked):
    assert cpf.mask_partial(typed) == masked


@pytest.mark.parametrize(
    ("raw", "formatted"),
    [
        ("52998224725", "529.982.247-25"),
        ("529.982.247-25", "529.982.247-25"),
        ("1234", "1234"),
        ("abc", "abc"),
    ],
)
def test_format_cpf_formats_eleven_digits_and_leaves_the_rest(raw, formatted):
    assert cpf.format_cpf(raw) == formatted


@pytest.mark.parametrize(
    ("raw", "hidden"),
    [("52998224725", "***.982.247-**"), ("529.982.247-25", "***.982.247-**"), ("123", "***")],
)
def test_hide_shows_only_the_middle_digits(raw, hidden):
    assert cpf.hide(raw) == hidden


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_generate_produces_a_valid_cpf_from_its_base(base):
    generated = cpf.generate(base)
    assert generated[:9] == base
    if base != base[0] * 9:
        assert cpf.is_valid(generated)


def test_generate_pads_short_seeds():
    assert cpf.generate("1").startswith("000000001")
    assert cpf.is_valid(cpf.generate("1"))
