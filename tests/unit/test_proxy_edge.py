"""Behind a reverse proxy: whose X-Forwarded-* is believed, the connection Reflex and the
portal see, server redirects and mailed links that need no redirect, the request log's
secrets, and the settings that refuse what cannot work."""

from __future__ import annotations

import ipaddress
import logging

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from portal.core import config, routes
from portal.web.client_address import forwarded_address, forwarded_scheme
from portal.web.proxy_headers import ProxyHeaders
from portal.web.request_log import RequestLog, redacted_query

PROXIES = (ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("127.0.0.3"), ipaddress.ip_network("fd00::/64"))


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch):
    for name in ("PORTAL_TRUSTED_PROXY_HOPS", "PORTAL_TRUSTED_PROXIES", "PORTAL_BASE_URL", "PORTAL_SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    config.settings.cache_clear()
    yield
    config.settings.cache_clear()


@pytest.mark.parametrize(("peer", "forwarded", "client"), [
    ("10.0.0.5", "198.51.100.7", "198.51.100.7"),  # the proxy reports the citizen
    ("10.0.0.5", "9.9.9.9, 198.51.100.7", "198.51.100.7"),  # a forged entry left of what the proxy appended
    ("10.0.0.5", "198.51.100.7, 10.0.0.9", "198.51.100.7"),  # two trusted proxies in a row
    ("203.0.113.9", "9.9.9.9", "203.0.113.9"),  # not a proxy: its header is its own word
    ("127.0.0.1", "9.9.9.9", "127.0.0.1"),  # straight to the app from this machine, bypassing the proxy
    ("10.0.0.5", "", "10.0.0.5"),  # the proxy's own request
    ("10.0.0.5", "not-an-address, 10.0.0.9", "10.0.0.9"),  # garbage: the last address a proxy vouched for
    ("fd00::1", "2001:db8::7", "2001:db8::7"),
    ("::ffff:10.0.0.5", "198.51.100.7", "198.51.100.7"),  # IPv4 proxy seen as a mapped IPv6 peer
])
def test_only_a_trusted_proxy_is_believed(peer, forwarded, client):
    assert forwarded_address(peer, forwarded, PROXIES) == client


def test_without_trusted_proxies_no_header_is_believed():
    assert forwarded_address("10.0.0.5", "198.51.100.7", ()) == "10.0.0.5"
    assert forwarded_scheme("10.0.0.5", "https", "http", ()) == "http"


def test_the_scheme_comes_from_a_trusted_proxy_only():
    assert forwarded_scheme("10.0.0.5", "https", "http", PROXIES) == "https"
    assert forwarded_scheme("203.0.113.9", "https", "http", PROXIES) == "http"
    assert forwarded_scheme("10.0.0.5", "gopher", "http", PROXIES) == "http"


def _app_behind(proxies: str, monkeypatch) -> TestClient:
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", proxies)
    config.settings.cache_clear()

    async def who(request):
        return PlainTextResponse(f"{request.client.host} {request.url.scheme}")

    async def trailing(request):
        return RedirectResponse(request.url.replace(path="/minha-conta/"), status_code=307)

    app = Starlette(routes=[Route("/quem", who), Route("/minha-conta", trailing)],
                    middleware=[Middleware(ProxyHeaders)])
    return TestClient(app, base_url="http://portal.campinas.test:8443", client=("10.0.0.5", 50000),
                      follow_redirects=False)


def test_behind_tls_a_redirect_stays_on_https(monkeypatch):
    client = _app_behind("10.0.0.0/24", monkeypatch)
    answer = client.get("/minha-conta", headers={"x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.7"})
    assert answer.headers["location"] == "https://portal.campinas.test:8443/minha-conta/"
    assert client.get("/quem", headers={"x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.7"}).text \
        == "198.51.100.7 https"


def test_a_caller_that_is_not_the_proxy_changes_nothing(monkeypatch):
    client = _app_behind("127.0.0.3", monkeypatch)
    answer = client.get("/quem", headers={"x-forwarded-proto": "https", "x-forwarded-for": "9.9.9.9"})
    assert answer.text == "10.0.0.5 http"


@pytest.mark.parametrize(("target", "served"), [
    ("/minha-conta", "/minha-conta/"),
    ("/confirmar?resultado=ok", "/confirmar/?resultado=ok"),
    ("/ajuda/acompanhar?protocolo=2026-000001", "/ajuda/acompanhar/?protocolo=2026-000001"),
    ("/", "/"),
    ("/?saiu=1", "/?saiu=1"),
    ("/minha-conta/", "/minha-conta/"),
    ("/auth/confirmar?token=x", "/auth/confirmar?token=x"),
    ("https://sso.acesso.gov.br/logout?x=1", "https://sso.acesso.gov.br/logout?x=1"),
    ("//evil.example/x", "//evil.example/x"),
])
def test_page_paths_as_served_without_a_redirect(target, served):
    assert routes.as_served(target) == served


def test_the_mailed_follow_link_opens_without_a_redirect(monkeypatch):
    from portal.mail import messages

    monkeypatch.setenv("PORTAL_BASE_URL", "https://portal.campinas.test:8443")
    monkeypatch.setenv("PORTAL_SMTP_HOST", "smtp.portal.test")
    config.settings.cache_clear()
    assert messages.follow_link("2026-000001") == \
        "https://portal.campinas.test:8443/ajuda/acompanhar/?protocolo=2026-000001"


def test_the_request_log_never_holds_a_token(caplog):
    assert redacted_query("token=abc123&voltar=minha-conta") == "token=***&voltar=minha-conta"
    assert redacted_query("code=c0de&state=st4te&iss=https://sso") == "code=***&state=***&iss=https://sso"

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 303, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    client = TestClient(RequestLog(app), client=("198.51.100.7", 1))
    logger = logging.getLogger("portal.access")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    try:
        client.get("/auth/confirmar?token=T0K3N&voltar=minha-conta")
    finally:
        logger.removeHandler(handler)
    [line] = [record.getMessage() for record in records]
    assert line.startswith("198.51.100.7 GET /auth/confirmar?token=***&voltar=minha-conta 303 ")
    assert "T0K3N" not in line


def test_hop_counts_are_refused_with_what_replaced_them(monkeypatch):
    monkeypatch.setenv("PORTAL_TRUSTED_PROXY_HOPS", "1")
    with pytest.raises(config.ConfigError, match="PORTAL_TRUSTED_PROXIES"):
        config.load_settings()


def test_trusted_proxies_are_addresses_or_cidrs(monkeypatch):
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8 ,fd00::/64")
    assert [str(n) for n in config.load_settings().trusted_proxies] == ["127.0.0.1/32", "10.0.0.0/8", "fd00::/64"]
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", "proxy.interno")
    with pytest.raises(config.ConfigError, match="not an IP address or CIDR"):
        config.load_settings()


@pytest.mark.parametrize(("base_url", "api_url"), [
    ("https://portal.campinas.sp.gov.br", "https://portal.campinas.sp.gov.br"),
    ("https://portal.campinas.test:8443/", "https://portal.campinas.test:8443"),
    ("http://localhost:3000", "http://localhost:3000"),
    ("https://localhost", "https://localhost"),
])
def test_the_websocket_goes_to_the_public_origin_on_any_port(monkeypatch, base_url, api_url):
    monkeypatch.setenv("PORTAL_BASE_URL", base_url)
    monkeypatch.setenv("PORTAL_SMTP_HOST", "smtp.portal.test")
    assert config.load_settings().api_url == api_url


def test_https_localhost_on_another_port_is_refused_with_the_reason(monkeypatch):
    monkeypatch.setenv("PORTAL_BASE_URL", "https://localhost:8443")
    monkeypatch.setenv("PORTAL_SMTP_HOST", "smtp.portal.test")
    with pytest.raises(config.ConfigError, match="port 443"):
        config.load_settings()
