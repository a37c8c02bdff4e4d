"""Password recovery: a confirmed CPF + e-mail pair gets a single-use, expiring temporary password."""

import re
from datetime import timedelta

import pytest

from portal.core import config
from portal.accounts import cpf as cpf_rules
from portal.accounts import login, recovery
from portal.accounts.login import LoginStatus
from portal.accounts.recovery import RecoveryStatus
from portal.mail.messages import local_time
from portal.models import Account
from portal.core.ratelimit import Limiter
from tests.services.conftest import T0

CPF = "529.982.247-25"
EMAIL = "maria@example.com"
_TEMPORARY = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


@pytest.fixture
def limiter():
    return Limiter("memory://")


@pytest.fixture
def ask(db, limiter, t0):
    """Request recovery (defaults: the fixture account's pair, at t0, from 10.0.0.1)."""

    def call(cpf=CPF, email=EMAIL, client_ip="10.0.0.1", now=None):
        return recovery.request(db, cpf=cpf, email=email, client_ip=client_ip, limiter=limiter, now=now or t0)

    return call


@pytest.fixture
def temporary(outbox):
    """The temporary password in the newest mail."""

    def read() -> str:
        match = _TEMPORARY.search(outbox()[-1].body_text)
        assert match, outbox()[-1].body_text
        return match.group(0)

    return read


def _account(db, account_id) -> Account:
    db.expire_all()
    return db.get(Account, account_id)


def _sign_in(db, password, now=T0):
    # The temporary passwords of these tests are issued at T0: sign in on the same clock.
    return login.authenticate(db, cpf=CPF, password=password, now=now)


# --- request -----------------------------------------------------------------------------------

@pytest.mark.parametrize("email", [EMAIL, "MARIA@EXAMPLE.COM", "Maria@Example.com", "  maria@example.com "])
def test_confirmed_pair_is_sent_with_email_compared_without_case(ask, confirmed_account, email):
    assert ask(email=email) == recovery.RecoveryResult(RecoveryStatus.SENT, account_id=confirmed_account)


def test_sent_writes_one_mail_with_the_password_and_its_expiry(ask, outbox, confirmed_account, t0):
    before = len(outbox())
    ask()
    mails = outbox()[before:]
    assert len(mails) == 1
    assert mails[0].to_address == EMAIL
    assert _TEMPORARY.search(mails[0].body_text)
    assert local_time(t0 + timedelta(hours=2)) in mails[0].body_text


def test_sent_stores_only_a_hash_expiring_in_2_hours(db, ask, temporary, confirmed_account, t0):
    ask()
    account = _account(db, confirmed_account)
    assert account.temp_password_hash
    assert temporary() not in account.temp_password_hash
    assert recovery.normalize_temporary(temporary()) not in account.temp_password_hash
    assert account.temp_password_expires_at == t0 + timedelta(hours=2)


def test_ttl_setting_is_respected(db, ask, outbox, confirmed_account, t0, monkeypatch):
    monkeypatch.setenv("PORTAL_TEMP_PASSWORD_TTL_HOURS", "0.5")
    config.settings.cache_clear()
    ask()
    assert _account(db, confirmed_account).temp_password_expires_at == t0 + timedelta(minutes=30)
    assert local_time(t0 + timedelta(minutes=30)) in outbox()[-1].body_text


@pytest.fixture
def joao(db, make_form, latest_token, t0):
    """A second confirmed account: CPF 111.444.777-35, joao@example.com."""
    from portal.accounts import confirmation, signup

    result = signup.register(db, make_form(full_name="João Pereira", cpf="111.444.777-35",
                                           email="joao@example.com"), now=t0)
    assert result.ok, result.errors
    assert confirmation.confirm(db, latest_token("joao@example.com"), now=t0).status == "ok"
    return result.account_id


@pytest.mark.parametrize(
    ("cpf", "email"),
    [
        ("390.533.447-05", EMAIL),  # unknown CPF
        (CPF, "maria@example.org"),  # wrong e-mail
        ("111.444.777-35", EMAIL),  # right e-mail, another account's CPF
        (CPF, "joao@example.com"),  # another account's e-mail
    ],
)
def test_pair_that_does_not_match_is_not_found_and_sends_nothing(db, ask, outbox, confirmed_account, joao, cpf,
                                                                 email):
    before = len(outbox())
    assert ask(cpf=cpf, email=email) == recovery.RecoveryResult(RecoveryStatus.NOT_FOUND)
    assert len(outbox()) == before
    assert _account(db, confirmed_account).temp_password_hash is None
    assert _account(db, joao).temp_password_hash is None


def test_pending_account_is_unconfirmed_and_gets_no_mail(db, ask, outbox, pending_account):
    before = len(outbox())
    assert ask() == recovery.RecoveryResult(RecoveryStatus.UNCONFIRMED, account_id=pending_account)
    assert len(outbox()) == before
    assert _account(db, pending_account).temp_password_hash is None


@pytest.mark.parametrize(
    ("cpf", "email", "errors"),
    [
        ("", EMAIL, {"cpf": ["cpf_required"]}),
        ("   ", EMAIL, {"cpf": ["cpf_required"]}),
        ("529.982.247-24", EMAIL, {"cpf": ["cpf_invalid"]}),
        (CPF, "", {"email": ["email_required"]}),
        (CPF, "maria@", {"email": ["email_invalid"]}),
        ("123", "sem-arroba", {"cpf": ["cpf_invalid"], "email": ["email_invalid"]}),
    ],
)
def test_bad_fields_are_invalid_with_codes(ask, confirmed_account, cpf, email, errors):
    assert ask(cpf=cpf, email=email) == recovery.RecoveryResult(RecoveryStatus.INVALID, errors)


def test_invalid_requests_do_not_count_towards_the_limit(ask, confirmed_account):
    for _ in range(10):
        assert ask(cpf="123").status == RecoveryStatus.INVALID
    assert ask().status == RecoveryStatus.SENT


# --- throttling --------------------------------------------------------------------------------

def test_sixth_request_for_a_cpf_within_an_hour_is_limited_from_any_address(ask, confirmed_account):
    for n in range(5):
        assert ask(client_ip=f"10.0.0.{n}").status == RecoveryStatus.SENT
    limited = ask(client_ip="10.9.9.9")
    assert limited.status == RecoveryStatus.LIMITED
    assert 1 <= limited.retry_in <= 3600


def test_limit_per_cpf_counts_not_found_answers_too(ask, confirmed_account):
    for n in range(5):
        assert ask(email=f"outra{n}@example.com").status == RecoveryStatus.NOT_FOUND
    assert ask().status == RecoveryStatus.LIMITED


def test_twenty_first_request_from_one_address_is_limited_for_any_cpf(ask, confirmed_account):
    cpfs = [cpf_rules.generate(f"{100000000 + n}") for n in range(21)]
    for cpf in cpfs[:20]:
        assert ask(cpf=cpf).status == RecoveryStatus.NOT_FOUND
    limited = ask(cpf=CPF)
    assert limited.status == RecoveryStatus.LIMITED
    assert 1 <= limited.retry_in <= 3600
    assert ask(cpf=CPF, client_ip="10.0.0.2").status == RecoveryStatus.SENT


def test_limited_request_changes_nothing(db, ask, outbox, confirmed_account):
    for _ in range(5):
        ask()
    stored = _account(db, confirmed_account).temp_password_hash
    before = len(outbox())
    assert ask().status == RecoveryStatus.LIMITED
    assert len(outbox()) == before
    assert _account(db, confirmed_account).temp_password_hash == stored


# --- using the temporary password --------------------------------------------------------------

def test_old_password_still_works_after_a_request(db, ask, confirmed_account, password):
    ask()
    result = _sign_in(db, password)
    assert result.status == LoginStatus.OK
    assert result.temporary is False


def test_old_password_sign_in_keeps_the_temporary_password(db, ask, temporary, confirmed_account, password, t0):
    ask()
    _sign_in(db, password)
    assert recovery.use_temporary(db, _account(db, confirmed_account), temporary(), now=t0)


def test_sign_in_with_temporary_password_is_ok_and_flagged(db, ask, temporary, confirmed_account):
    ask()
    result = _sign_in(db, temporary())
    assert result == login.LoginResult(LoginStatus.OK, confirmed_account, EMAIL, temporary=True)


def test_new_request_replaces_the_previous_temporary_password(db, ask, temporary, confirmed_account, t0):
    ask()
    first = temporary()
    ask(now=t0 + timedelta(minutes=1))
    second = temporary()
    assert first != second
    account = _account(db, confirmed_account)
    assert recovery.use_temporary(db, account, first, now=t0 + timedelta(minutes=2)) is False
    assert recovery.use_temporary(db, _account(db, confirmed_account), second, now=t0 + timedelta(minutes=2))


@pytest.mark.parametrize(
    "shape", [str.lower, lambda p: p.replace("-", " "), lambda p: p.replace("-", ""),
              lambda p: " " + p.lower().replace("-", "  ") + " "],
)
def test_temporary_password_tolerates_case_spaces_and_missing_hyphens(db, ask, temporary, confirmed_account, t0,
                                                                      shape):
    ask()
    assert recovery.use_temporary(db, _account(db, confirmed_account), shape(temporary()), now=t0)


def test_temporary_password_typed_in_lower_case_signs_in(db, ask, temporary, confirmed_account):
    ask()
    assert _sign_in(db, temporary().lower().replace("-", " ")).temporary is True


def test_temporary_password_works_once(db, ask, temporary, confirmed_account):
    ask()
    assert _sign_in(db, temporary()).status == LoginStatus.OK
    assert _sign_in(db, temporary()).status == LoginStatus.INVALID


def test_use_clears_the_stored_temporary_password(db, ask, temporary, confirmed_account, t0):
    ask()
    assert recovery.use_temporary(db, _account(db, confirmed_account), temporary(), now=t0)
    account = _account(db, confirmed_account)
    assert account.temp_password_hash is None
    assert account.temp_password_expires_at is None


@pytest.mark.parametrize(
    ("age", "works"),
    [(timedelta(hours=1, minutes=59, seconds=59), True), (timedelta(hours=2), False), (timedelta(days=1), False)],
)
def test_temporary_password_expires_after_2_hours(db, ask, temporary, confirmed_account, t0, age, works):
    ask()
    assert recovery.use_temporary(db, _account(db, confirmed_account), temporary(), now=t0 + age) is works


def test_wrong_temporary_password_is_refused_and_kept(db, ask, temporary, confirmed_account, t0):
    ask()
    assert recovery.use_temporary(db, _account(db, confirmed_account), "AAAA-BBBB-CCCC", now=t0) is False
    assert recovery.use_temporary(db, _account(db, confirmed_account), temporary(), now=t0)


def test_account_without_temporary_password_refuses_any(db, confirmed_account, t0):
    assert recovery.use_temporary(db, _account(db, confirmed_account), "AAAA-BBBB-CCCC", now=t0) is False


def test_of_two_uses_of_the_same_temporary_password_only_one_wins(db, ask, temporary, confirmed_account, t0):
    ask()
    account = _account(db, confirmed_account)
    typed = temporary()
    results = [recovery.use_temporary(db, account, typed, now=t0), recovery.use_temporary(db, account, typed, now=t0)]
    assert results == [True, False]


def test_of_two_sessions_using_the_same_temporary_password_only_one_wins(db, ask, temporary, confirmed_account, t0):
    """Two requests in flight: each loaded the account before either spent the password."""
    from sqlmodel import Session

    ask()
    typed = temporary()
    with Session(db.get_bind(), expire_on_commit=False) as other:
        first = db.get(Account, confirmed_account)
        db.commit()  # no open transaction waits on the other session
        second = other.get(Account, confirmed_account)
        other.commit()
        assert first.temp_password_hash and second.temp_password_hash
        results = []
        for session, account in ((db, first), (other, second)):
            results.append(recovery.use_temporary(session, account, typed, now=t0))
            session.commit()  # as the sign-in's caller does
    assert sorted(results) == [False, True]
