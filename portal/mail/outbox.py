"""Transactional outbox: a message row is written with the change that causes it and
delivered later by ``deliver_due``, which any number of app workers may run at once.

A worker claims a row by moving its lease forward with a conditional UPDATE (compare and
set): of two workers racing for a row only one sees its UPDATE match, on SQLite and on
PostgreSQL alike. A crash while sending leaves the lease to expire and the row is retried;
the stable Message-ID lets receiving servers drop such a rare duplicate.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.clock import utcnow
from portal.mail.messages import EmailData
from portal.models import OutboxMessage

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BACKOFF_BASE = timedelta(seconds=15)
BACKOFF_MAX = timedelta(hours=1)
BATCH = 20

Sender = Callable[[OutboxMessage], None]


def enqueue(session: Session, *, to: str, email: EmailData, now: datetime | None = None) -> OutboxMessage:
    """Add a message to the caller's transaction; it is sent only if that transaction commits."""
    now = now or utcnow()
    message = OutboxMessage(
        message_id=f"<{secrets.token_hex(16)}@portal-de-servicos>",
        to_address=to,
        subject=email.subject,
        body_text=email.text,
        body_html=email.html,
        created_at=now,
        next_attempt_at=now,
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
        .where(col(OutboxMessage.sent_at).is_(None))
        .where((col(OutboxMessage.locked_until).is_(None)) | (col(OutboxMessage.locked_until) < now))
        .values(locked_until=now + LEASE)
    )
    session.commit()
    return result.rowcount == 1


def due_ids(session: Session, now: datetime) -> list[int]:
    rows = session.exec(
        select(OutboxMessage.id)
        .where(col(OutboxMessage.sent_at).is_(None))
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
        except Exception as exc:  # noqa: BLE001 - any failure is retried later
            message.attempts += 1
            message.next_attempt_at = now() + backoff(message.attempts)
            message.locked_until = None
            message.last_error = f"{type(exc).__name__}: {exc}"[:500]
            log.warning("mail %s to outbox retry %s: %s", message.id, message.attempts, message.last_error)
        else:
            message.attempts += 1
            message.sent_at = now()
            message.locked_until = None
            message.last_error = ""
            # Sent mail may carry links and temporary passwords: keep only the envelope, so a
            # copy of the database never holds a usable secret.
            message.body_text = message.body_html = ""
            delivered += 1
        session.add(message)
        session.commit()
    return delivered


def pending_count(session: Session) -> int:
    return len(session.exec(select(OutboxMessage.id).where(col(OutboxMessage.sent_at).is_(None))).all())
