"""Solicitar auxílio (/ajuda/solicitar)."""

from __future__ import annotations

import dataclasses

import reflex as rx

from portal import filled_texts, texts
from portal.accounts import cpf as cpf_rules
from portal.accounts import email_address, fields, signup
from portal.help.content import TOPICS
from portal.local_time import wait_phrase
from portal.mail import delivery
from portal.core.ratelimit import limiter
from portal.state.delivery_status import DeliveryQuery, DeliveryStatusMixin
from portal.state.identity_fields import IdentityFieldsMixin
from portal.state.personal import PersonalState, per_visit
from portal.state.service_calls import bounded, call
from portal.support import requests
from portal.support.requests import SupportForm

TOPIC_SLUGS = {slug for slug, _ in TOPICS}
# How much of each field the form keeps: just past its limit.
FIELD_LIMITS = {"name": signup.MAX_NAME_INPUT, "cpf": fields.MAX_CPF_INPUT, "email": email_address.MAX_INPUT,
                "phone": 40, "topic": 60, "description": requests.MAX_DESCRIPTION}


def form_from(form_data: dict) -> SupportForm:
    """The request as submitted, each field cut just past its limit."""
    return SupportForm(**{name: bounded(form_data, name, limit) for name, limit in FIELD_LIMITS.items()})


@per_visit  # the receipt (protocol) and the contact are gone at the next page load of the tab
class SupportState(DeliveryStatusMixin, IdentityFieldsMixin, PersonalState):
    # Only for the character count; the text itself stays in the page's input.
    description_length: int = 0
    protocol: str = ""
    limited_message: str = ""
    busy: bool = False
    # Who wrote the last request, to fill "Nova solicitação" again (forgotten with the tab).
    _contact: dict[str, str] = {}
    # The request this visit sent: its receipt's delivery status, and the e-mail correction.
    _request_id: int | None = None
    fixing_email: bool = False
    receipt_message: str = ""

    def _delivery_query(self) -> DeliveryQuery | None:
        if self._request_id is None:
            return None
        return (delivery.SUPPORT_RECEIPT,), {"support_request_id": self._request_id}

    @rx.var
    def description_count(self) -> str:
        return texts.SUPPORT_COUNT.format(count=self.description_length, max=requests.MAX_DESCRIPTION)

    def _problems(self, typed: dict) -> dict[str, list[str]]:
        return requests.validate(SupportForm(**typed))[0]

    @rx.event
    def field_left(self, name: str, value: str):
        if name in FIELD_LIMITS:
            self._recheck(name, value[:FIELD_LIMITS[name]])

    @rx.event
    def description_typed(self, value: str):
        self.description_length = len(value)

    @rx.event
    async def on_load(self):
        self.protocol = self.limited_message = ""
        self.errors = {}
        self.busy = False
        filled = []
        wanted = self.router.url.query_parameters.get("assunto", "")
        if wanted in TOPIC_SLUGS:
            filled.append(rx.set_value("topic", wanted))
        viewer = await self._look_up_viewer()
        if viewer is not None:
            filled += _fill({"name": viewer.full_name, "email": viewer.email, "cpf": cpf_rules.format_cpf(viewer.cpf)})
        return filled

    @rx.event
    async def submit(self, form_data: dict):
        form = form_from(form_data)
        self.busy = True
        self.limited_message = ""
        yield
        try:
            viewer = await self._look_up_viewer()
            result = await call(requests.create, form, client_ip=self.router.session.client_ip, limiter=limiter(),
                                account_id=viewer.account_id if viewer else None)
        finally:
            self.busy = False
        focus = self._show_errors(result.errors, dataclasses.asdict(form))
        if result.retry_in:
            self.limited_message = texts.SUPPORT_LIMITED.format(wait=wait_phrase(result.retry_in))
        elif result.protocol:
            self.protocol = result.protocol
            self._request_id = result.request_id
            self.fixing_email, self.receipt_message = False, ""
            self._clear_delivery()
            self.description_length = 0
            self._contact = {"name": form.name, "cpf": form.cpf, "email": form.email, "phone": form.phone}
        if focus is not None:
            yield focus

    @rx.event
    def new_request(self):
        self.protocol = ""
        self._request_id = None
        self._clear_delivery()
        return _fill(self._contact)

    @rx.event
    def fix_email(self):
        self.fixing_email = True
        self.errors = {}
        return rx.set_focus("receipt_email")

    @rx.event
    async def save_receipt_email(self, form_data: dict):
        if self._request_id is None:
            return
        result = await call(requests.correct_receipt_email, self._request_id,
                            bounded(form_data, "receipt_email", email_address.MAX_INPUT))
        self.errors = filled_texts.field_messages(result.errors)
        if result.too_late:
            self.receipt_message, self.fixing_email = texts.RECEIPT_EMAIL_TOO_LATE, False
        elif result.email:
            self.receipt_message, self.fixing_email = texts.RECEIPT_EMAIL_FIXED.format(email=result.email), False
            self._contact = {**self._contact, "email": result.email}
            return SupportState.watch_delivery


def _fill(values: dict[str, str]) -> list:
    return [rx.set_value(field_id, value) for field_id, value in values.items() if value]
