"""The smallest Reflex app: the framework's own floor for bench/slow_phone.py."""

import reflex as rx

config = rx.Config(app_name="blank", telemetry_enabled=False, show_built_with_reflex=False,
                   disable_plugins=[rx.plugins.SitemapPlugin])
