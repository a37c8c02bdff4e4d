"""The "did you mean …?" of an e-mail field (hotmial.com → hotmail.com), for any form."""

from __future__ import annotations

import reflex as rx

from portal.accounts import email_address


class EmailSuggestionMixin(rx.State, mixin=True):
    email_suggestion: str = ""

    def _suggest(self, value: str) -> None:
        """On leaving the field: a suggestion when the domain looks mistyped, else none."""
        typed = value[:email_address.MAX_INPUT]
        self.email_suggestion = email_address.suggest(email_address.normalize(typed) or typed.strip()) or ""

    def _take_suggestion(self, field_id: str):
        """Puts the suggestion into the (uncontrolled) input `field_id` of this page."""
        suggestion, self.email_suggestion = self.email_suggestion, ""
        return rx.set_value(field_id, suggestion) if suggestion else None
