"""Who may use a protected page: the one rule behind every guarded event handler.

A page asks for an ``Access`` level; ``authorize`` reads the session cookie's token and
answers with the viewer (what the page may show about the signed-in person) or where
to send the browser instead. The state layer does the same for every event of a protected
state (portal/state/personal.py), in two steps so that the database is asked once per event
a page sends: ``viewer`` once, then ``decide`` for each guarded handler that event sets off.
No handler checks a session on its own.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime

from sqlmodel import Session

from portal.core import routes
from portal.accounts import sessions, two_step
from portal.accounts.factors import two_steps

SIGNED_OUT = f"{routes.HOME}?sessao=expirada"
STAFF_NEEDS_TWO_STEP = f"{routes.ACCOUNT}?atendimento=duas-etapas"


class Access(enum.StrEnum):
    PUBLIC = "public"  # anyone (forms before sign-in)
    CITIZEN = "citizen"  # a signed-in citizen whose password is settled (Minha conta)
    NEW_PASSWORD = "new_password"  # signed in with a temporary password: only "Defina sua nova senha"
    STAFF = "staff"  # a signed-in staff member (Atendimento)


@dataclasses.dataclass(frozen=True)
class Viewer:
    """The signed-in person, as pages may know them: no password hash, no token."""

    account_id: int
    session_id: int
    full_name: str
    cpf: str
    email: str
    must_change_password: bool
    is_staff: bool
    # This session passed a second step (accounts.factors): required of staff, and of every
    # session of an account with two-step on (``viewer`` refuses those that did not).
    two_step: bool = False


@dataclasses.dataclass(frozen=True)
class Decision:
    viewer: Viewer | None
    allowed: bool
    redirect: str = ""  # where the browser goes when not allowed


def viewer(session: Session, token: str | None, now: datetime | None = None) -> Viewer | None:
    """The person behind a session cookie, or None (no, revoked, idle or expired session, or a
    session that skipped the second step of an account with two-step on: whatever path opened
    it, such a session opens nothing)."""
    current = sessions.current(session, token, now)
    if current is None:
        return None
    account = current.account
    assert account.id is not None
    passed = two_steps(current.factors)
    if not passed and two_step.is_enabled(session, account.id):
        return None
    return Viewer(account_id=account.id, session_id=current.session_id, full_name=account.full_name,
                  cpf=account.cpf, email=account.email, must_change_password=current.must_change_password,
                  is_staff=account.is_staff, two_step=passed)


def decide(found: Viewer | None, access: Access) -> Decision:
    """The rule itself, without the database (unit-tested on its own)."""
    if access is Access.PUBLIC:
        return Decision(found, True)
    if found is None:
        return Decision(None, False, SIGNED_OUT)
    if access is Access.NEW_PASSWORD:
        return Decision(found, found.must_change_password, "" if found.must_change_password else routes.ACCOUNT)
    if found.must_change_password:
        # A temporary-password session may do nothing but set the new password.
        return Decision(found, False, routes.NEW_PASSWORD)
    if access is Access.STAFF and not found.is_staff:
        return Decision(found, False, routes.ACCOUNT)
    if access is Access.STAFF and not found.two_step:
        # Staff see citizens' personal data: a password alone must not open the desk, nor a
        # session that did not pass a second step (two-step being on is not enough).
        return Decision(found, False, STAFF_NEEDS_TWO_STEP)
    return Decision(found, True)


def authorize(session: Session, token: str | None, access: Access, now: datetime | None = None) -> Decision:
    return decide(viewer(session, token, now) if access is not Access.PUBLIC else None, access)
