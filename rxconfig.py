"""Reflex configuration. The portal's own settings come from portal/core/config.py (environment)."""

import os

import reflex as rx

from portal.core import log_lines
from portal.core.config import settings
from portal.web import event_log, server_worker

_cfg = settings()

# python-engineio closes a websocket whose message is larger than this, before parsing it;
# Reflex reads the variable when it builds its Socket.IO server. The portal's setting wins.
# (The server itself refuses a frame claiming more, from its header: web/server_worker.py.)
os.environ["REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE"] = str(_cfg.max_event_bytes)
# `reflex run --env prod` serves with gunicorn and uvicorn (portal/web/server_worker.py), not
# granian: granian reads a websocket frame of up to 16 MiB whole before the size above is
# checked. Without gunicorn and uvicorn installed the CLI stops instead of falling back.
os.environ["REFLEX_USE_GRANIAN"] = "false"
os.environ["GUNICORN_CMD_ARGS"] = server_worker.gunicorn_options(_cfg.workers)
if _cfg.redis_url:
    # With Redis, a worker keeps a busy tab's lock and state for up to 2 s after an event
    # (Reflex's "opportunistic lock"; another worker asking for the tab breaks it at once):
    # a click costs no Redis round trip instead of seven (docs/benchmarks.md).
    os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "true")
    os.environ.setdefault("REFLEX_OPLOCK_HOLD_TIME_MS", "2000")
# Every Reflex process (the CLI and each worker) loads this file before serving a websocket:
# from here on no client's text starts a log line of its own.
log_lines.install()
event_log.install()


config = rx.Config(
    app_name="portal",
    # With Redis, each tab's state is shared between workers.
    redis_url=_cfg.redis_url or None,
    # Without Redis, tab state lives in this one worker's memory. Reflex's default here (disk)
    # also writes a file per state class of every tab and, after each write, lists and stats
    # them all while the event loop waits: 180 ms pauses with 1 000 tabs (docs/benchmarks.md).
    state_manager_mode=rx.constants.StateManagerMode.REDIS if _cfg.redis_url else rx.constants.StateManagerMode.MEMORY,
    telemetry_enabled=False,
    # The pages open their websocket at the portal's public address, whatever port the app
    # itself listens on (behind a proxy they differ).
    api_url=_cfg.api_url,
    # Where `reflex run` binds (in production mode one port serves pages and websocket).
    backend_host=_cfg.listen_host,
    # Despite the name, the in-memory, disk and Redis state managers all expire tabs with it.
    redis_token_expiration=_cfg.tab_state_ttl_seconds,
    cors_allowed_origins=list(_cfg.origins),
    # No trusted_proxy_hops: portal.web.proxy_headers already set the connection's client from
    # X-Forwarded-For, and only for a peer in PORTAL_TRUSTED_PROXIES.
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
    # Indigo keeps white button text above 4.5:1 contrast (WCAG AA); Radix's blue does not.
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="indigo", radius="medium"))],
)
