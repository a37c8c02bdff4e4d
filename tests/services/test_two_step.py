"""Two-step verification: TOTP (RFC 6238) with a code never accepted twice, recovery codes,
and a sign-in that opens no session before the code."""

from datetime import timedelta

import pyotp
import pytest
from sqlmodel import select

from portal.accounts import login, sessions, two_step
from portal.accounts.activity import Client
from portal.accounts.two_step import Status
from portal.models import Account, AuthSession, OutboxMessage, RecoveryCode, StaffAuditEntry, SupportRequest
from portal.support import desk

BROWSER = "d" * 64
CLIENT = Client(ip="10.1.1.1", user_agent="Firefox")


def _code(secret: str, when) -> str:
    return pyotp.TOTP(secret).at(when)


def signed_in(db, account_id: int, now, factors: str = "pwd") -> int:
    """A session of the account (as a sign-in with ``factors`` opens it): its id."""
    token = sessions.start(db, account_id, now=now, factors=factors)
    return sessions.current(db, token, now).session_id


def turn_on(db, account_id: int, secret: str, now, password: str, session_id: int) -> two_step.Result:
    return two_step.confirm(db, account_id, _code(secret, now), password=password, session_id=session_id,
                            client=CLIENT, limiter=None, now=now)


@pytest.fixture
def session_id(db, confirmed_account, t0) -> int:
    return signed_in(db, confirmed_account, t0)


@pytest.fixture
def enabled(db, confirmed_account, password, session_id, t0):
    """Two-step on for the fixtures' account: (secret, recovery codes)."""
    enrolment = two_step.begin(db, confirmed_account, now=t0)
    result = turn_on(db, confirmed_account, enrolment.secret, t0, password, session_id)
    assert result.status is Status.OK
    return enrolment.secret, list(result.recovery_codes)


def test_it_is_on_only_after_a_first_valid_code(db, confirmed_account, password, session_id, t0):
    enrolment = two_step.begin(db, confirmed_account, now=t0)
    assert enrolment.uri.startswith("otpauth://totp/") and enrolment.qr_svg.startswith("data:image/svg+xml")
    assert not two_step.is_enabled(db, confirmed_account)
    assert two_step.confirm(db, confirmed_account, "123456", password=password, session_id=session_id,
                            client=CLIENT, limiter=None, now=t0).status is Status.WRONG_CODE
    codes = turn_on(db, confirmed_account, enrolment.secret, t0, password, session_id).recovery_codes
    assert two_step.is_enabled(db, confirmed_account) and len(set(codes)) == 10
    assert two_step.begin(db, confirmed_account, now=t0) is None  # on already


def test_recovery_codes_are_stored_hashed(db, confirmed_account, enabled):
    _secret, codes = enabled
    stored = {row.code_hash for row in db.exec(select(RecoveryCode))}
    assert len(stored) == 10 and not stored & set(codes)


@pytest.mark.parametrize("offset", [-30, 0, 30])
def test_a_code_one_step_either_side_is_accepted(db, confirmed_account, enabled, t0, offset):
    secret, _ = enabled
    later = t0 + timedelta(minutes=5)
    assert two_step.accept(db, confirmed_account, _code(secret, later + timedelta(seconds=offset)), later)


def test_a_code_two_steps_away_or_reused_is_refused(db, confirmed_account, enabled, t0):
    secret, _ = enabled
    later = t0 + timedelta(minutes=5)
    assert not two_step.accept(db, confirmed_account, _code(secret, later - timedelta(seconds=60)), later)
    code = _code(secret, later)
    assert two_step.accept(db, confirmed_account, code, later)
    assert not two_step.accept(db, confirmed_account, code, later + timedelta(seconds=10))


def test_a_recovery_code_works_once_in_any_case_and_spacing(db, confirmed_account, enabled, t0):
    _secret, codes = enabled
    assert two_step.accept(db, confirmed_account, " " + codes[0].upper().replace("-", " "), t0)
    assert not two_step.accept(db, confirmed_account, codes[0], t0)
    assert two_step.recovery_codes_left(db, confirmed_account) == 9


def test_a_right_password_opens_no_session_until_the_code(db, confirmed_account, enabled, password, t0):
    secret, _ = enabled
    later = t0 + timedelta(minutes=5)
    sessions_before = db.exec(select(AuthSession)).all()  # the one two-step was turned on in
    result = login.authenticate(db, cpf="52998224725", password=password, now=later,
                                opens=login.Opens(browser_hash=BROWSER))
    assert result.status is login.LoginStatus.CODE_NEEDED and result.credential == ""
    assert db.exec(select(AuthSession)).all() == sessions_before
    other = two_step.finish_sign_in(db, browser_hash="e" * 64, code=_code(secret, later), client=CLIENT,
                                    limiter=None, now=later)
    assert other.status is Status.GONE  # only in the browser that typed the password
    done = two_step.finish_sign_in(db, browser_hash=BROWSER, code=_code(secret, later), client=CLIENT,
                                   limiter=None, now=later)
    assert done.status is Status.OK
    opened = sessions.current(db, done.session_token, now=later)
    assert opened is not None and opened.account.id == confirmed_account
    assert opened.session_id not in {row.id for row in sessions_before}


def test_five_wrong_codes_end_the_sign_in_and_count_against_the_account(db, confirmed_account, enabled, password,
                                                                        t0):
    later = t0 + timedelta(minutes=5)
    login.authenticate(db, cpf="52998224725", password=password, now=later, opens=login.Opens(browser_hash=BROWSER))
    statuses = [two_step.finish_sign_in(db, browser_hash=BROWSER, code="000000", client=CLIENT, limiter=None,
                                        now=later).status for _ in range(5)]
    assert statuses == [Status.WRONG_CODE] * 4 + [Status.GONE]
    # The password is right, so it is not refused; the codes wait (counted apart from it).
    again = login.authenticate(db, cpf="52998224725", password=password, now=later,
                               opens=login.Opens(browser_hash=BROWSER))
    assert again.status is login.LoginStatus.CODE_NEEDED
    assert two_step.finish_sign_in(db, browser_hash=BROWSER, code="000000", client=CLIENT, limiter=None,
                                   now=later).status is Status.LIMITED


def test_the_sign_in_waits_five_minutes_for_the_code(db, confirmed_account, enabled, password, t0):
    secret, _ = enabled
    later = t0 + timedelta(minutes=5)
    login.authenticate(db, cpf="52998224725", password=password, now=later, opens=login.Opens(browser_hash=BROWSER))
    too_late = later + timedelta(minutes=6)
    result = two_step.finish_sign_in(db, browser_hash=BROWSER, code=_code(secret, too_late), client=CLIENT,
                                     limiter=None, now=too_late)
    assert result.status is Status.GONE


def test_turning_it_off_needs_password_and_code(db, confirmed_account, enabled, password, session_id, t0):
    secret, _ = enabled
    later = t0 + timedelta(minutes=5)

    def disable(typed: str, code: str) -> Status:
        return two_step.disable(db, confirmed_account, password=typed, code=code, session_id=session_id,
                                client=CLIENT, limiter=None, now=later).status

    assert disable("errada", _code(secret, later)) is Status.WRONG_PASSWORD
    assert disable(password, "000000") is Status.WRONG_CODE
    assert disable(password, _code(secret, later)) is Status.OK
    assert not two_step.is_enabled(db, confirmed_account)
    assert db.exec(select(RecoveryCode)).all() == []


def test_new_recovery_codes_replace_the_old_ones(db, confirmed_account, enabled, password, session_id, t0):
    _secret, old = enabled
    result = two_step.regenerate_codes(db, confirmed_account, password=password, session_id=session_id,
                                       client=CLIENT, limiter=None, now=t0)
    assert result.status is Status.OK and not set(result.recovery_codes) & set(old)
    assert not two_step.accept(db, confirmed_account, old[0], t0)
    assert two_step.accept(db, confirmed_account, result.recovery_codes[0], t0)


def test_staff_turn_it_off_only_with_a_note_of_how_identity_was_checked(db, confirmed_account, enabled, t0):
    staff = Account(cpf="11144477735", full_name="Ana Atendente", email="ana@example.com", password_hash="x",
                    created_at=t0, confirmed_at=t0, terms_version="1", terms_accepted_at=t0, is_staff=True)
    request = SupportRequest(protocol="2026-000777", created_at=t0, updated_at=t0, topic="acesso", name="Maria",
                             cpf="52998224725", email="maria@example.com", description="Perdi o celular")
    db.add_all([staff, request])
    db.commit()
    assert desk.account_facts(db, request.id).two_step
    checks = ["documento", "cadastro"]  # more in tests/services/test_desk.py
    assert desk.turn_off_two_step(db, request_id=request.id, staff_account_id=staff.id, checks=checks,
                                  identity_check="ok") == "identity_check_required"
    assert two_step.is_enabled(db, confirmed_account)
    note = "RG conferido por vídeo e dados do cadastro batem"
    assert desk.turn_off_two_step(db, request_id=request.id, staff_account_id=staff.id, checks=checks,
                                  identity_check=note) is None
    assert not two_step.is_enabled(db, confirmed_account)
    entry = db.exec(select(StaffAuditEntry).where(StaffAuditEntry.action == "two_step_off")).one()
    assert entry.staff_cpf == "11144477735" and note in entry.detail
    assert any("verificação em duas etapas" in m.subject for m in db.exec(select(OutboxMessage)))
