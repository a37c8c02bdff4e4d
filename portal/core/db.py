"""The database engine and sessions, built from ``PORTAL_DATABASE_URL``."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from portal.core.config import settings

T = TypeVar("T")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            # WAL lets the mail sender read while a sign-up writes; foreign keys make
            # ON DELETE CASCADE real, as on PostgreSQL. synchronous=NORMAL is SQLite's advice
            # for WAL: no corruption on a crash, one fsync per checkpoint instead of per commit
            # (a power cut may lose the last commits; production uses PostgreSQL).
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    # pre_ping: a worker recovers by itself after the database restarts.
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


@functools.cache
def engine() -> Engine:
    url = settings().database_url
    if url.startswith("sqlite:///"):
        from pathlib import Path

        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return make_engine(url)


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: committed by the service that uses it (or by ``committed``), rolled
    back on error."""
    with Session(engine(), expire_on_commit=False) as session:
        try:
            yield session
        except Exception:
            session.rollback()
            raise


def committed(service: Callable[..., T]) -> Callable[..., T]:
    """``service(db, ...)`` as a whole unit of work, for a service that leaves the commit to its
    caller (login.authenticate): committed whatever it answers, since a refusal may have
    written something that must stay (the failure a wrong password counts)."""

    @functools.wraps(service)
    def run(session: Session, /, *args: Any, **kwargs: Any) -> T:
        result = service(session, *args, **kwargs)
        session.commit()
        return result

    return run
