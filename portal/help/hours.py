"""Support opening hours: Monday to Friday, 08:00 to 18:00 in Campinas, except holidays.

Holidays come from ``portal.help.holiday_calendar``.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

from portal import texts
from portal.core.municipal_holidays import DEFAULT_MUNICIPAL_HOLIDAYS, validate_municipal
from portal.help.holiday_calendar import is_holiday, is_working_day
from portal.local_time import LOCAL_TZ, clock

__all__ = ["OpeningStatus", "describe", "is_holiday", "is_working_day", "status", "validate_municipal"]

OPENS_AT = time(8, 0)
CLOSES_AT = time(18, 0)
_SEARCH_DAYS = 366


@dataclasses.dataclass(frozen=True)
class OpeningStatus:
    open_now: bool
    next_opening: datetime | None = None  # aware, America/Sao_Paulo; None when open
    closes_at: datetime | None = None  # aware, America/Sao_Paulo; None when closed


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (e.g. datetime.now(UTC)), got a naive datetime")


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=LOCAL_TZ)


def status(now: datetime, municipal: tuple[str, ...] = DEFAULT_MUNICIPAL_HOLIDAYS) -> OpeningStatus:
    """Whether support is open at ``now`` (timezone-aware, any zone) and when it closes or opens."""
    _require_aware(now)
    validate_municipal(municipal)
    local = now.astimezone(LOCAL_TZ)
    today = local.date()
    if is_working_day(today, municipal):
        if OPENS_AT <= local.time() < CLOSES_AT:
            return OpeningStatus(open_now=True, closes_at=_at(today, CLOSES_AT))
        if local.time() < OPENS_AT:
            return OpeningStatus(open_now=False, next_opening=_at(today, OPENS_AT))
    day = today
    for _ in range(_SEARCH_DAYS):
        day += timedelta(days=1)
        if is_working_day(day, municipal):
            return OpeningStatus(open_now=False, next_opening=_at(day, OPENS_AT))
    raise RuntimeError(f"no working day within {_SEARCH_DAYS} days of {today}")  # pragma: no cover


def describe(status: OpeningStatus, now: datetime) -> str:
    """One Portuguese sentence for the help page, e.g. "Atendimento fechado agora. Abre hoje às 08h00."."""
    _require_aware(now)
    if status.open_now:
        closes = status.closes_at or _at(now.astimezone(LOCAL_TZ).date(), CLOSES_AT)
        return texts.HOURS_OPEN_NOW.format(time=clock(closes))
    if status.next_opening is None:
        return texts.HOURS_CLOSED_NOW
    opening = status.next_opening.astimezone(LOCAL_TZ)
    today = now.astimezone(LOCAL_TZ).date()
    weekday = texts.WEEKDAYS[opening.weekday()]
    if opening.date() == today:
        when = texts.HOURS_OPENS_TODAY.format(time=clock(opening))
    elif opening.date() == today + timedelta(days=1):
        when = texts.HOURS_OPENS_TOMORROW.format(weekday=weekday, time=clock(opening))
    else:
        when = texts.HOURS_OPENS_LATER.format(weekday=weekday, day=opening.strftime(texts.DAY_MONTH_FORMAT),
                                             time=clock(opening))
    return f"{texts.HOURS_CLOSED_NOW} {when}"
