"""A live status of the mail a page caused ("Entregue ao seu provedor às 10h02", "o endereço
não existe"), shared by every page that sends one.

A state says which mail it caused (``_delivery_query``); ``watch_delivery`` runs in the
background from the moment its page shows, reading the status every few seconds until it
is final, the state forgets the mail (a new visit, "Sair") or the watch ends, so a refusal
reaches the citizen within seconds. (The page's path cannot tell when the tab left: an
on_mount event still carries the path of the page before a redirect.)
"""

from __future__ import annotations

import asyncio
import time
import uuid

import reflex as rx

from portal import texts
from portal.local_time import clock
from portal.mail import delivery
from portal.mail.outbox import SENT
from portal.state.service_calls import call

# While the relay has not answered: every 2 s. Once it took the message, a bounce may still
# come minutes later: every 5 s, for as long as a citizen plausibly waits on the page.
FAST_SECONDS = 2.0
SLOW_SECONDS = 5.0
WATCH_SECONDS = 15 * 60

DeliveryQuery = tuple[tuple[str, ...], dict[str, int]]


def describe(found: delivery.Delivery | None) -> str:
    if found is None:
        return ""
    if found.failed:
        return texts.DELIVERY_FAILED.format(why=texts.DELIVERY_WHY.get(found.failure_kind, texts.DELIVERY_WHY["other"]))
    if found.status == SENT and found.sent_at is not None:
        return texts.DELIVERY_SENT.format(time=clock(found.sent_at))
    return texts.DELIVERY_RETRYING if found.attempts else texts.DELIVERY_QUEUED


class DeliveryStatusMixin(rx.State, mixin=True):
    delivery_text: str = ""
    delivery_failed: bool = False
    # Why it failed (a failures.Failure value): the way out differs for a full mailbox.
    delivery_failure: str = ""
    # The watch that may update this state: a newer one (or a reset of the state, which a new
    # visit or "Sair" does) makes an older one stop at its next look.
    _watch_id: str = ""

    def _delivery_query(self) -> DeliveryQuery | None:
        """The purposes and the account/request id of the mail this page caused (None: none)."""
        return None

    def _show_delivery(self, found: delivery.Delivery | None) -> None:
        self.delivery_text = describe(found)
        self.delivery_failed = found is not None and found.failed
        self.delivery_failure = found.failure_kind if self.delivery_failed else ""

    def _clear_delivery(self) -> None:
        self._watch_id = ""  # a watch still running stops at its next look
        self._show_delivery(None)

    @rx.event(background=True)
    async def watch_delivery(self):
        mine = uuid.uuid4().hex
        async with self:
            self._watch_id = mine
        deadline = time.monotonic() + WATCH_SECONDS
        while time.monotonic() < deadline:
            async with self:
                if self._watch_id != mine:
                    return  # a newer watch took over, or the state was reset
                query = self._delivery_query()
                if query is None:
                    self._show_delivery(None)
                    return
            purposes, ids = query
            found = await call(delivery.latest, purposes, **ids)
            async with self:
                if self._watch_id != mine:
                    return
                self._show_delivery(found)
            if found is not None and found.failed:
                return
            await asyncio.sleep(FAST_SECONDS if found is None or found.waiting else SLOW_SECONDS)
