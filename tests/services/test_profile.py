"""Minha conta: new password (forced or by choice), e-mail change, and "Não fui eu"."""

import re
from datetime import timedelta

import pytest
from sqlmodel import col, select

from portal.accounts import confirmation, login, profile, recovery, sessions, signup
from portal.accounts.confirmation import ConfirmStatus
from portal.accounts.login import LoginStatus
from portal.models import Account, AuthSession, EmailToken, OutboxMessage
from portal.core.ratelimit import Limiter


CPF = "52998224725"
EMAIL = "maria@example.com"
NEW = "tucano verde voa sobre o rio"
_NOT_ME_LINK = re.compile(r"http://portal\.test/auth/nao-fui-eu\?token=([A-Za-z0-9_\-]+)")
_TEMPORARY = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def _account(db, account_id) -> Account:
    db.expire_all()
    return db.get(Account, account_id)


def _session_row(db, session_id) -> AuthSession:
    db.expire_all()
    return db.get(AuthSession, session_id)


@pytest.fixture
def sign_in(db, t0, confirmed_account):
    """A new signed-in session of the account: (token, session id)."""

    def make(now=None, must_change_password=False):
        now = now or t0
        token = sessions.start(db, confirmed_account, now=now, must_change_password=must_change_password)
        return token, sessions.current(db, token, now=now).session_id

    return make


@pytest.fixture
def not_me_token(outbox):
    def read() -> str:
        match = _NOT_ME_LINK.search(outbox()[-1].body_text)
        assert match, outbox()[-1].body_text
        return match.group(1)

    return read


def _set(db, account_id, session_id, new=NEW, confirm=None, now=None):
    return profile.set_new_password(db, account_id=account_id, session_id=session_id, new=new,
                                    confirm=new if confirm is None else confirm, now=now)


def _request_recovery(db, t0) -> str:
    result = recovery.request(db, cpf=CPF, email=EMAIL, client_ip="10.0.0.1", limiter=Limiter("memory://"), now=t0)
    assert result.status == recovery.RecoveryStatus.SENT
    last = db.exec(select(OutboxMessage).order_by(col(OutboxMessage.id).desc())).first()
    return _TEMPORARY.search(last.body_text).group(0)


# --- set_new_password ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("new", "confirm", "errors"),
    [
        ("", "", {"new_password": ["password_required"]}),
        ("curta", "curta", {"new_password": ["password_too_short"]}),
        ("12345678", "12345678", {"new_password": ["password_common"]}),
        ("529982247 é meu cpf", "529982247 é meu cpf", {"new_password": ["password_contains_cpf"]}),
        ("aparecida das flores", "aparecida das flores", {"new_password": ["password_contains_name"]}),
        (NEW, NEW + "!", {"new_password_confirm": ["password_mismatch"]}),
        ("curta", "outra", {"new_password": ["password_too_short"], "new_password_confirm": ["password_mismatch"]}),
    ],
)
def test_set_new_password_applies_the_policy(db, confirmed_account, sign_in, password, t0, new, confirm, errors):
    _, session_id = sign_in()
    result = _set(db, confirmed_account, session_id, new=new, confirm=confirm, now=t0)
    assert result == profile.ProfileResult(errors)
    assert not result.ok
    assert login.authenticate(db, cpf=CPF, password=password).status == LoginStatus.OK


def test_rejected_new_password_changes_nothing_and_mails_nothing(db, confirmed_account, sign_in, outbox, t0):
    token, session_id = sign_in(must_change_password=True)
    other, _ = sign_in()
    before = len(outbox())
    _set(db, confirmed_account, session_id, new="curta", now=t0)
    assert len(outbox()) == before
    assert sessions.current(db, token, now=t0).must_change_password is True
    assert sessions.current(db, other, now=t0) is not None


def test_set_new_password_changes_the_hash(db, confirmed_account, sign_in, password, t0):
    _, session_id = sign_in()
    assert _set(db, confirmed_account, session_id, now=t0).ok
    assert login.authenticate(db, cpf=CPF, password=password).status == LoginStatus.INVALID
    assert login.authenticate(db, cpf=CPF, password=NEW).status == LoginStatus.OK


def test_set_new_password_ends_other_sessions_and_keeps_the_current(db, confirmed_account, sign_in, t0):
    first, _ = sign_in()
    current, session_id = sign_in(must_change_password=True)
    third, _ = sign_in()
    _set(db, confirmed_account, session_id, now=t0)
    assert sessions.current(db, first, now=t0) is None
    assert sessions.current(db, third, now=t0) is None
    kept = sessions.current(db, current, now=t0)
    assert kept is not None and kept.session_id == session_id


def test_set_new_password_clears_must_change_password(db, confirmed_account, sign_in, t0):
    token, session_id = sign_in(must_change_password=True)
    assert sessions.current(db, token, now=t0).must_change_password is True
    _set(db, confirmed_account, session_id, now=t0)
    assert _session_row(db, session_id).must_change_password is False
    assert sessions.current(db, token, now=t0).must_change_password is False


def test_set_new_password_does_not_touch_other_accounts_sessions(db, confirmed_account, sign_in, make_form, t0):
    joao = signup.register(db, make_form(cpf="111.444.777-35", email="joao@example.com"), now=t0).account_id
    account = db.get(Account, joao)
    account.confirmed_at = t0
    db.add(account)
    db.commit()
    joao_token = sessions.start(db, joao, now=t0)
    _, session_id = sign_in()
    _set(db, confirmed_account, session_id, now=t0)
    assert sessions.current(db, joao_token, now=t0) is not None


def test_set_new_password_clears_the_temporary_password(db, confirmed_account, sign_in, t0):
    temporary = _request_recovery(db, t0)
    _, session_id = sign_in()
    _set(db, confirmed_account, session_id, now=t0)
    account = _account(db, confirmed_account)
    assert account.temp_password_hash is None
    assert account.temp_password_expires_at is None
    assert login.authenticate(db, cpf=CPF, password=temporary).status == LoginStatus.INVALID


def test_set_new_password_mails_a_notice_with_a_not_me_link(db, confirmed_account, sign_in, outbox, t0):
    _, session_id = sign_in()
    before = len(outbox())
    _set(db, confirmed_account, session_id, now=t0)
    mails = outbox()[before:]
    assert len(mails) == 1
    assert mails[0].to_address == EMAIL
    assert "Sua senha" in mails[0].subject and "foi alterada" in mails[0].subject
    assert _NOT_ME_LINK.search(mails[0].body_text)


def test_full_recovery_journey(db, confirmed_account, t0, password):
    """Temporary password -> forced session -> new password; the old and temporary ones stop working."""
    temporary = _request_recovery(db, t0)
    result = login.authenticate(db, cpf=CPF, password=temporary.lower(), now=t0)
    assert result.temporary
    token = sessions.start(db, result.account_id, now=t0, must_change_password=result.temporary)
    signed_in = sessions.current(db, token, now=t0)
    assert signed_in.must_change_password
    assert _set(db, confirmed_account, signed_in.session_id, now=t0).ok
    assert sessions.current(db, token, now=t0).must_change_password is False
    for old in (password, temporary):
        assert login.authenticate(db, cpf=CPF, password=old, now=t0).status == LoginStatus.INVALID
    assert login.authenticate(db, cpf=CPF, password=NEW).status == LoginStatus.OK


# --- change_password ----------------------------------------------------------------------------

def test_change_password_with_the_right_current_password(db, confirmed_account, sign_in, password, t0):
    _, session_id = sign_in()
    result = profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=password,
                                     new=NEW, confirm=NEW, now=t0)
    assert result.ok
    assert login.authenticate(db, cpf=CPF, password=NEW).status == LoginStatus.OK


@pytest.mark.parametrize("current", ["", "senha errada qualquer"])
def test_change_password_refuses_a_wrong_current_password(db, confirmed_account, sign_in, password, t0, current):
    _, session_id = sign_in()
    result = profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=current,
                                     new=NEW, confirm=NEW, now=t0)
    assert result == profile.ProfileResult({"current_password": ["current_password_wrong"]})
    assert login.authenticate(db, cpf=CPF, password=password).status == LoginStatus.OK


def test_change_password_reports_current_and_policy_errors_together(db, confirmed_account, sign_in, t0):
    _, session_id = sign_in()
    result = profile.change_password(db, account_id=confirmed_account, session_id=session_id, current="errada",
                                     new="curta", confirm="outra", now=t0)
    assert result.errors == {
        "current_password": ["current_password_wrong"],
        "new_password": ["password_too_short"],
        "new_password_confirm": ["password_mismatch"],
    }


def test_change_password_ends_other_sessions(db, confirmed_account, sign_in, password, t0):
    other, _ = sign_in()
    current, session_id = sign_in()
    profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=password,
                            new=NEW, confirm=NEW, now=t0)
    assert sessions.current(db, other, now=t0) is None
    assert sessions.current(db, current, now=t0) is not None


# --- request_email_change -----------------------------------------------------------------------

def _change(db, account_id, password, new_email="maria.nova@example.org", now=None):
    return profile.request_email_change(db, account_id=account_id, password=password, new_email=new_email, now=now)


@pytest.fixture
def joao(db, make_form, t0, latest_token):
    """Another confirmed account, joao@example.com."""
    result = signup.register(db, make_form(full_name="João Pereira", cpf="111.444.777-35",
                                           email="joao@example.com"), now=t0)
    assert confirmation.confirm(db, latest_token("joao@example.com"), now=t0).status == ConfirmStatus.OK
    return result.account_id


@pytest.mark.parametrize(
    ("typed_password", "new_email", "errors"),
    [
        ("errada", "maria.nova@example.org", {"email_password": ["current_password_wrong"]}),
        (None, "", {"change_email": ["email_required"]}),
        (None, "   ", {"change_email": ["email_required"]}),
        (None, "maria@", {"change_email": ["email_invalid"]}),
        (None, EMAIL, {"change_email": ["email_same"]}),
        (None, "MARIA@Example.COM", {"change_email": ["email_same"]}),
        ("errada", "maria@", {"email_password": ["current_password_wrong"], "change_email": ["email_invalid"]}),
    ],
)
def test_email_change_errors(db, confirmed_account, password, outbox, t0, typed_password, new_email, errors):
    before = len(outbox())
    result = _change(db, confirmed_account, typed_password or password, new_email, now=t0)
    assert result == profile.ProfileResult(errors)
    assert len(outbox()) == before


@pytest.mark.parametrize("new_email", ["joao@example.com", "JOAO@EXAMPLE.COM", "Joao@example.com"])
def test_email_of_another_confirmed_account_is_in_use(db, confirmed_account, joao, password, t0, new_email):
    assert _change(db, confirmed_account, password, new_email, now=t0).errors == {"change_email": ["email_in_use"]}


def test_email_in_use_ignores_case_of_non_ascii_letters(db, confirmed_account, password, make_form,
                                                        latest_token, t0):
    result = signup.register(db, make_form(full_name="João Pereira", cpf="111.444.777-35",
                                           email="JOÃO@example.com"), now=t0)
    assert confirmation.confirm(db, latest_token("JOÃO@example.com"), now=t0).status == ConfirmStatus.OK
    assert result.ok
    changed = _change(db, confirmed_account, password, "joão@example.com", now=t0)
    assert changed.errors == {"change_email": ["email_in_use"]}


def test_email_of_a_pending_account_is_not_in_use(db, confirmed_account, password, make_form, t0):
    assert signup.register(db, make_form(cpf="111.444.777-35", email="joao@example.com"), now=t0).ok
    assert _change(db, confirmed_account, password, "joao@example.com", now=t0).ok


def test_email_change_mails_a_link_to_the_new_address_and_a_notice_to_the_old(db, confirmed_account, password,
                                                                             outbox, t0):
    before = len(outbox())
    result = _change(db, confirmed_account, password, now=t0)
    assert result == profile.ProfileResult({}, email="maria.nova@example.org")
    mails = outbox()[before:]
    assert sorted(m.to_address for m in mails) == sorted([EMAIL, "maria.nova@example.org"])
    link_mail = next(m for m in mails if m.to_address == "maria.nova@example.org")
    notice = next(m for m in mails if m.to_address == EMAIL)
    assert "/confirmar?token=" in link_mail.body_text
    assert "/confirmar?token=" not in notice.body_text
    assert "maria.nova@example.org" not in notice.body_text  # the notice shows the new address masked


def test_email_does_not_change_until_the_link_is_confirmed(db, confirmed_account, password, latest_token, t0):
    _change(db, confirmed_account, password, now=t0)
    assert _account(db, confirmed_account).email == EMAIL
    result = confirmation.confirm(db, latest_token("maria.nova@example.org"), now=t0 + timedelta(minutes=5))
    assert result == confirmation.ConfirmResult(ConfirmStatus.EMAIL_CHANGED, confirmed_account)
    assert _account(db, confirmed_account).email == "maria.nova@example.org"


def test_email_change_link_keeps_the_confirmation_date(db, confirmed_account, password, latest_token, t0):
    _change(db, confirmed_account, password, now=t0 + timedelta(days=1))
    confirmation.confirm(db, latest_token("maria.nova@example.org"), now=t0 + timedelta(days=1))
    assert _account(db, confirmed_account).confirmed_at == t0


def test_email_change_link_works_once(db, confirmed_account, password, latest_token, t0):
    _change(db, confirmed_account, password, now=t0)
    token = latest_token("maria.nova@example.org")
    confirmation.confirm(db, token, now=t0)
    assert confirmation.confirm(db, token, now=t0).status == ConfirmStatus.USED


def test_email_taken_meanwhile_is_in_use_at_confirmation(db, confirmed_account, password, latest_token, make_form,
                                                         t0):
    _change(db, confirmed_account, password, "joao@example.com", now=t0)
    maria_link = latest_token("joao@example.com")
    joao = signup.register(db, make_form(cpf="111.444.777-35", email="joao@example.com"), now=t0).account_id
    assert confirmation.confirm(db, latest_token("joao@example.com"), now=t0).status == ConfirmStatus.OK
    result = confirmation.confirm(db, maria_link, now=t0)
    assert result == confirmation.ConfirmResult(ConfirmStatus.EMAIL_IN_USE, confirmed_account)
    assert _account(db, confirmed_account).email == EMAIL
    assert _account(db, joao).email == "joao@example.com"


def test_second_email_change_right_away_waits_for_the_cooldown(db, confirmed_account, password, outbox, t0):
    _change(db, confirmed_account, password, now=t0)
    before = len(outbox())
    result = _change(db, confirmed_account, password, "maria.outra@example.org", now=t0 + timedelta(seconds=10))
    assert result.errors == {}
    assert result.retry_at == t0 + timedelta(seconds=60)
    assert not result.ok
    assert len(outbox()) == before


def test_email_change_after_the_cooldown_supersedes_the_first_link(db, confirmed_account, password, latest_token,
                                                                  t0):
    _change(db, confirmed_account, password, now=t0)
    first = latest_token("maria.nova@example.org")
    assert _change(db, confirmed_account, password, "maria.outra@example.org", now=t0 + timedelta(seconds=60)).ok
    assert confirmation.confirm(db, first, now=t0 + timedelta(minutes=2)).status == ConfirmStatus.SUPERSEDED
    assert confirmation.confirm(db, latest_token("maria.outra@example.org"),
                                now=t0 + timedelta(minutes=2)).status == ConfirmStatus.EMAIL_CHANGED
    assert _account(db, confirmed_account).email == "maria.outra@example.org"


# --- not_me -------------------------------------------------------------------------------------

@pytest.fixture
def changed(db, confirmed_account, sign_in, not_me_token, t0):
    """The password was changed at t0 from one of two sessions; returns (not-me token, [session tokens])."""
    first, _ = sign_in()
    second, session_id = sign_in()
    assert _set(db, confirmed_account, session_id, now=t0).ok
    return not_me_token(), [first, second]


def test_not_me_ends_every_session_of_the_account(db, changed, sign_in, t0):
    token, _ = changed
    later, _ = sign_in(now=t0 + timedelta(minutes=1))
    assert profile.not_me(db, token, now=t0 + timedelta(minutes=2)) is True
    for session_token in [*changed[1], later]:
        assert sessions.current(db, session_token, now=t0 + timedelta(minutes=2)) is None


def test_not_me_clears_the_temporary_password(db, changed, confirmed_account, t0):
    temporary = _request_recovery(db, t0 + timedelta(minutes=1))
    assert profile.not_me(db, changed[0], now=t0 + timedelta(minutes=2))
    account = _account(db, confirmed_account)
    assert account.temp_password_hash is None
    assert account.temp_password_expires_at is None
    assert login.authenticate(db, cpf=CPF, password=temporary).status == LoginStatus.INVALID


def test_not_me_is_single_use(db, changed, t0):
    assert profile.not_me(db, changed[0], now=t0) is True
    assert profile.not_me(db, changed[0], now=t0 + timedelta(minutes=1)) is False


@pytest.mark.parametrize(
    ("age", "works"),
    [(timedelta(days=6, hours=23, minutes=59), True), (timedelta(days=7), False), (timedelta(days=8), False)],
)
def test_not_me_expires_after_7_days(db, changed, t0, age, works):
    assert profile.not_me(db, changed[0], now=t0 + age) is works


def test_a_second_change_supersedes_the_earlier_not_me_link_and_mails_a_new_one(db, changed, confirmed_account,
                                                                                sign_in, not_me_token, t0):
    _, session_id = sign_in(now=t0 + timedelta(minutes=1))
    assert _set(db, confirmed_account, session_id, new="arara azul pousa no ipê", now=t0 + timedelta(minutes=1)).ok
    assert not_me_token() != changed[0]
    assert profile.not_me(db, changed[0], now=t0 + timedelta(minutes=2)) is False
    assert profile.not_me(db, not_me_token(), now=t0 + timedelta(minutes=2)) is True


@pytest.mark.parametrize("token", ["", "nao-existe", "x" * 201])
def test_unknown_not_me_token_is_refused(db, changed, t0, token):
    assert profile.not_me(db, token, now=t0) is False


def test_signup_confirmation_token_is_not_a_not_me_token(db, pending_account, latest_token, t0):
    token = latest_token()
    assert profile.not_me(db, token, now=t0) is False
    db.expire_all()
    row = db.exec(select(EmailToken)).first()
    assert row.used_at is None
    assert confirmation.confirm(db, token, now=t0).status == ConfirmStatus.OK


def test_email_change_token_is_not_a_not_me_token(db, confirmed_account, password, latest_token, t0):
    _change(db, confirmed_account, password, now=t0)
    assert profile.not_me(db, latest_token("maria.nova@example.org"), now=t0) is False


def test_not_me_token_is_not_accepted_by_confirm(db, changed, t0):
    assert confirmation.confirm(db, changed[0], now=t0).status == ConfirmStatus.UNKNOWN
    assert profile.not_me(db, changed[0], now=t0) is True
