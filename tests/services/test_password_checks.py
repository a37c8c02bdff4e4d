"""Minha conta asks for the current password to change the password or the e-mail and to
delete the account. Those checks are limited like sign-in: a wrong current password is a
sign-in failure of the account and of the client address, and while a limit runs nothing is
checked or changed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.accounts import activity, login, login_limits, passwords, privacy, profile, sessions
from portal.accounts.activity import Client
from portal.accounts.login import LoginStatus
from portal.models import Account
from portal.core.ratelimit import Limiter

CPF = "529.982.247-25"
UNKNOWN_CPF = "111.444.777-35"
EMAIL = "maria@example.com"
WRONG = "senha errada de propósito"
NEW_PASSWORD = "girafa roxa dança forró no sábado"
HOME = Client("198.51.100.10", "Firefox")
OFFICE = Client("203.0.113.20", "Chrome")


@pytest.fixture
def limiter():
    return Limiter("memory://")


def _account(db, account_id) -> Account | None:
    db.expire_all()
    return db.get(Account, account_id)


@pytest.fixture(params=["change_password", "request_email_change", "delete_account"])
def check(request, db, confirmed_account, t0):
    """Run one of the three services with ``current`` as the current password; returns its result."""
    session_id = sessions.current(db, sessions.start(db, confirmed_account, now=t0), now=t0).session_id

    def run(current: str, *, now, client=HOME, limiter=None):
        limits = {"client": client, "limiter": limiter, "now": now}
        if request.param == "change_password":
            return profile.change_password(db, account_id=confirmed_account, session_id=session_id,
                                           current=current, new=NEW_PASSWORD, confirm=NEW_PASSWORD, **limits)
        if request.param == "request_email_change":
            return profile.request_email_change(db, account_id=confirmed_account, password=current,
                                                new_email="maria.nova@example.org", **limits)
        return privacy.delete_account(db, confirmed_account, current, **limits)

    return run


def _unchanged(db, account_id, hash_before: str) -> bool:
    account = _account(db, account_id)
    return account is not None and account.password_hash == hash_before and account.email == EMAIL


def test_wrong_current_password_is_a_sign_in_failure_of_the_account(db, confirmed_account, check, t0):
    check(WRONG, now=t0)
    assert _account(db, confirmed_account).failed_logins == 1


def test_after_five_wrong_current_passwords_the_right_one_waits(db, confirmed_account, check, password, t0):
    hash_before = _account(db, confirmed_account).password_hash
    for _ in range(login_limits.FREE_FAILURES):
        assert check(WRONG, now=t0).errors
    result = check(password, now=t0 + timedelta(seconds=1))
    assert (result.ok, result.errors, result.retry_in) == (False, {}, 15)
    assert _unchanged(db, confirmed_account, hash_before)


def test_the_wait_ends(db, confirmed_account, check, password, t0):
    for _ in range(login_limits.FREE_FAILURES):
        check(WRONG, now=t0)
    assert check(password, now=t0 + timedelta(seconds=16)).ok


def test_wrong_current_passwords_make_sign_in_wait(db, confirmed_account, check, password, t0):
    for _ in range(login_limits.FREE_FAILURES):
        check(WRONG, now=t0)
    assert login.authenticate(db, cpf=CPF, password=password, now=t0).status == LoginStatus.LIMITED


def test_failed_sign_ins_make_the_check_wait(db, confirmed_account, check, password, t0):
    for _ in range(login_limits.FREE_FAILURES):
        login.authenticate(db, cpf=CPF, password=WRONG, now=t0)
    result = check(password, now=t0)
    assert (result.ok, result.errors) == (False, {}) and result.retry_in > 0


def test_while_limited_the_password_is_not_verified(db, confirmed_account, check, password, t0, monkeypatch):
    for _ in range(login_limits.FREE_FAILURES):
        check(WRONG, now=t0)
    burnt = []

    def refuse(*_args):
        raise AssertionError("the password was verified while limited")

    monkeypatch.setattr(passwords, "verify_and_update", refuse)
    monkeypatch.setattr(passwords, "burn_verify", burnt.append)
    assert check(password, now=t0).retry_in > 0
    assert burnt == [password]


def test_an_address_out_of_sign_in_attempts_waits(db, confirmed_account, check, password, limiter, t0):
    for _ in range(20):  # the address's sign-in attempts a minute, spent on a CPF without account
        login.authenticate(db, cpf=UNKNOWN_CPF, password=WRONG, client=HOME, limiter=limiter, now=t0)
    hash_before = _account(db, confirmed_account).password_hash
    limited = check(password, client=HOME, limiter=limiter, now=t0)
    assert (limited.ok, limited.errors) == (False, {}) and limited.retry_in > 0
    assert _unchanged(db, confirmed_account, hash_before)
    assert check(password, client=OFFICE, limiter=limiter, now=t0).ok


def test_wrong_current_passwords_count_for_the_cpf_from_that_address(db, confirmed_account, check, password,
                                                                    limiter, t0):
    for _ in range(login_limits.FAILURES_PER_CPF_AND_CLIENT.amount):
        check(WRONG, client=HOME, limiter=limiter, now=t0)
    account = _account(db, confirmed_account)
    login_limits.clear(account)  # leave only the per-address count
    db.add(account)
    db.commit()
    from_home = login.authenticate(db, cpf=CPF, password=password, client=HOME, limiter=limiter, now=t0)
    assert from_home.status == LoginStatus.LIMITED
    from_office = login.authenticate(db, cpf=CPF, password=password, client=OFFICE, limiter=limiter, now=t0)
    assert from_office.status == LoginStatus.OK


def test_wrong_current_password_is_recorded_with_the_client(db, confirmed_account, check, t0):
    check(WRONG, client=OFFICE, now=t0)
    [event] = activity.recent(db, confirmed_account)
    assert (event.kind, event.client_ip, event.user_agent) == ("current_password_failed", OFFICE.ip,
                                                               OFFICE.user_agent)


def test_the_failure_that_starts_the_wait_is_recorded(db, confirmed_account, check, t0):
    for _ in range(login_limits.FREE_FAILURES):
        check(WRONG, now=t0)
    assert activity.recent(db, confirmed_account)[0].kind == "login_blocked"


def test_right_current_password_clears_the_failures(db, confirmed_account, password, t0):
    for _ in range(login_limits.FREE_FAILURES - 1):
        profile.request_email_change(db, account_id=confirmed_account, password=WRONG,
                                     new_email="maria.nova@example.org", now=t0)
    assert profile.request_email_change(db, account_id=confirmed_account, password=password,
                                        new_email="maria.nova@example.org", now=t0).ok
    assert _account(db, confirmed_account).failed_logins == 0
