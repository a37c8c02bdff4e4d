"""Minha conta › Verificação em duas etapas: turn it on (QR code, first code, recovery codes
shown once), new recovery codes, turn it off."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.accounts import password_policy, two_step
from portal.govbr import links as govbr
from portal.core.ratelimit import limiter
from portal.state.personal import CitizenState
from portal.state.service_calls import bounded, call, client_of
from portal.local_time import wait_phrase

RECOVERY_FILE = "codigos-de-recuperacao-portal-de-servicos.txt"


class TwoStepState(CitizenState):
    enabled: bool = False
    # Changes here ask for the current password; an account made through gov.br without one
    # asks for a recent sign-in instead (accounts.reauth.confirm_identity), so no field.
    has_password: bool = True
    codes_left: int = 0
    enrolling: bool = False
    # Shown once, while turning it on: the citizen must copy it into the app.
    qr_code: str = ""
    secret_text: str = ""
    # Shown once, right after turning it on or making new ones.
    recovery_codes: list[str] = []
    error: str = ""
    message: str = ""

    async def _refresh(self) -> None:
        viewer = await self._current_viewer()
        self.enabled = await call(two_step.is_enabled, viewer.account_id)
        self.has_password = (await call(govbr.standing, viewer.account_id)).has_password
        self.codes_left = await call(two_step.recovery_codes_left, viewer.account_id) if self.enabled else 0

    @rx.event
    async def load(self):
        self.enrolling, self.qr_code, self.secret_text, self.recovery_codes = False, "", "", []
        self.error = ""
        # Sent here by /atendimento: staff must turn two-step on first.
        staff = self.router.url.query_parameters.get("atendimento") == "duas-etapas"
        self.message = texts.TWO_STEP_STAFF_REQUIRED if staff else ""
        await self._refresh()

    @rx.event
    async def start(self):
        viewer = await self._current_viewer()
        enrolment = await call(two_step.begin, viewer.account_id)
        if enrolment is None:
            await self._refresh()
            return
        self.enrolling, self.error, self.message = True, "", ""
        self.qr_code, self.secret_text = enrolment.qr_svg, " ".join(
            enrolment.secret[i:i + 4] for i in range(0, len(enrolment.secret), 4))

    @rx.event
    async def confirm(self, form_data: dict):
        viewer = await self._current_viewer()
        result = await call(two_step.confirm, viewer.account_id, bounded(form_data, "first_code", 20),
                            password=bounded(form_data, "enable_password", password_policy.MAX_LENGTH),
                            session_id=viewer.session_id, client=client_of(self.router), limiter=limiter())
        self._show(result)
        if result.status is two_step.Status.GONE:
            self.enrolling = False
        if result.status is two_step.Status.OK:
            self.enrolling, self.qr_code, self.secret_text, self.error = False, "", "", ""
            self.recovery_codes = list(result.recovery_codes)
        await self._refresh()

    @rx.event
    def codes_saved(self):
        self.recovery_codes = []

    @rx.event
    def download_codes(self):
        return rx.download(data="\n".join(self.recovery_codes) + "\n", filename=RECOVERY_FILE)

    @rx.event
    async def new_codes(self, form_data: dict):
        viewer = await self._current_viewer()
        result = await call(two_step.regenerate_codes, viewer.account_id,
                            password=bounded(form_data, "codes_password", password_policy.MAX_LENGTH),
                            session_id=viewer.session_id, client=client_of(self.router), limiter=limiter())
        self._show(result)
        if result.status is two_step.Status.OK:
            self.recovery_codes = list(result.recovery_codes)
            await self._refresh()

    @rx.event
    async def disable(self, form_data: dict):
        viewer = await self._current_viewer()
        result = await call(two_step.disable, viewer.account_id,
                            password=bounded(form_data, "disable_password", password_policy.MAX_LENGTH),
                            code=bounded(form_data, "disable_code", 20), session_id=viewer.session_id,
                            client=client_of(self.router), limiter=limiter())
        self._show(result)
        if result.status is two_step.Status.OK:
            self.message = texts.TWO_STEP_DISABLED_DONE
            await self._refresh()

    def _show(self, result: two_step.Result) -> None:
        self.error = {
            two_step.Status.WRONG_PASSWORD: texts.TWO_STEP_WRONG_PASSWORD,
            two_step.Status.WRONG_CODE: texts.TWO_STEP_CODE_WRONG,
            two_step.Status.LIMITED: texts.LOGIN_LIMITED.format(wait=wait_phrase(result.retry_in)),
            two_step.Status.SIGN_IN_AGAIN: texts.TWO_STEP_SIGN_IN_AGAIN_FIRST,
        }.get(result.status, "")
