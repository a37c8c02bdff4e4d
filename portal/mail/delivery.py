"""What became of a message: the status a citizen's page shows, and bounces recorded.

A page knows what it caused (a sign-up's confirmation, a recovery, a support receipt) by
purpose and account or request, never by address: nobody learns another person's mail.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from portal.core.clock import utcnow
from portal.mail.outbox import BOUNCED, QUEUED, REFUSED, SENT
from portal.models import OutboxMessage

log = logging.getLogger(__name__)

# What each message is, for the pages that show its status.
CONFIRMATION = "confirmation"
TEMPORARY_PASSWORD = "temporary_password"
EMAIL_CHANGE = "email_change"
SUPPORT_RECEIPT = "support_receipt"
SUPPORT_REPLY = "support_reply"


@dataclasses.dataclass(frozen=True)
class Delivery:
    status: str  # queued, sent, refused, bounced
    attempts: int
    sent_at: datetime | None
    failed_at: datetime | None
    failure_kind: str

    @property
    def failed(self) -> bool:
        return self.status in (REFUSED, BOUNCED)

    @property
    def waiting(self) -> bool:
        """Still being tried: the relay has not taken it yet."""
        return self.status == QUEUED


def _of(message: OutboxMessage) -> Delivery:
    return Delivery(message.status, message.attempts, message.sent_at, message.failed_at, message.failure_kind)


def latest(session: Session, purposes: Iterable[str], *, account_id: int | None = None,
           support_request_id: int | None = None) -> Delivery | None:
    """The newest message of these purposes about this account or support request."""
    if account_id is None and support_request_id is None:
        return None
    query = select(OutboxMessage).where(col(OutboxMessage.purpose).in_(list(purposes)))
    if account_id is not None:
        query = query.where(col(OutboxMessage.account_id) == account_id)
    if support_request_id is not None:
        query = query.where(col(OutboxMessage.support_request_id) == support_request_id)
    message = session.exec(query.order_by(col(OutboxMessage.id).desc()).limit(1)).first()
    return _of(message) if message is not None else None


def of_request(session: Session, support_request_id: int) -> list[tuple[str, datetime, Delivery]]:
    """Every message about a support request (receipts, replies), oldest first: the desk shows
    staff whether their replies reached the citizen."""
    rows = session.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.support_request_id) == support_request_id)
        .order_by(col(OutboxMessage.id))
    ).all()
    return [(row.purpose, row.created_at, _of(row)) for row in rows]


def record_bounce(session: Session, *, tags: Iterable[str] = (), message_ids: Iterable[str] = (), kind: str,
                  reason: str, now: datetime | None = None) -> int | None:
    """Mark the message a bounce is about as bounced; its id, or None when it names none of ours.

    Only a message the relay had taken can bounce; a second bounce for it changes nothing.
    """
    now = now or utcnow()
    message = None
    for tag in tags:
        message = message or session.exec(select(OutboxMessage).where(OutboxMessage.bounce_tag == tag)).first()
    for message_id in message_ids:
        message = message or session.exec(
            select(OutboxMessage).where(OutboxMessage.message_id == message_id)).first()
    if message is None or message.status != SENT:
        return None
    message.status = BOUNCED
    message.failed_at = now
    message.failure_kind = kind
    message.failure_reason = reason[:500]
    session.add(message)
    session.commit()
    log.info("mail %s bounced (%s): %s", message.id, kind, message.failure_reason)
    return message.id
