"""The citizen's address as the portal records and limits it, for HTTP endpoints."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from portal.config import settings


def forwarded_address(peer: str, forwarded_for: str, hops: int) -> str:
    """The peer, or behind N trusted proxies the N-th address from the right in
    X-Forwarded-For (what each proxy appended; anything further left is the client's word)."""
    forwarded = [part.strip() for part in forwarded_for.split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return peer


def client_ip(connection: HTTPConnection) -> str:
    """For a request or a websocket: the address the same way Reflex computes it for events."""
    peer = connection.client.host if connection.client else ""
    return forwarded_address(peer, connection.headers.get("x-forwarded-for", ""), settings().trusted_proxy_hops)
