"""Two-step verification with an authenticator app (TOTP, RFC 6238, with pyotp).

- Turning it on: a secret is made and shown once (QR code and text); it is on only after a
  first valid code. Ten single-use recovery codes are then shown once, stored as SHA-256.
- A code is accepted within one 30 s step either side, and never twice (``last_step``).
- Signing in with it on: a right password (or a recovery's temporary password, or a bronze
  gov.br sign-in) opens no session; it leaves a ``SecondStep`` bound to that browser for 5
  minutes, and only the code (or a recovery code), posted from that browser, opens the
  session, which records both factors (accounts.factors).
- Wrong codes count per account apart from passwords (login_limits.count_code_failure):
  a right password never resets them, so knowing the password buys no more guesses. From
  the 5th wrong code in a row the citizen is told by mail, with "Não fui eu"; the waits and
  the 24 h lock are the sign-in's.
- Turning it on, off, or making new recovery codes asks for the current password (or, for an
  account without one, a sign-in in the last 5 minutes: accounts.reauth.confirm_identity),
  and each is mailed to the citizen with "Não fui eu" and logged in "Atividade recente".
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import secrets
from datetime import datetime, timedelta

import pyotp
import segno
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from portal import texts
from portal.accounts import confirmation, login_limits, reauth, sessions
from portal.accounts.activity import Client, Event, record
from portal.accounts.factors import Factor, decode_factors, encode_factors
from portal.core.clock import utcnow
from portal.mail import messages, outbox
from portal.models import Account, RecoveryCode, SecondStep, TwoStep
from portal.core.ratelimit import Limiter

ISSUER = texts.TWO_STEP_ISSUER
STEP_SECONDS = 30
RECOVERY_CODES = 10
SECOND_STEP_TTL = timedelta(minutes=5)
FAILURES_PER_SIGN_IN = 5  # then the password must be typed again


def _normalize(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())[:20]


def _code_hash(code: str) -> str:
    return hashlib.sha256(_normalize(code).encode()).hexdigest()


def _step(now: datetime) -> int:
    return int(now.timestamp()) // STEP_SECONDS


def _row(session: Session, account_id: int) -> TwoStep | None:
    return session.exec(select(TwoStep).where(TwoStep.account_id == account_id)).first()


def is_enabled(session: Session, account_id: int) -> bool:
    row = _row(session, account_id)
    return row is not None and row.enabled_at is not None


@dataclasses.dataclass(frozen=True)
class Enrolment:
    """What the citizen needs to add the portal to an authenticator app (shown once)."""

    secret: str
    uri: str
    qr_svg: str  # a data: URI of the QR code, drawn on the server


def begin(session: Session, account_id: int, now: datetime | None = None) -> Enrolment | None:
    """A new secret waiting for its first code (None: two-step is already on)."""
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None and account.id is not None
    row = _row(session, account.id)
    if row is not None and row.enabled_at is not None:
        return None
    secret = pyotp.random_base32()
    if row is None:
        row = TwoStep(account_id=account.id, secret=secret, created_at=now)
    else:
        row.secret, row.created_at, row.last_step = secret, now, 0
    session.add(row)
    session.commit()
    uri = pyotp.TOTP(secret, interval=STEP_SECONDS).provisioning_uri(name=account.cpf, issuer_name=ISSUER)
    return Enrolment(secret=secret, uri=uri, qr_svg=segno.make(uri, error="m").svg_data_uri(scale=4, border=2))


def _accept_totp(session: Session, row: TwoStep, code: str, now: datetime) -> bool:
    """The code of the current step or one step either side, newer than the last accepted."""
    digits = _normalize(code)
    if len(digits) != 6 or not digits.isdigit():
        return False
    totp = pyotp.TOTP(row.secret, interval=STEP_SECONDS)
    for step in (_step(now) - 1, _step(now), _step(now) + 1):
        if step > row.last_step and secrets.compare_digest(totp.at(step * STEP_SECONDS), digits):
            # Compare-and-set: of two simultaneous uses of one code, one wins.
            won = session.exec(
                update(TwoStep).where(col(TwoStep.id) == row.id).where(col(TwoStep.last_step) < step)
                .values(last_step=step)
            ).rowcount == 1
            session.expire(row, ["last_step"])
            return won
    return False


def _new_recovery_codes(session: Session, account_id: int) -> list[str]:
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.account_id) == account_id))
    codes = [f"{secrets.token_hex(2)}-{secrets.token_hex(2)}-{secrets.token_hex(2)}" for _ in range(RECOVERY_CODES)]
    session.add_all(RecoveryCode(account_id=account_id, code_hash=_code_hash(code)) for code in codes)
    return codes


def confirm(session: Session, account_id: int, code: str, *, password: str, session_id: int, client: Client,
            limiter: Limiter | None, now: datetime | None = None) -> Result:
    """Turn two-step on with the first valid code, after the current password (a stolen
    session must not be able to lock the owner out): the recovery codes, shown once. This
    session passed the code, so it stays open (accounts.access asks it of every session)."""
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None
    refused = _identity(session, account, password, session_id, client, limiter, now)
    if refused:
        return refused
    row = _row(session, account_id)
    if row is None or row.enabled_at is not None:
        return Result(Status.GONE)
    if not _accept_totp(session, row, code, now):
        session.rollback()
        return Result(Status.WRONG_CODE)
    row.enabled_at = now
    session.add(row)
    codes = _new_recovery_codes(session, account_id)
    sessions.add_factor(session, session_id, Factor.CODE)
    record(session, account_id, Event.TWO_STEP_ENABLED, client, now)
    _notify(session, account, now, messages.two_step_enabled)
    session.commit()
    return Result(Status.OK, recovery_codes=tuple(codes))


def _notify(session: Session, account: Account, now: datetime, message) -> None:
    """Mail the citizen that a two-step setting changed, with "Não fui eu"."""
    link = confirmation.not_me_link_for(session, account, now)
    outbox.enqueue(session, to=account.email, now=now,
                   email=message(full_name=account.full_name, when=now, not_me_link=link))


def _accept_recovery_code(session: Session, account_id: int, code: str, now: datetime) -> bool:
    if len(_normalize(code)) != 12:
        return False
    return session.exec(
        update(RecoveryCode).where(col(RecoveryCode.account_id) == account_id)
        .where(col(RecoveryCode.code_hash) == _code_hash(code)).where(col(RecoveryCode.used_at).is_(None))
        .values(used_at=now)
    ).rowcount == 1


def accept(session: Session, account_id: int, code: str, now: datetime) -> Factor | None:
    """The factor of a valid code from the app, or of an unused recovery code (spent now);
    None for a wrong code. The caller commits."""
    row = _row(session, account_id)
    if row is None or row.enabled_at is None:
        return None
    if _accept_totp(session, row, code, now):
        return Factor.CODE
    return Factor.RECOVERY_CODE if _accept_recovery_code(session, account_id, code, now) else None


def recovery_codes_left(session: Session, account_id: int) -> int:
    return len(session.exec(select(RecoveryCode.id).where(RecoveryCode.account_id == account_id)
                            .where(col(RecoveryCode.used_at).is_(None))).all())


class Status(enum.StrEnum):
    OK = "ok"
    WRONG_CODE = "wrong_code"
    WRONG_PASSWORD = "wrong_password"
    LIMITED = "limited"
    GONE = "gone"  # no sign-in waiting for a code in this browser (expired, used, too many tries)
    SIGN_IN_AGAIN = "sign_in_again"  # no portal password to ask, and the sign-in is over 5 min old


@dataclasses.dataclass(frozen=True)
class Result:
    status: Status
    retry_in: int = 0
    session_token: str = ""  # a sign-in completed: its session, for the HttpOnly cookie
    temporary: bool = False
    recovery_codes: tuple[str, ...] = ()


def hold_sign_in(session: Session, account_id: int, *, browser_hash: str, temporary: bool, factors: str,
                 govbr_level: str = "", now: datetime | None = None) -> None:
    """The first step was right (``factors``: a password, a temporary password, a bronze gov.br
    sign-in): wait for the code in this browser. Added to the caller's transaction."""
    if not browser_hash:
        raise ValueError("a sign-in waiting for its code must be bound to a browser")
    now = now or utcnow()
    session.exec(update(SecondStep).where(col(SecondStep.browser_hash) == browser_hash)
                 .where(col(SecondStep.used_at).is_(None)).values(used_at=now))  # one at a time per browser
    session.add(SecondStep(account_id=account_id, browser_hash=browser_hash, temporary=temporary, created_at=now,
                           expires_at=now + SECOND_STEP_TTL, factors=factors, govbr_level=govbr_level))


def drop_waiting(session: Session, account_id: int, now: datetime) -> None:
    """Sign-ins of the account waiting for their code stop waiting (the caller commits)."""
    session.exec(update(SecondStep).where(col(SecondStep.account_id) == account_id)
                 .where(col(SecondStep.used_at).is_(None)).values(used_at=now))


def _waiting(session: Session, browser_hash: str, now: datetime) -> SecondStep | None:
    if not browser_hash:
        return None
    return session.exec(
        select(SecondStep).where(SecondStep.browser_hash == browser_hash).where(col(SecondStep.used_at).is_(None))
        .where(col(SecondStep.expires_at) > now).order_by(col(SecondStep.created_at).desc())
    ).first()


@dataclasses.dataclass(frozen=True)
class Waiting:
    govbr: bool  # the first step was a bronze gov.br sign-in (else a password)


def waiting_first_step(session: Session, browser_hash: str, now: datetime | None = None) -> Waiting | None:
    """The sign-in waiting for its code in this browser, if any."""
    held = _waiting(session, browser_hash, now or utcnow())
    return Waiting(govbr=bool(held.govbr_level)) if held else None


def finish_sign_in(session: Session, *, browser_hash: str, code: str, client: Client, limiter: Limiter | None,
                   device_hash: str = "", now: datetime | None = None) -> Result:
    """The code typed after the first step, in the browser that took it: the new session
    (``device_hash``: this device's id cookie, for new-device alerts), or why not."""
    now = now or utcnow()
    held = _waiting(session, browser_hash, now)
    if held is None:
        return Result(Status.GONE)
    account = session.get(Account, held.account_id)
    assert account is not None and account.id is not None
    wait = (login_limits.client_wait(limiter, account.cpf, client)
            or login_limits.codes_blocked_for(account, now))
    if wait:
        return Result(Status.LIMITED, retry_in=wait)
    second = accept(session, account.id, code, now)
    if second is None:
        held.failures += 1
        if held.failures >= FAILURES_PER_SIGN_IN:
            held.used_at = now  # the password must be typed again
        session.add(held)
        _count_wrong_code(session, account, client, now)
        session.commit()
        login_limits.count_client_failure(limiter, account.cpf, client)
        return Result(Status.GONE if held.used_at else Status.WRONG_CODE)
    held.used_at = now
    session.add(held)
    login_limits.clear(account)
    login_limits.clear_codes(account)
    session.add(account)
    record(session, account.id, Event.GOVBR_SIGN_IN if held.govbr_level else Event.LOGIN_OK, client, now)
    token = sessions.add_session(session, account.id, must_change_password=held.temporary,
                                 user_agent=client.user_agent, client_ip=client.ip, now=now,
                                 govbr_level=held.govbr_level, device_hash=device_hash,
                                 factors=encode_factors(decode_factors(held.factors) | {second}))
    session.commit()
    return Result(Status.OK, session_token=token, temporary=held.temporary)


def _count_wrong_code(session: Session, account: Account, client: Client, now: datetime) -> None:
    """Counted per account whatever the address or password re-entries; the 5th wrong code in
    a row means someone knows the password: the citizen is told, with "Não fui eu"."""
    if login_limits.count_code_failure(session, account, now, client) == login_limits.FREE_FAILURES:
        outbox.enqueue(session, to=account.email, now=now, email=messages.wrong_codes(
            full_name=account.full_name, when=now, count=login_limits.FREE_FAILURES,
            not_me_link=confirmation.not_me_link_for(session, account, now)))


def _identity(session: Session, account: Account, password: str, session_id: int, client: Client,
              limiter: Limiter | None, now: datetime) -> Result | None:
    """None when the citizen proved it is them again (the password, under the sign-in limits,
    or a fresh sign-in for an account without one); otherwise why not."""
    check = reauth.confirm_identity(session, account, password, session_id=session_id, client=client,
                                    limiter=limiter, now=now)
    if check.retry_in:
        return Result(Status.LIMITED, retry_in=check.retry_in)
    if check.ok:
        return None
    return Result(Status.SIGN_IN_AGAIN if check.stale else Status.WRONG_PASSWORD)


def _identity_and_code(session: Session, account: Account, password: str, code: str, session_id: int,
                       client: Client, limiter: Limiter | None, now: datetime) -> Result | None:
    """None when both are right; otherwise why not."""
    refused = _identity(session, account, password, session_id, client, limiter, now)
    if refused:
        return refused
    assert account.id is not None
    wait = login_limits.codes_blocked_for(account, now)
    if wait:
        return Result(Status.LIMITED, retry_in=wait)
    if accept(session, account.id, code, now) is None:
        _count_wrong_code(session, account, client, now)
        session.commit()
        return Result(Status.WRONG_CODE)
    login_limits.clear_codes(account)
    session.add(account)
    return None


def disable(session: Session, account_id: int, *, password: str, code: str, session_id: int, client: Client,
            limiter: Limiter | None, now: datetime | None = None) -> Result:
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None
    refused = _identity_and_code(session, account, password, code, session_id, client, limiter, now)
    if refused:
        return refused
    _remove(session, account_id)
    record(session, account_id, Event.TWO_STEP_DISABLED, client, now)
    _notify(session, account, now, messages.two_step_disabled)
    session.commit()
    return Result(Status.OK)


def _remove(session: Session, account_id: int) -> None:
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.account_id) == account_id))
    session.exec(delete(TwoStep).where(col(TwoStep.account_id) == account_id))


def regenerate_codes(session: Session, account_id: int, *, password: str, session_id: int, client: Client,
                     limiter: Limiter | None, now: datetime | None = None) -> Result:
    """New recovery codes (the old ones stop working), after the password."""
    now = now or utcnow()
    account = session.get(Account, account_id)
    assert account is not None
    if not is_enabled(session, account_id):
        return Result(Status.GONE)
    refused = _identity(session, account, password, session_id, client, limiter, now)
    if refused:
        return refused
    codes = _new_recovery_codes(session, account_id)
    record(session, account_id, Event.TWO_STEP_CODES_RENEWED, client, now)
    _notify(session, account, now, messages.two_step_codes_renewed)
    session.commit()
    return Result(Status.OK, recovery_codes=tuple(codes))


def turn_off_by_staff(session: Session, account_id: int, now: datetime | None = None) -> bool:
    """For the support desk, after the citizen's identity was checked (the caller audits it)."""
    now = now or utcnow()
    if not is_enabled(session, account_id):
        return False
    _remove(session, account_id)
    record(session, account_id, Event.TWO_STEP_DISABLED, None, now)
    return True
