"""Sign-up form (/cadastro) and the page after it (/cadastro/enviado)."""

from __future__ import annotations

import reflex as rx

from portal import routes, texts
from portal.accounts import confirmation, email_address, password_policy, signup
from portal.accounts import cpf as cpf_rules
from portal.ratelimit import limiter
from portal.state.password_fields import PasswordFieldsMixin
from portal.state.services import call
from portal.state.timefmt import resend_outcome, wait_message, wait_phrase


class SignupState(PasswordFieldsMixin, rx.State):
    full_name: str = ""
    cpf: str = ""
    email: str = ""
    email_confirm: str = ""
    accept_terms: bool = False
    errors: dict[str, str] = {}
    cpf_taken: bool = False
    email_suggestion: str = ""
    strength: int = -1
    busy: bool = False

    # After sign-up: only this browser tab may resend or correct the e-mail.
    sent_email_masked: str = ""
    sent_message: str = ""
    correcting: bool = False
    _pending_account_id: int | None = None
    _password: str = ""

    @rx.event
    def on_load(self):
        self.busy = False  # an outage mid-submit must not leave the button disabled

    @rx.var
    def strength_label(self) -> str:
        return texts.STRENGTH_NAMES[self.strength] if self.strength >= 0 else ""

    @rx.event
    def set_full_name(self, value: str):
        self.full_name = value[:400]
        self.errors.pop("full_name", None)

    @rx.event
    def set_cpf(self, value: str):
        self.cpf = cpf_rules.mask_partial(value) if value.strip() else ""
        self.errors.pop("cpf", None)
        self.cpf_taken = False

    @rx.event
    def set_email(self, value: str):
        self.email = value[:300]
        self.errors.pop("email", None)
        self.email_suggestion = ""

    @rx.event
    def set_email_confirm(self, value: str):
        self.email_confirm = value[:300]
        self.errors.pop("email_confirm", None)

    @rx.event
    def set_accept_terms(self, value: bool):
        self.accept_terms = bool(value)
        self.errors.pop("accept_terms", None)

    @rx.event
    def check_email(self, _value: str = ""):
        normalized = email_address.normalize(self.email)
        suggestion = email_address.suggest(normalized or self.email.strip())
        self.email_suggestion = suggestion or ""

    @rx.event
    def use_suggestion(self):
        if self.email_suggestion:
            self.email = self.email_suggestion
            self.email_suggestion = ""

    @rx.event
    def password_typed(self, value: str):
        # The password stays on the server (backend var) and is never echoed to the page.
        self._password = value
        self.errors.pop("password", None)
        self.strength = (
            password_policy.strength(value, cpf=self.cpf, full_name=self.full_name) if value else -1
        )

    @rx.event
    async def submit(self, form_data: dict):
        form = signup.SignupForm(
            full_name=self.full_name,
            cpf=self.cpf,
            email=self.email,
            email_confirm=self.email_confirm,
            password=str(form_data.get("password", "")),
            password_confirm=str(form_data.get("password_confirm", "")),
            accept_terms=self.accept_terms,
        )
        self.busy = True
        yield
        try:
            result = await call(signup.register, form, limiter=limiter(), client_ip=self.router.session.client_ip)
        finally:
            self.busy = False
        self.errors = texts.field_messages(result.errors)
        self.cpf_taken = "cpf_taken" in result.errors.get("cpf", [])
        if result.retry_in:
            self.errors = {"form": texts.SIGNUP_LIMITED.format(wait=wait_phrase(result.retry_in))}
        if not result.ok:
            return
        self._pending_account_id = result.account_id
        self._password = ""
        # A later visit to /cadastro starts blank; the e-mail stays for the correction form.
        self.full_name = self.cpf = self.email_confirm = ""
        self.accept_terms = False
        self.strength = -1
        self.sent_email_masked = email_address.mask(result.email)
        self.sent_message = ""
        self.correcting = False
        yield rx.redirect(routes.SIGNUP_SENT)

    # --- /cadastro/enviado -----------------------------------------------------------

    @rx.var
    def has_pending(self) -> bool:
        return bool(self.sent_email_masked)

    @rx.event
    async def resend(self):
        if self._pending_account_id is None:
            return
        result = await call(confirmation.resend, self._pending_account_id, limiter=limiter(),
                            client_ip=self.router.session.client_ip)
        if result is not None:
            self.sent_email_masked = email_address.mask(result.email)
        self.sent_message = resend_outcome(result)

    @rx.event
    def toggle_correcting(self):
        self.correcting = not self.correcting
        self.errors = {}

    @rx.event
    async def correct_email(self, form_data: dict):
        if self._pending_account_id is None:
            return
        result = await call(
            signup.correct_email,
            self._pending_account_id,
            str(form_data.get("new_email", "")),
            str(form_data.get("new_email_confirm", "")),
        )
        if result is None:
            self.sent_message = texts.CONFIRM_USED
            return
        self.errors = texts.field_messages(result.errors)
        if result.errors:
            return
        if result.retry_at is not None:
            self.sent_message = wait_message(result.retry_at)
            return
        self.email = self.email_confirm = result.email
        self.sent_email_masked = email_address.mask(result.email)
        self.sent_message = texts.EMAIL_CORRECTED.format(email=self.sent_email_masked)
        self.correcting = False
