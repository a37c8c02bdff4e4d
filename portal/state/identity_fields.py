"""The CPF (masked as typed) and e-mail inputs shared by forms that ask for both."""

from __future__ import annotations

import reflex as rx

from portal.accounts import cpf as cpf_rules


class IdentityFieldsMixin(rx.State, mixin=True):
    """The inputs are not bound to the state (what is typed before the page is live stays);
    the handlers read the submitted form."""

    errors: dict[str, str] = {}

    @rx.event
    def format_cpf(self, value: str):
        """On leaving the field (never while typing): 12345678909 -> 123.456.789-09."""
        self.errors.pop("cpf", None)
        return rx.set_value("cpf", cpf_rules.mask_partial(value) if value.strip() else "")

    @rx.event
    def email_typed(self, _value: str):
        self.errors.pop("email", None)
