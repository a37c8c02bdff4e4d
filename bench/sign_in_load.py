"""Sign-ins as citizens make them, at the concurrency each figure asks for.

Each simulated citizen is one tab (bench.tab) that is opened and hydrated before any clock
starts, so the figures time the sign-in itself: submit -> session cookie. The accounts are
spread over the clients, so no account signs in twice at once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import time
from collections import Counter
from collections.abc import Iterator

from bench import cpu
from bench.accounts import PASSWORD, cpf_of
from bench.app_process import App
from bench.tab import Outcome, SignIn, Tab

OPEN_AT_ONCE = 50  # tabs opened concurrently while preparing a figure (not timed)
LOST_AFTER = 120.0  # seconds without an outcome: the sign-in is counted as lost
TYPED_CPF = "52998224725"


async def open_tabs(app: App, count: int) -> tuple[list[Tab], list[str]]:
    """`count` hydrated tabs; and why any could not be opened."""
    tabs: list[Tab] = []
    failures: list[str] = []
    for start in range(0, count, OPEN_AT_ONCE):
        opened = await asyncio.gather(*(Tab.open(app.base_url) for _ in range(min(OPEN_AT_ONCE, count - start))),
                                      return_exceptions=True)
        for tab in opened:
            if isinstance(tab, Tab):
                tabs.append(tab)
            else:
                failures.append(f"{type(tab).__name__}: {tab}"[:120])
    return tabs, failures


async def open_all(app: App, count: int) -> list[Tab]:
    """`count` hydrated tabs, or an error: a figure that needs them all measures nothing less."""
    tabs, failures = await open_tabs(app, count)
    if failures:
        await close_tabs(tabs)
        raise RuntimeError(f"could not open {len(failures)} of {count} tabs: {failures[0]}")
    return tabs


async def close_tabs(tabs: list[Tab]) -> None:
    await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)


def accounts_of(client: int, clients: int, accounts: int) -> Iterator[str]:
    """The CPFs client `client` of `clients` signs in with, in turn (none shared)."""
    return itertools.cycle([cpf_of(n) for n in range(client, accounts, clients)] or [cpf_of(client % accounts)])


async def warm_up(app: App, accounts: int, tabs: int = 4, rounds: int = 3) -> SignIn:
    """A few sign-ins on several tabs (so every worker has served some); the first outcome
    that is not a sign-in, or the last sign-in."""
    opened = await open_all(app, tabs)
    try:
        for _ in range(rounds):
            for client, tab in enumerate(opened):
                result = await tab.sign_in(cpf_of(client % accounts), PASSWORD, timeout=30)
                if result.outcome is not Outcome.SIGNED_IN:
                    return result
        return result
    finally:
        await close_tabs(opened)


@dataclasses.dataclass(frozen=True)
class OneClient:
    results: list[SignIn]
    cpu: cpu.CpuUse  # while they ran, back to back

    @property
    def app_cpu_per_sign_in(self) -> float:
        """Seconds of the app's CPU (its processes, all threads) per sign-in."""
        return self.cpu.app / max(1, sum(r.outcome is Outcome.SIGNED_IN for r in self.results))


async def one_client(app: App, count: int, accounts: int) -> OneClient:
    """Figure 1: one citizen at a time, back to back."""
    (tab,) = await open_all(app, 1)
    try:
        cpfs = accounts_of(0, 1, accounts)
        started = cpu.sample(app)
        results = [await tab.sign_in(next(cpfs), PASSWORD) for _ in range(count)]
        return OneClient(results, cpu.since(started, app))
    finally:
        await tab.close()


@dataclasses.dataclass(frozen=True)
class Load:
    clients: int
    seconds: float
    results: list[SignIn]  # those that ended within the window
    cpu: cpu.CpuUse

    @property
    def signed_in(self) -> list[SignIn]:
        return [r for r in self.results if r.outcome is Outcome.SIGNED_IN]

    @property
    def rate(self) -> float:
        return len(self.signed_in) / self.seconds

    def outcomes(self) -> Counter[Outcome]:
        return Counter(r.outcome for r in self.results)


async def _keep_signing_in(tab: Tab, cpfs: Iterator[str], deadline: float, results: list[SignIn]) -> None:
    """A citizen who signs in again as soon as the last one ended, and who waits as long
    as a 'try again in N seconds' message says."""
    while time.monotonic() < deadline:
        result = await tab.sign_in(next(cpfs), PASSWORD, timeout=LOST_AFTER)
        if time.monotonic() <= deadline:
            results.append(result)
        if result.outcome is Outcome.TRY_AGAIN:
            await asyncio.sleep(result.retry_in)  # cancelled with the rest at the deadline


async def sustained(app: App, clients: int, seconds: float, accounts: int) -> Load:
    """Figure 2: `clients` citizens signing in back to back for `seconds`."""
    tabs = await open_all(app, clients)
    try:
        return await _load(app, tabs, seconds, accounts)
    finally:
        await close_tabs(tabs)


async def _load(app: App, tabs: list[Tab], seconds: float, accounts: int) -> Load:
    results: list[SignIn] = []
    started = cpu.sample(app)
    deadline = time.monotonic() + seconds
    loops = [asyncio.ensure_future(_keep_signing_in(tab, accounts_of(i, len(tabs), accounts), deadline, results))
             for i, tab in enumerate(tabs)]
    await asyncio.sleep(seconds)
    use = cpu.since(started, app)
    for loop in loops:  # a sign-in still under way after the window is not counted
        loop.cancel()
    await asyncio.gather(*loops, return_exceptions=True)
    return Load(len(tabs), seconds, results, use)


@dataclasses.dataclass(frozen=True)
class CheapEvent:
    idle: list[float]  # seconds per blur, nothing else running
    loaded: list[float]  # seconds per blur during the sign-ins
    load: Load


async def cheap_event_during(app: App, clients: int, seconds: float, accounts: int) -> CheapEvent:
    """Figure 3: the CPF field's blur handler, answered while `clients` citizens sign in."""
    probe, *tabs = await open_all(app, 1 + clients)
    try:
        idle = [await _blur_then_pause(probe) for _ in range(100)]
        load = asyncio.ensure_future(_load(app, tabs, seconds, accounts))
        await asyncio.sleep(min(1.0, seconds / 4))  # every client has a sign-in under way
        loaded = []
        while not load.done():
            loaded.append(await _blur_then_pause(probe))
        return CheapEvent(idle, loaded, load.result())
    finally:
        await close_tabs([probe, *tabs])


async def _blur_then_pause(tab: Tab) -> float:
    took = await tab.blur_cpf(TYPED_CPF)
    await asyncio.sleep(0.02)  # a person leaves a field every so often, not in a tight loop
    return took


@dataclasses.dataclass(frozen=True)
class Burst:
    tabs: int
    not_opened: list[str]
    results: list[SignIn]
    seconds: float  # until the last outcome

    def outcomes(self) -> Counter[Outcome]:
        found = Counter(r.outcome for r in self.results)
        found[Outcome.ERROR] += len(self.not_opened)
        return found

    def examples(self) -> dict[Outcome, str]:
        """One message the citizens saw for each outcome that had one."""
        found: dict[Outcome, str] = {}
        for result in self.results:
            if result.text:
                found.setdefault(result.outcome, result.text)
        if self.not_opened:
            found.setdefault(Outcome.ERROR, f"tab not opened: {self.not_opened[0]}")
        return found


async def burst(app: App, count: int, accounts: int) -> Burst:
    """Figure 4: `count` citizens, each on an open tab, press Entrar at the same moment."""
    tabs, failures = await open_tabs(app, count)
    try:
        started = time.perf_counter()
        results = await asyncio.gather(*(tab.sign_in(cpf_of(i % accounts), PASSWORD, timeout=LOST_AFTER)
                                         for i, tab in enumerate(tabs)))
        return Burst(count, failures, list(results), time.perf_counter() - started)
    finally:
        await close_tabs(tabs)
