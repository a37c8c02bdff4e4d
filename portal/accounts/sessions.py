"""Signed-in sessions: session tokens, expiry and revocation.

The session token lives in an HttpOnly cookie that page scripts cannot read, and only an HTTP
response can set one: every form that ends in a session posts to an HTTP route
(portal.web.sign_in_form and its siblings), whose service adds the session in the same
transaction as the check that earned it (``add_session``) and whose response sets the cookie.
The token never crosses the websocket and is stored only as a hash.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.accounts import new_device
from portal.accounts.factors import Factor, decode_factors, encode_factors
from portal.accounts.activity import Client, Event, record
from portal.accounts.tokens import new_token, token_hash
from portal.core.clock import utcnow
from portal.models import Account, AuthSession

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
TOUCH_EVERY = timedelta(seconds=60)  # write last_seen at most once a minute


def start(session: Session, account_id: int, *, must_change_password: bool = False, user_agent: str = "",
          client_ip: str = "", now: datetime | None = None, govbr_level: str = "", device_hash: str = "",
          factors: str = "") -> str:
    token = add_session(session, account_id, must_change_password=must_change_password,
                        user_agent=user_agent, client_ip=client_ip, now=now, govbr_level=govbr_level,
                        device_hash=device_hash, factors=factors)
    session.commit()
    return token


def add_session(session: Session, account_id: int, *, must_change_password: bool = False, user_agent: str = "",
                client_ip: str = "", now: datetime | None = None, govbr_level: str = "", device_hash: str = "",
                factors: str = "") -> str:
    """A new session for an account whose credentials were just checked, added to the
    caller's transaction; its token is returned once (for the HttpOnly cookie) and stored
    only as a hash. A device not seen before on the account is told to the citizen."""
    now = now or utcnow()
    new_device.note(session, account_id, device_hash, Client(ip=client_ip, user_agent=user_agent), now)
    token = new_token()
    session.add(AuthSession(
        account_id=account_id, token_hash=token_hash(token), created_at=now, last_seen_at=now,
        expires_at=now + ABSOLUTE_TIMEOUT, user_agent=user_agent[:300], client_ip=client_ip[:64],
        must_change_password=must_change_password, govbr_level=govbr_level, factors=factors,
    ))
    return token


def _active(row: AuthSession, now: datetime) -> bool:
    return row.revoked_at is None and row.expires_at > now and row.last_seen_at + IDLE_TIMEOUT > now


@dataclasses.dataclass(frozen=True)
class SignedIn:
    account: Account
    session_id: int
    must_change_password: bool
    factors: frozenset[Factor] = frozenset()  # what this session's sign-in proved


def current(session: Session, token: str | None, now: datetime | None = None) -> SignedIn | None:
    """The account and session behind a session cookie; None if absent, revoked, idle or too old."""
    now = now or utcnow()
    if not token or len(token) > 200:
        return None
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(token))).first()
    if row is None or not _active(row, now):
        return None
    account = session.get(Account, row.account_id)
    if account is None or account.confirmed_at is None:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
        session.commit()
    assert row.id is not None
    return SignedIn(account, row.id, row.must_change_password, decode_factors(row.factors))


def current_account(session: Session, token: str | None, now: datetime | None = None) -> Account | None:
    signed_in = current(session, token, now)
    return signed_in.account if signed_in else None


def add_factor(session: Session, session_id: int, factor: Factor) -> None:
    """The citizen proved one more factor in this session (a first code, turning two-step on);
    added to the caller's transaction."""
    row = session.get(AuthSession, session_id)
    if row is not None:
        row.factors = encode_factors(decode_factors(row.factors) | {factor})
        session.add(row)


def govbr_level_of(session: Session, token: str | None) -> str:
    """The gov.br level the session was opened with ("" for CPF + senha), revoked or not."""
    if not token or len(token) > 200:
        return ""
    found = session.exec(select(AuthSession.govbr_level).where(AuthSession.token_hash == token_hash(token))).first()
    return found or ""


def revoke(session: Session, token: str | None, now: datetime | None = None) -> None:
    if not token:
        return
    session.exec(
        update(AuthSession)
        .where(col(AuthSession.token_hash) == token_hash(token))
        .where(col(AuthSession.revoked_at).is_(None))
        .values(revoked_at=now or utcnow())
    )
    session.commit()


def active_sessions(session: Session, account_id: int, now: datetime | None = None) -> list[AuthSession]:
    """Signed-in browsers of the account, most recently seen first."""
    now = now or utcnow()
    rows = session.exec(
        select(AuthSession)
        .where(col(AuthSession.account_id) == account_id)
        .where(col(AuthSession.revoked_at).is_(None))
        .where(col(AuthSession.expires_at) > now)
        .where(col(AuthSession.last_seen_at) > now - IDLE_TIMEOUT)
        .order_by(col(AuthSession.last_seen_at).desc())
    ).all()
    return list(rows)


def revoke_session(session: Session, account_id: int, session_id: int, now: datetime | None = None,
                   client: Client | None = None) -> bool:
    """End one session of this account (an id of another account's session does nothing)."""
    result = session.exec(
        update(AuthSession)
        .where(col(AuthSession.id) == session_id)
        .where(col(AuthSession.account_id) == account_id)
        .where(col(AuthSession.revoked_at).is_(None))
        .values(revoked_at=now or utcnow())
    )
    if result.rowcount == 1:
        record(session, account_id, Event.SESSIONS_ENDED, client, now)
    session.commit()
    return result.rowcount == 1


def revoke_all(session: Session, account_id: int, *, except_session_id: int | None = None,
               now: datetime | None = None) -> int:
    """End every session of the account but one (or all); the caller commits."""
    statement = (
        update(AuthSession)
        .where(col(AuthSession.account_id) == account_id)
        .where(col(AuthSession.revoked_at).is_(None))
        .values(revoked_at=now or utcnow())
    )
    if except_session_id is not None:
        statement = statement.where(col(AuthSession.id) != except_session_id)
    return session.exec(statement).rowcount


def end_other_sessions(session: Session, account_id: int, keep_session_id: int,
                       client: Client | None = None) -> int:
    """'Sair em todos os outros aparelhos'."""
    count = revoke_all(session, account_id, except_session_id=keep_session_id)
    if count:
        record(session, account_id, Event.SESSIONS_ENDED, client)
    session.commit()
    return count
