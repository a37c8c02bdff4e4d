"""Minha conta > Dispositivos: live sessions, ending one, ending the others; the forced-change flag."""

from datetime import timedelta

import pytest

from portal.accounts import confirmation, sessions, signup
from portal.models import AuthSession



@pytest.fixture
def sign_in(db, t0):
    """A new session of an account at ``now``: (token, session id)."""

    def make(account_id, now=None, user_agent="", must_change_password=False):
        now = now or t0
        token = sessions.start(db, account_id, now=now, must_change_password=must_change_password,
                               user_agent=user_agent)
        return token, sessions.current(db, token, now=now).session_id

    return make


@pytest.fixture
def joao(db, make_form, latest_token, t0):
    result = signup.register(db, make_form(full_name="João Pereira", cpf="111.444.777-35",
                                           email="joao@example.com"), now=t0)
    assert confirmation.confirm(db, latest_token("joao@example.com"), now=t0).status == "ok"
    return result.account_id


def _ids(rows: list[AuthSession]) -> list[int]:
    return [row.id for row in rows]


def test_active_sessions_are_listed_most_recent_first(db, confirmed_account, sign_in, t0):
    _, first = sign_in(confirmed_account, now=t0)
    _, second = sign_in(confirmed_account, now=t0 + timedelta(minutes=5))
    _, third = sign_in(confirmed_account, now=t0 + timedelta(minutes=2))
    listed = sessions.active_sessions(db, confirmed_account, now=t0 + timedelta(minutes=6))
    assert _ids(listed) == [second, third, first]


def test_activity_moves_a_session_to_the_top(db, confirmed_account, sign_in, t0):
    old_token, old = sign_in(confirmed_account, now=t0)
    _, new = sign_in(confirmed_account, now=t0 + timedelta(minutes=1))
    sessions.current(db, old_token, now=t0 + timedelta(minutes=3))
    assert _ids(sessions.active_sessions(db, confirmed_account, now=t0 + timedelta(minutes=3))) == [old, new]


def test_active_sessions_leave_out_revoked_idle_and_expired_ones(db, confirmed_account, sign_in, t0):
    now = t0 + timedelta(hours=12, minutes=10)
    _, expired = sign_in(confirmed_account, now=t0)
    db.get(AuthSession, expired).last_seen_at = now - timedelta(minutes=1)  # active, but past 12 h
    db.commit()
    sign_in(confirmed_account, now=now - timedelta(minutes=30))  # idle for 30 minutes
    revoked_token, _ = sign_in(confirmed_account, now=now - timedelta(minutes=1))
    sessions.revoke(db, revoked_token, now=now)
    _, live = sign_in(confirmed_account, now=now - timedelta(minutes=29))
    assert _ids(sessions.active_sessions(db, confirmed_account, now=now)) == [live]


def test_active_sessions_leave_out_other_accounts(db, confirmed_account, joao, sign_in, t0):
    _, mine = sign_in(confirmed_account)
    sign_in(joao)
    assert _ids(sessions.active_sessions(db, confirmed_account, now=t0)) == [mine]


def test_active_sessions_keep_the_user_agent(db, confirmed_account, sign_in, t0):
    sign_in(confirmed_account, user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/127.0")
    [row] = sessions.active_sessions(db, confirmed_account, now=t0)
    assert row.user_agent == "Mozilla/5.0 (X11; Linux x86_64) Firefox/127.0"


def test_revoke_session_ends_that_session_only(db, confirmed_account, sign_in, t0):
    ended_token, ended = sign_in(confirmed_account)
    kept_token, _ = sign_in(confirmed_account)
    assert sessions.revoke_session(db, confirmed_account, ended, now=t0) is True
    assert sessions.current(db, ended_token, now=t0) is None
    assert sessions.current(db, kept_token, now=t0) is not None


def test_revoke_session_refuses_another_accounts_session(db, confirmed_account, joao, sign_in, t0):
    joao_token, joao_session = sign_in(joao)
    assert sessions.revoke_session(db, confirmed_account, joao_session, now=t0) is False
    assert sessions.current(db, joao_token, now=t0) is not None


@pytest.mark.parametrize("session_id", [0, 999_999])
def test_revoke_session_with_an_unknown_id_does_nothing(db, confirmed_account, sign_in, t0, session_id):
    token, _ = sign_in(confirmed_account)
    assert sessions.revoke_session(db, confirmed_account, session_id, now=t0) is False
    assert sessions.current(db, token, now=t0) is not None


def test_revoke_session_twice_reports_false_the_second_time(db, confirmed_account, sign_in, t0):
    _, session_id = sign_in(confirmed_account)
    assert sessions.revoke_session(db, confirmed_account, session_id, now=t0) is True
    assert sessions.revoke_session(db, confirmed_account, session_id, now=t0) is False


def test_end_other_sessions_keeps_the_current(db, confirmed_account, sign_in, t0):
    others = [sign_in(confirmed_account)[0] for _ in range(3)]
    current_token, current_id = sign_in(confirmed_account)
    assert sessions.end_other_sessions(db, confirmed_account, current_id) == 3
    assert all(sessions.current(db, token, now=t0) is None for token in others)
    assert sessions.current(db, current_token, now=t0).session_id == current_id
    assert _ids(sessions.active_sessions(db, confirmed_account, now=t0)) == [current_id]


def test_end_other_sessions_leaves_other_accounts_alone(db, confirmed_account, joao, sign_in, t0):
    joao_token, _ = sign_in(joao)
    _, current_id = sign_in(confirmed_account)
    sessions.end_other_sessions(db, confirmed_account, current_id)
    assert sessions.current(db, joao_token, now=t0) is not None


def test_revoke_all_without_exception_ends_every_session(db, confirmed_account, sign_in, t0):
    tokens = [sign_in(confirmed_account)[0] for _ in range(2)]
    assert sessions.revoke_all(db, confirmed_account, now=t0) == 2
    db.commit()
    assert all(sessions.current(db, token, now=t0) is None for token in tokens)


@pytest.mark.parametrize("must_change", [True, False])
def test_current_carries_must_change_password_from_the_sign_in(db, confirmed_account, sign_in, t0, must_change):
    token, session_id = sign_in(confirmed_account, must_change_password=must_change)
    signed_in = sessions.current(db, token, now=t0 + timedelta(minutes=1))
    assert signed_in == sessions.SignedIn(signed_in.account, session_id, must_change)
    assert signed_in.account.id == confirmed_account


def test_current_account_still_returns_the_account(db, confirmed_account, sign_in, t0):
    token, _ = sign_in(confirmed_account, must_change_password=True)
    assert sessions.current_account(db, token, now=t0).id == confirmed_account
