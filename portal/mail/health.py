"""What the health endpoint (/saude) checks: the database answers and the mail queue moves.

A queue whose oldest message waits longer than MAIL_STUCK means mail is not going out
(relay down or refusing the portal's login): citizens wait for links that do not come.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.core.clock import utcnow
from portal.mail.outbox import QUEUED
from portal.models import OutboxMessage

MAIL_STUCK = timedelta(minutes=15)


@dataclasses.dataclass(frozen=True)
class Health:
    pending_mail: int
    oldest_mail_seconds: int

    @property
    def mail_ok(self) -> bool:
        return self.oldest_mail_seconds < MAIL_STUCK.total_seconds()


def check(session: Session, now: datetime | None = None) -> Health:
    now = now or utcnow()
    count, oldest = session.exec(
        select(func.count(), func.min(OutboxMessage.created_at)).where(col(OutboxMessage.status) == QUEUED)
    ).one()
    if oldest is not None and oldest.tzinfo is None:  # SQLite returns naive UTC from an aggregate
        oldest = oldest.replace(tzinfo=now.tzinfo)
    waited = int((now - oldest).total_seconds()) if oldest is not None else 0
    return Health(pending_mail=count, oldest_mail_seconds=max(waited, 0))
