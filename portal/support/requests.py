"""The citizen's side of support: validate the form, create the request with its protocol,
mail the receipt (same transaction, through the outbox)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from portal.accounts import fields
from portal.accounts.fields import phone_digits  # noqa: F401 - the form's phones, for the property tests
from portal.core.clock import utcnow
from portal.help.content import TOPICS
from portal.mail import delivery, messages, outbox
from portal.local_time import LOCAL_TZ
from portal.models import OutboxMessage, SupportReply, SupportRequest
from portal.core.ratelimit import Limiter, per_client
from portal.support.protocol import insert_request

MAX_DESCRIPTION = 2000
# The receipt's address may be corrected from the page that sent it, while the request is
# fresh and unanswered, a few times: enough for typos, too few to mail strangers.
RECEIPT_FIX_WINDOW = timedelta(hours=1)
MAX_RECEIPTS = 4
TOPIC_SLUGS = frozenset(slug for slug, _ in TOPICS)
# How the desk cleans a reply, as this form cleans a description.
clean_text = fields.strip_control


@dataclasses.dataclass
class SupportForm:
    name: str = ""
    cpf: str = ""
    email: str = ""
    phone: str = ""
    topic: str = ""
    description: str = ""


@dataclasses.dataclass(frozen=True)
class SupportResult:
    errors: dict[str, list[str]]
    protocol: str = ""
    retry_in: int = 0
    request_id: int | None = None


def validate(form: SupportForm) -> tuple[dict[str, list[str]], SupportForm]:
    """Every problem of the form, per field, and the form as it would be stored."""
    cleaned = fields.Cleaned()
    check = cleaned.check
    clean = SupportForm(
        name=check("name", fields.clean_contact_name, form.name),
        cpf=check("cpf", fields.clean_cpf, form.cpf, required=False),
        email=check("email", fields.clean_email, form.email),
        phone=check("phone", fields.clean_phone, form.phone),
        topic=check("topic", fields.clean_choice, form.topic, TOPIC_SLUGS, code="topic_required"),
        description=check("description", fields.clean_free_text, form.description, code="description",
                          max_length=MAX_DESCRIPTION),
    )
    return cleaned.errors, clean


def create(session: Session, form: SupportForm, *, client_ip: str, limiter: Limiter,
           account_id: int | None = None, now: datetime | None = None) -> SupportResult:
    now = now or utcnow()
    errors, clean = validate(form)
    if errors:
        return SupportResult(errors)
    limited = limiter.hit(per_client("support"), "support", client_ip or "unknown")
    if limited:
        return SupportResult({}, retry_in=limited.retry_in)
    unsaved = SupportRequest(protocol="", created_at=now, updated_at=now, topic=clean.topic, name=clean.name,
                             cpf=clean.cpf, email=clean.email, phone=clean.phone, description=clean.description,
                             account_id=account_id, client_ip=client_ip[:64])
    # Stored now: the request's id finds the receipt's delivery status.
    request = insert_request(session, unsaved, now.astimezone(LOCAL_TZ).year)
    protocol = request.protocol
    outbox.enqueue(session, to=clean.email, now=now, purpose=delivery.SUPPORT_RECEIPT, support_request_id=request.id,
                   email=messages.support_receipt(
        full_name=clean.name, protocol=protocol, topic=dict(TOPICS)[clean.topic], description=clean.description))
    session.commit()
    return SupportResult({}, protocol=protocol, request_id=request.id)


@dataclasses.dataclass(frozen=True)
class ReceiptFix:
    errors: dict[str, list[str]]
    email: str = ""
    too_late: bool = False


def correct_receipt_email(session: Session, request_id: int, new_email: str,
                          now: datetime | None = None) -> ReceiptFix:
    """Correct the e-mail of a request just sent (its receipt did not arrive) and mail the
    receipt there; replies will go there too."""
    now = now or utcnow()
    cleaned = fields.Cleaned()
    cleaned.check("receipt_email", fields.clean_email, new_email)
    if not cleaned.ok:
        return ReceiptFix(cleaned.errors)
    request = session.get(SupportRequest, request_id)
    if request is None or request.created_at < now - RECEIPT_FIX_WINDOW or _answered(session, request_id) \
            or _receipts(session, request_id) >= MAX_RECEIPTS:
        return ReceiptFix({}, too_late=True)
    request.email = cleaned.values["receipt_email"]
    request.updated_at = now
    session.add(request)
    outbox.enqueue(session, to=request.email, now=now, purpose=delivery.SUPPORT_RECEIPT, support_request_id=request.id,
                   email=messages.support_receipt(full_name=request.name, protocol=request.protocol,
                                                  topic=dict(TOPICS).get(request.topic, request.topic),
                                                  description=request.description))
    session.commit()
    return ReceiptFix({}, email=request.email)


def _answered(session: Session, request_id: int) -> bool:
    return session.exec(select(SupportReply.id).where(col(SupportReply.request_id) == request_id)).first() is not None


def _receipts(session: Session, request_id: int) -> int:
    return session.exec(select(func.count()).select_from(OutboxMessage)
                        .where(col(OutboxMessage.support_request_id) == request_id)
                        .where(col(OutboxMessage.purpose) == delivery.SUPPORT_RECEIPT)).one()
