"""/saude's checks: the database answers, and the oldest queued mail has not waited too long."""

from __future__ import annotations

from datetime import timedelta

from portal.mail import health
from portal.mail import messages, outbox

MAIL = messages.EmailData(subject="Assunto", text="Texto.", html="<p>Texto.</p>")


def test_an_empty_queue_is_healthy(db, t0):
    found = health.check(db, now=t0)
    assert (found.pending_mail, found.oldest_mail_seconds, found.mail_ok) == (0, 0, True)


def test_mail_waiting_longer_than_fifteen_minutes_is_reported(db, t0):
    outbox.enqueue(db, to="a@example.com", email=MAIL, now=t0)
    outbox.enqueue(db, to="b@example.com", email=MAIL, now=t0 + timedelta(minutes=5))
    db.commit()
    found = health.check(db, now=t0 + timedelta(minutes=10))
    assert (found.pending_mail, found.oldest_mail_seconds, found.mail_ok) == (2, 600, True)
    stuck = health.check(db, now=t0 + health.MAIL_STUCK + timedelta(seconds=1))
    assert stuck.oldest_mail_seconds == 901 and not stuck.mail_ok


def test_sent_and_refused_mail_does_not_count(db, t0):
    message = outbox.enqueue(db, to="a@example.com", email=MAIL, now=t0)
    db.commit()
    message.status = outbox.REFUSED
    db.add(message)
    db.commit()
    assert health.check(db, now=t0 + timedelta(hours=2)).pending_mail == 0
