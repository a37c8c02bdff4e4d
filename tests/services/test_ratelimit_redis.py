"""With PORTAL_REDIS_URL the limits are shared by every worker and survive a restart.

Uses Redis database 15 at 127.0.0.1:6379; every test counts under its own random key prefix
and deletes only the keys holding that prefix.
"""

from __future__ import annotations

import gc
import uuid

import pytest
from limits import parse

from portal.core import config, ratelimit
from portal.core.ratelimit import Limiter
from portal.web.edge import NewSocketsPerClient
from tests.run_async import run_async

REDIS_URL = "redis://127.0.0.1:6379/15"
THREE_A_MINUTE = parse("3/minute")


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001 - any failure means: no Redis here
        client.close()
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {exc}".splitlines()[0])
    yield client
    client.close()


@pytest.fixture
def prefix(redis_client):
    """A key prefix of this test only; its keys are deleted afterwards."""
    value = f"portal-test-{uuid.uuid4().hex}"
    yield value
    keys = list(redis_client.scan_iter(match=f"*{value}*"))
    if keys:
        redis_client.delete(*keys)


def _hits(limiter: Limiter, n: int, *keys: str) -> list[bool]:
    """True for each hit that was allowed."""
    return [limiter.hit(THREE_A_MINUTE, *keys) is None for _ in range(n)]


def test_counts_are_stored_in_redis(redis_client, prefix):
    Limiter(REDIS_URL).hit(THREE_A_MINUTE, prefix, "10.0.0.1")
    assert list(redis_client.scan_iter(match=f"*{prefix}*"))


def test_hits_on_one_worker_are_seen_by_another(prefix):
    first, second = Limiter(REDIS_URL), Limiter(REDIS_URL)
    assert _hits(first, 3, prefix, "10.0.0.1") == [True, True, True]
    limited = second.hit(THREE_A_MINUTE, prefix, "10.0.0.1")
    assert limited is not None
    assert 0 < limited.retry_in <= 60


def test_two_workers_add_up_to_one_limit(prefix):
    first, second = Limiter(REDIS_URL), Limiter(REDIS_URL)
    assert _hits(first, 2, prefix, "10.0.0.1") == [True, True]
    assert _hits(second, 1, prefix, "10.0.0.1") == [True]
    assert first.peek(THREE_A_MINUTE, prefix, "10.0.0.1") is not None
    assert second.peek(THREE_A_MINUTE, prefix, "10.0.0.1") is not None


def test_count_survives_a_restart(prefix):
    before = Limiter(REDIS_URL)
    assert _hits(before, 3, prefix, "10.0.0.1") == [True, True, True]
    del before
    gc.collect()
    after = Limiter(REDIS_URL)
    assert after.hit(THREE_A_MINUTE, prefix, "10.0.0.1") is not None


def test_other_keys_are_counted_apart(prefix):
    first, second = Limiter(REDIS_URL), Limiter(REDIS_URL)
    assert _hits(first, 3, prefix, "10.0.0.1") == [True, True, True]
    assert second.hit(THREE_A_MINUTE, prefix, "10.0.0.2") is None


def test_clear_on_one_worker_frees_the_other(prefix):
    first, second = Limiter(REDIS_URL), Limiter(REDIS_URL)
    _hits(first, 3, prefix, "10.0.0.1")
    second.clear(THREE_A_MINUTE, prefix, "10.0.0.1")
    assert first.hit(THREE_A_MINUTE, prefix, "10.0.0.1") is None


def test_portal_limiter_uses_redis_when_configured(prefix, monkeypatch):
    monkeypatch.setenv("PORTAL_REDIS_URL", REDIS_URL)
    config.settings.cache_clear()
    ratelimit.limiter.cache_clear()
    try:
        _hits(ratelimit.limiter(), 3, prefix, "10.0.0.1")
        assert Limiter(REDIS_URL).hit(THREE_A_MINUTE, prefix, "10.0.0.1") is not None
    finally:
        ratelimit.limiter.cache_clear()
        config.settings.cache_clear()


def test_new_websockets_of_an_address_add_up_across_workers(prefix):
    """Issue 21, point 10: the limit of new websockets a minute is one for the whole portal."""
    def worker() -> NewSocketsPerClient:
        async def app(scope, receive, send):
            opened.append(True)

        # The address is this test's prefix, so its keys are found and deleted afterwards.
        return NewSocketsPerClient(app, per_minute=2, client_ip=lambda _conn: prefix, limiter=Limiter(REDIS_URL))

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        refused.append(message)

    opened: list[bool] = []
    refused: list[dict] = []
    first, second = worker(), worker()
    for middleware in (first, second, first, second):
        run_async(middleware({"type": "websocket", "headers": [], "client": ("192.0.2.9", 5000)}, receive, send))
    assert (len(opened), refused) == (2, [{"type": "websocket.close", "code": 1008}] * 2)
