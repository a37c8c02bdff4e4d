"""Support opening hours: Monday to Friday, 08:00 to 18:00 in Campinas, except holidays.

Holidays are the ``holidays`` package's Brazil calendar for São Paulo state (national and
state, category "public") plus a configurable list of Campinas municipal holidays, each
either a fixed date ``"MM-DD"`` or a name in ``MOVABLE`` (days counted from Easter).
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter

# --- Citizen-facing texts (to move to portal/texts.py) --------------------------------
OPEN_NOW = "Atendimento aberto agora, até as {time}."
CLOSED_NOW = "Atendimento fechado agora."
OPENS_TODAY = "Abre hoje às {time}."
OPENS_TOMORROW = "Abre amanhã ({weekday}) às {time}."
OPENS_LATER = "Abre {weekday}, {day}, às {time}."
WEEKDAYS = (
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo",
)
# ----------------------------------------------------------------------------------------

LOCAL_TZ = ZoneInfo("America/Sao_Paulo")
OPENS_AT = time(8, 0)
CLOSES_AT = time(18, 0)
WORKING_WEEKDAYS = frozenset(range(5))  # Monday..Friday
# Movable municipal holidays: name -> days after Easter Sunday.
MOVABLE = {
    "carnaval_segunda": -48,
    "carnaval_terca": -47,
    "corpus_christi": 60,
}
# Campinas: 8 December (Nossa Senhora da Conceição, padroeira) and Corpus Christi.
DEFAULT_MUNICIPAL_HOLIDAYS: tuple[str, ...] = ("12-08", "corpus_christi")
_FIXED = re.compile(r"([0-9]{2})-([0-9]{2})")
_SEARCH_DAYS = 366


@dataclasses.dataclass(frozen=True)
class OpeningStatus:
    open_now: bool
    next_opening: datetime | None = None  # aware, America/Sao_Paulo; None when open
    closes_at: datetime | None = None  # aware, America/Sao_Paulo; None when closed


def validate_municipal(municipal: tuple[str, ...]) -> tuple[str, ...]:
    """Return the entries stripped; ValueError names the first one that is neither
    a valid ``"MM-DD"`` nor a name in ``MOVABLE``."""
    return tuple(entry for entry, _ in _rules(municipal))


def _rules(municipal: tuple[str, ...]) -> tuple[tuple[str, tuple[int, int] | int], ...]:
    if isinstance(municipal, str):
        raise ValueError(f"municipal holidays must be a tuple of entries, not the string {municipal!r}")
    return _parsed(tuple(municipal))


@functools.cache
def _parsed(municipal: tuple[str, ...]) -> tuple[tuple[str, tuple[int, int] | int], ...]:
    result: list[tuple[str, tuple[int, int] | int]] = []
    for raw in municipal:
        entry = str(raw).strip()
        match = _FIXED.fullmatch(entry)
        if match:
            month, day = int(match[1]), int(match[2])
            try:
                date(2000, month, day)  # a leap year: "02-29" is accepted
            except ValueError:
                raise ValueError(f"municipal holiday {raw!r}: no such day of the year (use MM-DD)") from None
            result.append((entry, (month, day)))
        elif entry in MOVABLE:
            result.append((entry, MOVABLE[entry]))
        else:
            names = ", ".join(sorted(MOVABLE))
            raise ValueError(
                f"unknown municipal holiday {raw!r}: use a fixed date as MM-DD (e.g. '12-08') "
                f"or one of: {names}"
            )
    return tuple(result)


@functools.cache
def _state_holidays(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("BR", subdiv="SP", years=year, categories=("public",))
    return frozenset(calendar)


def _municipal_dates(year: int, municipal: tuple[str, ...]) -> set[date]:
    days: set[date] = set()
    for _, rule in _rules(municipal):
        if isinstance(rule, tuple):
            month, day = rule
            if month == 2 and day == 29 and not calendar.isleap(year):
                continue
            days.add(date(year, month, day))
        else:
            days.add(easter(year) + timedelta(days=rule))
    return days


def is_holiday(day: date, municipal: tuple[str, ...] = DEFAULT_MUNICIPAL_HOLIDAYS) -> bool:
    """National, São Paulo state or (configured) Campinas municipal holiday."""
    if isinstance(day, datetime):
        raise TypeError("is_holiday() takes a date; convert the datetime to local time first")
    return day in _state_holidays(day.year) or day in _municipal_dates(day.year, municipal)


def is_working_day(day: date, municipal: tuple[str, ...] = DEFAULT_MUNICIPAL_HOLIDAYS) -> bool:
    return day.weekday() in WORKING_WEEKDAYS and not is_holiday(day, municipal)


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


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%Hh%M")


def describe(status: OpeningStatus, now: datetime) -> str:
    """One Portuguese sentence for the help page, e.g. "Atendimento fechado agora. Abre hoje às 08h00."."""
    _require_aware(now)
    if status.open_now:
        closes = status.closes_at.astimezone(LOCAL_TZ).time() if status.closes_at else CLOSES_AT
        return OPEN_NOW.format(time=closes.strftime("%Hh%M"))
    if status.next_opening is None:
        return CLOSED_NOW
    opening = status.next_opening.astimezone(LOCAL_TZ)
    today = now.astimezone(LOCAL_TZ).date()
    weekday = WEEKDAYS[opening.weekday()]
    if opening.date() == today:
        when = OPENS_TODAY.format(time=_hhmm(opening))
    elif opening.date() == today + timedelta(days=1):
        when = OPENS_TOMORROW.format(weekday=weekday, time=_hhmm(opening))
    else:
        when = OPENS_LATER.format(weekday=weekday, day=opening.strftime("%d/%m"), time=_hhmm(opening))
    return f"{CLOSED_NOW} {when}"
