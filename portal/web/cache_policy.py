"""How long browsers keep what the portal serves.

The built scripts and styles under /assets/ carry a hash of their content in their name:
they never change, so a phone keeps them a year and never asks again (on Slow 3G each
question costs a 2 s round trip). Everything else (the pages, portal.css) is revalidated
on every visit (cheap: 304 with the ETag), so a new version reaches everyone at once.
"""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Vite's output: name-<hash>.js / .css (and their fonts), e.g. /assets/root-B-WAt3jh.js
_HASHED = re.compile(r"^/assets/[^/]+-[A-Za-z0-9_-]{8,}\.(?:js|css|woff2?)$")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def cache_control(path: str) -> str:
    return IMMUTABLE if _HASHED.match(path) else REVALIDATE


class CachePolicy:
    """ASGI middleware: sets Cache-Control on successful GET answers that have none."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        policy = cache_control(scope["path"])

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                headers = MutableHeaders(scope=message)
                if "cache-control" not in headers:
                    headers["cache-control"] = policy
            await send(message)

        await self.app(scope, receive, send_with_policy)
