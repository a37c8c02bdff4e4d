"""LGPD: everything stored about a citizen, as data they can download, and account deletion."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from portal import texts
from portal.accounts import reauth
from portal.accounts.activity import Client
from portal.core.clock import utcnow
from portal.mail import messages, outbox
from portal.models import Account, AuthSession, OutboxMessage, SecurityEvent, SupportRequest
from portal.core.ratelimit import Limiter

ANONYMOUS_NAME = texts.DELETED_HOLDER_NAME
REMOVED = texts.DELETED_HOLDER_TEXT


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_data(session: Session, account_id: int) -> dict[str, Any]:
    """The citizen's data: account, consents, sessions, activity, support requests. No secrets: no
    password hash, no token (only what the citizen gave or what was recorded about them)."""
    account = session.get(Account, account_id)
    assert account is not None
    sessions = session.exec(
        select(AuthSession).where(col(AuthSession.account_id) == account_id).order_by(col(AuthSession.id))
    ).all()
    requests = session.exec(
        select(SupportRequest).where(col(SupportRequest.account_id) == account_id).order_by(col(SupportRequest.id))
    ).all()
    events = session.exec(
        select(SecurityEvent).where(col(SecurityEvent.account_id) == account_id).order_by(col(SecurityEvent.id))
    ).all()
    return {
        "gerado_em": _iso(utcnow()),
        "conta": {
            "nome": account.full_name,
            "cpf": account.cpf,
            "email": account.email,
            "criada_em": _iso(account.created_at),
            "email_confirmado_em": _iso(account.confirmed_at),
            "origem": account.source,
        },
        "consentimentos": [{"documento": texts.EXPORT_TERMS_DOCUMENT, "versao": account.terms_version,
                            "aceito_em": _iso(account.terms_accepted_at)}],
        "sessoes": [
            {"inicio": _iso(s.created_at), "ultimo_acesso": _iso(s.last_seen_at), "navegador": s.user_agent,
             "endereco": s.client_ip, "encerrada_em": _iso(s.revoked_at)}
            for s in sessions
        ],
        "atividade": [
            {"quando": _iso(e.created_at), "evento": e.kind, "navegador": e.user_agent, "endereco": e.client_ip}
            for e in events
        ],
        "solicitacoes_de_auxilio": [
            {"protocolo": r.protocol, "criada_em": _iso(r.created_at), "assunto": r.topic, "situacao": r.status,
             "nome": r.name, "email": r.email, "telefone": r.phone, "descricao": r.description}
            for r in requests
        ],
    }


@dataclasses.dataclass(frozen=True)
class DeletionResult:
    errors: dict[str, list[str]]
    # Seconds to wait: the current password was asked too often (nothing was checked or deleted).
    retry_in: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.retry_in


def delete_account(session: Session, account_id: int, password: str, now: datetime | None = None, *,
                   client: Client | None = None, limiter: Limiter | None = None) -> DeletionResult:
    """Delete the account and its sessions and links; anonymise the support requests it filed
    (the protocol, dates and topic stay, for the public service's records); mail a last notice.

    Requests filed without an account stay as they are even when they carry the account's CPF:
    they may come from the CPF's real owner, reporting that someone else registered it."""
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None
    check = reauth.check_current_password(session, account, password, client=client, limiter=limiter, now=now)
    if check.retry_in:
        return DeletionResult({}, retry_in=check.retry_in)
    if not check.ok:
        return DeletionResult({"delete_password": ["current_password_wrong"]})
    email, name = account.email, account.full_name
    session.exec(
        update(SupportRequest)
        .where(col(SupportRequest.account_id) == account_id)
        .values(account_id=None, name=ANONYMOUS_NAME, cpf="", email="", phone="", description=REMOVED, client_ip="")
    )
    # Copies of mail already delivered to this address hold personal data. (Queued mail is
    # kept: a relative may share the address.)
    session.exec(delete(OutboxMessage).where(col(OutboxMessage.to_address) == email)
                 .where(col(OutboxMessage.sent_at).is_not(None)))
    session.delete(account)
    outbox.enqueue(session, to=email, now=now, email=messages.notice(
        subject=texts.MAIL_DELETED_SUBJECT, full_name=name, paragraphs=[texts.MAIL_DELETED]))
    session.commit()
    return DeletionResult({})
