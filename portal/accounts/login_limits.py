"""How many sign-in failures an account, a CPF from one address and an address may have.

- per client address: at most 20 attempts a minute (portal.core.ratelimit, configurable);
- per (CPF, client address): at most 5 failures a minute, then a wait;
- per account, across addresses: after 5 consecutive failures every further failure
  imposes a growing wait (15 s, 30 s, 1 min … at most 15 min); at 100 consecutive
  failures the account is locked for 24 h. Recovery lifts it: a temporary password still
  signs in, and setting a new password clears the count. A success clears it too.

A current password asked again in Minha conta counts as a sign-in of the account from that
address (accounts.reauth): a stolen session guesses no faster than the sign-in form.

Wrong verification codes are counted apart (``failed_codes``, ``code_blocked_until``), with
the same waits and lock: whoever knows the password can type it again and again, so a right
password must never reset the count of wrong codes. Only a right code does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from limits import parse
from sqlalchemy import update
from sqlmodel import Session, col

from portal.accounts.activity import Client, Event, record
from portal.models import Account
from portal.core.ratelimit import Limiter, per_client

FAILURES_PER_CPF_AND_CLIENT = parse("5/minute")
FREE_FAILURES = 5
LOCK_AT = 100
BASE_WAIT = timedelta(seconds=15)
MAX_WAIT = timedelta(minutes=15)
LOCK = timedelta(hours=24)


def wait_after(failures: int) -> timedelta | None:
    """The wait imposed after this many consecutive failures (None: no wait yet)."""
    if failures >= LOCK_AT:
        return LOCK
    if failures < FREE_FAILURES:
        return None
    exponent = min(failures - FREE_FAILURES, 10)
    return min(BASE_WAIT * (2**exponent), MAX_WAIT)


def _seconds_until(until: datetime | None, now: datetime) -> int:
    if until is None or until <= now:
        return 0
    return max(1, int((until - now).total_seconds()) + 1)


def blocked_for(account: Account, now: datetime) -> int:
    """Seconds the account must still wait before the next password (0: it may try now)."""
    return _seconds_until(account.login_blocked_until, now)


def codes_blocked_for(account: Account, now: datetime) -> int:
    """Seconds the account must still wait before the next verification code."""
    return _seconds_until(account.code_blocked_until, now)


def _register(session: Session, account: Account, now: datetime, count: str, until: str) -> int:
    """Count one failure in the database itself (count + 1), so simultaneous failures from
    many addresses are all counted, then set the wait that count imposes; the new count."""
    failures = session.exec(
        update(Account).where(col(Account.id) == account.id)
        .values({count: getattr(Account, count) + 1})
        .returning(getattr(Account, count))
    ).one()[0]
    wait = wait_after(failures)
    if wait:
        session.exec(update(Account).where(col(Account.id) == account.id).values({until: now + wait}))
    # The ORM object must not write its stale count back over the new one.
    session.expire(account, [count, until])
    return failures


def register_failure(session: Session, account: Account, now: datetime) -> None:
    _register(session, account, now, "failed_logins", "login_blocked_until")


def clear(account: Account) -> None:
    account.failed_logins = 0
    account.login_blocked_until = None


def clear_codes(account: Account) -> None:
    account.failed_codes = 0
    account.code_blocked_until = None


def client_wait(limiter: Limiter | None, digits: str, client: Client) -> int:
    """Seconds to wait because of this address's attempts (0: go on). Counts this attempt."""
    if limiter is None:
        return 0
    limited = limiter.hit(per_client("login"), "login", client.ip or "unknown")
    if limited:
        return limited.retry_in
    if digits:
        window = limiter.peek(FAILURES_PER_CPF_AND_CLIENT, "login-failure", digits, client.ip or "unknown")
        if window:
            return window.retry_in
    return 0


def count_client_failure(limiter: Limiter | None, digits: str, client: Client) -> None:
    if limiter is not None and digits:
        limiter.hit(FAILURES_PER_CPF_AND_CLIENT, "login-failure", digits, client.ip or "unknown")


def count_failure(session: Session, account: Account, now: datetime, kind: Event, client: Client) -> None:
    """A wrong password for the account: counted, recorded as ``kind``, and the failure that
    starts a wait (or the 24 h lock) recorded as such. The caller commits."""
    register_failure(session, account, now)
    record(session, account.id, kind, client, now)
    if account.failed_logins in (FREE_FAILURES, LOCK_AT):
        record(session, account.id, Event.LOGIN_BLOCKED, client, now)


def count_code_failure(session: Session, account: Account, now: datetime, client: Client) -> int:
    """A wrong verification code for the account: counted apart from passwords, recorded, and
    the failure that starts a wait (or the 24 h lock) recorded as such. The consecutive count
    is returned (the caller tells the citizen at FREE_FAILURES). The caller commits."""
    failures = _register(session, account, now, "failed_codes", "code_blocked_until")
    record(session, account.id, Event.TWO_STEP_FAILED, client, now)
    if failures in (FREE_FAILURES, LOCK_AT):
        record(session, account.id, Event.LOGIN_BLOCKED, client, now)
    return failures
