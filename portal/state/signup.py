"""Sign-up form (/cadastro) and the page after it (/cadastro/enviado)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import reflex as rx

from portal import filled_texts, texts
from portal.core import routes
from portal.accounts import confirmation, email_address, fields, password_policy, signup
from portal.accounts import cpf as cpf_rules
from portal.core.clock import utcnow
from portal.web.cookies import browser_hash
from portal.mail import delivery
from portal.core.ratelimit import limiter
from portal.state.delivery_status import DeliveryQuery, DeliveryStatusMixin
from portal.state.email_suggestion import EmailSuggestionMixin
from portal.state.form_errors import FormErrorsMixin
from portal.state.identity_fields import show_cpf_masked
from portal.state.password_fields import PasswordFieldsMixin
from portal.state.personal import PersonalState
from portal.state.service_calls import bounded, call, in_hashing_pool
from portal.local_time import wait_phrase
from portal.state.resend import resend_outcome, wait_message

PENDING_ACTIONS_FOR = timedelta(hours=1)
MAX_CORRECTION_FAILURES = 5


def form_from(form_data: dict) -> signup.SignupForm:
    """The sign-up as submitted: every field from the form itself (so nothing typed before the
    page was live is lost), each cut just past its limit; the terms are accepted only by what
    Reflex sends for a checked box (True), never by a crafted "false" or 1."""
    return signup.SignupForm(
        full_name=bounded(form_data, "full_name", signup.MAX_NAME_INPUT),
        cpf=bounded(form_data, "cpf", fields.MAX_CPF_INPUT),
        email=bounded(form_data, "email", email_address.MAX_INPUT),
        email_confirm=bounded(form_data, "email_confirm", email_address.MAX_INPUT),
        password=bounded(form_data, "password", password_policy.MAX_LENGTH),
        password_confirm=bounded(form_data, "password_confirm", password_policy.MAX_LENGTH),
        accept_terms=form_data.get("accept_terms") is True,
    )


class SignupState(DeliveryStatusMixin, FormErrorsMixin, EmailSuggestionMixin, PasswordFieldsMixin, PersonalState):
    # What was typed is kept here only to help while typing (password strength against the
    # name and CPF, the e-mail typo suggestion); the inputs themselves are not bound to it.
    full_name: str = ""
    cpf: str = ""
    notice: str = ""  # the form is fine, but cannot be sent now (too many sign-ups)
    cpf_taken: bool = False
    strength: int = -1
    busy: bool = False

    # After sign-up: only this tab, in the browser that made it and for an hour, may resend
    # or correct the e-mail (and correcting asks for the password again).
    # The address as the citizen typed it, shown in full so a typo can be seen; masked once
    # this tab may no longer act on the sign-up (another browser, or after the hour).
    _sent_email: str = ""
    sent_message: str = ""
    correcting: bool = False
    _pending_account_id: int | None = None
    _pending_browser: str = ""
    _pending_until: datetime | None = None
    _correction_failures: int = 0
    _password: str = ""

    @rx.event
    def on_load(self):
        self.busy = False  # an outage mid-submit must not leave the button disabled
        # A page (re)opened has empty fields: nothing said about the last ones stays.
        self.errors, self.notice, self.email_suggestion, self.cpf_taken = {}, "", "", False
        self.full_name = self.cpf = self._password = ""
        self.strength = -1
        self._submitted = self._typed = {}

    @rx.var
    def strength_label(self) -> str:
        return texts.STRENGTH_NAMES[self.strength] if self.strength >= 0 else ""

    def _problems(self, typed: dict) -> dict[str, list[str]]:
        return signup.validate(signup.SignupForm(**typed)).errors

    def _recheck_field(self, name: str, value) -> None:
        # The password may not contain the name or the CPF; the repeated fields follow theirs.
        related = {"full_name": ("password",), "cpf": ("password",), "email": ("email_confirm",),
                   "password": ("password_confirm",)}.get(name, ())
        self._recheck(name, value, *related)
        self.cpf_taken = self.cpf_taken and self.errors.get("cpf") == filled_texts.message("cpf_taken")

    @rx.event
    def set_full_name(self, value: str):
        self.full_name = value[:signup.MAX_NAME_INPUT]

    @rx.event
    def name_left(self, value: str):
        self._recheck_field("full_name", value[:signup.MAX_NAME_INPUT])

    @rx.event
    def format_cpf(self, value: str):
        self.cpf = cpf_rules.mask_partial(value) if value.strip() else ""  # for the strength meter
        self._recheck_field("cpf", value[: fields.MAX_CPF_INPUT])
        return show_cpf_masked(value)

    @rx.event
    def email_typed(self, _value: str):
        self.email_suggestion = ""

    @rx.event
    def check_email(self, value: str):
        self._suggest(value)
        self._recheck_field("email", value[:email_address.MAX_INPUT])

    @rx.event
    def email_confirm_left(self, value: str):
        self._recheck_field("email_confirm", value[:email_address.MAX_INPUT])

    @rx.event
    def terms_changed(self):
        # The box was ticked or unticked: the opposite of what the form last had.
        self._recheck_field("accept_terms", not self._typed.get("accept_terms", False))

    @rx.event
    def use_suggestion(self):
        if self.email_suggestion:
            self._recheck_field("email", self.email_suggestion)
        return self._take_suggestion("email")

    @rx.event
    def password_typed(self, value: str):
        # The password stays on the server (backend var) and is never echoed to the page;
        # nothing past the policy's limit is kept.
        self._password = value[: password_policy.MAX_LENGTH + 1]
        self.strength = (
            password_policy.strength(self._password, cpf=self.cpf, full_name=self.full_name) if value else -1
        )

    @rx.event
    def password_left(self):
        self._recheck_field("password", self._password)

    @rx.event
    def password_confirm_left(self, value: str):
        self._recheck_field("password_confirm", value[: password_policy.MAX_LENGTH + 1])

    @rx.event
    async def submit(self, form_data: dict):
        form = form_from(form_data)
        self.busy = True
        self.notice = ""
        yield
        try:
            result = await in_hashing_pool(signup.register, form, limiter=limiter(),
                                           client_ip=self.router.session.client_ip)
        finally:
            self.busy = False
        focus = self._show_errors(result.errors, dataclasses.asdict(form))
        self.cpf_taken = "cpf_taken" in result.errors.get("cpf", [])
        if result.retry_in:
            self.notice = texts.SIGNUP_LIMITED.format(wait=wait_phrase(result.retry_in))
        if not result.ok:
            if focus is not None:
                yield focus
            return
        self._pending_account_id = result.account_id
        self._pending_browser = browser_hash(self.router.headers.cookie)
        self._pending_until = utcnow() + PENDING_ACTIONS_FOR
        self._correction_failures = 0
        self._password = ""
        self.full_name = self.cpf = ""
        self.strength = -1
        self._sent_email = result.email
        self.sent_message = ""
        self.correcting = False
        self._clear_delivery()  # /cadastro/enviado watches the new mail when it opens
        yield rx.redirect(routes.SIGNUP_SENT)

    # --- /cadastro/enviado -----------------------------------------------------------

    @rx.var(cache=False)
    def has_pending(self) -> bool:
        return bool(self._sent_email)

    @rx.var(cache=False)
    def sent_email(self) -> str:
        """Computed at each update (the first snapshot of any page included), never stored in
        full where the page could get it after the hold ends."""
        if not self._sent_email:
            return ""
        return self._sent_email if self._may_act_here() else email_address.mask(self._sent_email)

    def _may_act_here(self) -> bool:
        return (self._pending_account_id is not None and bool(self._pending_browser)
                and browser_hash(self.router.headers.cookie) == self._pending_browser
                and self._pending_until is not None and utcnow() < self._pending_until)

    def _delivery_query(self) -> DeliveryQuery | None:
        # What became of the link is told only where the full address may be shown.
        if not self._may_act_here():
            return None
        return (delivery.CONFIRMATION,), {"account_id": self._pending_account_id}

    def _pending_here(self) -> int | None:
        """The pending sign-up this tab may act on: same browser, within the hour."""
        if not self._may_act_here():
            self.sent_message = texts.SIGNUP_PENDING_ELSEWHERE if self._pending_account_id else ""
            self.correcting = False
            return None
        return self._pending_account_id

    @rx.event
    async def resend(self):
        account_id = self._pending_here()
        if account_id is None:
            return
        result = await call(confirmation.resend, account_id, limiter=limiter(),
                            client_ip=self.router.session.client_ip)
        if result is not None:
            self._sent_email = result.email
        self.sent_message = resend_outcome(result)
        if result is not None and result.sent:
            return SignupState.watch_delivery

    @rx.event
    def toggle_correcting(self):
        self.correcting = not self.correcting
        self.errors = {}

    @rx.event
    def fix_email(self):
        """The way out of a failed delivery: the correction form, its first field focused."""
        self.correcting = True
        self.errors = {}
        return rx.set_focus("new_email")

    @rx.event
    async def correct_email(self, form_data: dict):
        account_id = self._pending_here()
        if account_id is None:
            return
        result = await in_hashing_pool(
            signup.correct_email,
            account_id,
            bounded(form_data, "new_email", email_address.MAX_INPUT),
            bounded(form_data, "new_email_confirm", email_address.MAX_INPUT),
            password=bounded(form_data, "signup_password", password_policy.MAX_LENGTH),
        )
        if result is None:
            self.sent_message = texts.CONFIRM_USED
            return
        self.errors = filled_texts.field_messages(result.errors)
        if "signup_password" in result.errors:
            self._correction_failures += 1
            if self._correction_failures >= MAX_CORRECTION_FAILURES:
                self._pending_account_id = None  # guessing the password ends this tab's hold
                self.sent_message = texts.SIGNUP_PENDING_ELSEWHERE
                self.correcting = False
        if result.errors:
            return
        if result.retry_at is not None:
            self.sent_message = wait_message(result.retry_at)
            return
        self._sent_email = result.email
        self.sent_message = texts.EMAIL_CORRECTED.format(email=result.email)
        self.correcting = False
        return SignupState.watch_delivery
