"""The legacy importer with hostile lines: parse_line on any text, import_lines on any bytes
(invalid UTF-8 included). Never an exception; a Row holds the documented cleaning (CPF
digits, ``fields.clean_name``, ``email_address.normalize``, the hash as given, the scheme in lower
case); everything else is a Rejected with its reason and the raw line.
"""

from __future__ import annotations

import csv
import io

from hypothesis import event, example, given
from hypothesis import strategies as st
from sqlmodel import select

from portal.accounts import cpf as cpf_rules
from portal.accounts import email_address, passwords
from portal.accounts.fields import MAX_NAME, clean_name
from portal.core.config import DEFAULT_LEGACY_SCHEMES
from portal.legacy.importer import Rejected, Row, import_lines, parse_line, read_header
from portal.models import Account
from tests.properties.conftest import HOSTILE, assert_fits_columns, fresh_cpf
from tests.properties.strategies import hostile_bytes, hostile_field, hostile_text

HEADER_TEXT = "cpf,nome,email,hash,esquema"
HEADER = read_header(HEADER_TEXT)
MD5 = passwords.CONTEXT.handler("hex_md5").hash("velha senha 123")
VALID = {"cpf": "529.982.247-25", "nome": "Maria Souza", "email": "maria@example.com", "hash": MD5,
         "esquema": "hex_md5"}
# The importer reports reasons in Portuguese (Rejected.reason), not MESSAGES codes.


def _csv_line(fields: dict[str, str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([fields[name] for name in HEADER])
    return out.getvalue()


def _check_parsed(parsed, number: int, text: str) -> None:
    assert isinstance(parsed, Row | Rejected)
    assert parsed.line == number
    if isinstance(parsed, Rejected):
        event(f"rejected: {parsed.reason.split(':')[0]}")
        assert parsed.reason and parsed.raw == text.rstrip("\r\n")
        return
    event("row")
    fields = next(csv.reader([text.rstrip("\r\n")], strict=True))
    value = {name: fields[index].strip() for name, index in HEADER.items()}
    assert parsed.cpf == cpf_rules.normalize(value["cpf"]) and len(parsed.cpf) == 11 and parsed.cpf.isascii()
    assert parsed.name == clean_name(value["nome"]) and 0 < len(parsed.name) <= MAX_NAME
    assert parsed.email == email_address.normalize(value["email"])
    assert parsed.password_hash == value["hash"]
    assert parsed.scheme == value["esquema"].lower() and parsed.scheme in DEFAULT_LEGACY_SCHEMES


@HOSTILE
@given(text=hostile_text())
@example(text="529.982.247-25,Maria Souza,maria@example.com," + MD5 + ",hex_md5\x00")
@example(text='"529.982.247-25,"Maria')
@example(text="\x00")
@example(text=",,,,")
@example(text="a\nb")
def test_parse_line_whole_hostile_line(text):
    _check_parsed(parse_line(7, text, HEADER, DEFAULT_LEGACY_SCHEMES), 7, text)


@HOSTILE
@given(field=st.sampled_from(sorted(VALID)), data=st.data())
def test_parse_line_one_hostile_field(field, data):
    value = data.draw(hostile_field(VALID[field]), label=field)
    text = _csv_line({**VALID, field: value})
    _check_parsed(parse_line(3, text, HEADER, DEFAULT_LEGACY_SCHEMES), 3, text)


@HOSTILE
@given(hashed=hostile_field("{SSHA}" + "A" * 30))
@example(hashed="{SSHA}" + "A" * 300)
def test_parse_line_row_fits_the_account_columns(hashed):
    parsed = parse_line(2, _csv_line({**VALID, "hash": hashed, "esquema": "ldap_salted_sha1"}), HEADER,
                        DEFAULT_LEGACY_SCHEMES)
    if isinstance(parsed, Row):
        assert_fits_columns(Account(cpf=parsed.cpf, full_name=parsed.name, email=parsed.email,
                                    password_hash=parsed.password_hash, terms_version="x",
                                    created_at=None, terms_accepted_at=None))


def _valid_line() -> st.SearchStrategy[bytes]:
    return st.builds(lambda _: _csv_line({**VALID, "cpf": fresh_cpf()}).encode("utf-8"), st.just(None))


@HOSTILE
@given(lines=st.lists(hostile_bytes() | _valid_line(), max_size=8))
@example(lines=[b"\xff\xfe,\x00\n", b"529.982.247-25,Jos\xe9 Souza,jose@example.com," + MD5.encode() + b",hex_md5\n"])
@example(lines=[b"\n", b"\r\n", b"   \n"])
def test_import_lines_hostile_bytes(sqlite_db, t0, lines):
    sqlite_db.rollback()
    rejected: list[Rejected] = []
    summary = import_lines(sqlite_db, [HEADER_TEXT.encode() + b"\n", *lines], schemes=DEFAULT_LEGACY_SCHEMES,
                           reject=rejected.append, now=t0)
    event(f"created {min(summary.created, 2)}+, rejected {min(summary.rejected, 2)}+")
    assert summary.read == summary.created + summary.updated + summary.unchanged + summary.rejected
    assert summary.rejected == len(rejected)
    assert all(r.reason for r in rejected)
    sqlite_db.expire_all()
    for account in sqlite_db.exec(select(Account).where(Account.created_at == t0)).all():
        assert cpf_rules.is_valid(account.cpf) and len(account.cpf) == 11 and account.cpf.isascii()
        assert account.full_name == clean_name(account.full_name) and account.full_name
        assert account.email == email_address.normalize(account.email)
        assert account.email_key == account.email.casefold()
        assert account.source == "legacy" and account.confirmed_at == t0
