"""The staff side of support (/atendimento): queue, details, replies mailed to the citizen,
status changes. Callers check that the signed-in account is staff (``is_staff``). Opening a
request, replying, changing a status and turning off the two-step of the account a request is
about each leave an entry in the staff audit log."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlmodel import Session, col, select

from portal.accounts import confirmation, email_address, fields, two_step
from portal.core.clock import utcnow
from portal.mail import delivery, messages, outbox
from portal.models import Account, SupportReply, SupportRequest
from portal.support import audit
from portal.support.audit import Action

STATUSES = ("aberto", "em_andamento", "respondido")
MAX_REPLY = 4000


def is_staff(session: Session, account_id: int) -> bool:
    account = session.get(Account, account_id)
    return bool(account and account.is_staff and account.confirmed_at is not None)


def queue(session: Session, *, status: str = "", topic: str = "", limit: int = 200) -> list[SupportRequest]:
    """Requests, oldest first (first come, first served), optionally filtered."""
    statement = select(SupportRequest)
    if status:
        statement = statement.where(col(SupportRequest.status) == status)
    if topic:
        statement = statement.where(col(SupportRequest.topic) == topic)
    return list(session.exec(statement.order_by(col(SupportRequest.created_at), col(SupportRequest.id)).limit(limit)))


def details(session: Session, request_id: int, *,
            staff_account_id: int) -> tuple[SupportRequest, list[SupportReply]] | None:
    """The request and its replies; reading a citizen's data is recorded too."""
    request = session.get(SupportRequest, request_id)
    if request is None:
        return None
    replies = session.exec(
        select(SupportReply).where(col(SupportReply.request_id) == request_id).order_by(col(SupportReply.id))
    ).all()
    audit.record(session, staff_account_id=staff_account_id, action=Action.OPENED, request=request,
                 now=utcnow())
    session.commit()
    return request, list(replies)


@dataclasses.dataclass(frozen=True)
class ReplyResult:
    errors: dict[str, list[str]]


def reply(session: Session, *, request_id: int, staff_account_id: int, body: str,
          now: datetime | None = None) -> ReplyResult | None:
    """Store the reply, mail it to the citizen (outbox) and mark the request answered."""
    now = now or utcnow()
    request = session.get(SupportRequest, request_id)
    if request is None:
        return None
    cleaned = fields.Cleaned()
    text = cleaned.check("reply", fields.clean_free_text, body, code="reply", max_length=MAX_REPLY)
    if not cleaned.ok:
        return ReplyResult(cleaned.errors)
    stored = SupportReply(request_id=request_id, staff_account_id=staff_account_id, body=text, created_at=now)
    session.add(stored)
    request.status = "respondido"
    request.updated_at = now
    session.add(request)
    session.flush()  # the reply's id, for the audit entry
    audit.record(session, staff_account_id=staff_account_id, action=Action.REPLIED, request=request, now=now,
                 detail=f"resposta nº {stored.id}")
    if request.email:  # empty once the citizen deleted their account: nobody to mail
        outbox.enqueue(session, to=request.email, now=now, purpose=delivery.SUPPORT_REPLY,
                       support_request_id=request.id, email=messages.support_reply(full_name=request.name, protocol=request.protocol, reply=text))
    session.commit()
    return ReplyResult({})


def set_status(session: Session, request_id: int, status: str, *, staff_account_id: int,
               now: datetime | None = None) -> bool:
    now = now or utcnow()
    if status not in STATUSES:
        return False
    request = session.get(SupportRequest, request_id)
    if request is None:
        return False
    audit.record(session, staff_account_id=staff_account_id, action=Action.STATUS_CHANGED, request=request,
                 now=now, detail=f"{request.status} → {status}")
    request.status = status
    request.updated_at = now
    session.add(request)
    session.commit()
    return True


# Turning a citizen's two-step off. The request says who the person claims to be (a CPF, an
# e-mail anyone can type); staff decide on what the account itself holds, and name how they
# checked the identity: at least two of these, and when the request's e-mail is not the one on
# file, "contato" among them, since then nothing but the CPF ties the requester to the account.
IDENTITY_CHECKS = ("documento", "cadastro", "contato")  # labels: texts.DESK_IDENTITY_CHECKS
CONTACT_ON_FILE = "contato"
MIN_IDENTITY_CHECKS = 2
MIN_IDENTITY_NOTE = 15  # "conferi RG e selfie" is not enough; say what was compared


@dataclasses.dataclass(frozen=True)
class AccountFacts:
    """What the account a request is about really has, to weigh against what the request says."""

    full_name: str  # as on file, for the "cadastro" check
    created_at: datetime
    masked_email: str  # the address on file, enough to recognise
    two_step: bool
    sent_signed_in: bool  # the request came from a session of this very account
    email_matches: bool  # the request's e-mail is the one on file


def account_facts(session: Session, request_id: int) -> AccountFacts | None:
    """None when no account is tied to the request (no CPF with an account, not signed in)."""
    request = session.get(SupportRequest, request_id)
    account = _account_of(session, request) if request else None
    return _facts(session, request, account) if request and account else None


def _facts(session: Session, request: SupportRequest, account: Account) -> AccountFacts:
    assert account.id is not None
    return AccountFacts(
        full_name=account.full_name, created_at=account.created_at, masked_email=email_address.mask(account.email),
        two_step=two_step.is_enabled(session, account.id), sent_signed_in=request.account_id == account.id,
        email_matches=request.email.casefold() == account.email.casefold())


def _account_of(session: Session, request: SupportRequest) -> Account | None:
    """The account the request is about: the signed-in sender's, or the one with the CPF given
    (whoever typed it, which is why staff see the facts above before acting)."""
    if request.account_id is not None:
        return session.get(Account, request.account_id)
    if request.cpf:
        return session.exec(select(Account).where(Account.cpf == request.cpf)).first()
    return None


def _missing_checks(checks: list[str], facts: AccountFacts) -> str | None:
    named = set(checks) & set(IDENTITY_CHECKS)
    if len(named) < MIN_IDENTITY_CHECKS:
        return "identity_checks_required"
    if not facts.email_matches and CONTACT_ON_FILE not in named:
        return "identity_check_contact_required"
    return None


def turn_off_two_step(session: Session, *, request_id: int, staff_account_id: int, checks: list[str],
                      identity_check: str, now: datetime | None = None) -> str | None:
    """For a citizen who lost the phone and the recovery codes: turn two-step off on the
    account the request is about, only with the identity checks named and a note (audited).
    The notice goes to the account's address on file, never the request's, with "Não fui eu".
    None when done, otherwise an error code."""
    now = now or utcnow()
    request = session.get(SupportRequest, request_id)
    account = _account_of(session, request) if request else None
    if request is None or account is None or account.id is None or not two_step.is_enabled(session, account.id):
        return "two_step_off_no_account"
    missing = _missing_checks(checks, _facts(session, request, account))
    if missing:
        return missing
    try:
        # Unbounded here: the audit entry keeps what fits (audit.MAX_DETAIL).
        note = fields.clean_free_text(identity_check, code="identity_check", min_length=MIN_IDENTITY_NOTE)
    except fields.Invalid as problem:
        return problem.codes[0]
    if not two_step.turn_off_by_staff(session, account.id, now):
        return "two_step_off_no_account"
    named = ", ".join(check for check in IDENTITY_CHECKS if check in checks)
    audit.record(session, staff_account_id=staff_account_id, action=Action.TWO_STEP_OFF, request=request, now=now,
                 detail=f"identidade conferida ({named}): {note}")
    outbox.enqueue(session, to=account.email, now=now, email=messages.two_step_off_by_staff(
        full_name=account.full_name, protocol=request.protocol, when=now,
        not_me_link=confirmation.not_me_link_for(session, account, now)))
    session.commit()
    return None
