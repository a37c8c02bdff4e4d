"""Browser tests: the real app in production mode, a real SMTP server, Debian's Chromium.

Each app runs from a copy of the project in a temporary folder (its own SQLite file), so a
`make run` in the checkout is left alone. Its pages are built once per run for every app of
their kind (built_pages) and served by Reflex's production server (serve_built.py): the
suite runs in several processes, and a dozen builds would cost minutes of its two cores.
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
from tests.one_at_a_time import exclusive

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


# The settings a kind of pages is built with: the few read while the pages are compiled (the
# gov.br button on the home page, the mail catcher's page). Everything else an app is started
# with is read at run time, so apps of one kind share one build.
PAGE_KINDS: dict[str, dict[str, str]] = {
    "default": {},
    # Any issuer and client turn the button on; each app is started with its provider's.
    "govbr": {"PORTAL_GOVBR_ISSUER": "http://127.0.0.1:9/", "PORTAL_GOVBR_CLIENT_ID": "portal-test",
              "PORTAL_GOVBR_CLIENT_SECRET": "segredo-de-teste"},
    "catcher": {"PORTAL_SMTP_HOST": ""},
}


@dataclasses.dataclass(frozen=True)
class BuiltPages:
    web: Path  # a .web folder holding the built pages (build/client)
    port: int  # the port their websocket address names


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory) -> Path:
    """A folder shared by this run's test processes (pytest-xdist workers), and only this run's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_pages(run_dir: Path, kind: str) -> BuiltPages:
    """The pages of `kind`, built the first time any process of this run asks (the others wait).

    A built page opens its websocket at the port it was built for, on the host the page came
    from (Reflex's getBackendURL puts the page's host in place of "localhost"). So every app
    serving these pages listens on that one port, each on a loopback address of its own
    (`loopback_address`): 127.0.0.0/8 is all this machine."""
    folder = run_dir / f"pages-{kind}"
    with exclusive(folder.with_suffix(".lock")):
        if not (folder / "port").exists():
            project, port = folder / "project", free_port()
            _copy_project(project)
            env = _app_env(project, f"http://localhost:{port}", **PAGE_KINDS[kind])
            done = subprocess.run([str(Path(sys.executable).parent / "reflex"), "export", "--frontend-only",
                                   "--no-zip"], cwd=project, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"building the {kind} pages failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
            (folder / "port").write_text(str(port))
        return BuiltPages(folder / "project" / ".web", int((folder / "port").read_text()))


def loopback_address(run_dir: Path, port: int) -> str:
    """A loopback address (127.0.0.10 and up) no other app of this run has, free on `port`."""
    counter = run_dir / "loopback-addresses"
    with exclusive(counter.with_suffix(".lock")):
        used = int(counter.read_text()) if counter.exists() else 9
        for last in range(used + 1, 255):
            address = f"127.0.0.{last}"
            with socket.socket() as probe:
                try:
                    probe.bind((address, port))
                except OSError:
                    continue
            counter.write_text(str(last))
            return address
    raise RuntimeError(f"no loopback address 127.0.0.10-254 is free on port {port}: the browser tests need "
                       "127.0.0.0/8 on the loopback interface, as Linux has it")


def _app_env(workdir: Path, base_url: str, **overrides: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PORTAL_DATA_DIR": str(workdir / "data"),
        "PORTAL_DATABASE_URL": f"sqlite:///{workdir / 'data' / 'portal.db'}",
        "PORTAL_BASE_URL": base_url,
        "PORTAL_SMTP_HOST": "127.0.0.1",
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
    return env


@contextlib.contextmanager
def running_app(workdir: Path, mail_server: MailServer, pages: BuiltPages, address: str,
                **overrides: str) -> Iterator[RunningApp]:
    """A copy of the project in workdir, migrated and served in production mode with `pages`
    (built_pages), at http://`address`:`pages.port` (a loopback_address, or "localhost" for the
    one app of a kind)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it")
    _copy_project(workdir)
    shutil.copytree(pages.web, workdir / ".web", ignore=shutil.ignore_patterns("node_modules"))
    base_url = f"http://{address}:{pages.port}"
    env = _app_env(workdir, base_url, PORTAL_SMTP_PORT=str(mail_server.port), **overrides)
    listen_host = env.get("PORTAL_LISTEN_HOST") or ("127.0.0.1" if address == "localhost" else address)
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "alembic"), "upgrade", "head"], cwd=workdir, env=env, check=True,
                   capture_output=True)
    log = (workdir / "app.log").open("w")
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("serve_built.py")), listen_host, str(pages.port)],
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
def app(tmp_path_factory, run_dir: Path, mail_server: MailServer) -> Iterator[RunningApp]:
    pages = built_pages(run_dir, "default")
    with running_app(tmp_path_factory.mktemp("app"), mail_server, pages,
                     loopback_address(run_dir, pages.port)) as running:
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
