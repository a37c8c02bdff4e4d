"""Signing up again with the CPF of a pending account: the new data wins, within an hourly cap."""

from datetime import timedelta

import pytest

from portal.accounts import signup
from portal.models import Account

EMAILS = [f"maria{n}@example.com" for n in range(10)]


def _again(db, make_form, n, now):
    return signup.register(db, make_form(email=EMAILS[n]), now=now)


def test_pending_cpf_can_sign_up_again_with_new_data(db, make_form, pending_account, t0):
    result = signup.register(db, make_form(full_name="Maria Aparecida Souza", email="maria.certo@example.com"),
                             now=t0 + timedelta(minutes=1))
    assert result.ok
    assert result.account_id == pending_account
    db.expire_all()
    account = db.get(Account, pending_account)
    assert (account.full_name, account.email) == ("Maria Aparecida Souza", "maria.certo@example.com")


def test_four_sign_ups_again_within_an_hour_are_allowed(db, make_form, pending_account, t0):
    # The first sign-up sent link 1; these send links 2 to 5.
    for n in range(1, 5):
        assert _again(db, make_form, n, t0 + timedelta(minutes=n)).ok


def test_after_five_links_in_an_hour_signing_up_again_waits(db, make_form, outbox, pending_account, t0):
    for n in range(1, 5):
        _again(db, make_form, n, t0 + timedelta(minutes=n))
    before = len(outbox())
    result = _again(db, make_form, 5, t0 + timedelta(minutes=10))
    assert result.errors == {"cpf": ["signup_again_wait"]}
    assert result.retry_at == t0 + timedelta(hours=1)
    assert result.account_id is None
    assert len(outbox()) == before
    db.expire_all()
    assert db.get(Account, pending_account).email == EMAILS[4]


@pytest.mark.parametrize(("after", "allowed"), [(timedelta(minutes=59, seconds=59), False), (timedelta(hours=1), True)])
def test_cap_lifts_an_hour_after_the_oldest_link(db, make_form, pending_account, t0, after, allowed):
    for n in range(1, 5):
        _again(db, make_form, n, t0 + timedelta(minutes=n))
    assert _again(db, make_form, 5, t0 + after).ok is allowed


def test_resent_links_count_towards_the_cap(db, make_form, pending_account, t0):
    from portal.accounts import confirmation

    now = t0
    for wait in (60, 120, 300):  # the resend cooldowns
        now += timedelta(seconds=wait)
        assert confirmation.resend(db, pending_account, now=now).sent
    assert _again(db, make_form, 1, now + timedelta(seconds=1)).ok  # link 5
    assert _again(db, make_form, 2, now + timedelta(seconds=2)).errors == {"cpf": ["signup_again_wait"]}


def test_confirmed_cpf_is_taken_not_capped(db, make_form, confirmed_account, t0):
    assert _again(db, make_form, 1, t0 + timedelta(minutes=1)).errors == {"cpf": ["cpf_taken"]}


def test_cap_is_per_cpf(db, make_form, pending_account, t0):
    for n in range(1, 5):
        _again(db, make_form, n, t0 + timedelta(minutes=n))
    other = signup.register(db, make_form(cpf="111.444.777-35", email="joao@example.com"),
                            now=t0 + timedelta(minutes=10))
    assert other.ok


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Maria .", "name_incomplete"),
        ("Maria -", "name_incomplete"),
        ("Maria '", "name_incomplete"),
        ("Maria", "name_incomplete"),
        ("Maria . .", "name_incomplete"),
        ("Maria Silva", None),
        ("Maria S.", None),
        ("Maria da Silva", None),
        ("Maria d'Ávila", None),
        ("José Ó", None),
    ],
)
def test_name_needs_two_words_with_letters(name, problem):
    assert signup.name_problem(name) == problem


def test_sign_up_with_name_maria_dot_is_incomplete(db, make_form, t0):
    result = signup.register(db, make_form(full_name="Maria ."), now=t0)
    assert result.errors == {"full_name": ["name_incomplete"]}
