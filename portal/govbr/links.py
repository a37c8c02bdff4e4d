""""Entrar com gov.br": what the portal does with an identity gov.br vouched for.

The OpenID Connect exchange itself (authlib: PKCE, ID token signature and claims) is in
portal.govbr.client; this module only sees its result, an ``Identity``, and the database:

- an authorization in progress is bound to the browser that started it (its id cookie's
  hash) and used once, so a ``state`` replayed or carried to another browser opens nothing;
- a CPF already linked signs in; a CPF without a portal account gets one, with no portal
  password; a CPF with a portal account is linked at once when gov.br vouches at prata or
  ouro, and at bronze only after the portal password is typed once (a bronze gov.br account
  is weaker proof than an existing confirmed portal account);
- the gov.br level goes with the session, so a service may ask for prata or more later;
- what a gov.br sign-in proves (accounts.factors): prata and ouro are a second step of their
  own; bronze is not, so an account with two-step on asks its code after a bronze sign-in,
  as after a password;
- a bronze link made by typing the portal password stands on that password: it ends when
  the password is changed or recovered, or "Não fui eu" is used (``end_links_by_password``).
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.accounts import fields, reauth, sessions, two_step
from portal.accounts.activity import Client, Event, record
from portal.accounts.factors import Factor, encode_factors, of_govbr, two_steps
from portal.accounts.signup import TERMS_VERSION
from portal.accounts.tokens import token_hash
from portal.core.clock import utcnow
from portal.models import Account, GovbrAuthorization, GovbrLink
from portal.core.ratelimit import Limiter

LEVELS = ("bronze", "prata", "ouro")  # gov.br's trust levels, weakest first
LINK_WITHOUT_PASSWORD = ("prata", "ouro")
AUTHORIZATION_TTL = timedelta(minutes=10)  # to sign in at gov.br, or to type the portal password


@dataclasses.dataclass(frozen=True)
class Identity:
    """What a verified ID token (and the levels endpoint) said about the citizen."""

    cpf: str  # 11 digits: gov.br's subject
    name: str
    email: str
    level: str  # one of LEVELS

    @classmethod
    def from_claims(cls, *, cpf: str, name: object, email: object, level: str) -> Identity:
        """Claims are stored and mailed to: each goes through the fields vocabulary, and one
        that does not pass (a name with control characters only, an e-mail with CR/LF) is
        left empty rather than stored as sent."""
        return cls(cpf=cpf, name=_claim(fields.clean_contact_name, name),
                   email=_claim(fields.clean_email, email), level=level)


def _claim(clean, raw: object) -> str:
    try:
        return clean(str(raw or ""))
    except fields.Invalid:
        return ""


class Outcome(enum.StrEnum):
    SIGNED_IN = "signed_in"  # linked before: signed in
    CREATED = "created"  # a new portal account, signed in
    LINKED = "linked"  # an existing portal account, linked now (prata/ouro), signed in
    NEEDS_PASSWORD = "needs_password"  # bronze and a portal account exists: type its password
    CODE_NEEDED = "code_needed"  # bronze into an account with two-step on: its code, in this browser


@dataclasses.dataclass(frozen=True)
class GovbrSignIn:
    outcome: Outcome
    account_id: int
    session_token: str = ""  # for the HttpOnly cookie, unless NEEDS_PASSWORD


def level_of(levels: list[str]) -> str:
    """The highest of the levels gov.br reported ("bronze" when it reported none)."""
    known = [LEVELS.index(level) for level in levels if level in LEVELS]
    return LEVELS[max(known)] if known else LEVELS[0]


def start(session: Session, *, state: str, nonce: str, code_verifier: str, browser_hash: str,
          now: datetime | None = None) -> None:
    """Remember an authorization sent to gov.br, for this browser only."""
    if not browser_hash:
        raise ValueError("a gov.br sign-in must be bound to a browser")
    now = now or utcnow()
    session.add(GovbrAuthorization(state_hash=token_hash(state), browser_hash=browser_hash, nonce=nonce,
                                   code_verifier=code_verifier, created_at=now,
                                   expires_at=now + AUTHORIZATION_TTL))
    session.commit()


def claim(session: Session, *, state: str, browser_hash: str, now: datetime | None = None) -> GovbrAuthorization | None:
    """The authorization gov.br answered, once, in the browser that started it; None if the
    state is unknown, from another browser, expired or already used."""
    now = now or utcnow()
    if not state or len(state) > 200 or not browser_hash:
        return None
    claimed = session.exec(
        update(GovbrAuthorization)
        .where(col(GovbrAuthorization.state_hash) == token_hash(state))
        .where(col(GovbrAuthorization.browser_hash) == browser_hash)
        .where(col(GovbrAuthorization.used_at).is_(None))
        .where(col(GovbrAuthorization.expires_at) > now)
        .values(used_at=now)
        .returning(GovbrAuthorization.id)
    ).first()
    session.commit()
    return session.get(GovbrAuthorization, claimed[0]) if claimed else None


def sign_in(session: Session, identity: Identity, authorization: GovbrAuthorization, *, client: Client,
            now: datetime | None = None, device_hash: str = "") -> GovbrSignIn:
    now = now or utcnow()
    link = session.exec(select(GovbrLink).where(GovbrLink.subject == identity.cpf)).first()
    if link is not None:
        link.level, link.last_sign_in_at = identity.level, now
        if identity.level in LINK_WITHOUT_PASSWORD:
            link.by_password = False  # gov.br now vouches for it on its own
        session.add(link)
        return _signed_in(session, Outcome.SIGNED_IN, link.account_id, identity, client, now, device_hash,
                          browser_hash=authorization.browser_hash)
    account = session.exec(select(Account).where(Account.cpf == identity.cpf)).first()
    if account is None:
        account = Account(cpf=identity.cpf, full_name=identity.name[:200], email=identity.email[:254],
                          password_hash="", created_at=now, confirmed_at=now, terms_version=TERMS_VERSION,
                          terms_accepted_at=now, source="govbr")
        session.add(account)
        session.flush()
        return _linked(session, Outcome.CREATED, account, identity, client, now, device_hash)
    if account.confirmed_at is None:
        # A sign-up nobody confirmed proves nothing (it may be someone squatting the CPF with
        # their own e-mail): the citizen gov.br vouches for takes the account over.
        account.full_name, account.email = identity.name[:200], identity.email[:254]
        account.password_hash, account.confirmed_at, account.source = "", now, "govbr"
        session.add(account)
        return _linked(session, Outcome.CREATED, account, identity, client, now, device_hash)
    if identity.level in LINK_WITHOUT_PASSWORD:
        return _linked(session, Outcome.LINKED, account, identity, client, now, device_hash)
    # Bronze: the link waits for the portal password, in this browser, for a few minutes.
    authorization.pending_account_id, authorization.pending_level = account.id, identity.level
    authorization.expires_at = now + AUTHORIZATION_TTL
    session.add(authorization)
    session.commit()
    return GovbrSignIn(Outcome.NEEDS_PASSWORD, account.id)


def _linked(session: Session, outcome: Outcome, account: Account, identity: Identity, client: Client,
            now: datetime, device_hash: str) -> GovbrSignIn:
    assert account.id is not None
    session.add(GovbrLink(account_id=account.id, subject=identity.cpf, level=identity.level, linked_at=now,
                          last_sign_in_at=now))
    record(session, account.id, Event.GOVBR_LINKED, client, now)
    return _signed_in(session, outcome, account.id, identity, client, now, device_hash)


def _signed_in(session: Session, outcome: Outcome, account_id: int, identity: Identity, client: Client,
               now: datetime, device_hash: str, browser_hash: str = "") -> GovbrSignIn:
    proved = of_govbr(identity.level)
    if not two_steps({proved}) and two_step.is_enabled(session, account_id):
        # Bronze is no stronger than the portal password: the code comes next, as after it.
        two_step.hold_sign_in(session, account_id, browser_hash=browser_hash, temporary=False,
                              factors=encode_factors({proved}), govbr_level=identity.level, now=now)
        session.commit()
        return GovbrSignIn(Outcome.CODE_NEEDED, account_id)
    record(session, account_id, Event.GOVBR_SIGN_IN, client, now)
    token = sessions.add_session(session, account_id, user_agent=client.user_agent, client_ip=client.ip,
                                 now=now, govbr_level=identity.level, device_hash=device_hash,
                                 factors=encode_factors({proved}))
    session.commit()
    return GovbrSignIn(outcome, account_id, token)


@dataclasses.dataclass(frozen=True)
class PendingLink:
    account_id: int
    level: str
    full_name: str


def pending_link(session: Session, browser_hash: str, now: datetime | None = None) -> PendingLink | None:
    """The bronze link waiting for the portal password in this browser, if any."""
    now = now or utcnow()
    if not browser_hash:
        return None
    found = session.exec(
        select(GovbrAuthorization, Account)
        .join(Account, col(Account.id) == col(GovbrAuthorization.pending_account_id))
        .where(GovbrAuthorization.browser_hash == browser_hash)
        .where(col(GovbrAuthorization.expires_at) > now)
        .order_by(col(GovbrAuthorization.created_at).desc())
    ).first()
    if found is None:
        return None
    authorization, account = found
    return PendingLink(account.id, authorization.pending_level, account.full_name)


class LinkStatus(enum.StrEnum):
    LINKED = "linked"
    WRONG_PASSWORD = "wrong_password"
    LIMITED = "limited"
    GONE = "gone"  # nothing waiting in this browser (expired, used, or never started)


@dataclasses.dataclass(frozen=True)
class LinkResult:
    status: LinkStatus
    session_token: str = ""  # LINKED: the new session, for the HttpOnly cookie
    retry_in: int = 0
    code_needed: bool = False  # LINKED into an account with two-step on: the code comes next


def confirm_link(session: Session, *, browser_hash: str, password: str, client: Client,
                 limiter: Limiter | None, device_hash: str = "", now: datetime | None = None) -> LinkResult:
    """The portal password typed for a bronze link: under the sign-in limits. Linked, it opens
    a session (``device_hash``: this device's id cookie, for new-device alerts), unless two-step
    is on: then the sign-in waits for the code in this browser."""
    now = now or utcnow()
    pending = pending_link(session, browser_hash, now)
    if pending is None:
        return LinkResult(LinkStatus.GONE)
    account = session.get(Account, pending.account_id)
    assert account is not None
    check = reauth.check_current_password(session, account, password, client=client, limiter=limiter, now=now)
    if not check.ok:
        return LinkResult(LinkStatus.LIMITED, retry_in=check.retry_in) if check.retry_in else LinkResult(
            LinkStatus.WRONG_PASSWORD)
    used = session.exec(
        update(GovbrAuthorization)
        .where(col(GovbrAuthorization.browser_hash) == browser_hash)
        .where(col(GovbrAuthorization.pending_account_id) == account.id)
        .values(pending_account_id=None, expires_at=now)
    ).rowcount
    if not used:  # confirmed meanwhile in another tab
        session.rollback()
        return LinkResult(LinkStatus.GONE)
    session.add(GovbrLink(account_id=account.id, subject=account.cpf, level=pending.level, linked_at=now,
                          last_sign_in_at=now, by_password=True))
    record(session, account.id, Event.GOVBR_LINKED, client, now)
    proved = encode_factors({of_govbr(pending.level), Factor.PASSWORD})
    if two_step.is_enabled(session, account.id):
        # The password and a bronze gov.br are one step twice over: the code is still asked.
        two_step.hold_sign_in(session, account.id, browser_hash=browser_hash, temporary=False, factors=proved,
                              govbr_level=pending.level, now=now)
        session.commit()
        return LinkResult(LinkStatus.LINKED, code_needed=True)
    record(session, account.id, Event.GOVBR_SIGN_IN, client, now)
    token = sessions.add_session(session, account.id, user_agent=client.user_agent, client_ip=client.ip,
                                 now=now, govbr_level=pending.level, device_hash=device_hash, factors=proved)
    session.commit()
    return LinkResult(LinkStatus.LINKED, session_token=token)


def link_of(session: Session, account_id: int) -> GovbrLink | None:
    return session.exec(select(GovbrLink).where(GovbrLink.account_id == account_id)).first()


@dataclasses.dataclass(frozen=True)
class Standing:
    """What Minha conta shows: the linked gov.br level ("" if none) and whether the account
    has a portal password (an account made through gov.br starts without one)."""

    level: str
    has_password: bool


def standing(session: Session, account_id: int) -> Standing:
    account = session.get(Account, account_id)
    link = link_of(session, account_id)
    return Standing(link.level if link else "", bool(account and account.password_hash))


def unlink(session: Session, account_id: int, *, client: Client, now: datetime | None = None) -> bool:
    """Remove the link; refused (False) while the account has no portal password, since the
    citizen could not sign in any more."""
    now = now or utcnow()
    account = session.get(Account, account_id)
    link = link_of(session, account_id)
    if account is None or link is None or not account.password_hash:
        return False
    session.delete(link)
    record(session, account_id, Event.GOVBR_UNLINKED, client, now)
    session.commit()
    return True


def end_links_by_password(session: Session, account_id: int, *, client: Client | None,
                          now: datetime) -> None:
    """The password that made a bronze link is no longer the account's (changed, recovered, or
    known to someone else): the link ends with it. The caller commits."""
    link = link_of(session, account_id)
    if link is not None and link.by_password:
        session.delete(link)
        record(session, account_id, Event.GOVBR_UNLINKED, client, now)


def drop_pending(session: Session, account_id: int, now: datetime) -> None:
    """Bronze links waiting for the password of this account stop waiting (the caller commits)."""
    session.exec(update(GovbrAuthorization).where(col(GovbrAuthorization.pending_account_id) == account_id)
                 .values(pending_account_id=None, expires_at=now))
