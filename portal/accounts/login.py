"""Sign-in with CPF and password."""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime

from sqlmodel import Session, select

from portal.accounts import cpf as cpf_rules
from portal.accounts import login_limits, passwords, recovery, sessions, two_step
from portal.accounts.activity import Client, Event, record
from portal.accounts.factors import Factor, encode_factors
from portal.core.clock import utcnow
from portal.models import Account
from portal.core.ratelimit import Limiter


class LoginStatus(enum.StrEnum):
    OK = "ok"
    INVALID = "invalid"  # unknown CPF or wrong password: the citizen is told the same
    UNCONFIRMED = "unconfirmed"  # right password, e-mail not confirmed yet
    LIMITED = "limited"  # too many attempts: wait ``retry_in`` seconds
    CODE_NEEDED = "code_needed"  # right password, two-step on: the code, in this browser (two_step)
    # Right password, but "Não fui eu" suspended it: only recovery's temporary password signs in.
    SUSPENDED = "suspended"


@dataclasses.dataclass(frozen=True)
class LoginResult:
    status: LoginStatus
    account_id: int | None = None
    email: str = ""
    # Signed in with a recovery's temporary password: a new password must be set first.
    temporary: bool = False
    retry_in: int = 0
    # With status OK and ``opens``: the new session's token (see ``authenticate``).
    credential: str = ""


@dataclasses.dataclass(frozen=True)
class Opens:
    """What a right password opens, in the same transaction as the check: a session (its
    token goes into the HttpOnly cookie of the response to the sign-in form's post). With
    two-step on, nothing yet: the sign-in waits for the code in this browser
    (two_step.hold_sign_in)."""

    browser_hash: str
    device_hash: str = ""  # this device's id cookie, for new-device alerts

    def add(self, session: Session, account_id: int, temporary: bool, client: Client,
            now: datetime) -> tuple[LoginStatus, str]:
        proved = encode_factors({Factor.MAILBOX if temporary else Factor.PASSWORD})
        if two_step.is_enabled(session, account_id):
            two_step.hold_sign_in(session, account_id, browser_hash=self.browser_hash, temporary=temporary,
                                  factors=proved, now=now)
            return LoginStatus.CODE_NEEDED, ""
        return LoginStatus.OK, sessions.add_session(session, account_id, must_change_password=temporary,
                                                    user_agent=client.user_agent, client_ip=client.ip, now=now,
                                                    device_hash=self.device_hash, factors=proved)


def authenticate(session: Session, *, cpf: str, password: str, client: Client | None = None,
                 limiter: Limiter | None = None, now: datetime | None = None,
                 opens: Opens | None = None) -> LoginResult:
    """Check CPF and password. An unknown CPF costs one real hash verification too, so the
    response time does not tell whether a CPF has an account. A legacy hash that verifies
    is replaced by argon2id here (passlib's verify_and_update). With ``opens``, a success
    also adds the session in the same transaction (``credential``): a sign-in is one
    transaction and one trip to a worker thread. The caller commits, whatever the answer: a
    refused sign-in has counted its failure, and that count must stay."""
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
            status, credential = opens.add(session, account.id, True, client, now) if opens else (LoginStatus.OK, "")
            return LoginResult(status, account.id, account.email, temporary=True, credential=credential)
        if blocked:
            return LoginResult(LoginStatus.LIMITED, account.id, retry_in=blocked)
        login_limits.count_failure(session, account, now, Event.LOGIN_FAILED, client)
        login_limits.count_client_failure(limiter, digits, client)
        return LoginResult(LoginStatus.INVALID)
    if new_hash:
        account.password_hash = new_hash
    login_limits.clear(account)
    session.add(account)
    if account.password_suspended_at is not None:
        return LoginResult(LoginStatus.SUSPENDED, account.id)
    if account.confirmed_at is None:
        return LoginResult(LoginStatus.UNCONFIRMED, account.id, account.email)
    status, credential = opens.add(session, account.id, False, client, now) if opens else (LoginStatus.OK, "")
    if status is LoginStatus.OK:  # with two-step on, the sign-in is recorded after the code
        record(session, account.id, Event.LOGIN_OK, client, now)
    return LoginResult(status, account.id, account.email, credential=credential)
