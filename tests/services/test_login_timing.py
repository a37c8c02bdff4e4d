"""The sign-in's response time does not tell whether a CPF has an account.

SQLite only: the comparison is about the code path (a real hash verification for an unknown
CPF too), not about a database server's latency.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col

from portal.accounts import login
from portal.accounts.activity import Client
from portal.accounts.login import LoginStatus
from portal.models import Account

TRIES = 50
KNOWN_CPF = "529.982.247-25"
UNKNOWN_CPF = "111.444.777-35"  # valid, without an account
WRONG = "senha errada de propósito"
MAX_DIFFERENCE_MS = 10.0


@pytest.fixture
def sqlite_only(db):
    if db.get_bind().dialect.name != "sqlite":
        pytest.skip("timing is compared on SQLite only")


def _timed(db, cpf: str, now) -> float:
    started = time.perf_counter()
    result = login.authenticate(db, cpf=cpf, password=WRONG, client=Client("10.0.0.1", "timing"), now=now)
    elapsed = (time.perf_counter() - started) * 1000
    assert result.status == LoginStatus.INVALID
    return elapsed


def _reset_failures(db, account_id: int) -> None:
    """Keep the account below its first wait, so every try takes the same path."""
    db.exec(update(Account).where(col(Account.id) == account_id).values(failed_logins=0, login_blocked_until=None))
    db.commit()


def test_wrong_password_and_unknown_cpf_take_the_same_time(db, sqlite_only, confirmed_account, t0):
    known: list[float] = []
    unknown: list[float] = []
    for n in range(TRIES):
        now = t0 + timedelta(minutes=n)
        known.append(_timed(db, KNOWN_CPF, now))
        _reset_failures(db, confirmed_account)
        unknown.append(_timed(db, UNKNOWN_CPF, now))
    known_ms, unknown_ms = statistics.median(known), statistics.median(unknown)
    print(f"known CPF median: {known_ms:.2f} ms; unknown CPF median: {unknown_ms:.2f} ms")
    assert abs(known_ms - unknown_ms) < MAX_DIFFERENCE_MS
