"""Reading bounces: which of our messages a delivery status notification is about, and why.

The fixtures in tests/fixtures/dsn are bounces in the shapes real relays send (Postfix, classic
Exim, Gmail, Exchange Online, Sendmail), anonymised; a few bounces are built here to vary one thing.
"""

from __future__ import annotations

import base64
import dataclasses
import random
from email.message import EmailMessage
from pathlib import Path

import pytest

from portal.mail import bounces
from portal.mail.failures import Failure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dsn"
BOUNCE_ADDRESS = "retorno@campinas.sp.gov.br"

# Lines of the body of our message as the bounces that return it whole quote it.
BODY_LINES = (
    "Sua senha temporária é K7QM-3XHP-W9TD",
    "K7QM-3XHP-W9TD",
    "Recebemos um pedido de recuperação de senha para a sua conta.",
    "Ela vale uma única vez",
)


@dataclasses.dataclass(frozen=True)
class Expected:
    tag: str  # the return path's tag: the relay sends the bounce to retorno+<tag>@...
    tags_in_headers: tuple[str, ...]  # what a bounce read from a mailbox (no envelope) gives
    message_id: str
    permanent: bool
    kind: Failure
    reason: tuple[str, ...]  # pieces the reason holds
    returns_body: bool  # the bounce quotes the body of our message, not only its headers


EXPECTED: dict[str, Expected | None] = {
    "postfix_user_unknown.eml": Expected(
        tag="3f9a0c5e7b21d4f8a6c09e12",
        tags_in_headers=("3f9a0c5e7b21d4f8a6c09e12",),
        message_id="<4f1c2a9e8b7d6c5e3a2f1b0c9d8e7f6a@campinas.sp.gov.br>",
        permanent=True,
        kind=Failure.NO_SUCH_ADDRESS,
        reason=("5.1.1 smtp; 550 5.1.1 <ana.souza@example.com>: Recipient address rejected: "
                "User unknown in virtual mailbox table",),
        returns_body=False,
    ),
    "exim_user_unknown.eml": Expected(
        tag="8d41b7e2c0f95a36e1d07c4b",
        tags_in_headers=("8d41b7e2c0f95a36e1d07c4b",),
        message_id="<9a8b7c6d5e4f30211203f4e5d6c7b8a9@campinas.sp.gov.br>",
        permanent=True,
        kind=Failure.NO_SUCH_ADDRESS,
        reason=("550 5.1.1 <pedro.lima@example.org>: Recipient address rejected: "
                "User unknown in local recipient table",),
        returns_body=True,
    ),
    "gmail_address_not_found.eml": Expected(
        tag="c7e19a05f3b28d4e6a1f0b97",
        tags_in_headers=("c7e19a05f3b28d4e6a1f0b97",),
        message_id="<b3e8d1f0a2c94e7b8d6f5a4c3b2e1d0f@campinas.sp.gov.br>",
        permanent=True,
        kind=Failure.NO_SUCH_ADDRESS,
        # The multi-line reply reads as one sentence, its repeated "550-5.1.1" gone.
        reason=("5.1.1 smtp; 550 5.1.1 The email account that you tried to reach does not exist. "
                "Please try double-checking the recipient's email address for typos or unnecessary spaces.",),
        returns_body=True,
    ),
    "outlook_recipient_not_found.eml": Expected(
        tag="5b0e8f2a9c1d47e3b6a05d18",
        tags_in_headers=(),  # addressed To: our From address: only the envelope or the Message-ID tell
        message_id="<0c1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5@campinas.sp.gov.br>",
        permanent=True,
        kind=Failure.NO_SUCH_ADDRESS,
        reason=("5.1.10 smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
                "Recipient not found by SMTP address lookup",),
        returns_body=True,
    ),
    "mailbox_full.eml": Expected(
        tag="e2a94c17b05d38f6a7c2e901",
        tags_in_headers=("e2a94c17b05d38f6a7c2e901",),
        message_id="<7e6d5c4b3a2918f7e6d5c4b3a2918f70@campinas.sp.gov.br>",
        permanent=True,
        kind=Failure.MAILBOX_FULL,
        reason=("5.2.2 smtp; 552 5.2.2 <carla.mendes@example.net> Quota exceeded "
                "(mailbox for user is full)",),
        returns_body=True,
    ),
    "spam_refused.eml": Expected(
        tag="91f0d3b6a8e24c57d1e03a6f",
        tags_in_headers=("91f0d3b6a8e24c57d1e03a6f",),
        message_id="<a1b2c3d4e5f60718293a4b5c6d7e8f90@campinas.sp.gov.br>",
        permanent=True,
        kind=Failure.SPAM,
        reason=("5.7.1 SMTP; 554 5.7.1 Spam message rejected",),
        returns_body=False,
    ),
    "delayed.eml": Expected(
        tag="0123456789abcdef01234567",
        tags_in_headers=("0123456789abcdef01234567",),
        message_id="<0123456789abcdef0123456789abcdef@campinas.sp.gov.br>",
        permanent=False,
        kind=Failure.OTHER,
        reason=("4.4.1 X-Postfix; connect to mx.example.com[198.51.100.20]:25: Connection timed out",),
        returns_body=False,
    ),
    "out_of_office.eml": None,  # an auto-reply, sent to the return path by a Sieve vacation rule
    "ordinary_reply.eml": None,  # a person's answer
}

BOUNCES = [name for name, expected in EXPECTED.items() if expected is not None]


def raw_of(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def return_path(tag: str) -> str:
    return f"retorno+{tag}@campinas.sp.gov.br"


def read(raw: bytes, *envelope: str) -> bounces.Bounce | None:
    return bounces.read(raw, bounce_address=BOUNCE_ADDRESS, envelope_recipients=envelope)


# --- Every fixture -------------------------------------------------------------------------------


def test_every_fixture_is_described_here():
    assert sorted(p.name for p in FIXTURES.glob("*.eml")) == sorted(EXPECTED)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.eml")), ids=lambda p: p.name)
def test_each_fixture_reads_as_described(path):
    assert path.name in EXPECTED, f"describe {path.name} in EXPECTED"
    expected = EXPECTED[path.name]
    raw = path.read_bytes()
    if expected is None:
        assert read(raw) is None
        return
    bounce = read(raw, f"<{return_path(expected.tag)}>")
    assert bounce is not None
    assert bounce.tags == (expected.tag,)
    assert bounce.message_ids == (expected.message_id,)
    assert bounce.permanent is expected.permanent
    assert bounce.kind is expected.kind
    for piece in expected.reason:
        assert piece in bounce.reason


@pytest.mark.parametrize("name", BOUNCES)
def test_read_from_a_mailbox_the_headers_give_the_tag(name):
    expected = EXPECTED[name]
    bounce = read(raw_of(name))
    assert bounce is not None
    assert bounce.tags == expected.tags_in_headers
    assert bounce.message_ids == (expected.message_id,)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_line_ends_as_received_over_smtp_change_nothing(name):
    raw = raw_of(name)
    assert read(raw.replace(b"\n", b"\r\n")) == read(raw)


# --- The reason ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [name for name in BOUNCES if EXPECTED[name].returns_body])
def test_the_reason_never_quotes_our_message(name):
    raw = raw_of(name)
    assert "Sua senha temporária é K7QM-3XHP-W9TD".encode() in raw  # the bounce does return it
    reason = read(raw).reason
    for line in BODY_LINES:
        assert line not in reason


@pytest.mark.parametrize("name", BOUNCES)
def test_the_reason_is_at_most_500_characters(name):
    assert 0 < len(read(raw_of(name)).reason) <= bounces.MAX_REASON


def test_a_plain_bounce_takes_its_reason_from_the_notification_not_the_copy():
    # The notification without its SMTP error, and the copy of our message with a line that looks
    # like one: the reason falls back to the failed address rather than quote the copy.
    raw = raw_of("exim_user_unknown.eml")
    error = (b"    SMTP error from remote mail server after RCPT TO:<pedro.lima@example.org>:\n"
             b"    host mailstore.example.org [192.0.2.40]: 550 5.1.1 <pedro.lima@example.org>:\n"
             b"    Recipient address rejected: User unknown in local recipient table\n")
    assert error in raw
    secret = "Sua senha temporária é K7QM-3XHP-W9TD".encode()
    raw = raw.replace(error, b"").replace(secret, b"550 5.1.1 " + secret)
    bounce = read(raw)
    assert bounce is not None and bounce.permanent
    assert bounce.reason == "pedro.lima@example.org"


def test_a_plain_bounce_listing_two_addresses_gives_the_first_reply_alone():
    raw = raw_of("exim_user_unknown.eml")
    second = (b"  lucas.pereira@example.org\n"
              b"    SMTP error from remote mail server after RCPT TO:<lucas.pereira@example.org>:\n"
              b"    host mailstore.example.org [192.0.2.40]: 552 5.2.2 <lucas.pereira@example.org>:\n"
              b"    Mailbox full\n")
    marker = b"    Recipient address rejected: User unknown in local recipient table\n"
    raw = raw.replace(marker, marker + second)
    bounce = read(raw)
    assert bounce.reason.endswith("User unknown in local recipient table")
    assert bounce.kind is Failure.NO_SUCH_ADDRESS


def test_text_after_the_returned_headers_is_not_the_relays():
    # Some relays return the headers and then the body of our message as a separate text part.
    raw = (
        "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
        f"To: {return_path(OTHER_TAG)}\n"
        "Subject: Mail delivery failed: returning message to sender\n"
        "X-Failed-Recipients: pedro.lima@example.org\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="B"\n'
        "\n"
        "--B\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "A message that you sent could not be delivered to one or more of its recipients.\n"
        "  pedro.lima@example.org: retry timeout exceeded\n"
        "\n"
        "--B\n"
        "Content-Type: text/rfc822-headers\n"
        "\n"
        "Message-ID: <9a8b7c6d5e4f30211203f4e5d6c7b8a9@campinas.sp.gov.br>\n"
        "\n"
        "--B\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        "550 Sua senha temporária é K7QM-3XHP-W9TD\n"
        "--B--\n"
    ).encode()
    bounce = read(raw)
    assert bounce.message_ids == ("<9a8b7c6d5e4f30211203f4e5d6c7b8a9@campinas.sp.gov.br>",)
    assert bounce.reason == "pedro.lima@example.org: retry timeout exceeded"


def test_a_plain_bounce_without_a_from_header_is_still_read():
    # flufl.bounce stumbles on a single-part message without From before it reads the text (here,
    # without X-Failed-Recipients, only the text tells); the module works around it.
    raw = b"".join(line for line in raw_of("exim_user_unknown.eml").splitlines(keepends=True)
                   if not line.startswith((b"From: ", b"X-Failed-Recipients: ")))
    bounce = read(raw)
    assert bounce is not None and bounce.permanent
    assert bounce.reason.startswith("550 5.1.1 <pedro.lima@example.org>")


def test_the_reason_never_quotes_the_subject_of_our_message():
    # Exchange 2003's plain notification quotes To, Subject and Sent before the failed address
    # (X-Failed-Recipients added here so that flufl.bounce takes it for a bounce).
    raw = (
        "From: System Administrator <postmaster@example.org>\n"
        f"To: {return_path(OTHER_TAG)}\n"
        "Subject: Undeliverable: Sua senha temporaria do Portal de Servicos\n"
        "X-Failed-Recipients: pedro.lima@example.org\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "Your message\n"
        "\n"
        "  To:      pedro.lima@example.org\n"
        "  Subject: Sua senha temporária do Portal de Serviços\n"
        "  Sent:    Fri, 21 Jun 2024 10:05:39 -0300\n"
        "\n"
        "did not reach the following recipient(s):\n"
        "\n"
        "pedro.lima@example.org on Fri, 21 Jun 2024 10:05:42 -0300\n"
        "    The recipient name is not recognized\n"
    ).encode()
    bounce = read(raw)
    assert bounce.reason == (
        "pedro.lima@example.org on Fri, 21 Jun 2024 10:05:42 -0300 The recipient name is not recognized")


def test_a_report_without_diagnostic_takes_the_reply_from_the_notification():
    # OpenSMTPD reports only "Status: 5.0.0"; the remote server's reply is in the text.
    raw = dsn(
        "Final-Recipient: rfc822; ana.souza@example.com\nAction: failed\nStatus: 5.0.0\n",
        notification=(
            "    Hi!\n\n    This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
            "    An error has occurred while attempting to deliver a message for\n"
            "    the following list of recipients:\n\n"
            "ana.souza@example.com: 550 5.1.1 <ana.souza@example.com>: Recipient address rejected: "
            "User unknown\n\n"
            "    Below is a copy of the original message:\n"
        ),
    )
    bounce = read(raw)
    assert bounce.reason == ("5.0.0 550 5.1.1 <ana.souza@example.com>: "
                             "Recipient address rejected: User unknown")
    assert bounce.kind is Failure.NO_SUCH_ADDRESS


def test_the_remote_servers_code_decides_when_the_report_says_only_5_0_0():
    diagnostic = "smtp; 550 5.7.1 Message rejected due to content restrictions"
    raw = dsn(recipient_block("failed", "5.0.0", diagnostic))
    bounce = read(raw)
    assert bounce.kind is Failure.SPAM
    assert bounce.reason.startswith("5.0.0 smtp; 550 5.7.1 ")


def test_a_long_diagnostic_is_cut_at_500_characters():
    bounce = read(dsn(recipient_block("failed", "5.1.1", "smtp; 550 5.1.1 " + "x" * 2000)))
    assert len(bounce.reason) == bounces.MAX_REASON
    assert bounce.reason.startswith("5.1.1 smtp; 550 5.1.1 xxx")


# --- Permanent or delayed ------------------------------------------------------------------------


def test_a_delay_warning_is_not_permanent():
    bounce = read(raw_of("delayed.eml"))
    assert bounce is not None and bounce.permanent is False


def test_the_first_failed_recipient_decides_even_after_a_delayed_one():
    timed_out = "X-Postfix; connect to mx.example.com[198.51.100.20]:25: timed out"
    raw = dsn(
        recipient_block("delayed", "4.4.1", timed_out, recipient="lucas.pereira@example.com"),
        recipient_block("failed", "5.2.2", "smtp; 552 5.2.2 <ana.souza@example.com> Mailbox full"),
    )
    bounce = read(raw)
    assert bounce.permanent is True
    assert bounce.kind is Failure.MAILBOX_FULL
    assert "Mailbox full" in bounce.reason and "timed out" not in bounce.reason


@pytest.mark.parametrize("action", ["delivered", "relayed", "expanded"])
def test_a_success_notice_is_not_a_bounce(action):
    assert read(dsn(recipient_block(action, "2.0.0", "smtp; 250 2.0.0 OK queued as 4W5Qk21XyJ"))) is None


def test_a_plain_bounce_with_a_4xx_reply_is_not_permanent():
    raw = raw_of("exim_user_unknown.eml").replace(b": 550 5.1.1 <pedro", b": 452 4.2.2 <pedro")
    bounce = read(raw)
    assert bounce is not None
    assert bounce.permanent is False
    assert bounce.reason.startswith("452 4.2.2")


def test_a_report_the_email_package_cannot_split_is_read_too():
    # RFC 6533's message/global-delivery-status, and a delivery-status sent base64-encoded.
    block = recipient_block("failed", "5.1.1", "smtp; 550 5.1.1 <ana.souza@example.com>: User unknown")
    for raw in (dsn(block, status_type="message/global-delivery-status"), dsn(block, base64_status=True)):
        bounce = read(raw)
        assert bounce is not None
        assert bounce.kind is Failure.NO_SUCH_ADDRESS
        assert bounce.reason == "5.1.1 smtp; 550 5.1.1 <ana.souza@example.com>: User unknown"


# --- Tags ----------------------------------------------------------------------------------------

OTHER_TAG = "ffee0011223344556677aabb"


def test_the_envelope_comes_first_then_the_headers():
    bounce = read(raw_of("postfix_user_unknown.eml"), return_path(OTHER_TAG))
    assert bounce.tags == (OTHER_TAG, "3f9a0c5e7b21d4f8a6c09e12")


def test_a_tag_in_the_envelope_and_the_headers_counts_once():
    tag = EXPECTED["exim_user_unknown.eml"].tag
    assert read(raw_of("exim_user_unknown.eml"), return_path(tag), f"<{return_path(tag)}>").tags == (tag,)


def test_without_any_tag_the_message_id_still_names_the_message():
    bounce = read(raw_of("outlook_recipient_not_found.eml"))
    assert bounce.tags == ()
    assert bounce.message_ids == ("<0c1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5@campinas.sp.gov.br>",)
    assert bounce.permanent and bounce.kind is Failure.NO_SUCH_ADDRESS


@pytest.mark.parametrize("header", ["X-Original-To", "Delivered-To", "To", "Envelope-To"])
def test_each_delivery_header_can_carry_the_tag(header):
    raw = dsn(recipient_block("failed", "5.1.1", "smtp; 550 5.1.1 User unknown"),
              headers=f"{header}: {return_path(OTHER_TAG)}\n")
    assert read(raw).tags == (OTHER_TAG,)


def test_local_part_and_domain_match_in_any_case():
    tag = "0123456789abcdef0123"
    assert read(raw_of("outlook_recipient_not_found.eml"), f"RETORNO+{tag}@Campinas.SP.gov.BR").tags == (tag,)


@pytest.mark.parametrize("address", [
    f"contato+{OTHER_TAG}@campinas.sp.gov.br",  # another local part
    f"xretorno+{OTHER_TAG}@campinas.sp.gov.br",
    f"retorno+{OTHER_TAG}@example.com",  # another domain
    f"retorno+{OTHER_TAG}@mail.campinas.sp.gov.br",
    f"retorno+{OTHER_TAG}@campinas.sp.gov.br.example.com",
    f"retorno-{OTHER_TAG}@campinas.sp.gov.br",  # another delimiter
    "retorno+zz0c5e7b21d4f8a6c09e12@campinas.sp.gov.br",  # not hex
    "retorno+3f9a0c5e7b21d4f@campinas.sp.gov.br",  # 15 hex digits: too short
    "retorno+" + "a" * 41 + "@campinas.sp.gov.br",  # too long
    "retorno+3f9a0c5e-7b21-d4f8@campinas.sp.gov.br",
    "retorno+@campinas.sp.gov.br",
    "retorno@campinas.sp.gov.br",  # the bare return path names no message
])
def test_addresses_that_are_not_our_tagged_return_path_are_ignored(address):
    assert read(raw_of("outlook_recipient_not_found.eml"), address, f"<{address}>").tags == ()
    raw = dsn(recipient_block("failed", "5.1.1", "smtp; 550 5.1.1 User unknown"),
              headers=f"X-Original-To: {address}\nDelivered-To: {address}\nTo: <{address}>\n")
    assert read(raw).tags == ()


def test_tags_are_found_between_16_and_40_hex_digits():
    for tag in ("0123456789abcdef", "0123456789abcdef0123456789abcdef01234567"):
        assert read(raw_of("outlook_recipient_not_found.eml"), return_path(tag)).tags == (tag,)


# --- Not bounces ---------------------------------------------------------------------------------


def test_an_out_of_office_reply_to_the_return_path_is_not_a_bounce():
    raw = raw_of("out_of_office.eml")
    assert b"Auto-Submitted: auto-replied" in raw
    assert read(raw, return_path("6c2d8e0f4a1b3c5d7e9f0a2b")) is None


def test_an_ordinary_message_is_not_a_bounce():
    message = EmailMessage()
    message["From"] = "Cidadão <cidadao@example.com>"
    message["To"] = return_path(OTHER_TAG)
    message["Subject"] = "Dúvida sobre o cadastro"
    message.set_content("Olá, não consegui entrar no portal. O código 550 aparece na tela.\n")
    assert read(message.as_bytes(), return_path(OTHER_TAG)) is None


@pytest.mark.parametrize("raw", [
    b"",
    b"\x00\xff\xfe" * 300,
    bytes(random.Random(20240621).randrange(256) for _ in range(4000)),
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"\"\n\n--\n--\n",
    b"Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n%%%not base64%%%\n",
    b"From: <>\nTo: " + b"<" * 5000 + b"\n\n" + b"\n--x\n" * 1000,
], ids=["empty", "binary", "random", "empty-boundary", "bad-base64", "angle-brackets"])
def test_garbage_is_not_a_bounce_and_never_raises(raw):
    assert read(raw) is None


def test_a_failure_while_reading_gives_none_not_an_exception(monkeypatch):
    def broken(*args):
        raise RecursionError("deeply nested MIME")

    monkeypatch.setattr(bounces, "_read", broken)
    assert read(raw_of("postfix_user_unknown.eml")) is None


# --- Bounces built here --------------------------------------------------------------------------


def recipient_block(action: str, status: str, diagnostic: str, *,
                    recipient: str = "ana.souza@example.com") -> str:
    return (f"Final-Recipient: rfc822; {recipient}\n"
            f"Action: {action}\n"
            f"Status: {status}\n"
            f"Diagnostic-Code: {diagnostic}\n")


def dsn(*blocks: str, headers: str = "", status_type: str = "message/delivery-status",
        base64_status: bool = False,
        notification: str = "This is the mail system at host relay.campinas.sp.gov.br.\n") -> bytes:
    """A Postfix-shaped report with the given recipient blocks."""
    report = "Reporting-MTA: dns; relay.campinas.sp.gov.br\n\n" + "\n".join(blocks)
    encoding = ""
    if base64_status:
        report = base64.encodebytes(report.encode()).decode()
        encoding = "Content-Transfer-Encoding: base64\n"
    return (
        "From: MAILER-DAEMON@relay.campinas.sp.gov.br (Mail Delivery System)\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        f"{headers}"
        "Auto-Submitted: auto-replied\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n'
        "\n"
        "--B\n"
        "Content-Description: Notification\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        f"{notification}"
        "\n"
        "--B\n"
        f"Content-Type: {status_type}\n"
        f"{encoding}"
        "\n"
        f"{report}\n"
        "--B--\n"
    ).encode()
