"""The forms that end in a session cookie, posted as the browser posts them: through the
portal's HTTP app (its middleware and its routes), with Starlette's TestClient."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from portal.accounts import access, login, recovery, sessions, two_step
from portal.accounts.activity import Client
from portal.accounts.tokens import token_hash
from portal.accounts.two_step import Status
from portal.core import ratelimit, routes
from portal.core.clock import utcnow
from portal.core.ratelimit import Limiter
from portal.govbr import links as govbr
from portal.govbr.links import Identity, Outcome
from portal.models import Account, AuthSession, GovbrLink, OutboxMessage
from portal.web.auth_routes import auth_app
from portal.web.cookies import (BROWSER_COOKIE, DEVICE_COOKIE, GOVBR_RETURN_COOKIE, RETURN_COOKIE,
                                 SESSION_COOKIE, SIGN_IN_CPF_COOKIE)

CPF = "529.982.247-25"
SAME_SITE = {"sec-fetch-site": "same-origin"}


class Browser:
    """One browser: its cookies (the id cookie the home page document gives), its posts."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        client.cookies.set(BROWSER_COOKIE, "id-deste-navegador")

    def post(self, path: str, data: dict, headers: dict | None = None):
        return self.client.post(path, data=data, headers=SAME_SITE if headers is None else headers)

    def sign_in(self, password: str, cpf: str = CPF, **extra: str):
        return self.post(routes.AUTH_SIGN_IN, {"cpf": cpf, "password": password, **extra})


@pytest.fixture
def browser(db):
    ratelimit.limiter.cache_clear()  # each test starts with no attempt counted
    with TestClient(auth_app(), follow_redirects=False, base_url="http://portal.test") as client:
        yield Browser(client)
    ratelimit.limiter.cache_clear()


def outcome(answer) -> tuple[str, dict[str, str]]:
    """Where a 303 goes: the path and its query (one value per name)."""
    assert answer.status_code == 303, answer.text
    url = urlsplit(answer.headers["location"])
    return url.path, {name: values[0] for name, values in parse_qs(url.query).items()}


# --- CPF + senha -------------------------------------------------------------------------------

def test_the_right_password_opens_a_session_in_the_answer_and_lands_on_services(db, confirmed_account, password,
                                                                                browser):
    answer = browser.sign_in(password)
    assert outcome(answer) == ("/servicos/", {})
    assert answer.headers["cache-control"] == "no-store"
    signed_in = sessions.current(db, answer.cookies[SESSION_COOKIE])
    assert signed_in is not None and signed_in.account.id == confirmed_account
    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE + "="))
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert answer.cookies.get(DEVICE_COOKIE)


def test_a_wrong_password_keeps_the_failure_and_brings_the_cpf_back_outside_the_url(db, confirmed_account,
                                                                                    password, browser):
    answer = browser.sign_in(password + "x")
    assert outcome(answer) == ("/", {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_INVALID})
    assert "52998224725" not in answer.headers["location"]
    assert answer.cookies[SIGN_IN_CPF_COOKIE] == "52998224725"
    assert SESSION_COOKIE not in answer.cookies
    db.expire_all()
    assert db.get(Account, confirmed_account).failed_logins == 1


def test_copied_spaces_are_pointed_out(confirmed_account, password, browser):
    assert outcome(browser.sign_in(f" {password} "))[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_INVALID,
                                                            "espacos": "1"}


@pytest.mark.parametrize(("cpf", "typed", "fields"), [
    ("", "x", "cpf"), ("123", "x", "cpf"), (CPF, "", "senha"), ("", "", "cpf-senha"),
])
def test_blank_or_malformed_fields_are_named_without_a_hash(db, confirmed_account, browser, cpf, typed, fields):
    answer = browser.sign_in(typed, cpf=cpf)
    assert outcome(answer) == ("/", {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_MISSING, routes.SIGN_IN_FIELDS: fields})
    db.expire_all()
    assert db.get(Account, confirmed_account).failed_logins == 0


@pytest.mark.parametrize("headers", [
    {"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"}, {"sec-fetch-site": "none"},
    {"origin": "null"}, {"origin": "https://evil.example"}, {},
])
def test_login_csrf_a_post_from_elsewhere_signs_nobody_in(db, confirmed_account, password, browser, headers):
    answer = browser.post(routes.AUTH_SIGN_IN, {"cpf": CPF, "password": password}, headers=headers)
    assert outcome(answer) == ("/", {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_REFUSED})
    assert SESSION_COOKIE not in answer.cookies and db.exec(select(AuthSession)).all() == []


def test_a_browser_without_the_portal_cookie_is_told_so(db, confirmed_account, password, browser):
    browser.client.cookies.clear()
    answer = browser.sign_in(password)
    assert outcome(answer)[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_NO_COOKIE}
    assert db.exec(select(AuthSession)).all() == []


@pytest.mark.parametrize(("field", "cookie", "lands"), [
    ("minha-conta", "", "/minha-conta/"),  # the live page's hidden field
    ("", "atendimento", "/atendimento/"),  # posted before live: the home document's cookie
    ("servicos", "atendimento", "/servicos/"),  # the live page's own URL wins over an older cookie
    ("https://evil.example", "", "/servicos/"), ("//evil.example", "", "/servicos/"),
    ("/minha-conta", "", "/servicos/"), ("", "https://evil.example", "/servicos/"),
])
def test_a_sign_in_returns_only_to_a_known_page(confirmed_account, password, browser, field, cookie, lands):
    if cookie:
        browser.client.cookies.set(RETURN_COOKIE, cookie)
    answer = browser.sign_in(password, **({routes.RETURN: field} if field else {}))
    assert outcome(answer) == (lands, {})
    assert any(h.startswith(f"{RETURN_COOKIE}=") and "Max-Age=0" in h for h in answer.headers.get_list("set-cookie"))


def test_a_refused_sign_in_keeps_the_page_it_was_for(confirmed_account, password, browser):
    answer = browser.sign_in(password + "x", **{routes.RETURN: "minha-conta"})
    assert outcome(answer)[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_INVALID, routes.RETURN: "minha-conta"}


def test_the_limits_answer_with_the_wait(confirmed_account, password, browser):
    for _ in range(5):
        assert outcome(browser.sign_in(password + "x"))[1][routes.SIGN_IN_OUTCOME] == routes.SIGN_IN_INVALID
    _, query = outcome(browser.sign_in(password))
    assert query[routes.SIGN_IN_OUTCOME] == routes.SIGN_IN_LIMITED and int(query["espera"]) > 0


def test_an_unconfirmed_sign_up_gets_a_new_link_or_the_wait(db, pending_account, password, browser, outbox):
    sent = len(outbox())
    # Signed up a moment ago (T0, long past): the first post sends a new link...
    assert outcome(browser.sign_in(password))[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_UNCONFIRMED,
                                                     "reenviado": "1"}
    assert len(outbox()) == sent + 1
    # ...and the next one says how long until another may go.
    _, query = outcome(browser.sign_in(password))
    assert query[routes.SIGN_IN_OUTCOME] == routes.SIGN_IN_UNCONFIRMED and int(query["espera"]) > 0
    assert len(db.exec(select(OutboxMessage)).all()) == sent + 1


def test_an_unconfirmed_sign_up_with_a_wrong_password_is_just_invalid(pending_account, password, browser, outbox):
    sent = len(outbox())
    assert outcome(browser.sign_in(password + "x"))[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_INVALID}
    assert len(outbox()) == sent


# --- the verification code (two-step on) --------------------------------------------------------

def _turn_two_step_on(db, account_id: int, password: str) -> str:
    """Two-step on for the account, as Minha conta turns it on now; returns its secret."""
    now = utcnow()
    session_id = sessions.current(db, sessions.start(db, account_id, now=now, factors="pwd"), now).session_id
    enrolment = two_step.begin(db, account_id, now=now)
    assert two_step.confirm(db, account_id, pyotp.TOTP(enrolment.secret).at(now), password=password,
                            session_id=session_id, client=Client(), limiter=None, now=now).status is Status.OK
    return enrolment.secret


def _next_code(secret: str) -> str:
    """A code not used yet: the next 30 s step's (accepted within ±1 step)."""
    return pyotp.TOTP(secret).at(utcnow() + timedelta(seconds=30))


@pytest.fixture
def secret(db, confirmed_account, password) -> str:
    return _turn_two_step_on(db, confirmed_account, password)


def test_with_two_step_the_password_opens_nothing_and_the_code_opens_the_session(db, confirmed_account,
                                                                               password, secret, browser):
    before = len(db.exec(select(AuthSession)).all())
    answer = browser.sign_in(password, **{routes.RETURN: "minha-conta"})
    assert outcome(answer) == ("/", {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_CODE, routes.RETURN: "minha-conta"})
    assert SESSION_COOKIE not in answer.cookies and len(db.exec(select(AuthSession)).all()) == before
    answer = browser.post(routes.AUTH_SIGN_IN_CODE, {"code": _next_code(secret), routes.RETURN: "minha-conta"})
    assert outcome(answer) == ("/minha-conta/", {})
    viewer = access.viewer(db, answer.cookies[SESSION_COOKIE])
    assert viewer is not None and viewer.account_id == confirmed_account and viewer.two_step
    assert answer.cookies.get(DEVICE_COOKIE)


def test_a_wrong_or_blank_code_comes_back_to_the_code_step(confirmed_account, password, secret, browser):
    browser.sign_in(password)
    assert outcome(browser.post(routes.AUTH_SIGN_IN_CODE, {"code": "000000"}))[1] == {
        routes.SIGN_IN_OUTCOME: routes.SIGN_IN_CODE_WRONG}
    assert outcome(browser.post(routes.AUTH_SIGN_IN_CODE, {"code": "  "}))[1] == {
        routes.SIGN_IN_OUTCOME: routes.SIGN_IN_CODE_BLANK}
    for _ in range(3):
        browser.post(routes.AUTH_SIGN_IN_CODE, {"code": "000000"})
    # The fifth wrong code ends this sign-in: the password comes first again.
    assert outcome(browser.post(routes.AUTH_SIGN_IN_CODE, {"code": "000000"}))[1] == {
        routes.SIGN_IN_OUTCOME: routes.SIGN_IN_CODE_GONE}
    # This address has failed five times: the sign-in waits.
    assert outcome(browser.sign_in(password))[1][routes.SIGN_IN_OUTCOME] == routes.SIGN_IN_LIMITED
    # From another address the password is right, but five wrong codes on the account: the code waits.
    ratelimit.limiter.cache_clear()
    assert outcome(browser.sign_in(password))[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_CODE}
    _, query = outcome(browser.post(routes.AUTH_SIGN_IN_CODE, {"code": _next_code(secret)}))
    assert query[routes.SIGN_IN_OUTCOME] == routes.SIGN_IN_CODE_LIMITED and int(query["espera"]) > 0


def test_the_code_works_only_in_the_browser_that_typed_the_password(db, confirmed_account, password, secret,
                                                                   browser):
    browser.sign_in(password)
    browser.client.cookies.set(BROWSER_COOKIE, "outro-navegador")
    answer = browser.post(routes.AUTH_SIGN_IN_CODE, {"code": _next_code(secret)})
    assert outcome(answer)[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_CODE_GONE}
    assert SESSION_COOKIE not in answer.cookies


@pytest.mark.parametrize("headers", [{"sec-fetch-site": "cross-site"}, {"origin": "null"}, {}])
def test_login_csrf_a_code_posted_from_elsewhere_opens_nothing(confirmed_account, password, secret, browser,
                                                               headers):
    browser.sign_in(password)
    answer = browser.post(routes.AUTH_SIGN_IN_CODE, {"code": _next_code(secret)}, headers=headers)
    assert outcome(answer)[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_REFUSED}
    assert SESSION_COOKIE not in answer.cookies


def test_a_temporary_password_then_the_code_opens_only_the_new_password(db, confirmed_account, secret, browser,
                                                                       outbox):
    asked = recovery.request(db, cpf=CPF, email="maria@example.com", client_ip="10.0.0.1",
                             limiter=Limiter("memory://"))
    assert asked.status is recovery.RecoveryStatus.SENT
    temporary = re.search(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b", outbox()[-1].body_text).group(0)
    assert outcome(browser.sign_in(temporary))[1] == {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_CODE}
    answer = browser.post(routes.AUTH_SIGN_IN_CODE, {"code": _next_code(secret), routes.RETURN: "minha-conta"})
    assert outcome(answer) == ("/nova-senha/", {})


# --- the bronze gov.br link (/govbr/vincular) ---------------------------------------------------

@pytest.fixture
def waiting_link(db, confirmed_account):
    """A bronze gov.br sign-in of the fixtures' CPF, waiting for the portal password in the
    test browser (as /auth/govbr/retorno leaves it)."""
    now = utcnow()
    mine = token_hash("id-deste-navegador")
    govbr.start(db, state="estado", nonce="n", code_verifier="v" * 43, browser_hash=mine, now=now)
    authorization = govbr.claim(db, state="estado", browser_hash=mine, now=now)
    identity = Identity(cpf="52998224725", name="Maria", email="maria@example.com", level="bronze")
    assert govbr.sign_in(db, identity, authorization, client=Client(), now=now).outcome is Outcome.NEEDS_PASSWORD


def test_the_portal_password_links_and_opens_a_bronze_session(db, confirmed_account, password, waiting_link,
                                                             browser):
    assert outcome(browser.post(routes.AUTH_GOVBR_LINK, {"password": password + "x"})) == (
        "/govbr/vincular/", {routes.GOVBR_LINK_ERROR: "incorreta"})
    assert outcome(browser.post(routes.AUTH_GOVBR_LINK, {"password": ""})) == (
        "/govbr/vincular/", {routes.GOVBR_LINK_ERROR: "vazia"})
    browser.client.cookies.set(GOVBR_RETURN_COOKIE, "minha-conta")  # "Entrar com gov.br" was for Minha conta
    answer = browser.post(routes.AUTH_GOVBR_LINK, {"password": password})
    assert outcome(answer) == ("/minha-conta/", {})
    assert sessions.current(db, answer.cookies[SESSION_COOKIE]).account.id == confirmed_account
    assert db.exec(select(AuthSession.govbr_level).where(AuthSession.govbr_level != "")).one() == "bronze"
    assert db.exec(select(GovbrLink)).one().account_id == confirmed_account
    # Used once.
    assert outcome(browser.post(routes.AUTH_GOVBR_LINK, {"password": password})) == ("/govbr/vincular/", {})


def test_a_bronze_link_into_an_account_with_two_step_goes_to_the_code(db, confirmed_account, password, secret,
                                                                     waiting_link, browser):
    answer = browser.post(routes.AUTH_GOVBR_LINK, {"password": password})
    assert outcome(answer) == ("/", {routes.SIGN_IN_OUTCOME: routes.SIGN_IN_CODE})
    assert SESSION_COOKIE not in answer.cookies
    answer = browser.post(routes.AUTH_SIGN_IN_CODE, {"code": _next_code(secret)})
    assert outcome(answer) == ("/servicos/", {})
    viewer = access.viewer(db, answer.cookies[SESSION_COOKIE])
    assert viewer is not None and viewer.two_step


def test_login_csrf_a_link_posted_from_elsewhere_links_nothing(db, confirmed_account, password, waiting_link,
                                                              browser):
    answer = browser.post(routes.AUTH_GOVBR_LINK, {"password": password}, headers={"sec-fetch-site": "cross-site"})
    assert outcome(answer) == ("/govbr/vincular/", {routes.GOVBR_LINK_ERROR: "recusada"})
    assert db.exec(select(GovbrLink)).all() == [] and SESSION_COOKIE not in answer.cookies


def test_a_link_password_is_limited_like_a_sign_in(confirmed_account, password, waiting_link, browser):
    for _ in range(5):
        browser.post(routes.AUTH_GOVBR_LINK, {"password": password + "x"})
    _, query = outcome(browser.post(routes.AUTH_GOVBR_LINK, {"password": password}))
    assert query[routes.GOVBR_LINK_ERROR] == "limitada" and int(query["espera"]) > 0


# --- "Defina sua nova senha" after a temporary password -----------------------------------------

NEW = "maritaca verde no ipê amarelo"


@pytest.fixture
def temporary_session(db, confirmed_account, browser) -> str:
    """This browser signed in with a temporary password: its session token."""
    token = sessions.start(db, confirmed_account, must_change_password=True, factors="mail")
    browser.client.cookies.set(SESSION_COOKIE, token)
    return token


def test_the_new_password_is_set_and_minha_conta_opens(db, confirmed_account, temporary_session, browser):
    answer = browser.post(routes.AUTH_NEW_PASSWORD, {"new_password": NEW, "new_password_confirm": NEW})
    assert outcome(answer) == ("/minha-conta/", {"aviso": "senha-alterada"})
    signed_in = sessions.current(db, temporary_session)
    assert signed_in is not None and not signed_in.must_change_password  # the same session goes on
    assert login.authenticate(db, cpf=CPF, password=NEW).status is login.LoginStatus.OK


def test_a_refused_new_password_comes_back_with_its_codes_only(db, confirmed_account, temporary_session, browser):
    answer = browser.post(routes.AUTH_NEW_PASSWORD, {"new_password": NEW, "new_password_confirm": "outra coisa"})
    assert outcome(answer) == ("/nova-senha/", {routes.NEW_PASSWORD_ERRORS: "new_password_confirm:password_mismatch"})
    answer = browser.post(routes.AUTH_NEW_PASSWORD, {"new_password": "123", "new_password_confirm": "123"})
    path, query = outcome(answer)
    assert path == "/nova-senha/" and "123" not in answer.headers["location"]
    assert query[routes.NEW_PASSWORD_ERRORS].startswith("new_password:")
    assert sessions.current(db, temporary_session).must_change_password


@pytest.mark.parametrize(("session", "lands"), [("none", "/"), ("settled", "/minha-conta/")])
def test_only_a_temporary_password_session_may_post_a_new_password(db, confirmed_account, browser, password,
                                                                   session, lands):
    if session == "settled":
        browser.client.cookies.set(SESSION_COOKIE, sessions.start(db, confirmed_account, factors="pwd"))
    answer = browser.post(routes.AUTH_NEW_PASSWORD, {"new_password": NEW, "new_password_confirm": NEW})
    assert outcome(answer)[0] == lands
    assert login.authenticate(db, cpf=CPF, password=password).status is login.LoginStatus.OK  # unchanged


def test_login_csrf_a_new_password_posted_from_elsewhere_changes_nothing(db, confirmed_account, password,
                                                                        temporary_session, browser):
    answer = browser.post(routes.AUTH_NEW_PASSWORD, {"new_password": NEW, "new_password_confirm": NEW},
                          headers={"sec-fetch-site": "cross-site"})
    assert outcome(answer) == ("/nova-senha/", {routes.NEW_PASSWORD_ERRORS: "recusada"})
    assert sessions.current(db, temporary_session).must_change_password
