"""Atendimento (/atendimento): the staff's queue. Every event checks, on the server, that
the session belongs to a staff account."""

from __future__ import annotations

import dataclasses

import reflex as rx

from portal import routes, texts
from portal.accounts import cpf as cpf_rules
from portal.help.content import TOPICS
from portal.mail.messages import local_time
from portal.state.services import call, signed_in
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


class DeskState(rx.State):
    allowed: bool = False
    status_filter: str = "aberto"
    topic_filter: str = ""
    rows: list[RequestRow] = []
    selected_id: int = 0
    selected: dict[str, str] = {}
    replies: list[ReplyView] = []
    reply_error: str = ""
    notice: str = ""

    async def _staff_id(self) -> int | None:
        current = await signed_in(self.router.headers.cookie)
        if current is None or current.must_change_password or current.account.id is None:
            return None
        return current.account.id if await call(desk.is_staff, current.account.id) else None

    def _deny(self):
        self.allowed = False
        self.rows, self.replies, self.selected = [], [], {}
        return rx.redirect(f"{routes.HOME}?sessao=expirada")

    async def _reload(self) -> None:
        found = await call(desk.queue, status=self.status_filter, topic=self.topic_filter)
        self.rows = [
            RequestRow(id=r.id, protocol=r.protocol, created=local_time(r.created_at), status=r.status,
                       status_label=texts.STATUS_LABELS[r.status], topic=TOPIC_TITLES.get(r.topic, r.topic),
                       name=r.name)
            for r in found
        ]
        if self.selected_id:
            await self._load_selected()

    async def _load_selected(self) -> None:
        found = await call(desk.details, self.selected_id)
        if found is None:
            self.selected_id, self.selected, self.replies = 0, {}, []
            return
        request, replies = found
        self.selected = {
            "protocol": request.protocol, "created": local_time(request.created_at), "status": request.status,
            "status_label": texts.STATUS_LABELS[request.status], "topic": TOPIC_TITLES.get(request.topic, request.topic),
            "name": request.name, "cpf": cpf_rules.format_cpf(request.cpf) if request.cpf else "—",
            "email": request.email, "phone": request.phone or "—", "description": request.description,
        }
        self.replies = [ReplyView(created=local_time(r.created_at), body=r.body) for r in replies]

    @rx.event
    async def load(self):
        if await self._staff_id() is None:
            return self._deny()
        self.allowed = True
        self.notice = self.reply_error = ""
        await self._reload()
        return None

    @rx.event
    async def set_status_filter(self, value: str):
        if await self._staff_id() is None:
            return self._deny()
        self.status_filter = "" if value == "todos" else value if value in desk.STATUSES else "aberto"
        await self._reload()
        return None

    @rx.event
    async def set_topic_filter(self, value: str):
        if await self._staff_id() is None:
            return self._deny()
        self.topic_filter = "" if value == "todos" else value if value in TOPIC_TITLES else ""
        await self._reload()
        return None

    @rx.event
    async def open_request(self, request_id: int):
        if await self._staff_id() is None:
            return self._deny()
        self.selected_id = int(request_id)
        self.notice = self.reply_error = ""
        await self._load_selected()
        return None

    @rx.event
    async def change_status(self, value: str):
        if await self._staff_id() is None:
            return self._deny()
        if self.selected_id and await call(desk.set_status, self.selected_id, value):
            self.notice = texts.DESK_STATUS_CHANGED
            await self._reload()
        return None

    @rx.event
    async def send_reply(self, form_data: dict):
        staff_id = await self._staff_id()
        if staff_id is None:
            yield self._deny()
            return
        if not self.selected_id:
            return
        result = await call(desk.reply, request_id=self.selected_id, staff_account_id=staff_id,
                            body=str(form_data.get("reply", "")))
        if result is None:
            return
        self.reply_error = " ".join(texts.message(code) for code in result.errors.get("reply", []))
        if not result.errors:
            self.notice = texts.DESK_REPLY_SENT
            await self._reload()
            yield rx.set_value("reply", "")
