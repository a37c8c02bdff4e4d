"""The staff side of support (/atendimento): queue, details, replies mailed to the citizen,
status changes. Callers check that the signed-in account is staff (``is_staff``). Opening a
request, replying, changing a status and turning a requester's two-step off each leave an
entry in the staff audit log."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlmodel import Session, col, select

from portal import texts
from portal.accounts import two_step
from portal.clock import utcnow
from portal.mail import delivery, messages, outbox
from portal.models import Account, SupportReply, SupportRequest
from portal.support import audit
from portal.support.audit import Action
from portal.support.requests import clean_text

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
    text = clean_text(body)
    if not text:
        return ReplyResult({"reply": ["reply_required"]})
    if len(text) > MAX_REPLY:
        return ReplyResult({"reply": ["reply_too_long"]})
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


MIN_IDENTITY_CHECK = 15  # "conferi RG e selfie" is not enough; say what was compared


def requester_has_two_step(session: Session, request_id: int) -> bool:
    request = session.get(SupportRequest, request_id)
    account = _requester(session, request) if request else None
    return account is not None and two_step.is_enabled(session, account.id)


def _requester(session: Session, request: SupportRequest) -> Account | None:
    """The account of whoever asked: the signed-in requester, or the account with the CPF given."""
    if request.account_id is not None:
        return session.get(Account, request.account_id)
    if request.cpf:
        return session.exec(select(Account).where(Account.cpf == request.cpf)).first()
    return None


def turn_off_two_step(session: Session, *, request_id: int, staff_account_id: int, identity_check: str,
                      now: datetime | None = None) -> str | None:
    """For a citizen who lost the phone and the recovery codes: turn two-step off on the
    requester's account, only with a note of how their identity was checked (audited, and
    the citizen is told by e-mail). None when done, otherwise an error code."""
    now = now or utcnow()
    request = session.get(SupportRequest, request_id)
    note = clean_text(identity_check)
    if request is None:
        return "two_step_off_no_account"
    if len(note) < MIN_IDENTITY_CHECK:
        return "identity_check_required"
    account = _requester(session, request)
    if account is None or account.id is None or not two_step.turn_off_by_staff(session, account.id, now):
        return "two_step_off_no_account"
    audit.record(session, staff_account_id=staff_account_id, action=Action.TWO_STEP_OFF, request=request, now=now,
                 detail=f"identidade conferida: {note}")
    outbox.enqueue(session, to=account.email, now=now, email=messages.notice(
        subject=texts.MAIL_TWO_STEP_OFF_SUBJECT, full_name=account.full_name,
        paragraphs=[texts.MAIL_TWO_STEP_OFF.format(protocol=request.protocol)]))
    session.commit()
    return None
