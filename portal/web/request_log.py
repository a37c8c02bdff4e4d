"""One line per HTTP request for the city's IT: when, from whom (the citizen's address, as
ProxyHeaders found it), what, the answer and how long it took.

Query values that are secrets (mailed link tokens, gov.br's OpenID code and state) are written as ***: a log is read by more people than a database.
The path is the client's own text: cut to MAX_TARGET characters, control characters escaped,
as portal.core.log_lines does for every record (this one also in a process that did not install it).
"""

from __future__ import annotations

import logging
import sys
import time
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.core.log_lines import one_line

MAX_TARGET = 300
SECRET_PARAMETERS = frozenset({"token", "code", "state", "id_token", "session_state"})

log = logging.getLogger("portal.access")


def _install_handler() -> None:
    # Its own handler and timestamps: Reflex's logging setup neither shows INFO nor dates lines.
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def redacted_query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(name, "***" if name.lower() in SECRET_PARAMETERS else value) for name, value in pairs],
                     safe="*/:")


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        _install_handler()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope.get("path", "") + (f"?{redacted_query(query)}" if query else "")
            client = (scope.get("client") or ("-", 0))[0]
            log.info("%s %s %s %s %.0fms", client, scope.get("method", "-"), one_line(target, MAX_TARGET),
                     status or 500, (time.perf_counter() - started) * 1000)
