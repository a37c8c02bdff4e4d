"""A real SMTP server (aiosmtpd) for the browser tests, with a way to wait for a message."""

from __future__ import annotations

import email
import email.policy
import re
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


class _Collect:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_RCPT(self, _server, _session, envelope, address, _options):  # noqa: N802 - aiosmtpd hook
        with self.server.lock:
            self.server.rcpt_seen.append(address.lower())
            refusal = self.server.refusals.get(address.lower())
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 - aiosmtpd hook
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.messages.append(message)
            self.server.return_paths[str(message["Message-ID"])] = envelope.mail_from
        return "250 OK"


class MailServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.messages: list[EmailMessage] = []
        self.rcpt_seen: list[str] = []
        self.refusals: dict[str, str] = {}  # address -> the relay's answer to RCPT (e.g. a 550)
        self.return_paths: dict[str, str] = {}  # Message-ID -> envelope sender (the VERP address)
        self.lock = threading.Lock()
        self.controller = Controller(_Collect(self), hostname="127.0.0.1", port=port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def refuse(self, address: str, answer: str) -> None:
        """Answer RCPT for this address as a relay that refuses it."""
        with self.lock:
            self.refusals[address.lower()] = answer

    def asked(self, address: str) -> int:
        """How many times a message to this address was offered (RCPT)."""
        with self.lock:
            return self.rcpt_seen.count(address.lower())

    def return_path(self, message: EmailMessage) -> str:
        with self.lock:
            return self.return_paths[str(message["Message-ID"])]

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 20, subject: str = "") -> EmailMessage:
        """The count-th message to address (1-based; among those with this subject, if given),
        waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.to(address) if not subject or m["Subject"] == subject]
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.1)
        raise AssertionError(f"no message #{count} to {address} within {timeout} s")


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message: EmailMessage) -> str:
    return LINK.findall(text_of(message))[0]
