"""The citizen's address and the scheme they used, as the portal records, limits and
redirects by them: behind a trusted reverse proxy, what the proxy reports.

Only a TCP peer in PORTAL_TRUSTED_PROXIES is believed. Of X-Forwarded-For, the right-most
address that is not a trusted proxy is the client: everything further left was written by
the client itself and may be forged.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.requests import HTTPConnection

from portal.core.config import settings

Networks = Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network]


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return None
    mapped = getattr(ip, "ipv4_mapped", None)
    return mapped or ip


def is_trusted(address: str, proxies: Networks) -> bool:
    ip = _ip(address)
    return ip is not None and any(ip.version == net.version and ip in net for net in proxies)


def forwarded_address(peer: str, forwarded_for: str, proxies: Networks) -> str:
    """The client behind the trusted proxies; the peer itself when it is not one of them."""
    if not is_trusted(peer, proxies):
        return peer
    nearest = peer
    for address in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        if _ip(address) is None:
            return nearest  # garbage: the last address a trusted proxy vouched for
        if not is_trusted(address, proxies):
            return str(_ip(address))
        nearest = address
    return nearest


def forwarded_scheme(peer: str, forwarded_proto: str, scheme: str, proxies: Networks) -> str:
    """"https" when a trusted proxy says the client used it; otherwise what the app saw."""
    if not is_trusted(peer, proxies):
        return scheme
    said = forwarded_proto.split(",")[-1].strip().lower()
    return said if said in ("http", "https") else scheme


def client_ip(connection: HTTPConnection) -> str:
    """For a request or a websocket: the client's address (the same Reflex sees for events,
    since ProxyHeaders rewrote the connection's client before either reads it)."""
    peer = connection.client.host if connection.client else ""
    return forwarded_address(peer, connection.headers.get("x-forwarded-for", ""), settings().trusted_proxies)
