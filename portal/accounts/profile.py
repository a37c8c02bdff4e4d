"""Minha conta: change the password (also the forced one after recovery), change the
e-mail, and "Não fui eu" for a password change the citizen did not make."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from sqlmodel import Session

from portal.accounts import (confirmation, email_address, fields, login_limits, new_device, passwords,
                             reauth, sessions, two_step)
from portal.govbr import links as govbr
from portal.accounts.activity import Client, Event, record
from portal.accounts.confirmation import EMAIL_CHANGE, NOT_ME
from portal.accounts.locking import lock_account
from portal.core.clock import utcnow
from portal.core.config import settings
from portal.mail import delivery, messages, outbox
from portal.models import Account, AuthSession
from portal.core.ratelimit import Limiter



@dataclasses.dataclass(frozen=True)
class ProfileResult:
    errors: dict[str, list[str]]
    retry_at: datetime | None = None
    email: str = ""
    # Seconds to wait: the current password was asked too often (nothing was checked or changed).
    retry_in: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and self.retry_at is None and not self.retry_in


def new_password_errors(new: str, confirm: str, *, cpf: str, full_name: str) -> dict[str, list[str]]:
    """The problems of a new password and its repetition, for the account of this CPF and name."""
    cleaned = fields.Cleaned()
    cleaned.new_password(("new_password", "new_password_confirm"), new, confirm, cpf=cpf, full_name=full_name)
    return cleaned.errors


def _new_password_errors(account: Account, new: str, confirm: str) -> dict[str, list[str]]:
    return new_password_errors(new, confirm, cpf=account.cpf, full_name=account.full_name)


def _apply_new_password(session: Session, account: Account, new: str, keep_session_id: int, now: datetime,
                        client: Client | None) -> None:
    assert account.id is not None
    account.password_hash = passwords.hash_password(new)
    account.temp_password_hash = None
    account.temp_password_expires_at = None
    account.password_suspended_at = None  # "Não fui eu" is over: this is the citizen's new password
    login_limits.clear(account)  # a new password lifts any sign-in lock
    session.add(account)
    confirmation.change_security_stamp(session, account)
    govbr.end_links_by_password(session, account.id, client=client, now=now)
    sessions.revoke_all(session, account.id, except_session_id=keep_session_id, now=now)
    record(session, account.id, Event.PASSWORD_CHANGED, client, now)
    kept = session.get(AuthSession, keep_session_id)
    if kept is not None:
        kept.must_change_password = False
        session.add(kept)
    link = confirmation.not_me_link_for(session, account, now)
    outbox.enqueue(session, to=account.email, now=now,
                   email=messages.password_changed(full_name=account.full_name, when=now, not_me_link=link))
    session.commit()


def set_new_password(session: Session, *, account_id: int, session_id: int, new: str, confirm: str,
                     client: Client | None = None, now: datetime | None = None) -> ProfileResult:
    """After signing in with a temporary password: no current password is asked."""
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None
    errors = _new_password_errors(account, new, confirm)
    if errors:
        return ProfileResult(errors)
    _apply_new_password(session, account, new, session_id, now, client)
    return ProfileResult({})


def set_first_password(session: Session, *, account_id: int, session_id: int, new: str, confirm: str,
                       client: Client | None = None, now: datetime | None = None) -> ProfileResult | None:
    """A first portal password for an account made through gov.br (None: it has one already,
    and changing it asks for the current one)."""
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None
    if account.password_hash:
        return None
    errors = _new_password_errors(account, new, confirm)
    if errors:
        return ProfileResult(errors)
    _apply_new_password(session, account, new, session_id, now, client)
    return ProfileResult({})


def change_password(session: Session, *, account_id: int, session_id: int, current: str, new: str, confirm: str,
                    client: Client | None = None, limiter: Limiter | None = None,
                    now: datetime | None = None) -> ProfileResult:
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None
    check = reauth.check_current_password(session, account, current, client=client, limiter=limiter, now=now)
    if check.retry_in:
        return ProfileResult({}, retry_in=check.retry_in)
    errors = {} if check.ok else {"current_password": ["current_password_wrong"]}
    errors |= _new_password_errors(account, new, confirm)
    if errors:
        return ProfileResult(errors)
    _apply_new_password(session, account, new, session_id, now, client)
    return ProfileResult({})


def request_email_change(session: Session, *, account_id: int, password: str, new_email: str,
                         client: Client | None = None, limiter: Limiter | None = None,
                         now: datetime | None = None) -> ProfileResult:
    """Mail a confirmation link to the new address and, to the current one, a notice with a
    "Não fui eu" link that outlives the change; the e-mail changes only when the link is opened."""
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None and account.id is not None
    check = reauth.check_current_password(session, account, password, client=client, limiter=limiter, now=now)
    if check.retry_in:
        return ProfileResult({}, retry_in=check.retry_in)
    cleaned = fields.Cleaned()  # in the form's order: the new address, then the password
    address = cleaned.check("change_email", fields.clean_email, new_email)
    if address and address.casefold() == account.email.casefold():
        cleaned.refuse("change_email", "email_same")
    elif address and confirmation.email_in_use(session, address, other_than=account.id):
        cleaned.refuse("change_email", "email_in_use")
    if not check.ok:
        cleaned.refuse("email_password", "current_password_wrong")
    if not cleaned.ok:
        return ProfileResult(cleaned.errors)
    lock_account(session, account.id)
    allowed_at = confirmation.next_send_allowed_at(session, account.id, now, purpose=EMAIL_CHANGE)
    if allowed_at > now:
        return ProfileResult({}, retry_at=allowed_at)
    token, expires_at = confirmation.new_link_token(
        session, account_id=account.id, purpose=EMAIL_CHANGE, email=address,
        ttl=timedelta(hours=settings().confirmation_ttl_hours), now=now)
    outbox.enqueue(session, to=address, now=now, purpose=delivery.EMAIL_CHANGE, account_id=account.id,
                   email=messages.email_change_confirmation(
        full_name=account.full_name, link=confirmation.confirmation_link(token), expires_at=expires_at))
    outbox.enqueue(session, to=account.email, now=now, email=messages.email_change_notice(
        full_name=account.full_name, new_email_masked=email_address.mask(address),
        not_me_link=confirmation.not_me_link_for(session, account, now)))
    record(session, account.id, Event.EMAIL_CHANGE_REQUESTED, client, now)
    session.commit()
    return ProfileResult({}, email=address)


def not_me(session: Session, token: str, client: Client | None = None, now: datetime | None = None) -> bool:
    """Someone else knew the password (or held a session): end every session and every sign-in
    in progress, cancel any temporary password and the links issued after this one (a pending
    e-mail change among them), end bronze gov.br links made with the password, forget every
    known device (the next sign-in from any alerts again), suspend the password until the
    citizen sets a new one through recovery, and give the account back the address this link
    was mailed to; single use."""
    now = now or utcnow()
    row = confirmation.find(session, token, (NOT_ME,))
    if (row is None or row.used_at is not None or confirmation.superseded(session, row)
            or row.expires_at <= now):
        return False
    if not confirmation.claim(session, row, now):
        return False
    account = session.get(Account, row.account_id)
    assert account is not None and account.id is not None  # its links are deleted with it
    confirmation.change_security_stamp(session, account, used_not_me=row)
    _restore_email(session, account, row.email, client, now)
    account.temp_password_hash = None
    account.temp_password_expires_at = None
    if account.password_hash and account.password_suspended_at is None:
        account.password_suspended_at = now
        record(session, account.id, Event.PASSWORD_SUSPENDED, client, now)
    session.add(account)
    sessions.revoke_all(session, account.id, now=now)
    two_step.drop_waiting(session, account.id, now)
    govbr.drop_pending(session, account.id, now)
    govbr.end_links_by_password(session, account.id, client=client, now=now)
    new_device.forget_all(session, account.id, now)
    record(session, account.id, Event.SESSIONS_ENDED, client, now)
    session.commit()
    return True


def _restore_email(session: Session, account: Account, address: str, client: Client | None,
                   now: datetime) -> None:
    """The e-mail was changed after the link was mailed: whoever was locked out of that address
    gets it back (and with it, password recovery), unless another confirmed account took it."""
    assert account.id is not None
    if account.email == address or confirmation.email_in_use(session, address, other_than=account.id):
        return
    account.email = address
    record(session, account.id, Event.EMAIL_CHANGED, client, now)
