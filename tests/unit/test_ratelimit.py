"""Abuse limits: a fresh in-memory Limiter per test (never the cached limiter())."""

import pytest
from limits import parse

from portal.core.ratelimit import Limited, Limiter


@pytest.fixture
def limiter():
    return Limiter("memory://")


@pytest.mark.parametrize(("limit", "allowed", "window"), [("3/minute", 3, 60), ("5/hour", 5, 3600)])
def test_allows_n_then_returns_limited_with_retry_in_within_the_window(limiter, limit, allowed, window):
    item = parse(limit)
    for _ in range(allowed):
        assert limiter.hit(item, "recovery", "k") is None
    limited = limiter.hit(item, "recovery", "k")
    assert isinstance(limited, Limited)
    assert 1 <= limited.retry_in <= window


def test_keeps_refusing_while_the_window_lasts(limiter):
    item = parse("2/hour")
    limiter.hit(item, "k")
    limiter.hit(item, "k")
    assert limiter.hit(item, "k")
    assert limiter.hit(item, "k")


def test_keys_are_independent(limiter):
    item = parse("2/hour")
    for _ in range(2):
        assert limiter.hit(item, "recovery", "a") is None
    assert limiter.hit(item, "recovery", "a") is not None
    assert limiter.hit(item, "recovery", "b") is None
    assert limiter.hit(item, "other", "a") is None


def test_limits_are_independent(limiter):
    small, large = parse("1/hour"), parse("3/hour")
    assert limiter.hit(small, "k") is None
    assert limiter.hit(small, "k") is not None
    assert limiter.hit(large, "k") is None


def test_clear_resets_the_count(limiter):
    item = parse("2/hour")
    limiter.hit(item, "k")
    limiter.hit(item, "k")
    assert limiter.hit(item, "k") is not None
    limiter.clear(item, "k")
    assert limiter.hit(item, "k") is None
    assert limiter.hit(item, "k") is None
    assert limiter.hit(item, "k") is not None


def test_clear_touches_only_its_key(limiter):
    item = parse("1/hour")
    limiter.hit(item, "a")
    limiter.hit(item, "b")
    limiter.clear(item, "a")
    assert limiter.hit(item, "a") is None
    assert limiter.hit(item, "b") is not None


def test_separate_limiters_do_not_share_counts():
    item = parse("1/hour")
    first, second = Limiter("memory://"), Limiter("memory://")
    assert first.hit(item, "k") is None
    assert second.hit(item, "k") is None
