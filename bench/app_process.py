"""The portal served as in production, from a copy of this checkout, in configuration A or B.

`reflex run --env prod --backend-only` serves what a sign-in touches: the event websocket
(/_event) and the HTTP routes (/auth/entrar, /ping); the pages' JavaScript is not built,
since the harness speaks the websocket itself. In production mode Reflex runs gunicorn (its
own process, started by the `reflex` process) with PORTAL_WORKERS uvicorn workers
(rxconfig.py, portal/web/server_worker.py), forked from gunicorn after it imports the app.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# What the backend needs of the checkout (no tests, no .web build, no local data).
_PROJECT_FILES = ("portal", "rxconfig.py", "alembic", "alembic.ini", "assets")
STARTUP_TIMEOUT = 120


@dataclasses.dataclass(frozen=True)
class Setup:
    name: str
    description: str
    workers: int
    postgres_url: str = ""  # empty: SQLite in the app's data folder
    redis_url: str = ""  # empty: Reflex keeps tab state in memory (and on disk), limits in memory


def configurations(postgres_url: str, redis_url: str) -> dict[str, Setup]:
    return {
        "A": Setup("A", "SQLite, tab state in memory (no Redis), 1 worker", workers=1),
        "B": Setup("B", "PostgreSQL + Redis, 2 workers", workers=2, postgres_url=postgres_url, redis_url=redis_url),
    }


@dataclasses.dataclass
class App:
    setup: Setup
    base_url: str
    workdir: Path
    database_url: str
    process: subprocess.Popen

    def pids(self) -> list[int]:
        """The `reflex` process, gunicorn and its workers: its process group."""
        return process_group(self.process.pid)

    def service_pids(self) -> list[int]:
        """Redis, and the PostgreSQL backends serving this app's database."""
        database = self.database_url.rpartition("/")[2] if self.setup.postgres_url else None
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    command = (entry / "cmdline").read_bytes().decode(errors="replace")
                    if ((self.setup.redis_url and command.startswith("redis-server"))
                            or (database and command.startswith("postgres:") and f" {database} " in command)):
                        found.append(int(entry.name))
        return found

    def rss_kib(self) -> int:
        """Resident memory of all the app's processes, summed."""
        return rss_kib(self.pids())

    def log_errors(self) -> list[str]:
        lines = (self.workdir / "app.log").read_text(errors="replace").splitlines()
        return [line for line in lines if "ERROR" in line or "Traceback" in line]


@contextlib.contextmanager
def running(setup: Setup, keep_log: Path | None = None) -> Iterator[App]:
    """The app in a fresh copy of the checkout, on a fresh database, until the block ends."""
    workdir = Path(tempfile.mkdtemp(prefix=f"portal-bench-{setup.name}-"))
    try:
        for name in _PROJECT_FILES:
            copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
            copy(ROOT / name, workdir / name)
        port = free_port()
        database_url = fresh_database(setup, workdir)
        env = _environment(setup, workdir, port, database_url)
        subprocess.run([str(BIN / "alembic"), "upgrade", "head"], cwd=workdir, env=env, check=True,
                       capture_output=True)
        with (workdir / "app.log").open("w") as log:
            process = subprocess.Popen(
                [str(BIN / "reflex"), "run", "--env", "prod", "--backend-only", "--backend-port", str(port)],
                cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            app = App(setup, f"http://127.0.0.1:{port}", workdir, database_url, process)
            try:
                _wait_until_up(app)
                yield app
            finally:
                stop(process)
    finally:
        if keep_log is not None and (workdir / "app.log").exists():
            shutil.copy(workdir / "app.log", keep_log)
        shutil.rmtree(workdir, ignore_errors=True)


def process_group(group: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) == group:
                    found.append(int(entry.name))
    return found


def rss_kib(pids: list[int]) -> int:
    """Resident memory of these processes, summed."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text()
            total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


def fresh_database(setup: Setup, workdir: Path) -> str:
    """An empty database for this run; its SQLAlchemy URL. Redis's database is emptied too."""
    if setup.redis_url:
        import redis

        redis.Redis.from_url(setup.redis_url).flushdb()
    if setup.postgres_url:
        return fresh_postgres(setup.postgres_url)
    (workdir / "data").mkdir(exist_ok=True)
    return f"sqlite:///{workdir / 'data' / 'portal.db'}"


def fresh_postgres(url: str, name: str = "") -> str:
    """The PostgreSQL database of `url` (or `name` on the same server), dropped and created
    again; its URL."""
    import psycopg

    server, _, database = url.rpartition("/")
    database = name or database
    with psycopg.connect(f"{server}/postgres".replace("postgresql+psycopg://", "postgresql://"),
                         autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"')
    return f"{server}/{database}"


def _environment(setup: Setup, workdir: Path, port: int, database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PORTAL_", "GUNICORN_"))}
    env.update({
        "PORTAL_DATA_DIR": str(workdir / "data"),
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_REDIS_URL": setup.redis_url,
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        # Every simulated citizen comes from 127.0.0.1: per-address limits would measure
        # themselves. Per-account and per-CPF limits stay as in production.
        "PORTAL_CLIENT_LIMITS": "login=1000000/minute",
        "PORTAL_MAX_SOCKETS_PER_CLIENT": "100000",
        "PORTAL_NEW_SOCKETS_PER_MINUTE": "1000000",
        # The built-in mail catcher (no SMTP server), on a port of its own.
        "PORTAL_SMTP_HOST": "",
        "PORTAL_CATCHER_PORT": str(free_port()),
        "PORTAL_WORKERS": str(setup.workers),
        "PATH": f"{ROOT / '.tools' / 'node_modules' / '.bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "REFLEX_USE_SYSTEM_BUN": "1",
        "PYTHONPATH": str(workdir),
    })
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(app: App) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"the app exited during start-up:\n{_tail(app)}")
        # Every worker forked (the supervisor plus one process each) and answering.
        if len(app.pids()) > app.setup.workers:
            try:
                with urllib.request.urlopen(app.base_url + "/ping", timeout=2) as response:
                    response.read()
                return
            except OSError:
                pass
        time.sleep(0.5)
    raise RuntimeError(f"the app did not start in {STARTUP_TIMEOUT} s:\n{_tail(app)}")


def _tail(app: App) -> str:
    return (app.workdir / "app.log").read_text(errors="replace")[-3000:]


def stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
