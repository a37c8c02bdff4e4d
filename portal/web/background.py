"""Work the app does beside serving pages: the dev mail catcher and the outbox sender."""

from __future__ import annotations

import asyncio
import logging

from portal.core.config import settings
from portal.core.db import session_scope
from portal.mail import bounce_intake, catcher, outbox, sender

log = logging.getLogger(__name__)


def _deliver_once() -> int:
    # One connection for the round, closed at its end: idle connections never pile up.
    with session_scope() as db, sender.Relay() as relay:
        return outbox.deliver_due(db, relay.send)


async def run_mail() -> None:
    """Lifespan task: start the catcher when no SMTP server is configured and the bounce
    intake when configured, then deliver the outbox for as long as the app runs. Several workers may run this at once."""
    cfg = settings()
    controller = (
        await asyncio.to_thread(catcher.start, cfg.catcher_dir, cfg.catcher_port) if cfg.mail_catcher_enabled else None
    )
    intake = await asyncio.to_thread(bounce_intake.start, cfg)
    try:
        while True:
            try:
                await asyncio.to_thread(_deliver_once)
            except Exception:  # noqa: BLE001 - e.g. database briefly unreachable: try again later
                log.exception("outbox delivery round failed")
            await asyncio.sleep(cfg.outbox_poll_seconds)
    finally:
        for listener in (controller, intake):
            if listener is not None:
                listener.stop()
