"""The staff desk: who is staff, the queue, details, replies mailed to the citizen, statuses."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlmodel import select

from portal import texts
from portal.accounts import two_step
from portal.accounts.email_address import mask
from portal.models import Account, StaffAuditEntry, SupportReply, SupportRequest, TwoStep
from portal.core.ratelimit import Limiter
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
               description: str = "Preciso de ajuda.", cpf: str = "", account_id: int | None = None) -> int:
        n = next(count)
        result = support.create(
            db, SupportForm(name="Ana Souza", cpf=cpf, email=email, topic=topic, description=description),
            client_ip=f"198.51.100.{n}", limiter=limiter, account_id=account_id,
            now=t0 + timedelta(minutes=minutes))
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


# --- turning a citizen's two-step off (security issue 21, point 4) ------------------------------

VICTIM_CPF = "529.982.247-25"  # the fixtures' account, maria@example.com
ATTACKER_EMAIL = "golpista@example.net"
NOTE = "Videochamada: RG conferido, nome da mãe confirmado"


@pytest.fixture
def victim(db, confirmed_account, t0):
    """The fixtures' account with two-step on. The row is written as it is, not through
    two_step.confirm: these tests are about the desk, not about how two-step is enabled."""
    db.add(TwoStep(account_id=confirmed_account, secret=pyotp.random_base32(), created_at=t0, enabled_at=t0))
    db.commit()
    return confirmed_account


@pytest.fixture
def desk_staff(db, t0):
    """A staff member who is not the citizen."""
    account = Account(cpf="11144477735", full_name="Ana Atendente", email="ana@campinas.sp.gov.br",
                      password_hash="x", created_at=t0, confirmed_at=t0, terms_version="1", terms_accepted_at=t0,
                      is_staff=True)
    db.add(account)
    db.commit()
    return account.id


def _two_step_off_entries(db) -> list[StaffAuditEntry]:
    return list(db.exec(select(StaffAuditEntry).where(StaffAuditEntry.action == "two_step_off")))


def _two_step_off_mails(outbox) -> list:
    return [m for m in outbox() if m.subject == texts.MAIL_TWO_STEP_OFF_SUBJECT]


def test_the_desk_shows_the_accounts_email_on_file_not_the_one_the_request_typed(db, victim, new_request, t0):
    request_id = new_request(cpf=VICTIM_CPF, email=ATTACKER_EMAIL)
    facts = desk.account_facts(db, request_id)
    assert facts == desk.AccountFacts(full_name="Maria Aparecida Silva", created_at=t0,
                                      masked_email=mask("maria@example.com"), two_step=True, sent_signed_in=False,
                                      email_matches=False)
    assert facts.masked_email == "ma***@example.com"


def test_the_request_email_is_compared_with_the_one_on_file_casefolded(db, victim, new_request):
    request_id = new_request(cpf=VICTIM_CPF, email="MARIA@example.com")
    assert desk.account_facts(db, request_id).email_matches is True


def test_a_request_sent_signed_in_is_about_that_account(db, victim, new_request):
    request_id = new_request(email="maria@example.com", account_id=victim)
    facts = desk.account_facts(db, request_id)
    assert (facts.sent_signed_in, facts.two_step, facts.email_matches) == (True, True, True)


@pytest.mark.parametrize("cpf", ["", "390.533.447-05"])
def test_a_request_without_an_account_has_no_facts_and_nothing_to_turn_off(db, victim, new_request, desk_staff,
                                                                           cpf):
    request_id = new_request(cpf=cpf, email=ATTACKER_EMAIL)
    assert desk.account_facts(db, request_id) is None
    every_check = list(desk.IDENTITY_CHECKS)
    assert desk.turn_off_two_step(db, request_id=request_id, staff_account_id=desk_staff, checks=every_check,
                                  identity_check=NOTE) == "two_step_off_no_account"


@pytest.mark.parametrize("checks", [[], ["documento"], ["documento", "documento"], ["foto", "rg"], ["cadastro"]])
def test_a_turn_off_without_two_named_checks_is_refused(db, victim, new_request, desk_staff, outbox, checks):
    request_id = new_request(cpf=VICTIM_CPF, email="maria@example.com")
    assert desk.turn_off_two_step(db, request_id=request_id, staff_account_id=desk_staff, checks=checks,
                                  identity_check=NOTE) == "identity_checks_required"
    assert two_step.is_enabled(db, victim)
    assert _two_step_off_entries(db) == [] and _two_step_off_mails(outbox) == []


def test_a_request_with_another_email_needs_the_contact_on_file(db, victim, new_request, desk_staff, outbox):
    request_id = new_request(cpf=VICTIM_CPF, email=ATTACKER_EMAIL)
    assert desk.turn_off_two_step(db, request_id=request_id, staff_account_id=desk_staff,
                                  checks=["documento", "cadastro"],
                                  identity_check=NOTE) == "identity_check_contact_required"
    assert two_step.is_enabled(db, victim)
    assert _two_step_off_entries(db) == [] and _two_step_off_mails(outbox) == []


def test_the_note_is_still_required(db, victim, new_request, desk_staff):
    request_id = new_request(cpf=VICTIM_CPF, email="maria@example.com")
    assert desk.turn_off_two_step(db, request_id=request_id, staff_account_id=desk_staff,
                                  checks=["documento", "cadastro"],
                                  identity_check="ok") == "identity_check_required"
    assert two_step.is_enabled(db, victim)


def test_with_the_named_checks_it_is_turned_off_and_the_audit_names_them(db, victim, new_request, desk_staff):
    request_id = new_request(cpf=VICTIM_CPF, email=ATTACKER_EMAIL)
    assert desk.turn_off_two_step(db, request_id=request_id, staff_account_id=desk_staff,
                                  checks=["contato", "documento"], identity_check=NOTE) is None
    assert not two_step.is_enabled(db, victim)
    [entry] = _two_step_off_entries(db)
    assert entry.staff_cpf == "11144477735"
    assert "documento" in entry.detail and "contato" in entry.detail and "cadastro" not in entry.detail
    assert NOTE in entry.detail and len(entry.detail) <= 200


def test_the_notice_goes_to_the_accounts_email_never_to_the_requests(db, victim, new_request, desk_staff, outbox):
    request_id = new_request(cpf=VICTIM_CPF, email=ATTACKER_EMAIL)
    protocol = fresh(db, SupportRequest, request_id).protocol
    desk.turn_off_two_step(db, request_id=request_id, staff_account_id=desk_staff,
                           checks=["documento", "contato"], identity_check=NOTE)
    [notice] = _two_step_off_mails(outbox)
    assert notice.to_address == "maria@example.com"
    assert protocol in notice.body_text and "/auth/nao-fui-eu?token=" in notice.body_text
    assert texts.MAIL_NOT_ME_BUTTON in notice.body_html
    # The requester got the receipt of the request, and nothing about the account.
    assert [m.subject for m in outbox() if m.to_address == ATTACKER_EMAIL] == [
        texts.MAIL_SUPPORT_RECEIPT_SUBJECT.format(protocol=protocol)]
