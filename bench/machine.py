"""The machine the figures were measured on, printed before them."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path


def describe() -> list[list[str]]:
    return [
        ["cores", str(os.cpu_count())],
        ["CPU", _cpu_model()],
        ["memory", f"{_meminfo_kib('MemTotal') / 1024 / 1024:.1f} GiB"],
        ["system", f"{_os_name()}, Linux {platform.release()}"],
        ["Python", platform.python_version()],
        ["Reflex / gunicorn / uvicorn / websockets",
         " / ".join(metadata.version(name) for name in ("reflex", "gunicorn", "uvicorn", "websockets"))],
        ["load average at start", " ".join(Path("/proc/loadavg").read_text().split()[:3])],
    ]


def services(postgres_url: str, redis_url: str) -> list[list[str]]:
    """Versions of the servers configuration B uses ("not reachable" rather than failing)."""
    rows = []
    try:
        import psycopg

        with psycopg.connect(postgres_url.replace("postgresql+psycopg://", "postgresql://").rpartition("/")[0]
                             + "/postgres", connect_timeout=3) as connection:
            rows.append(["PostgreSQL", connection.execute("SHOW server_version").fetchone()[0]])
    except Exception as error:  # noqa: BLE001 - only described
        rows.append(["PostgreSQL", f"not reachable ({type(error).__name__})"])
    try:
        import redis

        rows.append(["Redis", redis.Redis.from_url(redis_url, socket_timeout=3).info("server")["redis_version"]])
    except Exception as error:  # noqa: BLE001 - only described
        rows.append(["Redis", f"not reachable ({type(error).__name__})"])
    return rows


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _meminfo_kib(field: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _os_name() -> str:
    for line in Path("/etc/os-release").read_text().splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip('"')
    return platform.system()
