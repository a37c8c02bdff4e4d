"""Where password checks run: a few threads, at a lower priority than the pages' event loop,
that turn work away with "come back in N seconds" rather than let it queue past a budget.

A password check is 20 ms of argon2id on one core. Run on asyncio's default pool (and in
several workers), a Monday-morning burst started a dozen 19 MiB hashes at once on two
cores, queued every other citizen's check behind them and slowed the event loop that
answers everybody's clicks. Here:

- as many threads as this worker's share of the cores: hashes never outnumber the cores;
- the threads run at nice +10 (Linux), so the event loop and other workers' event loops
  take a core first and a cheap click stays quick while every core hashes;
- a check that could not start within ``max_wait`` seconds (by the queue ahead of it and
  the CPU time a check takes) is refused at once with the wait to tell the citizen, spread
  at random over up to twice that, so the people turned away do not all come back at once.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import math
import os
import random
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from portal.core.config import settings
from portal.core.db import session_scope

T = TypeVar("T")

LOWER_PRIORITY = 10  # nice value of the hashing threads
FIRST_GUESS_SECONDS = 0.03  # time per check before any was measured


class Busy(Exception):
    """Too many checks are waiting; one more could start in ``retry_in`` seconds."""

    def __init__(self, retry_in: int) -> None:
        super().__init__(f"hashing queue full, retry in {retry_in} s")
        self.retry_in = retry_in


def _lower_priority() -> None:
    # Linux gives each thread its own nice value; elsewhere this is a no-op.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWER_PRIORITY)


class HashingPool:
    def __init__(self, threads: int, max_wait: float) -> None:
        self.threads = threads
        self.max_wait = max_wait
        self._executor = concurrent.futures.ThreadPoolExecutor(
            threads, thread_name_prefix="hashing", initializer=_lower_priority)
        self._waiting = 0  # submitted and not finished (only touched on the event loop)
        self._seconds_per_check = FIRST_GUESS_SECONDS

    def expected_wait(self) -> float:
        """Seconds before one more check would start."""
        return self._waiting * self._seconds_per_check / self.threads

    async def run(self, work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        wait = self.expected_wait()
        if wait > self.max_wait:
            raise Busy(retry_in=max(1, math.ceil(wait * random.uniform(1.0, 2.0))))
        self._waiting += 1
        try:
            result, took = await asyncio.get_running_loop().run_in_executor(
                self._executor, functools.partial(_timed, work, *args, **kwargs))
        finally:
            self._waiting -= 1
        # A moving average: the estimate follows the machine's load without jumping.
        self._seconds_per_check += (took - self._seconds_per_check) * 0.1
        return result

    async def with_database(self, service: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``service(db, *args, **kwargs)`` in this pool, with its own database session."""
        return await self.run(_in_session, service, *args, **kwargs)


def _timed(work: Callable[..., T], /, *args: Any, **kwargs: Any) -> tuple[T, float]:
    # CPU time, not wall time: under a burst the threads also wait for the cores the event
    # loop is using, and counting that wait would shrink the queue the cores can really serve.
    started = time.thread_time()
    result = work(*args, **kwargs)
    return result, time.thread_time() - started


def _in_session(service: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    with session_scope() as db:
        return service(db, *args, **kwargs)


@functools.cache
def hashing_pool() -> HashingPool:
    cfg = settings()
    return HashingPool(cfg.hash_threads, cfg.hash_queue_seconds)
