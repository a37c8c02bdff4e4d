"""Database tables. Every change here needs an alembic migration in alembic/versions/.

Times are timezone-aware UTC (``portal.core.clock.utcnow``); SQLModel stores them as UTC on
SQLite and PostgreSQL alike.
Tokens of every kind are stored only as SHA-256 hashes: a copy of the database never
holds a usable link or session.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import event
from sqlmodel import Field, SQLModel


def new_security_stamp() -> str:
    return secrets.token_hex(16)


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    cpf: str = Field(max_length=11, unique=True, index=True)
    full_name: str = Field(max_length=200)
    email: str = Field(max_length=254, index=True)
    # casefold(email), set before every insert/update: SQL lower() folds only ASCII on SQLite.
    email_key: str = Field(default="", max_length=254, index=True)
    # "" for an account created by "Entrar com gov.br" that has no portal password (yet): it
    # never verifies (accounts.passwords), and Minha conta offers to set one.
    password_hash: str = Field(max_length=255)
    created_at: datetime
    confirmed_at: datetime | None = None
    terms_version: str = Field(max_length=40)
    terms_accepted_at: datetime
    # "portal" for sign-ups here, "legacy" for accounts imported from the old Portal do Cidadão.
    source: str = Field(default="portal", max_length=20)
    # A recovery's temporary password: single use, expires; the old password keeps working.
    temp_password_hash: str | None = Field(default=None, max_length=255)
    temp_password_expires_at: datetime | None = None
    # Staff answer support requests at /atendimento (created with `python -m portal.support`).
    is_staff: bool = False
    # Consecutive failed sign-ins and the wait they impose (see accounts.login_limits).
    failed_logins: int = 0
    login_blocked_until: datetime | None = None
    # Consecutive wrong verification codes, counted apart from passwords: a right password
    # never resets them (accounts.two_step), only a right code does.
    failed_codes: int = 0
    code_blocked_until: datetime | None = None
    # "Não fui eu": someone else knew the password, so it no longer signs in until the citizen
    # sets a new one through recovery (accounts.profile.not_me).
    password_suspended_at: datetime | None = None
    # Recorded in every link mailed to the account and changed with the password (and by
    # recovery, "Não fui eu" and a confirmed e-mail change): a link issued before the change no
    # longer matches and is refused as superseded (accounts.confirmation).
    security_stamp: str = Field(default_factory=new_security_stamp, max_length=32)


def email_key(email: str) -> str:
    return email.casefold()


@event.listens_for(Account, "before_insert")
@event.listens_for(Account, "before_update")
def _keep_email_key(_mapper, _connection, target: Account) -> None:
    target.email_key = email_key(target.email or "")


class EmailToken(SQLModel, table=True):
    """A link sent to ``email``; single use, expires. ``purpose``: "signup" (confirm the
    account), "email_change" (confirm a new address), "not_me" (a password change the
    citizen did not make)."""

    __tablename__ = "email_token"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    purpose: str = Field(default="signup", max_length=20)
    email: str = Field(max_length=254)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    # By a newer link of the same purpose (the account's security stamp ends all purposes at once).
    superseded_at: datetime | None = None
    # The account's security stamp when the link was issued: valid only while they match.
    security_stamp: str = Field(default="", max_length=32)


class AuthSession(SQLModel, table=True):
    """A signed-in browser. The token itself lives only in an HttpOnly cookie."""

    __tablename__ = "auth_session"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    user_agent: str = Field(default="", max_length=300)
    client_ip: str = Field(default="", max_length=64)
    # Signed in with a temporary password: nothing but "Defina sua nova senha" until it is set.
    must_change_password: bool = False
    # Signed in through gov.br: its trust level then ("bronze", "prata", "ouro"); "" otherwise.
    govbr_level: str = Field(default="", max_length=10)
    # What the sign-in proved (accounts.factors): "pwd otp", "govbr-prata", ...
    factors: str = Field(default="", max_length=60)


class GovbrLink(SQLModel, table=True):
    """A portal account linked to a gov.br identity (``subject``: the CPF gov.br vouches for)."""

    __tablename__ = "govbr_link"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", unique=True, ondelete="CASCADE")
    subject: str = Field(max_length=11, unique=True)
    level: str = Field(max_length=10)  # at the last gov.br sign-in
    linked_at: datetime
    last_sign_in_at: datetime
    # Linked at bronze by typing the portal password: it stands on that password, so it ends
    # when the password is changed or recovered, or "Não fui eu" is used. A later sign-in at
    # prata or ouro vouches for it on its own and clears this.
    by_password: bool = False


class GovbrAuthorization(SQLModel, table=True):
    """One "Entrar com gov.br" in progress, bound to the browser that started it: the
    ``state`` (stored hashed), ``nonce`` and PKCE verifier it sent to gov.br. After gov.br
    answered for a bronze identity whose CPF has a portal account, it holds the link that
    waits for the portal password (``pending_account_id``)."""

    __tablename__ = "govbr_authorization"
    id: int | None = Field(default=None, primary_key=True)
    state_hash: str = Field(max_length=64, unique=True)
    browser_hash: str = Field(max_length=64, index=True)
    nonce: str = Field(max_length=100)
    code_verifier: str = Field(max_length=200)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    pending_account_id: int | None = Field(default=None, foreign_key="account.id", ondelete="CASCADE")
    pending_level: str = Field(default="", max_length=10)


class OutboxMessage(SQLModel, table=True):
    """A mail written in the same transaction as the change that caused it."""

    __tablename__ = "outbox_message"
    id: int | None = Field(default=None, primary_key=True)
    message_id: str = Field(max_length=200, unique=True)
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    body_text: str
    body_html: str
    created_at: datetime
    attempts: int = 0
    next_attempt_at: datetime = Field(index=True)
    locked_until: datetime | None = None
    sent_at: datetime | None = Field(default=None, index=True)
    last_error: str = Field(default="", max_length=500)
    # Delivery, as the citizen's page tells it (portal.mail.delivery): queued until the relay
    # accepts it (sent), then perhaps bounced later; refused when the relay said no for good.
    status: str = Field(default="queued", max_length=16)
    # Why it failed (SMTP code and text, or a bounce's status and diagnostic), never the body.
    failure_kind: str = Field(default="", max_length=24)
    failure_reason: str = Field(default="", max_length=500)
    failed_at: datetime | None = None
    # The unguessable part of the message's own return path (retorno+<tag>@...): a bounce
    # names the message it is about, and nobody can forge one for another message.
    bounce_tag: str = Field(default="", max_length=40, index=True)
    # What the message is, and about whom: the page that caused it finds its status here.
    purpose: str = Field(default="", max_length=32)
    account_id: int | None = Field(default=None, index=True)
    support_request_id: int | None = Field(default=None, index=True)


class ProtocolCounter(SQLModel, table=True):
    """The last sequential support protocol number of each year (2026-000123), from before
    protocols became random (portal/support/protocol.py): no longer written. Kept because
    removing a table takes a migration, and it records how far the old numbers went."""

    __tablename__ = "protocol_counter"
    year: int = Field(primary_key=True)
    last: int = 0


class SupportRequest(SQLModel, table=True):
    """A citizen's "Solicitar auxílio" request, answered by staff."""

    __tablename__ = "support_request"
    id: int | None = Field(default=None, primary_key=True)
    protocol: str = Field(max_length=20, unique=True)
    created_at: datetime
    updated_at: datetime
    status: str = Field(default="aberto", max_length=20, index=True)
    topic: str = Field(max_length=60, index=True)
    name: str = Field(max_length=200)
    cpf: str = Field(default="", max_length=11)
    email: str = Field(max_length=254)
    phone: str = Field(default="", max_length=20)
    description: str = Field(max_length=2000)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True, ondelete="SET NULL")
    client_ip: str = Field(default="", max_length=64)


class SupportReply(SQLModel, table=True):
    __tablename__ = "support_reply"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="support_request.id", index=True, ondelete="CASCADE")
    staff_account_id: int | None = Field(default=None, foreign_key="account.id", ondelete="SET NULL")
    body: str = Field(max_length=4000)
    created_at: datetime


class SecurityEvent(SQLModel, table=True):
    """The account's activity log ("Atividade recente"): sign-ins, changes, recoveries."""

    __tablename__ = "security_event"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=40)
    created_at: datetime = Field(index=True)
    user_agent: str = Field(default="", max_length=300)
    client_ip: str = Field(default="", max_length=64)


class StaffAuditEntry(SQLModel, table=True):
    """What staff did at /atendimento (opened, replied, changed a status). Append-only: the
    migration adds triggers that refuse UPDATE and DELETE, so the portal itself cannot rewrite
    it. No foreign keys on purpose: a cascade from a deleted account or request would be an
    UPDATE or DELETE the triggers refuse, and the entry must outlive both. The staff member's
    CPF is copied because an account id may be reused once the account is gone (SQLite)."""

    __tablename__ = "staff_audit_entry"
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(index=True)
    staff_account_id: int
    staff_cpf: str = Field(max_length=11, index=True)
    action: str = Field(max_length=20)
    request_id: int
    protocol: str = Field(max_length=20)
    detail: str = Field(default="", max_length=200)


class TwoStep(SQLModel, table=True):
    """An account's authenticator app (TOTP, RFC 6238). ``enabled_at`` is set only after a
    first valid code; ``last_step`` is the last time step accepted, so a code is never
    accepted twice."""

    __tablename__ = "two_step"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", unique=True, ondelete="CASCADE")
    secret: str = Field(max_length=64)
    created_at: datetime
    enabled_at: datetime | None = None
    last_step: int = 0


class RecoveryCode(SQLModel, table=True):
    """A single-use code for a lost phone; stored as SHA-256 only."""

    __tablename__ = "recovery_code"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    code_hash: str = Field(max_length=64, unique=True)
    used_at: datetime | None = None


class SecondStep(SQLModel, table=True):
    """A sign-in whose password was right, waiting for the verification code in the browser
    that typed it. No session exists until the code is given."""

    __tablename__ = "second_step"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    browser_hash: str = Field(max_length=64, index=True)
    temporary: bool = False  # signed in with a recovery's temporary password
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    failures: int = 0
    # The first step's factors (accounts.factors) and gov.br level, handed on to the session.
    factors: str = Field(default="", max_length=60)
    govbr_level: str = Field(default="", max_length=10)


class KnownDevice(SQLModel, table=True):
    """A browser the account has signed in from (the SHA-256 of its long-lived device cookie):
    a sign-in from one not seen before is told to the citizen by e-mail."""

    __tablename__ = "known_device"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    device_hash: str = Field(max_length=64)
    first_seen_at: datetime
    last_seen_at: datetime
    # "Não fui eu" forgets every device: its next sign-in alerts again (accounts.new_device).
    forgotten_at: datetime | None = None
