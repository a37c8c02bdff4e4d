"""Delivery over SMTP with the ``emails`` package: the only module that talks to a mail server.

A round of deliveries shares one connection to the relay (``Relay``) and closes it at the
end, so a relay that limits connections per client never sees idle ones pile up.
"""

from __future__ import annotations

import logging
from types import TracebackType

import emails
from emails.backend.smtp import SMTPBackend

from portal.core.config import Settings, settings
from portal.mail import addresses
from portal.mail.failures import classify, status_code
from portal.models import OutboxMessage

log = logging.getLogger(__name__)


class DeliveryError(RuntimeError):
    """The relay did not take the message this time (4xx, timeout, dropped connection): retry."""


class Refused(RuntimeError):
    """The relay refused the message for good (5xx to RCPT or DATA): retrying cannot help."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(f"{code} {text}")
        self.code = code
        self.text = text

    @property
    def kind(self) -> str:
        return classify(status_code(self.text), self.text).value


def smtp_options(cfg: Settings) -> dict[str, object]:
    if cfg.mail_catcher_enabled:
        return {"host": "127.0.0.1", "port": cfg.catcher_port, "timeout": 10}
    options: dict[str, object] = {"host": cfg.smtp_host, "port": cfg.smtp_port, "timeout": 20}
    if cfg.smtp_tls == "ssl":
        options["ssl"] = True
    elif cfg.smtp_tls == "starttls":
        options["tls"] = True
    if cfg.smtp_user:
        options["user"] = cfg.smtp_user
        options["password"] = cfg.smtp_password
    return options


def build(message: OutboxMessage, cfg: Settings | None = None) -> emails.Message:
    """The message as it goes out: signed with DKIM when a key is configured."""
    cfg = cfg or settings()
    mail = emails.html(
        subject=message.subject,
        text=message.body_text,
        html=message.body_html,
        mail_from=cfg.mail_from,
        # The To header is part of the message (and of what DKIM signs), not only of the envelope.
        mail_to=message.to_address,
        headers={
            "Message-ID": message.message_id,
            # Machine-sent (RFC 3834): auto-responders and vacation replies stay quiet.
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    if cfg.dkim_key:
        mail.dkim(key=cfg.dkim_key, domain=addresses.mail_domain(cfg), selector=cfg.dkim_selector,
                  include_headers=[b"from", b"to", b"subject", b"date", b"message-id", b"mime-version",
                                   b"content-type", b"auto-submitted"])
    return mail


def _text(raw: bytes | str | None) -> str:
    if isinstance(raw, bytes):
        return raw.decode("utf-8", "replace")
    return raw or ""


def check(response) -> None:
    """Raise unless the relay accepted the message."""
    if response is not None and response.success:
        return
    code = getattr(response, "status_code", None)
    text = " ".join(_text(getattr(response, "status_text", None)).split())[:400]
    # 5xx to the recipient or to the message is about this message; a 5xx to our own
    # sender (MAIL FROM) or to the login is the portal's configuration, which the IT team
    # fixes: those are retried, so no citizen's mail is lost meanwhile.
    if code is not None and 500 <= code < 600 and getattr(response, "last_command", "") in ("rcpt", "data"):
        raise Refused(code, text)
    error = getattr(response, "error", None)
    raise DeliveryError(f"SMTP {code} {text}".strip() if code else f"{type(error).__name__}: {error}")


class Relay:
    """One connection to the relay for a round of deliveries; closed when the round ends."""

    def __init__(self, cfg: Settings | None = None) -> None:
        self.cfg = cfg or settings()
        self.backend = SMTPBackend(fail_silently=True, **smtp_options(self.cfg))

    def send(self, message: OutboxMessage) -> None:
        try:
            response = build(message, self.cfg).send(
                to=message.to_address, mail_from=addresses.return_path(message.bounce_tag, self.cfg),
                smtp=self.backend)
        except Exception:
            self.backend.close()  # a broken connection is not reused for the next message
            raise
        check(response)

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Relay:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def send(message: OutboxMessage, cfg: Settings | None = None) -> None:
    """Send one message on a connection of its own (outside a delivery round)."""
    with Relay(cfg) as relay:
        relay.send(message)
