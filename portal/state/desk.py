"""Atendimento (/atendimento): the staff's queue. Every event checks, on the server, that
the session belongs to a staff account (the guard of PersonalState)."""

from __future__ import annotations

import dataclasses

import reflex as rx

from portal import filled_texts, texts
from portal.accounts import cpf as cpf_rules
from portal.help.content import TOPICS
from portal.local_time import moment as local_time
from portal.mail import delivery
from portal.mail.outbox import SENT
from portal.state.personal import StaffState
from portal.state.service_calls import bounded, call
from portal.support import desk

TOPIC_TITLES = dict(TOPICS)


@dataclasses.dataclass
class RequestRow:
    id: int
    protocol: str
    created: str
    status: str
    status_label: str
    topic: str
    name: str


@dataclasses.dataclass
class ReplyView:
    created: str
    body: str
    delivery: str = ""


def delivery_label(found: delivery.Delivery | None) -> str:
    """What became of a mail to the citizen, for staff."""
    if found is None:
        return ""
    why = texts.DELIVERY_WHY.get(found.failure_kind, texts.DELIVERY_WHY["other"])
    label = texts.DESK_DELIVERY[found.status].format(why=why)
    if found.status == SENT and found.sent_at is not None:
        label += f" ({local_time(found.sent_at)})"
    return label


class DeskState(StaffState):
    """Every handler here runs only for a signed-in staff member (the guard in PersonalState).
    The selected request's personal data stays in state only while it is open on screen."""

    allowed: bool = False
    status_filter: str = "aberto"
    topic_filter: str = ""
    rows: list[RequestRow] = []
    selected_id: int = 0
    selected: dict[str, str] = {}
    replies: list[ReplyView] = []
    reply_error: str = ""
    notice: str = ""
    # The account the open request is about, as the account has it (desk.account_facts).
    account: dict[str, str] = {}
    account_two_step: bool = False
    email_mismatch: bool = False
    two_step_error: str = ""

    async def _reload(self) -> None:
        found = await call(desk.queue, status=self.status_filter, topic=self.topic_filter)
        self.rows = [
            RequestRow(id=r.id, protocol=r.protocol, created=local_time(r.created_at), status=r.status,
                       status_label=texts.STATUS_LABELS[r.status], topic=TOPIC_TITLES.get(r.topic, r.topic),
                       name=r.name)
            for r in found
        ]

    async def _load_selected(self, staff_id: int) -> None:
        found = await call(desk.details, self.selected_id, staff_account_id=staff_id)
        if found is None:
            self._close()
            return
        request, replies = found
        self.selected = {
            "protocol": request.protocol, "created": local_time(request.created_at), "status": request.status,
            "status_label": texts.STATUS_LABELS[request.status], "topic": TOPIC_TITLES.get(request.topic, request.topic),
            "name": request.name, "cpf": cpf_rules.format_cpf(request.cpf) if request.cpf else "—",
            "email": request.email, "phone": request.phone or "—", "description": request.description,
        }
        mails = await call(delivery.of_request, self.selected_id)
        # A reply and its mail are written in one transaction, with the same moment.
        reply_mail = {created: found for purpose, created, found in mails if purpose == delivery.SUPPORT_REPLY}
        receipts = [found for purpose, _, found in mails if purpose == delivery.SUPPORT_RECEIPT]
        self.selected["receipt_delivery"] = delivery_label(receipts[-1] if receipts else None) or "—"
        self.replies = [ReplyView(created=local_time(r.created_at), body=r.body,
                                  delivery=delivery_label(reply_mail.get(r.created_at))) for r in replies]
        self._show_account(await call(desk.account_facts, self.selected_id))

    def _show_account(self, facts: desk.AccountFacts | None) -> None:
        self.account_two_step = facts is not None and facts.two_step
        self.email_mismatch = facts is not None and not facts.email_matches
        self.account = {} if facts is None else {
            "full_name": facts.full_name, "created": local_time(facts.created_at), "email": facts.masked_email,
            "two_step": texts.DESK_ACCOUNT_TWO_STEP_ON if facts.two_step else texts.DESK_ACCOUNT_TWO_STEP_OFF,
            "signed_in": (texts.DESK_ACCOUNT_SIGNED_IN_YES if facts.sent_signed_in
                          else texts.DESK_ACCOUNT_SIGNED_IN_NO),
        }

    def _close(self) -> None:
        self.selected_id, self.selected, self.replies = 0, {}, []
        self._show_account(None)
        self.two_step_error = ""

    @rx.event
    async def load(self):
        # A fresh visit starts with no request open: its data is loaded again only when asked.
        self.allowed = True
        self.notice = self.reply_error = ""
        self._close()
        await self._reload()

    @rx.event
    async def set_status_filter(self, value: str):
        self.status_filter = "" if value == "todos" else value if value in desk.STATUSES else "aberto"
        await self._reload()

    @rx.event
    async def set_topic_filter(self, value: str):
        self.topic_filter = "" if value == "todos" else value if value in TOPIC_TITLES else ""
        await self._reload()

    @rx.event
    async def open_request(self, request_id: int):
        viewer = await self._current_viewer()
        self.selected_id = int(request_id)
        self.notice = self.reply_error = ""
        await self._load_selected(viewer.account_id)

    @rx.event
    async def close_request(self):
        self._close()

    @rx.event
    async def change_status(self, value: str):
        viewer = await self._current_viewer()
        if self.selected_id and await call(desk.set_status, self.selected_id, value,
                                           staff_account_id=viewer.account_id):
            self.notice = texts.DESK_STATUS_CHANGED
            await self._reload()
            await self._load_selected(viewer.account_id)

    @rx.event
    async def send_reply(self, form_data: dict):
        viewer = await self._current_viewer()
        if not self.selected_id:
            return
        result = await call(desk.reply, request_id=self.selected_id, staff_account_id=viewer.account_id,
                            body=bounded(form_data, "reply", desk.MAX_REPLY))
        if result is None:
            return
        self.reply_error = " ".join(filled_texts.message(code) for code in result.errors.get("reply", []))
        if not result.errors:
            self.notice = texts.DESK_REPLY_SENT
            await self._reload()
            await self._load_selected(viewer.account_id)
            yield rx.set_value("reply", "")

    @rx.event
    async def turn_off_two_step(self, form_data: dict):
        viewer = await self._current_viewer()
        if not self.selected_id:
            return
        # Native checkboxes: a ticked one arrives as True.
        checks = [check for check in desk.IDENTITY_CHECKS if form_data.get(f"check_{check}") is True]
        error = await call(desk.turn_off_two_step, request_id=self.selected_id, staff_account_id=viewer.account_id,
                           checks=checks, identity_check=bounded(form_data, "identity_check", 500))
        self.two_step_error = filled_texts.message(error) if error else ""
        if error is None:
            self.notice = texts.DESK_TWO_STEP_OFF_DONE
            await self._load_selected(viewer.account_id)
