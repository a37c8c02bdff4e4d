"""The CPF (masked as typed) and e-mail inputs shared by forms that ask for both."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from portal.accounts import cpf as cpf_rules
from portal.accounts import email_address, fields
from portal.state.form_errors import FormErrorsMixin


def show_cpf_masked(typed: str) -> EventSpec:
    """Put the typed CPF back in its field as 123.456.789-09. Only when leaving the field (or
    filling it), never while typing: a late answer would overwrite what was typed since."""
    return rx.set_value("cpf", cpf_rules.mask_partial(typed) if typed.strip() else "")


class IdentityFieldsMixin(FormErrorsMixin, mixin=True):
    """The inputs are not bound to the state (what is typed before the page is live stays);
    the handlers read the submitted form, and check a field in error again on leaving it."""

    @rx.event
    def format_cpf(self, value: str):
        self._recheck("cpf", value[: fields.MAX_CPF_INPUT])
        return show_cpf_masked(value)

    @rx.event
    def email_left(self, value: str):
        self._recheck("email", value[:email_address.MAX_INPUT])
