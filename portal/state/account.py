"""Minha conta: shown only to a valid session, checked on the server at every event."""

from __future__ import annotations

import dataclasses
import json

import reflex as rx

from portal import routes, texts
from portal.accounts import activity, devices, email_address, privacy, profile, sessions
from portal.accounts import cpf as cpf_rules
from portal.mail.messages import local_time
from portal.state.services import call, client_of, session_token, signed_in
from portal.state.timefmt import wait_message


@dataclasses.dataclass
class SessionView:
    id: int
    device: str
    started: str
    last_seen: str
    address: str
    current: bool


@dataclasses.dataclass
class ActivityView:
    when: str
    what: str
    device: str
    place: str


def _activity_views(rows) -> list[ActivityView]:
    return [
        ActivityView(when=local_time(row.created_at), what=texts.ACTIVITY_LABELS.get(row.kind, row.kind),
                     device=devices.describe(row.user_agent),
                     place=texts.ACTIVITY_PLACE.format(ip=row.client_ip) if row.client_ip else "")
        for row in rows
    ]



def _views(rows, current_id: int) -> list[SessionView]:
    return [
        SessionView(id=row.id, device=devices.describe(row.user_agent), started=local_time(row.created_at),
                    last_seen=local_time(row.last_seen_at), address=row.client_ip, current=row.id == current_id)
        for row in rows
    ]


class AccountState(rx.State):
    signed_in: bool = False
    full_name: str = ""
    cpf_hidden: str = ""
    email: str = ""
    sessions: list[SessionView] = []
    activity: list[ActivityView] = []
    errors: dict[str, str] = {}
    email_message: str = ""
    password_message: str = ""
    sessions_message: str = ""
    busy: bool = False

    def _clear(self) -> None:
        self.signed_in = False
        self.full_name = self.cpf_hidden = self.email = ""
        self.sessions = []
        self.activity = []

    async def _require(self) -> sessions.SignedIn | None:
        """The signed-in account, checked on the server for this event; None → sent away."""
        current = await signed_in(self.router.headers.cookie)
        if current is None or current.must_change_password:
            self._clear()
        return current

    def _away(self, current: sessions.SignedIn | None):
        if current is not None and current.must_change_password:
            return rx.redirect(routes.NEW_PASSWORD)
        return rx.redirect(f"{routes.HOME}?sessao=expirada")

    async def _refresh(self, current: sessions.SignedIn) -> None:
        account = current.account
        self.signed_in = True
        self.full_name = account.full_name
        self.cpf_hidden = cpf_rules.hide(account.cpf)
        self.email = account.email
        assert account.id is not None
        rows = await call(sessions.active_sessions, account.id)
        self.sessions = _views(rows, current.session_id)
        self.activity = _activity_views(await call(activity.recent, account.id))

    @rx.event
    async def load_account(self):
        current = await self._require()
        if current is None or current.must_change_password:
            return self._away(current)
        self.errors = {}
        self.email_message = self.password_message = self.sessions_message = ""
        await self._refresh(current)
        return None

    @rx.event
    async def change_email(self, form_data: dict):
        current = await self._require()
        if current is None or current.must_change_password:
            return self._away(current)
        result = await call(profile.request_email_change, account_id=current.account.id,
                            password=str(form_data.get("email_password", "")),
                            new_email=str(form_data.get("change_email", "")), client=client_of(self.router))
        self.errors = texts.field_messages(result.errors)
        if result.retry_at is not None:
            self.email_message = wait_message(result.retry_at)
        elif result.ok:
            self.email_message = texts.EMAIL_CHANGE_SENT.format(email=email_address.mask(result.email))
        return None

    @rx.event
    async def change_password(self, form_data: dict):
        current = await self._require()
        if current is None or current.must_change_password:
            return self._away(current)
        result = await call(profile.change_password, account_id=current.account.id, session_id=current.session_id,
                            current=str(form_data.get("current_password", "")),
                            new=str(form_data.get("new_password", "")),
                            confirm=str(form_data.get("new_password_confirm", "")), client=client_of(self.router))
        self.errors = texts.field_messages(result.errors)
        if result.ok:
            self.password_message = texts.PASSWORD_SAVED
            await self._refresh(current)
        return None

    @rx.event
    async def end_session(self, session_id: int):
        current = await self._require()
        if current is None or current.must_change_password:
            return self._away(current)
        if await call(sessions.revoke_session, current.account.id, int(session_id), client=client_of(self.router)):
            self.sessions_message = texts.SESSION_ENDED
        await self._refresh(current)
        return None

    @rx.event
    async def end_other_sessions(self):
        current = await self._require()
        if current is None or current.must_change_password:
            return self._away(current)
        count = await call(sessions.end_other_sessions, current.account.id, current.session_id,
                           client=client_of(self.router))
        self.sessions_message = texts.SESSIONS_ENDED.format(count=count)
        await self._refresh(current)
        return None

    @rx.event
    async def download_data(self):
        current = await self._require()
        if current is None or current.must_change_password:
            return self._away(current)
        data = await call(privacy.export_data, current.account.id)
        return rx.download(data=json.dumps(data, ensure_ascii=False, indent=2), filename="meus-dados-portal.json",
                           mime_type="application/json")

    @rx.event
    async def delete_account(self, form_data: dict):
        current = await self._require()
        if current is None or current.must_change_password:
            return self._away(current)
        result = await call(privacy.delete_account, current.account.id, str(form_data.get("delete_password", "")))
        self.errors = texts.field_messages(result.errors)
        if result.errors:
            return None
        self._clear()
        return rx.call_script(f"window.location.assign('{routes.AUTH_SIGN_OUT}?motivo=conta-excluida')")

    @rx.event
    async def logout(self):
        await call(sessions.revoke, session_token(self.router.headers.cookie))
        self._clear()
        # A real navigation so the HTTP endpoint can delete the HttpOnly cookie.
        return rx.call_script(f"window.location.assign('{routes.AUTH_SIGN_OUT}')")
