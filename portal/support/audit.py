"""The staff audit log: who opened, answered or changed which support request, and when.

Entries are written in the transaction of the action they describe and are append-only (the
database refuses UPDATE and DELETE; see migration 0006). They hold no citizen data beyond the
protocol, which outlives an account's deletion anyway."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlmodel import Session, col, select

from portal.models import Account, StaffAuditEntry, SupportRequest

MAX_DETAIL = 200


class Action(enum.StrEnum):
    OPENED = "opened"
    REPLIED = "replied"
    STATUS_CHANGED = "status_changed"
    TWO_STEP_OFF = "two_step_off"  # the requester's two-step turned off, with how identity was checked


def record(session: Session, *, staff_account_id: int, action: Action, request: SupportRequest, now: datetime,
           detail: str = "") -> None:
    """Add an entry to the caller's transaction."""
    assert request.id is not None
    staff = session.get(Account, staff_account_id)
    session.add(StaffAuditEntry(
        created_at=now, staff_account_id=staff_account_id, staff_cpf=staff.cpf if staff else "",
        action=action.value, request_id=request.id, protocol=request.protocol, detail=detail[:MAX_DETAIL]))


def entries(session: Session, *, since: datetime | None = None, staff_cpf: str = "",
            protocol: str = "") -> list[StaffAuditEntry]:
    """Entries, oldest first, optionally filtered."""
    statement = select(StaffAuditEntry)
    if since is not None:
        statement = statement.where(col(StaffAuditEntry.created_at) >= since)
    if staff_cpf:
        statement = statement.where(col(StaffAuditEntry.staff_cpf) == staff_cpf)
    if protocol:
        statement = statement.where(col(StaffAuditEntry.protocol) == protocol)
    return list(session.exec(statement.order_by(col(StaffAuditEntry.created_at), col(StaffAuditEntry.id))))
