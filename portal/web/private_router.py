"""Keep Reflex's router data (request headers, page URL with its query string) on the server.

Reflex 0.10 sends the router vars to the browser in every state delta: the websocket
handshake's headers (user agent, websocket key, languages…) and the page URL, which on
/confirmar and /nao-fui-eu carries a token. The portal's pages never read them in the
browser, so they are dropped from each update before it is emitted.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

ROUTER_VAR_PREFIX = "rx_router_"


def strip_router_vars(delta: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        state: {name: value for name, value in values.items() if not name.startswith(ROUTER_VAR_PREFIX)}
        for state, values in delta.items()
    }


def keep_router_private(app) -> None:
    """Wrap the app's event namespace so no update carries router vars to the browser."""
    namespace = app.event_namespace
    if namespace is None or getattr(namespace, "_portal_private_router", False):
        return
    original = namespace.emit_update

    @functools.wraps(original)
    async def emit_update(update, token: str) -> None:
        await original(dataclasses.replace(update, delta=strip_router_vars(update.delta)), token)

    namespace.emit_update = emit_update
    namespace._portal_private_router = True
