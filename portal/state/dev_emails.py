"""/dev/emails: the messages held by the built-in mail catcher (development only)."""

from __future__ import annotations

import asyncio

import reflex as rx

from portal.config import settings
from portal.mail import catcher


class DevEmailsState(rx.State):
    messages: list[catcher.CaughtMessage] = []

    @rx.event
    async def refresh(self):
        cfg = settings()
        if not cfg.mail_catcher_enabled:
            self.messages = []
            return
        self.messages = await asyncio.to_thread(catcher.list_messages, cfg.catcher_dir)
