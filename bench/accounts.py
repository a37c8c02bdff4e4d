"""Confirmed accounts written straight into the database, as many as a figure needs.

Every account has the same password and so shares one argon2id hash, computed once: the
bulk load then costs the database's time, not a million hashes. PostgreSQL takes them by
COPY; SQLite by executemany in one transaction.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import insert, text

from portal.accounts import cpf as cpf_rules
from portal.accounts import passwords
from portal.core.clock import utcnow
from portal.core.db import make_engine
from portal.models import Account

PASSWORD = "uma frase longa de teste"
_CHUNK = 50_000
_COLUMNS = ("cpf", "full_name", "email", "email_key", "password_hash", "created_at", "confirmed_at",
            "terms_version", "terms_accepted_at", "source", "is_staff", "failed_logins")


def cpf_of(number: int) -> str:
    """The CPF of account `number` (0, 1, 2 …), masked as a citizen types it."""
    return cpf_rules.format_cpf(cpf_rules.generate(str(100_000_000 + number)))


def add_accounts(database_url: str, first: int, count: int) -> None:
    """Accounts first … first+count-1, confirmed, all with PASSWORD. Then the database is
    left as a production one would be long after such a load (statistics, no dead rows,
    dirty pages written), so the next figure does not pay for the load's aftermath."""
    rows = _rows(first, count, passwords.hash_password(PASSWORD))
    if database_url.startswith("postgresql"):
        _copy_postgres(database_url, rows)
    else:
        _insert(database_url, rows)


def _rows(first: int, count: int, password_hash: str) -> Iterator[tuple]:
    now = utcnow()
    created = now - timedelta(days=30)
    for number in range(first, first + count):
        email = f"pessoa{number}@example.com"
        yield (cpf_rules.digits_only(cpf_of(number)), f"Cidadã Número {number}", email, email, password_hash,
               created, created, "2024-01", created, "portal", False, 0)


def _copy_postgres(database_url: str, rows: Iterator[tuple]) -> None:
    import psycopg

    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        with connection.cursor() as cursor, cursor.copy(f"COPY account ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        connection.commit()
        connection.autocommit = True  # VACUUM runs outside a transaction
        connection.execute("VACUUM ANALYZE account")
        connection.execute("CHECKPOINT")


def _insert(database_url: str, rows: Iterator[tuple]) -> None:
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            while chunk := list(itertools.islice(rows, _CHUNK)):
                connection.execute(insert(Account.__table__), [dict(zip(_COLUMNS, row)) for row in chunk])
        with engine.begin() as connection:
            connection.execute(text("ANALYZE account"))
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
