"""The CPF (masked as typed) and e-mail inputs shared by forms that ask for both."""

from __future__ import annotations

import reflex as rx

from portal.accounts import cpf as cpf_rules
from portal.accounts import email_address


class IdentityFieldsMixin(rx.State, mixin=True):
    cpf: str = ""
    email: str = ""
    errors: dict[str, str] = {}

    @rx.event
    def set_cpf(self, value: str):
        self.cpf = cpf_rules.mask_partial(value) if value.strip() else ""
        self.errors.pop("cpf", None)

    @rx.event
    def set_email(self, value: str):
        self.email = value[:email_address.MAX_INPUT]
        self.errors.pop("email", None)
