"""Sign-in with CPF and password."""

import re

import pytest
from passlib.hash import bcrypt
from sqlalchemy import event
from sqlmodel import Session, select
from portal.accounts import login, login_limits, recovery, sessions
from portal.accounts.login import LoginStatus
from portal.core.db import committed
from portal.models import Account, AuthSession
from portal.core.ratelimit import Limiter

# As the sign-in's caller runs it (web.sign_in_form): authenticate, then its commit.
sign_in = committed(login.authenticate)


def test_confirmed_account_signs_in_with_formatted_or_bare_cpf(db, confirmed_account, password):
    for cpf in ("529.982.247-25", "52998224725"):
        result = login.authenticate(db, cpf=cpf, password=password)
        assert result == login.LoginResult(LoginStatus.OK, confirmed_account, "maria@example.com")


def test_wrong_password_is_invalid(db, confirmed_account, password):
    assert login.authenticate(db, cpf="52998224725", password=password + "x") == login.LoginResult(
        LoginStatus.INVALID)


@pytest.mark.parametrize("cpf", ["111.444.777-35", "39053344705"])  # valid CPFs without an account
def test_unknown_cpf_is_invalid(db, confirmed_account, password, cpf):
    assert login.authenticate(db, cpf=cpf, password=password).status == LoginStatus.INVALID


@pytest.mark.parametrize("cpf", ["", "123", "529.982.247-24", "11111111111", "abc"])
def test_malformed_cpf_is_invalid(db, confirmed_account, password, cpf):
    assert login.authenticate(db, cpf=cpf, password=password).status == LoginStatus.INVALID


def test_unconfirmed_account_with_right_password_is_told_to_confirm(db, pending_account, password):
    result = login.authenticate(db, cpf="52998224725", password=password)
    assert result == login.LoginResult(LoginStatus.UNCONFIRMED, pending_account, "maria@example.com")


def test_unconfirmed_account_with_wrong_password_is_invalid(db, pending_account):
    result = login.authenticate(db, cpf="52998224725", password="senha errada demais")
    assert result.status == LoginStatus.INVALID


@pytest.mark.production_hashing  # the upgrade is to the production parameters
def test_legacy_bcrypt_hash_is_upgraded_to_argon2_at_sign_in(db, confirmed_account):
    account = db.get(Account, confirmed_account)
    account.password_hash = bcrypt.hash("senha do portal antigo")
    db.add(account)
    db.commit()
    result = sign_in(db, cpf="52998224725", password="senha do portal antigo")
    assert result.status == LoginStatus.OK
    db.expire_all()
    assert db.get(Account, confirmed_account).password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    again = login.authenticate(db, cpf="52998224725", password="senha do portal antigo")
    assert again.status == LoginStatus.OK


def test_legacy_hash_is_kept_after_a_wrong_password(db, confirmed_account):
    account = db.get(Account, confirmed_account)
    legacy = bcrypt.hash("senha do portal antigo")
    account.password_hash = legacy
    db.add(account)
    db.commit()
    assert login.authenticate(db, cpf="52998224725", password="outra").status == LoginStatus.INVALID
    db.expire_all()
    assert db.get(Account, confirmed_account).password_hash == legacy


BROWSER = "f" * 64  # the hash of the test browser's id cookie


def _commits(db) -> list[int]:
    seen: list[int] = []
    event.listen(db, "after_commit", lambda _session: seen.append(1))
    return seen


def test_a_sign_in_and_its_session_are_one_commit(db, confirmed_account, password):
    commits = _commits(db)
    result = sign_in(db, cpf="52998224725", password=password, opens=login.Opens(browser_hash=BROWSER))
    assert result.status is LoginStatus.OK and len(commits) == 1
    signed_in = sessions.current(db, result.credential)
    assert signed_in is not None and signed_in.account.id == confirmed_account


def test_a_failed_sign_in_opens_nothing(db, confirmed_account, password):
    result = login.authenticate(db, cpf="52998224725", password=password + "x",
                                opens=login.Opens(browser_hash=BROWSER))
    assert result.credential == ""
    assert db.exec(select(AuthSession)).all() == []


# --- the caller owns the transaction ----------------------------------------------------------

def _suspend(db, account_id) -> None:
    account = db.get(Account, account_id)
    account.password_suspended_at = account.created_at
    db.add(account)
    db.commit()


def _temporary(db, outbox) -> str:
    asked = recovery.request(db, cpf="529.982.247-25", email="maria@example.com", client_ip="10.0.0.1",
                             limiter=Limiter("memory://"))
    assert asked.status == recovery.RecoveryStatus.SENT
    return re.search(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b", outbox()[-1].body_text).group(0)


@pytest.mark.parametrize(("case", "status"), [
    ("right", LoginStatus.OK), ("wrong", LoginStatus.INVALID), ("temporary", LoginStatus.OK),
    ("suspended", LoginStatus.SUSPENDED), ("unconfirmed", LoginStatus.UNCONFIRMED),
])
def test_authenticate_commits_nothing_whatever_the_answer(db, request, password, outbox, case, status):
    account_id = request.getfixturevalue("pending_account" if case == "unconfirmed" else "confirmed_account")
    if case == "suspended":
        _suspend(db, account_id)
    typed = {"wrong": password + "x", "temporary": _temporary(db, outbox) if case == "temporary" else ""}
    commits = _commits(db)
    result = login.authenticate(db, cpf="52998224725", password=typed.get(case) or password,
                                opens=login.Opens(browser_hash=BROWSER))
    assert result.status is status and commits == []
    db.rollback()  # the caller's to keep or not: nothing of the sign-in remains
    account = db.get(Account, account_id)
    assert (account.failed_logins, bool(account.temp_password_hash)) == (0, case == "temporary")
    assert db.exec(select(AuthSession)).all() == []


def _another_session(db) -> Session:
    return Session(db.get_bind(), expire_on_commit=False)


def test_through_its_caller_a_refused_sign_in_keeps_the_failure_it_counted(db, confirmed_account, password):
    for _ in range(login_limits.FREE_FAILURES):
        assert sign_in(db, cpf="52998224725", password=password + "x").status is LoginStatus.INVALID
    db.rollback()  # what the caller did not commit would go here
    with _another_session(db) as other:
        account = other.get(Account, confirmed_account)
        assert account.failed_logins == login_limits.FREE_FAILURES and account.login_blocked_until is not None


def test_through_its_caller_a_temporary_password_is_spent_with_the_sign_in(db, confirmed_account, outbox):
    typed = _temporary(db, outbox)
    assert sign_in(db, cpf="52998224725", password=typed).temporary
    db.rollback()
    with _another_session(db) as other:
        assert other.get(Account, confirmed_account).temp_password_hash is None
    assert sign_in(db, cpf="52998224725", password=typed).status is LoginStatus.INVALID
