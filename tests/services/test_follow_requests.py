"""Following support requests: a citizen's own requests (Minha conta) and the public lookup by
protocol number + e-mail, which tells nothing about a protocol without its e-mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from portal.core import config
from portal.models import Account, SupportRequest
from portal.core.ratelimit import Limiter
from portal.support import desk, follow
from portal.support import protocol as protocol_rules
from portal.support import requests as support
from portal.support.follow import FollowStatus
from portal.support.requests import SupportForm

OWN_EMAIL = "maria@example.com"  # the e-mail of the conftest's account
IP = "203.0.113.9"


@pytest.fixture
def limiter():
    return Limiter("memory://")


@pytest.fixture
def send(db, t0):
    """File a request ``minutes`` after t0; returns its protocol."""
    limiter = Limiter("memory://")
    count = iter(range(1000))

    def create(email: str = OWN_EMAIL, *, cpf: str = "", account_id: int | None = None, minutes: int = 0,
               topic: str = "nao-recebi-email") -> str:
        result = support.create(
            db, SupportForm(name="Maria Silva", cpf=cpf, email=email, topic=topic, description="Socorro."),
            client_ip=f"198.51.100.{next(count)}", limiter=limiter, account_id=account_id,
            now=t0 + timedelta(minutes=minutes))
        assert result.errors == {} and result.protocol, result
        return result.protocol

    return create


@pytest.fixture
def lookup(db, limiter):
    def run(protocol: str, email: str, *, client_ip: str = IP):
        return follow.follow(db, protocol=protocol, email=email, client_ip=client_ip, limiter=limiter)

    return run


def request_id(db, protocol: str) -> int:
    return db.exec(select(SupportRequest).where(SupportRequest.protocol == protocol)).one().id


def reply(db, protocol: str, body: str, t0, minutes: int = 60) -> None:
    staff = Account(full_name="Ana Atendente", cpf="11144477735", email="ana@campinas.sp.gov.br",
                    password_hash="", created_at=t0, confirmed_at=t0, terms_version="1", terms_accepted_at=t0,
                    is_staff=True)
    existing = db.exec(select(Account).where(Account.cpf == staff.cpf)).first()
    if existing is None:
        db.add(staff)
        db.commit()
        existing = staff
    assert desk.reply(db, request_id=request_id(db, protocol), staff_account_id=existing.id, body=body,
                      now=t0 + timedelta(minutes=minutes)).errors == {}


def protocols(items) -> list[str]:
    return [item.protocol for item in items]


# --- Minhas solicitações: only the account's own requests ---------------------------------------

def test_a_request_sent_signed_in_is_listed_whatever_e_mail_it_gave(db, send, confirmed_account):
    mine = send("outro.endereco@example.com", account_id=confirmed_account)
    assert protocols(follow.requests_of(db, confirmed_account)) == [mine]


def test_a_request_sent_to_the_confirmed_e_mail_is_listed_without_case(db, send, confirmed_account):
    mine = send("MARIA@Example.com")
    assert protocols(follow.requests_of(db, confirmed_account)) == [mine]


@pytest.mark.parametrize("email", ["maria@example.com.br", "mariaa@example.com", "outra.pessoa@example.com"])
def test_requests_of_other_addresses_are_not_listed(db, send, confirmed_account, email):
    send(email)
    assert follow.requests_of(db, confirmed_account) == []


def test_a_request_carrying_the_account_cpf_but_another_e_mail_is_not_listed(db, send, confirmed_account):
    # The CPF on a request is typed, not proven: it may be the real owner's complaint.
    send("quem.escreveu@example.com", cpf="529.982.247-25")
    assert follow.requests_of(db, confirmed_account) == []


def test_another_account_signed_in_request_is_not_listed(db, send, confirmed_account, make_form, t0):
    from portal.accounts import signup

    other = signup.register(db, make_form(cpf="111.444.777-35", email="jose@example.com"), now=t0).account_id
    send("jose@example.com", account_id=other)
    assert follow.requests_of(db, confirmed_account) == []
    assert follow.requests_of(db, other) != []


def test_an_unconfirmed_account_does_not_get_requests_by_e_mail(db, send, pending_account):
    send(OWN_EMAIL)
    assert follow.requests_of(db, pending_account) == []


def test_newest_first_with_status_and_replies_in_order(db, send, confirmed_account, t0):
    first = send(minutes=0, topic="conta-antiga")
    second = send(minutes=5)
    reply(db, first, "Primeira resposta.", t0, minutes=60)
    reply(db, first, "Segunda resposta.", t0, minutes=90)
    listed = follow.requests_of(db, confirmed_account)
    assert protocols(listed) == [second, first]
    newest, oldest = listed
    assert (newest.status, newest.replies) == ("aberto", ())
    assert (oldest.status, oldest.topic, oldest.created_at) == ("respondido", "conta-antiga", t0)
    assert [r.body for r in oldest.replies] == ["Primeira resposta.", "Segunda resposta."]
    assert oldest.replies[0].created_at == t0 + timedelta(minutes=60)


def test_an_unknown_account_has_no_requests(db):
    assert follow.requests_of(db, 987654) == []


# --- The public lookup ----------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("2026-483-129-577", "2026-483-129-577"),
    ("2026 483 129 577", "2026-483-129-577"),
    ("2026483129577", "2026-483-129-577"),
    ("2026-483-129-576", None),  # the check digit of 202648312957 is 7
    ("2026-000123", "2026-000123"),
    (" 2026-000123 ", "2026-000123"),
    ("2026-123", "2026-000123"),
    ("2026 000123", "2026-000123"),
    ("2026/123", "2026-000123"),
    ("2026000123", "2026-000123"),
    ("", None),
    ("123", None),
    ("2026-0001234", None),
    ("abcd-000123", None),
    ("２０２６-000123", None),
    ("2026-000123; DROP TABLE support_request", None),
])
def test_protocol_numbers_are_read_as_typed_by_people(typed, expected):
    assert protocol_rules.normalize(typed) == expected


def test_the_right_protocol_and_e_mail_show_the_request_and_its_replies(db, send, lookup, t0):
    protocol = send("joana@example.com")
    reply(db, protocol, "Reenviamos o e-mail.", t0)
    result = lookup(protocol, "joana@example.com")
    assert result.status is FollowStatus.FOUND
    assert (result.request.protocol, result.request.status) == (protocol, "respondido")
    assert [r.body for r in result.request.replies] == ["Reenviamos o e-mail."]


@pytest.mark.parametrize("typed", ["  JOANA@Example.COM ", "Joana@EXAMPLE.com"])
def test_the_e_mail_is_compared_without_case(send, lookup, typed):
    protocol = send("joana@example.com")
    assert lookup(protocol, typed).status is FollowStatus.FOUND


@pytest.mark.parametrize("typed", ["{y} {a} {b} {c}", "{y}{a}{b}{c}", "{y}/{a}.{b}.{c}"])
def test_the_protocol_may_be_typed_with_other_separators(send, lookup, typed):
    protocol = send("joana@example.com")
    y, a, b, c = protocol.split("-")
    assert lookup(typed.format(y=y, a=a, b=b, c=c), "joana@example.com").status is FollowStatus.FOUND


def test_a_sequential_protocol_issued_before_is_still_found_even_without_its_zeros(db, send, lookup):
    row = db.get(SupportRequest, request_id(db, send("joana@example.com")))
    row.protocol = "2026-000001"  # as numbered before protocols became random (issue 21)
    db.add(row)
    db.commit()
    assert lookup("2026-1", "joana@example.com").status is FollowStatus.FOUND
    assert lookup("2026-000001", "joana@example.com").request.protocol == "2026-000001"


def test_a_wrong_e_mail_and_an_unknown_protocol_give_the_same_result(send, lookup):
    protocol = send("joana@example.com")
    wrong_email = lookup(protocol, "outra@example.com")
    unknown = lookup("2026-999999", "joana@example.com")
    assert wrong_email == unknown == follow.FollowResult(FollowStatus.NOT_FOUND)


def test_a_wrong_e_mail_and_an_unknown_protocol_do_the_same_database_work(db, send, lookup, t0):
    protocol = send("joana@example.com")
    reply(db, protocol, "Uma resposta.", t0)
    statements: list[str] = []

    def seen(_conn, _cursor, statement, _parameters, _context, _many):
        statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        lookup(protocol, "outra@example.com")
        wrong_email = list(statements)
        statements.clear()
        lookup("2026-999999", "joana@example.com")
        unknown = list(statements)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert wrong_email == unknown
    assert len(wrong_email) == 2  # the request by protocol, then replies (of no request)


def test_the_e_mail_is_compared_in_constant_time_for_both(send, lookup, monkeypatch):
    protocol = send("joana@example.com")
    compared: list[tuple[int, int]] = []
    real = follow.hmac.compare_digest

    def spy(a, b):
        compared.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(follow.hmac, "compare_digest", spy)
    lookup(protocol, "outra@example.com")
    lookup("2026-999999", "joana@example.com")
    lookup(protocol, "joana@example.com")
    assert compared == [(32, 32)] * 3  # digests: the lengths of the addresses do not show


def test_an_anonymised_request_cannot_be_followed(db, send, lookup):
    protocol = send("joana@example.com")
    row = db.get(SupportRequest, request_id(db, protocol))
    row.email = ""
    db.add(row)
    db.commit()
    assert lookup(protocol, "joana@example.com").status is FollowStatus.NOT_FOUND


@pytest.mark.parametrize(("protocol", "email", "errors"), [
    ("", "joana@example.com", {"protocol": ["protocol_required"]}),
    ("2026-abc", "joana@example.com", {"protocol": ["protocol_invalid"]}),
    ("2026-000001", "", {"email": ["email_required"]}),
    ("2026-000001", "joana@", {"email": ["email_invalid"]}),
    ("x", "y", {"protocol": ["protocol_invalid"], "email": ["email_invalid"]}),
])
def test_invalid_input_is_explained_and_not_counted(send, lookup, protocol, email, errors):
    sent = send("joana@example.com")
    for _ in range(25):
        result = lookup(protocol, email)
        assert (result.status, result.errors) == (FollowStatus.INVALID, errors)
    assert lookup(sent, "joana@example.com").status is FollowStatus.FOUND


def test_a_typo_in_a_protocol_is_invalid_and_not_counted(send, lookup):
    sent = send("joana@example.com")
    slip = sent[:-1] + str((int(sent[-1]) + 1) % 10)  # the check digit catches it
    for _ in range(25):
        assert lookup(slip, "joana@example.com").errors == {"protocol": ["protocol_invalid"]}
    assert lookup(sent, "joana@example.com").status is FollowStatus.FOUND


# --- Abuse limits -----------------------------------------------------------------------------

def test_twenty_lookups_per_client_address_per_hour(send, lookup):
    protocol = send("joana@example.com")
    for n in range(20):
        assert lookup(f"2026-{100 + n}", f"p{n}@example.com").status is FollowStatus.NOT_FOUND
    limited = lookup(protocol, "joana@example.com")
    assert limited.status is FollowStatus.LIMITED and 0 < limited.retry_in <= 3601
    assert lookup(protocol, "joana@example.com", client_ip="198.51.100.77").status is FollowStatus.FOUND


# A stranger's wrong guesses never lock the owner out (issue 21): no limit per protocol or per
# e-mail alone.

def test_the_owner_is_not_blocked_by_wrong_e_mails_typed_from_other_addresses(send, lookup):
    protocol = send("joana@example.com")
    for n in range(25):
        assert lookup(protocol, f"p{n}@example.com", client_ip=f"192.0.2.{n}").status is FollowStatus.NOT_FOUND
    assert lookup(protocol, "joana@example.com", client_ip="198.51.100.200").status is FollowStatus.FOUND


def test_the_owner_is_not_blocked_by_wrong_protocols_typed_with_their_e_mail(send, lookup):
    protocol = send("joana@example.com")
    for n in range(25):
        assert lookup(f"2026-{500 + n}", "joana@example.com", client_ip=f"192.0.2.{n}").status \
            is FollowStatus.NOT_FOUND
    assert lookup(protocol, "joana@example.com", client_ip="198.51.100.200").status is FollowStatus.FOUND


def test_one_address_is_still_limited_whatever_it_types(send, lookup):
    protocol = send("joana@example.com")
    for n in range(20):
        lookup(protocol, f"p{n}@example.com", client_ip="192.0.2.66")
    assert lookup(protocol, "joana@example.com", client_ip="192.0.2.66").status is FollowStatus.LIMITED
    assert lookup(protocol, "joana@example.com", client_ip="192.0.2.67").status is FollowStatus.FOUND


def test_ten_lookups_of_one_protocol_and_e_mail_pair_per_hour_from_any_address(send, lookup):
    protocol = send("joana@example.com")
    for n in range(10):
        assert lookup(protocol, "Joana@example.com", client_ip=f"192.0.2.{n}").status is FollowStatus.FOUND
    assert lookup(protocol, "joana@example.com", client_ip="192.0.2.200").status is FollowStatus.LIMITED
    other = send("joana@example.com")  # the same e-mail with another protocol is another pair
    assert lookup(other, "joana@example.com", client_ip="192.0.2.201").status is FollowStatus.FOUND


def test_a_limited_answer_is_the_same_for_a_right_and_a_wrong_e_mail(send, lookup):
    protocol = send("joana@example.com")
    for n in range(20):
        lookup(f"2026-{100 + n}", f"p{n}@example.com")
    right, wrong = lookup(protocol, "joana@example.com"), lookup(protocol, "outra@example.com")
    assert (right.status, right.request, right.errors) == (wrong.status, wrong.request, wrong.errors)


def test_portal_client_limits_sets_the_follow_limit(send, lookup, monkeypatch):
    monkeypatch.setenv("PORTAL_CLIENT_LIMITS", "follow=2/hour")
    config.settings.cache_clear()
    try:
        protocol = send("joana@example.com")
        assert lookup(protocol, "joana@example.com").status is FollowStatus.FOUND
        assert lookup(protocol, "joana@example.com").status is FollowStatus.FOUND
        assert lookup(protocol, "joana@example.com").status is FollowStatus.LIMITED
    finally:
        monkeypatch.delenv("PORTAL_CLIENT_LIMITS", raising=False)
        config.settings.cache_clear()


# --- The mail points to where the request is followed ---------------------------------------

def test_receipt_and_reply_mail_link_to_the_follow_page_instead_of_a_dead_end(db, send, outbox, t0):
    protocol = send("joana@example.com")
    reply(db, protocol, "Reenviamos o e-mail.", t0)
    receipt, answer = outbox()
    link = f"http://portal.test/ajuda/acompanhar/?protocolo={protocol}"  # as served: no redirect to follow
    for mail in (receipt, answer):
        assert link in mail.body_text and f'href="{link}"' in mail.body_html
        assert "respostas a ela não são lidas" in mail.body_text
        assert "não responda" not in mail.body_text and "não responda" not in mail.body_html
    assert "Reenviamos o e-mail." in answer.body_text

