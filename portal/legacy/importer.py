"""Import legacy accounts from CSV: streamed, idempotent, every rejected row kept with its reason.

Input columns (header line required): cpf, nome, email, hash, esquema. Each physical line
is one record, decoded as UTF-8 or, failing that, Latin-1 (old exports mix both), so one
broken line is rejected alone. Imported accounts count as confirmed; at the citizen's
first sign-in the old hash is verified and replaced by argon2id (see accounts.login).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from sqlmodel import Session, col, select

from portal.accounts import fields as field_rules
from portal.accounts import passwords
from portal.core.clock import utcnow
from portal.models import Account

COLUMNS = ("cpf", "nome", "email", "hash", "esquema")
LEGACY_TERMS = "portal-do-cidadao"
BATCH = 1000
MAX_HASH = 255  # the password_hash column
# An account's name follows the sign-up form's rule (fields.clean_name), whoever made the account.
NAME_REJECTED = {
    "name_required": "nome vazio ou longo demais",
    "name_too_long": "nome vazio ou longo demais",
    "name_invalid": "nome com caracteres além de letras, espaço, apóstrofo, ponto e hífen",
    "name_incomplete": "nome sem sobrenome",
}


@dataclasses.dataclass
class Summary:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclasses.dataclass(frozen=True)
class Row:
    line: int
    cpf: str
    name: str
    email: str
    password_hash: str
    scheme: str


@dataclasses.dataclass(frozen=True)
class Rejected:
    line: int
    raw: str
    reason: str


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def parse_line(number: int, text: str, header: dict[str, int], schemes: tuple[str, ...]) -> Row | Rejected:
    """One CSV line to a Row, or the reason it cannot be imported."""
    raw = text.rstrip("\r\n")
    try:
        fields = next(csv.reader([raw], strict=True))
    except (csv.Error, StopIteration):
        return Rejected(number, raw, "linha malformada")
    if len(fields) != len(header):
        return Rejected(number, raw, f"linha malformada: {len(fields)} colunas, esperadas {len(header)}")
    value = {name: fields[index].strip() for name, index in header.items()}
    try:
        digits = field_rules.clean_cpf(value["cpf"])
    except field_rules.Invalid:
        return Rejected(number, raw, "CPF inválido")
    try:
        name = field_rules.clean_name(value["nome"])
    except field_rules.Invalid as problem:
        return Rejected(number, raw, NAME_REJECTED[problem.codes[0]])
    try:
        address = field_rules.clean_email(value["email"])
    except field_rules.Invalid:
        return Rejected(number, raw, "e-mail inválido")
    scheme = value["esquema"].lower()
    if scheme not in schemes:
        return Rejected(number, raw, f"esquema de senha desconhecido ou não permitido: {value['esquema']}")
    if len(value["hash"]) > MAX_HASH or not passwords.CONTEXT.handler(scheme).identify(value["hash"]):
        return Rejected(number, raw, f"hash não corresponde ao esquema {scheme}")
    return Row(number, digits, name, address, value["hash"], scheme)


def read_header(text: str) -> dict[str, int] | None:
    names = [n.strip().lower() for n in next(csv.reader([text.strip("\r\n")]), [])]
    if not set(COLUMNS) <= set(names):
        return None
    return {name: names.index(name) for name in COLUMNS}


def _apply(session: Session, rows: list[Row], summary: Summary, now: datetime) -> None:
    existing = {
        a.cpf: a for a in session.exec(select(Account).where(col(Account.cpf).in_([r.cpf for r in rows]))).all()
    }
    for row in rows:
        account = existing.get(row.cpf)
        if account is None:
            session.add(Account(cpf=row.cpf, full_name=row.name, email=row.email, password_hash=row.password_hash,
                                created_at=now, confirmed_at=now, terms_version=LEGACY_TERMS, terms_accepted_at=now,
                                source="legacy"))
            summary.created += 1
        elif account.source != "legacy" or passwords.CONTEXT.identify(account.password_hash) == "argon2":
            # Signed up here, or already signed in once (hash upgraded): the portal's data wins.
            summary.unchanged += 1
        elif (account.full_name, account.email, account.password_hash) == (row.name, row.email, row.password_hash):
            summary.unchanged += 1
        else:
            account.full_name, account.email, account.password_hash = row.name, row.email, row.password_hash
            session.add(account)
            summary.updated += 1
    session.commit()


def import_lines(
    session: Session,
    lines: Iterable[bytes],
    *,
    schemes: tuple[str, ...],
    reject: Callable[[Rejected], None],
    progress: Callable[[int], None] = lambda _n: None,
    now: datetime | None = None,
) -> Summary:
    """Import raw CSV lines (the first is the header). Re-running the same input changes nothing."""
    now = now or utcnow()
    summary = Summary()
    iterator: Iterator[bytes] = iter(lines)
    first = next(iterator, None)
    header = read_header(decode(first)) if first is not None else None
    if header is None:
        raise ValueError(f"cabeçalho inválido: as colunas devem ser {', '.join(COLUMNS)}")
    progress(len(first or b""))
    seen: dict[str, int] = {}
    batch: list[Row] = []
    for number, raw in enumerate(iterator, start=2):
        progress(len(raw))
        text = decode(raw)
        if not text.strip():
            continue
        summary.read += 1
        parsed = parse_line(number, text, header, schemes)
        if isinstance(parsed, Row) and parsed.cpf in seen:
            parsed = Rejected(number, text.rstrip("\r\n"), f"CPF repetido no arquivo (primeiro na linha {seen[parsed.cpf]})")
        if isinstance(parsed, Rejected):
            summary.rejected += 1
            reject(parsed)
            continue
        seen[parsed.cpf] = number
        batch.append(parsed)
        if len(batch) >= BATCH:
            _apply(session, batch, summary, now)
            batch = []
    if batch:
        _apply(session, batch, summary, now)
    return summary


def rejects_writer(stream: io.TextIOBase) -> Callable[[Rejected], None]:
    writer = csv.writer(stream)
    writer.writerow(["linha", "motivo", "conteudo"])

    def write(rejected: Rejected) -> None:
        writer.writerow([rejected.line, rejected.reason, rejected.raw])

    return write
