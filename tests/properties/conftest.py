"""Shared fixtures and checks of the hostile-input properties.

The service fixtures (``db``, ``make_form``, ``confirmed_account``, ...) are the ones of
tests/services/conftest.py, imported here so both folders build accounts the same way.

Only SQLite: every property runs 500 examples or more, all against one database per test
function; doing it again on PostgreSQL would double the runtime of this folder for the
same Python code paths. The PostgreSQL-only failure mode (a value longer than its
VARCHAR column) is still checked on SQLite by ``assert_fits_columns``.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, settings

from portal import texts
from portal.accounts import cpf as cpf_rules
from tests.services.conftest import (  # noqa: F401 - fixtures used by the properties
    confirmed_account,
    db,
    latest_token,
    make_form,
    outbox,
    password,
    pending_account,
    t0,
)

HOSTILE = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/properties/" in str(item.fspath):
            item.add_marker(pytest.mark.slow)  # hundreds of generated examples each


@pytest.fixture(autouse=True)
def _sqlite_only(request):
    """Skip the PostgreSQL half of ``db`` before any fixture touches the server."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("db") == "postgresql":
        pytest.skip("hostile-input properties run 500+ examples each: SQLite only (see tests/properties/conftest.py)")


@pytest.fixture
def sqlite_db(db):
    """The ``db`` Session, SQLite param only (the PostgreSQL param is skipped above)."""
    return db


_numbers = itertools.count(100_000_001)


def fresh_cpf() -> str:
    """A valid CPF never used before in this test run (11 digits, no punctuation)."""
    while True:
        candidate = cpf_rules.generate(f"{next(_numbers) % 1_000_000_000:09d}")
        if cpf_rules.is_valid(candidate):
            return candidate


def assert_codes_known(errors: dict[str, list[str]]) -> None:
    """Every error code a service returns has a Portuguese message."""
    for field, codes in errors.items():
        assert codes, f"field {field!r} has an empty error list"
        for code in codes:
            assert code in texts.MESSAGES, f"error code {code!r} (field {field!r}) has no message in texts.MESSAGES"


def assert_fits_columns(row) -> None:
    """Every text value of a stored row fits its column (PostgreSQL rejects longer VARCHARs;
    SQLite would silently keep them)."""
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        length = getattr(column.type, "length", None)
        if isinstance(value, str) and length is not None:
            assert len(value) <= length, (
                f"{row.__tablename__}.{column.key}: {len(value)} characters for VARCHAR({length}): {value[:80]!r}…"
            )
