"""The help box on the home page: whether phone support is open now, in Brasília time."""

from __future__ import annotations

import reflex as rx

from portal.core.clock import utcnow
from portal.core.config import settings
from portal.help import hours


class HelpState(rx.State):
    open_now: bool = False
    hours_status: str = ""
    # The help section named by the URL fragment (/#nao-recebi-email) starts open.
    open_section: str = ""

    @rx.event
    def show(self, slug: str):
        """A link to a help section on the page it is on: open it and bring it into view."""
        self.open_section = slug
        return rx.scroll_to(slug)

    @rx.event
    def load_status(self):
        self.open_section = self.router.url.fragment
        now = utcnow()
        current = hours.status(now, municipal=settings().municipal_holidays)
        self.open_now = current.open_now
        self.hours_status = hours.describe(current, now)
