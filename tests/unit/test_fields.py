"""The one vocabulary of field cleaning: each clean_* gives the cleaned value or the codes of
what is wrong, and Cleaned reports every field's problems at once."""

from __future__ import annotations

import pytest

from portal import texts
from portal.accounts import fields
from portal.accounts.fields import Invalid

CPF = "52998224725"


def codes(clean, *args, **kwargs) -> list[str]:
    with pytest.raises(Invalid) as problem:
        clean(*args, **kwargs)
    return problem.value.codes


@pytest.mark.parametrize(("clean", "raw", "kwargs", "value"), [
    (fields.clean_cpf, "529.982.247-25", {}, CPF),
    (fields.clean_cpf, " 529 982 247 25 ", {}, CPF),
    (fields.clean_cpf, "", {"required": False}, ""),
    (fields.clean_cpf, "  ", {"required": False}, ""),
    (fields.clean_sign_in_cpf, "529.982.247-25", {}, CPF),
    (fields.clean_email, "  Maria@GMAIL.com ", {}, "Maria@gmail.com"),
    (fields.clean_name, "  maria   da  silva ", {}, "maria da silva"),
    (fields.clean_name, "Maria d'Ávila", {}, "Maria d'Ávila"),
    (fields.clean_contact_name, "Maria\x00", {}, "Maria"),
    (fields.clean_phone, "+55 (19) 99876-5432", {}, "19998765432"),
    (fields.clean_phone, "", {}, ""),
    (fields.clean_free_text, " texto\r\n\x00 ", {"code": "description", "max_length": 10}, "texto"),
    (fields.clean_free_text, " conferi o RG \x00", {"code": "identity_check", "min_length": 12},
     "conferi o RG"),
    (fields.clean_free_text, "a" * 5000, {"code": "identity_check"}, "a" * 5000),  # no max_length: unbounded
    (fields.clean_protocol, "2026 483 129 577", {}, "2026-483-129-577"),
    (fields.clean_protocol, " 2026/123 ", {}, "2026-000123"),  # the old sequential numbers still read
    (fields.clean_choice, "b", {"choices": ("a", "b"), "code": "topic_required"}, "b"),
    (fields.clean_terms, True, {}, True),
    (fields.clean_required, " ", {"code": "login_password_required"}, " "),
    (fields.clean_new_password, "ipê amarelo na praça", {"cpf": CPF, "full_name": "Maria Silva"},
     "ipê amarelo na praça"),
])
def test_a_clean_field_gives_its_cleaned_value(clean, raw, kwargs, value):
    assert clean(raw, **kwargs) == value


@pytest.mark.parametrize(("clean", "raw", "kwargs", "expected"), [
    (fields.clean_cpf, "", {}, ["cpf_required"]),
    (fields.clean_cpf, "   ", {}, ["cpf_required"]),
    (fields.clean_cpf, "529.982.247-24", {}, ["cpf_invalid"]),
    (fields.clean_cpf, "111.111.111-11", {"required": False}, ["cpf_invalid"]),
    (fields.clean_sign_in_cpf, "", {}, ["login_cpf_invalid"]),
    (fields.clean_sign_in_cpf, "123", {}, ["login_cpf_invalid"]),
    (fields.clean_email, "", {}, ["email_required"]),
    (fields.clean_email, " ", {}, ["email_required"]),
    (fields.clean_email, "maria@", {}, ["email_invalid"]),
    (fields.clean_name, "", {}, ["name_required"]),
    (fields.clean_name, "Maria", {}, ["name_incomplete"]),
    (fields.clean_name, "Maria 3", {}, ["name_invalid"]),
    (fields.clean_name, "Maria " + "a" * 200, {}, ["name_too_long"]),
    (fields.clean_contact_name, " \t ", {}, ["name_required"]),
    (fields.clean_contact_name, "A" * 201, {}, ["name_too_long"]),
    (fields.clean_phone, "abc", {}, ["phone_invalid"]),
    (fields.clean_phone, "１９ ９９８７６-５４３２", {}, ["phone_invalid"]),
    (fields.clean_free_text, " \n ", {"code": "description", "max_length": 10}, ["description_required"]),
    (fields.clean_free_text, "a" * 11, {"code": "reply", "max_length": 10}, ["reply_too_long"]),
    # Too short to say anything counts as nothing said (control characters do not count).
    (fields.clean_free_text, " conferi o RG \x00", {"code": "identity_check", "min_length": 15},
     ["identity_check_required"]),
    (fields.clean_free_text, "", {"code": "identity_check", "min_length": 0}, ["identity_check_required"]),
    (fields.clean_protocol, "", {}, ["protocol_required"]),
    (fields.clean_protocol, " \t", {}, ["protocol_required"]),
    (fields.clean_protocol, "2026-483-129-576", {}, ["protocol_invalid"]),  # a slip the check digit catches
    (fields.clean_protocol, "2026-483-129-57７", {}, ["protocol_invalid"]),
    (fields.clean_choice, "c", {"choices": ("a", "b"), "code": "topic_required"}, ["topic_required"]),
    (fields.clean_terms, False, {}, ["terms_required"]),
    (fields.clean_required, "", {"code": "login_password_required"}, ["login_password_required"]),
    (fields.clean_new_password, "", {}, ["password_required"]),
    (fields.clean_new_password, "curta", {}, ["password_too_short"]),
    (fields.clean_new_password, "meu cpf 52998224725", {"cpf": CPF}, ["password_contains_cpf"]),
    (fields.clean_new_password, "Silva1", {"full_name": "Maria Silva"},
     ["password_too_short", "password_contains_name"]),
])
def test_a_field_with_a_problem_gives_its_codes(clean, raw, kwargs, expected):
    assert codes(clean, raw, **kwargs) == expected


@pytest.mark.parametrize(("confirm", "address", "ok"), [
    ("maria@gmail.com", "maria@gmail.com", True),
    (" MARIA@gmail.com ", "maria@gmail.com", True),
    ("maria@GMAIL.COM", "maria@gmail.com", True),
    ("mariaa@gmail.com", "maria@gmail.com", False),
    ("", "maria@gmail.com", False),
])
def test_an_address_typed_twice_must_be_the_same(confirm, address, ok):
    if ok:
        assert fields.clean_same_email(confirm, address) == address
    else:
        assert codes(fields.clean_same_email, confirm, address) == ["email_mismatch"]


def test_cleaned_keeps_every_field_problem_before_reporting():
    cleaned = fields.Cleaned()
    assert cleaned.check("cpf", fields.clean_cpf, "123") == ""
    assert cleaned.check("email", fields.clean_email, "maria@gmail.com") == "maria@gmail.com"
    assert cleaned.check("name", fields.clean_name, "Maria") == ""
    cleaned.refuse("email", "email_in_use")
    assert not cleaned.ok
    assert cleaned.errors == {"cpf": ["cpf_invalid"], "name": ["name_incomplete"], "email": ["email_in_use"]}
    assert cleaned.values == {"cpf": "", "email": "maria@gmail.com", "name": ""}


@pytest.mark.parametrize(("email", "confirm", "errors"), [
    ("maria@gmail.com", "maria@gmail.com", {}),
    ("", "", {"email": ["email_required"]}),
    ("maria@", "maria@", {"email": ["email_invalid"]}),  # the repetition waits for a valid address
    ("maria@gmail.com", "maria@gmial.com", {"email_confirm": ["email_mismatch"]}),
])
def test_email_pair(email, confirm, errors):
    cleaned = fields.Cleaned()
    cleaned.email_pair(("email", "email_confirm"), email, confirm)
    assert cleaned.errors == errors


@pytest.mark.parametrize(("password", "confirm", "errors"), [
    ("ipê amarelo na praça", "ipê amarelo na praça", {}),
    ("", "", {"password": ["password_required"]}),
    ("", "outra", {"password": ["password_required"]}),  # nothing to repeat yet
    ("curta", "outra", {"password": ["password_too_short"], "password_confirm": ["password_mismatch"]}),
    ("ipê amarelo na praça", "ipê amarelo", {"password_confirm": ["password_mismatch"]}),
])
def test_new_password_pair(password, confirm, errors):
    cleaned = fields.Cleaned()
    cleaned.new_password(("password", "password_confirm"), password, confirm)
    assert cleaned.errors == errors


def test_every_code_has_its_wording_in_texts():
    every = ["cpf_required", "cpf_invalid", "login_cpf_invalid", "email_required", "email_invalid",
             "email_mismatch", "name_required", "name_incomplete", "name_invalid", "name_too_long",
             "phone_invalid", "description_required", "description_too_long", "reply_required", "reply_too_long",
             "topic_required", "terms_required", "login_password_required", "password_required",
             "protocol_required", "protocol_invalid", "identity_check_required",
             "password_too_short", "password_too_long", "password_common", "password_contains_cpf",
             "password_contains_name", "password_mismatch"]
    assert [code for code in every if code not in texts.MESSAGES] == []


@pytest.mark.parametrize("typed", ["529.982.247-25", "  529 . 982 . 247 - 25  ", "529/982/247/25" + " " * 20])
def test_what_forms_keep_of_a_cpf_still_holds_a_cpf_typed_loosely(typed):
    assert fields.clean_cpf(typed[: fields.MAX_CPF_INPUT]) == CPF
