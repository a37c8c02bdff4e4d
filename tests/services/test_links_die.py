"""Links die with the credentials: a password change, a temporary password, "Não fui eu" and a
completed e-mail change end the account's open links, except the "Não fui eu" links that are the
way back of an address the account no longer uses."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.core import routes
from sqlmodel import col, select

from portal.accounts import activity, confirmation, login, profile, recovery, sessions, signup
from portal.accounts.confirmation import ConfirmStatus
from portal.accounts.login import LoginStatus
from portal.accounts.tokens import token_hash
from portal.models import Account, EmailToken
from portal.core.ratelimit import Limiter
from tests.services.conftest import BASE_URL, T0
from tests.services.test_profile import sign_in  # noqa: F401 - fixture: (token, session id) at t0

CPF = "52998224725"
EMAIL = "maria@example.com"
NEW_EMAIL = "maria.nova@example.org"
ATTACKER = "invasor@example.net"
NEW_PASSWORD = "tucano verde voa sobre o rio"
_NOT_ME = re.compile(re.escape(f"{BASE_URL}{routes.LINK_NOT_ME}?token=") + r"([A-Za-z0-9_\-]+)")
_TEMPORARY = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def minute(n: int):
    return T0 + timedelta(minutes=n)


def _email(db, account_id) -> str:
    db.expire_all()
    return db.get(Account, account_id).email


def _confirm(db, link: str, now) -> ConfirmStatus:
    return confirmation.confirm(db, link, now=now).status


def _stamp(db, account_id) -> str:
    return db.exec(select(Account.security_stamp).where(col(Account.id) == account_id)).one()


def _row(db, link: str) -> EmailToken:
    db.expire_all()
    return db.exec(select(EmailToken).where(col(EmailToken.token_hash) == token_hash(link))).one()


@pytest.fixture
def link_to(outbox):
    """The "Não fui eu" token of the newest mail to ``address``."""

    def read(address: str) -> str:
        match = _NOT_ME.search([m for m in outbox() if m.to_address == address][-1].body_text)
        assert match, "no Não fui eu link in the mail"
        return match.group(1)

    return read


@pytest.fixture
def change(db, confirmed_account, password, latest_token):
    """Ask to change the e-mail to ``address`` (and confirm it at once); returns the link token."""

    def ask(address: str, now, *, confirm: bool = False, current: str = password) -> str:
        result = profile.request_email_change(db, account_id=confirmed_account, password=current,
                                              new_email=address, now=now)
        assert result.ok, result
        token = latest_token(address)
        if confirm:
            assert _confirm(db, token, now) == ConfirmStatus.EMAIL_CHANGED
        return token

    return ask


@pytest.fixture
def new_password(db, confirmed_account, sign_in, password):
    """Change the password (from ``current``) in a new session at ``now``."""

    def change_it(now, current: str = password, new: str = NEW_PASSWORD) -> None:
        _, session_id = sign_in()
        result = profile.change_password(db, account_id=confirmed_account, session_id=session_id,
                                         current=current, new=new, confirm=new, now=now)
        assert result.ok, result

    return change_it


@pytest.fixture
def temporary(db, outbox):
    """Ask for recovery (to ``email``) at ``now``; returns the temporary password."""

    def ask(now, email: str = EMAIL) -> str:
        asked = recovery.request(db, cpf=CPF, email=email, client_ip="10.0.0.1", limiter=Limiter("memory://"),
                                 now=now)
        assert asked.status == recovery.RecoveryStatus.SENT
        return _TEMPORARY.search(outbox()[-1].body_text).group(0)

    return ask


# --- the open e-mail change link ------------------------------------------------------------------

def test_password_change_supersedes_a_pending_email_change(db, confirmed_account, change, new_password):
    link = change(ATTACKER, minute(0))
    new_password(minute(1))
    assert _confirm(db, link, minute(2)) == ConfirmStatus.SUPERSEDED
    assert _email(db, confirmed_account) == EMAIL


def test_forced_new_password_supersedes_a_pending_email_change(db, confirmed_account, sign_in, change):
    link = change(ATTACKER, minute(0))
    _, session_id = sign_in(must_change_password=True)
    assert profile.set_new_password(db, account_id=confirmed_account, session_id=session_id, new=NEW_PASSWORD,
                                    confirm=NEW_PASSWORD, now=minute(1)).ok
    assert _confirm(db, link, minute(2)) == ConfirmStatus.SUPERSEDED


def test_temporary_password_supersedes_a_pending_email_change(db, confirmed_account, change, temporary):
    link = change(ATTACKER, minute(0))
    assert login.authenticate(db, cpf=CPF, password=temporary(minute(1)), now=minute(2)).temporary
    assert _confirm(db, link, minute(3)) == ConfirmStatus.SUPERSEDED


def test_not_me_of_a_password_change_supersedes_a_pending_email_change(db, confirmed_account, change,
                                                                       new_password, link_to):
    new_password(minute(0))
    password_changed = link_to(EMAIL)
    link = change(ATTACKER, minute(1), current=NEW_PASSWORD)
    assert profile.not_me(db, password_changed, now=minute(2))
    assert _confirm(db, link, minute(3)) == ConfirmStatus.SUPERSEDED


# --- "Não fui eu" links and password changes ------------------------------------------------------

def test_password_change_supersedes_the_earlier_not_me_link_and_the_new_one_works(db, new_password, link_to):
    new_password(minute(0))
    first = link_to(EMAIL)
    new_password(minute(1), current=NEW_PASSWORD, new="arara azul pousa no ipê")
    second = link_to(EMAIL)
    assert second != first
    assert profile.not_me(db, first, now=minute(2)) is False
    assert profile.not_me(db, second, now=minute(2)) is True


def test_temporary_password_supersedes_a_not_me_link(db, new_password, link_to, temporary):
    new_password(minute(0))
    not_me = link_to(EMAIL)
    assert login.authenticate(db, cpf=CPF, password=temporary(minute(1)), now=minute(2)).temporary
    assert profile.not_me(db, not_me, now=minute(3)) is False


# --- the notice to the old address -----------------------------------------------------------------

def test_email_change_notice_carries_a_not_me_link(db, confirmed_account, change, outbox):
    change(NEW_EMAIL, minute(0))
    notice = [m for m in outbox() if m.to_address == EMAIL][-1]
    assert _NOT_ME.search(notice.body_text)
    assert f"{routes.LINK_NOT_ME}?token=" in notice.body_html


def test_not_me_from_the_notice_cancels_the_pending_change_and_ends_every_session(db, confirmed_account, sign_in,
                                                                                  change, link_to):
    token, _ = sign_in()
    link = change(ATTACKER, minute(0))
    assert profile.not_me(db, link_to(EMAIL), now=minute(1)) is True
    assert sessions.current(db, token, now=minute(1)) is None
    assert _confirm(db, link, minute(2)) == ConfirmStatus.SUPERSEDED
    assert _email(db, confirmed_account) == EMAIL


@pytest.mark.parametrize(("age", "works"), [(timedelta(days=6, hours=23), True), (timedelta(days=7), False)])
def test_not_me_link_of_the_notice_lasts_7_days(db, confirmed_account, change, link_to, age, works):
    change(NEW_EMAIL, T0)
    assert profile.not_me(db, link_to(EMAIL), now=T0 + age) is works


# --- the attacker who changes the e-mail and confirms it at once -------------------------------------

def test_confirmed_change_keeps_the_old_address_link_and_it_restores_the_old_email(db, confirmed_account, sign_in,
                                                                                   change, link_to):
    token, _ = sign_in()
    change(ATTACKER, minute(0), confirm=True)
    assert _email(db, confirmed_account) == ATTACKER
    assert profile.not_me(db, link_to(EMAIL), now=minute(5)) is True
    assert _email(db, confirmed_account) == EMAIL
    assert sessions.current(db, token, now=minute(5)) is None


def test_password_change_after_a_confirmed_change_keeps_the_way_back(db, confirmed_account, change, new_password,
                                                                      link_to):
    change(ATTACKER, minute(0), confirm=True)
    new_password(minute(1))
    assert profile.not_me(db, link_to(EMAIL), now=minute(2)) is True
    assert _email(db, confirmed_account) == EMAIL


def test_temporary_password_after_a_confirmed_change_keeps_the_way_back(db, confirmed_account, change, link_to,
                                                                         temporary):
    change(ATTACKER, minute(0), confirm=True)
    typed = temporary(minute(1), email=ATTACKER)
    assert login.authenticate(db, cpf=CPF, password=typed, now=minute(2)).temporary
    assert profile.not_me(db, link_to(EMAIL), now=minute(3)) is True
    assert _email(db, confirmed_account) == EMAIL


def test_a_second_confirmed_change_keeps_the_first_way_back(db, confirmed_account, change, link_to):
    change(ATTACKER, minute(0), confirm=True)
    change("outro.invasor@example.net", minute(2), confirm=True)
    assert profile.not_me(db, link_to(EMAIL), now=minute(3)) is True
    assert _email(db, confirmed_account) == EMAIL


def test_the_attackers_own_not_me_link_cannot_cancel_the_way_back(db, confirmed_account, change, new_password,
                                                                   link_to):
    change(ATTACKER, minute(0), confirm=True)
    new_password(minute(1))
    assert profile.not_me(db, link_to(ATTACKER), now=minute(2)) is True
    assert profile.not_me(db, link_to(EMAIL), now=minute(3)) is True
    assert _email(db, confirmed_account) == EMAIL


def test_way_back_supersedes_the_attackers_later_links(db, confirmed_account, change, new_password, link_to):
    change(ATTACKER, minute(0), confirm=True)
    new_password(minute(1))
    attackers = link_to(ATTACKER)
    assert profile.not_me(db, link_to(EMAIL), now=minute(2)) is True
    assert profile.not_me(db, attackers, now=minute(3)) is False
    assert _email(db, confirmed_account) == EMAIL


def test_way_back_keeps_the_email_another_confirmed_account_took_meanwhile(db, confirmed_account, sign_in, change,
                                                                           link_to, make_form, latest_token):
    token, _ = sign_in()
    change(ATTACKER, minute(0), confirm=True)
    way_back = link_to(EMAIL)
    other = signup.register(db, make_form(cpf="111.444.777-35", email=EMAIL), now=minute(1))
    assert _confirm(db, latest_token(EMAIL), minute(1)) == ConfirmStatus.OK
    assert profile.not_me(db, way_back, now=minute(2)) is True
    assert _email(db, confirmed_account) == ATTACKER
    assert _email(db, other.account_id) == EMAIL
    assert sessions.current(db, token, now=minute(2)) is None


def test_returning_to_an_address_ends_its_old_way_back(db, confirmed_account, change, link_to):
    change(NEW_EMAIL, minute(0), confirm=True)
    to_old = link_to(EMAIL)
    change(EMAIL, minute(2), confirm=True)
    assert profile.not_me(db, to_old, now=minute(3)) is False
    assert profile.not_me(db, link_to(NEW_EMAIL), now=minute(3)) is True
    assert _email(db, confirmed_account) == NEW_EMAIL


def test_way_back_records_the_restored_email(db, confirmed_account, change, link_to):
    change(ATTACKER, minute(0), confirm=True)
    profile.not_me(db, link_to(EMAIL), now=minute(5))
    assert {e.kind for e in activity.recent(db, confirmed_account) if e.created_at == minute(5)} == {
        "sessions_ended", "email_changed", "password_suspended"}


def test_the_restored_email_recovers_the_account(db, confirmed_account, change, link_to, temporary):
    change(ATTACKER, minute(0), confirm=True)
    profile.not_me(db, link_to(EMAIL), now=minute(5))
    typed = temporary(minute(6))
    assert login.authenticate(db, cpf=CPF, password=typed, now=minute(7)).status == LoginStatus.OK


# --- one security stamp per account ---------------------------------------------------------------

def test_a_link_records_the_account_stamp_it_was_issued_under(db, confirmed_account, change):
    link = change(NEW_EMAIL, minute(0))
    stamp = _stamp(db, confirmed_account)
    assert len(stamp) == 32 and _row(db, link).security_stamp == stamp


def test_a_password_change_ends_the_links_by_the_stamp_alone(db, confirmed_account, change, new_password):
    link = change(ATTACKER, minute(0))
    before = _stamp(db, confirmed_account)
    new_password(minute(1))
    assert _stamp(db, confirmed_account) != before
    assert _row(db, link).superseded_at is None  # the link's row was not touched
    assert _confirm(db, link, minute(2)) == ConfirmStatus.SUPERSEDED


def _under_another_stamp(db, link: str) -> None:
    """As a link written after a change by a request that read the account before it."""
    row = _row(db, link)
    row.security_stamp = "0" * 32
    db.add(row)
    db.commit()


def test_an_email_change_link_under_another_stamp_is_refused_as_superseded(db, confirmed_account, change):
    link = change(ATTACKER, minute(0))
    _under_another_stamp(db, link)
    assert _confirm(db, link, minute(1)) == ConfirmStatus.SUPERSEDED
    assert _row(db, link).used_at is None and _email(db, confirmed_account) == EMAIL


def test_a_not_me_link_under_another_stamp_is_refused(db, confirmed_account, sign_in, change, link_to):
    token, _ = sign_in()
    change(NEW_EMAIL, minute(0))
    not_me = link_to(EMAIL)
    _under_another_stamp(db, not_me)
    assert profile.not_me(db, not_me, now=minute(1)) is False
    assert sessions.current(db, token, now=minute(1)) is not None


def test_a_claim_checks_the_stamp_as_stored(db, confirmed_account, change):
    """The last guard against a change that lands between reading a link and using it."""
    link = change(ATTACKER, minute(0))
    row = _row(db, link)
    account = db.get(Account, confirmed_account)
    account.security_stamp = "0" * 32
    db.add(account)
    db.flush()
    assert confirmation.claim(db, row, minute(1)) is False
    assert _row(db, link).used_at is None


def test_a_new_link_of_one_purpose_ends_only_the_older_of_that_purpose(db, confirmed_account, change,
                                                                      link_to):
    first = change(NEW_EMAIL, minute(0))
    first_notice = link_to(EMAIL)
    stamp = _stamp(db, confirmed_account)
    change("maria.outra@example.org", minute(2))
    assert _stamp(db, confirmed_account) == stamp  # asking is not a change of the credentials
    assert _confirm(db, first, minute(3)) == ConfirmStatus.SUPERSEDED
    assert profile.not_me(db, first_notice, now=minute(3)) is True


def test_signing_up_again_over_a_pending_account_changes_its_stamp(db, pending_account, make_form):
    before = _stamp(db, pending_account)
    assert signup.register(db, make_form(email="maria.certa@example.com", password=NEW_PASSWORD),
                           now=minute(1)).ok
    assert _stamp(db, pending_account) != before


def test_carrying_the_way_back_over_never_revives_a_link_an_earlier_change_ended(db, change, new_password,
                                                                                 link_to):
    new_password(minute(0))
    ended = link_to(EMAIL)
    new_password(minute(1), current=NEW_PASSWORD, new="arara azul pousa no ipê")
    # Mailed to the address the account is about to leave: the kind of link a confirmed change keeps.
    change(NEW_EMAIL, minute(2), confirm=True, current="arara azul pousa no ipê")
    assert profile.not_me(db, ended, now=minute(3)) is False
