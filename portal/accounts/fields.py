"""One vocabulary for the fields citizens type, as Django forms' ``clean_<field>``.

Each ``clean_*`` returns the cleaned value or raises ``Invalid`` with the codes of what is
wrong; ``Cleaned`` runs them over a whole form and keeps every field's problems before
reporting, so a citizen sees all of them at once. The wording of each code lives in
``portal.texts.MESSAGES``.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Collection
from typing import Any

from portal.accounts import cpf as cpf_rules
from portal.accounts import email_address, password_policy
from portal.support import protocol as protocol_rules

MAX_NAME = 200
# What a form keeps of a typed name: past the limit, so the citizen is told it is too long.
MAX_NAME_INPUT = 400
# What a form keeps of a typed CPF: well past 11 digits with any dots, dashes and spaces, so
# what is cut was never a CPF, while a megabyte pasted in is never held or normalised.
MAX_CPF_INPUT = 40
# Letters of any script, with the separators real names use.
_NAME_OK = re.compile(r"^[^\W\d_]+(?:[ '’.\-][^\W\d_]*)*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Invalid(ValueError):
    """What is wrong with one field, as message codes."""

    def __init__(self, *codes: str):
        super().__init__(*codes)
        self.codes = list(codes)


@dataclasses.dataclass
class Cleaned:
    """A form's cleaned values and, per field, the codes of its problems."""

    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    errors: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def check(self, name: str, clean: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """Clean one field: its value, or "" with its problems kept for the report."""
        try:
            value = clean(*args, **kwargs)
        except Invalid as problem:
            self.errors[name] = problem.codes
            value = ""
        self.values[name] = value
        return value

    def refuse(self, name: str, code: str) -> None:
        """A problem found outside the field's own cleaning (taken, same as before, wrong)."""
        self.errors.setdefault(name, []).append(code)

    def email_pair(self, names: tuple[str, str], email: str, confirm: str) -> str:
        """An address typed twice: the second is compared once the first is valid."""
        address = self.check(names[0], clean_email, email)
        if address:
            self.check(names[1], clean_same_email, confirm, address)
        return address

    def new_password(self, names: tuple[str, str], password: str, confirm: str, *, cpf: str = "",
                     full_name: str = "") -> str:
        """A new password typed twice: the policy, then (when one was typed) the repetition."""
        self.check(names[0], clean_new_password, password, cpf=cpf, full_name=full_name)
        if password:
            self.check(names[1], clean_same_password, confirm, password)
        return password if names[0] not in self.errors else ""


# --- Text -------------------------------------------------------------------------------

def strip_control(raw: str) -> str:
    """Keep line breaks and tabs, drop other control characters (NUL and friends)."""
    return _CONTROL.sub("", raw or "").replace("\r\n", "\n").strip()


def clean_free_text(raw: str, *, code: str, max_length: int | None = None, min_length: int = 1) -> str:
    """Free text (a description, a reply, a note): ``<code>_required`` when shorter than
    ``min_length`` (a note too short to say anything is as good as none), ``<code>_too_long``
    past ``max_length`` (None: the caller bounds it)."""
    text = strip_control(raw)
    if len(text) < max(min_length, 1):
        raise Invalid(f"{code}_required")
    if max_length is not None and len(text) > max_length:
        raise Invalid(f"{code}_too_long")
    return text


def clean_choice(raw: str, choices: Collection[str], *, code: str) -> str:
    if raw not in choices:
        raise Invalid(code)
    return raw


def clean_terms(accepted: bool) -> bool:
    if not accepted:
        raise Invalid("terms_required")
    return True


# --- Names ------------------------------------------------------------------------------

def normalize_name(raw: str) -> str:
    """NFC, single spaces, no spaces around: how every name is stored."""
    text = unicodedata.normalize("NFC", raw or "")
    return " ".join(text.split())


def name_problem(name: str) -> str | None:
    """The problem of a normalised full name (a person's own, for an account), or None."""
    if not name:
        return "name_required"
    if len(name) > MAX_NAME:
        return "name_too_long"
    if not _NAME_OK.match(name):
        return "name_invalid"
    if sum(1 for part in name.split() if any(c.isalpha() for c in part)) < 2:
        return "name_incomplete"
    return None


def clean_name(raw: str) -> str:
    """A person's full name for an account: letters, at least a first name and a surname."""
    name = normalize_name(raw)
    if problem := name_problem(name):
        raise Invalid(problem)
    return name


def clean_contact_name(raw: str) -> str:
    """How someone asking for help wants to be called: any text, bounded."""
    name = normalize_name(_CONTROL.sub("", raw or ""))
    if not name:
        raise Invalid("name_required")
    if len(name) > MAX_NAME:
        raise Invalid("name_too_long")
    return name


# --- CPF, e-mail, protocol, phone --------------------------------------------------------

def clean_cpf(raw: str, *, required: bool = True) -> str:
    """The 11 digits of a valid CPF ("" when optional and left blank)."""
    if not (raw or "").strip():
        if required:
            raise Invalid("cpf_required")
        return ""
    digits = cpf_rules.normalize(raw)
    if not digits:
        raise Invalid("cpf_invalid")
    return digits


def clean_sign_in_cpf(raw: str) -> str:
    """Signing in says only "CPF inválido", blank or not (as the original portal)."""
    digits = cpf_rules.normalize(raw or "")
    if not digits:
        raise Invalid("login_cpf_invalid")
    return digits


def clean_email(raw: str) -> str:
    """The normalised address (domain lower-cased, IDN folded)."""
    if not (raw or "").strip():
        raise Invalid("email_required")
    address = email_address.normalize(raw)
    if not address:
        raise Invalid("email_invalid")
    return address


def clean_same_email(confirm: str, address: str) -> str:
    """The address typed again must be the same, whatever the case or spaces around."""
    typed = email_address.normalize(confirm) or (confirm or "").strip()
    if typed.casefold() != address.casefold():
        raise Invalid("email_mismatch")
    return address


def phone_digits(raw: str) -> str | None:
    """'(19) 99876-5432' -> '19998765432'; '' for no phone; None when it cannot be a phone."""
    text = (raw or "").strip()
    if not text:
        return ""
    if not re.fullmatch(r"[0-9 ()+.\-]+", text):  # ASCII digits only: "１９" is not a phone
        return None
    digits = re.sub(r"[^0-9]", "", text)
    if digits.startswith("55") and len(digits) in (12, 13):
        digits = digits[2:]
    return digits if len(digits) in (10, 11) else None


def clean_protocol(raw: str) -> str:
    """A support protocol number as stored ("2026 483 129 577" -> "2026-483-129-577")."""
    if not (raw or "").strip():
        raise Invalid("protocol_required")
    number = protocol_rules.normalize(raw)
    if not number:
        raise Invalid("protocol_invalid")
    return number


def clean_phone(raw: str) -> str:
    """DDD and number, digits only; "" when left blank (a phone is optional)."""
    digits = phone_digits(raw)
    if digits is None:
        raise Invalid("phone_invalid")
    return digits


# --- Passwords --------------------------------------------------------------------------

def clean_required(raw: str, *, code: str) -> str:
    """Anything but nothing (a password is checked as typed, spaces included)."""
    if not raw:
        raise Invalid(code)
    return raw


def clean_new_password(raw: str, *, cpf: str = "", full_name: str = "") -> str:
    """Every rule of the password policy at once (password_policy.problems)."""
    if not raw:
        raise Invalid("password_required")
    if found := password_policy.problems(raw, cpf=cpf, full_name=full_name):
        raise Invalid(*found)
    return raw


def clean_same_password(confirm: str, password: str) -> str:
    if confirm != password:
        raise Invalid("password_mismatch")
    return password
