"""A real SMTP server (aiosmtpd on loopback) for service tests, and a free port to put it on."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from email.message import EmailMessage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every accepted message and its envelope recipients."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self._lock = threading.Lock()  # two delivering workers may talk to it at once

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        received = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self._lock:
            self.recipients.append(list(envelope.rcpt_tos))
            self.messages.append(received)
        return "250 OK"

    @property
    def message_ids(self) -> list[str]:
        with self._lock:
            return [str(message["Message-ID"]) for message in self.messages]
