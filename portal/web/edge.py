"""Limits at the web edge, before Reflex sees a request: the development pages answer only
the machine itself, and one address can neither hold the server's websockets by the hundred
nor open them by the thousand.

The websocket Origin check stops other sites' pages in a browser, not a script: anything
that reaches the port can open sockets and send events, so these checks look at the
network address instead.
"""

from __future__ import annotations

import asyncio
import collections
import ipaddress
import logging
import posixpath
from collections.abc import Callable

from limits import RateLimitItemPerMinute
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from portal.core import ratelimit, routes

log = logging.getLogger(__name__)

_LOCAL_ONLY_PREFIXES = (routes.DEV_EMAILS,)
_WARNING_A_MINUTE = RateLimitItemPerMinute(1)


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


async def _refuse(receive: Receive, send: Send) -> None:
    await receive()  # websocket.connect
    await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403


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
            await _refuse(receive, send)
            return
        self.open[address] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.open[address] -= 1
            if not self.open[address]:
                del self.open[address]
            self.warned.discard(address)


class NewSocketsPerClient:
    """ASGI middleware: at most `per_minute` new websockets per client address in any minute
    (a moving window); the next upgrade is refused (HTTP 403) until the window moves on.

    SocketsPerClient stops an address holding sockets open, not one that opens tabs and drops
    them: each hydrated tab leaves its state on the server until it expires (30 min), a few
    tens of KB apiece. The count goes through portal.core.ratelimit, so with Redis every worker
    shares it and the bound is per address for the whole portal.
    """

    def __init__(self, app: ASGIApp, *, per_minute: int, client_ip: Callable[[HTTPConnection], str],
                 limiter: ratelimit.Limiter | None = None) -> None:
        self.app = app
        self.item = RateLimitItemPerMinute(per_minute)
        self.client_ip = client_ip
        self._limiter = limiter  # None: the portal's, looked up at the first socket (after a fork)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        address = self.client_ip(HTTPConnection(scope))
        limiter = self._limiter or ratelimit.limiter()
        # In a thread: with Redis, each count is a network round trip the event loop must not wait on.
        if await asyncio.to_thread(limiter.hit, self.item, "new-websocket", address):
            # At most once a minute per address: a flood of refusals must not flood the log too.
            if not await asyncio.to_thread(limiter.hit, _WARNING_A_MINUTE, "new-websocket-warned", address):
                log.warning("refusing new websockets from %s: more than %d a minute", address, self.item.amount)
            await _refuse(receive, send)
            return
        await self.app(scope, receive, send)
