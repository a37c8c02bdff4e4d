"""Support protocol numbers like 2026-483-129-576: the year, eight random digits and a check
digit, in groups of three so they can be read over the phone.

Random rather than a count: when the next number is the last one plus one, anyone can list
every request of the year and try e-mail addresses against each (security issue 21). Only
digits, because letters are misheard on the phone. The check digit (Damm's) is computed over
the twelve digits before it, so a citizen's typo is told apart from a request that does not
exist without a lookup. The numbers given before this change (2026-000123, from the
``protocol_counter`` table) are still read, so their requests can still be followed.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from portal.models import SupportRequest

RANDOM_DIGITS = 8  # 10^8 numbers a year: a guess finds one of 100 000 requests once in 1 000 tries
MAX_TRIES = 10  # a collision is about as rare as that guess; ten in a row never happen
# Damm's table (a totally anti-symmetric quasigroup of order 10): its check digit catches every
# wrong digit and every swap of two neighbouring digits.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2), (7, 0, 9, 2, 1, 5, 4, 8, 6, 3), (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6), (6, 1, 2, 3, 0, 4, 5, 9, 7, 8), (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4), (8, 9, 4, 5, 3, 6, 2, 0, 1, 7), (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
# What people type between the groups: "2026-483-129-576", "2026 483 129 576", "2026/483129576".
_SEPARATORS = re.compile(r"[\s./-]", re.ASCII)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_YEAR = 4
_SEQUENTIAL_MAX = 6  # the old numbers: the year and up to six digits


def check_digit(digits: str) -> str:
    interim = 0
    for digit in digits:
        interim = _DAMM[interim][int(digit)]
    return str(interim)


def new_protocol(year: int, draw: Callable[[int], int] = secrets.randbelow) -> str:
    """A fresh number for ``year``; not yet checked against the issued ones."""
    digits = f"{year:04d}{draw(10 ** RANDOM_DIGITS):0{RANDOM_DIGITS}d}"
    digits += check_digit(digits)
    return _shown(digits)


def normalize(typed: str) -> str | None:
    """The protocol as stored, from what a person typed; None when it cannot be one (wrong
    length, a slip caught by the check digit, anything but ASCII digits and separators)."""
    digits = _SEPARATORS.sub("", (typed or "").strip())
    if not _DIGITS.fullmatch(digits):
        return None
    if len(digits) == _YEAR + RANDOM_DIGITS + 1:
        return _shown(digits) if check_digit(digits) == "0" else None
    if _YEAR < len(digits) <= _YEAR + _SEQUENTIAL_MAX:
        return f"{digits[:_YEAR]}-{int(digits[_YEAR:]):06d}"
    return None


def insert_request(session: Session, request: SupportRequest, year: int,
                   draw: Callable[[int], int] = secrets.randbelow) -> SupportRequest:
    """Store ``request`` (not yet in the session) under a new number of ``year``, in the
    caller's transaction; the stored row, with its id and number.

    The unique index decides, atomically: an INSERT ... ON CONFLICT DO NOTHING under a number
    already taken (by an earlier request, or by one being sent at the same moment) inserts
    nothing, and another number is drawn. No savepoint: SQLite's driver would commit the
    caller's transaction when releasing it, before the receipt is queued.
    """
    columns = SupportRequest.__table__.columns.keys()
    values = {name: getattr(request, name) for name in columns if name != "id"}
    for _ in range(MAX_TRIES):
        values["protocol"] = new_protocol(year, draw)
        inserted = session.exec(
            _insert_for(session)(SupportRequest).values(values)
            .on_conflict_do_nothing(index_elements=["protocol"]).returning(SupportRequest.id)
        ).first()
        if inserted is not None:
            return session.get_one(SupportRequest, inserted[0])
    raise RuntimeError(f"no free protocol number for {year} after {MAX_TRIES} tries")


def _insert_for(session: Session):
    # ON CONFLICT is spelt the same by both databases, but each dialect has its own construct.
    return sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert


def _shown(digits: str) -> str:
    year, rest = digits[:_YEAR], digits[_YEAR:]
    return "-".join([year, rest[0:3], rest[3:6], rest[6:9]])
