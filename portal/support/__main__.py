"""Command line for the city's IT team: staff accounts for /atendimento and their audit log.

    python -m portal.support criar-atendente --cpf 529.982.247-25 --nome "Ana Lima" --email ana@campinas.sp.gov.br
    python -m portal.support remover-atendente --cpf 529.982.247-25
    python -m portal.support auditoria [--desde 2026-11-01] [--cpf 529.982.247-25]
                                       [--protocolo 2026-483-129-577]

The password is asked on the terminal (or read from standard input with --senha-stdin).
An existing account with that CPF is made staff and keeps its password.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable

from sqlmodel import col, select

from portal import filled_texts
from portal.accounts import cpf as cpf_rules
from portal.accounts import fields, password_policy, passwords
from portal.core.clock import utcnow
from portal.core.db import session_scope
from portal.local_time import LOCAL_TZ
from portal.local_time import moment as local_time
from portal.models import Account, StaffAuditEntry
from portal.support import audit

STAFF_TERMS = "atendimento"


def _clean(clean: Callable[[str], str], raw: str) -> str | None:
    """The argument as the portal's forms clean it, or None (the command says which is wrong)."""
    try:
        return clean(raw)
    except fields.Invalid:
        return None


def _create(args: argparse.Namespace) -> int:
    cpf = _clean(fields.clean_cpf, args.cpf)
    if not cpf:
        print("Erro: CPF inválido.", file=sys.stderr)
        return 2
    with session_scope() as db:
        account = db.exec(select(Account).where(Account.cpf == cpf)).first()
        if account is not None:
            account.is_staff = True
            if account.confirmed_at is None:
                account.confirmed_at = utcnow()
            db.add(account)
            db.commit()
            print(f"Conta {cpf_rules.format_cpf(cpf)} agora é de atendente.")
            return 0
        # The sign-up form's rules: a staff member's account is a citizen account too.
        cleaned = fields.Cleaned()
        name = cleaned.check("full_name", fields.clean_name, args.nome or "")
        email = cleaned.check("email", fields.clean_email, args.email or "")
        if not cleaned.ok:
            wrong = " ".join(filled_texts.message(code) for codes in cleaned.errors.values() for code in codes)
            print(f"Erro: para uma conta nova, informe --nome e um --email válido. {wrong}", file=sys.stderr)
            return 2
        secret = sys.stdin.readline().rstrip("\n") if args.senha_stdin else getpass.getpass("Senha do atendente: ")
        problems = password_policy.problems(secret, cpf=cpf, full_name=name)
        if problems:
            print("Erro: " + " ".join(filled_texts.message(code) for code in problems), file=sys.stderr)
            return 2
        now = utcnow()
        db.add(Account(cpf=cpf, full_name=name, email=email, password_hash=passwords.hash_password(secret),
                       created_at=now, confirmed_at=now, terms_version=STAFF_TERMS, terms_accepted_at=now,
                       is_staff=True))
        db.commit()
    print(f"Atendente {name} criado. Entre com o CPF em / e abra /atendimento.")
    return 0


def _remove(args: argparse.Namespace) -> int:
    cpf = _clean(fields.clean_cpf, args.cpf)
    with session_scope() as db:
        account = db.exec(select(Account).where(Account.cpf == cpf)).first() if cpf else None
        if account is None:
            print("Erro: CPF sem conta.", file=sys.stderr)
            return 2
        account.is_staff = False
        db.add(account)
        db.commit()
    print("Papel de atendente removido.")
    return 0


ACTION_LABELS = {
    audit.Action.OPENED: "abriu a solicitação",
    audit.Action.REPLIED: "respondeu",
    audit.Action.STATUS_CHANGED: "mudou a situação",
    audit.Action.TWO_STEP_OFF: "desativou a verificação em duas etapas",
}


def _staff_names(db, rows: list[StaffAuditEntry]) -> dict[str, str]:
    cpfs = {row.staff_cpf for row in rows}
    accounts = db.exec(select(Account).where(col(Account.cpf).in_(cpfs))).all() if cpfs else []
    return {account.cpf: account.full_name for account in accounts}


def _audit_line(row: StaffAuditEntry, names: dict[str, str]) -> str:
    who = f"{cpf_rules.format_cpf(row.staff_cpf)} ({names.get(row.staff_cpf, 'conta excluída')})"
    what = ACTION_LABELS.get(row.action, row.action)
    line = f"{local_time(row.created_at)}  {who}  {what}  protocolo {row.protocol}"
    return f"{line}  {row.detail}" if row.detail else line


def _midnight(day: str) -> dt.datetime | None:
    """The start of that day (AAAA-MM-DD) in Brasília; ValueError for anything else."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), LOCAL_TZ) if day else None


def _audit(args: argparse.Namespace) -> int:
    try:
        since = _midnight(args.desde or "")
    except ValueError:
        print("Erro: use --desde AAAA-MM-DD (por exemplo, 2026-11-01).", file=sys.stderr)
        return 2
    cpf = _clean(fields.clean_cpf, args.cpf) if args.cpf else ""
    if args.cpf and not cpf:
        print("Erro: CPF inválido.", file=sys.stderr)
        return 2
    # As the citizen's page reads it: "2026 483 129 577" finds 2026-483-129-577.
    protocol = _clean(fields.clean_protocol, args.protocolo) if args.protocolo else ""
    if args.protocolo and not protocol:
        print("Erro: número de protocolo inválido.", file=sys.stderr)
        return 2
    with session_scope() as db:
        rows = audit.entries(db, since=since, staff_cpf=cpf or "", protocol=protocol or "")
        names = _staff_names(db, rows)
    for row in rows:
        print(_audit_line(row, names))
    if not rows:
        print("Nenhum registro encontrado.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.support", description="Atendentes do Portal de Serviços.")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("criar-atendente", help="cria (ou promove) uma conta de atendente")
    create.add_argument("--cpf", required=True)
    create.add_argument("--nome")
    create.add_argument("--email")
    create.add_argument("--senha-stdin", action="store_true", help="lê a senha da entrada padrão")
    remove = commands.add_parser("remover-atendente", help="tira o papel de atendente")
    remove.add_argument("--cpf", required=True)
    log = commands.add_parser("auditoria", help="mostra o que os atendentes fizeram (mais antigo primeiro)")
    log.add_argument("--desde", help="só a partir deste dia (AAAA-MM-DD, horário de Brasília)")
    log.add_argument("--cpf", help="só as ações deste atendente")
    log.add_argument("--protocolo", help="só as ações sobre esta solicitação")
    args = parser.parse_args(argv)
    return {"criar-atendente": _create, "remover-atendente": _remove, "auditoria": _audit}[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
