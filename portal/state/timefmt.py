"""Messages about waiting (in Brasília time) and about resent confirmation links."""

from __future__ import annotations

import math
from datetime import datetime

from portal import texts
from portal.accounts.email_address import mask
from portal.clock import utcnow
from portal.mail.messages import LOCAL_TZ


def wait_message(retry_at: datetime, now: datetime | None = None) -> str:
    seconds = max(1, math.ceil((retry_at - (now or utcnow())).total_seconds()))
    if seconds < 120:
        return texts.RESEND_WAIT_SECONDS.format(seconds=seconds)
    return texts.RESEND_WAIT.format(
        time=retry_at.astimezone(LOCAL_TZ).strftime("%H:%M"), minutes=math.ceil(seconds / 60)
    )


def wait_phrase(seconds: int) -> str:
    """'40 segundos', '3 minutos', '2 horas'."""
    if seconds < 90:
        return f"{max(seconds, 1)} segundos"
    minutes = math.ceil(seconds / 60)
    if minutes < 120:
        return f"{minutes} minutos"
    return f"{math.ceil(minutes / 60)} horas"


def resend_outcome(result, sent_text: str = texts.RESENT) -> str:
    """What the citizen is told after asking for a new confirmation link (a ResendResult)."""
    if result is None:  # confirmed meanwhile, or replaced by a newer sign-up
        return texts.CONFIRM_USED
    if result.sent:
        return sent_text.format(email=mask(result.email))
    return wait_message(result.retry_at)
