"""The floor of every sign-in figure: the app's own password check
(portal.accounts.passwords.verify_and_update, argon2id with the portal's parameters), timed
in this process in the same run. These machines are noisy; a figure beside a floor taken
minutes apart says little, so each table shows both."""

from __future__ import annotations

import dataclasses
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from bench.accounts import PASSWORD
from portal.accounts import passwords


@dataclasses.dataclass(frozen=True)
class Floor:
    p50_ms: float  # one verification, one thread
    per_second: dict[int, float]  # verifications per second with this many threads

    def table_rows(self) -> list[list[str]]:
        return [["verify p50, 1 thread", f"{self.p50_ms:.1f} ms"],
                *([f"verifications/s, {threads} thread{'s' if threads > 1 else ''}", f"{rate:.1f}/s"]
                  for threads, rate in self.per_second.items())]


def measure(rounds: int = 60, seconds: float = 3.0) -> Floor:
    stored = passwords.hash_password(PASSWORD)
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        passwords.verify_and_update(PASSWORD, stored)
        timings.append(time.perf_counter() - started)
    return Floor(statistics.median(timings) * 1000, {n: _throughput(stored, n, seconds) for n in (1, 2)})


def _throughput(stored: str, threads: int, seconds: float) -> float:
    """Verifications per second with `threads` threads checking back to back."""
    def loop(deadline: float) -> int:
        done = 0
        while time.perf_counter() < deadline:
            passwords.verify_and_update(PASSWORD, stored)
            done += 1
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        done = sum(pool.map(loop, [started + seconds] * threads))
    return done / (time.perf_counter() - started)
