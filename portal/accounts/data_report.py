""""Meus dados" for people: the export (``privacy.export_data``) as labelled sections with
dates in Brasília time and Portuguese labels, for a page that reads and prints well."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from portal import texts
from portal.accounts import devices
from portal.help.content import TOPICS
from portal.local_time import moment


@dataclasses.dataclass
class Row:
    label: str
    value: str


@dataclasses.dataclass
class Entry:
    """One thing we keep (the account, one access, one request): its rows."""

    rows: list[Row]


@dataclasses.dataclass
class Section:
    title: str
    records: list[Entry]
    empty: str = ""  # what to say when there are no records


def moment_of(iso: str | None) -> str:
    """An exported ISO moment as the citizen reads it ('27/11/2026 às 14:05')."""
    return moment(datetime.fromisoformat(iso)) if iso else texts.REPORT_NEVER


_when = moment_of


def _entry(*pairs: tuple[str, str | None]) -> Entry:
    return Entry(rows=[Row(label, value) for label, value in pairs if value])


def report(data: dict[str, Any]) -> list[Section]:
    account = data["conta"]
    topics = dict(TOPICS)
    labels = texts.REPORT_LABELS
    return [
        Section(texts.REPORT_ACCOUNT, [_entry(
            (labels["nome"], account["nome"]), (labels["cpf"], account["cpf"]), (labels["email"], account["email"]),
            (labels["criada_em"], _when(account["criada_em"])),
            (labels["email_confirmado_em"], _when(account["email_confirmado_em"])),
            (labels["origem"], texts.REPORT_SOURCES.get(account["origem"], account["origem"])),
        )]),
        Section(texts.REPORT_CONSENTS, [_entry(
            (labels["documento"], c["documento"]), (labels["versao"], c["versao"]),
            (labels["aceito_em"], _when(c["aceito_em"])),
        ) for c in data["consentimentos"] if c["aceito_em"]], texts.REPORT_NONE),
        Section(texts.REPORT_SESSIONS, [_entry(
            (labels["navegador"], devices.describe(s["navegador"] or "")),
            (labels["inicio"], _when(s["inicio"])), (labels["ultimo_acesso"], _when(s["ultimo_acesso"])),
            (labels["endereco"], s["endereco"]),
            (labels["encerrada_em"], _when(s["encerrada_em"]) if s["encerrada_em"] else texts.REPORT_STILL_OPEN),
        ) for s in reversed(data["sessoes"])], texts.REPORT_NONE),
        Section(texts.REPORT_ACTIVITY, [_entry(
            (labels["quando"], _when(e["quando"])),
            (labels["evento"], texts.ACTIVITY_LABELS.get(e["evento"], e["evento"])),
            (labels["navegador"], devices.describe(e["navegador"] or "")), (labels["endereco"], e["endereco"]),
        ) for e in reversed(data["atividade"])], texts.REPORT_NONE),
        Section(texts.REPORT_REQUESTS, [_entry(
            (labels["protocolo"], r["protocolo"]), (labels["criada_em"], _when(r["criada_em"])),
            (labels["assunto"], topics.get(r["assunto"], r["assunto"])),
            (labels["situacao"], texts.STATUS_LABELS.get(r["situacao"], r["situacao"])),
            (labels["nome"], r["nome"]), (labels["email"], r["email"]), (labels["telefone"], r["telefone"]),
            (labels["descricao"], r["descricao"]),
        ) for r in data["solicitacoes_de_auxilio"]], texts.REPORT_NONE),
    ]
