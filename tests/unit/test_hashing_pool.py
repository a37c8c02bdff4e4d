"""The password-checking pool: bounded threads, lower priority, refuses what it cannot start in time."""

import asyncio
import os
import threading
import time

import pytest

from portal.core.hashing_pool import LOWER_PRIORITY, Busy, HashingPool
from tests.run_async import run_async


def test_runs_work_in_at_most_its_threads():
    pool = HashingPool(threads=2, max_wait=60)
    running, most = 0, 0
    lock = threading.Lock()

    def work(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        threading.Event().wait(0.02)
        with lock:
            running -= 1
        return n * 2

    async def main():
        return await asyncio.gather(*(pool.run(work, n) for n in range(8)))

    assert run_async(main()) == [n * 2 for n in range(8)]
    assert most == 2


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="thread priorities are a Linux feature")
def test_threads_run_below_the_event_loop_priority():
    pool = HashingPool(threads=1, max_wait=60)
    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    def nice_of_this_thread() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert run_async(pool.run(nice_of_this_thread)) == min(19, own + LOWER_PRIORITY)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own


def test_a_burst_beyond_the_budget_is_refused_at_once_with_the_wait():
    pool = HashingPool(threads=1, max_wait=0.5)
    release = threading.Event()

    def slow() -> str:
        release.wait(5)
        return "ok"

    async def main():
        pool._seconds_per_check = 0.1  # as measured on a loaded machine
        accepted = [asyncio.ensure_future(pool.run(slow)) for _ in range(6)]
        await asyncio.sleep(0.05)
        with pytest.raises(Busy) as refused:
            await pool.run(slow)
        release.set()
        return refused.value.retry_in, await asyncio.gather(*accepted)

    retry_in, done = run_async(main())
    # 6 waiting × 0.1 s ÷ 1 thread = 0.6 s, spread over up to twice that, rounded up.
    assert retry_in in (1, 2)
    assert done == ["ok"] * 6


def _burn_cpu(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def test_the_estimate_follows_cpu_time_not_waiting():
    pool = HashingPool(threads=1, max_wait=60)
    before = pool._seconds_per_check

    async def main():
        for _ in range(20):
            await pool.run(_burn_cpu, 0.06)
        heavy = pool._seconds_per_check
        for _ in range(20):
            await pool.run(threading.Event().wait, 0.05)  # waiting, not computing
        return heavy

    heavy = run_async(main())
    assert heavy > before
    assert pool._seconds_per_check < heavy
