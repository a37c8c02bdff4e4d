"""Password recovery: a CPF + e-mail pair gets a temporary password by mail.

The temporary password is single use and expires; the old password keeps working until
it is used, so nobody can lock a citizen out by asking for recovery. Because the answer
confirms whether a pair exists, requests are limited per CPF and per client address.
"""

from __future__ import annotations

import dataclasses
import enum
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.accounts import confirmation, fields, passwords
from portal.govbr import links as govbr
from portal.accounts.activity import Client, Event, record
from portal.core.clock import utcnow
from portal.core.config import settings
from portal.mail import delivery, messages, outbox
from portal.models import Account
from portal.core.ratelimit import RECOVERY_PER_CPF, Limiter, per_client

# Upper-case letters and digits without look-alikes (no O/0, I/1/L): 31 symbols.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUPS = 3
GROUP_LENGTH = 4


class RecoveryStatus(enum.StrEnum):
    SENT = "sent"
    NOT_FOUND = "not_found"
    UNCONFIRMED = "unconfirmed"
    LIMITED = "limited"
    INVALID = "invalid"


@dataclasses.dataclass(frozen=True)
class RecoveryResult:
    status: RecoveryStatus
    errors: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    account_id: int | None = None
    retry_in: int = 0


def new_temporary_password() -> str:
    """'K7QM-3XHP-W9TD': 12 symbols, about 59 bits; single use and short-lived."""
    return "-".join(
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS)
    )


def normalize_temporary(typed: str) -> str:
    """What the citizen typed, without case, spaces or hyphens (caps lock, copied spaces)."""
    return "".join(c for c in typed.upper() if not c.isspace() and c != "-")


def clean(cpf: str, email: str) -> fields.Cleaned:
    """The form's CPF and e-mail, every problem at once."""
    cleaned = fields.Cleaned()
    cleaned.check("cpf", fields.clean_cpf, cpf)
    cleaned.check("email", fields.clean_email, email)
    return cleaned


def request(session: Session, *, cpf: str, email: str, client_ip: str, limiter: Limiter,
            user_agent: str = "", now: datetime | None = None) -> RecoveryResult:
    now = now or utcnow()
    cleaned = clean(cpf, email)
    if not cleaned.ok:
        return RecoveryResult(RecoveryStatus.INVALID, cleaned.errors)
    digits, address = cleaned.values["cpf"], cleaned.values["email"]
    for item, key in ((per_client("recovery"), client_ip or "unknown"), (RECOVERY_PER_CPF, digits)):
        limited = limiter.hit(item, "recovery", key)
        if limited:
            return RecoveryResult(RecoveryStatus.LIMITED, retry_in=limited.retry_in)
    account = session.exec(select(Account).where(Account.cpf == digits)).first()
    if account is None or account.email.casefold() != address.casefold():
        return RecoveryResult(RecoveryStatus.NOT_FOUND)
    if account.confirmed_at is None:
        return RecoveryResult(RecoveryStatus.UNCONFIRMED, account_id=account.id)
    temporary = new_temporary_password()
    expires_at = now + timedelta(hours=settings().temp_password_ttl_hours)
    # A new request replaces the previous temporary password.
    account.temp_password_hash = passwords.hash_password(normalize_temporary(temporary))
    account.temp_password_expires_at = expires_at
    session.add(account)
    outbox.enqueue(session, to=account.email, now=now, purpose=delivery.TEMPORARY_PASSWORD, account_id=account.id,
                   email=messages.temporary_password(
        full_name=account.full_name, password=temporary, expires_at=expires_at))
    record(session, account.id, Event.RECOVERY_REQUESTED, Client(client_ip, user_agent), now)
    session.commit()
    return RecoveryResult(RecoveryStatus.SENT, account_id=account.id)


def use_temporary(session: Session, account: Account, typed: str, now: datetime | None = None) -> bool:
    """True once for a valid temporary password; it is spent by the same call (the caller
    commits: login.authenticate's, with the sign-in it opens)."""
    now = now or utcnow()
    stored = account.temp_password_hash
    if not stored or account.temp_password_expires_at is None or account.temp_password_expires_at <= now:
        return False
    ok, _ = passwords.verify_and_update(normalize_temporary(typed), stored)
    if not ok:
        return False
    spent = session.exec(
        update(Account)
        .where(col(Account.id) == account.id)
        .where(col(Account.temp_password_hash) == stored)
        .values(temp_password_hash=None, temp_password_expires_at=None)
    ).rowcount == 1  # of two simultaneous uses, one wins
    if spent:
        # Whoever holds the temporary password reads the account's mailbox; links mailed
        # before (an e-mail change someone else asked for, among them) stop working, and so
        # does a bronze gov.br link that stood on the password being recovered.
        confirmation.change_security_stamp(session, account)
        govbr.end_links_by_password(session, account.id, client=None, now=now)
    return spent
