"""Sign-up (signup.register) with one hostile field at a time, the others valid.

Each call returns normally with error codes that all have a message, or stores the
documented cleaning of the input: name NFC-normalised with whitespace collapsed
(``fields.clean_name``), CPF as its 11 digits, e-mail as ``email_address.normalize`` gives
it (and ``email_key`` its casefold), the password as an argon2id hash that verifies.
"""

from __future__ import annotations

from hypothesis import event, example, given
from sqlmodel import select

from portal.accounts import cpf as cpf_rules
from portal.accounts import email_address, fields, passwords, signup
from portal.models import Account, OutboxMessage
from tests.properties.conftest import HOSTILE, assert_codes_known, assert_fits_columns, fresh_cpf
from tests.properties.strategies import hostile_field, unicode_names

VALID = {
    "full_name": "Maria Aparecida Silva",
    "email": "maria@example.com",
    "password": "jacaré azul come pão de queijo",
}


def _register(db, make_form, t0, **fields) -> tuple[signup.SignupResult, signup.SignupForm]:
    db.rollback()  # a crash in an earlier example must not poison this one
    fields.setdefault("cpf", fresh_cpf())
    form = make_form(**fields)
    return signup.register(db, form, now=t0), form


def _check(db, result: signup.SignupResult, form: signup.SignupForm, *, check_password: bool = False) -> None:
    assert_codes_known(result.errors)
    event("stored" if result.ok else f"rejected: {sorted(c for codes in result.errors.values() for c in codes)}")
    if not result.ok:
        assert result.account_id is None
        assert db.exec(select(Account).where(Account.cpf == form.cpf)).first() is None
        return
    db.expire_all()
    account = db.get(Account, result.account_id)
    assert account is not None
    assert account.full_name == fields.clean_name(form.full_name)
    assert account.cpf == cpf_rules.normalize(form.cpf)
    assert account.email == email_address.normalize(form.email) == result.email
    assert account.email_key == account.email.casefold()
    assert account.confirmed_at is None
    assert_fits_columns(account)
    mail = db.exec(select(OutboxMessage).where(OutboxMessage.to_address == account.email)).all()[-1]
    assert_fits_columns(mail)
    assert "<script" not in mail.body_html.lower() and "<img" not in mail.body_html.lower()
    if check_password:
        assert account.password_hash.startswith("$argon2id$")
        assert passwords.verify_and_update(form.password, account.password_hash)[0]


@HOSTILE
@given(value=hostile_field(VALID["full_name"]) | unicode_names())
@example(value="Maria\u0000 Silva")
@example(value="Mari\u0301a   Silva\u00a0Souza")
@example(value="Maria \u202eSilva")
@example(value="<script>alert(1)</script> Silva")
def test_full_name(sqlite_db, make_form, t0, value):
    result, form = _register(sqlite_db, make_form, t0, full_name=value)
    _check(sqlite_db, result, form)


@HOSTILE
@given(value=hostile_field("529.982.247-25"))
@example(value="５２９.９８２.２４７-２５")
@example(value="529.982.247-25\u0000")
@example(value=" 529 982 247 25 ")
def test_cpf(sqlite_db, make_form, t0, value):
    result, form = _register(sqlite_db, make_form, t0, cpf=value)
    _check(sqlite_db, result, form)
    if result.ok:
        assert "".join(c for c in value if c.isdigit()) == sqlite_db.get(Account, result.account_id).cpf




@HOSTILE
@given(value=hostile_field(VALID["email"]))
@example(value="MARIA@EXAMPLE.COM ")
@example(value="maria@example.com\u0000")
@example(value="\ufeffmaria@example.com")
@example(value="maria@café.com.br")
def test_email(sqlite_db, make_form, t0, value):
    # make_form copies e-mail into email_confirm: the storage path is reachable.
    result, form = _register(sqlite_db, make_form, t0, email=value)
    _check(sqlite_db, result, form)


@HOSTILE
@given(value=hostile_field(VALID["email"]))
@example(value="MARIA@example.com")
def test_email_confirm(sqlite_db, make_form, t0, value):
    result, form = _register(sqlite_db, make_form, t0, email_confirm=value)
    _check(sqlite_db, result, form)
    confirm = email_address.normalize(value) or value.strip()
    assert ("email_confirm" in result.errors) == (confirm.casefold() != "maria@example.com")


@HOSTILE
@given(value=hostile_field(VALID["password"]))
@example(value="senha\u0000com nulo no meio")
@example(value="\ufdfa" * 128)  # 128 characters, 2 304 after NFKC
@example(value="x" * 129)
def test_password(sqlite_db, make_form, t0, value):
    # make_form copies password into password_confirm: the storage path is reachable.
    result, form = _register(sqlite_db, make_form, t0, password=value)
    _check(sqlite_db, result, form, check_password=True)


@HOSTILE
@given(value=hostile_field(VALID["password"]))
def test_password_confirm(sqlite_db, make_form, t0, value):
    result, form = _register(sqlite_db, make_form, t0, password_confirm=value)
    _check(sqlite_db, result, form)
    assert ("password_confirm" in result.errors) == (value != VALID["password"])


@HOSTILE
@given(value=hostile_field(VALID["email"]))
@example(value="\u0390" * 64 + "@" + ".".join(["a" * 60, "a" * 59]) + ".com")
def test_email_key_fits_its_column(sqlite_db, make_form, t0, value):
    result, form = _register(sqlite_db, make_form, t0, email=value)
    assert_codes_known(result.errors)
    if result.ok:
        assert_fits_columns(sqlite_db.get(Account, result.account_id))
