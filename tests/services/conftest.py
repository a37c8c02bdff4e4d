"""Service tests run against a real database built by the alembic migrations.

``db`` is parametrised: every service test runs on SQLite (a temporary file) and on
PostgreSQL (the server of PORTAL_TEST_POSTGRES_URL, by default
postgresql+psycopg://postgres@127.0.0.1:5432/test; skipped when unreachable). Each test run
creates its own database on that server (so two runs never meet), migrates it once and
truncates every table before each test; the database is dropped at the end.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import tempfile
import uuid
import warnings
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from pathlib import Path
from sqlalchemy import text
from sqlmodel import Session, col, select

from portal.core import config, db as portal_db
from portal.accounts import signup
from portal.models import OutboxMessage
from tests.services.smtp import Inbox, free_port

ALEMBIC_INI = str(Path(__file__).resolve().parents[2] / "alembic.ini")
POSTGRES_SERVER_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
POSTGRES_URL = POSTGRES_SERVER_URL.rsplit("/", 1)[0] + f"/portal_test_{uuid.uuid4().hex[:10]}"
BASE_URL = "http://portal.test"
T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PASSWORD = "jacaré azul come pão de queijo"
_TOKEN_IN_LINK = re.compile(r"/confirmar\?token=([A-Za-z0-9_\-]+)")


def _clear_caches() -> None:
    config.settings.cache_clear()
    if portal_db.engine.cache_info().currsize:
        portal_db.engine().dispose()
    portal_db.engine.cache_clear()


def migrate(url: str) -> None:
    """Run ``alembic upgrade head`` on ``url`` (alembic/env.py reads PORTAL_DATABASE_URL)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PORTAL_DATABASE_URL", url)
        _clear_caches()
        try:
            with warnings.catch_warnings():
                # alembic.ini predates alembic's path_separator option; not ours to change.
                warnings.filterwarnings("ignore", "No path_separator found", DeprecationWarning)
                command.upgrade(Config(ALEMBIC_INI), "head")
        finally:
            _clear_caches()


@functools.cache
def _migrated_sqlite() -> Path:
    """An empty SQLite database built by ``alembic upgrade head``, once per test run."""
    folder = Path(tempfile.mkdtemp(prefix="portal-migrated-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    migrate(f"sqlite:///{folder / 'portal.db'}")
    return folder / "portal.db"


_postgres_state: dict[str, str | None] = {}


def _postgres_ready() -> str | None:
    """Migrate PostgreSQL once per session; the reason to skip, or None when ready."""
    if "error" not in _postgres_state:
        server = portal_db.make_engine(POSTGRES_SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")
        name = POSTGRES_URL.rsplit("/", 1)[1]
        try:
            with server.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # noqa: BLE001 - any failure means: no PostgreSQL here
            _postgres_state["error"] = f"PostgreSQL not reachable at {POSTGRES_SERVER_URL}: {exc}".splitlines()[0]
        else:
            _postgres_state["error"] = None
            atexit.register(_drop_database, server, name)
        if _postgres_state["error"] is None:
            migrate(POSTGRES_URL)
    return _postgres_state["error"]


def _drop_database(server, name: str) -> None:
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _truncate_all(engine) -> None:
    """Empty every table the migrations created (whatever their number), keeping alembic_version."""
    with engine.begin() as connection:
        tables = connection.execute(text(
            "SELECT quote_ident(tablename) FROM pg_tables "
            "WHERE schemaname = current_schema() AND tablename <> 'alembic_version'"
        )).scalars().all()
        # Append-only tables refuse TRUNCATE with a trigger; the owner may switch it off
        # for the length of this transaction.
        guarded = connection.execute(text(
            "SELECT DISTINCT quote_ident(relname) FROM pg_trigger JOIN pg_class ON pg_class.oid = tgrelid "
            "WHERE NOT tgisinternal AND relnamespace = current_schema()::regnamespace"
        )).scalars().all()
        for table in guarded:
            connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        if tables:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        for table in guarded:
            connection.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request, tmp_path, monkeypatch):
    """A Session (expire_on_commit=False) on a freshly migrated, empty database."""
    if request.param == "sqlite":
        # A copy of one database migrated once per run: running the migrations again for each
        # of a thousand tests was most of this folder's time.
        shutil.copyfile(_migrated_sqlite(), tmp_path / "portal.db")
        url = f"sqlite:///{tmp_path / 'portal.db'}"
    else:
        error = _postgres_ready()
        if error:
            pytest.skip(error)
        url = POSTGRES_URL
    engine = portal_db.make_engine(url)
    if request.param == "postgresql":
        _truncate_all(engine)
    monkeypatch.setenv("PORTAL_DATABASE_URL", url)
    monkeypatch.setenv("PORTAL_BASE_URL", BASE_URL)
    monkeypatch.setenv("PORTAL_DATA_DIR", str(tmp_path / "data"))
    for name in ("PORTAL_CONFIRMATION_TTL_HOURS", "PORTAL_SMTP_HOST", "PORTAL_SMTP_PORT", "PORTAL_SMTP_TLS",
                 "PORTAL_SMTP_USER", "PORTAL_SMTP_PASSWORD", "PORTAL_MAIL_FROM", "PORTAL_CATCHER_PORT"):
        monkeypatch.delenv(name, raising=False)
    # A public base URL needs an SMTP host (the dev catcher is localhost-only); nothing is
    # delivered to it unless a test starts its own server and points PORTAL_SMTP_* there.
    monkeypatch.setenv("PORTAL_SMTP_HOST", "smtp.portal.test")
    _clear_caches()
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        engine.dispose()
        _clear_caches()


@pytest.fixture
def make_form():
    """A valid sign-up form; keyword arguments override fields."""

    def build(**overrides) -> signup.SignupForm:
        values = {
            "full_name": "Maria Aparecida Silva",
            "cpf": "529.982.247-25",
            "email": "maria@example.com",
            "email_confirm": "maria@example.com",
            "password": PASSWORD,
            "password_confirm": PASSWORD,
            "accept_terms": True,
        }
        values.update(overrides)
        if "email" in overrides and "email_confirm" not in overrides:
            values["email_confirm"] = overrides["email"]
        if "password" in overrides and "password_confirm" not in overrides:
            values["password_confirm"] = overrides["password"]
        return signup.SignupForm(**values)

    return build


@pytest.fixture
def outbox(db):
    """All outbox messages, oldest first."""

    def read() -> list[OutboxMessage]:
        return list(db.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())

    return read


@pytest.fixture
def latest_token(outbox):
    """The token of the confirmation link in the newest mail (optionally to one address)."""

    def read(to: str | None = None) -> str:
        mails = [m for m in outbox() if to is None or m.to_address == to]
        match = _TOKEN_IN_LINK.search(mails[-1].body_text)
        assert match, mails[-1].body_text
        return match.group(1)

    return read


@pytest.fixture
def pending_account(db, make_form):
    """A registered, unconfirmed account; returns its id."""
    result = signup.register(db, make_form(), now=T0)
    assert result.ok, result.errors
    return result.account_id


@pytest.fixture
def confirmed_account(db, pending_account, latest_token):
    """A registered account whose e-mail is confirmed at T0; returns its id."""
    from portal.accounts import confirmation

    assert confirmation.confirm(db, latest_token(), now=T0).status == confirmation.ConfirmStatus.OK
    return pending_account


@pytest.fixture
def t0() -> datetime:
    """The moment the fixtures' sign-up happens; tests move time from here with ``now=``."""
    return T0


@pytest.fixture
def password() -> str:
    """The password of ``make_form``'s default form."""
    return PASSWORD


@pytest.fixture
def smtp_port(db, monkeypatch):
    """A free port configured as the portal's SMTP server (nothing listens there yet)."""
    port = free_port()
    monkeypatch.setenv("PORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PORTAL_SMTP_PORT", str(port))
    config.settings.cache_clear()
    return port


@pytest.fixture
def smtp_server(smtp_port):
    """Start an aiosmtpd server on ``smtp_port`` when called (with an Inbox, or the handler
    given); stopped after the test. Returns the handler."""
    from aiosmtpd.controller import Controller

    started: list[Controller] = []

    def start(handler=None):
        handler = handler if handler is not None else Inbox()
        controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        started.append(controller)
        return handler

    yield start
    for controller in started:
        controller.stop()
