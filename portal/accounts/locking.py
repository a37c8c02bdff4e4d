"""Serialise the check-then-write steps of one account (link caps, cooldowns).

A no-op UPDATE of the account row takes the row lock on PostgreSQL and the write lock on
SQLite until the caller commits, so two simultaneous requests cannot both read "4 links
sent, one more allowed" and both send one.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col

from portal.models import Account


def lock_account(session: Session, account_id: int) -> None:
    session.exec(update(Account).where(col(Account.id) == account_id).values(id=Account.id))
