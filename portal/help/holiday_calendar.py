"""Campinas' holiday calendar: national and São Paulo state holidays (the ``holidays``
package's Brazil calendar for SP, category "public") plus a configurable list of municipal
holidays, each either a fixed date ``"MM-DD"`` or a movable one (days from Easter). How
those entries are written and checked is portal.core.municipal_holidays: the configuration
refuses a bad list at start-up with it, without importing the help centre.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date, datetime, timedelta

import holidays
from dateutil.easter import easter

from portal.core.municipal_holidays import DEFAULT_MUNICIPAL_HOLIDAYS, rules

WORKING_WEEKDAYS = frozenset(range(5))  # Monday..Friday


@functools.cache
def _state_holidays(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("BR", subdiv="SP", years=year, categories=("public",))
    return frozenset(calendar)


def _municipal_dates(year: int, municipal: tuple[str, ...]) -> set[date]:
    days: set[date] = set()
    for _, rule in rules(municipal):
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
