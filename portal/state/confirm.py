"""The confirmation link's page (/confirmar?resultado=…): the link itself was used by its
HTTP endpoint (portal/web/link_routes.py); this page only shows the outcome."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.accounts import confirmation
from portal.accounts.confirmation import ConfirmStatus
from portal.web.cookies import EXPIRED_LINK_COOKIE, cookie_value
from portal.state.service_calls import call
from portal.state.resend import resend_outcome

_OUTCOMES = {status.value for status in ConfirmStatus}


class ConfirmState(rx.State):
    status: str = ""
    resend_message: str = ""

    @rx.event
    def on_load(self):
        self.resend_message = ""
        outcome = self.router.url.query_parameters.get(routes.RESULT, "")
        self.status = outcome if outcome in _OUTCOMES else ConfirmStatus.UNKNOWN.value

    @rx.event
    async def send_new_link(self):
        # An expired link's token waits in an HttpOnly cookie set by the endpoint (15 min).
        token = cookie_value(self.router.headers.cookie, EXPIRED_LINK_COOKIE)
        if self.status != ConfirmStatus.EXPIRED.value or not token:
            self.resend_message = texts.CONFIRM_EXPIRED_OPEN_AGAIN if self.status == ConfirmStatus.EXPIRED.value else ""
            return
        result = await call(confirmation.resend_for_token, token)
        self.resend_message = resend_outcome(result, texts.NEW_LINK_SENT)
