"""Sign-in with CPF and password."""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime

from sqlmodel import Session, select

from portal.accounts import cpf as cpf_rules
from portal.accounts import login_limits, passwords, recovery
from portal.accounts.activity import Client, Event, record
from portal.clock import utcnow
from portal.models import Account
from portal.ratelimit import Limiter


class LoginStatus(enum.StrEnum):
    OK = "ok"
    INVALID = "invalid"  # unknown CPF or wrong password: the citizen is told the same
    UNCONFIRMED = "unconfirmed"  # right password, e-mail not confirmed yet
    LIMITED = "limited"  # too many attempts: wait ``retry_in`` seconds


@dataclasses.dataclass(frozen=True)
class LoginResult:
    status: LoginStatus
    account_id: int | None = None
    email: str = ""
    # Signed in with a recovery's temporary password: a new password must be set first.
    temporary: bool = False
    retry_in: int = 0


def authenticate(session: Session, *, cpf: str, password: str, client: Client | None = None,
                 limiter: Limiter | None = None, now: datetime | None = None) -> LoginResult:
    """Check CPF and password. An unknown CPF costs one real hash verification too, so the
    response time does not tell whether a CPF has an account. A legacy hash that verifies
    is replaced by argon2id here (passlib's verify_and_update)."""
    now = now or utcnow()
    client = client or Client()
    digits = cpf_rules.normalize(cpf) or ""
    wait = login_limits.client_wait(limiter, digits, client)
    if wait:
        return LoginResult(LoginStatus.LIMITED, retry_in=wait)
    account = session.exec(select(Account).where(Account.cpf == digits)).first() if digits else None
    if account is None:
        passwords.burn_verify(password)
        login_limits.count_client_failure(limiter, digits, client)
        return LoginResult(LoginStatus.INVALID)
    blocked = login_limits.blocked_for(account, now)
    if blocked and not account.temp_password_hash:
        passwords.burn_verify(password)
        return LoginResult(LoginStatus.LIMITED, account.id, retry_in=blocked)
    ok, new_hash = passwords.verify_and_update(password, account.password_hash) if not blocked else (False, None)
    if not ok:
        if account.confirmed_at is not None and recovery.use_temporary(session, account, password, now):
            login_limits.clear(account)
            record(session, account.id, Event.TEMPORARY_PASSWORD_USED, client, now)
            session.add(account)
            session.commit()
            return LoginResult(LoginStatus.OK, account.id, account.email, temporary=True)
        if blocked:
            return LoginResult(LoginStatus.LIMITED, account.id, retry_in=blocked)
        login_limits.count_failure(session, account, now, Event.LOGIN_FAILED, client)
        session.commit()
        login_limits.count_client_failure(limiter, digits, client)
        return LoginResult(LoginStatus.INVALID)
    if new_hash:
        account.password_hash = new_hash
    login_limits.clear(account)
    session.add(account)
    if account.confirmed_at is None:
        session.commit()
        return LoginResult(LoginStatus.UNCONFIRMED, account.id, account.email)
    record(session, account.id, Event.LOGIN_OK, client, now)
    session.commit()
    return LoginResult(LoginStatus.OK, account.id, account.email)
