"""Abuse limits with the `limits` library: in memory by default, in Redis when
PORTAL_REDIS_URL is set (then shared by every worker and kept across restarts)."""

from __future__ import annotations

import dataclasses
import functools
import time

from limits import RateLimitItem, parse, storage, strategies

from portal.core.config import settings

RECOVERY_PER_CPF = parse("5/hour")
# Per client address; PORTAL_CLIENT_LIMITS may change them (an office behind one address).
CLIENT_LIMIT_DEFAULTS = {
    "login": "20/minute",
    "recovery": "20/hour",
    "support": "5/hour",
    "signup": "10/hour",
    "resend": "10/hour",
    "follow": "20/hour",
}


def per_client(name: str) -> RateLimitItem:
    return parse(settings().client_limits.get(name, CLIENT_LIMIT_DEFAULTS[name]))


@dataclasses.dataclass(frozen=True)
class Limited:
    """The limit was reached; ``retry_in`` seconds until one more is allowed."""

    retry_in: int


class Limiter:
    def __init__(self, uri: str) -> None:
        self._limiter = strategies.MovingWindowRateLimiter(storage.storage_from_string(uri))

    def hit(self, item: RateLimitItem, *keys: str) -> Limited | None:
        """Count one attempt; a Limited when it goes over the limit (then it is not counted)."""
        if self._limiter.hit(item, *keys):
            return None
        reset = self._limiter.get_window_stats(item, *keys).reset_time
        return Limited(retry_in=max(1, int(reset - time.time()) + 1))

    def peek(self, item: RateLimitItem, *keys: str) -> Limited | None:
        """Whether the limit is reached, without counting an attempt."""
        if self._limiter.test(item, *keys):
            return None
        reset = self._limiter.get_window_stats(item, *keys).reset_time
        return Limited(retry_in=max(1, int(reset - time.time()) + 1))

    def clear(self, item: RateLimitItem, *keys: str) -> None:
        self._limiter.clear(item, *keys)


@functools.cache
def limiter() -> Limiter:
    redis_url = settings().redis_url
    return Limiter(redis_url or "memory://")
