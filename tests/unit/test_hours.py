"""Support opening hours: weekdays 08:00-18:00 in Campinas, except national, SP and municipal holidays."""

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from portal.help import hours
from portal.help.hours import LOCAL_TZ, OpeningStatus, describe, is_holiday, status


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    ("now", "closes_at"),
    [
        (local(2026, 11, 24, 10, 0), local(2026, 11, 24, 18, 0)),  # Tuesday morning
        (local(2026, 11, 24, 8, 0), local(2026, 11, 24, 18, 0)),  # opening minute
        (local(2026, 11, 27, 17, 59, 59), local(2026, 11, 27, 18, 0)),  # Friday, last second
    ],
)
def test_open_on_a_working_day(now, closes_at):
    result = status(now)
    assert result == OpeningStatus(open_now=True, next_opening=None, closes_at=closes_at)
    assert result.closes_at.tzinfo is LOCAL_TZ


@pytest.mark.parametrize(
    ("now", "next_opening"),
    [
        (local(2026, 11, 24, 7, 59), local(2026, 11, 24, 8, 0)),  # before opening: today
        (local(2026, 11, 24, 18, 0), local(2026, 11, 25, 8, 0)),  # 18:00 exactly is closed
        (local(2026, 11, 24, 21, 30), local(2026, 11, 25, 8, 0)),  # weekday evening
        (local(2026, 11, 27, 18, 0), local(2026, 11, 30, 8, 0)),  # Friday evening -> Monday
        (local(2026, 11, 28, 11, 0), local(2026, 11, 30, 8, 0)),  # Saturday
        (local(2026, 11, 29, 9, 0), local(2026, 11, 30, 8, 0)),  # Sunday
        (local(2026, 11, 20, 10, 0), local(2026, 11, 23, 8, 0)),  # Consciência Negra (national), a Friday
        (local(2026, 7, 9, 10, 0), local(2026, 7, 10, 8, 0)),  # Revolução Constitucionalista (SP)
        (local(2026, 12, 8, 10, 0), local(2026, 12, 9, 8, 0)),  # N. Sra. da Conceição (Campinas), Tuesday
        (local(2026, 6, 4, 10, 0), local(2026, 6, 5, 8, 0)),  # Corpus Christi (Campinas)
        (local(2026, 12, 24, 19, 0), local(2026, 12, 28, 8, 0)),  # Christmas, then a weekend
        (local(2026, 12, 31, 18, 30), local(2027, 1, 4, 8, 0)),  # New Year's Day, then a weekend
        (local(2026, 4, 2, 18, 0), local(2026, 4, 6, 8, 0)),  # Good Friday, then a weekend
    ],
)
def test_closed_and_next_opening(now, next_opening):
    result = status(now)
    assert result == OpeningStatus(open_now=False, next_opening=next_opening, closes_at=None)
    assert result.next_opening.tzinfo is LOCAL_TZ


@pytest.mark.parametrize(
    ("now", "open_now"),
    [
        (datetime(2026, 11, 24, 11, 0, tzinfo=UTC), True),  # 08:00 in Campinas (UTC-3)
        (datetime(2026, 11, 24, 10, 59, tzinfo=UTC), False),  # 07:59 in Campinas
        (datetime(2026, 11, 24, 21, 0, tzinfo=UTC), False),  # 18:00 in Campinas
        (datetime(2026, 11, 25, 1, 0, tzinfo=UTC), False),  # Wednesday in UTC, Tuesday 22:00 locally
        (datetime(2026, 11, 24, 12, 0, tzinfo=timezone(timedelta(hours=9))), False),  # 00:00 locally
    ],
)
def test_now_in_another_zone_is_converted(now, open_now):
    assert status(now).open_now is open_now


def test_utc_evening_before_local_midnight_opens_next_local_day():
    # 2026-11-25 01:00 UTC is Tuesday 22:00 in Campinas: opens Wednesday, not Thursday.
    result = status(datetime(2026, 11, 25, 1, 0, tzinfo=UTC))
    assert result.next_opening == local(2026, 11, 25, 8, 0)


def test_naive_now_is_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        status(datetime(2026, 11, 24, 10, 0))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 20), True),  # national
        (date(2026, 7, 9), True),  # São Paulo state
        (date(2026, 12, 8), True),  # Campinas, fixed
        (date(2026, 6, 4), True),  # Corpus Christi 2026 (Easter 5 April + 60)
        (date(2027, 5, 27), True),  # Corpus Christi 2027 (Easter 28 March + 60)
        (date(2026, 2, 16), False),  # Carnival Monday: optional, not a holiday by default
        (date(2026, 12, 24), False),  # Christmas Eve: optional
        (date(2026, 11, 24), False),
    ],
)
def test_is_holiday(day, expected):
    assert is_holiday(day) is expected


def test_empty_municipal_list_makes_municipal_days_working_days():
    assert is_holiday(date(2026, 12, 8), municipal=()) is False
    assert is_holiday(date(2026, 6, 4), municipal=()) is False
    assert status(local(2026, 12, 8, 10, 0), municipal=()).open_now is True


def test_municipal_list_is_configurable():
    municipal = ("07-14", "carnaval_segunda", "carnaval_terca")
    assert is_holiday(date(2026, 7, 14), municipal=municipal)
    assert is_holiday(date(2026, 2, 16), municipal=municipal)
    assert not is_holiday(date(2026, 12, 8), municipal=municipal)
    assert status(local(2026, 2, 13, 18, 0), municipal=municipal).next_opening == local(2026, 2, 18, 8, 0)


def test_february_29_only_counts_in_leap_years():
    assert is_holiday(date(2028, 2, 29), municipal=("02-29",))
    assert not is_holiday(date(2027, 3, 1), municipal=("02-29",))


@pytest.mark.parametrize("bad", ["12-32", "13-01", "2-29", "12/08", "natal", "", "Corpus_Christi"])
def test_bad_municipal_entry_raises(bad):
    with pytest.raises(ValueError, match="municipal holiday"):
        is_holiday(date(2026, 1, 5), municipal=("12-08", bad))
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        status(local(2026, 1, 5, 10, 0), municipal=(bad,))


def test_municipal_as_a_plain_string_raises():
    with pytest.raises(ValueError, match="tuple"):
        hours.validate_municipal("12-08")


def test_validate_municipal_returns_stripped_entries():
    assert hours.validate_municipal((" 12-08", "corpus_christi ")) == ("12-08", "corpus_christi")


@pytest.mark.parametrize(
    ("now", "text"),
    [
        (local(2026, 11, 24, 10, 0), "Atendimento aberto agora, até as 18h00."),
        (local(2026, 11, 24, 7, 0), "Atendimento fechado agora. Abre hoje às 08h00."),
        (local(2026, 11, 23, 19, 0), "Atendimento fechado agora. Abre amanhã (terça-feira) às 08h00."),
        (local(2026, 11, 27, 18, 0), "Atendimento fechado agora. Abre segunda-feira, 30/11, às 08h00."),
        (local(2026, 11, 29, 9, 0), "Atendimento fechado agora. Abre amanhã (segunda-feira) às 08h00."),
        (local(2026, 12, 8, 12, 0), "Atendimento fechado agora. Abre amanhã (quarta-feira) às 08h00."),
        (local(2026, 12, 24, 19, 0), "Atendimento fechado agora. Abre segunda-feira, 28/12, às 08h00."),
        (local(2026, 11, 19, 18, 0), "Atendimento fechado agora. Abre segunda-feira, 23/11, às 08h00."),
        # Friday 01:30 in UTC is still Thursday 22:30 in Campinas: "amanhã", not "hoje".
        (
            datetime(2026, 11, 27, 1, 30, tzinfo=UTC),
            "Atendimento fechado agora. Abre amanhã (sexta-feira) às 08h00.",
        ),
    ],
)
def test_describe(now, text):
    assert describe(status(now), now) == text


def test_describe_closed_without_known_opening():
    assert describe(OpeningStatus(open_now=False), local(2026, 11, 24, 20, 0)) == "Atendimento fechado agora."


def test_describe_rejects_naive_now():
    with pytest.raises(ValueError, match="timezone-aware"):
        describe(status(local(2026, 11, 24, 10, 0)), datetime(2026, 11, 24, 10, 0))
