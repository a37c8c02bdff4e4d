"""Where a sign-in lands (portal.core.routes.after_sign_in): only a fixed list of portal pages,
never a URL from the query string (no open redirect)."""

from __future__ import annotations

import pytest

from portal.core import routes


@pytest.mark.parametrize(("key", "target"), [
    ("minha-conta", routes.ACCOUNT), ("atendimento", routes.DESK), ("servicos", routes.SERVICES),
])
def test_known_keys_name_their_page(key, target):
    assert routes.return_key(key) == key
    assert routes.after_sign_in(key) == target


@pytest.mark.parametrize("value", [
    None, "", "https://evil.example", "//evil.example", "/minha-conta", "minha-conta/", "Minha-Conta",
    " minha-conta", "minha-conta\n", "javascript:alert(1)", "/\\evil.example", "%2F%2Fevil.example",
    "../minha-conta", 1, ["minha-conta"], {"minha-conta": 1}, "__class__", "get",
])
def test_anything_else_lands_on_services(value):
    assert routes.return_key(value) == ""
    assert routes.after_sign_in(value) == routes.SERVICES


def test_every_target_is_a_portal_path():
    for target in routes.RETURN_TARGETS.values():
        assert target.startswith("/") and not target.startswith("//") and "\\" not in target


@pytest.mark.parametrize("key", ["minha-conta", "", "https://evil.example"])
def test_a_temporary_password_only_sets_the_new_one(key):
    assert routes.after_sign_in(key, must_change_password=True) == routes.NEW_PASSWORD


@pytest.mark.parametrize(("path", "key"), [
    ("/minha-conta", "minha-conta"), ("/minha-conta/", "minha-conta"), ("/atendimento", "atendimento"),
    ("/minha-conta?x=1", "minha-conta"), ("/nova-senha", ""), ("/", ""), ("", ""), (None, ""),
    ("//evil.example/minha-conta", ""),
])
def test_the_key_of_a_page_path(path, key):
    assert routes.return_key_of_path(path) == key


@pytest.mark.parametrize(("path", "ended", "url"), [
    ("/minha-conta", False, "/?voltar=minha-conta"),  # a first visitor: "Entre para ver sua conta"
    ("/minha-conta", True, "/?sessao=expirada&voltar=minha-conta"),
    ("/atendimento", False, "/?voltar=atendimento"),
    ("/nova-senha", False, "/?sessao=expirada"),  # no page to return to: as before
    ("/nova-senha", True, "/?sessao=expirada"),
])
def test_a_guarded_page_sends_to_the_sign_in(path, ended, url):
    from portal.state.personal import sign_in_again

    assert sign_in_again(path, ended=ended) == url


def _home_response(query: str, cookie: str = "", *, content_type: str = "text/html") -> list[str]:
    """The Set-Cookie headers ReturnCookie adds to a GET of the home page."""
    from portal.web.return_cookie import ReturnCookie
    from tests.run_async import run_async

    async def page(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", content_type.encode())]})
        await send({"type": "http.response.body", "body": b"<html></html>"})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "path": "/", "query_string": query.encode(),
             "headers": [(b"cookie", cookie.encode())] if cookie else []}
    run_async(ReturnCookie(page, https=False)(scope, receive, send))
    return [value.decode() for name, value in sent[0]["headers"] if name == b"set-cookie"]


def test_the_home_page_keeps_a_known_key_for_a_form_posted_before_live():
    (cookie,) = _home_response("voltar=minha-conta")
    assert cookie.startswith("portal_voltar=minha-conta;")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


@pytest.mark.parametrize("query", ["voltar=https%3A%2F%2Fevil.example", "voltar=%2F%2Fevil.x", "", "x=1"])
def test_the_home_page_keeps_nothing_else(query):
    assert _home_response(query) == []
    (dropped,) = _home_response(query, cookie="portal_voltar=minha-conta")
    assert dropped.startswith("portal_voltar=;") and "Max-Age=0" in dropped


def test_an_unchanged_key_is_not_set_again():
    assert _home_response("voltar=minha-conta", cookie="portal_voltar=minha-conta") == []
    assert _home_response("voltar=minha-conta", content_type="application/json") == []  # not the page itself
