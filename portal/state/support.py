"""Solicite auxílio (/ajuda/solicitar)."""

from __future__ import annotations

import math

import reflex as rx

from portal import texts
from portal.accounts import cpf as cpf_rules
from portal.accounts import signup
from portal.help.content import TOPICS
from portal.ratelimit import limiter
from portal.state.identity_fields import IdentityFieldsMixin
from portal.state.personal import PersonalState
from portal.state.services import call
from portal.support import requests
from portal.support.requests import SupportForm

TOPIC_SLUGS = {slug for slug, _ in TOPICS}



class SupportState(IdentityFieldsMixin, PersonalState):
    name: str = ""
    phone: str = ""
    topic: str = ""
    description: str = ""
    protocol: str = ""
    limited_message: str = ""
    busy: bool = False

    @rx.var
    def description_count(self) -> str:
        return texts.SUPPORT_COUNT.format(count=len(self.description), max=requests.MAX_DESCRIPTION)

    @rx.event
    def set_name(self, value: str):
        self.name = value[:signup.MAX_NAME_INPUT]
        self.errors.pop("name", None)

    @rx.event
    def set_phone(self, value: str):
        self.phone = value[:40]
        self.errors.pop("phone", None)

    @rx.event
    def set_topic(self, value: str):
        self.topic = value if value in TOPIC_SLUGS else ""
        self.errors.pop("topic", None)

    @rx.event
    def set_description(self, value: str):
        self.description = value[: requests.MAX_DESCRIPTION + 500]
        self.errors.pop("description", None)

    @rx.event
    async def on_load(self):
        self.protocol = self.limited_message = ""
        self.errors = {}
        self.busy = False
        wanted = self.router.url.query_parameters.get("assunto", "")
        if wanted in TOPIC_SLUGS:
            self.topic = wanted
        viewer = await self._look_up_viewer()
        if viewer is not None and not self.name and not self.email:
            self.name, self.email = viewer.full_name, viewer.email
            self.cpf = cpf_rules.format_cpf(viewer.cpf)

    @rx.event
    async def submit(self, _form_data: dict):
        self.busy = True
        self.limited_message = ""
        yield
        try:
            viewer = await self._look_up_viewer()
            form = SupportForm(name=self.name, cpf=self.cpf, email=self.email, phone=self.phone, topic=self.topic,
                               description=self.description)
            result = await call(requests.create, form, client_ip=self.router.session.client_ip, limiter=limiter(),
                                account_id=viewer.account_id if viewer else None)
        finally:
            self.busy = False
        self.errors = texts.field_messages(result.errors)
        if result.retry_in:
            self.limited_message = texts.SUPPORT_LIMITED.format(minutes=math.ceil(result.retry_in / 60))
        elif result.protocol:
            self.protocol = result.protocol
            self.description = ""

    @rx.event
    def new_request(self):
        self.protocol = ""
