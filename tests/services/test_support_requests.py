"""The citizen's support request: validation, protocol, receipt mail, throttling."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from portal.models import SupportRequest
from portal.core.ratelimit import Limiter
from portal.support import requests as support
from portal.support.requests import SupportForm

IP = "203.0.113.7"
PROTOCOL = re.compile(r"\d{4}-\d{3}-\d{3}-\d{3}")


def form(**overrides) -> SupportForm:
    values = {
        "name": "João da Silva",
        "cpf": "529.982.247-25",
        "email": "joao@example.com",
        "phone": "(19) 99876-5432",
        "topic": "nao-recebi-email",
        "description": "O e-mail de confirmação não chegou.",
    }
    values.update(overrides)
    return SupportForm(**values)


@pytest.fixture
def limiter():
    return Limiter("memory://")


@pytest.fixture
def submit(db, limiter, t0):
    def send(support_form: SupportForm | None = None, *, client_ip: str = IP, **kwargs):
        return support.create(db, support_form or form(), client_ip=client_ip, limiter=limiter,
                              now=kwargs.pop("now", t0), **kwargs)

    return send


def stored(db) -> list[SupportRequest]:
    db.expire_all()
    return list(db.exec(select(SupportRequest).order_by(col(SupportRequest.id))).all())


def test_create_returns_the_protocol_of_the_stored_request(db, submit, t0):
    result = submit()
    assert (result.errors, result.retry_in) == ({}, 0)
    assert PROTOCOL.fullmatch(result.protocol) and result.protocol.startswith("2026-")
    [row] = stored(db)
    assert (row.protocol, row.status, row.topic, row.name, row.cpf, row.email, row.phone, row.client_ip) == (
        result.protocol, "aberto", "nao-recebi-email", "João da Silva", "52998224725", "joao@example.com",
        "19998765432", IP)
    assert row.description == "O e-mail de confirmação não chegou."
    assert row.created_at == row.updated_at == t0


def test_each_request_gets_its_own_protocol(submit):
    # Random, not consecutive: tests/services/test_protocol.py
    assert len({submit().protocol for _ in range(3)}) == 3


def test_the_protocol_year_is_the_brasilia_year(submit):
    # 01:00 UTC on 1 January 2027 is still 31 December 2026, 22:00, in Brasília.
    assert submit(now=datetime(2027, 1, 1, 1, 0, tzinfo=UTC)).protocol.startswith("2026-")
    assert submit(now=datetime(2027, 1, 1, 3, 0, tzinfo=UTC)).protocol.startswith("2027-")


def test_create_queues_one_receipt_mail_to_the_citizen(submit, outbox):
    protocol = submit().protocol
    [mail] = outbox()
    assert mail.to_address == "joao@example.com"
    assert protocol in mail.subject
    assert "O e-mail de confirmação não chegou." in mail.body_text
    assert mail.sent_at is None


def test_account_id_is_stored_when_given(db, submit, confirmed_account):
    submit(account_id=confirmed_account)
    assert stored(db)[0].account_id == confirmed_account


def test_without_account_id_the_request_is_anonymous(db, submit):
    submit()
    assert stored(db)[0].account_id is None


@pytest.mark.parametrize(("overrides", "field", "error"), [
    ({"name": ""}, "name", "name_required"),
    ({"name": "   \t "}, "name", "name_required"),
    ({"name": "A" * 201}, "name", "name_too_long"),
    ({"cpf": "111.111.111-11"}, "cpf", "cpf_invalid"),
    ({"cpf": "529.982.247-26"}, "cpf", "cpf_invalid"),
    ({"email": ""}, "email", "email_required"),
    ({"email": "joao@"}, "email", "email_invalid"),
    ({"email": "joao.example.com"}, "email", "email_invalid"),
    ({"phone": "abc"}, "phone", "phone_invalid"),
    ({"phone": "9876-543"}, "phone", "phone_invalid"),
    ({"phone": "1234"}, "phone", "phone_invalid"),
    ({"topic": ""}, "topic", "topic_required"),
    ({"topic": "assunto-inventado"}, "topic", "topic_required"),
    ({"description": ""}, "description", "description_required"),
    ({"description": " \n\t "}, "description", "description_required"),
    ({"description": "a" * 2001}, "description", "description_too_long"),
])
def test_invalid_field_is_refused_and_nothing_is_stored(db, submit, outbox, overrides, field, error):
    result = submit(form(**overrides))
    assert result.errors == {field: [error]}
    assert result.protocol == ""
    assert stored(db) == []
    assert outbox() == []


@pytest.mark.parametrize(("overrides", "column", "value"), [
    ({"cpf": ""}, "cpf", ""),
    ({"cpf": "52998224725"}, "cpf", "52998224725"),
    ({"phone": ""}, "phone", ""),
    ({"phone": "+55 (19) 99876-5432"}, "phone", "19998765432"),
    ({"phone": "(19) 3232-1000"}, "phone", "1932321000"),
    ({"email": "  Joao@Example.COM "}, "email", "Joao@example.com"),  # domain lower-cased only
    ({"name": "  João   da  Silva "}, "name", "João da Silva"),
    ({"description": "a" * 2000}, "description", "a" * 2000),
])
def test_accepted_field_is_stored_normalised(db, submit, overrides, column, value):
    assert submit(form(**overrides)).errors == {}
    assert getattr(stored(db)[0], column) == value


def test_every_topic_of_the_help_center_is_accepted(db, submit):
    from portal.help.content import TOPICS

    for n, (slug, _title) in enumerate(TOPICS):
        assert submit(form(topic=slug), client_ip=f"198.51.100.{n}").errors == {}, slug
    assert [row.topic for row in stored(db)] == [slug for slug, _ in TOPICS]


def test_control_characters_are_removed_but_line_breaks_kept(db, submit):
    raw = "Linha um\x00\x07\r\nLinha\x1b dois\x7f\n\nLinha\ttrês\x0b\x0c"
    assert submit(form(description=raw)).errors == {}
    assert stored(db)[0].description == "Linha um\nLinha dois\n\nLinha\ttrês"


def test_control_characters_are_removed_from_the_name(db, submit):
    assert submit(form(name="João\x00 da\x1b Silva")).errors == {}
    assert stored(db)[0].name == "João da Silva"


HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE account; --",
    "Socorro 😀👍🏽 não consigo entrar",
    "\u200fשלום\u200f e olá",
    "{{ 7*7 }} {% raw %} ${7*7}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_description_is_stored_as_plain_text_unchanged(db, submit, text):
    assert submit(form(description=text)).errors == {}
    assert stored(db)[0].description == text


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_name_is_stored_as_plain_text_unchanged(db, submit, text):
    assert submit(form(name=text)).errors == {}
    assert stored(db)[0].name == text


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_description_reaches_the_text_mail_unchanged(submit, outbox, text):
    submit(form(description=text))
    assert text in outbox()[0].body_text


def test_markup_in_the_description_is_escaped_in_the_html_mail(submit, outbox):
    submit(form(description="<script>alert(1)</script>"))
    html = outbox()[0].body_html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_five_requests_per_client_address_are_allowed(submit):
    results = [submit() for _ in range(5)]
    assert [r.errors for r in results] == [{}] * 5
    assert all(r.protocol for r in results)


def test_sixth_request_from_the_same_address_within_an_hour_is_throttled(db, submit, outbox):
    for _ in range(5):
        submit()
    result = submit()
    assert result.errors == {}
    assert result.protocol == ""
    assert 0 < result.retry_in <= 3601
    assert len(stored(db)) == 5
    assert len(outbox()) == 5


def test_another_address_is_not_affected_by_the_throttle(db, submit):
    for _ in range(6):
        submit()
    result = submit(client_ip="198.51.100.20")
    assert (result.errors, result.retry_in) == ({}, 0)
    assert result.protocol
    assert len(stored(db)) == 6


def test_invalid_requests_do_not_use_up_the_allowance(db, submit):
    for _ in range(10):
        submit(form(description=""))
    assert [submit().protocol for _ in range(5)] == [row.protocol for row in stored(db)]


def test_validate_returns_the_cleaned_form():
    errors, cleaned = support.validate(form(phone="+55 19 99876 5432", cpf="529.982.247-25",
                                            description="  texto\x00  "))
    assert errors == {}
    assert dataclasses.astuple(cleaned) == ("João da Silva", "52998224725", "joao@example.com", "19998765432",
                                            "nao-recebi-email", "texto")
