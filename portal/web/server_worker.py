"""The server process of `reflex run --env prod`: gunicorn starts PORTAL_WORKERS of these
(rxconfig.py chooses this class), each serving the app with uvicorn.

Why not Reflex's default server, granian 2.8.9: it has no websocket size setting, so a frame
whose header claims up to 16 MiB was read whole before python-engineio refused the message
for being over PORTAL_MAX_EVENT_BYTES. The `websockets` library compares the length a frame's
header claims (and a fragmented message's running total) with ws_max_size before it reads the
payload, and closes the socket (1009) unread.

What the portal relies on stays as under granian: its own ProxyHeaders decides the client's
address, its own RequestLog writes the access lines, websocket messages are not compressed.
Differences: no Server header (granian sent `server: granian`), idle connections closed after
75 s, and gunicorn replaces a worker that dies or stops answering for 30 s.
"""

from __future__ import annotations

from typing import Any

from uvicorn.workers import UvicornWorker  # deprecated for the uvicorn-worker package, still in uvicorn

from portal.core.config import settings


def server_options() -> dict[str, Any]:
    """What this worker hands uvicorn's Config on top of what gunicorn's settings give it."""
    return {
        "loop": "asyncio",
        "http": "h11",
        "ws": "websockets-sansio",
        # In bytes (engineio counts a text message's characters): 64 KB of pt-BR text with
        # accents is refused a little before engineio would have refused it.
        "ws_max_size": settings().max_event_bytes,
        # No per-socket zlib state (memory per open tab; granian never compressed either).
        "ws_per_message_deflate": False,
        # Engine.IO pings every socket itself (25 s); a second ping on the socket adds nothing.
        "ws_ping_interval": None,
        "ws_ping_timeout": None,
        # portal.web.proxy_headers believes X-Forwarded-* only from PORTAL_TRUSTED_PROXIES;
        # uvicorn's own would believe 127.0.0.1 (its default) before the portal sees the request.
        "proxy_headers": False,
        "server_header": False,
        # portal.web.request_log writes one line per request, with secret query values as ***;
        # uvicorn's access line would write the tokens as sent.
        "access_log": False,
    }


class ServerWorker(UvicornWorker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.CONFIG_KWARGS = server_options()  # read by UvicornWorker.__init__
        super().__init__(*args, **kwargs)


def gunicorn_options(workers: int) -> str:
    """GUNICORN_CMD_ARGS for `reflex run --env prod`: this worker, `workers` processes (Reflex
    passes gunicorn --threads, which makes none), and idle connections kept open longer than
    nginx keeps its own to the portal (60 s), so nginx never reuses one the portal is closing."""
    worker = f"{ServerWorker.__module__}.{ServerWorker.__qualname__}"
    return f"--worker-class {worker} --workers {workers} --keep-alive 75"
