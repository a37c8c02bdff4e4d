"""After "Entrar com gov.br": the failure page, and the bronze link that asks for the
portal password once."""

from __future__ import annotations

import reflex as rx

from portal import filled_texts, texts
from portal.core import routes
from portal.accounts import fields, password_policy
from portal.govbr import links as govbr
from portal.web.cookies import browser_hash
from portal.core.ratelimit import limiter
from portal.state.personal import PersonalState
from portal.state.service_calls import bounded, call, in_hashing_pool, client_of, redeem_ticket
from portal.local_time import wait_phrase


class GovbrFailedState(rx.State):
    """What went wrong, from ?motivo= (a fixed list: nothing else from the URL is shown)."""

    message: str = ""

    @rx.event
    def on_load(self):
        reason = self.router.url.query_parameters.get("motivo", "")
        self.message = texts.GOVBR_FAILED_REASONS.get(reason, texts.GOVBR_FAILED_REASONS["indisponivel"])


class GovbrLinkState(PersonalState):
    checked: bool = False
    waiting: bool = False  # a link waits for the password in this browser
    error: str = ""
    busy: bool = False

    @rx.event
    async def on_load(self):
        self.error, self.busy = "", False
        pending = await call(govbr.pending_link, browser_hash(self.router.headers.cookie))
        self.waiting, self.checked = pending is not None, True

    @rx.event
    async def submit(self, form_data: dict):
        self.error = ""
        password = bounded(form_data, "password", password_policy.MAX_LENGTH)
        try:
            fields.clean_required(password, code="login_password_required")
        except fields.Invalid as problem:
            self.error = " ".join(filled_texts.message(code) for code in problem.codes)
            return
        self.busy = True
        yield
        try:
            result = await in_hashing_pool(
                govbr.confirm_link, browser_hash=browser_hash(self.router.headers.cookie),
                password=password, client=client_of(self.router), limiter=limiter())
        finally:
            self.busy = False
        if result.status is govbr.LinkStatus.LINKED and result.code_needed:
            # Two-step is on: the sign-in form's code step, which this browser's sign-in waits for.
            yield rx.redirect(f"{routes.HOME}?{routes.SIGN_IN_OUTCOME}={routes.SIGN_IN_CODE}")
        elif result.status is govbr.LinkStatus.LINKED:
            # The same ticket hand-over as a CPF + senha sign-in: the HTTP endpoint sets the cookie.
            yield redeem_ticket(result.ticket)
        elif result.status is govbr.LinkStatus.WRONG_PASSWORD:
            self.error = texts.GOVBR_LINK_WRONG
        elif result.status is govbr.LinkStatus.LIMITED:
            self.error = texts.LOGIN_LIMITED.format(wait=wait_phrase(result.retry_in))
        else:
            self.waiting = False
