"""What a citizen is told after asking for a new confirmation link, or to wait before one."""

from __future__ import annotations

from datetime import datetime

from portal import texts
from portal.accounts.email_address import mask
from portal.core.clock import utcnow
from portal.local_time import clock, wait_phrase


def wait_message(retry_at: datetime, now: datetime | None = None) -> str:
    seconds = (retry_at - (now or utcnow())).total_seconds()
    if seconds < 120:
        return texts.RESEND_WAIT_SOON.format(wait=wait_phrase(seconds))
    return texts.RESEND_WAIT_UNTIL.format(time=clock(retry_at), wait=wait_phrase(seconds))


def resend_outcome(result, sent_text: str = texts.RESENT) -> str:
    """What the citizen is told after asking for a new confirmation link (a ResendResult)."""
    if result is None:  # confirmed meanwhile, or replaced by a newer sign-up
        return texts.CONFIRM_USED
    if result.sent:
        return sent_text.format(email=mask(result.email))
    return wait_message(result.retry_at)
