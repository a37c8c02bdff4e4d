"""What becomes of a message at the relay: a permanent refusal (5xx) is recorded and never
retried; a temporary one (4xx), a dropped connection and a relay that is down are retried;
a round shares one connection and closes it; each message has its own return path (VERP).
Against a real SMTP server (aiosmtpd on loopback) that answers as real relays do."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from portal.core import config
from portal.mail import addresses, delivery, messages, outbox, sender
from portal.models import OutboxMessage

MAIL = messages.EmailData(subject="Assunto de teste", text="Olá, texto.", html="<p>Olá, texto.</p>")
UNKNOWN = "550 5.1.1 <ninguem@example.com>: Recipient address rejected: User unknown in virtual mailbox table"


class ScriptedRelay:
    """Answers RCPT for each address from a script (then 250), can drop the connection at
    DATA, and counts connections (EHLO/HELO) and polite closes (QUIT)."""

    def __init__(self, rcpt: dict[str, list[str]] | None = None, drops: int = 0) -> None:
        self.rcpt = {address: list(answers) for address, answers in (rcpt or {}).items()}
        self.drops = drops
        self.connections = self.quits = 0
        self.rcpt_seen: list[str] = []
        self.mail_from: list[str] = []
        self.delivered: list[str] = []
        self._lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        with self._lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # noqa: N802
        self.mail_from.append(address)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.rcpt_seen.append(address)
        script = self.rcpt.get(address)
        if script:
            return script.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.drops:
            self.drops -= 1
            server.transport.abort()  # the connection dies mid-transaction, as with a crashed relay
            return "451 4.3.0 gone"
        self.delivered.extend(envelope.rcpt_tos)
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):  # noqa: N802
        with self._lock:
            self.quits += 1
        return "221 Bye"


@pytest.fixture
def relay(smtp_server, monkeypatch):
    """Start a ScriptedRelay as the portal's SMTP server when called."""
    monkeypatch.setenv("PORTAL_MAIL_FROM", "Portal de Serviços <nao-responda@campinas.sp.gov.br>")
    config.settings.cache_clear()
    return lambda **script: smtp_server(ScriptedRelay(**script))


def at(moment):
    return lambda: moment


def deliver(db, moment) -> int:
    with sender.Relay() as connection:
        return outbox.deliver_due(db, connection.send, now=at(moment))


def row(db, message_id: int) -> OutboxMessage:
    db.expire_all()
    return db.get(OutboxMessage, message_id)


def queue(db, t0, to: str, **about) -> int:
    message = outbox.enqueue(db, to=to, email=MAIL, now=t0, **about)
    db.commit()
    return message.id


def test_a_550_refusal_is_recorded_with_its_reason_and_never_retried(db, t0, relay):
    server = relay(rcpt={"ninguem@example.com": [UNKNOWN]})
    refused, fine = queue(db, t0, "ninguem@example.com"), queue(db, t0, "maria@example.com")
    assert deliver(db, t0) == 1
    message = row(db, refused)
    assert (message.status, message.failure_kind, message.attempts) == ("refused", "no_such_address", 1)
    assert message.failure_reason.startswith("550 5.1.1 <ninguem@example.com>: Recipient address rejected")
    assert message.failed_at == t0 and message.sent_at is None
    assert message.body_text == "" and message.body_html == ""  # nothing kept that could hold a secret
    assert row(db, fine).status == "sent"
    for hours in (1, 5, 24):
        assert deliver(db, t0 + timedelta(hours=hours)) == 0
    assert server.rcpt_seen.count("ninguem@example.com") == 1  # asked once, never again
    assert outbox.pending_count(db) == 0


@pytest.mark.parametrize(("answer", "kind"), [
    ("552 5.2.2 <x@example.com>: Mailbox full", "mailbox_full"),
    ("554 5.7.1 Message rejected as spam", "spam"),
    ("550 Requested action not taken", "other"),
])
def test_each_permanent_refusal_gets_its_kind(db, t0, relay, answer, kind):
    relay(rcpt={"x@example.com": [answer]})
    message_id = queue(db, t0, "x@example.com")
    deliver(db, t0)
    assert (row(db, message_id).status, row(db, message_id).failure_kind) == ("refused", kind)


def test_a_421_is_retried_later_and_then_delivered_once(db, t0, relay):
    server = relay(rcpt={"maria@example.com": ["421 4.7.0 Try again later, closing connection"]})
    message_id = queue(db, t0, "maria@example.com")
    assert deliver(db, t0) == 0
    message = row(db, message_id)
    assert (message.status, message.attempts) == ("queued", 1)
    assert "421" in message.last_error
    assert message.next_attempt_at == t0 + outbox.backoff(1)
    assert deliver(db, t0 + timedelta(seconds=5)) == 0  # backing off
    assert deliver(db, t0 + outbox.backoff(1)) == 1
    assert (row(db, message_id).status, row(db, message_id).attempts) == ("sent", 2)
    assert server.delivered == ["maria@example.com"]


def test_a_dropped_connection_is_retried_and_delivered_once(db, t0, relay):
    server = relay(drops=2)  # emails retries a dropped connection once at once; then the outbox does
    message_id = queue(db, t0, "maria@example.com")
    assert deliver(db, t0) == 0
    message = row(db, message_id)
    assert message.status == "queued" and message.attempts == 1 and message.failure_kind == ""
    assert deliver(db, t0 + outbox.backoff(1)) == 1
    assert row(db, message_id).status == "sent"
    assert server.delivered == ["maria@example.com"]


def test_a_relay_that_is_down_is_retried_not_refused(db, t0, smtp_port):
    message_id = queue(db, t0, "maria@example.com")
    assert deliver(db, t0) == 0
    assert (row(db, message_id).status, row(db, message_id).failure_kind) == ("queued", "")


def test_a_round_uses_one_connection_and_closes_it(db, t0, relay):
    server = relay()
    for n in range(8):
        queue(db, t0, f"pessoa{n}@example.com")
    assert deliver(db, t0) == 8
    assert (server.connections, server.quits) == (1, 1)


def test_each_message_has_its_own_return_path_and_a_message_id_on_the_sender_domain(db, t0, relay):
    server = relay()
    first, second = queue(db, t0, "a@example.com"), queue(db, t0, "b@example.com")
    deliver(db, t0)
    tags = [row(db, first).bounce_tag, row(db, second).bounce_tag]
    assert all(len(tag) == 24 for tag in tags) and tags[0] != tags[1]
    assert server.mail_from == [f"retorno+{tag}@campinas.sp.gov.br" for tag in tags]
    assert row(db, first).message_id.endswith("@campinas.sp.gov.br>")
    assert addresses.tag_of(server.mail_from[0]) == tags[0]
    assert addresses.tag_of("retorno+nothex!@campinas.sp.gov.br") == ""
    assert addresses.tag_of(f"outro+{tags[0]}@campinas.sp.gov.br") == ""
    assert addresses.tag_of(f"retorno+{tags[0]}@outro.example") == ""


def test_a_bounce_address_of_its_own_is_honoured(db, t0, relay, monkeypatch):
    monkeypatch.setenv("PORTAL_BOUNCE_ADDRESS", "devolvidos@correio.campinas.sp.gov.br")
    config.settings.cache_clear()
    server = relay()
    message_id = queue(db, t0, "a@example.com")
    deliver(db, t0)
    assert server.mail_from == [f"devolvidos+{row(db, message_id).bounce_tag}@correio.campinas.sp.gov.br"]


def test_the_page_finds_the_status_of_the_mail_it_caused_and_nobody_else_s(db, t0, relay):
    relay(rcpt={"ninguem@example.com": [UNKNOWN]})
    mine = queue(db, t0, "ninguem@example.com", purpose=delivery.CONFIRMATION, account_id=7)
    queue(db, t0, "outra@example.com", purpose=delivery.CONFIRMATION, account_id=8)
    found = delivery.latest(db, (delivery.CONFIRMATION,), account_id=7)
    assert (found.status, found.attempts) == ("queued", 0)
    deliver(db, t0)
    found = delivery.latest(db, (delivery.CONFIRMATION,), account_id=7)
    assert found.failed and found.failure_kind == "no_such_address"
    assert delivery.latest(db, (delivery.CONFIRMATION,), account_id=8).status == "sent"
    assert delivery.latest(db, (delivery.TEMPORARY_PASSWORD,), account_id=7) is None
    assert delivery.latest(db, (delivery.CONFIRMATION,)) is None
    assert mine


def test_a_bounce_marks_only_a_sent_message_once(db, t0, relay):
    relay()
    message_id = queue(db, t0, "maria@example.com")
    tag = db.get(OutboxMessage, message_id).bounce_tag
    assert delivery.record_bounce(db, tags=[tag], kind="mailbox_full", reason="5.2.2", now=t0) is None  # not sent yet
    deliver(db, t0)
    later = t0 + timedelta(minutes=7)
    assert delivery.record_bounce(db, tags=["0" * 24, tag], kind="mailbox_full", reason="5.2.2 full", now=later) \
        == message_id
    message = row(db, message_id)
    assert (message.status, message.failure_kind, message.failed_at) == ("bounced", "mailbox_full", later)
    assert delivery.record_bounce(db, tags=[tag], kind="other", reason="again", now=later) is None
    assert row(db, message_id).failure_kind == "mailbox_full"


def test_a_bounce_found_by_message_id_alone(db, t0, relay):
    relay()
    message_id = queue(db, t0, "maria@example.com")
    deliver(db, t0)
    found = db.exec(select(OutboxMessage.message_id).where(OutboxMessage.id == message_id)).one()
    assert delivery.record_bounce(db, message_ids=[found], kind="no_such_address", reason="5.1.1") == message_id


DSN = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "dsn"


@pytest.fixture
def intake(relay, monkeypatch):
    """The bounce intake, listening as the app starts it."""
    from tests.services.smtp import free_port
    from portal.mail import bounce_intake

    port = free_port()
    monkeypatch.setenv("PORTAL_BOUNCE_SMTP_PORT", str(port))
    config.settings.cache_clear()
    controller = bounce_intake.start()
    assert controller is not None
    yield port
    controller.stop()


def hand_in(port: int, fixture: str, return_path: str) -> None:
    import smtplib

    # The fixture's own tags name no message here: the envelope (as the city's mail server
    # forwards it, to the return path) does.
    raw = (DSN / fixture).read_bytes()
    raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # SMTP carries CRLF lines
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as connection:
        connection.sendmail("", [return_path], raw)


@pytest.mark.parametrize(("fixture", "status", "kind"), [
    ("postfix_user_unknown.eml", "bounced", "no_such_address"),
    ("exim_user_unknown.eml", "bounced", "no_such_address"),
    ("gmail_address_not_found.eml", "bounced", "no_such_address"),
    ("outlook_recipient_not_found.eml", "bounced", "no_such_address"),
    ("mailbox_full.eml", "bounced", "mailbox_full"),
    ("spam_refused.eml", "bounced", "spam"),
    ("delayed.eml", "sent", ""),
    ("out_of_office.eml", "sent", ""),
])
def test_the_intake_takes_a_provider_s_bounce_to_its_message(db, t0, relay, intake, fixture, status, kind):
    relay()
    message_id = queue(db, t0, "maria@example.com")
    deliver(db, t0)
    hand_in(intake, fixture, addresses.return_path(row(db, message_id).bounce_tag))
    message = row(db, message_id)
    assert (message.status, message.failure_kind) == (status, kind)
    assert "K7QM-3XHP-W9TD" not in message.failure_reason  # the returned body is never kept


def test_the_intake_refuses_any_other_recipient(intake):
    import smtplib

    with smtplib.SMTP("127.0.0.1", intake, timeout=10) as connection:
        connection.ehlo()
        connection.mail("")
        assert connection.rcpt("alguem@example.com")[0] == 550
        assert connection.rcpt("retorno+zzzz@campinas.sp.gov.br")[0] == 550
        assert connection.rcpt(f"retorno+{'ab' * 12}@campinas.sp.gov.br")[0] == 250
