"""Sign-up: validate the form, create (or replace a pending) account, mail the confirmation link."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from portal.accounts import confirmation, email_address, password_policy, passwords
from portal.accounts import cpf as cpf_rules
from portal.accounts.locking import lock_account
from portal.clock import utcnow
from portal.models import Account, EmailToken
from portal.ratelimit import Limiter, per_client

TERMS_VERSION = "2026-11-25"
MAX_NAME = 200
# What a form keeps of a typed name: past the limit, so the citizen is told it is too long.
MAX_NAME_INPUT = 400
MAX_CORRECTIONS_PER_HOUR = 5
# Letters of any script, with the separators real names use.
_NAME_OK = re.compile(r"^[^\W\d_]+(?:[ '’.\-][^\W\d_]*)*$")


@dataclasses.dataclass
class SignupForm:
    full_name: str = ""
    cpf: str = ""
    email: str = ""
    email_confirm: str = ""
    password: str = ""
    password_confirm: str = ""
    accept_terms: bool = False


@dataclasses.dataclass(frozen=True)
class SignupResult:
    errors: dict[str, list[str]]
    account_id: int | None = None
    email: str = ""
    retry_at: datetime | None = None
    retry_in: int = 0  # this client made too many sign-ups: wait

    @property
    def ok(self) -> bool:
        return not self.errors and not self.retry_in


def clean_name(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw or "")
    return " ".join(text.split())


def name_problem(name: str) -> str | None:
    if not name:
        return "name_required"
    if len(name) > MAX_NAME:
        return "name_too_long"
    if not _NAME_OK.match(name):
        return "name_invalid"
    if sum(1 for part in name.split() if any(c.isalpha() for c in part)) < 2:
        return "name_incomplete"
    return None


def validate(form: SignupForm) -> tuple[dict[str, list[str]], str, str, str]:
    """Every problem of the form, per field; plus the cleaned name, CPF and e-mail."""
    errors: dict[str, list[str]] = {}
    name = clean_name(form.full_name)
    if problem := name_problem(name):
        errors["full_name"] = [problem]
    cpf = cpf_rules.normalize(form.cpf) or ""
    if not form.cpf.strip():
        errors["cpf"] = ["cpf_required"]
    elif not cpf:
        errors["cpf"] = ["cpf_invalid"]
    email = email_address.normalize(form.email) or ""
    if not form.email.strip():
        errors["email"] = ["email_required"]
    elif not email:
        errors["email"] = ["email_invalid"]
    elif (email_address.normalize(form.email_confirm) or form.email_confirm.strip()).casefold() != email.casefold():
        errors["email_confirm"] = ["email_mismatch"]
    if not form.password:
        errors["password"] = ["password_required"]
    else:
        found = password_policy.problems(form.password, cpf=cpf, full_name=name)
        if found:
            errors["password"] = found
        if form.password_confirm != form.password:
            errors["password_confirm"] = ["password_mismatch"]
    if not form.accept_terms:
        errors["accept_terms"] = ["terms_required"]
    return errors, name, cpf, email


def register(session: Session, form: SignupForm, now: datetime | None = None, *,
             limiter: Limiter | None = None, client_ip: str = "") -> SignupResult:
    """Create the account, or replace the data of a pending one with the same CPF.

    The account, its confirmation link and the mail are one transaction: either all
    exist or none does.
    """
    now = now or utcnow()
    errors, name, cpf, email = validate(form)
    if errors:
        return SignupResult(errors)
    if limiter is not None:
        limited = limiter.hit(per_client("signup"), "signup", client_ip or "unknown")
        if limited:
            return SignupResult({}, retry_in=limited.retry_in)
    password_hash = passwords.hash_password(form.password)
    account = session.exec(select(Account).where(Account.cpf == cpf)).first()
    if account is not None and account.confirmed_at is not None:
        return SignupResult({"cpf": ["cpf_taken"]})
    if account is None:
        account = Account(cpf=cpf, created_at=now, full_name=name, email=email,
                          password_hash=password_hash, terms_version=TERMS_VERSION, terms_accepted_at=now)
    else:
        # The seed tells citizens who mistyped their e-mail to sign up again: the new data wins,
        # within the same hourly cap as e-mail corrections (no unlimited mail to any address).
        assert account.id is not None
        lock_account(session, account.id)
        allowed_at = corrections_allowed_at(session, account.id, now)
        if allowed_at > now:
            return SignupResult({"cpf": ["signup_again_wait"]}, retry_at=allowed_at)
        account.full_name, account.email, account.password_hash = name, email, password_hash
        account.terms_version, account.terms_accepted_at = TERMS_VERSION, now
    session.add(account)
    try:
        session.flush()
        confirmation.issue(session, account, now)
        session.commit()
    except IntegrityError:
        session.rollback()
        return SignupResult({"cpf": ["cpf_busy"]})
    return SignupResult({}, account_id=account.id, email=email)


def corrections_allowed_at(session: Session, account_id: int, now: datetime) -> datetime:
    recent = session.exec(
        select(func.min(EmailToken.created_at), func.count())
        .where(col(EmailToken.account_id) == account_id)
        .where(col(EmailToken.created_at) > now - timedelta(hours=1))
    ).one()
    oldest, count = recent
    if count < MAX_CORRECTIONS_PER_HOUR or oldest is None:
        return now
    return oldest + timedelta(hours=1)


@dataclasses.dataclass(frozen=True)
class CorrectionResult:
    errors: dict[str, list[str]]
    email: str = ""
    retry_at: datetime | None = None


def correct_email(
    session: Session, account_id: int, new_email: str, new_email_confirm: str, now: datetime | None = None, *,
    password: str,
) -> CorrectionResult | None:
    """Fix the e-mail of a pending sign-up and send a new link there (the old one stops working).

    The password chosen at sign-up is asked again: on a shared computer, the next person in
    the tab must not be able to send the confirmation (and so the account) to their own
    address. None when the account no longer exists or is already confirmed.
    """
    now = now or utcnow()
    account = session.get(Account, account_id)
    if account is None or account.confirmed_at is not None:
        return None
    if not passwords.verify_and_update(password, account.password_hash)[0]:
        return CorrectionResult({"signup_password": ["signup_password_wrong"]})
    email = email_address.normalize(new_email) or ""
    if not new_email.strip():
        return CorrectionResult({"new_email": ["email_required"]})
    if not email:
        return CorrectionResult({"new_email": ["email_invalid"]})
    if (email_address.normalize(new_email_confirm) or new_email_confirm.strip()).casefold() != email.casefold():
        return CorrectionResult({"new_email_confirm": ["email_mismatch"]})
    lock_account(session, account_id)
    allowed_at = corrections_allowed_at(session, account_id, now)
    if allowed_at > now:
        return CorrectionResult({}, email=account.email, retry_at=allowed_at)
    account.email = email
    session.add(account)
    confirmation.issue(session, account, now)
    session.commit()
    return CorrectionResult({}, email=email)
