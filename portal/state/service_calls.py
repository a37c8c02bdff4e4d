"""How state handlers call services: in a worker thread, with a fresh database session,
so password hashing and database waits never stall other citizens' pages."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from portal.accounts.activity import Client
from portal.core.db import session_scope
from portal.core.hashing_pool import hashing_pool

T = TypeVar("T")


async def call(service: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    def run() -> T:
        with session_scope() as db:
            return service(db, *args, **kwargs)

    return await asyncio.to_thread(run)


async def in_hashing_pool(service: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Like call, for a service that hashes or checks a password: in the hashing pool, whose
    threads never outnumber the cores (hashing_pool.Busy when the queue is too long)."""
    return await hashing_pool().with_database(service, *args, **kwargs)


def bounded(form_data: dict, name: str, limit: int) -> str:
    """A submitted field as text, cut one character past its policy's limit: long enough
    for the service to say "too long", never an unbounded string held or hashed."""
    return str(form_data.get(name, ""))[: limit + 1]


def wait_in_url(value: object) -> int:
    """A wait in seconds that a post's outcome put in the URL (``espera``): 0 when absent or not
    a number, at most an hour (the URL is the citizen's to change)."""
    return min(int(value), 3600) if isinstance(value, str) and value.isdigit() and len(value) < 6 else 0


def client_of(router) -> Client:
    """The browser behind this event: address and user agent from the websocket handshake."""
    return Client(ip=router.session.client_ip or "", user_agent=router.headers.user_agent or "")
