"""Sign-in box on the home page."""

from __future__ import annotations

import reflex as rx

from portal import filled_texts, texts
from portal.core import routes
from portal.accounts import confirmation, email_address, fields, login, password_policy, two_step
from portal.accounts.activity import Client
from portal.accounts import cpf as cpf_rules
from portal.web.cookies import SIGN_IN_CPF_COOKIE, browser_hash, cookie_value
from portal.core.db import committed
from portal.core.hashing_pool import Busy
from portal.core.ratelimit import limiter
from portal.state.form_errors import focus_summary
from portal.state.identity_fields import show_cpf_masked
from portal.state.password_fields import PasswordFieldsMixin
from portal.state.personal import PersonalState
from portal.state.service_calls import bounded, call, in_hashing_pool, client_of, redeem_ticket
from portal.local_time import wait_phrase
from portal.state.resend import resend_outcome


class LoginState(PasswordFieldsMixin, PersonalState):
    # The CPF and password live in the page's inputs only (so nothing typed before the page
    # is live is lost); handlers read the submitted form.
    cpf_error: str = ""
    password_error: str = ""
    error: str = ""
    error_hint: str = ""
    notice: str = ""
    unconfirmed_message: str = ""
    resend_message: str = ""
    busy: bool = False
    # The password was right and two-step is on: the verification code comes next.
    code_needed: bool = False
    code_error: str = ""
    code_intro: str = texts.TWO_STEP_SIGN_IN_INTRO  # after a password, or after a bronze gov.br
    # Set only after the right password was given for an unconfirmed account.
    _unconfirmed_account_id: int | None = None
    # The page to open after signing in (?voltar=, one of routes.RETURN_TARGETS), else Serviços.
    _return_to: str = ""
    # "Entrar com gov.br" carries the page the sign-in is for, like the form does.
    govbr_href: str = routes.AUTH_GOVBR

    @rx.event
    def format_cpf(self, value: str):
        if self.cpf_error:  # checked again on leaving the field
            self.cpf_error = _problem(fields.clean_sign_in_cpf, value[: fields.MAX_CPF_INPUT])
        return show_cpf_masked(value)

    @rx.event
    def password_left(self, typed: bool):
        """Only whether something was typed comes from the page, never the password."""
        if self.password_error and typed is True:
            self.password_error = ""

    @rx.event
    def on_load(self):
        query = self.router.url.query_parameters
        self.error = self.error_hint = self.notice = self.unconfirmed_message = self.code_error = ""
        self.cpf_error = self.password_error = ""
        self.busy = self.code_needed = False  # an outage mid-sign-in must not leave the button disabled
        self._return_to = routes.return_key(query.get(routes.RETURN))
        self.govbr_href = routes.AUTH_GOVBR + (f"?{routes.RETURN}={self._return_to}" if self._return_to else "")
        if query.get("saiu") == "conta-excluida":
            self.notice = texts.ACCOUNT_DELETED
        elif query.get("saiu"):
            self.notice = texts.LOGGED_OUT
        elif query.get("sessao"):
            self.notice = texts.SESSION_EXPIRED
        elif query.get(routes.SIGN_IN_OUTCOME):
            return self._posted_before_live(query)
        elif self._return_to:
            self.notice = texts.SIGN_IN_FIRST.get(self._return_to, "")
        return None

    def _posted_before_live(self, query: dict):
        """The outcome of the form posted to /auth/entrar before the page was live."""
        outcome = query.get(routes.SIGN_IN_OUTCOME, "")
        if outcome == routes.SIGN_IN_REFUSED:
            self.notice = texts.SIGN_IN_OTHER_BROWSER
        elif outcome == routes.SIGN_IN_MISSING:
            self.error = texts.SIGN_IN_CHECK_FIELDS
        elif outcome == routes.SIGN_IN_INVALID:
            self.error = texts.LOGIN_INVALID
            self.error_hint = texts.LOGIN_PASSWORD_SPACES if query.get("espacos") else ""
        elif outcome in (routes.SIGN_IN_LIMITED, routes.SIGN_IN_BUSY):
            wait = int(query.get("espera", "60")) if query.get("espera", "").isdigit() else 60
            message = texts.LOGIN_LIMITED if outcome == routes.SIGN_IN_LIMITED else texts.SERVER_BUSY
            self.error = message.format(wait=wait_phrase(min(wait, 3600)))
        elif outcome == routes.SIGN_IN_UNCONFIRMED:
            self.unconfirmed_message = texts.LOGIN_UNCONFIRMED_SIGN_IN_AGAIN
        elif outcome == routes.SIGN_IN_SUSPENDED:
            self.error = texts.LOGIN_PASSWORD_SUSPENDED
        elif outcome == routes.SIGN_IN_CODE:
            return LoginState.ask_code_if_waiting
        typed = cookie_value(self.router.headers.cookie, SIGN_IN_CPF_COOKIE)
        return show_cpf_masked(typed) if typed else None

    @rx.event(background=True)
    async def submit(self, form_data: dict):
        # A background event: the tab's state is locked only to read the form's outcome in
        # and out, never for the 20 ms password check or the queue before it, so a burst of
        # sign-ins neither holds Reflex's state locks past their expiry nor delays this
        # tab's other events.
        password = bounded(form_data, "password", password_policy.MAX_LENGTH)
        cpf = cpf_rules.mask_partial(bounded(form_data, "cpf", fields.MAX_CPF_INPUT))
        async with self:
            if self.busy:  # Enter pressed twice: the first press is being checked
                return
            browser, client = self._start_sign_in(cpf, password)
            back_to = self._return_to
            focus = focus_summary(bool(self.cpf_error or self.password_error))
        if not browser:
            if focus is not None:
                yield focus
            return
        result: login.LoginResult | Busy | None = None
        try:
            result = await in_hashing_pool(committed(login.authenticate), cpf=cpf, password=password,
                                           client=client, limiter=limiter(),
                                           opens=login.Opens(browser_hash=browser))
        except Busy as busy:
            result = busy
        finally:
            # The button comes back whatever happened (an outage shows its own message).
            async with self:
                self.busy = False
                if result is not None:
                    self._show_outcome(result, password)
        if isinstance(result, login.LoginResult) and result.status is login.LoginStatus.OK:
            # A real navigation: the HTTP endpoint sets the HttpOnly cookie and opens Serviços
            # (or the page that sent the citizen here).
            yield redeem_ticket(result.credential, back_to)

    def _start_sign_in(self, cpf: str, password: str) -> tuple[str, Client | None]:
        """Clear the last outcome and check the fields; the browser to bind the ticket to
        (empty: nothing to check) and the client asking."""
        self.error = self.error_hint = self.notice = self.unconfirmed_message = self.resend_message = ""
        self._unconfirmed_account_id = None
        self.cpf_error = _problem(fields.clean_sign_in_cpf, cpf)
        self.password_error = _problem(fields.clean_required, password, code="login_password_required")
        if self.cpf_error or self.password_error:
            return "", None
        browser = browser_hash(self.router.headers.cookie)
        if not browser:
            self.error = texts.LOGIN_NO_BROWSER_COOKIE
            return "", None
        self.busy = True
        return browser, client_of(self.router)

    @rx.event
    async def ask_code_if_waiting(self):
        """After the form was posted before the page was live, or a bronze gov.br sign-in: the
        code step, if this browser's sign-in is still waiting for it."""
        waiting = await call(two_step.waiting_first_step, browser_hash(self.router.headers.cookie))
        self.code_needed = waiting is not None
        if waiting is None:
            self.error = texts.TWO_STEP_SIGN_IN_AGAIN
        else:
            self.code_intro = texts.TWO_STEP_GOVBR_INTRO if waiting.govbr else texts.TWO_STEP_SIGN_IN_INTRO

    @rx.event
    async def submit_code(self, form_data: dict):
        self.code_error = ""
        code = bounded(form_data, "code", 20)
        if not code.strip():
            self.code_error = texts.TWO_STEP_CODE_REQUIRED
            return
        result = await call(two_step.finish_sign_in, browser_hash=browser_hash(self.router.headers.cookie), code=code,
                            client=client_of(self.router), limiter=limiter())
        if result.status is two_step.Status.OK:
            self.code_needed = False
            return redeem_ticket(result.ticket, self._return_to)
        if result.status is two_step.Status.WRONG_CODE:
            self.code_error = texts.TWO_STEP_CODE_WRONG
        elif result.status is two_step.Status.LIMITED:
            self.code_error = texts.LOGIN_LIMITED.format(wait=wait_phrase(result.retry_in))
        else:
            self.code_needed = False
            self.error = texts.TWO_STEP_SIGN_IN_AGAIN
        return None

    @rx.event
    def cancel_code(self):
        self.code_needed, self.code_error = False, ""

    def _show_outcome(self, result: login.LoginResult | Busy, password: str) -> None:
        if isinstance(result, Busy):
            self.error = texts.SERVER_BUSY.format(wait=wait_phrase(result.retry_in))
        elif result.status is login.LoginStatus.LIMITED:
            self.error = texts.LOGIN_LIMITED.format(wait=wait_phrase(result.retry_in))
        elif result.status is login.LoginStatus.INVALID:
            self.error = texts.LOGIN_INVALID
            if password != password.strip():  # the seed's "copied spaces" case
                self.error_hint = texts.LOGIN_PASSWORD_SPACES
        elif result.status is login.LoginStatus.CODE_NEEDED:
            self.code_needed, self.code_error, self.code_intro = True, "", texts.TWO_STEP_SIGN_IN_INTRO
        elif result.status is login.LoginStatus.SUSPENDED:
            self.error = texts.LOGIN_PASSWORD_SUSPENDED
        elif result.status is login.LoginStatus.UNCONFIRMED:
            self._unconfirmed_account_id = result.account_id
            self.unconfirmed_message = texts.LOGIN_UNCONFIRMED.format(email=email_address.mask(result.email))

    @rx.event
    async def resend_confirmation(self):
        if self._unconfirmed_account_id is None:
            return
        result = await call(confirmation.resend, self._unconfirmed_account_id, limiter=limiter(),
                            client_ip=self.router.session.client_ip)
        self.resend_message = resend_outcome(result)


def _problem(clean, *args, **kwargs) -> str:
    """The message of one field's problem, or ""."""
    try:
        clean(*args, **kwargs)
    except fields.Invalid as problem:
        return " ".join(filled_texts.message(code) for code in problem.codes)
    return ""
