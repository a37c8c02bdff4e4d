"""The web edge's checks without a server: who counts as "this machine", which paths are
development-only, the per-address caps on open sockets and on new sockets a minute, and the
settings behind them."""

from __future__ import annotations

import asyncio

import pytest
from starlette.requests import HTTPConnection

from portal.core import config
from portal.core.ratelimit import Limiter
from portal.web.client_address import client_ip
from portal.web.edge import LocalOnlyPages, NewSocketsPerClient, SocketsPerClient, is_local, is_loopback
from tests.run_async import run_async


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch):
    for name in ("PORTAL_TRUSTED_PROXY_HOPS", "PORTAL_TRUSTED_PROXIES", "PORTAL_LISTEN_HOST", "PORTAL_MAX_EVENT_BYTES",
                 "PORTAL_MAX_SOCKETS_PER_CLIENT", "PORTAL_NEW_SOCKETS_PER_MINUTE", "PORTAL_TAB_STATE_TTL_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    config.settings.cache_clear()
    yield
    config.settings.cache_clear()


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_loopback_addresses(address):
    assert is_loopback(address)


@pytest.mark.parametrize("address", ["192.0.2.2", "10.0.0.1", "0.0.0.0", "::", "fd00::2", "", "localhost",
                                     "garbage"])
def test_other_addresses(address):
    assert not is_loopback(address)


def test_local_means_both_the_peer_and_the_reported_client():
    assert is_local("127.0.0.1", "127.0.0.1")
    assert not is_local("192.0.2.9", "127.0.0.1")  # X-Forwarded-For: 127.0.0.1 sent from elsewhere
    assert not is_local("127.0.0.1", "192.0.2.9")  # a proxy on this machine relaying someone else


def _scope(kind: str, path: str, peer: str, forwarded: str = "") -> dict:
    headers = [(b"host", b"localhost:3000")]
    if forwarded:
        headers.append((b"x-forwarded-for", forwarded.encode()))
    return {"type": kind, "path": path, "raw_path": path.encode(), "client": (peer, 50000), "headers": headers,
            "query_string": b"", "root_path": "", "scheme": "http" if kind == "http" else "ws"}


def _path_seen_by_the_app(path: str, peer: str, forwarded: str = "") -> str:
    seen: list[str] = []

    async def app(scope, receive, send):
        seen.append(scope["path"])

    run_async(LocalOnlyPages(app, client_ip=client_ip)(_scope("http", path, peer, forwarded), None, None))
    return seen[0]


@pytest.mark.parametrize("path", ["/dev/emails", "/dev/emails/", "/dev/emails.html", "/dev//emails",
                                  "/dev/./emails", "/DEV/Emails", "/x/../dev/emails/index.html"])
def test_dev_pages_are_the_404_page_for_other_addresses(path):
    assert _path_seen_by_the_app(path, "192.0.2.9") == "/404"
    assert _path_seen_by_the_app(path, "127.0.0.1") == path


def test_a_forged_forwarded_for_does_not_open_dev_pages(monkeypatch):
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", "127.0.0.1")
    config.settings.cache_clear()
    assert _path_seen_by_the_app("/dev/emails", "192.0.2.9", forwarded="127.0.0.1") == "/404"
    assert _path_seen_by_the_app("/dev/emails", "127.0.0.1", forwarded="192.0.2.9") == "/404"
    assert _path_seen_by_the_app("/dev/emails", "127.0.0.1", forwarded="127.0.0.1") == "/dev/emails"


@pytest.mark.parametrize("path", ["/", "/cadastro", "/developer", "/dev/emailsx", "/assets/dev/emails.js"])
def test_other_pages_are_untouched(path):
    assert _path_seen_by_the_app(path, "192.0.2.9") == path


class _Sockets:
    """Drives SocketsPerClient with fake websockets that stay open until told to close."""

    def __init__(self, limit: int) -> None:
        self.closing: dict[int, asyncio.Event] = {}
        self.accepted: list[int] = []
        self.middleware = SocketsPerClient(self._app, limit=limit, client_ip=client_ip)

    async def _app(self, scope, receive, send):
        number = scope["number"]
        self.accepted.append(number)
        await self.closing[number].wait()

    async def open(self, number: int, peer: str, forwarded: str = "", kind: str = "websocket") -> list[dict]:
        """Start a socket; what the middleware sent for it before the app took over."""
        sent: list[dict] = []
        self.closing[number] = asyncio.Event()

        async def receive():
            return {"type": "websocket.connect"}

        async def send(message):
            sent.append(message)

        scope = {**_scope(kind, "/_event/", peer, forwarded), "number": number}
        asyncio.ensure_future(self.middleware(scope, receive, send))
        await asyncio.sleep(0)
        return sent


REFUSED = [{"type": "websocket.close", "code": 1008}]


def test_sockets_beyond_the_limit_are_refused_per_address(caplog):
    async def scenario(sockets: _Sockets) -> None:
        for n in range(3):
            assert await sockets.open(n, "192.0.2.9") == []
        assert await sockets.open(3, "192.0.2.9") == REFUSED
        assert await sockets.open(4, "192.0.2.9") == REFUSED
        assert await sockets.open(5, "192.0.2.10") == []  # another address is not affected
        assert await sockets.open(6, "192.0.2.9", kind="http") == []  # plain requests do not count
        sockets.closing[0].set()
        await asyncio.sleep(0)
        assert await sockets.open(7, "192.0.2.9") == []  # one closed, one may open
        for event in sockets.closing.values():
            event.set()
        await asyncio.sleep(0)

    sockets = _Sockets(limit=3)
    run_async(scenario(sockets))
    assert sockets.accepted == [0, 1, 2, 5, 6, 7]
    assert sockets.middleware.open == {}
    warnings = [r.getMessage() for r in caplog.records if r.name == "portal.web.edge"]
    assert warnings == ["refusing websockets from 192.0.2.9: 3 already open"]  # once, not per refusal


def test_the_limit_counts_the_address_behind_trusted_proxies(monkeypatch):
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", "10.0.0.0/24")
    config.settings.cache_clear()

    async def scenario(sockets: _Sockets) -> None:
        assert await sockets.open(0, "10.0.0.1", forwarded="192.0.2.9") == []
        assert await sockets.open(1, "10.0.0.1", forwarded="192.0.2.9") == REFUSED
        assert await sockets.open(2, "10.0.0.1", forwarded="192.0.2.10") == []  # same proxy, other citizen
        for event in sockets.closing.values():
            event.set()
        await asyncio.sleep(0)

    run_async(scenario(_Sockets(limit=1)))


def _new_socket(middleware: NewSocketsPerClient, peer: str, forwarded: str = "", kind: str = "websocket") -> bool:
    """Open and close one socket through the middleware: whether the app got it."""
    reached: list[bool] = []

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        assert message == REFUSED[0]

    async def app(scope, receive, send):
        reached.append(True)

    middleware.app = app
    run_async(middleware(_scope(kind, "/_event/", peer, forwarded), receive, send))
    return bool(reached)


def test_new_sockets_beyond_the_limit_a_minute_are_refused_per_address(caplog):
    middleware = NewSocketsPerClient(None, per_minute=3, client_ip=client_ip, limiter=Limiter("memory://"))
    # Each socket closed at once: the cap on open sockets would never refuse these.
    assert [_new_socket(middleware, "192.0.2.9") for _ in range(5)] == [True, True, True, False, False]
    assert _new_socket(middleware, "192.0.2.10")  # another address is not affected
    assert _new_socket(middleware, "192.0.2.9", kind="http")  # plain requests do not count
    warnings = [r.getMessage() for r in caplog.records if r.name == "portal.web.edge"]
    assert warnings == ["refusing new websockets from 192.0.2.9: more than 3 a minute"]  # once, not per refusal


def test_new_sockets_are_counted_for_the_address_behind_trusted_proxies(monkeypatch):
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", "10.0.0.0/24")
    config.settings.cache_clear()
    middleware = NewSocketsPerClient(None, per_minute=1, client_ip=client_ip, limiter=Limiter("memory://"))
    assert _new_socket(middleware, "10.0.0.1", forwarded="192.0.2.9")
    assert not _new_socket(middleware, "10.0.0.1", forwarded="192.0.2.9")
    assert _new_socket(middleware, "10.0.0.1", forwarded="192.0.2.10")  # same proxy, other citizen


def test_new_sockets_are_counted_in_the_portal_limiter_shared_by_workers(monkeypatch):
    """Without a limiter of its own the middleware counts in portal.core.ratelimit.limiter(): the
    one that PORTAL_REDIS_URL shares between workers (tests/services/test_ratelimit_redis.py)."""
    shared = Limiter("memory://")
    monkeypatch.setattr("portal.core.ratelimit.limiter", lambda: shared)
    first = NewSocketsPerClient(None, per_minute=2, client_ip=client_ip)
    second = NewSocketsPerClient(None, per_minute=2, client_ip=client_ip)  # another worker
    assert _new_socket(first, "192.0.2.9") and _new_socket(second, "192.0.2.9")
    assert not _new_socket(first, "192.0.2.9") and not _new_socket(second, "192.0.2.9")


def test_client_ip_is_the_one_for_requests_and_websockets():
    assert client_ip(HTTPConnection(_scope("websocket", "/_event/", "192.0.2.9"))) == "192.0.2.9"


# --- settings -----------------------------------------------------------------------------

def test_edge_defaults():
    settings = config.load_settings()
    assert settings.listen_host == "127.0.0.1"
    assert settings.max_event_bytes == 65536
    assert settings.max_sockets_per_client == 50
    assert settings.new_sockets_per_minute == 60
    assert settings.tab_state_ttl_seconds == 1800


def test_edge_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_LISTEN_HOST", "0.0.0.0")
    monkeypatch.setenv("PORTAL_MAX_EVENT_BYTES", "32768")
    monkeypatch.setenv("PORTAL_MAX_SOCKETS_PER_CLIENT", "200")
    monkeypatch.setenv("PORTAL_NEW_SOCKETS_PER_MINUTE", "300")
    monkeypatch.setenv("PORTAL_TAB_STATE_TTL_SECONDS", "600")
    settings = config.load_settings()
    assert (settings.listen_host, settings.max_event_bytes, settings.max_sockets_per_client,
            settings.new_sockets_per_minute, settings.tab_state_ttl_seconds) == ("0.0.0.0", 32768, 200, 300, 600)


@pytest.mark.parametrize(("name", "value"), [
    ("PORTAL_LISTEN_HOST", "everywhere"), ("PORTAL_LISTEN_HOST", "localhost"),
    ("PORTAL_MAX_EVENT_BYTES", "100"), ("PORTAL_MAX_SOCKETS_PER_CLIENT", "0"),
    ("PORTAL_TAB_STATE_TTL_SECONDS", "-5"), ("PORTAL_MAX_SOCKETS_PER_CLIENT", "muitos"),
    ("PORTAL_NEW_SOCKETS_PER_MINUTE", "0"), ("PORTAL_NEW_SOCKETS_PER_MINUTE", "60/minute"),
])
def test_edge_settings_refuse_nonsense(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(config.ConfigError, match=name):
        config.load_settings()
