"""Limits at the web edge, before Reflex sees a request: the development pages answer only
the machine itself, and one address cannot hold the server's websockets by the hundred.

The websocket Origin check stops other sites' pages in a browser, not a script: anything
that reaches the port can open sockets and send events, so these checks look at the
network address instead.
"""

from __future__ import annotations

import collections
import ipaddress
import logging
import posixpath
from collections.abc import Callable

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from portal import routes

log = logging.getLogger(__name__)

_LOCAL_ONLY_PREFIXES = (routes.DEV_EMAILS,)


def is_loopback(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def is_local(peer: str, client: str) -> bool:
    """The request comes from this machine: the TCP peer is loopback (a forged X-Forwarded-For
    from elsewhere cannot pass) and so is the client address that trusted proxies report (a
    proxy on this machine relaying someone else's request cannot either)."""
    return is_loopback(peer) and is_loopback(client)


def _peer(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else ""


def _is_local_only(path: str) -> bool:
    # normpath folds "//", "/./" and "/x/.." that a static file server might also fold.
    path = posixpath.normpath("/" + path.lstrip("/")).lower()
    return any(path == prefix or path.startswith((prefix + "/", prefix + "."))
               for prefix in _LOCAL_ONLY_PREFIXES)


class LocalOnlyPages:
    """ASGI middleware: the development pages (/dev/emails) are "not found" for any client
    that is not on this machine. Their events check the same in the state."""

    def __init__(self, app: ASGIApp, *, client_ip: Callable[[HTTPConnection], str]) -> None:
        self.app = app
        self.client_ip = client_ip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and _is_local_only(scope["path"])
                and not is_local(_peer(scope), self.client_ip(HTTPConnection(scope)))):
            # Reflex answers its own 404 page: the same bytes as for any unknown address.
            scope = {**scope, "path": "/404", "raw_path": b"/404"}
        await self.app(scope, receive, send)


class SocketsPerClient:
    """ASGI middleware: at most `limit` open websockets per client address in this worker
    process; the next upgrade is refused (HTTP 403) until one of them closes. Reflex's event
    socket is the app's only websocket, so every websocket counts, whatever its path."""

    def __init__(self, app: ASGIApp, *, limit: int, client_ip: Callable[[HTTPConnection], str]) -> None:
        self.app = app
        self.limit = limit
        self.client_ip = client_ip
        self.open: collections.Counter[str] = collections.Counter()
        self.warned: set[str] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        address = self.client_ip(HTTPConnection(scope))
        if self.open[address] >= self.limit:
            if address not in self.warned:  # once per burst: an attack must not flood the log
                self.warned.add(address)
                log.warning("refusing websockets from %s: %d already open", address, self.limit)
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
            return
        self.open[address] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.open[address] -= 1
            if not self.open[address]:
                del self.open[address]
            self.warned.discard(address)
