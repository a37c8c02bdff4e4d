"""Sign-in tickets and sessions: single use, expiry, revocation."""

from datetime import timedelta

import pytest

from portal.accounts import sessions

BROWSER = "f" * 64  # the hash of the test browser's id cookie


def test_ticket_is_redeemed_for_a_session(db, t0, confirmed_account):
    ticket = sessions.create_ticket(db, confirmed_account, now=t0, browser_hash=BROWSER)
    token = sessions.redeem_ticket(db, ticket, user_agent="Firefox", client_ip="10.0.0.1", now=t0, browser_hash=BROWSER)
    assert token and token != ticket
    assert sessions.current_account(db, token, now=t0).id == confirmed_account


def test_ticket_is_single_use(db, t0, confirmed_account):
    ticket = sessions.create_ticket(db, confirmed_account, now=t0, browser_hash=BROWSER)
    assert sessions.redeem_ticket(db, ticket, now=t0, browser_hash=BROWSER)
    assert sessions.redeem_ticket(db, ticket, now=t0 + timedelta(seconds=1), browser_hash=BROWSER) is None


def test_ticket_works_only_in_the_browser_that_earned_it(db, t0, confirmed_account):
    """Login CSRF: the attacker's ticket, opened in the victim's browser, signs nobody in."""
    ticket = sessions.create_ticket(db, confirmed_account, now=t0, browser_hash=BROWSER)
    assert sessions.redeem_ticket(db, ticket, now=t0, browser_hash="a" * 64) is None
    assert sessions.redeem_ticket(db, ticket, now=t0, browser_hash="") is None
    assert sessions.redeem_ticket(db, ticket, now=t0, browser_hash=BROWSER) is not None


def test_a_ticket_needs_a_browser(db, t0, confirmed_account):
    with pytest.raises(ValueError):
        sessions.create_ticket(db, confirmed_account, now=t0, browser_hash="")


@pytest.mark.parametrize(("age", "works"), [(timedelta(seconds=59), True), (timedelta(seconds=60), False)])
def test_ticket_expires_after_60_seconds(db, t0, confirmed_account, age, works):
    ticket = sessions.create_ticket(db, confirmed_account, now=t0, browser_hash=BROWSER)
    assert (sessions.redeem_ticket(db, ticket, now=t0 + age, browser_hash=BROWSER) is not None) is works


@pytest.mark.parametrize("ticket", ["", "nao-existe", "x" * 201])
def test_unknown_ticket_gives_no_session(db, t0, confirmed_account, ticket):
    assert sessions.redeem_ticket(db, ticket, now=t0, browser_hash=BROWSER) is None


@pytest.fixture
def session_token(db, t0, confirmed_account):
    return sessions.redeem_ticket(db, sessions.create_ticket(db, confirmed_account, now=t0, browser_hash=BROWSER), now=t0, browser_hash=BROWSER)


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
    other = sessions.redeem_ticket(db, sessions.create_ticket(db, confirmed_account, now=t0, browser_hash=BROWSER), now=t0, browser_hash=BROWSER)
    sessions.revoke(db, session_token, now=t0)
    assert sessions.current_account(db, other, now=t0 + timedelta(minutes=1)).id == confirmed_account


@pytest.mark.parametrize("token", [None, "", "nao-existe", "x" * 201])
def test_missing_or_unknown_session_token_gives_no_account(db, t0, session_token, token):
    assert sessions.current_account(db, token, now=t0) is None


def test_unconfirmed_account_gets_no_session(db, t0, pending_account):
    ticket = sessions.create_ticket(db, pending_account, now=t0, browser_hash=BROWSER)
    token = sessions.redeem_ticket(db, ticket, now=t0, browser_hash=BROWSER)
    assert sessions.current_account(db, token, now=t0) is None
