"""After "Entrar com gov.br": the failure page, and the bronze link that asks for the
portal password once."""

from __future__ import annotations

import reflex as rx

from portal import filled_texts, texts
from portal.core import routes
from portal.govbr import links as govbr
from portal.web.cookies import browser_hash
from portal.state.personal import PersonalState
from portal.state.service_calls import call, wait_in_url
from portal.local_time import wait_phrase


class GovbrFailedState(rx.State):
    """What went wrong, from ?motivo= (a fixed list: nothing else from the URL is shown)."""

    message: str = ""

    @rx.event
    def on_load(self):
        reason = self.router.url.query_parameters.get("motivo", "")
        self.message = texts.GOVBR_FAILED_REASONS.get(reason, texts.GOVBR_FAILED_REASONS["indisponivel"])


class GovbrLinkState(PersonalState):
    """/govbr/vincular: whether a bronze link waits for the portal password in this browser,
    and why the last post of that password (to /auth/govbr/vincular, portal.web.govbr_routes)
    did not link, from ?erro= (a fixed list: nothing else from the URL is shown)."""

    checked: bool = False
    waiting: bool = False  # a link waits for the password in this browser
    error: str = ""

    @rx.event
    async def on_load(self):
        query = self.router.url.query_parameters
        reason = query.get(routes.GOVBR_LINK_ERROR, "")
        wait = wait_phrase(wait_in_url(query.get("espera", "")) or 60)
        self.error = {
            "recusada": texts.GOVBR_LINK_REFUSED,
            "vazia": filled_texts.message("login_password_required"),
            "incorreta": texts.GOVBR_LINK_WRONG,
            "limitada": texts.LOGIN_LIMITED.format(wait=wait),
            "aguarde": texts.SERVER_BUSY.format(wait=wait),
        }.get(reason, "") if reason in routes.GOVBR_LINK_ERRORS else ""
        pending = await call(govbr.pending_link, browser_hash(self.router.headers.cookie))
        self.waiting, self.checked = pending is not None, True

