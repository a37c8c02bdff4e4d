"""The staff desk: who is staff, the queue, details, replies mailed to the citizen, statuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.models import Account, SupportReply, SupportRequest
from portal.ratelimit import Limiter
from portal.support import desk
from portal.support import requests as support
from portal.support.requests import SupportForm


def make_staff(db, account_id: int, is_staff: bool = True) -> int:
    account = db.get(Account, account_id)
    account.is_staff = is_staff
    db.add(account)
    db.commit()
    return account_id


@pytest.fixture
def staff(db, confirmed_account):
    return make_staff(db, confirmed_account)


@pytest.fixture
def new_request(db, t0):
    """Create a request ``minutes`` after t0; returns its id."""
    limiter = Limiter("memory://")
    count = iter(range(1000))

    def create(minutes: int = 0, *, topic: str = "nao-recebi-email", email: str = "cidadao@example.com",
               description: str = "Preciso de ajuda.") -> int:
        n = next(count)
        result = support.create(
            db, SupportForm(name="Ana Souza", email=email, topic=topic, description=description),
            client_ip=f"198.51.100.{n}", limiter=limiter, now=t0 + timedelta(minutes=minutes))
        assert result.errors == {} and result.protocol, result
        return db.exec(select(SupportRequest).where(SupportRequest.protocol == result.protocol)).one().id

    return create


def fresh(db, model, row_id):
    db.expire_all()
    return db.get(model, row_id)


# --- is_staff -------------------------------------------------------------------------------

@pytest.mark.parametrize(("confirmed", "flag", "expected"), [
    (True, True, True),
    (True, False, False),
    (False, True, False),
    (False, False, False),
])
def test_is_staff_only_for_confirmed_accounts_flagged_as_staff(db, pending_account, latest_token, t0,
                                                               confirmed, flag, expected):
    if confirmed:
        from portal.accounts import confirmation

        confirmation.confirm(db, latest_token(), now=t0)
    make_staff(db, pending_account, flag)
    assert desk.is_staff(db, pending_account) is expected


def test_is_staff_false_for_an_unknown_account(db):
    assert desk.is_staff(db, 999_999) is False


# --- queue ----------------------------------------------------------------------------------

def test_queue_lists_oldest_first(db, new_request):
    late = new_request(30)
    early = new_request(0)
    middle = new_request(10)
    assert [r.id for r in desk.queue(db)] == [early, middle, late]


def test_queue_is_empty_without_requests(db):
    assert desk.queue(db) == []


@pytest.mark.parametrize(("status", "expected"), [
    ("aberto", ["a"]),
    ("em_andamento", ["b"]),
    ("respondido", ["c"]),
    ("", ["a", "b", "c"]),
])
def test_queue_filters_by_status(db, new_request, staff, status, expected):
    ids = {"a": new_request(0), "b": new_request(1), "c": new_request(2)}
    assert desk.set_status(db, ids["b"], "em_andamento", staff_account_id=staff)
    assert desk.set_status(db, ids["c"], "respondido", staff_account_id=staff)
    assert [r.id for r in desk.queue(db, status=status)] == [ids[k] for k in expected]


@pytest.mark.parametrize(("topic", "expected"), [
    ("nao-recebi-email", ["a", "c"]),
    ("outro", ["b"]),
    ("conta-antiga", []),
    ("", ["a", "b", "c"]),
])
def test_queue_filters_by_topic(db, new_request, topic, expected):
    ids = {"a": new_request(0, topic="nao-recebi-email"), "b": new_request(1, topic="outro"),
           "c": new_request(2, topic="nao-recebi-email")}
    assert [r.id for r in desk.queue(db, topic=topic)] == [ids[k] for k in expected]


def test_queue_combines_status_and_topic(db, new_request, staff):
    new_request(0, topic="outro")
    wanted = new_request(1, topic="outro")
    other_topic = new_request(2, topic="conta-antiga")
    for request_id in (wanted, other_topic):
        desk.set_status(db, request_id, "em_andamento", staff_account_id=staff)
    assert [r.id for r in desk.queue(db, status="em_andamento", topic="outro")] == [wanted]


def test_queue_respects_the_limit(db, new_request):
    ids = [new_request(n) for n in range(3)]
    assert [r.id for r in desk.queue(db, limit=2)] == ids[:2]


# --- details ----------------------------------------------------------------------------------

def test_details_of_a_request_without_replies(db, new_request, staff):
    request_id = new_request()
    request, replies = desk.details(db, request_id, staff_account_id=staff)
    assert (request.id, request.description, replies) == (request_id, "Preciso de ajuda.", [])


def test_details_returns_the_replies_in_order(db, new_request, staff, t0):
    request_id = new_request()
    desk.reply(db, request_id=request_id, staff_account_id=staff, body="Primeira resposta.", now=t0)
    desk.reply(db, request_id=request_id, staff_account_id=staff, body="Segunda resposta.", now=t0)
    _, replies = desk.details(db, request_id, staff_account_id=staff)
    assert [(r.body, r.staff_account_id, r.request_id) for r in replies] == [
        ("Primeira resposta.", staff, request_id), ("Segunda resposta.", staff, request_id)]


def test_details_does_not_mix_replies_of_other_requests(db, new_request, staff):
    first, second = new_request(0), new_request(1)
    desk.reply(db, request_id=first, staff_account_id=staff, body="Para o primeiro.")
    assert desk.details(db, second, staff_account_id=staff)[1] == []


def test_details_of_an_unknown_request_is_none(db, staff):
    assert desk.details(db, 999_999, staff_account_id=staff) is None


# --- reply ----------------------------------------------------------------------------------

def test_reply_is_stored(db, new_request, staff, t0):
    request_id = new_request()
    moment = t0 + timedelta(hours=2)
    result = desk.reply(db, request_id=request_id, staff_account_id=staff, body="Reenviamos o e-mail.",
                        now=moment)
    assert result.errors == {}
    db.expire_all()
    [stored] = desk.details(db, request_id, staff_account_id=staff)[1]
    assert (stored.body, stored.staff_account_id, stored.created_at) == (
        "Reenviamos o e-mail.", staff, moment)


def test_reply_marks_the_request_answered(db, new_request, staff, t0):
    request_id = new_request()
    moment = t0 + timedelta(hours=2)
    desk.reply(db, request_id=request_id, staff_account_id=staff, body="Reenviamos o e-mail.", now=moment)
    request = fresh(db, SupportRequest, request_id)
    assert (request.status, request.updated_at) == ("respondido", moment)


def test_reply_mails_the_citizen(db, new_request, staff, outbox):
    request_id = new_request(email="ana@example.com")
    protocol = fresh(db, SupportRequest, request_id).protocol
    desk.reply(db, request_id=request_id, staff_account_id=staff,
               body="Verifique a caixa de spam, por favor.")
    mails = [m for m in outbox() if m.to_address == "ana@example.com"]
    assert len(mails) == 2  # the receipt, then the reply
    reply_mail = mails[-1]
    assert reply_mail.to_address == "ana@example.com"
    assert protocol in reply_mail.subject
    assert "Verifique a caixa de spam, por favor." in reply_mail.body_text
    assert reply_mail.sent_at is None


def test_reply_keeps_line_breaks_and_drops_control_characters(db, new_request, staff):
    request_id = new_request()
    desk.reply(db, request_id=request_id, staff_account_id=staff, body="Olá,\r\nresolvido\x00.\x1b")
    assert desk.details(db, request_id, staff_account_id=staff)[1][0].body == "Olá,\nresolvido."


@pytest.mark.parametrize("body", ["", "   ", "\n\t\n", "\x00\x07"])
def test_empty_reply_is_refused_and_changes_nothing(db, new_request, staff, outbox, body):
    request_id = new_request()
    result = desk.reply(db, request_id=request_id, staff_account_id=staff, body=body)
    assert result.errors == {"reply": ["reply_required"]}
    assert desk.details(db, request_id, staff_account_id=staff)[1] == []
    assert fresh(db, SupportRequest, request_id).status == "aberto"
    assert [m.to_address for m in outbox()].count("cidadao@example.com") == 1  # only the receipt


def test_reply_too_long_is_refused(db, new_request, staff):
    request_id = new_request()
    result = desk.reply(db, request_id=request_id, staff_account_id=staff, body="a" * (desk.MAX_REPLY + 1))
    assert result.errors == {"reply": ["reply_too_long"]}
    assert desk.details(db, request_id, staff_account_id=staff)[1] == []


def test_reply_of_the_maximum_length_is_accepted(db, new_request, staff):
    request_id = new_request()
    result = desk.reply(db, request_id=request_id, staff_account_id=staff, body="a" * desk.MAX_REPLY)
    assert result.errors == {}
    assert len(desk.details(db, request_id, staff_account_id=staff)[1][0].body) == desk.MAX_REPLY


def test_reply_to_an_unknown_request_is_none(db, staff, outbox):
    mails_before = len(outbox())
    assert desk.reply(db, request_id=999_999, staff_account_id=staff, body="Olá") is None
    assert len(outbox()) == mails_before
    assert db.exec(select(SupportReply)).all() == []


# --- set_status -------------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["aberto", "em_andamento", "respondido"])
def test_set_status_accepts_the_known_statuses(db, new_request, staff, t0, status):
    request_id = new_request()
    other = "em_andamento" if status == "aberto" else "aberto"
    desk.set_status(db, request_id, other, staff_account_id=staff)
    moment = t0 + timedelta(days=1)
    assert desk.set_status(db, request_id, status, staff_account_id=staff, now=moment) is True
    request = fresh(db, SupportRequest, request_id)
    assert (request.status, request.updated_at) == (status, moment)


@pytest.mark.parametrize("status", ["", "fechado", "ABERTO", "respondido ", "cancelado"])
def test_set_status_refuses_other_values(db, new_request, staff, t0, status):
    request_id = new_request()
    moment = t0 + timedelta(days=1)
    assert desk.set_status(db, request_id, status, staff_account_id=staff, now=moment) is False
    request = fresh(db, SupportRequest, request_id)
    assert (request.status, request.updated_at) == ("aberto", t0)


def test_set_status_of_an_unknown_request_is_false(db, staff):
    assert desk.set_status(db, 999_999, "respondido", staff_account_id=staff) is False
