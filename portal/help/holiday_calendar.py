"""Campinas' holiday calendar: national and São Paulo state holidays (the ``holidays``
package's Brazil calendar for SP, category "public") plus a configurable list of municipal
holidays, each either a fixed date ``"MM-DD"`` or a name in ``MOVABLE`` (days from Easter).

Imports nothing of the portal, so the configuration can validate its list with it.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, datetime, timedelta

import holidays
from dateutil.easter import easter

# Movable municipal holidays: name -> days after Easter Sunday.
MOVABLE = {
    "carnaval_segunda": -48,
    "carnaval_terca": -47,
    "corpus_christi": 60,
}
# Campinas: 8 December (Nossa Senhora da Conceição, padroeira) and Corpus Christi.
DEFAULT_MUNICIPAL_HOLIDAYS: tuple[str, ...] = ("12-08", "corpus_christi")
WORKING_WEEKDAYS = frozenset(range(5))  # Monday..Friday
_FIXED = re.compile(r"([0-9]{2})-([0-9]{2})")


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
