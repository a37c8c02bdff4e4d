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
from portal.ratelimit import Limiter, per_client


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


def _client_limited(limiter: Limiter | None, digits: str, client: Client) -> int:
    """Seconds to wait because of this address's attempts (0: go on). Counts this attempt."""
    if limiter is None:
        return 0
    limited = limiter.hit(per_client("login"), "login", client.ip or "unknown")
    if limited:
        return limited.retry_in
    if digits:
        window = limiter.peek(login_limits.FAILURES_PER_CPF_AND_CLIENT, "login-failure", digits, client.ip or "unknown")
        if window:
            return window.retry_in
    return 0


def _count_failure(limiter: Limiter | None, digits: str, client: Client) -> None:
    if limiter is not None and digits:
        limiter.hit(login_limits.FAILURES_PER_CPF_AND_CLIENT, "login-failure", digits, client.ip or "unknown")


def authenticate(session: Session, *, cpf: str, password: str, client: Client | None = None,
                 limiter: Limiter | None = None, now: datetime | None = None) -> LoginResult:
    """Check CPF and password. An unknown CPF costs one real hash verification too, so the
    response time does not tell whether a CPF has an account. A legacy hash that verifies
    is replaced by argon2id here (passlib's verify_and_update)."""
    now = now or utcnow()
    client = client or Client()
    digits = cpf_rules.normalize(cpf) or ""
    wait = _client_limited(limiter, digits, client)
    if wait:
        return LoginResult(LoginStatus.LIMITED, retry_in=wait)
    account = session.exec(select(Account).where(Account.cpf == digits)).first() if digits else None
    if account is None:
        passwords.burn_verify(password)
        _count_failure(limiter, digits, client)
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
        login_limits.register_failure(session, account, now)
        record(session, account.id, Event.LOGIN_FAILED, client, now)
        if account.failed_logins in (login_limits.FREE_FAILURES, login_limits.LOCK_AT):
            record(session, account.id, Event.LOGIN_BLOCKED, client, now)
        session.commit()
        _count_failure(limiter, digits, client)
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
