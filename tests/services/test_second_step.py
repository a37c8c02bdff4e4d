"""Two-step, whatever the path (issue 21): a session records what its sign-in proved; an account
with two-step on, and the staff desk, open only to a session that passed a second step; wrong
codes are counted apart from passwords; turning two-step on, off or renewing its codes asks the
password and is mailed."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from sqlmodel import select

from portal import texts
from portal.core import routes
from portal.accounts import access, activity, login, login_limits, profile, recovery, sessions, two_step
from portal.govbr import links as govbr
from portal.accounts.access import Access
from portal.accounts.activity import Client
from portal.accounts.factors import Factor
from portal.govbr.links import Identity, LinkStatus, Outcome
from portal.accounts.two_step import Status
from portal.models import Account, AuthSession, GovbrAuthorization, GovbrLink
from portal.core.ratelimit import Limiter
from tests.services.conftest import BASE_URL

BROWSER = "a" * 64
CLIENT = Client(ip="10.2.2.2", user_agent="Firefox")
CPF = "52998224725"  # the fixtures' account
EMAIL = "maria@example.com"
NEW_PASSWORD = "tucano verde voa sobre o rio"
_NOT_ME = re.compile(re.escape(f"{BASE_URL}{routes.LINK_NOT_ME}?token=") + r"([A-Za-z0-9_\-]+)")
_TEMPORARY = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def _code(secret: str, when) -> str:
    return pyotp.TOTP(secret).at(when)


def _session(db, account_id: int, now, factors: str = "pwd") -> tuple[str, int]:
    token = sessions.start(db, account_id, now=now, factors=factors)
    return token, sessions.current(db, token, now).session_id


def _turn_on(db, account_id: int, now, password: str, session_id: int) -> str:
    enrolment = two_step.begin(db, account_id, now=now)
    result = two_step.confirm(db, account_id, _code(enrolment.secret, now), password=password,
                              session_id=session_id, client=CLIENT, limiter=None, now=now)
    assert result.status is Status.OK
    return enrolment.secret


@pytest.fixture
def secret(db, confirmed_account, password, t0) -> str:
    """Two-step on for the fixtures' account, turned on in a session of its own at t0."""
    _, session_id = _session(db, confirmed_account, t0)
    return _turn_on(db, confirmed_account, t0, password, session_id)


def _authorization(db, now, state: str = "estado") -> GovbrAuthorization:
    govbr.start(db, state=state, nonce="n", code_verifier="v" * 43, browser_hash=BROWSER, now=now)
    return govbr.claim(db, state=state, browser_hash=BROWSER, now=now)


def _maria(level: str) -> Identity:
    return Identity(cpf=CPF, name="Maria Aparecida Silva", email=EMAIL, level=level)


def _link(db, account_id: int, level: str, now, *, by_password: bool = False) -> None:
    db.add(GovbrLink(account_id=account_id, subject=CPF, level=level, linked_at=now, last_sign_in_at=now,
                     by_password=by_password))
    db.commit()


def _session_count(db) -> int:
    return len(db.exec(select(AuthSession.id)).all())


def _finish(db, secret: str, now) -> two_step.Result:
    return two_step.finish_sign_in(db, browser_hash=BROWSER, code=_code(secret, now), client=CLIENT, limiter=None,
                                   now=now)


def _factors_of(db, token: str, now) -> frozenset[Factor]:
    return sessions.current(db, token, now).factors


# --- 1. gov.br asks the code where bronze is all it proves ------------------------------------

def test_a_bronze_gov_br_sign_in_into_an_account_with_two_step_asks_the_code(db, confirmed_account, secret, t0):
    _link(db, confirmed_account, "bronze", t0)
    later = t0 + timedelta(minutes=10)
    before = _session_count(db)
    result = govbr.sign_in(db, _maria("bronze"), _authorization(db, later), client=CLIENT, now=later)
    assert result.outcome is Outcome.CODE_NEEDED and result.session_token == ""
    assert _session_count(db) == before
    done = _finish(db, secret, later)
    assert done.status is Status.OK
    assert _factors_of(db, done.session_token, later) == {Factor.GOVBR_BRONZE, Factor.CODE}


def test_a_prata_gov_br_sign_in_is_a_second_step_of_its_own(db, confirmed_account, secret, t0):
    _link(db, confirmed_account, "prata", t0)
    later = t0 + timedelta(minutes=10)
    result = govbr.sign_in(db, _maria("prata"), _authorization(db, later), client=CLIENT, now=later)
    assert result.outcome is Outcome.SIGNED_IN
    viewer = access.viewer(db, result.session_token, later)
    assert viewer is not None and viewer.two_step


def test_linking_at_bronze_with_the_password_still_asks_the_code(db, confirmed_account, secret, password, t0):
    later = t0 + timedelta(minutes=10)
    assert govbr.sign_in(db, _maria("bronze"), _authorization(db, later), client=CLIENT,
                         now=later).outcome is Outcome.NEEDS_PASSWORD
    linked = govbr.confirm_link(db, browser_hash=BROWSER, password=password, client=CLIENT, limiter=None, now=later)
    assert linked.status is LinkStatus.LINKED and linked.code_needed and linked.session_token == ""
    done = _finish(db, secret, later)
    assert _factors_of(db, done.session_token, later) == {Factor.PASSWORD, Factor.GOVBR_BRONZE, Factor.CODE}


def test_a_session_that_skipped_the_second_step_opens_nothing(db, confirmed_account, secret, t0):
    later = t0 + timedelta(minutes=1)
    for factors in ("pwd", "", "govbr-bronze", "mail"):  # "" : a session opened before this rule
        token, _ = _session(db, confirmed_account, later, factors)
        assert access.viewer(db, token, later) is None
        assert not access.authorize(db, token, Access.CITIZEN, later).allowed


def test_turning_two_step_on_keeps_the_session_that_did_it_and_closes_the_others(db, confirmed_account,
                                                                                  password, t0):
    other, _ = _session(db, confirmed_account, t0)  # a thief's session, opened with the password
    token, session_id = _session(db, confirmed_account, t0)
    _turn_on(db, confirmed_account, t0, password, session_id)
    assert access.authorize(db, token, Access.CITIZEN, t0).allowed
    assert access.viewer(db, other, t0) is None


def test_staff_need_a_second_step_in_this_very_session(db, confirmed_account, password, t0):
    db.get(Account, confirmed_account).is_staff = True
    db.commit()
    token, session_id = _session(db, confirmed_account, t0)
    refused = access.authorize(db, token, Access.STAFF, t0)
    assert not refused.allowed and refused.redirect == access.STAFF_NEEDS_TWO_STEP
    _turn_on(db, confirmed_account, t0, password, session_id)
    assert access.authorize(db, token, Access.STAFF, t0).allowed
    # Two-step being on is not enough: a session that only typed the password opens nothing.
    password_only, _ = _session(db, confirmed_account, t0)
    assert not access.authorize(db, password_only, Access.STAFF, t0).allowed


@pytest.mark.parametrize("how", ["password_change", "recovery", "not_me"])
def test_a_bronze_link_made_with_the_password_ends_with_it(db, confirmed_account, password, outbox, t0, how):
    _link(db, confirmed_account, "bronze", t0, by_password=True)
    _, session_id = _session(db, confirmed_account, t0)
    if how == "password_change":
        assert profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=password,
                                       new=NEW_PASSWORD, confirm=NEW_PASSWORD, now=t0).ok
    elif how == "recovery":
        recovery.request(db, cpf=CPF, email=EMAIL, client_ip="10.0.0.1", limiter=Limiter("memory://"), now=t0)
        typed = _TEMPORARY.search(outbox()[-1].body_text).group(0)
        assert login.authenticate(db, cpf=CPF, password=typed, now=t0).temporary
    else:
        profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=password,
                                new=NEW_PASSWORD, confirm=NEW_PASSWORD, now=t0)
        db.add(GovbrLink(account_id=confirmed_account, subject=CPF, level="bronze", linked_at=t0,
                         last_sign_in_at=t0, by_password=True))  # linked again with the new password
        db.commit()
        assert profile.not_me(db, _NOT_ME.search(outbox()[-1].body_text).group(1), now=t0)
    assert govbr.link_of(db, confirmed_account) is None
    assert "govbr_unlinked" in [e.kind for e in activity.recent(db, confirmed_account)]


def test_a_prata_sign_in_makes_the_link_stand_on_its_own(db, confirmed_account, password, t0):
    _link(db, confirmed_account, "bronze", t0, by_password=True)
    govbr.sign_in(db, _maria("prata"), _authorization(db, t0), client=CLIENT, now=t0)
    _, session_id = _session(db, confirmed_account, t0)
    assert profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=password,
                                   new=NEW_PASSWORD, confirm=NEW_PASSWORD, now=t0).ok
    assert govbr.link_of(db, confirmed_account) is not None


def test_gov_br_claims_are_cleaned_before_they_are_stored():
    identity = Identity.from_claims(cpf=CPF, name="Maria\x00 \n Silva", email="maria@example.com\r\nBcc: x@y.z",
                                    level="prata")
    assert identity.name == "Maria Silva" and identity.email == ""
    assert Identity.from_claims(cpf=CPF, name=None, email=" Maria@Example.COM ", level="ouro").email == (
        "Maria@example.com")


# --- 2. wrong codes: per account, apart from passwords -----------------------------------------

def test_guessing_codes_with_the_right_password_from_many_addresses_is_locked(db, confirmed_account, secret,
                                                                               password, outbox, t0):
    """160 wrong codes from 40 addresses, the right password typed again before each and every
    wait waited out: the account is told at the 5th, locked at the 100th, and the right code
    no longer works."""
    statuses, moments = [], []
    now = t0 + timedelta(minutes=1)
    for n in range(160):
        now += timedelta(minutes=16)  # longer than any wait short of the lock
        moments.append(now)
        client = Client(ip=f"10.9.{n % 40}.1", user_agent="script")
        assert login.authenticate(db, cpf=CPF, password=password, client=client, now=now,
                                  opens=login.Opens(browser_hash=BROWSER)).status is login.LoginStatus.CODE_NEEDED
        statuses.append(two_step.finish_sign_in(db, browser_hash=BROWSER, code="000000", client=client,
                                                limiter=None, now=now).status)
    assert statuses[:login_limits.LOCK_AT] == [Status.WRONG_CODE] * login_limits.LOCK_AT
    assert set(statuses[login_limits.LOCK_AT:]) == {Status.LIMITED}
    db.expire_all()
    account = db.get(Account, confirmed_account)
    assert account.failed_codes == login_limits.LOCK_AT and account.failed_logins == 0
    assert account.code_blocked_until == moments[login_limits.LOCK_AT - 1] + login_limits.LOCK
    assert _finish(db, secret, now).status is Status.LIMITED
    told = [m for m in outbox() if m.subject == texts.MAIL_WRONG_CODES_SUBJECT]
    assert len(told) == 1 and told[0].to_address == EMAIL and _NOT_ME.search(told[0].body_text)


def test_a_right_password_does_not_reset_the_wrong_codes_but_a_right_code_does(db, confirmed_account, secret,
                                                                                 password, t0):
    now = t0 + timedelta(minutes=1)
    for _ in range(2):
        login.authenticate(db, cpf=CPF, password=password, now=now, opens=login.Opens(browser_hash=BROWSER))
        two_step.finish_sign_in(db, browser_hash=BROWSER, code="000000", client=CLIENT, limiter=None, now=now)
    db.expire_all()
    assert db.get(Account, confirmed_account).failed_codes == 2
    login.authenticate(db, cpf=CPF, password=password, now=now, opens=login.Opens(browser_hash=BROWSER))
    assert _finish(db, secret, now).status is Status.OK
    db.expire_all()
    assert db.get(Account, confirmed_account).failed_codes == 0


# --- 3. turning two-step on, off, new codes: the password, a notice, the log --------------------

def test_turning_it_on_asks_the_current_password(db, confirmed_account, outbox, t0):
    _, session_id = _session(db, confirmed_account, t0)
    enrolment = two_step.begin(db, confirmed_account, now=t0)
    mails = len(outbox())
    result = two_step.confirm(db, confirmed_account, _code(enrolment.secret, t0), password="não é a senha",
                              session_id=session_id, client=CLIENT, limiter=None, now=t0)
    assert result.status is Status.WRONG_PASSWORD and not result.recovery_codes
    assert not two_step.is_enabled(db, confirmed_account) and len(outbox()) == mails


def test_every_change_is_mailed_with_not_me_and_logged(db, confirmed_account, password, outbox, t0):
    _, session_id = _session(db, confirmed_account, t0)
    secret = _turn_on(db, confirmed_account, t0, password, session_id)
    later = t0 + timedelta(minutes=2)
    assert two_step.regenerate_codes(db, confirmed_account, password=password, session_id=session_id,
                                     client=CLIENT, limiter=None, now=later).status is Status.OK
    assert two_step.disable(db, confirmed_account, password=password, code=_code(secret, later + timedelta(seconds=30)),
                            session_id=session_id, client=CLIENT, limiter=None,
                            now=later + timedelta(seconds=30)).status is Status.OK
    notices = [m for m in outbox() if m.subject in (texts.MAIL_TWO_STEP_ON_SUBJECT, texts.MAIL_TWO_STEP_CODES_SUBJECT,
                                                    texts.MAIL_TWO_STEP_OFF_SUBJECT)]
    assert [m.subject for m in notices] == [texts.MAIL_TWO_STEP_ON_SUBJECT, texts.MAIL_TWO_STEP_CODES_SUBJECT,
                                            texts.MAIL_TWO_STEP_OFF_SUBJECT]
    assert all(m.to_address == EMAIL and _NOT_ME.search(m.body_text) for m in notices)
    assert {"two_step_enabled", "two_step_codes_renewed", "two_step_disabled"} <= {
        e.kind for e in activity.recent(db, confirmed_account)}


def test_an_account_without_password_turns_it_on_only_right_after_signing_in(db, t0):
    made = govbr.sign_in(db, Identity(cpf="39053344705", name="João da Silva", email="joao@example.com",
                                      level="bronze"), _authorization(db, t0), client=CLIENT, now=t0)
    session_id = sessions.current(db, made.session_token, t0).session_id
    enrolment = two_step.begin(db, made.account_id, now=t0)
    stale = t0 + timedelta(minutes=6)
    assert two_step.confirm(db, made.account_id, _code(enrolment.secret, stale), password="", session_id=session_id,
                            client=CLIENT, limiter=None, now=stale).status is Status.SIGN_IN_AGAIN
    fresh = t0 + timedelta(minutes=4)
    assert two_step.confirm(db, made.account_id, _code(enrolment.secret, fresh), password="", session_id=session_id,
                            client=CLIENT, limiter=None, now=fresh).status is Status.OK

