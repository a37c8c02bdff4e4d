"""The forms that end in a session cookie, posted as the browser posts them: through the
portal's HTTP app (its middleware and its routes), with Starlette's TestClient."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from portal.accounts import sessions
from portal.core import ratelimit, routes
from portal.models import Account, AuthSession, OutboxMessage
from portal.web.auth_routes import auth_app
from portal.web.cookies import (BROWSER_COOKIE, DEVICE_COOKIE, RETURN_COOKIE, SESSION_COOKIE,
                                 SIGN_IN_CPF_COOKIE)

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
