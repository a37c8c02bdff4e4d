"""Protocol numbers like 2026-000123: one sequence per year, unique under concurrency."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from portal.models import ProtocolCounter


def _ensure_year(session: Session, year: int) -> None:
    """Create the year's counter row once; a concurrent creator may win, which is fine."""
    if session.get(ProtocolCounter, year) is not None:
        return
    try:
        with session.begin_nested():
            session.add(ProtocolCounter(year=year, last=0))
    except IntegrityError:
        pass


def next_protocol(session: Session, year: int) -> str:
    """Take the next number of the year inside the caller's transaction.

    The UPDATE locks the year's row until the caller commits, so two requests can never
    read the same value (SQLite serialises writers; PostgreSQL locks the row).
    """
    _ensure_year(session, year)
    taken = session.exec(
        update(ProtocolCounter)
        .where(col(ProtocolCounter.year) == year)
        .values(last=ProtocolCounter.last + 1)
        .returning(ProtocolCounter.last)
    ).one()
    return f"{year}-{taken[0]:06d}"
