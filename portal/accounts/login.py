"""Sign-in with CPF and password."""

from __future__ import annotations

import dataclasses
import enum

from sqlmodel import Session, select

from portal.accounts import cpf as cpf_rules
from portal.accounts import passwords, recovery
from portal.models import Account


class LoginStatus(enum.StrEnum):
    OK = "ok"
    INVALID = "invalid"  # unknown CPF or wrong password: the citizen is told the same
    UNCONFIRMED = "unconfirmed"  # right password, e-mail not confirmed yet


@dataclasses.dataclass(frozen=True)
class LoginResult:
    status: LoginStatus
    account_id: int | None = None
    email: str = ""
    # Signed in with a recovery's temporary password: a new password must be set first.
    temporary: bool = False


def authenticate(session: Session, *, cpf: str, password: str) -> LoginResult:
    """Check CPF and password. An unknown CPF costs one real hash verification too, so the
    response time does not tell whether a CPF has an account. A legacy hash that verifies
    is replaced by argon2id here (passlib's verify_and_update)."""
    digits = cpf_rules.normalize(cpf)
    account = session.exec(select(Account).where(Account.cpf == digits)).first() if digits else None
    if account is None:
        passwords.burn_verify(password)
        return LoginResult(LoginStatus.INVALID)
    ok, new_hash = passwords.verify_and_update(password, account.password_hash)
    if not ok:
        if account.confirmed_at is not None and recovery.use_temporary(session, account, password):
            return LoginResult(LoginStatus.OK, account.id, account.email, temporary=True)
        return LoginResult(LoginStatus.INVALID)
    if new_hash:
        account.password_hash = new_hash
        session.add(account)
        session.commit()
    if account.confirmed_at is None:
        return LoginResult(LoginStatus.UNCONFIRMED, account.id, account.email)
    return LoginResult(LoginStatus.OK, account.id, account.email)
