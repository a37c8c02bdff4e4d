""""Meus dados" (/minha-conta/meus-dados): everything kept about the citizen, readable and printable."""

from __future__ import annotations

import json

import reflex as rx

from portal import texts
from portal.accounts import data_report, privacy
from portal.state.personal import CitizenState
from portal.state.service_calls import call

EXPORT_FILENAME = "meus-dados-portal.json"


class MyDataState(CitizenState):
    """Guarded like every CitizenState: only the signed-in citizen's own data."""

    sections: list[data_report.Section] = []
    generated: str = ""

    @rx.event
    async def load(self):
        viewer = await self._current_viewer()
        data = await call(privacy.export_data, viewer.account_id)
        self.sections = data_report.report(data)
        self.generated = texts.MY_DATA_GENERATED.format(when=data_report.moment_of(data["gerado_em"]))

    @rx.event
    async def download(self):
        viewer = await self._current_viewer()
        data = await call(privacy.export_data, viewer.account_id)
        return rx.download(data=json.dumps(data, ensure_ascii=False, indent=2), filename=EXPORT_FILENAME,
                           mime_type="application/json")

    @rx.event
    def print_page(self):
        return rx.call_script("window.print()")
