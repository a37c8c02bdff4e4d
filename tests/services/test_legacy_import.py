"""The legacy account importer: edge cases, idempotency, and the hash upgrade at first sign-in."""

from __future__ import annotations

import pytest
from sqlmodel import select

from portal.accounts import cpf as cpf_rules
from portal.accounts import login, passwords
from portal.core.config import DEFAULT_LEGACY_SCHEMES
from portal.legacy.importer import Rejected, import_lines
from portal.models import Account

HEADER = b"cpf,nome,email,hash,esquema\n"
OLD_PASSWORD = "velha senha 123"


def legacy_hash(scheme: str, secret: str = OLD_PASSWORD) -> str:
    return passwords.CONTEXT.handler(scheme).hash(secret)


def cpf(n: int) -> str:
    return cpf_rules.generate(f"{100000000 + n}")


def run(db, *lines: bytes, schemes=DEFAULT_LEGACY_SCHEMES):
    rejected: list[Rejected] = []
    summary = import_lines(db, [HEADER, *lines], schemes=schemes, reject=rejected.append)
    return summary, rejected


def line(number: int, name: str = "Maria Souza", scheme: str = "hex_md5", hashed: str | None = None,
         email: str | None = None) -> bytes:
    hashed = hashed or legacy_hash(scheme)
    return f"{cpf(number)},{name},{email or f'p{number}@example.com'},{hashed},{scheme}\n".encode()


@pytest.mark.parametrize("scheme", DEFAULT_LEGACY_SCHEMES)
def test_each_scheme_imports_and_upgrades_to_argon2_at_first_sign_in(db, scheme):
    summary, rejected = run(db, line(1, scheme=scheme))
    assert (summary.created, rejected) == (1, [])
    result = login.authenticate(db, cpf=cpf(1), password=OLD_PASSWORD)
    assert result.status is login.LoginStatus.OK
    account = db.exec(select(Account)).one()
    assert account.password_hash.startswith("$argon2id$")
    assert login.authenticate(db, cpf=cpf(1), password=OLD_PASSWORD).status is login.LoginStatus.OK


def test_imported_accounts_count_as_confirmed(db):
    run(db, line(1))
    account = db.exec(select(Account)).one()
    assert account.confirmed_at is not None and account.source == "legacy"


def test_running_twice_changes_nothing(db):
    lines = [line(1), line(2, scheme="bcrypt"), line(3, scheme="ldap_salted_sha1")]
    first, _ = run(db, *lines)
    second, _ = run(db, *lines)
    assert (first.created, first.unchanged) == (3, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)


def test_changed_row_updates_a_legacy_account_not_yet_used(db):
    run(db, line(1, name="Maria Souza"))
    summary, _ = run(db, line(1, name="Maria Souza Lima"))
    assert summary.updated == 1
    assert db.exec(select(Account)).one().full_name == "Maria Souza Lima"


def test_account_that_already_signed_in_keeps_its_new_hash(db):
    run(db, line(1))
    login.authenticate(db, cpf=cpf(1), password=OLD_PASSWORD)
    summary, _ = run(db, line(1, hashed=legacy_hash("hex_md5", "outra")))
    assert summary.unchanged == 1
    assert db.exec(select(Account)).one().password_hash.startswith("$argon2id$")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (f"11111111111,Ana Lima,a@example.com,{legacy_hash('hex_md5')},hex_md5\n".encode(), "CPF inválido"),
        (f"12345678900,Ana Lima,a@example.com,{legacy_hash('hex_md5')},hex_md5\n".encode(), "CPF inválido"),
        (f"{cpf(5)},Ana Lima,a@example.com,{legacy_hash('hex_md5')},rot13\n".encode(), "esquema"),
        (f"{cpf(5)},Ana Lima,a@example.com,naoehash,hex_md5\n".encode(), "não corresponde"),
        (f"{cpf(5)},\"Ana Lima,a@example.com,{legacy_hash('hex_md5')},hex_md5\n".encode(), "malformada"),
        (f"{cpf(5)},Ana Lima,a@example.com\n".encode(), "malformada"),
        (f"{cpf(5)},Ana Lima,sem-arroba,{legacy_hash('hex_md5')},hex_md5\n".encode(), "e-mail"),
        (f"{cpf(5)},,a@example.com,{legacy_hash('hex_md5')},hex_md5\n".encode(), "nome"),
        # The sign-up form's rule for an account's name, whoever made the account.
        (f"{cpf(5)},Ana,a@example.com,{legacy_hash('hex_md5')},hex_md5\n".encode(), "nome sem sobrenome"),
        (f"{cpf(5)},Ana Lima 2,a@example.com,{legacy_hash('hex_md5')},hex_md5\n".encode(),
         "nome com caracteres"),
    ],
)
def test_bad_rows_are_rejected_with_a_reason_and_the_rest_goes_on(db, raw, reason):
    summary, rejected = run(db, raw, line(9))
    assert summary.created == 1
    assert [r.line for r in rejected] == [2]
    assert reason in rejected[0].reason


def test_duplicate_cpf_in_the_file_keeps_the_first(db):
    summary, rejected = run(db, line(1, name="Primeira Pessoa"), line(1, name="Segunda Pessoa"))
    assert summary.created == 1
    assert "CPF repetido" in rejected[0].reason and rejected[0].line == 3
    assert db.exec(select(Account)).one().full_name == "Primeira Pessoa"


def test_scheme_not_configured_is_rejected(db):
    _, rejected = run(db, line(1, scheme="des_crypt"), schemes=("hex_md5",))
    assert "não permitido" in rejected[0].reason


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_names_in_utf8_and_latin1(db, encoding):
    raw = f"{cpf(1)},João Conceição,j@example.com,{legacy_hash('hex_md5')},hex_md5\n".encode(encoding)
    run(db, raw)
    assert db.exec(select(Account)).one().full_name == "João Conceição"


def test_account_signed_up_here_is_not_touched(db, confirmed_account):
    account = db.get(Account, confirmed_account)
    before = (account.full_name, account.password_hash)
    summary, _ = run(db, f"{account.cpf},Outro Nome,o@example.com,{legacy_hash('hex_md5')},hex_md5\n".encode())
    assert summary.unchanged == 1
    db.refresh(account)
    assert (account.source, account.full_name, account.password_hash) == ("portal", *before)


def test_missing_header_is_an_error(db):
    with pytest.raises(ValueError, match="cabeçalho"):
        import_lines(db, [b"a,b,c\n"], schemes=DEFAULT_LEGACY_SCHEMES, reject=lambda r: None)
