"""/dev/emails: the messages held by the built-in mail catcher (development only)."""

from __future__ import annotations

import asyncio

import reflex as rx

from portal.core.config import settings
from portal.mail import catcher
from portal.web.edge import is_local

# Reflex records the socket's TCP peer under this header name in the router data, beside the
# client address that trusted proxies report (router.session.client_ip).
_PEER_HEADER = "asgi-scope-client"


class DevEmailsState(rx.State):
    messages: list[catcher.CaughtMessage] = []

    @rx.event
    async def refresh(self):
        cfg = settings()
        # The mails hold confirmation links and temporary passwords: only for a browser on
        # this machine, checked on every event (anyone who reaches the port can send one).
        local = is_local(self.router.headers.raw_headers.get(_PEER_HEADER, ""), self.router.session.client_ip)
        if not cfg.mail_catcher_enabled or not local:
            self.messages = []
            return
        self.messages = await asyncio.to_thread(catcher.list_messages, cfg.catcher_dir)
