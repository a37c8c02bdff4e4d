"""Browser tests: the real app in production mode, a real SMTP server, Debian's Chromium.

The app runs from a copy of the project in a temporary folder (its own .web build, its
own SQLite file), so a `make run` in the checkout is left alone.
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
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.smtp import MailServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PORTAL_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
STARTUP_TIMEOUT = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def mail_server() -> Iterator[MailServer]:
    server = MailServer(port=free_port())
    server.start()
    yield server
    server.stop()


_NOT_COPIED = {".venv", ".tools", ".web", ".states", "data", ".git", ".pytest_cache", "test-artifacts",
               ".hypothesis", "tests"}


def _copy_project(target: Path) -> None:
    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {"__pycache__"} & set(names)
        return skipped | (_NOT_COPIED & set(names) if Path(directory) == ROOT else set())

    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)


@dataclasses.dataclass(frozen=True)
class RunningApp:
    url: str
    workdir: Path
    env: dict[str, str]

    def command(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        """Run a command-line tool of the portal against this app's database."""
        return subprocess.run([sys.executable, *args], cwd=self.workdir, env=self.env, input=stdin, text=True,
                              capture_output=True, check=True)


@pytest.fixture(scope="session")
def app_url(app: RunningApp) -> str:
    return app.url


@contextlib.contextmanager
def running_app(workdir: Path, mail_server: MailServer, port: int | None = None,
                **overrides: str) -> Iterator[RunningApp]:
    """A copy of the project in workdir, migrated and served in production mode (on `port`,
    or a free one)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it")
    _copy_project(workdir)
    port = port or free_port()
    base_url = f"http://localhost:{port}"
    env = {
        **os.environ,
        "PORTAL_DATA_DIR": str(workdir / "data"),
        "PORTAL_DATABASE_URL": f"sqlite:///{workdir / 'data' / 'portal.db'}",
        "PORTAL_BASE_URL": base_url,
        "PORTAL_SMTP_HOST": "127.0.0.1",
        "PORTAL_SMTP_PORT": str(mail_server.port),
        "PORTAL_SMTP_TLS": "none",
        "PORTAL_OUTBOX_POLL_SECONDS": "0.3",
        "PORTAL_BOUNCE_SMTP_PORT": str(free_port()),
        # Every browser test comes from 127.0.0.1: per-address limits would stop the suite
        # itself. Per-CPF and per-account limits stay as in production.
        "PORTAL_CLIENT_LIMITS": "login=1000/minute,signup=1000/hour,resend=1000/hour,recovery=1000/hour,"
                                "support=1000/hour,follow=1000/hour",
        # Every page a test opens is a new websocket from 127.0.0.1 (production: 60 a minute).
        "PORTAL_NEW_SOCKETS_PER_MINUTE": "100000",
        "PATH": f"{ROOT / '.tools' / 'node_modules' / '.bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "REFLEX_USE_SYSTEM_BUN": "1",
        "PYTHONPATH": str(workdir),
        **overrides,
    }
    env.pop("PORTAL_REDIS_URL", None)
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "alembic"), "upgrade", "head"], cwd=workdir, env=env, check=True,
                   capture_output=True)
    log = (workdir / "app.log").open("w")
    process = subprocess.Popen(
        [str(bin_dir / "reflex"), "run", "--env", "prod", "--frontend-port", str(port), "--backend-port", str(port)],
        cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        _wait_until_up(base_url, process, workdir / "app.log")
        yield RunningApp(base_url, workdir, env)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(workdir / "app.log", ARTIFACTS / f"{workdir.name}.log")


@pytest.fixture(scope="session")
def app(tmp_path_factory, mail_server: MailServer) -> Iterator[RunningApp]:
    with running_app(tmp_path_factory.mktemp("app"), mail_server) as running:
        yield running


def _wait_until_up(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited during start-up:\n{log_path.read_text()[-4000:]}")
        try:
            for path in ("/ping", "/"):
                with urllib.request.urlopen(base_url + path, timeout=2) as response:
                    response.read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the app did not start in {STARTUP_TIMEOUT} s:\n{log_path.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser: Browser, app_url: str) -> Iterator[Callable[[], Page]]:
    """Opens pages in separate browser contexts: separate cookies, like separate devices."""
    contexts = []

    def open_() -> Page:
        context = browser.new_context(base_url=app_url, locale="pt-BR", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: Callable[[], Page]) -> Page:
    return open_page()
