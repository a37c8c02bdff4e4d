"""Sign-up: validate the form, create (or replace a pending) account, mail the confirmation link."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from portal.accounts import confirmation, fields, passwords
from portal.accounts.fields import MAX_NAME, MAX_NAME_INPUT, name_problem  # noqa: F401 - re-exported
from portal.accounts.locking import lock_account
from portal.core.clock import utcnow
from portal.models import Account, EmailToken
from portal.core.ratelimit import Limiter, per_client

TERMS_VERSION = "2026-11-25"
MAX_CORRECTIONS_PER_HOUR = 5


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


def validate(form: SignupForm) -> fields.Cleaned:
    """Every problem of the form, per field; the cleaned full_name, cpf and email."""
    cleaned = fields.Cleaned()
    cleaned.check("full_name", fields.clean_name, form.full_name)
    cpf = cleaned.check("cpf", fields.clean_cpf, form.cpf)
    cleaned.email_pair(("email", "email_confirm"), form.email, form.email_confirm)
    # The password may not contain the name as typed, even while the name has a problem.
    cleaned.new_password(("password", "password_confirm"), form.password, form.password_confirm,
                         cpf=cpf, full_name=fields.normalize_name(form.full_name))
    cleaned.check("accept_terms", fields.clean_terms, form.accept_terms)
    return cleaned


def register(session: Session, form: SignupForm, now: datetime | None = None, *,
             limiter: Limiter | None = None, client_ip: str = "") -> SignupResult:
    """Create the account, or replace the data of a pending one with the same CPF.

    The account, its confirmation link and the mail are one transaction: either all
    exist or none does.
    """
    now = now or utcnow()
    cleaned = validate(form)
    if not cleaned.ok:
        return SignupResult(cleaned.errors)
    name, cpf, email = cleaned.values["full_name"], cleaned.values["cpf"], cleaned.values["email"]
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
        confirmation.change_security_stamp(session, account)  # a new password: no link outlives it
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
    cleaned = fields.Cleaned()
    email = cleaned.email_pair(("new_email", "new_email_confirm"), new_email, new_email_confirm)
    if not cleaned.ok:
        return CorrectionResult(cleaned.errors)
    lock_account(session, account_id)
    allowed_at = corrections_allowed_at(session, account_id, now)
    if allowed_at > now:
        return CorrectionResult({}, email=account.email, retry_at=allowed_at)
    account.email = email
    session.add(account)
    confirmation.issue(session, account, now)
    session.commit()
    return CorrectionResult({}, email=email)
