"""LGPD: the citizen's data export (no secrets) and account deletion."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from portal import texts
from portal.accounts import passwords, privacy, sessions, signup
from portal.models import Account, AuthSession, EmailToken, OutboxMessage, SupportRequest
from portal.core.ratelimit import Limiter
from portal.support import desk
from portal.support import requests as support
from portal.support.requests import SupportForm


EMAIL = "maria@example.com"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
CLIENT_IP = "203.0.113.50"


@pytest.fixture
def limiter():
    return Limiter("memory://")


@pytest.fixture
def ask(db, limiter, t0):
    """File a support request; returns its protocol."""

    def create(*, account_id: int | None = None, name: str = "Maria Aparecida Silva", cpf: str = "",
               email: str = EMAIL, phone: str = "(19) 99876-5432", description: str = "Não recebi o e-mail.",
               client_ip: str = CLIENT_IP) -> str:
        filled = SupportForm(name=name, cpf=cpf, email=email, phone=phone, topic="nao-recebi-email",
                             description=description)
        result = support.create(db, filled,
                                client_ip=client_ip, limiter=limiter, account_id=account_id,
                                now=t0 + timedelta(hours=1))
        assert result.errors == {} and result.protocol, result
        return result.protocol

    return create


@pytest.fixture
def signed_in(db, confirmed_account, t0):
    """One browser session of the confirmed account, started an hour after t0."""
    token = sessions.start(db, confirmed_account, user_agent=USER_AGENT, client_ip=CLIENT_IP,
                           now=t0 + timedelta(hours=1))
    assert token
    return token


def request_by(db, protocol: str) -> SupportRequest:
    return db.exec(select(SupportRequest).where(col(SupportRequest.protocol) == protocol)).one()


def count(db, model, *where) -> int:
    return len(db.exec(select(model).where(*where)).all())


# --- export -------------------------------------------------------------------------------

@pytest.fixture
def export(db, confirmed_account, signed_in, ask):
    ask(account_id=confirmed_account)
    db.expire_all()
    return privacy.export_data(db, confirmed_account)


def test_export_contains_the_account(export, t0):
    assert export["conta"] == {
        "nome": "Maria Aparecida Silva",
        "cpf": "52998224725",
        "email": EMAIL,
        "criada_em": t0.isoformat(),
        "email_confirmado_em": t0.isoformat(),
        "origem": "portal",
    }


def test_export_contains_the_terms_consent(export, t0):
    [consent] = export["consentimentos"]
    assert (consent["versao"], consent["aceito_em"]) == (signup.TERMS_VERSION, t0.isoformat())


def test_export_contains_the_sessions(export, t0):
    [session] = export["sessoes"]
    started = (t0 + timedelta(hours=1)).isoformat()
    assert session == {"inicio": started, "ultimo_acesso": started, "navegador": USER_AGENT,
                       "endereco": CLIENT_IP, "encerrada_em": None}


def test_export_shows_when_a_session_was_ended(db, confirmed_account, signed_in, t0):
    sessions.revoke(db, signed_in, now=t0 + timedelta(hours=2))
    db.expire_all()
    [session] = privacy.export_data(db, confirmed_account)["sessoes"]
    assert session["encerrada_em"] == (t0 + timedelta(hours=2)).isoformat()


def test_export_contains_the_support_requests_of_the_account(db, export, t0):
    [request] = export["solicitacoes_de_auxilio"]
    [stored] = db.exec(select(SupportRequest.protocol)).all()
    assert request == {"protocolo": stored, "criada_em": (t0 + timedelta(hours=1)).isoformat(),
                       "assunto": "nao-recebi-email", "situacao": "aberto", "nome": "Maria Aparecida Silva",
                       "email": EMAIL, "telefone": "19998765432", "descricao": "Não recebi o e-mail."}


def test_export_leaves_out_requests_of_others(db, confirmed_account, ask):
    mine = ask(account_id=confirmed_account)
    ask(name="Outra Pessoa", email="outra@example.com", client_ip="198.51.100.1")
    exported = privacy.export_data(db, confirmed_account)
    assert [r["protocolo"] for r in exported["solicitacoes_de_auxilio"]] == [mine]


def test_export_is_json_serialisable(export):
    assert json.loads(json.dumps(export)) == export


def test_export_holds_no_secret(db, confirmed_account, signed_in, ask):
    ask(account_id=confirmed_account)
    account = db.get(Account, confirmed_account)
    account.temp_password_hash = passwords.hash_password("Temporaria-1234")  # as after a recovery
    db.add(account)
    db.commit()
    dump = json.dumps(privacy.export_data(db, confirmed_account), ensure_ascii=False)
    secrets = [account.password_hash, account.temp_password_hash]
    secrets += db.exec(select(EmailToken.token_hash)).all()
    secrets += db.exec(select(AuthSession.token_hash)).all()
    assert len(secrets) >= 4  # password, temporary password, confirmation link, session
    assert [secret for secret in secrets if secret in dump] == []


def test_export_holds_no_session_token(export, signed_in):
    assert signed_in not in json.dumps(export)


# --- deletion -----------------------------------------------------------------------------

@pytest.fixture
def citizen(db, confirmed_account, signed_in, ask, outbox, make_form, t0):
    """The confirmed account with a session, its own request, a request with its CPF filed
    without an account (by whoever really owns the CPF), a stranger's request, its sent
    confirmation mail and another (pending) account at the same address whose mail is still
    queued."""
    db.exec(update(OutboxMessage).where(col(OutboxMessage.to_address) == EMAIL).values(sent_at=t0))
    db.commit()
    other = signup.register(db, make_form(full_name="José Aparecido Silva", cpf="111.444.777-35"),
                            now=t0 + timedelta(minutes=5))
    assert other.ok, other.errors
    return {
        "id": confirmed_account,
        "other_id": other.account_id,
        "own": ask(account_id=confirmed_account, cpf="529.982.247-25"),
        "same_cpf": ask(cpf="529.982.247-25", name="Maria A. Silva", client_ip="198.51.100.2"),
        "stranger": ask(name="Outra Pessoa", cpf="111.444.777-35", email="outra@example.com",
                        client_ip="198.51.100.3"),
    }


def delete(db, citizen, password, t0):
    result = privacy.delete_account(db, citizen["id"], password, now=t0 + timedelta(days=1))
    db.expire_all()
    return result


@pytest.mark.parametrize("wrong", ["", "senha errada", "JACARÉ AZUL COME PÃO DE QUEIJO"])
def test_delete_with_a_wrong_password_is_refused(db, citizen, t0, wrong):
    assert delete(db, citizen, wrong, t0).errors == {"delete_password": ["current_password_wrong"]}


def test_delete_with_a_wrong_password_deletes_nothing(db, citizen, outbox, t0):
    mails_before = [(m.id, m.sent_at) for m in outbox()]
    delete(db, citizen, "senha errada", t0)
    assert db.get(Account, citizen["id"]) is not None
    assert count(db, AuthSession, col(AuthSession.account_id) == citizen["id"]) == 1
    assert count(db, EmailToken, col(EmailToken.account_id) == citizen["id"]) == 1
    own = request_by(db, citizen["own"])
    assert (own.account_id, own.name, own.description) == (citizen["id"], "Maria Aparecida Silva",
                                                           "Não recebi o e-mail.")
    assert [(m.id, m.sent_at) for m in outbox()] == mails_before


def test_delete_with_the_right_password_succeeds(db, citizen, password, t0):
    assert delete(db, citizen, password, t0).errors == {}


def test_delete_removes_the_account_and_its_sessions_and_links(db, citizen, password, t0):
    delete(db, citizen, password, t0)
    assert db.get(Account, citizen["id"]) is None
    for model in (AuthSession, EmailToken):
        assert count(db, model, col(model.account_id) == citizen["id"]) == 0, model.__name__


def test_delete_keeps_the_other_account(db, citizen, password, t0):
    delete(db, citizen, password, t0)
    assert db.get(Account, citizen["other_id"]) is not None
    assert count(db, EmailToken, col(EmailToken.account_id) == citizen["other_id"]) == 1


def test_delete_anonymises_the_citizens_support_requests(db, citizen, password, t0):
    before = request_by(db, citizen["own"])
    kept = (before.protocol, before.topic, before.created_at, before.status)
    delete(db, citizen, password, t0)
    after = request_by(db, citizen["own"])
    assert (after.protocol, after.topic, after.created_at, after.status) == kept
    personal = (after.account_id, after.name, after.cpf, after.email, after.phone, after.description,
                after.client_ip)
    assert personal == (
        None, "Titular excluído", "", "", "", "[removido a pedido do titular]", "")


def test_delete_leaves_an_anonymous_request_with_the_same_cpf_alone(db, citizen, password, t0):
    """The real owner of a squatted CPF reports it without an account: the squatter deleting
    the account must not erase that report."""
    delete(db, citizen, password, t0)
    report = request_by(db, citizen["same_cpf"])
    kept = (report.account_id, report.name, report.cpf, report.email, report.description, report.client_ip)
    assert kept == (None, "Maria A. Silva", "52998224725", EMAIL, "Não recebi o e-mail.", "198.51.100.2")


def test_delete_leaves_requests_of_others_alone(db, citizen, password, t0):
    delete(db, citizen, password, t0)
    stranger = request_by(db, citizen["stranger"])
    assert (stranger.name, stranger.cpf, stranger.email, stranger.description) == (
        "Outra Pessoa", "11144477735", "outra@example.com", "Não recebi o e-mail.")


def test_delete_queues_a_final_notice_to_the_old_address(db, citizen, password, outbox, t0):
    delete(db, citizen, password, t0)
    notices = [m for m in outbox() if m.subject == texts.MAIL_DELETED_SUBJECT]
    assert [(m.to_address, m.sent_at, m.created_at) for m in notices] == [
        (EMAIL, None, t0 + timedelta(days=1))]
    assert "Maria" in notices[0].body_text


def sent_to(db, address: str) -> int:
    return count(db, OutboxMessage, col(OutboxMessage.to_address) == address,
                 col(OutboxMessage.sent_at).is_not(None))


def test_delete_removes_mail_already_sent_to_the_address(db, citizen, password, t0):
    assert sent_to(db, EMAIL) > 0  # the account's confirmation mail
    delete(db, citizen, password, t0)
    assert sent_to(db, EMAIL) == 0


def test_delete_keeps_queued_mail_of_another_account_at_the_same_address(db, citizen, password, outbox, t0):
    queued = [m.id for m in outbox() if m.to_address == EMAIL and m.sent_at is None]
    assert queued  # the other account's confirmation mail
    delete(db, citizen, password, t0)
    assert set(queued) <= {m.id for m in outbox()}


def test_delete_keeps_mail_to_other_addresses(db, citizen, password, outbox, t0):
    db.exec(update(OutboxMessage).where(col(OutboxMessage.to_address) == "outra@example.com")
            .values(sent_at=t0))
    db.commit()
    others = [m.id for m in outbox() if m.to_address != EMAIL]
    assert others
    delete(db, citizen, password, t0)
    assert [m.id for m in outbox() if m.to_address != EMAIL] == others


def test_deleted_account_can_no_longer_use_its_session(db, citizen, signed_in, password, t0):
    moment = t0 + timedelta(hours=1, minutes=5)  # the session would still be active
    assert sessions.current(db, signed_in, now=moment) is not None
    privacy.delete_account(db, citizen["id"], password, now=moment)
    db.expire_all()
    assert sessions.current(db, signed_in, now=moment) is None


def test_staff_reply_to_an_anonymised_request_mails_nobody(db, citizen, password, outbox, t0):
    delete(db, citizen, password, t0)
    request = request_by(db, citizen["own"])
    result = desk.reply(db, request_id=request.id, staff_account_id=citizen["other_id"], body="Resolvido.")
    assert result is not None and result.errors == {}
    assert [m for m in outbox() if m.to_address == ""] == []  # no undeliverable mail left in the outbox


def test_staff_reply_to_an_anonymised_request_is_still_stored(db, citizen, password, t0):
    delete(db, citizen, password, t0)
    request = request_by(db, citizen["own"])
    desk.reply(db, request_id=request.id, staff_account_id=citizen["other_id"], body="Resolvido.")
    db.expire_all()
    _, replies = desk.details(db, request.id, staff_account_id=citizen["other_id"])
    assert [r.body for r in replies] == ["Resolvido."]
    assert request_by(db, citizen["own"]).status == "respondido"
