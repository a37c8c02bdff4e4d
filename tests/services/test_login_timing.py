"""The sign-in's response time does not tell whether a CPF has an account, nor whether that
account has a portal password (one made through gov.br may have none).

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
from portal.core.db import committed
from portal.models import Account

# Timing of the real hash: production parameters (tests/conftest.py), and seconds of samples.
pytestmark = [pytest.mark.production_hashing, pytest.mark.slow]

TRIES = 50
KNOWN_CPF = "529.982.247-25"
UNKNOWN_CPF = "111.444.777-35"  # valid, without an account
GOVBR_ONLY_CPF = "390.533.447-05"  # an account made through gov.br, without a portal password
WRONG = "senha errada de propósito"
MAX_DIFFERENCE_MS = 10.0


@pytest.fixture
def sqlite_only(db):
    if db.get_bind().dialect.name != "sqlite":
        pytest.skip("timing is compared on SQLite only")


def _timed(db, cpf: str, now) -> float:
    started = time.perf_counter()
    # With the caller's commit, as a response's time includes it.
    result = committed(login.authenticate)(db, cpf=cpf, password=WRONG, client=Client("10.0.0.1", "timing"),
                                           now=now)
    elapsed = (time.perf_counter() - started) * 1000
    assert result.status == LoginStatus.INVALID
    return elapsed


def _reset_failures(db, *account_ids: int) -> None:
    """Keep the accounts below their first wait, so every try takes the same path."""
    db.exec(update(Account).where(col(Account.id).in_(account_ids)).values(failed_logins=0, login_blocked_until=None))
    db.commit()


@pytest.fixture
def govbr_only(db, t0) -> int:
    account = Account(cpf="39053344705", full_name="João da Silva", email="joao@example.com", password_hash="",
                      created_at=t0, confirmed_at=t0, terms_version="1", terms_accepted_at=t0, source="govbr")
    db.add(account)
    db.commit()
    return account.id


def test_wrong_password_unknown_cpf_and_no_password_take_the_same_time(db, sqlite_only, confirmed_account,
                                                                       govbr_only, t0):
    timings: dict[str, list[float]] = {KNOWN_CPF: [], UNKNOWN_CPF: [], GOVBR_ONLY_CPF: []}
    for n in range(TRIES):
        now = t0 + timedelta(minutes=n)
        for cpf, samples in timings.items():  # interleaved, so a slow moment hits all three
            samples.append(_timed(db, cpf, now))
        _reset_failures(db, confirmed_account, govbr_only)
    medians = {cpf: statistics.median(samples) for cpf, samples in timings.items()}
    print("medians (ms): " + ", ".join(f"{cpf}: {ms:.2f}" for cpf, ms in medians.items()))
    assert max(medians.values()) - min(medians.values()) < MAX_DIFFERENCE_MS
