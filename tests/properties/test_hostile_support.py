"""Support requests (support.requests.create) and staff replies (support.desk.reply) with
hostile input, one field at a time.

Documented cleaning: name = ``normalize_name`` of the text without control characters, CPF =
its 11 digits (or "" when not given), e-mail = ``email_address.normalize``, phone =
``phone_digits``, description and reply = ``clean_text`` (control characters but line
breaks and tabs removed, CRLF -> LF, stripped). The receipt mail escapes what was typed.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import event, example, given
from sqlmodel import col, select

from portal.accounts import cpf as cpf_rules
from portal.accounts import email_address
from portal.accounts.fields import normalize_name
from portal.models import Account, OutboxMessage, SupportReply, SupportRequest
from portal.core.ratelimit import Limiter
from portal.support import desk
from portal.support import requests as support
from portal.support.requests import SupportForm
from tests.properties.conftest import HOSTILE, assert_codes_known, assert_fits_columns
from tests.properties.strategies import hostile_field, hostile_text

VALID = {
    "name": "Ana Souza",
    "cpf": "529.982.247-25",
    "email": "ana@example.com",
    "phone": "(19) 99876-5432",
    "topic": "outro",
    "description": "Não recebi o e-mail de confirmação.",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _create(db, **field) -> tuple[support.SupportResult, SupportForm]:
    db.rollback()
    form = SupportForm(**{**VALID, **field})
    # A fresh limiter per example: 5 requests an hour per address is not what is tested here.
    result = support.create(db, form, client_ip="198.51.100.1", limiter=Limiter("memory://"))
    assert_codes_known(result.errors)
    event("stored" if result.protocol else f"rejected: {sorted(c for v in result.errors.values() for c in v)}")
    assert bool(result.protocol) == (not result.errors)
    return result, form


def _stored(db, result) -> SupportRequest:
    db.expire_all()
    row = db.exec(select(SupportRequest).where(SupportRequest.protocol == result.protocol)).one()
    assert_fits_columns(row)
    for value in (row.name, row.cpf, row.email, row.phone, row.topic):
        assert not _CONTROL.search(value), value
    assert not _CONTROL.search(row.description)
    mail = db.exec(select(OutboxMessage).order_by(col(OutboxMessage.id).desc())).first()
    assert mail.to_address == row.email
    assert "<script" not in mail.body_html.lower() and "<img" not in mail.body_html.lower()
    return row


def _expected_cpf(raw: str) -> str:
    return (cpf_rules.normalize(raw) or "") if raw.strip() else ""


@HOSTILE
@given(value=hostile_field(VALID["name"]))
@example(value="<script>alert(1)</script>")
@example(value="Ana\u0000 Souza\x1b[31m")
@example(value="\u202eazuoS anA")
def test_name(sqlite_db, value):
    result, form = _create(sqlite_db, name=value)
    if result.protocol:
        assert _stored(sqlite_db, result).name == normalize_name(_CONTROL.sub("", value))


@HOSTILE
@given(value=hostile_field(VALID["cpf"]))
@example(value="")
@example(value="５２９.９８２.２４７-２５")
@example(value="529.982.247-25\u0000")
def test_cpf(sqlite_db, value):
    result, form = _create(sqlite_db, cpf=value)
    if result.protocol:
        assert _stored(sqlite_db, result).cpf == _expected_cpf(value)


@HOSTILE
@given(value=hostile_field(VALID["email"]))
@example(value="ANA@EXAMPLE.COM\u00a0")
@example(value="ana@example.com\r\nBcc: victim@example.com")
def test_email(sqlite_db, value):
    result, form = _create(sqlite_db, email=value)
    if result.protocol:
        assert _stored(sqlite_db, result).email == email_address.normalize(value)


@HOSTILE
@given(value=hostile_field(VALID["phone"]))
@example(value="")
@example(value="+55 (19) 99876-5432")
@example(value="(19) 99876-5432\u0000")
def test_phone(sqlite_db, value):
    result, form = _create(sqlite_db, phone=value)
    if result.protocol:
        assert _stored(sqlite_db, result).phone == support.phone_digits(value)


@HOSTILE
@given(value=hostile_field(VALID["phone"]))
@example(value="(１９) ９９８７６-５４３２")
def test_phone_is_stored_as_ascii_digits(sqlite_db, value):
    result, form = _create(sqlite_db, phone=value)
    if result.protocol:
        assert re.fullmatch(r"(?:[0-9]{10,11})?", _stored(sqlite_db, result).phone)


@HOSTILE
@given(value=hostile_field(VALID["topic"]))
@example(value="outro\u0000")
@example(value="OUTRO")
def test_topic(sqlite_db, value):
    result, form = _create(sqlite_db, topic=value)
    assert bool(result.protocol) == (value in support.TOPIC_SLUGS)
    if result.protocol:
        assert _stored(sqlite_db, result).topic == value


@HOSTILE
@given(value=hostile_field(VALID["description"]))
@example(value="linha 1\r\nlinha 2\x00\x1b[2J")
@example(value="<script>alert(1)</script>")
@example(value="a" * 2000 + "\x00" * 50)
@example(value="\x00" * 10)
def test_description(sqlite_db, value):
    result, form = _create(sqlite_db, description=value)
    if result.protocol:
        assert _stored(sqlite_db, result).description == support.clean_text(value)


@pytest.fixture
def desk_request(sqlite_db, confirmed_account):
    """(request id, staff account id): one request and a staff account to answer it."""
    staff = sqlite_db.get(Account, confirmed_account)
    staff.is_staff = True
    sqlite_db.add(staff)
    sqlite_db.commit()
    result = support.create(sqlite_db, SupportForm(**VALID), client_ip="198.51.100.1", limiter=Limiter("memory://"))
    row = sqlite_db.exec(select(SupportRequest).where(SupportRequest.protocol == result.protocol)).one()
    return row.id, confirmed_account


@HOSTILE
@given(body=hostile_field("Olá! Reenviamos o e-mail."))
@example(body="\x00\x00")
@example(body="<script>alert(1)</script>")
@example(body="r" * 4000 + "\r\n")
def test_reply_body(sqlite_db, desk_request, t0, body):
    sqlite_db.rollback()
    request_id, staff_id = desk_request
    result = desk.reply(sqlite_db, request_id=request_id, staff_account_id=staff_id, body=body, now=t0)
    assert result is not None
    assert_codes_known(result.errors)
    event("stored" if not result.errors else f"rejected: {sorted(result.errors['reply'])}")
    sqlite_db.expire_all()
    latest = sqlite_db.exec(select(SupportReply).order_by(col(SupportReply.id).desc())).first()
    if not result.errors:
        assert latest.body == support.clean_text(body) and latest.created_at == t0
        assert_fits_columns(latest)
        mail = sqlite_db.exec(select(OutboxMessage).order_by(col(OutboxMessage.id).desc())).first()
        assert "<script" not in mail.body_html.lower() and "<img" not in mail.body_html.lower()


@HOSTILE
@given(status=hostile_text(), topic=hostile_text())
def test_desk_filters_and_status(sqlite_db, desk_request, status, topic):
    sqlite_db.rollback()
    request_id, staff_id = desk_request
    changed = desk.set_status(sqlite_db, request_id, status, staff_account_id=staff_id)
    assert changed == (status in desk.STATUSES)
    for row in desk.queue(sqlite_db, status=status, topic=topic):
        assert (not status or row.status == status) and (not topic or row.topic == topic)
