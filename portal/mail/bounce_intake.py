"""The bounce intake: an SMTP listener (aiosmtpd) that the city's mail server forwards the
bounces of the portal's mail to (PORTAL_BOUNCE_SMTP_PORT).

It accepts only the portal's own return paths (retorno+<tag>@domain), so it is not a relay
and takes nothing else; each bounce is read (portal.mail.bounces) and its message marked.
"""

from __future__ import annotations

import asyncio
import logging

from aiosmtpd.controller import Controller

from portal.core.config import Settings, settings
from portal.core.db import session_scope
from portal.mail import addresses, bounces, delivery

log = logging.getLogger(__name__)

# A bounce quotes headers, sometimes the message: a few hundred KB at most.
MAX_BOUNCE_BYTES = 1_000_000


def take(raw: bytes, recipients: list[str], cfg: Settings | None = None) -> int | None:
    """Record one incoming bounce; the id of the message it marked, or None."""
    cfg = cfg or settings()
    bounce = bounces.read(raw, bounce_address=addresses.bounce_address(cfg), envelope_recipients=recipients)
    if bounce is None:
        log.info("bounce intake: not a bounce, dropped")
        return None
    if not bounce.permanent:
        # "Still trying" notices: the relay goes on, and its final word will come.
        log.info("bounce intake: delay notice (%s)", bounce.reason)
        return None
    with session_scope() as db:
        return delivery.record_bounce(db, tags=bounce.tags, message_ids=bounce.message_ids, kind=bounce.kind.value,
                                      reason=bounce.reason)


class _TakeBounces:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd hook
        if not addresses.tag_of(address) and address.strip("<>").lower() != addresses.bounce_address():
            return "550 5.1.1 Not a return path of this portal"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook
        raw = envelope.original_content or envelope.content
        try:
            await asyncio.to_thread(take, raw, list(envelope.rcpt_tos))
        except Exception:  # noqa: BLE001 - e.g. the database is down: the mail server keeps it and retries
            log.exception("bounce intake failed")
            return "451 4.3.0 Try again later"
        return "250 OK"


def start(cfg: Settings | None = None) -> Controller | None:
    """Listen for bounces; None when off, or when another worker of this app already listens."""
    cfg = cfg or settings()
    if not cfg.bounce_smtp_port:
        return None
    controller = Controller(_TakeBounces(), hostname=cfg.bounce_smtp_host, port=cfg.bounce_smtp_port,
                            ready_timeout=1.0, data_size_limit=MAX_BOUNCE_BYTES)
    try:
        controller.start()
    except (OSError, RuntimeError) as exc:
        log.info("bounce intake not started here (%s); another worker probably has it", exc)
        return None
    log.info("bounce intake listening on %s:%s", cfg.bounce_smtp_host, cfg.bounce_smtp_port)
    return controller
