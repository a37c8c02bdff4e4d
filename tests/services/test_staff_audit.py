"""The staff audit log: every opened request, reply and status change leaves an entry the
database refuses to rewrite, and administrators read it with `python -m portal.support auditoria`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select

from portal.accounts import privacy
from portal.core.clock import utcnow
from portal.models import StaffAuditEntry, SupportRequest
from portal.support import desk
from portal.support.__main__ import main
from tests.services.test_desk import make_staff, new_request, staff  # noqa: F401 - fixtures

STAFF_CPF = "52998224725"


def entries(db) -> list[StaffAuditEntry]:
    db.expire_all()
    return list(db.exec(select(StaffAuditEntry).order_by(col(StaffAuditEntry.id))).all())


def summary(db) -> list[tuple]:
    return [(e.staff_account_id, e.staff_cpf, e.action, e.request_id, e.protocol, e.detail)
            for e in entries(db)]


def protocol_of(db, request_id: int) -> str:
    return db.get(SupportRequest, request_id).protocol


# --- what is recorded -------------------------------------------------------------------------

def test_opening_a_request_is_recorded(db, new_request, staff):
    request_id = new_request()
    before = utcnow()
    assert desk.details(db, request_id, staff_account_id=staff) is not None
    assert summary(db) == [(staff, STAFF_CPF, "opened", request_id, protocol_of(db, request_id), "")]
    assert before <= entries(db)[0].created_at <= utcnow()


def test_a_reply_is_recorded_with_the_reply_it_stored(db, new_request, staff, t0):
    request_id = new_request()
    desk.reply(db, request_id=request_id, staff_account_id=staff, body="Reenviamos o e-mail.",
               now=t0 + timedelta(hours=1))
    [stored] = desk.details(db, request_id, staff_account_id=staff)[1]
    first = entries(db)[0]
    assert (first.action, first.request_id) == ("replied", request_id)
    assert first.created_at == t0 + timedelta(hours=1)
    assert first.detail == f"resposta nº {stored.id}"


def test_a_status_change_is_recorded_with_both_statuses(db, new_request, staff, t0):
    request_id = new_request()
    moment = t0 + timedelta(hours=2)
    assert desk.set_status(db, request_id, "em_andamento", staff_account_id=staff, now=moment)
    assert summary(db) == [(staff, STAFF_CPF, "status_changed", request_id, protocol_of(db, request_id),
                            "aberto → em_andamento")]
    assert entries(db)[0].created_at == moment


def test_the_entry_is_written_in_the_same_transaction_as_the_change(db, new_request, staff, monkeypatch):
    """If the change fails to commit, no entry is left behind (and vice versa)."""
    request_id = new_request()

    def fail():
        raise RuntimeError("the database went away")

    monkeypatch.setattr(db, "commit", fail)
    with pytest.raises(RuntimeError):
        desk.set_status(db, request_id, "em_andamento", staff_account_id=staff)
    db.rollback()
    monkeypatch.undo()
    assert entries(db) == []
    assert db.get(SupportRequest, request_id).status == "aberto"


@pytest.mark.parametrize("action", [
    lambda db, staff: desk.details(db, 999_999, staff_account_id=staff),
    lambda db, staff: desk.reply(db, request_id=999_999, staff_account_id=staff, body="Olá"),
    lambda db, staff: desk.set_status(db, 999_999, "respondido", staff_account_id=staff),
], ids=["details", "reply", "set_status"])
def test_nothing_is_recorded_for_an_unknown_request(db, staff, action):
    action(db, staff)
    assert entries(db) == []


def test_nothing_is_recorded_for_a_refused_reply_or_status(db, new_request, staff):
    request_id = new_request()
    desk.reply(db, request_id=request_id, staff_account_id=staff, body="   ")
    desk.set_status(db, request_id, "fechado", staff_account_id=staff)
    assert entries(db) == []


def test_entries_outlive_the_staff_account(db, new_request, staff, password):
    request_id = new_request()
    desk.set_status(db, request_id, "em_andamento", staff_account_id=staff)
    assert privacy.delete_account(db, staff, password).errors == {}
    assert [(e.staff_cpf, e.action) for e in entries(db)] == [(STAFF_CPF, "status_changed")]


# --- the database refuses to rewrite it ---------------------------------------------------------

@pytest.fixture
def one_entry(db, new_request, staff) -> int:
    desk.set_status(db, new_request(), "em_andamento", staff_account_id=staff)
    return entries(db)[0].id


@pytest.mark.parametrize("statement", [
    "UPDATE staff_audit_entry SET detail = 'nada aconteceu' WHERE id = :id",
    "UPDATE staff_audit_entry SET staff_cpf = '00000000000'",
    "DELETE FROM staff_audit_entry WHERE id = :id",
    "DELETE FROM staff_audit_entry",
])
def test_the_database_refuses_to_change_or_delete_an_entry(db, one_entry, statement):
    with pytest.raises(DBAPIError, match="append-only"):
        db.connection().execute(text(statement), {"id": one_entry})
    db.rollback()
    [entry] = entries(db)
    assert (entry.id, entry.detail, entry.staff_cpf) == (one_entry, "aberto → em_andamento", STAFF_CPF)


def test_postgresql_refuses_to_truncate_it(db, one_entry):
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE is refused above")
    with pytest.raises(DBAPIError, match="append-only"):
        db.connection().execute(text("TRUNCATE staff_audit_entry"))
    db.rollback()
    assert [e.id for e in entries(db)] == [one_entry]


def test_the_orm_cannot_change_an_entry_either(db, one_entry):
    entry = db.get(StaffAuditEntry, one_entry)
    entry.detail = "outra coisa"
    db.add(entry)
    with pytest.raises(DBAPIError, match="append-only"):
        db.commit()
    db.rollback()
    assert entries(db)[0].detail == "aberto → em_andamento"


# --- python -m portal.support auditoria ---------------------------------------------------------

@pytest.fixture
def history(db, new_request, staff, make_form, latest_token, t0):
    """Two staff members' actions on two days; returns (request ids, other staff id)."""
    from portal.accounts import confirmation, signup

    other = signup.register(db, make_form(full_name="João Pereira", cpf="111.444.777-35",
                                          email="joao@example.com"), now=t0).account_id
    confirmation.confirm(db, latest_token("joao@example.com"), now=t0)
    make_staff(db, other)
    first, second = new_request(0), new_request(1)
    desk.set_status(db, first, "em_andamento", staff_account_id=staff, now=t0 + timedelta(hours=1))
    desk.reply(db, request_id=second, staff_account_id=other, body="Resolvido.", now=t0 + timedelta(days=2))
    return (first, second), other


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["auditoria", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_auditoria_prints_one_line_per_entry_in_portuguese(db, history, capsys):
    (first, second), _ = history
    code, lines, _ = run(capsys)
    assert code == 0
    assert lines == [
        f"25/11/2026 às 10:00  529.982.247-25 (Maria Aparecida Silva)  mudou a situação  "
        f"protocolo {protocol_of(db, first)}  aberto → em_andamento",
        f"27/11/2026 às 09:00  111.444.777-35 (João Pereira)  respondeu  "
        f"protocolo {protocol_of(db, second)}  {entries(db)[1].detail}",
    ]


def test_auditoria_filters_by_staff_cpf(db, history, capsys):
    code, lines, _ = run(capsys, "--cpf", "111.444.777-35")
    assert code == 0 and len(lines) == 1 and "João Pereira" in lines[0]


def test_auditoria_filters_by_date_in_brasilia_time(db, history, capsys):
    code, lines, _ = run(capsys, "--desde", "2026-11-26")
    assert code == 0 and len(lines) == 1 and lines[0].startswith("27/11/2026")


@pytest.mark.parametrize("typed", ["{p}", "{spaced}"])
def test_auditoria_filters_by_protocol_as_typed(db, history, capsys, typed):
    (first, _), _ = history
    protocol = protocol_of(db, first)
    code, lines, _ = run(capsys, "--protocolo", typed.format(p=protocol, spaced=protocol.replace("-", " ")))
    assert code == 0 and len(lines) == 1 and "mudou a situação" in lines[0]


def test_auditoria_says_when_there_is_nothing(db, capsys):
    assert run(capsys) == (0, ["Nenhum registro encontrado."], "")


@pytest.mark.parametrize("args", [["--desde", "26/11/2026"], ["--cpf", "123"], ["--protocolo", "2026-1234567"]])
def test_auditoria_refuses_malformed_options(db, capsys, args):
    code, lines, err = run(capsys, *args)
    assert code == 2 and lines == [] and err.startswith("Erro:")


def test_auditoria_names_a_deleted_staff_member_by_cpf(db, new_request, staff, password, capsys):
    desk.set_status(db, new_request(), "em_andamento", staff_account_id=staff)
    privacy.delete_account(db, staff, password)
    _, [line], _ = run(capsys)
    assert "529.982.247-25 (conta excluída)" in line
