"""`python -m portal.support criar-atendente`: a new staff account meets the sign-up form's rules."""

from __future__ import annotations

import io

import pytest
from sqlmodel import select

from portal import filled_texts
from portal.models import Account
from portal.support.__main__ import main

STAFF_CPF = "111.444.777-35"
PASSWORD = "jacaré azul come pão de queijo"


def create(monkeypatch, capsys, *, name: str, email: str = "ana@campinas.sp.gov.br") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(["criar-atendente", "--cpf", STAFF_CPF, "--nome", name, "--email", email, "--senha-stdin"])
    return code, capsys.readouterr().err


def accounts(db) -> list[Account]:
    db.expire_all()
    return list(db.exec(select(Account)).all())


def test_a_full_name_creates_the_staff_account(db, monkeypatch, capsys):
    code, _ = create(monkeypatch, capsys, name="  Ana   Lima ")
    assert code == 0
    [account] = accounts(db)
    assert (account.full_name, account.is_staff) == ("Ana Lima", True)


@pytest.mark.parametrize(("name", "code"), [("Ana", "name_incomplete"), ("Ana L1ma", "name_invalid"),
                                            ("", "name_required")])
def test_a_name_the_sign_up_form_refuses_creates_nothing(db, monkeypatch, capsys, name, code):
    exit_code, err = create(monkeypatch, capsys, name=name)
    assert exit_code == 2
    assert filled_texts.message(code) in err
    assert accounts(db) == []


def test_an_invalid_email_creates_nothing(db, monkeypatch, capsys):
    exit_code, err = create(monkeypatch, capsys, name="Ana Lima", email="ana@")
    assert exit_code == 2 and filled_texts.message("email_invalid") in err
    assert accounts(db) == []
