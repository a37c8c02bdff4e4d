"""Delivery over SMTP with the ``emails`` package: the only module that talks to a mail server."""

from __future__ import annotations

import emails

from portal.config import Settings, settings
from portal.models import OutboxMessage


class DeliveryError(RuntimeError):
    """The SMTP server did not accept the message."""


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


def send(message: OutboxMessage, cfg: Settings | None = None) -> None:
    cfg = cfg or settings()
    mail = emails.html(
        subject=message.subject,
        text=message.body_text,
        html=message.body_html,
        mail_from=cfg.mail_from,
        headers={"Message-ID": message.message_id},
    )
    response = mail.send(to=message.to_address, smtp=smtp_options(cfg))
    if response is None or response.status_code not in (250, 251):
        error = getattr(response, "error", None) or getattr(response, "status_text", None)
        raise DeliveryError(f"SMTP status {getattr(response, 'status_code', None)}: {error}")
