"""What the portal does with an identity gov.br vouched for (the OpenID exchange itself is
tested against a real provider in tests/browser/test_govbr.py)."""

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.accounts import login, profile, sessions
from portal.govbr import links as govbr
from portal.accounts.activity import Client
from portal.govbr.links import Identity, LinkStatus, Outcome
from portal.models import Account, AuthSession, GovbrAuthorization, GovbrLink

BROWSER = "b" * 64
OTHER_BROWSER = "c" * 64
CLIENT = Client(ip="10.0.0.9", user_agent="Firefox")
NEW_CPF = "39053344705"
MARIA_CPF = "52998224725"  # the fixtures' account


def _identity(cpf: str = NEW_CPF, level: str = "prata") -> Identity:
    return Identity(cpf=cpf, name="João da Silva", email="joao@example.com", level=level)


def _authorization(db, t0, state: str = "estado-1", browser: str = BROWSER) -> GovbrAuthorization:
    govbr.start(db, state=state, nonce="n", code_verifier="v" * 43, browser_hash=browser, now=t0)
    found = govbr.claim(db, state=state, browser_hash=browser, now=t0)
    assert found is not None
    return found


def test_an_authorization_is_claimed_once_in_the_browser_that_started_it(db, t0):
    govbr.start(db, state="s", nonce="n", code_verifier="v", browser_hash=BROWSER, now=t0)
    assert govbr.claim(db, state="s", browser_hash=OTHER_BROWSER, now=t0) is None
    assert govbr.claim(db, state="forjado", browser_hash=BROWSER, now=t0) is None
    assert govbr.claim(db, state="s", browser_hash=BROWSER, now=t0) is not None
    assert govbr.claim(db, state="s", browser_hash=BROWSER, now=t0) is None  # replayed


def test_an_authorization_expires(db, t0):
    govbr.start(db, state="s", nonce="n", code_verifier="v", browser_hash=BROWSER, now=t0)
    assert govbr.claim(db, state="s", browser_hash=BROWSER, now=t0 + timedelta(minutes=11)) is None


def test_a_state_is_stored_hashed(db, t0):
    govbr.start(db, state="estado-secreto", nonce="n", code_verifier="v", browser_hash=BROWSER, now=t0)
    assert "estado-secreto" not in db.exec(select(GovbrAuthorization)).one().state_hash


def test_a_new_cpf_gets_an_account_without_portal_password_and_a_session(db, t0):
    result = govbr.sign_in(db, _identity(), _authorization(db, t0), client=CLIENT, now=t0)
    assert result.outcome is Outcome.CREATED
    account = db.get(Account, result.account_id)
    assert account.cpf == NEW_CPF and account.full_name == "João da Silva" and account.password_hash == ""
    assert account.confirmed_at == t0 and account.source == "govbr"
    signed_in = sessions.current(db, result.session_token, now=t0)
    assert signed_in.account.id == account.id
    assert db.exec(select(AuthSession.govbr_level)).one() == "prata"
    # No portal password: CPF + any password is refused.
    assert login.authenticate(db, cpf=NEW_CPF, password="", now=t0).status is login.LoginStatus.INVALID
    assert govbr.standing(db, account.id) == govbr.Standing("prata", has_password=False)


def test_a_linked_cpf_signs_in_and_its_level_is_updated(db, t0):
    first = govbr.sign_in(db, _identity(level="prata"), _authorization(db, t0, "a"), client=CLIENT, now=t0)
    again = govbr.sign_in(db, _identity(level="ouro"), _authorization(db, t0, "b"), client=CLIENT, now=t0)
    assert again.outcome is Outcome.SIGNED_IN and again.account_id == first.account_id
    assert db.exec(select(GovbrLink)).one().level == "ouro"


@pytest.mark.parametrize("level", ["prata", "ouro"])
def test_an_existing_portal_account_is_linked_at_prata_or_ouro(db, t0, confirmed_account, level):
    result = govbr.sign_in(db, _identity(MARIA_CPF, level), _authorization(db, t0), client=CLIENT, now=t0)
    assert result.outcome is Outcome.LINKED and result.account_id == confirmed_account and result.session_token
    assert db.get(Account, confirmed_account).password_hash  # the portal password is kept


def test_bronze_links_an_existing_account_only_after_its_portal_password(db, t0, confirmed_account, password):
    result = govbr.sign_in(db, _identity(MARIA_CPF, "bronze"), _authorization(db, t0), client=CLIENT, now=t0)
    assert result.outcome is Outcome.NEEDS_PASSWORD and result.session_token == ""
    assert db.exec(select(GovbrLink)).all() == []
    assert govbr.pending_link(db, OTHER_BROWSER, now=t0) is None

    wrong = govbr.confirm_link(db, browser_hash=BROWSER, password="não é esta", client=CLIENT, limiter=None, now=t0)
    assert wrong.status is LinkStatus.WRONG_PASSWORD
    right = govbr.confirm_link(db, browser_hash=BROWSER, password=password, client=CLIENT, limiter=None, now=t0)
    assert right.status is LinkStatus.LINKED
    assert sessions.current(db, right.session_token, now=t0).account.id == confirmed_account
    assert db.exec(select(AuthSession.govbr_level)).one() == "bronze"
    # Used once.
    again = govbr.confirm_link(db, browser_hash=BROWSER, password=password, client=CLIENT, limiter=None, now=t0)
    assert again.status is LinkStatus.GONE


def test_a_bronze_link_waits_only_a_few_minutes(db, t0, confirmed_account, password):
    govbr.sign_in(db, _identity(MARIA_CPF, "bronze"), _authorization(db, t0), client=CLIENT, now=t0)
    late = t0 + timedelta(minutes=11)
    result = govbr.confirm_link(db, browser_hash=BROWSER, password=password, client=CLIENT, limiter=None, now=late)
    assert result.status is LinkStatus.GONE


def test_an_unconfirmed_sign_up_with_the_cpf_is_taken_over_by_the_gov_br_citizen(db, t0, pending_account):
    # Someone signed up with Maria's CPF and their own e-mail and password, never confirmed.
    result = govbr.sign_in(db, _identity(MARIA_CPF, "bronze"), _authorization(db, t0), client=CLIENT, now=t0)
    assert result.outcome is Outcome.CREATED and result.account_id == pending_account
    account = db.get(Account, pending_account)
    assert account.email == "joao@example.com" and account.password_hash == "" and account.confirmed_at == t0


def test_unlink_needs_a_portal_password(db, t0, confirmed_account):
    created = govbr.sign_in(db, _identity(), _authorization(db, t0, "a"), client=CLIENT, now=t0)
    assert not govbr.unlink(db, created.account_id, client=CLIENT, now=t0)
    govbr.sign_in(db, _identity(MARIA_CPF, "ouro"), _authorization(db, t0, "b"), client=CLIENT, now=t0)
    assert govbr.unlink(db, confirmed_account, client=CLIENT, now=t0)
    assert govbr.standing(db, confirmed_account) == govbr.Standing("", has_password=True)


@pytest.mark.parametrize(("reported", "level"), [
    ([], "bronze"), (["prata"], "prata"), (["bronze", "ouro", "prata"], "ouro"), (["desconhecido"], "bronze"),
])
def test_the_highest_reported_level_counts(reported, level):
    assert govbr.level_of(reported) == level


def test_an_account_made_through_gov_br_can_create_a_portal_password_once(db, t0):
    created = govbr.sign_in(db, _identity(), _authorization(db, t0), client=CLIENT, now=t0)
    session_id = db.exec(select(AuthSession.id)).one()
    weak = profile.set_first_password(db, account_id=created.account_id, session_id=session_id, new="123",
                                      confirm="123", client=CLIENT, now=t0)
    assert "new_password" in weak.errors
    strong = "uma frase longa para o portal"
    done = profile.set_first_password(db, account_id=created.account_id, session_id=session_id, new=strong,
                                      confirm=strong, client=CLIENT, now=t0)
    assert done.ok
    assert login.authenticate(db, cpf=NEW_CPF, password=strong, now=t0).status is login.LoginStatus.OK
    assert profile.set_first_password(db, account_id=created.account_id, session_id=session_id, new=strong,
                                      confirm=strong, client=CLIENT, now=t0) is None
    assert govbr.unlink(db, created.account_id, client=CLIENT, now=t0)
