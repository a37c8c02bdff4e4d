"""The confirmation link's page (/confirmar?token=…)."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.accounts import confirmation
from portal.accounts.confirmation import ConfirmStatus
from portal.state.services import call
from portal.state.timefmt import resend_outcome


class ConfirmState(rx.State):
    status: str = ""
    resend_message: str = ""
    # Kept on the server so an expired link can ask for a new one.
    _token: str = ""

    @rx.event
    async def on_load(self):
        self.status = ""
        self.resend_message = ""
        self._token = self.router.url.query_parameters.get("token", "")[:200]
        result = await call(confirmation.confirm, self._token)
        self.status = result.status.value

    @rx.event
    async def send_new_link(self):
        if self.status != ConfirmStatus.EXPIRED.value or not self._token:
            return
        result = await call(confirmation.resend_for_token, self._token)
        self.resend_message = resend_outcome(result, texts.NEW_LINK_SENT)
