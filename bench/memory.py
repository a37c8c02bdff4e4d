"""Figure 5: what an open tab costs the server in memory, and whether that comes back.

RSS of the app's processes before and with N hydrated tabs, a while after they disconnect,
and with N new tabs after that. RSS need not come down when the app frees memory (the
allocator may keep it for reuse), so "after" alone cannot tell freed from held; the second
wave can: if the first wave's memory was freed, the new tabs reuse it and RSS hardly grows.
With Redis (configuration B) the tabs' state lives in Redis, shown beside. The floor is the
same number of websockets held by the portal's server (gunicorn + uvicorn, as rxconfig.py
starts it) serving an app that does nothing else.
"""

from __future__ import annotations

import asyncio
import dataclasses
import shlex
import subprocess
import time
import urllib.request

from bench.app_process import BIN, ROOT, App, free_port, process_group, rss_kib, stop
from bench.sign_in_load import OPEN_AT_ONCE, close_tabs, open_tabs
from portal.web.server_worker import gunicorn_options
from tests.browser.event_socket import EventSocket

READINGS = ("before", "tabs open", "after closing", "new tabs open")


@dataclasses.dataclass(frozen=True)
class Memory:
    tabs: int
    not_opened: int
    settle_seconds: float
    app_kib: tuple[int, ...]  # one per READINGS
    redis_kib: tuple[int, ...] | None
    bare_socket_kib: float  # the floor: one open websocket of the portal's server (bench/bare_websocket.py)

    @staticmethod
    def growth_per_tab(kib: tuple[int, ...], tabs: int) -> tuple[float, float, float]:
        """Per tab: with the tabs open, once they closed (both over "before"), and the new
        tabs over "after closing"."""
        before, opened, closed, again = kib
        return (opened - before) / tabs, (closed - before) / tabs, (again - closed) / tabs


async def per_tab(app: App, tabs: int, settle_seconds: float) -> Memory:
    """Open `tabs` tabs, close them, wait `settle_seconds`, open as many again; and the
    floor, as many bare websockets."""
    bare = await bare_socket_kib(tabs)
    readings = [_read(app)]
    opened, failures = await open_tabs(app, tabs)
    await asyncio.sleep(2)
    readings.append(_read(app))
    await close_tabs(opened)
    await asyncio.sleep(settle_seconds)
    readings.append(_read(app))
    again, _ = await open_tabs(app, tabs)
    await asyncio.sleep(2)
    readings.append(_read(app))
    await close_tabs(again)
    app_kib, redis_kib = zip(*readings)
    return Memory(len(opened), len(failures), settle_seconds, app_kib,
                  redis_kib if app.setup.redis_url else None, bare)


async def bare_socket_kib(sockets: int) -> float:
    """KiB of RSS per open websocket of the portal's server (gunicorn with one worker of
    portal/web/server_worker.py, as rxconfig.py starts it) serving an app that does nothing
    but hold them."""
    process, url = _serve_bare_websockets()
    try:
        before = rss_kib(process_group(process.pid))
        opened = []
        for start in range(0, sockets, OPEN_AT_ONCE):
            opened += await asyncio.gather(*(EventSocket.open(url) for _ in range(min(OPEN_AT_ONCE, sockets - start))))
        await asyncio.sleep(2)
        grown = rss_kib(process_group(process.pid)) - before
        await asyncio.gather(*(socket.close() for socket in opened))
        return grown / sockets
    finally:
        stop(process)


def _serve_bare_websockets() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([str(BIN / "gunicorn"), *shlex.split(gunicorn_options(workers=1)),
                                "--bind", f"127.0.0.1:{port}", "bench.bare_websocket:app"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url)
    except OSError:
        stop(process)
        raise
    return process, url


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _read(app: App) -> tuple[int, int]:
    return app.rss_kib(), _redis_kib(app)


def _redis_kib(app: App) -> int:
    if not app.setup.redis_url:
        return 0
    import redis

    return int(redis.Redis.from_url(app.setup.redis_url).info("memory")["used_memory"]) // 1024
