"""Where the machine's cores went during a measurement: the app, the harness itself, the
app's PostgreSQL backends and Redis, and anything else (another process on this machine is
noise in every figure, so it is shown rather than guessed)."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

_TICK = os.sysconf("SC_CLK_TCK")


class Measured(Protocol):
    """What is "the app" and what are "its services" (bench.app_process.App)."""

    def pids(self) -> list[int]: ...
    def service_pids(self) -> list[int]: ...


@dataclasses.dataclass(frozen=True)
class Sample:
    wall: float
    busy: float  # the whole machine, all cores
    app: float
    harness: float
    services: float  # PostgreSQL and Redis


@dataclasses.dataclass(frozen=True)
class CpuUse:
    """CPU seconds spent between two samples, by whom."""

    wall: float
    app: float
    harness: float
    services: float
    other: float

    def cores(self) -> list[str]:
        """Each share as cores busy on average (2.00: both cores of this machine)."""
        return [f"{seconds / self.wall:.2f}" for seconds in (self.app, self.harness, self.services, self.other)]


HEADERS = ["app cores", "harness cores", "PG+Redis cores", "other cores"]


def sample(app: Measured) -> Sample:
    times = os.times()
    return Sample(time.monotonic(), _machine_busy(), _cpu_of(app.pids()), times.user + times.system,
                  _cpu_of(app.service_pids()))


def since(start: Sample, app: Measured) -> CpuUse:
    end = sample(app)
    spent = CpuUse(end.wall - start.wall, end.app - start.app, end.harness - start.harness,
                   end.services - start.services, other=0.0)
    other = (end.busy - start.busy) - spent.app - spent.harness - spent.services
    return dataclasses.replace(spent, other=max(0.0, other))


def _machine_busy() -> float:
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / _TICK  # guest time is already counted in user


def _cpu_of(pids: Iterable[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / _TICK


def wait_until_quiet(at_most: float, threshold: float = 0.25, window: float = 3.0) -> tuple[float, float]:
    """Wait, up to `at_most` seconds, until the other processes of this machine use fewer
    than `threshold` cores; (the cores they used in the last `window` seconds, seconds waited)."""
    started = time.monotonic()
    while True:
        busy, times = _machine_busy(), os.times()
        time.sleep(window)
        own = os.times()
        other = max(0.0, (_machine_busy() - busy) - (own.user + own.system - times.user - times.system)) / window
        waited = time.monotonic() - started
        if other < threshold or waited >= at_most:
            return other, waited
