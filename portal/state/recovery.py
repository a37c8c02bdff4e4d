"""Recuperar senha (/recuperar-senha), Defina sua nova senha (/nova-senha), Não fui eu (/nao-fui-eu)."""

from __future__ import annotations

import math

import reflex as rx

from portal import routes, texts
from portal.accounts import confirmation, email_address, profile, recovery
from portal.accounts.recovery import RecoveryStatus
from portal.config import settings
from portal.ratelimit import limiter
from portal.state.identity_fields import IdentityFieldsMixin
from portal.state.password_fields import PasswordFieldsMixin
from portal.state.services import call, client_of, signed_in
from portal.state.timefmt import resend_outcome


class RecoveryState(IdentityFieldsMixin, rx.State):
    outcome: str = ""  # a RecoveryStatus value, or ""
    message: str = ""
    resend_message: str = ""
    busy: bool = False
    # Set only when the CPF and e-mail typed match a pending sign-up.
    _unconfirmed_account_id: int | None = None

    @rx.event
    def on_load(self):
        self.outcome = self.message = self.resend_message = ""
        self.errors = {}
        self._unconfirmed_account_id = None
        self.busy = False

    @rx.event
    async def submit(self, _form_data: dict):
        self.busy = True
        self.outcome = self.message = self.resend_message = ""
        self._unconfirmed_account_id = None
        yield
        try:
            result = await call(recovery.request, cpf=self.cpf, email=self.email,
                                client_ip=self.router.session.client_ip, limiter=limiter(),
                                user_agent=self.router.headers.user_agent)
        finally:
            self.busy = False
        self.errors = texts.field_messages(result.errors)
        self.outcome = result.status.value
        if result.status is RecoveryStatus.SENT:
            self.message = texts.RECOVER_SENT.format(email=email_address.mask(self.email.strip()),
                                                     hours=f"{settings().temp_password_ttl_hours:g}")
        elif result.status is RecoveryStatus.NOT_FOUND:
            self.message = texts.RECOVER_NOT_FOUND
        elif result.status is RecoveryStatus.UNCONFIRMED:
            self.message = texts.RECOVER_UNCONFIRMED
            self._unconfirmed_account_id = result.account_id
        elif result.status is RecoveryStatus.LIMITED:
            self.message = texts.RECOVER_LIMITED.format(minutes=math.ceil(result.retry_in / 60))


    @rx.event
    async def resend_confirmation(self):
        if self._unconfirmed_account_id is None:
            return
        result = await call(confirmation.resend, self._unconfirmed_account_id, limiter=limiter(),
                            client_ip=self.router.session.client_ip)
        self.resend_message = resend_outcome(result)


class NewPasswordState(PasswordFieldsMixin, rx.State):
    errors: dict[str, str] = {}
    busy: bool = False

    @rx.event
    async def check(self):
        current = await signed_in(self.router.headers.cookie)
        if current is None:
            return rx.redirect(f"{routes.HOME}?sessao=expirada")
        if not current.must_change_password:
            return rx.redirect(routes.ACCOUNT)
        self.errors = {}
        return None

    @rx.event
    async def submit(self, form_data: dict):
        current = await signed_in(self.router.headers.cookie)
        if current is None:
            yield rx.redirect(f"{routes.HOME}?sessao=expirada")
            return
        if not current.must_change_password:
            # Only a session opened with a temporary password may set a password without the
            # current one; any other goes through Minha conta, which asks for it.
            yield rx.redirect(routes.ACCOUNT)
            return
        self.busy = True
        yield
        try:
            result = await call(profile.set_new_password, account_id=current.account.id,
                                session_id=current.session_id, new=str(form_data.get("new_password", "")),
                                confirm=str(form_data.get("new_password_confirm", "")), client=client_of(self.router))
        finally:
            self.busy = False
        self.errors = texts.field_messages(result.errors)
        if result.ok:
            yield rx.redirect(routes.ACCOUNT)


class NotMeState(rx.State):
    done: bool = False
    checked: bool = False

    @rx.event
    async def on_load(self):
        self.checked = False
        token = self.router.url.query_parameters.get("token", "")[:200]
        self.done = await call(profile.not_me, token, client=client_of(self.router))
        self.checked = True
