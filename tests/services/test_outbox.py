"""The transactional mail outbox: delivery, retries with backoff, no double sends, real SMTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.mail import messages, outbox, sender
from portal.models import OutboxMessage

MAIL = messages.EmailData(subject="Assunto de teste", text="Olá, texto.", html="<p>Olá, HTML.</p>")


class RecordingSender:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.sent: list[str] = []

    def __call__(self, message: OutboxMessage) -> None:
        if self.fail:
            raise ConnectionRefusedError("servidor fora do ar")
        self.sent.append(message.to_address)


def at(moment):
    return lambda: moment


@pytest.fixture
def queued(db, t0):
    """Two messages queued at t0; returns their ids."""
    rows = [outbox.enqueue(db, to=f"pessoa{n}@example.com", email=MAIL, now=t0) for n in (1, 2)]
    db.commit()
    return [row.id for row in rows]


def test_enqueued_message_waits_for_the_commit(db, t0):
    outbox.enqueue(db, to="a@example.com", email=MAIL, now=t0)
    db.rollback()
    assert outbox.pending_count(db) == 0


def test_deliver_due_sends_each_due_message_and_marks_it_sent(db, t0, queued):
    send = RecordingSender()
    assert outbox.deliver_due(db, send, now=at(t0)) == 2
    assert send.sent == ["pessoa1@example.com", "pessoa2@example.com"]
    for message_id in queued:
        row = db.get(OutboxMessage, message_id)
        assert (row.sent_at, row.attempts, row.locked_until, row.last_error) == (t0, 1, None, "")
    assert outbox.pending_count(db) == 0


def test_sent_message_keeps_only_its_envelope(db, t0, queued):
    outbox.deliver_due(db, RecordingSender(), now=at(t0))
    row = db.get(OutboxMessage, queued[0])
    assert (row.body_text, row.body_html) == ("", "")
    assert row.subject and row.to_address and row.message_id


def test_unsent_message_keeps_its_body_for_the_next_try(db, t0, queued):
    outbox.deliver_due(db, RecordingSender(fail=True), now=at(t0))
    assert db.get(OutboxMessage, queued[0]).body_text


def test_second_deliver_due_does_not_send_again(db, t0, queued):
    send = RecordingSender()
    outbox.deliver_due(db, send, now=at(t0))
    assert outbox.deliver_due(db, send, now=at(t0 + timedelta(hours=1))) == 0
    assert len(send.sent) == 2


def test_failing_sender_keeps_the_message_and_schedules_a_retry(db, t0, queued):
    assert outbox.deliver_due(db, RecordingSender(fail=True), now=at(t0)) == 0
    row = db.get(OutboxMessage, queued[0])
    assert row.sent_at is None and row.locked_until is None
    assert row.attempts == 1
    assert row.next_attempt_at == t0 + timedelta(seconds=15)
    assert row.last_error == "ConnectionRefusedError: servidor fora do ar"
    assert outbox.pending_count(db) == 2


def test_retry_delay_grows_with_each_failure(db, t0, queued):
    now = t0
    for expected in (timedelta(seconds=15), timedelta(seconds=30), timedelta(minutes=1)):
        outbox.deliver_due(db, RecordingSender(fail=True), now=at(now))
        assert db.get(OutboxMessage, queued[0]).next_attempt_at == now + expected
        now += expected


def test_failing_message_keeps_retrying_hourly_after_many_attempts(db, t0, queued):
    row = db.get(OutboxMessage, queued[0])
    row.attempts = 43
    db.add(row)
    db.commit()
    outbox.deliver_due(db, RecordingSender(fail=True), now=at(t0))
    row = db.get(OutboxMessage, queued[0])
    assert row.attempts == 44
    assert row.next_attempt_at == t0 + outbox.BACKOFF_MAX


def test_message_is_not_sent_before_its_next_attempt(db, t0, queued):
    outbox.deliver_due(db, RecordingSender(fail=True), now=at(t0))
    send = RecordingSender()
    assert outbox.deliver_due(db, send, now=at(t0 + timedelta(seconds=14))) == 0
    assert outbox.deliver_due(db, send, now=at(t0 + timedelta(seconds=15))) == 2
    assert send.sent == ["pessoa1@example.com", "pessoa2@example.com"]


def test_message_queued_in_the_future_is_not_due(db, t0):
    outbox.enqueue(db, to="a@example.com", email=MAIL, now=t0)
    db.commit()
    assert outbox.deliver_due(db, RecordingSender(), now=at(t0 - timedelta(seconds=1))) == 0


def test_message_leased_by_another_worker_is_skipped_until_the_lease_ends(db, t0, queued):
    row = db.get(OutboxMessage, queued[0])
    row.locked_until = t0 + outbox.LEASE
    db.add(row)
    db.commit()
    send = RecordingSender()
    assert outbox.deliver_due(db, send, now=at(t0)) == 1
    assert send.sent == ["pessoa2@example.com"]
    assert outbox.deliver_due(db, send, now=at(t0 + outbox.LEASE + timedelta(seconds=1))) == 1
    assert send.sent == ["pessoa2@example.com", "pessoa1@example.com"]


# --- Real SMTP (aiosmtpd on loopback) --------------------------------------------------


@pytest.fixture
def signed_up(db, make_form, t0):
    from portal.accounts import signup

    assert signup.register(db, make_form(full_name="João Conceição"), now=t0).ok


def test_confirmation_mail_reaches_a_real_smtp_server_as_utf8_text_and_html(db, t0, smtp_server, signed_up):
    inbox = smtp_server()
    assert outbox.deliver_due(db, sender.send, now=at(t0)) == 1
    [received] = inbox.messages
    assert inbox.recipients == [["maria@example.com"]]
    assert received["Subject"] == "Confirme seu e-mail no Portal de Serviços"
    assert received.is_multipart()
    leaves = [p.get_content_type() for p in received.walk() if not p.is_multipart()]
    assert leaves == ["text/plain", "text/html"]
    text_part = received.get_body(preferencelist=("plain",))
    html_part = received.get_body(preferencelist=("html",))
    assert text_part.get_content_charset() == "utf-8" and html_part.get_content_charset() == "utf-8"
    assert "Olá, João." in text_part.get_content()
    assert "http://portal.test/auth/confirmar?token=" in text_part.get_content()
    assert "Olá, João." in html_part.get_content()
    assert received["From"] == "Portal de Serviços <nao-responda@localhost>"


def test_message_id_of_the_outbox_row_is_kept(db, t0, smtp_server, signed_up):
    inbox = smtp_server()
    [row] = db.exec(select(OutboxMessage)).all()
    outbox.deliver_due(db, sender.send, now=at(t0))
    assert inbox.messages[0]["Message-ID"] == row.message_id


def test_mail_queued_while_smtp_is_down_is_delivered_once_when_it_is_back(db, t0, smtp_server, signed_up):
    assert outbox.deliver_due(db, sender.send, now=at(t0)) == 0
    assert outbox.pending_count(db) == 1
    inbox = smtp_server()
    assert outbox.deliver_due(db, sender.send, now=at(t0 + timedelta(seconds=5))) == 0  # still backing off
    assert outbox.deliver_due(db, sender.send, now=at(t0 + timedelta(seconds=15))) == 1
    assert outbox.deliver_due(db, sender.send, now=at(t0 + timedelta(hours=1))) == 0
    assert len(inbox.messages) == 1
    assert outbox.pending_count(db) == 0


def test_smtp_failure_is_recorded_on_the_message(db, t0, smtp_port, signed_up):
    outbox.deliver_due(db, sender.send, now=at(t0))
    [row] = db.exec(select(OutboxMessage)).all()
    assert row.attempts == 1 and row.sent_at is None
    assert row.last_error.startswith("DeliveryError: SMTPConnectNetworkError")
