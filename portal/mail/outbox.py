"""Transactional outbox: a message row is written with the change that causes it and
delivered later by ``deliver_due``, which any number of app workers may run at once.

Each message ends queued (still to be sent or retried), sent (the relay took it; a bounce may
still turn it into bounced, see portal.mail.delivery) or refused (the relay said no for good:
retrying cannot help, so it is not retried).

A worker claims a row by moving its lease forward with a conditional UPDATE (compare and
set): of two workers racing for a row only one sees its UPDATE match, on SQLite and on
PostgreSQL alike. A crash while sending leaves the lease to expire and the row is retried;
the stable Message-ID lets receiving servers drop such a rare duplicate.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.core.clock import utcnow
from portal.mail import addresses
from portal.mail.messages import EmailData
from portal.mail.sender import Refused
from portal.models import OutboxMessage

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BACKOFF_BASE = timedelta(seconds=15)
BACKOFF_MAX = timedelta(hours=1)
BATCH = 20

Sender = Callable[[OutboxMessage], None]

QUEUED, SENT, REFUSED, BOUNCED = "queued", "sent", "refused", "bounced"


def enqueue(session: Session, *, to: str, email: EmailData, purpose: str = "", account_id: int | None = None,
            support_request_id: int | None = None, now: datetime | None = None) -> OutboxMessage:
    """Add a message to the caller's transaction; it is sent only if that transaction commits.
    purpose and the ids say what it is about, so the page that caused it can show its status."""
    now = now or utcnow()
    message = OutboxMessage(
        message_id=addresses.new_message_id(),
        bounce_tag=addresses.new_bounce_tag(),
        to_address=to,
        subject=email.subject,
        body_text=email.text,
        body_html=email.html,
        created_at=now,
        next_attempt_at=now,
        purpose=purpose,
        account_id=account_id,
        support_request_id=support_request_id,
    )
    session.add(message)
    return message


def backoff(attempts: int) -> timedelta:
    """15 s, 30 s, 1 min, 2 min … capped at 1 h: retried forever, never dropped."""
    exponent = min(max(attempts - 1, 0), 12)  # capped first: 2**n would overflow timedelta
    return min(BACKOFF_BASE * (2**exponent), BACKOFF_MAX)


def _claim(session: Session, message_id: int, now: datetime) -> bool:
    result = session.exec(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == message_id)
        .where(col(OutboxMessage.status) == QUEUED)
        .where((col(OutboxMessage.locked_until).is_(None)) | (col(OutboxMessage.locked_until) < now))
        .values(locked_until=now + LEASE)
    )
    session.commit()
    return result.rowcount == 1


def due_ids(session: Session, now: datetime) -> list[int]:
    rows = session.exec(
        select(OutboxMessage.id)
        .where(col(OutboxMessage.status) == QUEUED)
        .where(col(OutboxMessage.next_attempt_at) <= now)
        .where((col(OutboxMessage.locked_until).is_(None)) | (col(OutboxMessage.locked_until) < now))
        .order_by(col(OutboxMessage.id))
        .limit(BATCH)
    ).all()
    return [row for row in rows if row is not None]


def deliver_due(session: Session, send: Sender, now: Callable[[], datetime] = utcnow) -> int:
    """Send every due message once; return how many were delivered."""
    delivered = 0
    for message_id in due_ids(session, now()):
        if not _claim(session, message_id, now()):
            continue  # another worker has it
        message = session.get(OutboxMessage, message_id)
        if message is None:
            continue
        try:
            send(message)
        except Refused as refusal:
            _refused(message, refusal, now())
        except Exception as exc:  # noqa: BLE001 - any other failure is retried later
            _retry(message, exc, now())
        else:
            _sent(message, now())
            delivered += 1
        session.add(message)
        session.commit()
    return delivered


def _forget_body(message: OutboxMessage) -> None:
    # Sent mail may carry links and temporary passwords: keep only the envelope, so a copy
    # of the database never holds a usable secret.
    message.body_text = message.body_html = ""


def _sent(message: OutboxMessage, now: datetime) -> None:
    message.attempts += 1
    message.status = SENT
    message.sent_at = now
    message.locked_until = None
    message.last_error = ""
    _forget_body(message)


def _refused(message: OutboxMessage, refusal: Refused, now: datetime) -> None:
    message.attempts += 1
    message.status = REFUSED
    message.failed_at = now
    message.failure_kind = refusal.kind
    message.failure_reason = str(refusal)[:500]
    message.locked_until = None
    message.last_error = message.failure_reason
    _forget_body(message)
    log.warning("mail %s refused for good: %s", message.id, message.failure_reason)


def _retry(message: OutboxMessage, exc: Exception, now: datetime) -> None:
    message.attempts += 1
    message.next_attempt_at = now + backoff(message.attempts)
    message.locked_until = None
    message.last_error = f"{type(exc).__name__}: {exc}"[:500]
    log.warning("mail %s to outbox retry %s: %s", message.id, message.attempts, message.last_error)


def pending_count(session: Session) -> int:
    return len(session.exec(select(OutboxMessage.id).where(col(OutboxMessage.status) == QUEUED)).all())
