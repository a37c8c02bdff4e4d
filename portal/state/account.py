"""Minha conta: shown only to a signed-in citizen, checked on the server at every event."""

from __future__ import annotations

import dataclasses

import reflex as rx

from portal import filled_texts, texts
from portal.core import routes
from portal.accounts import (
    activity, devices, email_address, fields, password_policy, privacy, profile, sessions,
)
from portal.govbr import links as govbr
from portal.accounts import cpf as cpf_rules
from portal.local_time import moment as local_time
from portal.local_time import wait_phrase
from portal.core.ratelimit import limiter
from portal.mail import delivery
from portal.state.delivery_status import DeliveryQuery, DeliveryStatusMixin
from portal.state.email_suggestion import EmailSuggestionMixin
from portal.state.form_errors import NEW_PASSWORD_FIELDS, NewPasswordFieldsMixin
from portal.state.personal import CitizenState
from portal.state.service_calls import bounded, call, in_hashing_pool, client_of
from portal.state.resend import wait_message


# The error summaries of the e-mail and password forms (one page, so one id each).
EMAIL_SUMMARY_ID = "resumo-erros-email"
PASSWORD_SUMMARY_ID = "resumo-erros-senha"


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
                     place=row.client_ip or "")
        for row in rows
    ]



def _views(rows, current_id: int) -> list[SessionView]:
    return [
        SessionView(id=row.id, device=devices.describe(row.user_agent), started=local_time(row.created_at),
                    last_seen=local_time(row.last_seen_at), address=row.client_ip, current=row.id == current_id)
        for row in rows
    ]


def _typed(form_data: dict, names: tuple[str, ...]) -> dict[str, str]:
    """What these fields held at the submit (for checking them again as they change); never
    the current password, which only the server can judge."""
    limit = {"change_email": email_address.MAX_INPUT}
    return {name: bounded(form_data, name, limit.get(name, password_policy.MAX_LENGTH)) for name in names}


class AccountState(DeliveryStatusMixin, NewPasswordFieldsMixin, EmailSuggestionMixin, CitizenState):
    """Every handler here runs only for a signed-in citizen (the guard in PersonalState)."""

    signed_in: bool = False
    full_name: str = ""
    cpf_hidden: str = ""
    email: str = ""
    sessions: list[SessionView] = []
    activity: list[ActivityView] = []
    email_message: str = ""
    password_message: str = ""
    sessions_message: str = ""
    busy: bool = False
    govbr_level: str = ""  # "" when not linked to gov.br
    has_password: bool = True
    govbr_message: str = ""
    notice: str = ""  # at the top of the page, e.g. "Senha alterada" after /nova-senha
    confirming_delete: bool = False  # "Excluir minha conta": the step that says what will be lost
    # Whose account it is, for checking a new password again (the policy refuses the CPF and name).
    _cpf: str = ""
    _full_name: str = ""
    # Set when this tab asked for an e-mail change: the link's delivery status is shown.
    _email_change_account: int | None = None

    def _delivery_query(self) -> DeliveryQuery | None:
        if self._email_change_account is None:
            return None
        return (delivery.EMAIL_CHANGE,), {"account_id": self._email_change_account}

    def _problems(self, typed: dict) -> dict[str, list[str]]:
        """The checks a field in error gets again when it changes (the e-mail and password forms)."""
        cleaned = fields.Cleaned()
        if "change_email" in typed:
            cleaned.check("change_email", fields.clean_email, typed["change_email"])
        if "new_password" in typed:
            cleaned.errors.update(profile.new_password_errors(
                typed.get("new_password", ""), typed.get("new_password_confirm", ""),
                cpf=self._cpf, full_name=self._full_name))
        return cleaned.errors

    @rx.event
    def change_email_left(self, value: str):
        self._suggest(value)
        self._recheck("change_email", value[: email_address.MAX_INPUT + 1])

    @rx.event
    def use_suggested_email(self):
        if self.email_suggestion:
            self._recheck("change_email", self.email_suggestion)
        return self._take_suggestion("change_email")

    async def _refresh(self) -> None:
        viewer = await self._current_viewer()
        self.signed_in = True
        self.full_name = self._full_name = viewer.full_name
        self._cpf = viewer.cpf
        self.cpf_hidden = cpf_rules.hide(viewer.cpf)
        self.email = viewer.email
        standing = await call(govbr.standing, viewer.account_id)
        self.govbr_level, self.has_password = standing.level, standing.has_password
        rows = await call(sessions.active_sessions, viewer.account_id)
        self.sessions = _views(rows, viewer.session_id)
        self.activity = _activity_views(await call(activity.recent, viewer.account_id))

    @rx.event
    async def load_account(self):
        self.errors, self._submitted, self._typed = {}, {}, {}
        self.email_message = self.password_message = self.sessions_message = self.govbr_message = ""
        self.confirming_delete = False
        self._email_change_account = None
        self._clear_delivery()
        arrived_from = self.router.url.query_parameters.get("aviso", "")
        self.notice = texts.NEW_PASSWORD_DONE if arrived_from == "senha-alterada" else ""
        await self._refresh()

    @rx.event
    async def unlink_govbr(self):
        viewer = await self._current_viewer()
        if await call(govbr.unlink, viewer.account_id, client=client_of(self.router)):
            self.govbr_message = texts.GOVBR_UNLINKED
        await self._refresh()

    @rx.event
    async def set_first_password(self, form_data: dict):
        viewer = await self._current_viewer()
        result = await in_hashing_pool(
            profile.set_first_password, account_id=viewer.account_id, session_id=viewer.session_id,
            new=bounded(form_data, "new_password", password_policy.MAX_LENGTH),
            confirm=bounded(form_data, "new_password_confirm", password_policy.MAX_LENGTH),
            client=client_of(self.router))
        if result is None:  # set meanwhile in another tab
            await self._refresh()
            return None
        focus = self._show_errors(result.errors, _typed(form_data, NEW_PASSWORD_FIELDS), PASSWORD_SUMMARY_ID)
        if result.ok:
            self.password_message = texts.PASSWORD_SET_DONE
            await self._refresh()
        return focus

    @rx.event
    async def change_email(self, form_data: dict):
        viewer = await self._current_viewer()
        self.email_suggestion = ""
        result = await in_hashing_pool(
            profile.request_email_change, account_id=viewer.account_id,
            password=bounded(form_data, "email_password", password_policy.MAX_LENGTH),
            new_email=bounded(form_data, "change_email", email_address.MAX_INPUT),
            client=client_of(self.router), limiter=limiter())
        focus = self._show_errors(result.errors, _typed(form_data, ("change_email",)), EMAIL_SUMMARY_ID)
        if result.retry_in:
            self.email_message = texts.CURRENT_PASSWORD_LIMITED.format(wait=wait_phrase(result.retry_in))
        elif result.retry_at is not None:
            self.email_message = wait_message(result.retry_at)
        elif result.ok:
            self.email_message = texts.EMAIL_CHANGE_SENT.format(email=email_address.mask(result.email))
            self._email_change_account = viewer.account_id
            return [rx.set_value("change_email", ""), rx.set_value("email_password", ""), AccountState.watch_delivery]
        return focus

    @rx.event
    async def change_password(self, form_data: dict):
        viewer = await self._current_viewer()
        result = await in_hashing_pool(
            profile.change_password, account_id=viewer.account_id, session_id=viewer.session_id,
            current=bounded(form_data, "current_password", password_policy.MAX_LENGTH),
            new=bounded(form_data, "new_password", password_policy.MAX_LENGTH),
            confirm=bounded(form_data, "new_password_confirm", password_policy.MAX_LENGTH),
            client=client_of(self.router), limiter=limiter())
        focus = self._show_errors(result.errors, _typed(form_data, NEW_PASSWORD_FIELDS), PASSWORD_SUMMARY_ID)
        if result.retry_in:
            self.password_message = texts.CURRENT_PASSWORD_LIMITED.format(wait=wait_phrase(result.retry_in))
        elif result.ok:
            self.password_message = texts.PASSWORD_SAVED
            await self._refresh()
            return [rx.set_value(name, "") for name in ("current_password", *NEW_PASSWORD_FIELDS)]
        return focus

    @rx.event
    async def end_session(self, session_id: int):
        viewer = await self._current_viewer()
        if await call(sessions.revoke_session, viewer.account_id, int(session_id), client=client_of(self.router)):
            self.sessions_message = texts.SESSION_ENDED
        await self._refresh()

    @rx.event
    async def end_other_sessions(self):
        viewer = await self._current_viewer()
        count = await call(sessions.end_other_sessions, viewer.account_id, viewer.session_id,
                           client=client_of(self.router))
        self.sessions_message = texts.SESSIONS_ENDED.format(count=count)
        await self._refresh()

    @rx.event
    def start_delete(self):
        self.confirming_delete = True
        return rx.set_focus("excluir-confirmacao")

    @rx.event
    def cancel_delete(self):
        self.confirming_delete = False
        self.errors = {key: value for key, value in self.errors.items() if key != "delete_password"}

    @rx.event
    async def delete_account(self, form_data: dict):
        viewer = await self._current_viewer()
        result = await in_hashing_pool(
            privacy.delete_account, viewer.account_id,
            bounded(form_data, "delete_password", password_policy.MAX_LENGTH),
            client=client_of(self.router), limiter=limiter())
        self.errors = filled_texts.field_messages(result.errors)
        if result.retry_in:
            self.errors = {"delete_password": texts.CURRENT_PASSWORD_LIMITED.format(wait=wait_phrase(result.retry_in))}
        if result.errors or result.retry_in:
            return None
        await self.forget()
        return rx.call_script(f"window.location.assign('{routes.AUTH_SIGN_OUT}?motivo=conta-excluida')")
