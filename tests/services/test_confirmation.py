"""Confirmation links: use once, expiry, superseded links, resend with a growing cooldown."""

from datetime import timedelta

import pytest

from portal.accounts import confirmation, signup
from portal.accounts.confirmation import ConfirmStatus
from portal.models import Account
from tests.services.conftest import PASSWORD


def test_confirm_activates_the_account(db, t0, pending_account, latest_token):
    result = confirmation.confirm(db, latest_token(), now=t0 + timedelta(minutes=3))
    assert result == confirmation.ConfirmResult(ConfirmStatus.OK, pending_account)
    assert db.get(Account, pending_account).confirmed_at == t0 + timedelta(minutes=3)


def test_second_use_of_a_link_is_reported_as_used(db, t0, pending_account, latest_token):
    token = latest_token()
    confirmation.confirm(db, token, now=t0 + timedelta(minutes=3))
    result = confirmation.confirm(db, token, now=t0 + timedelta(minutes=4))
    assert result == confirmation.ConfirmResult(ConfirmStatus.USED, pending_account)
    assert db.get(Account, pending_account).confirmed_at == t0 + timedelta(minutes=3)


@pytest.mark.parametrize(
    ("age", "status"),
    [
        (timedelta(hours=47, minutes=59), ConfirmStatus.OK),
        (timedelta(hours=48), ConfirmStatus.EXPIRED),
        (timedelta(days=30), ConfirmStatus.EXPIRED),
    ],
)
def test_link_expires_after_48_hours(db, t0, pending_account, latest_token, age, status):
    assert confirmation.confirm(db, latest_token(), now=t0 + age).status == status


def test_expired_link_leaves_the_account_unconfirmed(db, t0, pending_account, latest_token):
    confirmation.confirm(db, latest_token(), now=t0 + timedelta(hours=49))
    assert db.get(Account, pending_account).confirmed_at is None


@pytest.mark.parametrize("token", ["", "nao-existe", "x" * 43, "x" * 201])
def test_unknown_link_is_reported_as_unknown(db, t0, pending_account, token):
    assert confirmation.confirm(db, token, now=t0) == confirmation.ConfirmResult(ConfirmStatus.UNKNOWN)


def test_link_replaced_by_a_resend_is_superseded(db, t0, pending_account, latest_token):
    old_token = latest_token()
    assert confirmation.resend(db, pending_account, now=t0 + timedelta(minutes=1)).sent
    result = confirmation.confirm(db, old_token, now=t0 + timedelta(minutes=2))
    assert result == confirmation.ConfirmResult(ConfirmStatus.SUPERSEDED, pending_account)
    assert db.get(Account, pending_account).confirmed_at is None


def test_resend_is_refused_during_the_first_60_seconds(db, t0, pending_account, outbox):
    result = confirmation.resend(db, pending_account, now=t0 + timedelta(seconds=59))
    assert result == confirmation.ResendResult(sent=False, email="maria@example.com",
                                               retry_at=t0 + timedelta(seconds=60))
    assert len(outbox()) == 1


def test_resend_after_60_seconds_sends_a_new_link(db, t0, pending_account, outbox):
    result = confirmation.resend(db, pending_account, now=t0 + timedelta(seconds=60))
    assert result.sent and result.email == "maria@example.com"
    assert [m.to_address for m in outbox()] == ["maria@example.com", "maria@example.com"]


def test_resend_cooldown_grows_with_each_link_in_the_hour(db, t0, pending_account):
    expected_waits = [timedelta(minutes=2), timedelta(minutes=5), timedelta(minutes=15)]
    now = t0 + timedelta(seconds=60)
    for wait in expected_waits:
        result = confirmation.resend(db, pending_account, now=now)
        assert result.sent
        assert result.retry_at == now + wait
        assert not confirmation.resend(db, pending_account, now=now + wait - timedelta(seconds=1)).sent
        now += wait


def test_resend_cooldown_resets_after_a_quiet_hour(db, t0, pending_account):
    confirmation.resend(db, pending_account, now=t0 + timedelta(seconds=60))
    later = t0 + timedelta(hours=2)
    result = confirmation.resend(db, pending_account, now=later)
    assert result.sent and result.retry_at == later + timedelta(seconds=60)


def test_resend_for_an_expired_link_sends_a_new_one(db, t0, pending_account, latest_token, outbox):
    expired = latest_token()
    later = t0 + timedelta(hours=50)
    assert confirmation.confirm(db, expired, now=later).status == ConfirmStatus.EXPIRED
    result = confirmation.resend_for_token(db, expired, now=later)
    assert result.sent and result.email == "maria@example.com"
    assert len(outbox()) == 2
    assert confirmation.confirm(db, latest_token(), now=later).status == ConfirmStatus.OK


def test_resend_for_an_unknown_link_does_nothing(db, t0, pending_account, outbox):
    assert confirmation.resend_for_token(db, "nao-existe", now=t0 + timedelta(hours=1)) is None
    assert len(outbox()) == 1


def test_confirmed_account_cannot_resend(db, t0, confirmed_account, latest_token, outbox):
    assert confirmation.resend(db, confirmed_account, now=t0 + timedelta(hours=3)) is None
    assert confirmation.resend_for_token(db, latest_token(), now=t0 + timedelta(hours=3)) is None
    assert len(outbox()) == 1


def test_confirm_uses_the_email_the_link_was_sent_to(db, t0, make_form, pending_account, latest_token):
    signup.correct_email(db, pending_account, "certo@example.com", "certo@example.com", now=t0, password=PASSWORD)
    confirmation.confirm(db, latest_token(), now=t0 + timedelta(minutes=1))
    account = db.get(Account, pending_account)
    assert account.email == "certo@example.com" and account.confirmed_at is not None


def test_confirmation_ttl_comes_from_settings(db, t0, make_form, latest_token, monkeypatch):
    from portal.core import config

    monkeypatch.setenv("PORTAL_CONFIRMATION_TTL_HOURS", "1")
    config.settings.cache_clear()
    signup.register(db, make_form(), now=t0)
    result = confirmation.confirm(db, latest_token(), now=t0 + timedelta(hours=1))
    assert result.status == ConfirmStatus.EXPIRED
