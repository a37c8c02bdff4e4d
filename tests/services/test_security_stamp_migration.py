"""Migration 0011 (security stamps): the links mailed before it keep working until the account's
next change, and going back to 0010 does not reopen the links a stamp change ended.

SQLite only: the databases are built here, revision by revision, not by the ``db`` fixture.
"""

from __future__ import annotations

import re
import warnings
from datetime import timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlmodel import Session, select

from portal.core import db as portal_db
from portal.accounts import confirmation, profile
from portal.accounts.confirmation import ConfirmStatus
from portal.accounts.tokens import token_hash
from portal.models import Account
from tests.services.conftest import ALEMBIC_INI, BASE_URL, T0, _clear_caches

EMAIL = "maria@example.com"
LATER = "2026-12-30 12:00:00.000000"  # the links' expiry, past every moment used here
CREATED = "2026-11-25 12:00:00.000000"
# Before the migration: an e-mail change, the "Não fui eu" link of its notice, an e-mail change
# superseded by a newer one, and another e-mail change still open.
LINKS = (("nova", "email_change", "maria.nova@example.org", None),
         ("volta", "not_me", EMAIL, None),
         ("antiga", "email_change", "maria.antiga@example.org", CREATED),
         ("outra", "email_change", "maria.outra@example.org", None))


def alembic(url: str, action, revision: str, monkeypatch) -> None:
    monkeypatch.setenv("PORTAL_DATABASE_URL", url)
    _clear_caches()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "No path_separator found", DeprecationWarning)
            action(Config(ALEMBIC_INI), revision)
    finally:
        _clear_caches()


@pytest.fixture
def migrated(tmp_path, monkeypatch):
    """A database at 0010 holding two accounts and the first one's LINKS, then migrated to head;
    its URL."""
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    alembic(url, command.upgrade, "0010", monkeypatch)
    engine = portal_db.make_engine(url)
    with engine.begin() as connection:
        for cpf, email in (("52998224725", EMAIL), ("11144477735", "joao@example.com")):
            connection.execute(text(
                "INSERT INTO account (cpf, full_name, email, email_key, password_hash, created_at, "
                "confirmed_at, terms_version, terms_accepted_at, source, is_staff, failed_logins, failed_codes) "
                "VALUES "
                "(:cpf, 'Maria Silva', :email, :email, 'x', :at, :at, '1', :at, 'portal', 0, 0, 0)"),
                {"cpf": cpf, "email": email, "at": CREATED})
        for token, purpose, email, superseded_at in LINKS:
            connection.execute(text(
                "INSERT INTO email_token (account_id, token_hash, purpose, email, created_at, expires_at, "
                "superseded_at) VALUES (1, :hash, :purpose, :email, :at, :expires, :superseded)"),
                {"hash": token_hash(token), "purpose": purpose, "email": email, "at": CREATED,
                 "expires": LATER, "superseded": superseded_at})
    engine.dispose()
    alembic(url, command.upgrade, "head", monkeypatch)
    monkeypatch.setenv("PORTAL_BASE_URL", BASE_URL)
    monkeypatch.setenv("PORTAL_SMTP_HOST", "smtp.portal.test")
    engine = portal_db.make_engine(url)
    yield url, engine
    engine.dispose()


def test_every_account_gets_its_own_random_stamp(migrated):
    _, engine = migrated
    with Session(engine) as db:
        stamps = db.exec(select(Account.security_stamp)).all()
    assert len(set(stamps)) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", stamp) for stamp in stamps)


def test_old_open_links_work_until_the_next_change(migrated):
    _, engine = migrated
    now = T0 + timedelta(minutes=1)
    with Session(engine, expire_on_commit=False) as db:
        assert confirmation.confirm(db, "antiga", now=now).status == ConfirmStatus.SUPERSEDED
        assert confirmation.confirm(db, "nova", now=now).status == ConfirmStatus.EMAIL_CHANGED
        # The change just confirmed is the next change: the other open e-mail change ends with it,
        # the way back to the old address outlives it.
        assert confirmation.confirm(db, "outra", now=now).status == ConfirmStatus.SUPERSEDED
        assert profile.not_me(db, "volta", now=now) is True
        assert db.get(Account, 1).email == EMAIL


def test_going_back_to_0010_keeps_the_links_a_stamp_change_ended(migrated, monkeypatch):
    url, engine = migrated
    with Session(engine, expire_on_commit=False) as db:
        assert confirmation.confirm(db, "nova", now=T0).status == ConfirmStatus.EMAIL_CHANGED
    engine.dispose()
    alembic(url, command.downgrade, "0010", monkeypatch)
    engine = portal_db.make_engine(url)
    with engine.connect() as connection:
        rows = dict(connection.execute(text(
            "SELECT token_hash, superseded_at IS NOT NULL FROM email_token")).all())
    engine.dispose()
    ended = {token for token, _, _, _ in LINKS if rows[token_hash(token)]}
    assert ended == {"antiga", "outra"}
