"""The current password asked again of a signed-in citizen (to change the password or the
e-mail, to change two-step, or to delete the account), under the sign-in limits: a wrong one
is a sign-in failure of the account and of the client address, so a stolen session cannot
guess the password faster than the sign-in form allows. An account made through gov.br may
have no portal password: then a sign-in in the last few minutes stands for it."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlmodel import Session

from portal.accounts import login_limits, passwords
from portal.accounts.activity import NO_CLIENT, Client, Event
from portal.models import Account, AuthSession
from portal.core.ratelimit import Limiter

FRESH_SIGN_IN = timedelta(minutes=5)


@dataclasses.dataclass(frozen=True)
class Check:
    ok: bool
    retry_in: int = 0  # > 0: a limit is running and the password was not even verified
    stale: bool = False  # no password to ask, and the sign-in is too old: sign in again


def check_current_password(session: Session, account: Account, password: str, *, client: Client | None,
                           limiter: Limiter | None, now: datetime) -> Check:
    """Verify ``password``. A failure is committed at once (the caller may return without
    committing); a success clears the account's failures with the caller's commit."""
    client = client or NO_CLIENT
    wait = login_limits.client_wait(limiter, account.cpf, client) or login_limits.blocked_for(account, now)
    if wait:
        passwords.burn_verify(password)  # the answer takes as long as a real check
        return Check(False, wait)
    if passwords.verify_and_update(password, account.password_hash)[0]:
        login_limits.clear(account)
        session.add(account)
        return Check(True)
    login_limits.count_failure(session, account, now, Event.CURRENT_PASSWORD_FAILED, client)
    session.commit()
    login_limits.count_client_failure(limiter, account.cpf, client)
    return Check(False)


def confirm_identity(session: Session, account: Account, password: str, *, session_id: int,
                     client: Client | None, limiter: Limiter | None, now: datetime) -> Check:
    """The current password when the account has one; otherwise this session must have been
    opened in the last FRESH_SIGN_IN (a gov.br sign-in just made)."""
    if account.password_hash:
        return check_current_password(session, account, password, client=client, limiter=limiter, now=now)
    opened = session.get(AuthSession, session_id)
    fresh = opened is not None and opened.account_id == account.id and opened.created_at > now - FRESH_SIGN_IN
    return Check(True) if fresh else Check(False, stale=True)
