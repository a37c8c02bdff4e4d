"""The shared services of the production tests: a Redis database and a PostgreSQL database of
the test module's own, or a skip with the reason when the server is not there."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlmodel import Session

from portal.core.db import make_engine

POSTGRES_SERVER_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL",
                                     "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextlib.contextmanager
def empty_redis(url: str) -> Iterator[str]:
    """The Redis database at url, emptied before (stale tab states) and after."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001 - any failure means: no Redis here
        client.close()
        pytest.skip(f"Redis not reachable at {url}: {exc}".splitlines()[0])
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


@contextlib.contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """A database of this test run only on the PostgreSQL server, dropped at the end."""
    server = make_engine(POSTGRES_SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means: no PostgreSQL here
        server.dispose()
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_SERVER_URL}: {exc}".splitlines()[0])
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_SERVER_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@contextlib.contextmanager
def session_on(url: str) -> Iterator[Session]:
    """The test's own view of the database the app uses."""
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()
