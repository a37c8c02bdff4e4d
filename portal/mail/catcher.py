"""The built-in mail catcher for development: a real SMTP server (aiosmtpd) on loopback
that keeps every message as an .eml file, listed at /dev/emails.

It runs only when PORTAL_SMTP_HOST is unset, so a newcomer can finish sign-up in the
browser without any mail server. It refuses inexistente@… and caixacheia@… as a real relay
would, to show the refused-mail flow.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import logging
import re
import secrets
import time
from pathlib import Path

from aiosmtpd.controller import Controller

log = logging.getLogger(__name__)

_LINK = re.compile(r"https?://[^\s<>\"']+")


# Addresses the catcher refuses as a real relay would, so a developer can see what a
# citizen sees when the address does not exist or the mailbox is full.
REFUSALS = {
    "inexistente": "550 5.1.1 Recipient address rejected: User unknown (mail catcher)",
    "caixacheia": "552 5.2.2 Mailbox full (mail catcher)",
}


class _SaveToFolder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd hook
        refusal = REFUSALS.get(address.strip("<>").partition("@")[0].lower())
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}-{secrets.token_hex(4)}.eml"
        (self.folder / name).write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def start(folder: Path, port: int) -> Controller | None:
    """Start the catcher; None when another worker of this app already listens on the port."""
    # A short ready_timeout: when another worker holds the port, give up in 1 s, not 5.
    controller = Controller(_SaveToFolder(folder), hostname="127.0.0.1", port=port, ready_timeout=1.0)
    try:
        controller.start()
    except (OSError, RuntimeError) as exc:
        log.info("mail catcher not started here (%s); another worker probably has it", exc)
        return None
    log.info("mail catcher listening on 127.0.0.1:%s, saving to %s", port, folder)
    return controller


@dataclasses.dataclass(frozen=True)
class CaughtMessage:
    key: str
    recipient: str
    subject: str
    received: str
    text: str
    links: list[str]


def _parse(path: Path) -> CaughtMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    stamp = int(path.name.split("-", 1)[0]) / 1e9
    return CaughtMessage(
        key=path.stem,
        recipient=str(message.get("To", "")),
        subject=str(message.get("Subject", "")),
        received=time.strftime("%d/%m/%Y %H:%M:%S", time.localtime(stamp)),
        text=text,
        links=list(dict.fromkeys(_LINK.findall(text))),
    )


def list_messages(folder: Path, limit: int = 50) -> list[CaughtMessage]:
    """Newest first."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_parse(path) for path in files]
