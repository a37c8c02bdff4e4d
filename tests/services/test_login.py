"""Sign-in with CPF and password."""

import pytest
from passlib.hash import bcrypt
from sqlalchemy import event
from sqlmodel import select

from portal.accounts import login, sessions
from portal.accounts.login import LoginStatus
from portal.models import Account, AuthSession, LoginTicket


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
    result = login.authenticate(db, cpf="52998224725", password="senha do portal antigo")
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


def test_a_sign_in_and_its_ticket_are_one_commit(db, confirmed_account, password):
    commits = _commits(db)
    result = login.authenticate(db, cpf="52998224725", password=password, opens=login.Opens(browser_hash=BROWSER))
    assert result.status is LoginStatus.OK and len(commits) == 1
    assert sessions.redeem_ticket(db, result.credential, browser_hash=BROWSER)
    assert sessions.redeem_ticket(db, result.credential, browser_hash=BROWSER) is None  # single use


def test_a_sign_in_without_a_browser_opens_a_session_in_the_same_commit(db, confirmed_account, password):
    commits = _commits(db)
    result = login.authenticate(db, cpf="52998224725", password=password, opens=login.Opens(session=True))
    assert len(commits) == 1
    signed_in = sessions.current(db, result.credential)
    assert signed_in is not None and signed_in.account.id == confirmed_account


def test_a_failed_sign_in_opens_nothing(db, confirmed_account, password):
    for opens in (login.Opens(browser_hash=BROWSER), login.Opens(session=True)):
        result = login.authenticate(db, cpf="52998224725", password=password + "x", opens=opens)
        assert result.credential == ""
    assert db.exec(select(LoginTicket)).all() == [] and db.exec(select(AuthSession)).all() == []
