"""Brasília time as citizens read it: one time zone, one way to write a moment and a wait.

Everything the portal shows or mails about time goes through here, so "27/11/2026 às 14:05",
"14h05" and "3 minutos" are written the same way on every page and in every e-mail.
"""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

from portal import texts

LOCAL_TZ = ZoneInfo("America/Sao_Paulo")


def local(moment: datetime) -> datetime:
    """The moment (timezone-aware, any zone) in Brasília time."""
    return moment.astimezone(LOCAL_TZ)


def moment(moment_utc: datetime) -> str:
    """'27/11/2026 às 14:05'."""
    return local(moment_utc).strftime(texts.MOMENT_FORMAT)


def clock(moment_any: datetime) -> str:
    """'14h05'."""
    return local(moment_any).strftime(texts.CLOCK_FORMAT)


def wait_phrase(seconds: float) -> str:
    """How long to wait, rounded up: '1 segundo', '40 segundos', '3 minutos', '2 horas'."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 90:
        return _count(seconds, texts.WAIT_SECOND)
    minutes = math.ceil(seconds / 60)
    if minutes < 120:
        return _count(minutes, texts.WAIT_MINUTE)
    return _count(math.ceil(minutes / 60), texts.WAIT_HOUR)


def _count(number: int, unit: tuple[str, str]) -> str:
    one, many = unit
    return f"{number} {one if number == 1 else many}"
