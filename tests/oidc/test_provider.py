"""The fake gov.br behaves like an OpenID provider the portal can trust in its tests.

Driven by authlib's Starlette client (what a Starlette/Reflex app uses) for discovery, PKCE,
the token call, ID token checks and userinfo; the citizen's part (login form, consent, cancel)
is plain HTTP with httpx, the way a browser would submit those forms.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.integrations.starlette_client import OAuth
from joserfc.errors import BadSignatureError, ExpiredTokenError, InvalidClaimError

from tests.oidc.provider import SCOPES, FakeGovbr, node_missing, running_govbr
from tests.run_async import run_async

if reason := node_missing():
    pytest.skip(reason, allow_module_level=True)

REDIRECT_URI = "http://localhost:3000/auth/govbr/retorno"
LOGOUT_URI = "http://localhost:3000/"
MARIA = "52998224725"
ACCOUNTS = {
    MARIA: {"name": "Maria da Silva", "email": "maria@example.com", "email_verified": True,
            "level": "prata"},
    "11144477735": {"name": "José Souza", "email": "jose@example.com", "email_verified": False,
                    "level": "ouro"},
}


@pytest.fixture(scope="module")
def govbr():
    with running_govbr(ACCOUNTS, REDIRECT_URI, LOGOUT_URI) as provider:
        yield provider


def authlib_client(govbr: FakeGovbr):
    return OAuth().register(
        "govbr",
        client_id=govbr.client_id,
        client_secret=govbr.client_secret,
        server_metadata_url=govbr.discovery_url,
        client_kwargs={"scope": SCOPES, "code_challenge_method": "S256"},
    )


def action(page: httpx.Response, name: str) -> str:
    """The action of the page's form that ends in /login, /confirm or /abort."""
    return re.search(rf'action="([^"]*/{name})"', page.text).group(1)


def walk(browser: httpx.Client, response: httpx.Response) -> httpx.Response:
    """Follow the provider's redirects until a page, or until it sends the citizen to the portal."""
    while response.is_redirect and not response.headers["location"].startswith("http://localhost:3000/"):
        response = browser.get(response.headers["location"])
    return response


def sign_in(govbr: FakeGovbr, browser: httpx.Client, cpf: str, *, consent: str = "confirm", **authorize):
    """Start at the authorization URL, type the CPF, then press Autorizar (or Cancelar)."""
    client = authlib_client(govbr)
    request = run_async(client.create_authorization_url(REDIRECT_URI, **authorize))
    login_page = walk(browser, browser.get(request["url"]))
    consent_page = walk(browser, browser.post(action(login_page, "login"), data={"cpf": cpf}))
    back = walk(browser, browser.post(action(consent_page, consent)))
    assert back.is_redirect, back.text
    return client, request, parse_qs(urlsplit(back.headers["location"]).query)


@pytest.fixture(scope="module")
def signed_in(govbr):
    """Maria's whole code flow: authorization, login, consent, token."""
    with httpx.Client(base_url=govbr.issuer) as browser:
        client, request, answer = sign_in(govbr, browser, "529.982.247-25")  # typed with punctuation
        assert answer["state"] == [request["state"]]
        token = run_async(client.fetch_access_token(
            REDIRECT_URI, code=answer["code"][0], code_verifier=request["code_verifier"]))
        yield client, request, token


def test_discovery(govbr):
    meta = httpx.get(govbr.discovery_url).json()
    assert meta["issuer"] == govbr.issuer
    assert govbr.issuer.startswith("http://127.0.0.1:")
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert {"openid", "email", "profile", "govbr_confiabilidades"} <= set(meta["scopes_supported"])
    assert {"client_secret_basic", "client_secret_post"} <= set(meta["token_endpoint_auth_methods_supported"])
    for name in ("authorization", "token", "userinfo", "end_session"):
        assert meta[f"{name}_endpoint"].startswith(govbr.issuer)
    assert meta["jwks_uri"].startswith(govbr.issuer)


def test_code_flow_uses_pkce_s256_and_state(signed_in):
    _, request, token = signed_in
    query = parse_qs(urlsplit(request["url"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert token["token_type"].lower() == "bearer" and token["access_token"] and token["id_token"]


def test_id_token_checked_by_authlib_against_jwks_and_nonce(signed_in):
    client, request, token = signed_in
    claims = run_async(client.parse_id_token(token, nonce=request["nonce"], leeway=0))
    assert claims["sub"] == MARIA
    assert claims["name"] == "Maria da Silva"
    assert claims["email"] == "maria@example.com" and claims["email_verified"] is True
    with pytest.raises(InvalidClaimError):
        run_async(client.parse_id_token(token, nonce="another-nonce"))


def test_level_in_id_token_and_unverified_email_left_out(govbr):
    # gov.br's current advice: ask for govbr_confiabilidades_idtoken and read reliability_info.
    with httpx.Client(base_url=govbr.issuer) as browser:
        client, request, answer = sign_in(
            govbr, browser, "11144477735", scope=SCOPES + " govbr_confiabilidades_idtoken")
        token = run_async(client.fetch_access_token(
            REDIRECT_URI, code=answer["code"][0], code_verifier=request["code_verifier"]))
    claims = run_async(client.parse_id_token(token, nonce=request["nonce"]))
    assert claims["reliability_info"]["level"] == "gold"
    assert claims["email_verified"] is False and "email" not in claims


def test_userinfo(signed_in):
    client, _, token = signed_in
    info = run_async(client.userinfo(token=token))
    assert info["sub"] == MARIA and info["name"] == "Maria da Silva" and info["email_verified"] is True


def test_levels_api_needs_that_citizens_token(govbr, signed_in):
    bearer = {"Authorization": f"Bearer {signed_in[2]['access_token']}"}
    levels = httpx.get(govbr.levels_url.format(cpf=MARIA), headers=bearer)
    assert levels.status_code == 200
    assert [item["id"] for item in levels.json()] == ["2"]  # 1 bronze, 2 prata, 3 ouro
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", levels.json()[0]["dataAtualizacao"])
    seals = httpx.get(govbr.seals_url.format(cpf=MARIA), headers=bearer)
    assert seals.status_code == 200
    assert [item["id"] for item in seals.json()] == ["201", "605"]  # gov.br seal ids (selos)

    assert httpx.get(govbr.levels_url.format(cpf=MARIA)).status_code == 401
    wrong = {"Authorization": "Bearer not-a-token"}
    assert httpx.get(govbr.levels_url.format(cpf=MARIA), headers=wrong).status_code == 401
    assert httpx.get(govbr.levels_url.format(cpf="11144477735"), headers=bearer).status_code == 401


def test_accounts_file_is_read_again_on_every_request(govbr, signed_in):
    bearer = {"Authorization": f"Bearer {signed_in[2]['access_token']}"}
    try:
        govbr.set_accounts({**ACCOUNTS, MARIA: {**ACCOUNTS[MARIA], "level": "ouro"}})
        assert httpx.get(govbr.levels_url.format(cpf=MARIA), headers=bearer).json()[0]["id"] == "3"
    finally:
        govbr.set_accounts(ACCOUNTS)


def test_unknown_cpf_is_refused_on_the_form(govbr):
    with httpx.Client(base_url=govbr.issuer) as browser:
        request = run_async(authlib_client(govbr).create_authorization_url(REDIRECT_URI))
        login_page = walk(browser, browser.get(request["url"]))
        again = browser.post(action(login_page, "login"), data={"cpf": "123.456.789-09"})
        assert again.status_code == 200
        assert 'role="alert"' in again.text and "CPF não encontrado" in again.text


@pytest.mark.parametrize("where", ["login", "consent"])
def test_cancel_sends_access_denied_to_the_portal(govbr, where):
    with httpx.Client(base_url=govbr.issuer) as browser:
        request = run_async(authlib_client(govbr).create_authorization_url(REDIRECT_URI))
        page = walk(browser, browser.get(request["url"]))
        if where == "consent":
            page = walk(browser, browser.post(action(page, "login"), data={"cpf": MARIA}))
        back = walk(browser, browser.post(action(page, "abort")))
        location = back.headers["location"]
        assert location.startswith(REDIRECT_URI)
        answer = parse_qs(urlsplit(location).query)
        assert answer["error"] == ["access_denied"] and answer["state"] == [request["state"]]


def test_pkce_is_required(govbr):
    with httpx.Client(base_url=govbr.issuer) as browser:
        answer = browser.get("/authorize", params={
            "client_id": govbr.client_id, "response_type": "code", "scope": SCOPES,
            "redirect_uri": REDIRECT_URI, "state": "s", "nonce": "n"})
        assert answer.is_redirect
        query = parse_qs(urlsplit(answer.headers["location"]).query)
        assert query["error"] == ["invalid_request"] and "PKCE" in query["error_description"][0]


def test_logout_returns_to_the_portal_and_ends_the_session(govbr):
    with httpx.Client(base_url=govbr.issuer) as browser:
        sign_in(govbr, browser, MARIA)
        page = browser.get("/logout", params={
            "client_id": govbr.client_id, "post_logout_redirect_uri": LOGOUT_URI, "state": "bye"})
        # The page submits its form by itself in a browser; here we submit it.
        form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
        back = browser.post(re.search(r'action="([^"]+)"', page.text).group(1), data=form)
        assert back.status_code == 303 and back.headers["location"] == LOGOUT_URI + "?state=bye"
        # Signed out: the next sign-in asks for the CPF again.
        request = run_async(authlib_client(govbr).create_authorization_url(REDIRECT_URI))
        assert 'name="cpf"' in walk(browser, browser.get(request["url"])).text


@pytest.mark.parametrize("knobs, error", [
    ({"id_token_ttl": -600}, ExpiredTokenError),  # beyond authlib's default 120 s leeway
    ({"publish_wrong_key": True}, BadSignatureError),
    ({"id_token_claims": {"aud": "outro-sistema"}}, InvalidClaimError),
    # authlib's default checks accept this one (aud is only compared through azp): hence the
    # explicit "aud" option below, which the portal needs too.
    ({"id_token_claims": {"aud": "outro-sistema", "azp": "portal-test"}}, InvalidClaimError),
    ({"id_token_claims": {"iss": "https://sso.acesso.gov.br/"}}, InvalidClaimError),
])
def test_bad_id_tokens_are_refused_by_authlib(knobs, error):
    with running_govbr(ACCOUNTS, REDIRECT_URI, LOGOUT_URI, **knobs) as govbr, \
            httpx.Client(base_url=govbr.issuer) as browser:
        client, request, answer = sign_in(govbr, browser, MARIA)
        token = run_async(client.fetch_access_token(
            REDIRECT_URI, code=answer["code"][0], code_verifier=request["code_verifier"]))
        must_be = {"iss": {"essential": True, "values": [govbr.issuer]},
                   "aud": {"essential": True, "values": [govbr.client_id]}}
        with pytest.raises(error):
            run_async(client.parse_id_token(token, nonce=request["nonce"], claims_options=must_be))
