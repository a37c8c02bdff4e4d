"""How state handlers call services: in a worker thread, with a fresh database session,
so password hashing and database waits never stall other citizens' pages."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar

from portal.accounts import sessions
from portal.accounts.activity import Client
from portal.db import session_scope

T = TypeVar("T")


async def call(service: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    def run() -> T:
        with session_scope() as db:
            return service(db, *args, **kwargs)

    return await asyncio.to_thread(run)


def session_token(cookie_header: str) -> str | None:
    """The session token from the websocket handshake's Cookie header (kept server-side)."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookie_header or "")
    except CookieError:
        return None
    morsel = jar.get(sessions.COOKIE_NAME)
    return morsel.value if morsel else None


async def signed_in(cookie_header: str) -> sessions.SignedIn | None:
    return await call(sessions.current, session_token(cookie_header))


def client_of(router) -> Client:
    """The browser behind this event: address and user agent from the websocket handshake."""
    return Client(ip=router.session.client_ip or "", user_agent=router.headers.user_agent or "")
