"""Waiting messages in Brasília time (portal/state/timefmt.py)."""

from datetime import UTC, datetime, timedelta

import pytest

from portal.state.timefmt import wait_message

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # 12:00 in Brasília


@pytest.mark.parametrize(
    ("wait", "expected"),
    [
        (timedelta(seconds=0), "Você poderá reenviar o e-mail em 1 segundos."),
        (timedelta(seconds=45), "Você poderá reenviar o e-mail em 45 segundos."),
        (timedelta(seconds=59, milliseconds=100), "Você poderá reenviar o e-mail em 60 segundos."),
        (timedelta(seconds=119), "Você poderá reenviar o e-mail em 119 segundos."),
        (timedelta(minutes=2), "Você poderá reenviar o e-mail a partir das 12:02 (em cerca de 2 min)."),
        (
            timedelta(minutes=14, seconds=1),
            "Você poderá reenviar o e-mail a partir das 12:14 (em cerca de 15 min).",
        ),
    ],
)
def test_wait_message(wait, expected):
    assert wait_message(NOW + wait, now=NOW) == expected
