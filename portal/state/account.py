"""Minha conta: shown only to a valid session, checked on the server at every event."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.accounts import cpf as cpf_rules
from portal.accounts import sessions
from portal.state.services import call, session_token, signed_in_account


class AccountState(rx.State):
    signed_in: bool = False
    full_name: str = ""
    cpf_hidden: str = ""
    email: str = ""

    def _clear(self) -> None:
        self.signed_in = False
        self.full_name = self.cpf_hidden = self.email = ""

    @rx.event
    async def load_account(self):
        account = await signed_in_account(self.router.headers.cookie)
        if account is None:
            self._clear()
            return rx.redirect(f"{routes.HOME}?sessao=expirada")
        self.signed_in = True
        self.full_name = account.full_name
        self.cpf_hidden = cpf_rules.hide(account.cpf)
        self.email = account.email
        return None

    @rx.event
    async def logout(self):
        await call(sessions.revoke, session_token(self.router.headers.cookie))
        self._clear()
        # A real navigation so the HTTP endpoint can delete the HttpOnly cookie.
        return rx.call_script(f"window.location.assign('{routes.AUTH_SIGN_OUT}')")
