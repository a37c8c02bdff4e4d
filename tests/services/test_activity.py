"""The account's security events: what each service records, with whose address and browser."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import col, func, select

from portal.accounts import activity, confirmation, login, privacy, profile, recovery, sessions
from portal.accounts.activity import Client, Event
from portal.models import SecurityEvent
from portal.core.ratelimit import Limiter


CPF = "529.982.247-25"
EMAIL = "maria@example.com"
CLIENT = Client("198.51.100.23", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
OTHER = Client("203.0.113.9", "Mozilla/5.0 (iPhone) Safari/18.0")
NEW_PASSWORD = "girafa roxa dança forró no sábado"
_TEMPORARY = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")
_NOT_ME = re.compile(r"/nao-fui-eu\?token=([A-Za-z0-9_\-]+)")


def events(db, account_id) -> list[SecurityEvent]:
    """The account's events, oldest first."""
    db.expire_all()
    return list(db.exec(select(SecurityEvent).where(col(SecurityEvent.account_id) == account_id)
                        .order_by(col(SecurityEvent.id))).all())


def kinds(db, account_id) -> list[str]:
    return [e.kind for e in events(db, account_id)]


@pytest.fixture
def sign_in(db, confirmed_account):
    """A signed-in session of the account at ``now``; returns its id."""

    def open_session(now, client=CLIENT) -> int:
        token = sessions.start(db, confirmed_account, user_agent=client.user_agent, client_ip=client.ip, now=now)
        return sessions.current(db, token, now).session_id

    return open_session


@pytest.fixture
def ask_recovery(db, t0):
    def ask(client=CLIENT, now=None):
        result = recovery.request(db, cpf=CPF, email=EMAIL, client_ip=client.ip, user_agent=client.user_agent,
                                  limiter=Limiter("memory://"), now=now or t0)
        assert result.status == recovery.RecoveryStatus.SENT
        return result

    return ask


def test_new_account_has_no_events(db, confirmed_account):
    assert events(db, confirmed_account) == []


def test_sign_in_records_login_ok_with_address_and_browser(db, confirmed_account, password, t0):
    assert login.authenticate(db, cpf=CPF, password=password, client=CLIENT, now=t0).status == login.LoginStatus.OK
    [event] = events(db, confirmed_account)
    assert (event.kind, event.client_ip, event.user_agent, event.created_at) == (
        "login_ok", CLIENT.ip, CLIENT.user_agent, t0)


def test_wrong_password_records_login_failed_with_address_and_browser(db, confirmed_account, t0):
    login.authenticate(db, cpf=CPF, password="não é esta", client=CLIENT, now=t0)
    [event] = events(db, confirmed_account)
    assert (event.kind, event.client_ip, event.user_agent) == ("login_failed", CLIENT.ip, CLIENT.user_agent)


def test_fifth_failure_also_records_login_blocked(db, confirmed_account, t0):
    for _ in range(5):
        login.authenticate(db, cpf=CPF, password="não é esta", client=CLIENT, now=t0)
    assert kinds(db, confirmed_account) == ["login_failed"] * 5 + ["login_blocked"]


def test_unknown_cpf_records_nothing(db, confirmed_account, password, t0):
    login.authenticate(db, cpf="111.444.777-35", password=password, client=CLIENT, now=t0)
    assert db.exec(select(func.count()).select_from(SecurityEvent)).one() == 0


def test_long_user_agent_is_cut_to_300_characters(db, confirmed_account, password, t0):
    login.authenticate(db, cpf=CPF, password=password, client=Client("10.0.0.1", "x" * 1000), now=t0)
    assert events(db, confirmed_account)[0].user_agent == "x" * 300


def test_recovery_request_records_recovery_requested(db, confirmed_account, ask_recovery, t0):
    ask_recovery()
    [event] = events(db, confirmed_account)
    assert (event.kind, event.client_ip, event.user_agent, event.created_at) == (
        "recovery_requested", CLIENT.ip, CLIENT.user_agent, t0)


def test_temporary_password_sign_in_records_temporary_password_used(db, confirmed_account, ask_recovery, outbox, t0):
    ask_recovery()
    temporary = _TEMPORARY.search(outbox()[-1].body_text).group(0)
    result = login.authenticate(db, cpf=CPF, password=temporary, client=OTHER, now=t0 + timedelta(minutes=1))
    assert result.temporary
    event = events(db, confirmed_account)[-1]
    assert (event.kind, event.client_ip, event.user_agent) == ("temporary_password_used", OTHER.ip, OTHER.user_agent)


def test_change_password_records_password_changed(db, confirmed_account, password, sign_in, t0):
    session_id = sign_in(t0)
    result = profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=password,
                                     new=NEW_PASSWORD, confirm=NEW_PASSWORD, client=CLIENT, now=t0)
    assert result.ok, result.errors
    [event] = events(db, confirmed_account)
    assert (event.kind, event.client_ip, event.user_agent) == ("password_changed", CLIENT.ip, CLIENT.user_agent)


def test_refused_password_change_records_only_the_wrong_current_password(db, confirmed_account, sign_in, t0):
    session_id = sign_in(t0)
    result = profile.change_password(db, account_id=confirmed_account, session_id=session_id, current="errada",
                                     new=NEW_PASSWORD, confirm=NEW_PASSWORD, client=CLIENT, now=t0)
    assert not result.ok
    assert kinds(db, confirmed_account) == ["current_password_failed"]


def test_email_change_request_records_email_change_requested(db, confirmed_account, password, t0):
    result = profile.request_email_change(db, account_id=confirmed_account, password=password,
                                          new_email="maria.nova@example.com", client=CLIENT, now=t0)
    assert result.ok, result.errors
    [event] = events(db, confirmed_account)
    assert (event.kind, event.client_ip, event.user_agent) == ("email_change_requested", CLIENT.ip,
                                                               CLIENT.user_agent)


def test_confirming_the_new_email_records_email_changed(db, confirmed_account, password, latest_token, t0):
    profile.request_email_change(db, account_id=confirmed_account, password=password,
                                 new_email="maria.nova@example.com", client=CLIENT, now=t0)
    later = t0 + timedelta(minutes=3)
    result = confirmation.confirm(db, latest_token("maria.nova@example.com"), now=later)
    assert result.status == confirmation.ConfirmStatus.EMAIL_CHANGED
    assert kinds(db, confirmed_account) == ["email_change_requested", "email_changed"]
    assert events(db, confirmed_account)[-1].created_at == later


def test_end_other_sessions_records_sessions_ended(db, confirmed_account, sign_in, t0):
    sign_in(t0, OTHER)
    current = sign_in(t0)
    assert sessions.end_other_sessions(db, confirmed_account, current, client=CLIENT) == 1
    [event] = events(db, confirmed_account)
    assert (event.kind, event.client_ip, event.user_agent) == ("sessions_ended", CLIENT.ip, CLIENT.user_agent)


def test_end_other_sessions_without_others_records_nothing(db, confirmed_account, sign_in, t0):
    current = sign_in(t0)
    assert sessions.end_other_sessions(db, confirmed_account, current, client=CLIENT) == 0
    assert events(db, confirmed_account) == []


def test_revoke_session_records_sessions_ended(db, confirmed_account, sign_in, t0):
    other = sign_in(t0, OTHER)
    assert sessions.revoke_session(db, confirmed_account, other, now=t0, client=CLIENT)
    [event] = events(db, confirmed_account)
    assert (event.kind, event.client_ip, event.created_at) == ("sessions_ended", CLIENT.ip, t0)


def test_not_me_records_sessions_ended(db, confirmed_account, password, sign_in, outbox, t0):
    session_id = sign_in(t0)
    profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=password,
                            new=NEW_PASSWORD, confirm=NEW_PASSWORD, client=OTHER, now=t0)
    token = _NOT_ME.search(outbox()[-1].body_text).group(1)
    assert profile.not_me(db, token, client=CLIENT, now=t0 + timedelta(hours=1))
    assert kinds(db, confirmed_account) == ["password_changed", "password_suspended", "sessions_ended"]
    assert events(db, confirmed_account)[-1].client_ip == CLIENT.ip


def test_recent_lists_newest_first(db, confirmed_account, t0):
    for minutes, kind in ((0, Event.LOGIN_OK), (2, Event.PASSWORD_CHANGED), (1, Event.LOGIN_FAILED)):
        activity.record(db, confirmed_account, kind, CLIENT, t0 + timedelta(minutes=minutes))
    db.commit()
    assert [e.kind for e in activity.recent(db, confirmed_account)] == [
        "password_changed", "login_failed", "login_ok"]


def test_recent_lists_at_most_limit_events(db, confirmed_account, t0):
    for n in range(25):
        activity.record(db, confirmed_account, Event.LOGIN_OK, CLIENT, t0 + timedelta(minutes=n))
    db.commit()
    assert len(activity.recent(db, confirmed_account)) == 20
    newest = activity.recent(db, confirmed_account, limit=3)
    assert [e.created_at for e in newest] == [t0 + timedelta(minutes=n) for n in (24, 23, 22)]


def test_recent_leaves_out_other_accounts(db, confirmed_account, t0):
    activity.record(db, confirmed_account, Event.LOGIN_OK, CLIENT, t0)
    db.commit()
    assert activity.recent(db, confirmed_account + 1) == []


def test_export_includes_the_activity(db, confirmed_account, password, t0):
    login.authenticate(db, cpf=CPF, password=password, client=CLIENT, now=t0)
    exported = privacy.export_data(db, confirmed_account)
    assert exported["atividade"] == [
        {"quando": t0.isoformat(), "evento": "login_ok", "navegador": CLIENT.user_agent, "endereco": CLIENT.ip}]


def test_deleting_the_account_deletes_its_events(db, confirmed_account, password, t0):
    login.authenticate(db, cpf=CPF, password=password, client=CLIENT, now=t0)
    login.authenticate(db, cpf=CPF, password="errada", client=CLIENT, now=t0)
    assert len(events(db, confirmed_account)) == 2
    assert privacy.delete_account(db, confirmed_account, password, now=t0).errors == {}
    db.expire_all()
    assert db.exec(select(func.count()).select_from(SecurityEvent)).one() == 0
