"""Retry delays of the mail outbox."""

from datetime import timedelta

import pytest

from portal.mail.outbox import BACKOFF_MAX, backoff


@pytest.mark.parametrize(
    ("attempts", "delay"),
    [
        (0, timedelta(seconds=15)),
        (1, timedelta(seconds=15)),
        (2, timedelta(seconds=30)),
        (3, timedelta(minutes=1)),
        (4, timedelta(minutes=2)),
        (8, timedelta(minutes=32)),
        (9, timedelta(hours=1)),
        (10, timedelta(hours=1)),
    ],
)
def test_backoff_doubles_from_15_seconds_up_to_one_hour(attempts, delay):
    assert backoff(attempts) == delay


def test_backoff_never_decreases():
    delays = [backoff(n) for n in range(1, 40)]
    assert delays == sorted(delays)
    assert max(delays) == BACKOFF_MAX


@pytest.mark.parametrize("attempts", [44, 100])
def test_backoff_stays_capped_after_many_attempts(attempts):
    assert backoff(attempts) == BACKOFF_MAX
