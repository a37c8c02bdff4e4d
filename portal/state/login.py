"""Sign-in box on the home page."""

from __future__ import annotations

import reflex as rx

from portal import filled_texts, texts
from portal.core import routes
from portal.accounts import fields, two_step
from portal.web.cookies import SIGN_IN_CPF_COOKIE, browser_hash, cookie_value
from portal.state.form_errors import focus_summary
from portal.state.identity_fields import show_cpf_masked
from portal.state.password_fields import PasswordFieldsMixin
from portal.state.personal import PersonalState
from portal.state.service_calls import call, wait_in_url
from portal.local_time import wait_phrase

# The code step's outcomes and what its field then says ("" for the step itself).
_CODE_ERRORS = {routes.SIGN_IN_CODE: "", routes.SIGN_IN_CODE_WRONG: texts.TWO_STEP_CODE_WRONG,
                routes.SIGN_IN_CODE_BLANK: texts.TWO_STEP_CODE_REQUIRED,
                routes.SIGN_IN_CODE_LIMITED: texts.LOGIN_LIMITED}


class LoginState(PasswordFieldsMixin, PersonalState):
    """The sign-in box. Its forms (CPF + senha, then the code) are posted by the browser to
    /auth/entrar and /auth/entrar/codigo (portal.web.sign_in_form), live page or not: this
    state only shows what a post answered (the outcome code in the URL) and keeps the page
    helpful while typing."""

    cpf_error: str = ""
    password_error: str = ""
    error: str = ""
    error_hint: str = ""
    notice: str = ""
    unconfirmed_message: str = ""
    # The password was right and two-step is on: the verification code comes next.
    code_needed: bool = False
    code_error: str = ""
    code_intro: str = texts.TWO_STEP_SIGN_IN_INTRO  # after a password, or after a bronze gov.br
    # The page to open after signing in (?voltar=, a key of routes.RETURN_TARGETS), posted with
    # the form in a hidden field; "" until the page is live (the post then reads the cookie
    # the home page document kept, portal.web.return_cookie).
    return_to: str = ""
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
        self.code_needed = False
        key = routes.return_key(query.get(routes.RETURN))
        # Serviços when none: a live page names its landing, so an older kept key is not used.
        self.return_to = key or routes.return_key_of_path(routes.SERVICES)
        self.govbr_href = routes.AUTH_GOVBR + (f"?{routes.RETURN}={key}" if key else "")
        if query.get("saiu") == "conta-excluida":
            self.notice = texts.ACCOUNT_DELETED
        elif query.get("saiu"):
            self.notice = texts.LOGGED_OUT
        elif query.get("sessao"):
            self.notice = texts.SESSION_EXPIRED
        elif query.get(routes.SIGN_IN_OUTCOME):
            return self._posted(query)
        elif key:
            self.notice = texts.SIGN_IN_FIRST.get(key, "")
        return None

    def _posted(self, query: dict):
        """What a post of the sign-in forms answered, and the CPF typed back in its field."""
        outcome = query.get(routes.SIGN_IN_OUTCOME, "")
        wait = wait_in_url(query.get("espera", ""))
        events = []
        if outcome == routes.SIGN_IN_REFUSED:
            self.notice = texts.SIGN_IN_OTHER_BROWSER
        elif outcome == routes.SIGN_IN_NO_COOKIE:
            self.error = texts.LOGIN_NO_BROWSER_COOKIE
        elif outcome == routes.SIGN_IN_MISSING:
            named = set(str(query.get(routes.SIGN_IN_FIELDS, "")).split("-")) & {"cpf", "senha"}
            named = named or {"cpf", "senha"}
            self.cpf_error = filled_texts.message("login_cpf_invalid") if "cpf" in named else ""
            self.password_error = (filled_texts.message("login_password_required") if "senha" in named
                                   else "")
            events.append(focus_summary(True))
        elif outcome == routes.SIGN_IN_INVALID:
            self.error = texts.LOGIN_INVALID
            self.error_hint = texts.LOGIN_PASSWORD_SPACES if query.get("espacos") else ""
        elif outcome in (routes.SIGN_IN_LIMITED, routes.SIGN_IN_BUSY):
            message = texts.LOGIN_LIMITED if outcome == routes.SIGN_IN_LIMITED else texts.SERVER_BUSY
            self.error = message.format(wait=wait_phrase(wait or 60))
        elif outcome == routes.SIGN_IN_UNCONFIRMED:
            self.unconfirmed_message = (
                texts.LOGIN_UNCONFIRMED_RESENT if query.get("reenviado")
                else texts.LOGIN_UNCONFIRMED_WAIT.format(wait=wait_phrase(wait)) if wait
                else texts.LOGIN_UNCONFIRMED)
        elif outcome == routes.SIGN_IN_SUSPENDED:
            self.error = texts.LOGIN_PASSWORD_SUSPENDED
        elif outcome in _CODE_ERRORS:
            # The code step (again): shown if this browser's sign-in still waits for its code.
            self.code_error = _CODE_ERRORS[outcome].format(wait=wait_phrase(wait or 60))
            return LoginState.ask_code_if_waiting
        elif outcome == routes.SIGN_IN_CODE_GONE:
            self.error = texts.TWO_STEP_SIGN_IN_AGAIN
        typed = cookie_value(self.router.headers.cookie, SIGN_IN_CPF_COOKIE)
        if typed:
            events.insert(0, show_cpf_masked(typed))
        return events or None

    @rx.event
    async def ask_code_if_waiting(self):
        """After a right first step (a password, a bronze gov.br sign-in) or a refused code: the
        code step, if this browser's sign-in is still waiting for it."""
        waiting = await call(two_step.waiting_first_step, browser_hash(self.router.headers.cookie))
        self.code_needed = waiting is not None
        if waiting is None:
            self.error = texts.TWO_STEP_SIGN_IN_AGAIN
        else:
            self.code_intro = texts.TWO_STEP_GOVBR_INTRO if waiting.govbr else texts.TWO_STEP_SIGN_IN_INTRO

    @rx.event
    def cancel_code(self):
        self.code_needed, self.code_error = False, ""


def _problem(clean, *args, **kwargs) -> str:
    """The message of one field's problem, or ""."""
    try:
        clean(*args, **kwargs)
    except fields.Invalid as problem:
        return " ".join(filled_texts.message(code) for code in problem.codes)
    return ""

