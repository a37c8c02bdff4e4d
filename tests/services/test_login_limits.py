"""Sign-in limits: per (CPF, client address), per client address, and per account across addresses."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

import pytest

from portal.core import config
from portal.accounts import cpf as cpf_rules
from portal.accounts import login, login_limits, profile, recovery, sessions, signup
from portal.accounts.activity import Client
from portal.accounts.login import LoginResult, LoginStatus
from portal.core.db import committed
from portal.models import Account
from portal.core.ratelimit import Limiter


CPF = "529.982.247-25"
EMAIL = "maria@example.com"
UNKNOWN_CPF = "111.444.777-35"  # valid, without an account
WRONG = "senha errada de propósito"
HOME = Client("198.51.100.10", "Firefox")
OFFICE = Client("203.0.113.20", "Chrome")
NEW_PASSWORD = "girafa roxa dança forró no sábado"


@pytest.fixture
def limiter():
    return Limiter("memory://")


def _account(db, account_id) -> Account:
    db.expire_all()
    return db.get(Account, account_id)


def _without_retry(result: LoginResult) -> LoginResult:
    return dataclasses.replace(result, retry_in=0)


def _fail(db, n, *, now, client=HOME, limiter=None, cpf=CPF) -> None:
    for _ in range(n):
        # As the sign-in's callers run it: the refusal is theirs to commit, and they do.
        result = committed(login.authenticate)(db, cpf=cpf, password=WRONG, client=client, limiter=limiter,
                                               now=now)
        assert result.status == LoginStatus.INVALID, result


def _lock(db, account_id, now) -> None:
    """Bring the account to its 100th consecutive failure (the last one through authenticate)."""
    account = _account(db, account_id)
    account.failed_logins = login_limits.LOCK_AT - 1
    account.login_blocked_until = None
    db.add(account)
    db.commit()
    _fail(db, 1, now=now)
    assert _account(db, account_id).failed_logins == login_limits.LOCK_AT


# --- the wait table ------------------------------------------------------------------------------

@pytest.mark.parametrize("failures", [0, 1, 2, 3, 4])
def test_no_wait_below_five_failures(failures):
    assert login_limits.wait_after(failures) is None


@pytest.mark.parametrize(("failures", "wait"), [
    (5, timedelta(seconds=15)),
    (6, timedelta(seconds=30)),
    (7, timedelta(minutes=1)),
    (8, timedelta(minutes=2)),
    (9, timedelta(minutes=4)),
    (10, timedelta(minutes=8)),
])
def test_wait_starts_at_15_seconds_and_doubles(failures, wait):
    assert login_limits.wait_after(failures) == wait


@pytest.mark.parametrize("failures", [11, 12, 20, 50, 98, 99])
def test_wait_is_capped_at_15_minutes_below_100_failures(failures):
    assert login_limits.wait_after(failures) == timedelta(minutes=15)


@pytest.mark.parametrize("failures", [100, 101, 500])
def test_hundred_failures_lock_for_24_hours(failures):
    assert login_limits.wait_after(failures) == timedelta(hours=24)


# --- per (CPF, client address) -------------------------------------------------------------------

def test_sixth_attempt_after_five_failures_from_one_address_is_limited_even_with_the_right_password(
        db, confirmed_account, password, limiter, t0):
    _fail(db, 5, now=t0, limiter=limiter)
    # An hour later for the account (its own wait is over), but the address window is real time.
    result = login.authenticate(db, cpf=CPF, password=password, client=HOME, limiter=limiter,
                                now=t0 + timedelta(hours=1))
    assert result.status == LoginStatus.LIMITED
    assert 0 < result.retry_in <= 60


def test_other_address_is_not_limited_by_the_window_of_the_first(db, confirmed_account, password, limiter, t0):
    _fail(db, 5, now=t0, limiter=limiter)
    result = login.authenticate(db, cpf=CPF, password=password, client=OFFICE, limiter=limiter,
                                now=t0 + timedelta(hours=1))
    assert result == LoginResult(LoginStatus.OK, confirmed_account, EMAIL)


def test_other_address_is_limited_by_the_account_wait_after_the_fifth_failure(
        db, confirmed_account, password, limiter, t0):
    _fail(db, 5, now=t0, limiter=limiter)
    result = login.authenticate(db, cpf=CPF, password=password, client=OFFICE, limiter=limiter,
                                now=t0 + timedelta(seconds=1))
    assert result.status == LoginStatus.LIMITED
    assert 14 <= result.retry_in <= 16


def test_unknown_cpf_is_limited_after_five_failures_from_one_address(db, confirmed_account, limiter, t0):
    _fail(db, 5, now=t0, limiter=limiter, cpf=UNKNOWN_CPF)
    result = login.authenticate(db, cpf=UNKNOWN_CPF, password=WRONG, client=HOME, limiter=limiter, now=t0)
    assert result.status == LoginStatus.LIMITED
    assert 0 < result.retry_in <= 60


def test_limited_unknown_cpf_looks_like_a_limited_known_cpf(db, confirmed_account, password, limiter, t0):
    _fail(db, 5, now=t0, limiter=limiter, cpf=UNKNOWN_CPF)
    _fail(db, 5, now=t0, limiter=limiter, cpf=CPF)
    later = t0 + timedelta(hours=1)
    unknown = login.authenticate(db, cpf=UNKNOWN_CPF, password=WRONG, client=HOME, limiter=limiter, now=later)
    known = login.authenticate(db, cpf=CPF, password=WRONG, client=HOME, limiter=limiter, now=later)
    assert _without_retry(unknown) == _without_retry(known) == LoginResult(LoginStatus.LIMITED)


# --- per client address --------------------------------------------------------------------------

def test_twenty_first_attempt_in_a_minute_from_one_address_is_limited(db, confirmed_account, password, limiter, t0):
    for _ in range(20):
        ok = login.authenticate(db, cpf=CPF, password=password, client=HOME, limiter=limiter, now=t0)
        assert ok.status == LoginStatus.OK
    result = login.authenticate(db, cpf=CPF, password=password, client=HOME, limiter=limiter, now=t0)
    assert result.status == LoginStatus.LIMITED
    assert 0 < result.retry_in <= 60


def test_address_limit_does_not_touch_another_address(db, confirmed_account, password, limiter, t0):
    for _ in range(21):
        login.authenticate(db, cpf=CPF, password=password, client=HOME, limiter=limiter, now=t0)
    result = login.authenticate(db, cpf=CPF, password=password, client=OFFICE, limiter=limiter, now=t0)
    assert result.status == LoginStatus.OK


# --- per account, across addresses --------------------------------------------------------------

def test_account_is_locked_for_24_hours_at_the_100th_consecutive_failure(db, confirmed_account, t0):
    """An attacker who waits out every wait (retrying every 15 min 1 s) gets 100 tries, then a 24 h lock."""
    now, failures = t0, 0
    for _ in range(150):
        result = login.authenticate(db, cpf=CPF, password=WRONG, client=HOME, now=now)
        if result.status == LoginStatus.LIMITED:
            break
        assert result.status == LoginStatus.INVALID
        failures += 1
        now += login_limits.MAX_WAIT + timedelta(seconds=1)
    assert failures == login_limits.LOCK_AT
    assert result.retry_in >= 23 * 3600


def test_while_blocked_even_the_right_password_is_limited(db, confirmed_account, password, t0):
    _fail(db, 5, now=t0)
    result = login.authenticate(db, cpf=CPF, password=password, client=HOME, now=t0 + timedelta(seconds=10))
    assert result.status == LoginStatus.LIMITED
    assert 1 <= result.retry_in <= 6


def test_right_password_works_once_the_wait_is_over(db, confirmed_account, password, t0):
    _fail(db, 5, now=t0)
    result = login.authenticate(db, cpf=CPF, password=password, client=HOME, now=t0 + timedelta(seconds=15))
    assert result.status == LoginStatus.OK


def test_locked_account_refuses_the_right_password(db, confirmed_account, password, t0):
    _lock(db, confirmed_account, t0)
    result = login.authenticate(db, cpf=CPF, password=password, client=HOME, now=t0 + timedelta(hours=23))
    assert result.status == LoginStatus.LIMITED
    assert 3500 <= result.retry_in <= 3601


def test_success_resets_the_count(db, confirmed_account, password, t0):
    _fail(db, 5, now=t0)
    later = t0 + timedelta(seconds=16)
    assert login.authenticate(db, cpf=CPF, password=password, client=HOME, now=later).status == LoginStatus.OK
    _fail(db, 1, now=later)
    account = _account(db, confirmed_account)
    assert (account.failed_logins, account.login_blocked_until) == (1, None)
    assert login.authenticate(db, cpf=CPF, password=password, client=HOME, now=later).status == LoginStatus.OK


# --- recovery lifts the lock ---------------------------------------------------------------------

def _temporary_password(outbox) -> str:
    match = re.search(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b", outbox()[-1].body_text)
    assert match, outbox()[-1].body_text
    return match.group(0)


def test_temporary_password_signs_in_a_locked_account(db, confirmed_account, outbox, t0):
    _lock(db, confirmed_account, t0)
    later = t0 + timedelta(minutes=5)
    sent = recovery.request(db, cpf=CPF, email=EMAIL, client_ip=HOME.ip, limiter=Limiter("memory://"), now=later)
    assert sent.status == recovery.RecoveryStatus.SENT
    result = login.authenticate(db, cpf=CPF, password=_temporary_password(outbox), client=HOME, now=later)
    assert result == LoginResult(LoginStatus.OK, confirmed_account, EMAIL, temporary=True)


def test_wrong_password_of_a_locked_account_with_a_temporary_one_is_still_limited(
        db, confirmed_account, password, t0):
    _lock(db, confirmed_account, t0)
    later = t0 + timedelta(minutes=5)
    recovery.request(db, cpf=CPF, email=EMAIL, client_ip=HOME.ip, limiter=Limiter("memory://"), now=later)
    result = login.authenticate(db, cpf=CPF, password=password, client=HOME, now=later)
    assert result.status == LoginStatus.LIMITED


def test_setting_a_new_password_clears_the_lock(db, confirmed_account, outbox, t0):
    later = t0 + timedelta(minutes=5)
    recovery.request(db, cpf=CPF, email=EMAIL, client_ip=HOME.ip, limiter=Limiter("memory://"), now=later)
    assert login.authenticate(db, cpf=CPF, password=_temporary_password(outbox), now=later).temporary
    signed_in = sessions.current(db, sessions.start(db, confirmed_account, must_change_password=True, now=later),
                                 now=later)
    # Meanwhile someone else keeps guessing until the account is locked.
    _lock(db, confirmed_account, later)
    result = profile.set_new_password(db, account_id=confirmed_account, session_id=signed_in.session_id,
                                      new=NEW_PASSWORD, confirm=NEW_PASSWORD, now=later + timedelta(minutes=1))
    assert result.ok, result.errors
    account = _account(db, confirmed_account)
    assert (account.failed_logins, account.login_blocked_until) == (0, None)
    again = login.authenticate(db, cpf=CPF, password=NEW_PASSWORD, now=later + timedelta(minutes=2))
    assert again.status == LoginStatus.OK


# --- PORTAL_CLIENT_LIMITS ------------------------------------------------------------------------

def _register_three(db, make_form, limiter, t0):
    results = []
    for n in range(3):
        cpf = cpf_rules.format_cpf(cpf_rules.generate(f"{123456780 + n}"))
        form = make_form(cpf=cpf, email=f"pessoa{n}@example.com")
        results.append(signup.register(db, form, now=t0, limiter=limiter, client_ip=HOME.ip))
    return results


def test_client_limits_setting_lowers_the_signup_limit(db, make_form, limiter, t0, monkeypatch):
    monkeypatch.setenv("PORTAL_CLIENT_LIMITS", "signup=2/hour")
    config.settings.cache_clear()
    first, second, third = _register_three(db, make_form, limiter, t0)
    assert first.ok and second.ok
    assert not third.ok
    assert third.retry_in > 0
    assert third.account_id is None


def test_without_the_setting_three_signups_from_one_address_are_allowed(db, make_form, limiter, t0, monkeypatch):
    monkeypatch.delenv("PORTAL_CLIENT_LIMITS", raising=False)
    config.settings.cache_clear()
    assert [r.ok for r in _register_three(db, make_form, limiter, t0)] == [True, True, True]
