"""Acompanhar solicitação (/ajuda/acompanhar): one support request by protocol + e-mail.

What a lookup shows belongs to whoever typed the pair, so the state derives from
PersonalState: "Sair" (and a new person in the tab) forgets it, as does every new visit."""

from __future__ import annotations

import dataclasses

import reflex as rx

from portal import texts
from portal.core import routes
from portal.accounts import email_address, fields
from portal.help.content import TOPICS
from portal.local_time import moment, wait_phrase
from portal.core.ratelimit import limiter
from portal.state.form_errors import FormErrorsMixin
from portal.state.personal import PersonalState, per_visit
from portal.state.service_calls import bounded, call
from portal.support import follow
from portal.support.follow import FollowStatus, RequestItem

TOPIC_TITLES = dict(TOPICS)
MAX_PROTOCOL_INPUT = 40


@dataclasses.dataclass
class ReplyView:
    when: str
    body: str


@dataclasses.dataclass
class RequestView:
    protocol: str
    heading: str
    topic: str
    sent: str
    status: str  # aberto, em_andamento, respondido: the page picks the badge's colour
    status_label: str
    replies: list[ReplyView]


def request_view(item: RequestItem) -> RequestView:
    """A request as the citizen reads it: Brasília time, plain-Portuguese status, reply text."""
    return RequestView(
        protocol=item.protocol,
        heading=texts.FOLLOW_PROTOCOL_HEADING.format(protocol=item.protocol),
        topic=texts.FOLLOW_TOPIC.format(topic=TOPIC_TITLES.get(item.topic, item.topic)),
        sent=texts.FOLLOW_SENT_AT.format(when=moment(item.created_at)),
        status=item.status,
        status_label=texts.FOLLOW_STATUS_LABELS.get(item.status, item.status),
        replies=[ReplyView(when=texts.FOLLOW_REPLY_AT.format(when=moment(r.created_at)), body=r.body)
                 for r in item.replies],
    )


@per_visit  # what a lookup showed is gone at the next page load, before anything is sent
class FollowRequestState(FormErrorsMixin, PersonalState):
    # The inputs are not bound to the state: what was typed stays in the page on a failure.
    message: str = ""  # not found (one message for a wrong e-mail and an unknown protocol) or limited
    found: list[RequestView] = []  # empty, or the request looked up
    busy: bool = False

    @rx.event
    def on_load(self):
        self.errors, self.message, self.found, self.busy = {}, "", [], False
        try:
            number = fields.clean_protocol(self.router.url.query_parameters.get(routes.FOLLOW_PROTOCOL, ""))
        except fields.Invalid:
            return None  # nothing, or not a protocol: the field stays empty
        return rx.set_value("protocol", number)

    def _problems(self, typed: dict) -> dict[str, list[str]]:
        return follow.check_input(typed.get("protocol", ""), typed.get("email", ""))[0]

    @rx.event
    def protocol_left(self, value: str):
        self._recheck("protocol", value[: MAX_PROTOCOL_INPUT + 1])

    @rx.event
    def email_left(self, value: str):
        self._recheck("email", value[: email_address.MAX_INPUT + 1])

    @rx.event
    async def submit(self, form_data: dict):
        protocol = bounded(form_data, "protocol", MAX_PROTOCOL_INPUT)
        email = bounded(form_data, "email", email_address.MAX_INPUT)
        self.busy = True
        self.message = ""
        yield
        try:
            result = await call(follow.follow, protocol=protocol, email=email,
                                client_ip=self.router.session.client_ip, limiter=limiter())
        finally:
            self.busy = False
        focus = self._show_errors(result.errors, {"protocol": protocol, "email": email})
        if result.status is FollowStatus.FOUND and result.request is not None:
            self.found = [request_view(result.request)]
        elif result.status is FollowStatus.NOT_FOUND:
            self.message = texts.FOLLOW_NOT_FOUND
        elif result.status is FollowStatus.LIMITED:
            self.message = texts.FOLLOW_LIMITED.format(wait=wait_phrase(result.retry_in))
        if focus is not None:
            yield focus

    @rx.event
    def another(self):
        self.found, self.message, self.errors = [], "", {}
