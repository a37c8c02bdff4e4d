"""The outbox under faults: SMTP down for a whole run, two workers delivering at once, an app
restart and a worker dying mid-send. Mail goes to a real SMTP server (aiosmtpd on loopback)
that counts what it receives by Message-ID."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from portal.core import db as portal_db
from portal.accounts import cpf as cpf_rules
from portal.accounts import recovery, signup
from portal.mail import outbox, sender
from portal.models import OutboxMessage
from portal.core.ratelimit import Limiter
from portal.support import requests as support

SIGNUPS = 12
SUPPORT_REQUESTS = 10
QUEUED = 1 + 1 + SIGNUPS + SUPPORT_REQUESTS  # Maria's sign-up, her recovery, the others


def at(moment):
    return lambda: moment


@pytest.fixture
def queued(db, smtp_port, confirmed_account, make_form, t0) -> list[str]:
    """Sign-ups, a recovery and support receipts queued at t0; the Message-IDs of every row."""
    for n in range(SIGNUPS):
        form = make_form(cpf=cpf_rules.generate(f"{200000000 + n}"), email=f"pessoa{n}@example.com")
        assert signup.register(db, form, now=t0).ok
    sent = recovery.request(db, cpf="529.982.247-25", email="maria@example.com", client_ip="10.0.0.1",
                            limiter=Limiter("memory://"), now=t0)
    assert sent.status == recovery.RecoveryStatus.SENT
    for n in range(SUPPORT_REQUESTS):
        form = support.SupportForm(name="João da Silva", cpf="", email=f"joao{n}@example.com",
                                   phone="(19) 99876-5432", topic="nao-recebi-email",
                                   description="O e-mail de confirmação não chegou.")
        result = support.create(db, form, client_ip=f"10.0.1.{n}", limiter=Limiter("memory://"), now=t0)
        assert result.errors == {} and result.protocol
    ids = message_ids(db)
    assert len(ids) == QUEUED
    return ids


def rows(session: Session) -> list[OutboxMessage]:
    session.expire_all()
    return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())


def message_ids(session: Session) -> list[str]:
    return [row.message_id for row in rows(session)]


def run_round(session: Session, now, send=sender.send) -> int:
    """What a worker does at ``now``: deliver_due (a batch at a time) until nothing is due."""
    delivered = 0
    for _ in range(10):  # bounded
        if not outbox.due_ids(session, now):
            break
        delivered += outbox.deliver_due(session, send, now=at(now))
    return delivered


def database_url(db) -> str:
    return db.get_bind().url.render_as_string(hide_password=False)


# --- SMTP down for the whole run -----------------------------------------------------------------

def test_nothing_is_delivered_while_smtp_is_down(db, queued, t0):
    assert run_round(db, t0) == 0
    assert run_round(db, t0 + timedelta(minutes=1)) == 0
    assert outbox.pending_count(db) == QUEUED
    assert all(row.sent_at is None for row in rows(db))


def test_every_failed_round_counts_an_attempt(db, queued, t0):
    run_round(db, t0)
    run_round(db, t0 + timedelta(minutes=1))
    assert [row.attempts for row in rows(db)] == [2] * QUEUED
    assert all(row.last_error for row in rows(db))


def test_next_attempt_is_pushed_into_the_future_while_smtp_is_down(db, queued, t0):
    second_round = t0 + timedelta(minutes=1)
    run_round(db, t0)
    run_round(db, second_round)
    assert all(row.next_attempt_at > second_round for row in rows(db))
    assert all(row.locked_until is None for row in rows(db))


def test_queued_mail_keeps_its_body_while_smtp_is_down(db, queued, t0):
    run_round(db, t0)
    assert all(row.body_text for row in rows(db))


# --- two workers when SMTP is back ---------------------------------------------------------------

def _two_workers(url: str, now) -> list[BaseException]:
    """Two app workers (own engine and session each) running deliver_due until nothing is pending."""
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work() -> None:
        engine = portal_db.make_engine(url)
        try:
            with Session(engine, expire_on_commit=False) as session:
                session.exec(select(1)).one()
                barrier.wait(timeout=60)
                for _ in range(10):  # bounded: each round sends up to a batch
                    outbox.deliver_due(session, sender.send, now=at(now))
                    if outbox.pending_count(session) == 0:
                        break
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads), "a worker did not finish"
    return errors


def test_two_workers_deliver_every_message_exactly_once_after_an_outage(db, queued, smtp_server, t0):
    run_round(db, t0)
    run_round(db, t0 + timedelta(minutes=1))
    inbox = smtp_server()
    assert _two_workers(database_url(db), t0 + timedelta(hours=2)) == []
    assert Counter(inbox.message_ids) == Counter(queued)


def test_two_workers_leave_nothing_pending(db, queued, smtp_server, t0):
    run_round(db, t0)
    smtp_server()
    later = t0 + timedelta(hours=2)
    assert _two_workers(database_url(db), later) == []
    assert outbox.pending_count(db) == 0
    assert all(row.sent_at == later for row in rows(db))


def test_mail_is_not_retried_before_its_backoff_ends(db, queued, smtp_server, t0):
    run_round(db, t0)
    inbox = smtp_server()
    assert run_round(db, t0 + outbox.backoff(1) - timedelta(seconds=1)) == 0
    assert inbox.message_ids == []


# --- restarts ------------------------------------------------------------------------------------

def _restart(db) -> Session:
    """Close the app's connections and open new ones, as a new app process would."""
    url = database_url(db)
    db.close()
    db.get_bind().dispose()
    return Session(portal_db.make_engine(url), expire_on_commit=False)


def test_mail_queued_before_a_restart_is_delivered_once_after_it(db, queued, smtp_server, t0):
    run_round(db, t0)  # SMTP still down
    inbox = smtp_server()
    fresh = _restart(db)
    try:
        assert run_round(fresh, t0 + timedelta(hours=1)) == QUEUED
        assert Counter(inbox.message_ids) == Counter(queued)
        assert outbox.pending_count(fresh) == 0
    finally:
        fresh.close()
        fresh.get_bind().dispose()


class WorkerDied(BaseException):
    """The process ends in the middle of a send (not an ordinary delivery error)."""


def test_message_of_a_worker_that_died_mid_send_is_delivered_once_after_its_lease(db, queued, smtp_server, t0):
    inbox = smtp_server()

    def die(message: OutboxMessage) -> None:
        raise WorkerDied

    with pytest.raises(WorkerDied):
        outbox.deliver_due(db, die, now=at(t0))
    fresh = _restart(db)
    try:
        # The dead worker's message is still leased; every other one goes out.
        assert run_round(fresh, t0 + timedelta(seconds=1)) == QUEUED - 1
        assert run_round(fresh, t0 + outbox.LEASE + timedelta(seconds=1)) == 1
        assert Counter(inbox.message_ids) == Counter(queued)
    finally:
        fresh.close()
        fresh.get_bind().dispose()
