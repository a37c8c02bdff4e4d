"""Behind a trusted reverse proxy, the connection as the citizen made it: their address and
https. Outermost middleware, so Reflex (events' client_ip), the limits, the logs and every
redirect (Location built from the scheme) see the same.

Without it, behind TLS, Starlette's trailing-slash redirect said ``Location: http://…`` and a
client without HSTS sent a mailed token in clear.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from portal.core.config import settings
from portal.web.client_address import forwarded_address, forwarded_scheme, is_trusted


class ProxyHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        proxies = settings().trusted_proxies
        if scope["type"] in ("http", "websocket") and proxies and scope.get("client"):
            peer, port = scope["client"]
            if is_trusted(peer, proxies):
                headers = Headers(scope=scope)
                scope = dict(scope)
                scope["client"] = (forwarded_address(peer, headers.get("x-forwarded-for", ""), proxies), port)
                secure = forwarded_scheme(peer, headers.get("x-forwarded-proto", ""), "http", proxies) == "https"
                if scope["type"] == "websocket":
                    scope["scheme"] = "wss" if secure else scope.get("scheme", "ws")
                else:
                    scope["scheme"] = "https" if secure else scope.get("scheme", "http")
        await self.app(scope, receive, send)
