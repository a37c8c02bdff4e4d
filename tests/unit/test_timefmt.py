"""Waits and moments in Brasília time (portal/local_time.py, portal/state/resend.py)."""

from datetime import UTC, datetime, timedelta

import pytest

from portal.local_time import clock, moment, wait_phrase
from portal.state.resend import wait_message

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # 12:00 in Brasília


@pytest.mark.parametrize(
    ("wait", "expected"),
    [
        (timedelta(seconds=0), "Você poderá reenviar o e-mail em 1 segundo."),
        (timedelta(seconds=45), "Você poderá reenviar o e-mail em 45 segundos."),
        (timedelta(seconds=59, milliseconds=100), "Você poderá reenviar o e-mail em 60 segundos."),
        (timedelta(seconds=119), "Você poderá reenviar o e-mail em 2 minutos."),
        (timedelta(minutes=2), "Você poderá reenviar o e-mail a partir das 12h02 (em cerca de 2 minutos)."),
        (
            timedelta(minutes=14, seconds=1),
            "Você poderá reenviar o e-mail a partir das 12h14 (em cerca de 15 minutos).",
        ),
    ],
)
def test_wait_message(wait, expected):
    assert wait_message(NOW + wait, now=NOW) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "1 segundo"), (0.2, "1 segundo"), (1, "1 segundo"), (40, "40 segundos"), (89, "89 segundos"),
     (90, "2 minutos"), (60 * 59, "59 minutos"), (60 * 60 + 1, "61 minutos"), (60 * 119, "119 minutos"),
     (60 * 120, "2 horas"), (60 * 121, "3 horas"), (3600 * 24, "24 horas")],
)
def test_wait_phrase_rounds_up_in_one_unit(seconds, expected):
    assert wait_phrase(seconds) == expected


def test_moments_are_written_in_brasilia_time_whatever_the_zone():
    assert moment(NOW) == "25/11/2026 às 12:00"
    assert clock(NOW + timedelta(minutes=5)) == "12h05"
    assert moment(datetime(2026, 1, 1, 2, 30, tzinfo=UTC)) == "31/12/2025 às 23:30"
