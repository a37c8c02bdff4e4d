"""Sessions: a new token at each sign-in, expiry, revocation."""

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.accounts import sessions
from portal.accounts.tokens import token_hash
from portal.models import AuthSession

def test_a_session_is_a_new_token_stored_only_as_its_hash(db, t0, confirmed_account):
    token = sessions.start(db, confirmed_account, user_agent="Firefox", client_ip="10.0.0.1", now=t0)
    other = sessions.start(db, confirmed_account, now=t0)
    assert token and other != token
    assert sessions.current_account(db, token, now=t0).id == confirmed_account
    stored = db.exec(select(AuthSession.token_hash)).all()
    assert token not in stored and token_hash(token) in stored


@pytest.fixture
def session_token(db, t0, confirmed_account):
    return sessions.start(db, confirmed_account, now=t0)


@pytest.mark.parametrize(
    ("idle", "active"), [(timedelta(minutes=29, seconds=59), True), (timedelta(minutes=30), False)]
)
def test_session_ends_after_30_minutes_idle(db, t0, session_token, idle, active):
    assert (sessions.current_account(db, session_token, now=t0 + idle) is not None) is active


def test_activity_keeps_the_session_alive(db, t0, session_token):
    now = t0
    for _ in range(5):
        now += timedelta(minutes=25)
        assert sessions.current_account(db, session_token, now=now) is not None


def test_session_ends_after_12_hours_even_when_active(db, t0, session_token):
    for step in range(1, 36):  # active every 20 minutes, the last time at 11 h 40
        assert sessions.current_account(db, session_token, now=t0 + step * timedelta(minutes=20)) is not None
    assert sessions.current_account(db, session_token, now=t0 + timedelta(hours=11, minutes=59)) is not None
    assert sessions.current_account(db, session_token, now=t0 + timedelta(hours=12)) is None


def test_revoked_session_gives_no_account(db, t0, session_token):
    sessions.revoke(db, session_token, now=t0 + timedelta(minutes=1))
    assert sessions.current_account(db, session_token, now=t0 + timedelta(minutes=2)) is None


def test_revoke_leaves_other_sessions_alone(db, t0, confirmed_account, session_token):
    other = sessions.start(db, confirmed_account, now=t0)
    sessions.revoke(db, session_token, now=t0)
    assert sessions.current_account(db, other, now=t0 + timedelta(minutes=1)).id == confirmed_account


@pytest.mark.parametrize("token", [None, "", "nao-existe", "x" * 201])
def test_missing_or_unknown_session_token_gives_no_account(db, t0, session_token, token):
    assert sessions.current_account(db, token, now=t0) is None


def test_unconfirmed_account_gets_no_session(db, t0, pending_account):
    token = sessions.start(db, pending_account, now=t0)
    assert sessions.current_account(db, token, now=t0) is None
