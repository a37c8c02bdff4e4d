"""Sign-in, recovery, "Minha conta", confirmation links and sessions with hostile input.

One hostile field per property, the other fields valid and belonging to a confirmed
account (``confirmed_account``, CPF 529.982.247-25, e-mail maria@example.com, password
``password``). Every call must return normally: a status / error codes with messages, or
a correctly stored value. Examples share the test's database, so a property that can
succeed (a password change) puts the account back as it found it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import event, example, given
from sqlmodel import col, func, select

from portal.accounts import confirmation, email_address, login, login_limits, passwords, profile, recovery, sessions
from portal.accounts import cpf as cpf_rules
from portal.models import Account, AuthSession, EmailToken
from portal.core.ratelimit import Limiter
from tests.properties.conftest import HOSTILE, assert_codes_known, assert_fits_columns
from tests.properties.strategies import hostile_field, hostile_text


CPF = "52998224725"
EMAIL = "maria@example.com"
NEW_PASSWORD = "outra frase bem comprida de senha"


def _nfkc_equal(a: str, b: str) -> bool:
    import unicodedata

    return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)


@pytest.fixture
def signed_in(sqlite_db, confirmed_account, t0):
    """(account id, session id) of a signed-in confirmed account."""
    token = sessions.start(sqlite_db, confirmed_account, now=t0)
    current = sessions.current(sqlite_db, token, now=t0)
    assert current is not None
    return confirmed_account, current.session_id


# --- login.authenticate ---------------------------------------------------------------------
# Every call costs one argon2id verification (~17 ms, also for an unknown CPF): 500 examples
# take about 10 s each. No limiter is passed, and the account's consecutive-failure count is
# cleared before each example: the lockout is not what these properties test.

def _first_try(db, account_id: int) -> None:
    """Clear the account's consecutive failures: those of earlier examples (wrong passwords at
    sign-in or in Minha conta) would make this one wait instead of checking its value."""
    account = db.get(Account, account_id)
    login_limits.clear(account)
    db.add(account)
    db.commit()


def _authenticate(db, account_id, t0, *, cpf: str, password: str) -> login.LoginResult:
    db.rollback()
    _first_try(db, account_id)
    result = login.authenticate(db, cpf=cpf, password=password, now=t0)
    event(f"status: {result.status}")
    assert result.status in (login.LoginStatus.OK, login.LoginStatus.INVALID)
    if result.status is login.LoginStatus.OK:
        assert (result.account_id, result.email, result.temporary) == (account_id, EMAIL, False)
    else:
        assert result.account_id is None
    return result

@HOSTILE
@given(value=hostile_field("529.982.247-25"))
@example(value="５２９.９８２.２４７-２５")
@example(value="529.982.247-25\u0000")
@example(value="' OR '1'='1")
def test_login_cpf(sqlite_db, confirmed_account, t0, password, value):
    result = _authenticate(sqlite_db, confirmed_account, t0, cpf=value, password=password)
    assert (result.status is login.LoginStatus.OK) == (cpf_rules.normalize(value) == CPF)


@HOSTILE
@given(value=hostile_field("jacaré azul come pão de queijo"))
@example(value="jacaré azul come pão de queijo\u0000")
@example(value="jacare\u0301 azul come pa\u0303o de queijo")  # NFD of the right password: NFKC-equal
@example(value="x" * 10_000)
def test_login_password(sqlite_db, confirmed_account, t0, password, value):
    result = _authenticate(sqlite_db, confirmed_account, t0, cpf=CPF, password=value)
    assert (result.status is login.LoginStatus.OK) == _nfkc_equal(value, password)
    sqlite_db.expire_all()
    assert passwords.verify_and_update(password, sqlite_db.get(Account, confirmed_account).password_hash)[0]


# --- recovery.request -----------------------------------------------------------------------

def _recover(db, t0, *, cpf: str, email: str) -> recovery.RecoveryResult:
    db.rollback()
    # A fresh limiter per example: the limit (5 per CPF per hour) is not what is tested here.
    result = recovery.request(db, cpf=cpf, email=email, client_ip="203.0.113.7", limiter=Limiter("memory://"),
                              now=t0)
    assert result.status in set(recovery.RecoveryStatus)
    assert_codes_known(result.errors)
    assert (result.status is recovery.RecoveryStatus.INVALID) == bool(result.errors)
    event(f"status: {result.status} {sorted(result.errors)}")
    return result


@HOSTILE
@given(value=hostile_field("529.982.247-25"))
@example(value="５２９９８２２４７２５")
@example(value="529.982.247-25\u0000")
def test_recovery_cpf(sqlite_db, confirmed_account, t0, value):
    result = _recover(sqlite_db, t0, cpf=value, email=EMAIL)
    assert (result.status is recovery.RecoveryStatus.SENT) == (cpf_rules.normalize(value) == CPF)


@HOSTILE
@given(value=hostile_field(EMAIL))
@example(value="MARIA@EXAMPLE.COM\u00a0")
@example(value="maria@example.com\u0000")
@example(value="\ufeffmaria@example.com")
def test_recovery_email(sqlite_db, confirmed_account, t0, value):
    result = _recover(sqlite_db, t0, cpf=CPF, email=value)
    address = email_address.normalize(value) or ""
    assert (result.status is recovery.RecoveryStatus.SENT) == (address.casefold() == EMAIL)
    if result.status is recovery.RecoveryStatus.SENT:
        sqlite_db.expire_all()
        account = sqlite_db.get(Account, confirmed_account)
        assert account.email == EMAIL and account.temp_password_hash
        assert_fits_columns(account)


# --- profile.change_password ----------------------------------------------------------------
# Argon2-heavy: a verification per example plus a hash per accepted new password.

def _change(db, signed_in, t0, *, current: str, new: str, confirm: str, hash_of_password: str):
    db.rollback()
    account_id, session_id = signed_in
    _first_try(db, account_id)
    result = profile.change_password(db, account_id=account_id, session_id=session_id, current=current, new=new,
                                     confirm=confirm, now=t0)
    assert_codes_known(result.errors)
    event("changed" if result.ok else f"rejected: {sorted(c for v in result.errors.values() for c in v)}")
    db.expire_all()
    account = db.get(Account, account_id)
    if result.ok:
        assert passwords.verify_and_update(new, account.password_hash)[0]
        assert account.password_hash.startswith("$argon2id$") and account.temp_password_hash is None
        assert_fits_columns(account)
        # Put the account back for the next example (a stored hash of the fixture's password).
        account.password_hash = hash_of_password
        db.add(account)
        db.commit()
    else:
        assert account.password_hash == hash_of_password
    return result


@pytest.fixture
def hash_of_password(sqlite_db, confirmed_account):
    return sqlite_db.get(Account, confirmed_account).password_hash


@HOSTILE
@given(value=hostile_field("jacaré azul come pão de queijo"))
@example(value="jacaré azul come pão de queijo\u0000")
@example(value="x" * 10_000)
def test_change_password_current(sqlite_db, signed_in, t0, password, hash_of_password, value):
    result = _change(sqlite_db, signed_in, t0, current=value, new=NEW_PASSWORD, confirm=NEW_PASSWORD,
                     hash_of_password=hash_of_password)
    assert result.ok == _nfkc_equal(value, password)


@HOSTILE
@given(value=hostile_field(NEW_PASSWORD))
@example(value="nova senha com \u0000 no meio")
@example(value="\ufdfa" * 128)
@example(value="x" * 10_000)
@example(value="52998224725 é minha senha")
def test_change_password_new(sqlite_db, signed_in, t0, password, hash_of_password, value):
    _change(sqlite_db, signed_in, t0, current=password, new=value, confirm=value, hash_of_password=hash_of_password)


@HOSTILE
@given(value=hostile_field(NEW_PASSWORD))
def test_change_password_confirm(sqlite_db, signed_in, t0, password, hash_of_password, value):
    result = _change(sqlite_db, signed_in, t0, current=password, new=NEW_PASSWORD, confirm=value,
                     hash_of_password=hash_of_password)
    assert result.ok == (value == NEW_PASSWORD)


# --- profile.request_email_change -----------------------------------------------------------

@HOSTILE
@given(value=hostile_field("nova.maria@example.com"))
@example(value="NOVA.MARIA@EXAMPLE.COM\u0000")
@example(value="MARIA@example.com")  # the current address
@example(value="nova@café.com.br")
def test_request_email_change_new_email(sqlite_db, signed_in, t0, password, value):
    sqlite_db.rollback()
    account_id, _ = signed_in
    # Two hours apart: the resend cooldown never answers instead of the validation.
    now = t0 + timedelta(hours=2 * (1 + sqlite_db.exec(select(func.count()).select_from(EmailToken)).one()))
    result = profile.request_email_change(sqlite_db, account_id=account_id, password=password, new_email=value,
                                          now=now)
    assert_codes_known(result.errors)
    event("requested" if result.ok else f"rejected: {sorted(c for v in result.errors.values() for c in v)}")
    address = email_address.normalize(value)
    sqlite_db.expire_all()
    assert sqlite_db.get(Account, account_id).email == EMAIL  # changes only when the link is opened
    if result.ok:
        assert address and result.email == address and address.casefold() != EMAIL
        row = sqlite_db.exec(select(EmailToken).where(EmailToken.purpose == confirmation.EMAIL_CHANGE)
                             .order_by(col(EmailToken.id).desc())).first()
        assert row.email == address and row.created_at == now
        assert_fits_columns(row)
    else:
        assert result.retry_at is None


@HOSTILE
@given(value=hostile_field("jacaré azul come pão de queijo"))
def test_request_email_change_password(sqlite_db, signed_in, t0, password, value):
    sqlite_db.rollback()
    account_id, _ = signed_in
    _first_try(sqlite_db, account_id)
    result = profile.request_email_change(sqlite_db, account_id=account_id, password=value,
                                          new_email="maria@example.com", now=t0)
    assert_codes_known(result.errors)
    # The current address is refused whatever the password: nothing is ever sent here.
    assert result.errors["change_email"] == ["email_same"]
    assert ("email_password" in result.errors) == (not _nfkc_equal(value, password))


# --- tokens: confirmation links, "Não fui eu", session cookies --------------------------------

@HOSTILE
@given(token=hostile_text())
@example(token="")
@example(token="\u0000")
@example(token="' OR '1'='1")
@example(token="a" * 200)
@example(token="a" * 201)
def test_confirm_token(sqlite_db, pending_account, t0, token):
    sqlite_db.rollback()
    result = confirmation.confirm(sqlite_db, token, now=t0)
    assert result == confirmation.ConfirmResult(confirmation.ConfirmStatus.UNKNOWN)
    sqlite_db.expire_all()
    assert sqlite_db.get(Account, pending_account).confirmed_at is None
    assert confirmation.resend_for_token(sqlite_db, token, now=t0) is None


@HOSTILE
@given(token=hostile_text())
@example(token="")
@example(token="\u0000")
def test_not_me_token(sqlite_db, signed_in, t0, token):
    sqlite_db.rollback()
    assert profile.not_me(sqlite_db, token, now=t0) is False
    assert sessions.current(sqlite_db, None, now=t0) is None
    assert len(sessions.active_sessions(sqlite_db, signed_in[0], now=t0)) == 1  # nothing was revoked


@HOSTILE
@given(user_agent=hostile_text(), client_ip=hostile_text())
def test_a_session_stores_client_details_cut_to_their_columns(sqlite_db, confirmed_account, t0, user_agent,
                                                              client_ip):
    sqlite_db.rollback()
    token = sessions.start(sqlite_db, confirmed_account, user_agent=user_agent, client_ip=client_ip, now=t0)
    assert token
    row = sqlite_db.exec(select(AuthSession).where(AuthSession.token_hash == sessions.token_hash(token))).one()
    assert (row.user_agent, row.client_ip) == (user_agent[:300], client_ip[:64])
    assert_fits_columns(row)


@HOSTILE
@given(token=hostile_text())
@example(token=None)
@example(token="")
@example(token="\u0000")
def test_current_session_token(sqlite_db, signed_in, t0, token):
    sqlite_db.rollback()
    assert sessions.current(sqlite_db, token, now=t0) is None
    assert sessions.current_account(sqlite_db, token, now=t0) is None
    sessions.revoke(sqlite_db, token, now=t0)  # an unknown cookie revokes nothing
    assert len(sessions.active_sessions(sqlite_db, signed_in[0], now=t0)) == 1
