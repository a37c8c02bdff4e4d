"""E-mail confirmation links: issue (and mail through the outbox), confirm, resend with a cooldown."""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.core import routes
from portal.accounts.activity import Event, record
from portal.accounts.locking import lock_account
from portal.accounts.tokens import new_token, token_hash
from portal.core.clock import utcnow
from portal.core.config import settings
from portal.mail import delivery, messages, outbox
from portal.models import Account, EmailToken, email_key, new_security_stamp
from portal.core.ratelimit import Limiter, per_client

# Waits between sending links to one account, growing with each resend in the last hour.
RESEND_COOLDOWNS = (
    timedelta(seconds=60),
    timedelta(minutes=2),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)


SIGNUP = "signup"
EMAIL_CHANGE = "email_change"
NOT_ME = "not_me"
NOT_ME_TTL = timedelta(days=7)  # "Não fui eu" links in notices of changes and new devices


class ConfirmStatus(enum.StrEnum):
    OK = "ok"
    EMAIL_CHANGED = "email_changed"
    EMAIL_IN_USE = "email_in_use"
    EXPIRED = "expired"
    USED = "used"
    SUPERSEDED = "superseded"
    UNKNOWN = "unknown"


@dataclasses.dataclass(frozen=True)
class ConfirmResult:
    status: ConfirmStatus
    account_id: int | None = None


def confirmation_link(token: str) -> str:
    return f"{settings().base_url}{routes.LINK_CONFIRM}?token={token}"


def not_me_link(token: str) -> str:
    return f"{settings().base_url}{routes.LINK_NOT_ME}?token={token}"


def not_me_link_for(session: Session, account: Account, now: datetime) -> str:
    """A new "Não fui eu" link for the account's current address, in the caller's transaction."""
    assert account.id is not None
    token, _ = new_link_token(session, account_id=account.id, purpose=NOT_ME, email=account.email,
                              ttl=NOT_ME_TTL, now=now)
    return not_me_link(token)


def change_security_stamp(session: Session, account: Account, *,
                          used_not_me: EmailToken | None = None) -> None:
    """Every open link of the account stops working: its security stamp changes (the caller
    commits). Except the "Não fui eu" links that must outlive the change:

    - those mailed to an address the account no longer uses: after an e-mail change they are
      the old address's way back, and whoever made the change (and may go on to change the
      password or to ask again) must not be able to cancel them;
    - while ``used_not_me`` is being used, only those issued before it: the newer ones come
      from whoever the citizen is locking out, and one of them used first must not cancel
      the citizen's older link.

    A stamp ends every link at once, so these few are carried over to the new stamp here.
    """
    assert account.id is not None
    # The row lock first, then the stamp as stored: of two changes at once, the second carries
    # over what the first kept, and a link being claimed (``claim``) waits for the change.
    lock_account(session, account.id)
    old = _stamp_of(session, account.id)
    account.security_stamp = new_security_stamp()
    session.add(account)
    if used_not_me is None:
        kept = col(EmailToken.email) != account.email
    else:
        kept = col(EmailToken.id) < used_not_me.id
    session.exec(
        update(EmailToken)
        .where(col(EmailToken.account_id) == account.id)
        .where(col(EmailToken.purpose) == NOT_ME)
        .where(col(EmailToken.security_stamp) == old)
        .where(col(EmailToken.used_at).is_(None))
        .where(col(EmailToken.superseded_at).is_(None))
        .where(kept)
        .values(security_stamp=account.security_stamp)
    )


def _stamp_of(session: Session, account_id: int) -> str | None:
    # As stored (after this transaction's own changes), never an older copy the session holds.
    return session.exec(select(Account.security_stamp).where(col(Account.id) == account_id)).first()


def superseded(session: Session, row: EmailToken) -> bool:
    """By a newer link of its purpose, or by a change of the account's security stamp."""
    return row.superseded_at is not None or row.security_stamp != _stamp_of(session, row.account_id)


def new_link_token(session: Session, *, account_id: int, purpose: str, email: str, ttl: timedelta,
                   now: datetime) -> tuple[str, datetime]:
    """A fresh single-use link token of this purpose, under the account's security stamp; older
    open ones of the purpose stop working, except "Não fui eu" links: each tells of another
    change, and they die only with the credentials."""
    stamp = _stamp_of(session, account_id)
    assert stamp is not None
    if purpose != NOT_ME:
        # Not the stamp: it would end the links of every purpose, "Não fui eu" ones among them.
        session.exec(
            update(EmailToken)
            .where(col(EmailToken.account_id) == account_id)
            .where(col(EmailToken.purpose) == purpose)
            .where(col(EmailToken.used_at).is_(None))
            .where(col(EmailToken.superseded_at).is_(None))
            .values(superseded_at=now)
        )
    token = new_token()
    expires_at = now + ttl
    session.add(EmailToken(account_id=account_id, token_hash=token_hash(token), purpose=purpose, email=email,
                           created_at=now, expires_at=expires_at, security_stamp=stamp))
    return token, expires_at


def issue(session: Session, account: Account, now: datetime | None = None) -> None:
    """New link for the account's e-mail; older links stop working. The caller commits."""
    now = now or utcnow()
    assert account.id is not None
    token, expires_at = new_link_token(
        session, account_id=account.id, purpose=SIGNUP, email=account.email,
        ttl=timedelta(hours=settings().confirmation_ttl_hours), now=now,
    )
    mail = messages.confirmation(
        full_name=account.full_name, link=confirmation_link(token), expires_at=expires_at
    )
    outbox.enqueue(session, to=account.email, email=mail, now=now, purpose=delivery.CONFIRMATION,
                   account_id=account.id)


def next_send_allowed_at(session: Session, account_id: int, now: datetime | None = None, *,
                         purpose: str = SIGNUP) -> datetime:
    """When the next link of this purpose may be sent to this account (now or later)."""
    now = now or utcnow()
    recent = session.exec(
        select(EmailToken.created_at)
        .where(col(EmailToken.account_id) == account_id)
        .where(col(EmailToken.purpose) == purpose)
        .where(col(EmailToken.created_at) > now - timedelta(hours=1))
        .order_by(col(EmailToken.created_at).desc())
    ).all()
    if not recent:
        return now
    cooldown = RESEND_COOLDOWNS[min(len(recent), len(RESEND_COOLDOWNS)) - 1]
    return max(now, recent[0] + cooldown)


@dataclasses.dataclass(frozen=True)
class ResendResult:
    sent: bool
    email: str
    retry_at: datetime


def resend(session: Session, account_id: int, now: datetime | None = None, *,
           limiter: Limiter | None = None, client_ip: str = "") -> ResendResult | None:
    """Send a fresh link to an unconfirmed account, unless its cooldown (or this client's
    limit) is running.

    None when the account does not exist or is already confirmed.
    """
    now = now or utcnow()
    account = session.get(Account, account_id)
    if account is None or account.confirmed_at is not None:
        return None
    lock_account(session, account_id)
    allowed_at = next_send_allowed_at(session, account_id, now)
    if allowed_at > now:
        session.rollback()
        return ResendResult(sent=False, email=account.email, retry_at=allowed_at)
    if limiter is not None:
        limited = limiter.hit(per_client("resend"), "resend", client_ip or "unknown")
        if limited:
            return ResendResult(sent=False, email=account.email, retry_at=now + timedelta(seconds=limited.retry_in))
    issue(session, account, now)
    session.commit()
    return ResendResult(sent=True, email=account.email, retry_at=next_send_allowed_at(session, account_id, now))


def find(session: Session, token: str, purposes: tuple[str, ...] = (SIGNUP, EMAIL_CHANGE)) -> EmailToken | None:
    if not token or len(token) > 200:
        return None
    row = session.exec(select(EmailToken).where(EmailToken.token_hash == token_hash(token))).first()
    return row if row is not None and row.purpose in purposes else None


def email_in_use(session: Session, email: str, *, other_than: int) -> bool:
    """Another confirmed account already uses this address (compared without case)."""
    rows = session.exec(
        select(Account.id)
        .where(col(Account.email_key) == email_key(email))
        .where(col(Account.id) != other_than)
        .where(col(Account.confirmed_at).is_not(None))
    ).all()
    return bool(rows)


def claim(session: Session, row: EmailToken, now: datetime) -> bool:
    """Mark an open link used. Of two simultaneous uses, the conditional UPDATE lets one win;
    the loser's transaction is rolled back."""
    # A change of the stamp under way (change_security_stamp) holds this lock: wait for it.
    lock_account(session, row.account_id)
    stamp = select(Account.security_stamp).where(col(Account.id) == row.account_id).scalar_subquery()
    claimed = session.exec(
        update(EmailToken)
        .where(col(EmailToken.id) == row.id)
        .where(col(EmailToken.used_at).is_(None))
        .where(col(EmailToken.superseded_at).is_(None))
        .where(col(EmailToken.security_stamp) == stamp)
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        session.rollback()
        return False
    return True


def confirm(session: Session, token: str, now: datetime | None = None) -> ConfirmResult:
    """Use a link once. Two simultaneous uses: the conditional UPDATE lets only one win."""
    now = now or utcnow()
    row = find(session, token)
    if row is None:
        return ConfirmResult(ConfirmStatus.UNKNOWN)
    if row.used_at is not None:
        return ConfirmResult(ConfirmStatus.USED, row.account_id)
    if superseded(session, row):
        return ConfirmResult(ConfirmStatus.SUPERSEDED, row.account_id)
    if row.expires_at <= now:
        return ConfirmResult(ConfirmStatus.EXPIRED, row.account_id)
    if not claim(session, row, now):
        return ConfirmResult(ConfirmStatus.USED, row.account_id)
    account = session.get(Account, row.account_id)
    assert account is not None
    if row.purpose == EMAIL_CHANGE:
        if email_in_use(session, row.email, other_than=account.id):
            session.commit()
            return ConfirmResult(ConfirmStatus.EMAIL_IN_USE, account.id)
        account.email = row.email
        session.add(account)
        change_security_stamp(session, account)
        record(session, account.id, Event.EMAIL_CHANGED, now=now)
        session.commit()
        return ConfirmResult(ConfirmStatus.EMAIL_CHANGED, account.id)
    account.email = row.email
    if account.confirmed_at is None:
        account.confirmed_at = now
    session.add(account)
    session.commit()
    return ConfirmResult(ConfirmStatus.OK, account.id)


def resend_for_token(session: Session, token: str, now: datetime | None = None) -> ResendResult | None:
    """'Enviar novo link' on an expired sign-up link: whoever holds it reads that mailbox."""
    row = find(session, token, (SIGNUP,))
    if row is None:
        return None
    return resend(session, row.account_id, now)
