"""Reflex configuration. The portal's own settings come from portal/config.py (environment)."""

import reflex as rx

from portal.config import settings

_cfg = settings()


def _allowed_origins(base_url: str) -> list[str]:
    """The websocket accepts only pages of the portal itself (a foreign Origin is refused)."""
    origins = [base_url]
    for local, alias in (("//localhost", "//127.0.0.1"), ("//127.0.0.1", "//localhost")):
        if local in base_url:
            origins.append(base_url.replace(local, alias))
    return origins


config = rx.Config(
    app_name="portal",
    # Reflex's state lives in memory by default; with Redis it is shared between workers.
    redis_url=_cfg.redis_url or None,
    telemetry_enabled=False,
    cors_allowed_origins=_allowed_origins(_cfg.base_url),
    # Behind a reverse proxy, the client address comes from X-Forwarded-For (this many hops).
    trusted_proxy_hops=_cfg.trusted_proxy_hops,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
    # Indigo keeps white button text above 4.5:1 contrast (WCAG AA); Radix's blue does not.
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="indigo", radius="medium"))],
)
