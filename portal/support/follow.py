"""Following a support request: the signed-in citizen's own requests ("Minhas solicitações")
and one request by its protocol number plus the e-mail it was sent with (/ajuda/acompanhar).

Whose requests are whose: those sent while signed in to the account (``account_id``), and
those sent to the account's confirmed e-mail address: the receipt and every reply already
went to that mailbox. Never by CPF: the CPF on a request is typed, not proven (someone may
report that another person registered their CPF).

The public lookup tells nothing about a protocol without its e-mail: a wrong e-mail and a
protocol that does not exist take the same path (same queries, constant-time comparison)
and give the same answer. Attempts are counted before the lookup, per client address and per
pair of protocol and e-mail: never per protocol or per e-mail alone, or a stranger's wrong
guesses would lock the owner out of their own request (security issue 21). Guessing from many
addresses is what the random protocol numbers are for (portal/support/protocol.py).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import hmac
from datetime import datetime

from limits import parse
from sqlalchemy import func, literal, or_
from sqlmodel import Session, col, select

from portal.accounts import fields
from portal.models import Account, SupportReply, SupportRequest, email_key
from portal.core.ratelimit import Limiter, per_client

MAX_LISTED = 50
# Only someone who already knows both can spend these: the owner, looking again and again.
FOLLOW_PER_PAIR = parse("10/hour")
_NO_REQUEST_ID = -1


@dataclasses.dataclass(frozen=True)
class ReplyItem:
    created_at: datetime
    body: str


@dataclasses.dataclass(frozen=True)
class RequestItem:
    protocol: str
    topic: str  # a help topic slug
    created_at: datetime
    status: str  # one of portal.support.desk.STATUSES
    replies: tuple[ReplyItem, ...]


class FollowStatus(enum.StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"  # no such protocol, or not with this e-mail: never said which
    LIMITED = "limited"
    INVALID = "invalid"


@dataclasses.dataclass(frozen=True)
class FollowResult:
    status: FollowStatus
    errors: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    request: RequestItem | None = None
    retry_in: int = 0


def requests_of(session: Session, account_id: int) -> list[RequestItem]:
    """The account's requests with their replies, newest first."""
    account = session.get(Account, account_id)
    if account is None:
        return []
    mine = col(SupportRequest.account_id) == account_id
    by_address = account.confirmed_at is not None and bool(account.email)
    if by_address:
        # lower() narrows the rows in SQL; the casefold comparison below decides.
        mine = or_(mine, func.lower(col(SupportRequest.email)) == func.lower(literal(account.email)))
    rows = session.exec(
        select(SupportRequest).where(mine)
        .order_by(col(SupportRequest.created_at).desc(), col(SupportRequest.id).desc()).limit(MAX_LISTED)
    ).all()
    own_key = email_key(account.email)
    owned = [row for row in rows if row.account_id == account_id or (by_address and email_key(row.email) == own_key)]
    return _with_replies(session, owned)


def check_input(protocol: str, email: str) -> tuple[dict[str, list[str]], str, str]:
    """Error codes per field, the protocol number and the address (no database)."""
    cleaned = fields.Cleaned()
    number = cleaned.check("protocol", fields.clean_protocol, protocol)
    address = cleaned.check("email", fields.clean_email, email)
    return cleaned.errors, number, address


def follow(session: Session, *, protocol: str, email: str, client_ip: str, limiter: Limiter) -> FollowResult:
    """One request, for whoever knows its protocol number and the e-mail it was sent with."""
    errors, number, address = check_input(protocol, email)
    if errors:
        return FollowResult(FollowStatus.INVALID, errors)
    for item, scope, key in ((per_client("follow"), "follow", client_ip or "unknown"),
                             (FOLLOW_PER_PAIR, "follow-pair", _pair_key(number, address))):
        limited = limiter.hit(item, scope, key)
        if limited:
            return FollowResult(FollowStatus.LIMITED, retry_in=limited.retry_in)
    request = session.exec(select(SupportRequest).where(col(SupportRequest.protocol) == number)).first()
    stored = email_key(request.email) if request is not None else ""
    same_address = hmac.compare_digest(_digest(stored), _digest(email_key(address)))
    # An anonymised request (its account deleted) has no e-mail: nobody can follow it.
    found = request if same_address and request is not None and request.email else None
    # The same second query either way; for an unknown protocol and a wrong e-mail alike it
    # looks for the replies of no request.
    items = _with_replies(session, [found] if found is not None else [], query_empty=True)
    if found is None:
        return FollowResult(FollowStatus.NOT_FOUND)
    return FollowResult(FollowStatus.FOUND, request=items[0])


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


def _pair_key(number: str, address: str) -> str:
    # Hashed: the limiter's keys (in Redis, when shared) need not hold the citizen's e-mail.
    return _digest(f"{number} {email_key(address)}").hex()


def _with_replies(session: Session, rows: list[SupportRequest], *,
                  query_empty: bool = False) -> list[RequestItem]:
    ids = [row.id for row in rows if row.id is not None]
    replies: dict[int, list[ReplyItem]] = {request_id: [] for request_id in ids}
    if ids or query_empty:
        found = session.exec(
            select(SupportReply).where(col(SupportReply.request_id).in_(ids or [_NO_REQUEST_ID]))
            .order_by(col(SupportReply.created_at), col(SupportReply.id))
        ).all()
        for reply in found:
            replies[reply.request_id].append(ReplyItem(created_at=reply.created_at, body=reply.body))
    return [
        RequestItem(protocol=row.protocol, topic=row.topic, created_at=row.created_at, status=row.status,
                    replies=tuple(replies.get(row.id or _NO_REQUEST_ID, ())))
        for row in rows
    ]
