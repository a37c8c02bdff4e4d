"""Texts completed when shown: the support phones set at that moment, the message for a code."""

import pytest

from portal import filled_texts, texts
from portal.core import config


@pytest.fixture(autouse=True)
def phones(monkeypatch):
    monkeypatch.setenv("PORTAL_SUPPORT_PHONE_CAMPINAS", "0800 000 1234")
    monkeypatch.setenv("PORTAL_SUPPORT_PHONE_OTHER", "(19) 3000-0000")
    config.settings.cache_clear()
    yield
    config.settings.cache_clear()


def test_the_generic_error_names_the_phones_set_now():
    assert filled_texts.generic_error().endswith("ligue 0800 000 1234 (Campinas) ou (19) 3000-0000.")


def test_a_code_reads_as_its_message():
    assert filled_texts.message("cpf_invalid") == texts.MESSAGES["cpf_invalid"]


def test_a_code_without_a_message_reads_as_the_generic_error():
    assert filled_texts.message("not_a_code") == filled_texts.generic_error()


def test_each_field_shows_its_messages_together():
    shown = filled_texts.field_messages({"email": ["email_required"], "cpf": ["cpf_invalid", "cpf_taken"]})
    assert shown == {"email": texts.MESSAGES["email_required"],
                     "cpf": f"{texts.MESSAGES['cpf_invalid']} {texts.CPF_TAKEN}"}
