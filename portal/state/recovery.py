"""Recuperar senha (/recuperar-senha), Defina sua nova senha (/nova-senha), Não fui eu (/nao-fui-eu)."""

from __future__ import annotations


import reflex as rx

from portal import texts
from portal.core import routes
from portal.accounts import confirmation, email_address, fields, profile, recovery
from portal.accounts.recovery import RecoveryStatus
from portal.core.config import settings
from portal.local_time import wait_phrase
from portal.mail import delivery
from portal.core.ratelimit import limiter
from portal.state.delivery_status import DeliveryQuery, DeliveryStatusMixin
from portal.state.form_errors import NEW_PASSWORD_FIELDS, NewPasswordFieldsMixin
from portal.state.identity_fields import IdentityFieldsMixin
from portal.state.password_fields import PasswordFieldsMixin
from portal.state.personal import PersonalState, TemporaryPasswordState
from portal.state.service_calls import bounded, call, in_hashing_pool, wait_in_url
from portal.state.resend import resend_outcome


class RecoveryState(DeliveryStatusMixin, IdentityFieldsMixin, PersonalState):
    outcome: str = ""  # a RecoveryStatus value, or ""
    message: str = ""
    resend_message: str = ""
    busy: bool = False
    # Set only when the CPF and e-mail typed match a pending sign-up.
    _unconfirmed_account_id: int | None = None
    # Set when a temporary password was sent: its delivery status is shown.
    _sent_account_id: int | None = None

    @rx.event
    def on_load(self):
        self.outcome = self.message = self.resend_message = ""
        self.errors = {}
        self._unconfirmed_account_id = self._sent_account_id = None
        self._clear_delivery()
        self.busy = False

    def _delivery_query(self) -> DeliveryQuery | None:
        if self._sent_account_id is None:
            return None
        return (delivery.TEMPORARY_PASSWORD,), {"account_id": self._sent_account_id}

    def _problems(self, typed: dict) -> dict[str, list[str]]:
        return recovery.clean(typed.get("cpf", ""), typed.get("email", "")).errors

    @rx.event
    async def submit(self, form_data: dict):
        cpf = bounded(form_data, "cpf", fields.MAX_CPF_INPUT)
        email = bounded(form_data, "email", email_address.MAX_INPUT)
        self.busy = True
        self.outcome = self.message = self.resend_message = ""
        self._unconfirmed_account_id = self._sent_account_id = None
        self._clear_delivery()
        yield
        try:
            result = await in_hashing_pool(recovery.request, cpf=cpf, email=email,
                                client_ip=self.router.session.client_ip, limiter=limiter(),
                                user_agent=self.router.headers.user_agent)
        finally:
            self.busy = False
        focus = self._show_errors(result.errors, {"cpf": cpf, "email": email})
        self.outcome = result.status.value
        if result.status is RecoveryStatus.SENT:
            self.message = texts.RECOVER_SENT.format(email=email_address.mask(email.strip()),
                                                     hours=f"{settings().temp_password_ttl_hours:g}")
            self._sent_account_id = result.account_id  # the status box, shown now, starts the watch
        elif result.status is RecoveryStatus.NOT_FOUND:
            self.message = texts.RECOVER_NOT_FOUND
        elif result.status is RecoveryStatus.UNCONFIRMED:
            self.message = texts.RECOVER_UNCONFIRMED
            self._unconfirmed_account_id = result.account_id
        elif result.status is RecoveryStatus.LIMITED:
            self.message = texts.RECOVER_LIMITED.format(wait=wait_phrase(result.retry_in))
        if focus is not None:
            yield focus

    @rx.event
    async def resend_confirmation(self):
        if self._unconfirmed_account_id is None:
            return
        result = await call(confirmation.resend, self._unconfirmed_account_id, limiter=limiter(),
                            client_ip=self.router.session.client_ip)
        self.resend_message = resend_outcome(result)


class NewPasswordState(NewPasswordFieldsMixin, PasswordFieldsMixin, TemporaryPasswordState):
    """Only a session opened with a temporary password may set a password without the
    current one (the guard sends any other session to Minha conta). The form is posted by the
    browser to /auth/nova-senha (portal.web.new_password_form), live page or not; this state
    shows what a refused post answered and checks the fields again while they are retyped."""

    notice: str = ""  # a refusal that is no field's (the post came from elsewhere, the server was busy)
    # Whose password it is (the policy refuses one with their CPF or name).
    _cpf: str = ""
    _full_name: str = ""

    def _problems(self, typed: dict) -> dict[str, list[str]]:
        return profile.new_password_errors(typed.get("new_password", ""),
                                           typed.get("new_password_confirm", ""),
                                           cpf=self._cpf, full_name=self._full_name)

    @rx.event
    async def load(self):
        posted = str(self.router.url.query_parameters.get(routes.NEW_PASSWORD_ERRORS, ""))
        wait = wait_phrase(wait_in_url(self.router.url.query_parameters.get("espera", "")) or 60)
        self.notice = {"recusada": texts.NEW_PASSWORD_REFUSED,
                       "aguarde": texts.SERVER_BUSY.format(wait=wait)}.get(posted, "")
        errors = posted_errors(posted)
        viewer = await self._current_viewer()
        self._cpf, self._full_name = (viewer.cpf, viewer.full_name) if errors else ("", "")
        # After the post the page came back with both fields empty: that is what they held.
        return self._show_errors(errors, dict.fromkeys(NEW_PASSWORD_FIELDS, "") if errors else None)


def posted_errors(value: str) -> dict[str, list[str]]:
    """field:code,field:code from the URL (portal.web.new_password_form.error_codes): only the
    form's fields and codes that have a message; anything else is dropped."""
    errors: dict[str, list[str]] = {}
    for item in value.split(",")[:10]:
        name, _, code = item.partition(":")
        if name in NEW_PASSWORD_FIELDS and code in texts.MESSAGES:
            errors.setdefault(name, []).append(code)
    return errors


class NotMeState(rx.State):
    """The outcome of a "Não fui eu" link, already used by its HTTP endpoint (no token here)."""

    done: bool = False
    checked: bool = False

    @rx.event
    def on_load(self):
        self.done = self.router.url.query_parameters.get(routes.RESULT) == "ok"
        self.checked = True
