"""The account's security event log, written by the services and shown in Minha conta."""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime

from sqlmodel import Session, col, select

from portal.core.clock import utcnow
from portal.models import SecurityEvent


class Event(enum.StrEnum):
    LOGIN_OK = "login_ok"
    LOGIN_FAILED = "login_failed"
    LOGIN_BLOCKED = "login_blocked"
    TEMPORARY_PASSWORD_USED = "temporary_password_used"
    PASSWORD_CHANGED = "password_changed"
    EMAIL_CHANGE_REQUESTED = "email_change_requested"
    EMAIL_CHANGED = "email_changed"
    RECOVERY_REQUESTED = "recovery_requested"
    SESSIONS_ENDED = "sessions_ended"
    CURRENT_PASSWORD_FAILED = "current_password_failed"  # asked again in Minha conta
    GOVBR_SIGN_IN = "govbr_sign_in"
    GOVBR_LINKED = "govbr_linked"
    GOVBR_UNLINKED = "govbr_unlinked"
    NEW_DEVICE = "new_device"  # a sign-in from a device not seen before (the citizen is told)
    TWO_STEP_ENABLED = "two_step_enabled"
    TWO_STEP_DISABLED = "two_step_disabled"
    TWO_STEP_FAILED = "two_step_failed"  # a wrong verification code
    TWO_STEP_CODES_RENEWED = "two_step_codes_renewed"  # new recovery codes (the old ones stop working)
    PASSWORD_SUSPENDED = "password_suspended"  # "Não fui eu": the password signs in no more until recovery
    PASSWORD_SET = "password_set"  # a first portal password, on an account made through gov.br


@dataclasses.dataclass(frozen=True)
class Client:
    """Who is acting: the browser's address and user agent, as the server saw them."""

    ip: str = ""
    user_agent: str = ""


NO_CLIENT = Client()


def record(session: Session, account_id: int | None, kind: Event, client: Client | None = None,
           now: datetime | None = None) -> None:
    """Add an event to the caller's transaction (committed with the change it describes)."""
    if account_id is None:
        return
    client = client or NO_CLIENT
    session.add(SecurityEvent(account_id=account_id, kind=kind.value, created_at=now or utcnow(),
                              user_agent=client.user_agent[:300], client_ip=client.ip[:64]))


def recent(session: Session, account_id: int, limit: int = 20) -> list[SecurityEvent]:
    return list(session.exec(
        select(SecurityEvent).where(col(SecurityEvent.account_id) == account_id)
        .order_by(col(SecurityEvent.created_at).desc(), col(SecurityEvent.id).desc()).limit(limit)
    ))
