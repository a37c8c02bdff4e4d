"""The errors of a form, GOV.UK style (design-system.service.gov.uk, "Error summary").

After a failed submit, each field in error shows its message, and a summary at the top of
the form lists them all and receives focus: that is the one announcement of the submit.
A field in error is checked again, with the form's own cleaning, when it changes (on
leaving it, or when the page fills it), together with the fields that depend on it.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from portal import filled_texts
from portal.accounts import password_policy

SUMMARY_ID = "resumo-erros"
# The "Nova senha" / "Confirme a nova senha" pair, in the form's order (NewPasswordFieldsMixin).
NEW_PASSWORD_FIELDS = ("new_password", "new_password_confirm")


def focus_summary(failed: bool, summary_id: str = SUMMARY_ID) -> EventSpec | None:
    """After a submit: focus on the summary when something is wrong."""
    return rx.set_focus(summary_id) if failed else None


class FormErrorsMixin(rx.State, mixin=True):
    errors: dict[str, str] = {}
    # What the fields held at the last submit, and since: server-side only, forgotten with
    # the tab (or at the next successful submit).
    _submitted: dict[str, Any] = {}
    _typed: dict[str, Any] = {}

    def _problems(self, typed: dict[str, Any]) -> dict[str, list[str]]:
        """Codes per field for these values: the form's own cleaning (each state says which)."""
        return {}

    def _show_errors(self, codes: dict[str, list[str]], typed: dict[str, Any] | None = None,
                     summary_id: str = SUMMARY_ID) -> EventSpec | None:
        """The outcome of a submit: its errors shown, focus on the summary if there are any."""
        self.errors = filled_texts.field_messages(codes)
        self._submitted = dict(typed or {}) if codes else {}
        self._typed = dict(self._submitted)
        return focus_summary(bool(self.errors), summary_id)

    def _recheck(self, name: str, value: Any, *related: str) -> None:
        """A field changed: when it, or a field that depends on it, shows an error, check again."""
        if not self._submitted:
            return
        self._typed = {**self._typed, name: value}
        shown = [field for field in (name, *related) if field in self.errors]
        if not shown:
            return
        found = self._problems(self._typed)
        at_submit = self._problems(self._submitted)
        errors = dict(self.errors)
        for field in shown:
            if field in found:
                errors[field] = filled_texts.field_messages({field: found[field]})[field]
            elif field in at_submit or self._typed.get(field) != self._submitted.get(field):
                errors.pop(field)
            # else: an error only the server can tell (a CPF already taken, a wrong current
            # password) stays while the field holds what was submitted.
        self.errors = errors


class NewPasswordFieldsMixin(FormErrorsMixin, mixin=True):
    """The "Nova senha" / "Confirme a nova senha" pair, checked again on leaving either
    (pages.new_password.new_password_fields with recheck=True)."""

    @rx.event
    def new_password_left(self, value: str):
        self._recheck("new_password", value[: password_policy.MAX_LENGTH + 1], "new_password_confirm")

    @rx.event
    def new_password_confirm_left(self, value: str):
        self._recheck("new_password_confirm", value[: password_policy.MAX_LENGTH + 1])
