""""Não fui eu" locks whoever knew the password out (issue 21, point 5): every session and sign-in
in progress ends, every known device is forgotten (the next sign-in from any alerts again), and
the password signs in no more until the citizen sets a new one through recovery."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from portal.core import routes
from portal.accounts import login, profile, recovery, sessions, two_step
from portal.accounts.activity import Client
from portal.accounts.login import LoginStatus
from portal.models import OutboxMessage
from portal.core.ratelimit import Limiter
from tests.services.conftest import BASE_URL

CPF = "52998224725"
EMAIL = "maria@example.com"
BROWSER = "b" * 64
DEVICE = "d" * 64  # the attacker's device cookie, known to the account after the first alert
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
NEW_PASSWORD = "tucano verde voa sobre o rio"
_NOT_ME = re.compile(re.escape(f"{BASE_URL}{routes.LINK_NOT_ME}?token=") + r"([A-Za-z0-9_\-]+)")
_TEMPORARY = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def _alerts(db) -> list[OutboxMessage]:
    return [m for m in db.exec(select(OutboxMessage)) if m.subject.startswith("Nova entrada")]


def _sign_in(db, password: str, now, device: str = DEVICE) -> login.LoginResult:
    return login.authenticate(db, cpf=CPF, password=password, client=Client("10.6.6.6", FIREFOX), now=now,
                              opens=login.Opens(browser_hash=BROWSER, device_hash=device))


@pytest.fixture
def not_me_used(db, confirmed_account, password, t0):
    """The owner's device, then the attacker's (the alert), then the owner's "Não fui eu"."""
    assert _sign_in(db, password, t0, device="o" * 64).status is LoginStatus.OK
    assert _sign_in(db, password, t0 + timedelta(minutes=1)).status is LoginStatus.OK
    [alert] = _alerts(db)
    assert profile.not_me(db, _NOT_ME.search(alert.body_text).group(1), now=t0 + timedelta(minutes=2))
    return t0 + timedelta(minutes=3)


def test_the_password_no_longer_signs_in(db, password, not_me_used):
    result = _sign_in(db, password, not_me_used)
    assert result.status is LoginStatus.SUSPENDED and result.credential == ""


def test_a_wrong_password_is_still_just_wrong(db, not_me_used):
    assert _sign_in(db, "outra senha qualquer", not_me_used).status is LoginStatus.INVALID


def test_recovery_gives_the_account_back_with_a_new_password(db, confirmed_account, password, outbox,
                                                            not_me_used):
    now = not_me_used
    assert recovery.request(db, cpf=CPF, email=EMAIL, client_ip="10.0.0.1", limiter=Limiter("memory://"),
                            now=now).status is recovery.RecoveryStatus.SENT
    temporary = _sign_in(db, _TEMPORARY.search(outbox()[-1].body_text).group(0), now)
    assert temporary.status is LoginStatus.OK and temporary.temporary
    session_id = sessions.current(db, temporary.credential, now).session_id
    assert profile.set_new_password(db, account_id=confirmed_account, session_id=session_id, new=NEW_PASSWORD,
                                    confirm=NEW_PASSWORD, now=now).ok
    assert _sign_in(db, NEW_PASSWORD, now).status is LoginStatus.OK
    assert _sign_in(db, password, now).status is LoginStatus.INVALID


def test_every_device_is_forgotten_so_the_next_sign_in_alerts_again(db, confirmed_account, password, outbox,
                                                                    not_me_used):
    now = not_me_used
    recovery.request(db, cpf=CPF, email=EMAIL, client_ip="10.0.0.1", limiter=Limiter("memory://"), now=now)
    # Even the owner's own device counts as new: the attacker may have used it.
    _sign_in(db, _TEMPORARY.search(outbox()[-1].body_text).group(0), now, device="o" * 64)
    assert len(_alerts(db)) == 2


def test_sign_ins_in_progress_end_too(db, confirmed_account, password, outbox, t0):
    two_step.hold_sign_in(db, confirmed_account, browser_hash="w" * 64, temporary=False, factors="pwd", now=t0)
    db.commit()
    session_id = sessions.current(db, sessions.start(db, confirmed_account, now=t0, factors="pwd"), t0).session_id
    profile.change_password(db, account_id=confirmed_account, session_id=session_id, current=password,
                            new=NEW_PASSWORD, confirm=NEW_PASSWORD, now=t0)
    assert profile.not_me(db, _NOT_ME.search(outbox()[-1].body_text).group(1), now=t0)
    assert two_step.waiting_first_step(db, "w" * 64, now=t0) is None
