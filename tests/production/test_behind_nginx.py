"""The deployment kit, run for real: HTTPS in nginx in front of the portal, on a port other
than 443, exactly as README "Implantação (HTTPS atrás de um proxy)" describes it.

The files a city's IT team installs are the ones this module runs:
- deploy/nginx/portal.conf, its {{...}} placeholders filled in, included in a minimal
  nginx.conf of the test's own (temporary paths, so no root paths are needed);
- deploy/systemd/portal-migrate.service and portal.service: their ExecStart= (and the
  service's Environment=) run in a copy of the project, /opt/portal standing for the copy and
  the port changed to a free one;
- deploy/portal.env.example: every variable in it is one the portal reads.

One app instance (PORTAL_WORKERS=2, PostgreSQL + Redis) listens on 127.0.0.2; nginx (reached
on 127.0.0.1) connects to the app from 127.0.0.3 (proxy_bind), the only address in
PORTAL_TRUSTED_PROXIES. So the citizen (127.0.0.1) and the proxy are told apart, and a direct
request to the app with a forged X-Forwarded-For comes from an address that is not trusted.

Chromium reaches https://portal.campinas.test:<port> (a host-resolver rule; a self-signed
certificate made here with openssl) for the whole journey: sign up, the confirmation link
from the e-mail, sign in, Minha conta, a support request, Sair.

Skipped when nginx, openssl, PostgreSQL (PORTAL_TEST_POSTGRES_URL) or Redis
(PORTAL_TEST_REDIS_URL) is missing, or when 127.0.0.2/127.0.0.3 cannot be bound.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.client
import json
import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import String, TypeDecorator, func, inspect
from sqlalchemy import select as sql_select
from sqlmodel import Session, SQLModel, col, select

from portal.accounts import cpf as cpf_rules
from portal.accounts import passwords
from portal.accounts.signup import TERMS_VERSION
from portal.core.clock import utcnow
from portal.web.cookies import BROWSER_COOKIE, SESSION_COOKIE
from portal.models import Account, AuthSession, SecurityEvent, SupportRequest
from tests.browser.citizen import PASSWORD, new_cpf, new_email, sign_in_to_my_account, sign_up, visit
from tests.browser.conftest import ARTIFACTS, CHROMIUM, ROOT, _copy_project
from tests.browser.smtp import LINK, MailServer, link_in, text_of
from tests.production.services import empty_redis, fresh_database, session_on

# The Redis server of test_two_instances (PORTAL_TEST_REDIS_URL), a database of this module's own.
REDIS_URL = urllib.parse.urlunsplit(urllib.parse.urlsplit(
    os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/7"))._replace(path="/8"))
NGINX = os.environ.get("PORTAL_TEST_NGINX", "/usr/sbin/nginx")
DEPLOY = ROOT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "portal.conf"
MIGRATE_UNIT = DEPLOY / "systemd" / "portal-migrate.service"
PORTAL_UNIT = DEPLOY / "systemd" / "portal.service"
ENV_EXAMPLE = DEPLOY / "portal.env.example"

HOST = "portal.campinas.test"
BROWSER = "127.0.0.1"  # the citizen: Chromium, and this test's own requests
APP = "127.0.0.2"  # where the app listens (PORTAL_LISTEN_HOST)
PROXY = "127.0.0.3"  # where nginx connects from (proxy_bind): PORTAL_TRUSTED_PROXIES
FORGED = "9.9.9.9"
STARTUP_TIMEOUT = 240  # the app builds its pages before it opens its port
# README "Implantação", the step before starting the unit: prepares .web/ (which the unit may
# only write into, not create) and builds the pages with the production PORTAL_BASE_URL.
PREPARE = ("reflex", "export", "--frontend-only", "--no-zip")

T = TypeVar("T")


# --- What the test needs on this machine -------------------------------------------------------

@pytest.fixture(scope="module")
def machine() -> None:
    """nginx, openssl and the loopback aliases, or skip the module."""
    if not os.access(NGINX, os.X_OK):
        pytest.skip(f"nginx not found at {NGINX} (`make test` installs Debian's nginx)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl not found: it makes the test's TLS certificate")
    for address in (APP, PROXY):
        try:
            with socket.socket() as probe:
                probe.bind((address, 0))
        except OSError as exc:
            pytest.skip(f"cannot bind {address} (loopback aliases) here: {exc}")


@pytest.fixture(scope="module")
def redis_url(machine) -> Iterator[str]:
    with empty_redis(REDIS_URL) as url:
        yield url


@pytest.fixture(scope="module")
def database_url(redis_url: str) -> Iterator[str]:
    with fresh_database("portal_behind_nginx") as url:
        yield url


@pytest.fixture(scope="module")
def db(database_url: str) -> Iterator[Session]:
    with session_on(database_url) as session:
        yield session


@pytest.fixture(scope="module")
def mail_server(machine) -> Iterator[MailServer]:
    server = MailServer(port=_free_port(BROWSER))
    server.start()
    yield server
    server.stop()


def _free_port(address: str) -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


# --- The deployment: the repo's files, filled in and run ---------------------------------------

@dataclasses.dataclass
class Deployment:
    app_dir: Path  # the copy of the project: /opt/portal
    nginx_dir: Path
    tls_port: int
    http_port: int
    app_port: int
    cert: Path
    config: str  # deploy/nginx/portal.conf as filled in

    @property
    def public_url(self) -> str:
        return f"https://{HOST}:{self.tls_port}"

    @property
    def host_header(self) -> str:
        return f"{HOST}:{self.tls_port}"

    def through_nginx(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                      body: bytes | None = None) -> http.client.HTTPResponse:
        """A request to nginx over TLS, as a browser at the public address makes it (SNI and
        Host name the portal; the certificate is verified against the test's own)."""
        context = ssl.create_default_context(cafile=str(self.cert))
        connection = _PinnedHTTPS(HOST, self.tls_port, BROWSER, context=context, timeout=15)
        return _request(connection, method, path, headers, body)

    def direct_to_app(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                      body: bytes | None = None) -> http.client.HTTPResponse:
        """A request that bypasses nginx: from 127.0.0.1, straight to the app's port."""
        connection = http.client.HTTPConnection(APP, self.app_port, timeout=15, source_address=(BROWSER, 0))
        return _request(connection, method, path, {"Host": self.host_header, **(headers or {})}, body)

    def plain_http(self, path: str) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(BROWSER, self.http_port, timeout=15)
        return _request(connection, "GET", path, {"Host": f"{HOST}:{self.http_port}"}, None)

    def log(self, name: str) -> str:
        path = self.nginx_dir / name
        return path.read_text(errors="replace") if path.exists() else ""

    def app_log(self) -> str:
        return (self.app_dir / "app.log").read_text(errors="replace")


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to `address` with `host` in SNI and Host: portal.campinas.test has no DNS."""

    def __init__(self, host: str, port: int, address: str, **kwargs) -> None:
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _request(connection: http.client.HTTPConnection, method: str, path: str,
             headers: dict[str, str] | None, body: bytes | None) -> http.client.HTTPResponse:
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        return response
    finally:
        connection.close()


def _directive(unit: Path, name: str) -> list[str]:
    """The values of `name=` in a systemd unit (one per line that sets it)."""
    return [line.split("=", 1)[1].strip() for line in unit.read_text().splitlines()
            if line.startswith(f"{name}=")]


def _on_this_machine(value: str, app_dir: Path) -> str:
    """A unit's /opt/portal paths, here: the venv and bun of this checkout, the app copy."""
    return (value.replace("/opt/portal/.venv", str(Path(sys.executable).parent.parent))
            .replace("/opt/portal/.tools", str(ROOT / ".tools"))
            .replace("/opt/portal", str(app_dir)))


def _exec_start(unit: Path, app_dir: Path, port: int | None = None) -> list[str]:
    (command,) = _directive(unit, "ExecStart")
    argv = shlex.split(_on_this_machine(command, app_dir))
    for option in ("--frontend-port", "--backend-port"):
        if option in argv and port is not None:
            argv[argv.index(option) + 1] = str(port)
    return argv


def _unit_environment(unit: Path, app_dir: Path) -> dict[str, str]:
    found = {}
    for assignment in _directive(unit, "Environment"):
        for item in shlex.split(assignment):
            key, _, value = item.partition("=")
            found[key] = _on_this_machine(value, app_dir)
    return found


def _fill_site(deployment_values: dict[str, str]) -> str:
    config = NGINX_SITE.read_text()
    for key, value in deployment_values.items():
        config = config.replace("{{" + key + "}}", value)
    # Comments may name the placeholders; every directive must have them filled in.
    left = [line for line in config.splitlines() if "{{" in line and not line.lstrip().startswith("#")]
    assert not left, f"placeholders of {NGINX_SITE} the test does not fill: {left}"
    return config


def _nginx_conf(nginx_dir: Path, site: Path) -> str:
    """The smallest nginx.conf around the site, shaped like Debian's (which the site is
    included into), every path in the test's folder. Its http-level access_log is Debian's
    too (format "combined": the whole request line, query included), so a server block of
    the site without its own access_log would show up in default-access.log."""
    temp = {name: nginx_dir / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    return "\n".join([
        "daemon off;",
        "worker_processes 1;",
        # As root, workers would run as nobody, who cannot enter the test's private folder.
        *(["user root;"] if os.geteuid() == 0 else []),
        f"pid {nginx_dir / 'nginx.pid'};",
        f"error_log {nginx_dir / 'error.log'} info;",
        "events { worker_connections 512; }",
        "http {",
        "    include /etc/nginx/mime.types;",
        "    default_type application/octet-stream;",
        "    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;",
        f"    access_log {nginx_dir / 'default-access.log'};",
        f"    client_body_temp_path {temp['client_body']};",
        f"    proxy_temp_path {temp['proxy']};",
        f"    fastcgi_temp_path {temp['fastcgi']};",
        f"    uwsgi_temp_path {temp['uwsgi']};",
        f"    scgi_temp_path {temp['scgi']};",
        f"    include {site};",
        "}",
        "",
    ])


def _certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "portal.crt", folder / "portal.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def _app_environment(app_dir: Path, database_url: str, redis_url: str, mail_server: MailServer,
                     public_url: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "REFLEX_", "GRANIAN_"))}
    return {
        **inherited,
        # What portal.service sets itself (PATH with bun, REFLEX_USE_SYSTEM_BUN).
        **_unit_environment(PORTAL_UNIT, app_dir),
        # What /etc/portal/portal.env holds, with this test's services.
        "PORTAL_BASE_URL": public_url,
        "PORTAL_LISTEN_HOST": APP,
        "PORTAL_TRUSTED_PROXIES": PROXY,
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_REDIS_URL": redis_url,
        "PORTAL_WORKERS": "2",
        "PORTAL_DATA_DIR": str(app_dir / "data"),
        "PORTAL_SMTP_HOST": BROWSER,
        "PORTAL_SMTP_PORT": str(mail_server.port),
        "PORTAL_SMTP_TLS": "none",
        "PORTAL_MAIL_FROM": "Portal de Serviços <nao-responda@campinas.test>",
        "PORTAL_OUTBOX_POLL_SECONDS": "0.3",
        # Every client here is 127.0.0.1: per-address limits would stop the test itself.
        "PORTAL_CLIENT_LIMITS": "login=1000/minute,signup=1000/hour,resend=1000/hour,recovery=1000/hour,"
                                "support=1000/hour,follow=1000/hour",
        "PORTAL_MAX_SOCKETS_PER_CLIENT": "1000",
        "PORTAL_NEW_SOCKETS_PER_MINUTE": "100000",
        "PYTHONPATH": str(app_dir),
    }


def _stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    """End a process group this module started (the reflex CLI and its workers; nginx and
    its worker)."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait_for(what: str, ready: Callable[[], bool], process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited during start-up:\n{log.read_text(errors='replace')[-4000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if ready():
                return
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-4000:]
    raise RuntimeError(f"{what} did not start in {STARTUP_TIMEOUT} s:\n{tail}")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, machine, database_url: str, redis_url: str,
               mail_server: MailServer) -> Iterator[Deployment]:
    root = tmp_path_factory.mktemp("behind-nginx")
    app_dir, nginx_dir = root / "opt-portal", root / "nginx"
    nginx_dir.mkdir()
    cert, key = _certificate(nginx_dir)
    tls_port, http_port, app_port = _free_port("0.0.0.0"), _free_port("0.0.0.0"), _free_port(APP)
    config = _fill_site({
        "PORTAL_HOST": HOST, "TLS_PORT": str(tls_port), "HTTP_PORT": str(http_port),
        "APP_ADDRESS": f"{APP}:{app_port}", "PROXY_ADDRESS": PROXY,
        "CERT": str(cert), "KEY": str(key), "LOG_DIR": str(nginx_dir),
    })
    deployed = Deployment(app_dir, nginx_dir, tls_port, http_port, app_port, cert, config)
    (nginx_dir / "portal.conf").write_text(config)
    (nginx_dir / "nginx.conf").write_text(_nginx_conf(nginx_dir, nginx_dir / "portal.conf"))
    nginx_command = [NGINX, "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf"),
                     "-e", str(nginx_dir / "error.log")]
    checked = subprocess.run([*nginx_command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx -t refused {NGINX_SITE}:\n{checked.stderr}"

    _copy_project(app_dir)
    env = _app_environment(app_dir, database_url, redis_url, mail_server, deployed.public_url)
    # README's deploy step "montar as páginas", as the portal user outside the unit's sandbox.
    prepared = subprocess.run([str(Path(sys.executable).parent / "reflex"), *PREPARE[1:]], cwd=app_dir,
                              env=env, capture_output=True, text=True)
    assert prepared.returncode == 0, \
        f"{' '.join(PREPARE)} failed:\n{prepared.stdout[-3000:]}\n{prepared.stderr[-3000:]}"
    migrated = subprocess.run(_exec_start(MIGRATE_UNIT, app_dir),
                              cwd=_on_this_machine(_directive(MIGRATE_UNIT, "WorkingDirectory")[0], app_dir),
                              env=env, capture_output=True, text=True)
    assert migrated.returncode == 0, f"{MIGRATE_UNIT.name} failed:\n{migrated.stdout}\n{migrated.stderr}"

    app = nginx = None
    app_log = (app_dir / "app.log").open("w")
    nginx_log = (nginx_dir / "nginx.out").open("w")
    try:
        app = subprocess.Popen(_exec_start(PORTAL_UNIT, app_dir, app_port),
                               cwd=_on_this_machine(_directive(PORTAL_UNIT, "WorkingDirectory")[0], app_dir),
                               env=env, stdout=app_log, stderr=subprocess.STDOUT, start_new_session=True)
        nginx = subprocess.Popen(nginx_command, stdout=nginx_log, stderr=subprocess.STDOUT,
                                 start_new_session=True)
        # The pages are served once the build is done: then the port opens.
        _wait_for("the app", lambda: deployed.direct_to_app("GET", "/").status == 200, app,
                  app_dir / "app.log")
        _wait_for("nginx", lambda: deployed.through_nginx("GET", "/ping").status == 200, nginx,
                  nginx_dir / "error.log")
        yield deployed
    finally:
        _stop(nginx)
        _stop(app)
        app_log.close()
        nginx_log.close()
        ARTIFACTS.mkdir(exist_ok=True)
        for source, name in ((app_dir / "app.log", "behind-nginx-app.log"),
                             (nginx_dir / "portal.conf", "behind-nginx-portal.conf"),
                             (nginx_dir / "nginx.conf", "behind-nginx-nginx.conf"),
                             (nginx_dir / "error.log", "behind-nginx-error.log"),
                             (nginx_dir / "portal.access.log", "behind-nginx-access.log"),
                             (nginx_dir / "default-access.log", "behind-nginx-default-access.log"),
                             (nginx_dir / "nginx.out", "behind-nginx-nginx.out")):
            if source.exists():
                shutil.copy(source, ARTIFACTS / name)


# --- The citizen's journey in Chromium ---------------------------------------------------------

@dataclasses.dataclass
class Journey:
    cpf: str
    email: str
    confirmation_link: str
    follow_link: str
    support_email: str
    requests: list[str]  # every URL the browser asked for
    locations: list[tuple[str, int, str]]  # (url, status, Location) of every redirect it got
    websockets: list[str]


def _in_own_thread(work: Callable[[], T]) -> T:
    """Playwright's sync API on a thread of its own: the browser tests' session may already
    run one on the test thread, and two cannot share it."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(work).result()


@pytest.fixture(scope="module")
def journey(deployment: Deployment, mail_server: MailServer) -> Journey:
    """Sign up, the confirmation link from the e-mail, sign in, Minha conta, Solicitar
    auxílio, Sair: at https://portal.campinas.test:<port>, every request with a forged
    X-Forwarded-For, as a client trying to pass for someone else would send."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it")
    return _in_own_thread(lambda: _journey(deployment, mail_server))


def _journey(deployment: Deployment, mail_server: MailServer) -> Journey:
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.test_support import send_request

    requests: list[str] = []
    locations: list[tuple[str, int, str]] = []
    websockets: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  f"--host-resolver-rules=MAP {HOST} {BROWSER}"],
        )
        context = browser.new_context(base_url=deployment.public_url, ignore_https_errors=True,
                                      locale="pt-BR", viewport={"width": 1280, "height": 900},
                                      extra_http_headers={"X-Forwarded-For": FORGED})
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("response", lambda response: locations.append(
            (response.url, response.status, response.headers.get("location", "")))
            if response.headers.get("location") else None)
        page.on("websocket", lambda socket: websockets.append(socket.url))
        try:
            cpf, email, support_email = new_cpf(), new_email(), new_email()
            sign_up(page, cpf=cpf, email=email)
            confirmation_link = link_in(mail_server.wait_for(email))
            page.goto(confirmation_link)
            expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()

            sign_in_to_my_account(page, cpf)
            send_request(page, support_email)
            receipt = text_of(mail_server.wait_for(support_email))
            follow_link = next((link for link in LINK.findall(receipt) if "/ajuda/acompanhar" in link), "")
            assert follow_link, f"no follow-request link in the receipt:\n{receipt}"

            visit(page, "/minha-conta")
            page.get_by_role("button", name="Sair", exact=True).click()
            expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / "behind-nginx-failure.png"), full_page=True)
            raise
        finally:
            context.close()
            browser.close()
    return Journey(cpf, email, confirmation_link, follow_link, support_email, requests, locations, websockets)


# --- Tests -------------------------------------------------------------------------------------

def test_the_env_example_sets_only_variables_the_portal_reads():
    read = set(re.findall(r'"(PORTAL_[A-Z_]+)"', (ROOT / "portal" / "core" / "config.py").read_text()))
    example = [line.split("=", 1)[0] for line in ENV_EXAMPLE.read_text().splitlines()
               if line and not line.startswith("#")]
    assert set(example) <= read, f"not read by portal/core/config.py: {sorted(set(example) - read)}"
    for needed in ("PORTAL_BASE_URL", "PORTAL_DATABASE_URL", "PORTAL_REDIS_URL", "PORTAL_WORKERS",
                   "PORTAL_TRUSTED_PROXIES", "PORTAL_LISTEN_HOST", "PORTAL_SMTP_HOST", "PORTAL_MAIL_FROM"):
        assert needed in example
    assert "PORTAL_TRUSTED_PROXY_HOPS" not in example  # replaced by PORTAL_TRUSTED_PROXIES


def test_the_nginx_log_format_has_the_path_without_the_query():
    formats = re.findall(r"log_format\s[^;]*;", NGINX_SITE.read_text())
    assert formats and all("$uri" in f for f in formats)
    for variable in ("$request ", "$request\"", "$request_uri", "$args", "$query_string", "$arg_",
                     "$http_referer"):
        assert not any(variable in f for f in formats), variable


@pytest.mark.browser
def test_the_journey_stays_on_https_at_the_public_address(deployment: Deployment, journey: Journey):
    origin = deployment.public_url + "/"
    # The mailed links name the public address, its port included.
    assert journey.confirmation_link.startswith(origin + "auth/confirmar"), journey.confirmation_link
    assert journey.follow_link.startswith(origin), journey.follow_link
    # No answer sent the browser to http://, and it never asked for anything over it.
    assert [hop for hop in journey.locations if hop[2].startswith("http://")] == []
    assert [url for url in journey.requests if url.startswith(("http://", "ws://"))] == []
    assert journey.locations, "the journey had redirects (the confirmation link, the sign-in form's post)"
    # The pages' websocket goes through nginx with TLS, at the public address.
    assert journey.websockets and all(url.startswith(f"wss://{HOST}:{deployment.tls_port}/_event")
                                      for url in journey.websockets), journey.websockets


def _ok_or_https_redirect(status: int, location: str, deployment: Deployment) -> bool:
    """200, or a redirect to a path of this site or to its https address."""
    if status == 200:
        return True
    relative = location.startswith("/") and not location.startswith("//")
    return 300 <= status < 400 and (relative or location.startswith(deployment.public_url + "/"))


def test_redirects_through_nginx_name_https_or_a_path(deployment: Deployment):
    for path in ("/confirmar?token=abc", "/minha-conta", "/cadastro", "/auth/confirmar?token=abc",
                 "/auth/sair"):
        response = deployment.through_nginx("GET", path)
        location = response.headers.get("location", "")
        assert _ok_or_https_redirect(response.status, location, deployment), \
            f"{path}: {response.status} Location: {location}"


def test_the_http_port_only_redirects_to_https(deployment: Deployment):
    response = deployment.plain_http("/auth/confirmar?token=abc")
    assert response.status == 301
    assert response.headers["location"] == f"{deployment.public_url}/auth/confirmar?token=abc"


def test_the_mailed_links_answer_over_https(deployment: Deployment, journey: Journey):
    for link in (journey.confirmation_link, journey.follow_link):
        target = urllib.parse.urlsplit(link)
        path = f"{target.path}?{target.query}"
        response = deployment.through_nginx("GET", path)
        location = response.headers.get("location", "")
        assert _ok_or_https_redirect(response.status, location, deployment), \
            f"{link}: {response.status} Location: {location}"
        if response.status != 200:  # where it leads is a page that opens
            next_path = location.removeprefix(deployment.public_url)
            assert deployment.through_nginx("GET", next_path).status == 200, next_path


def _confirmed_account(db: Session) -> str:
    cpf, now = new_cpf(), utcnow()
    db.add(Account(cpf=cpf_rules.normalize(cpf), full_name="Cidada Atras Do Proxy", email=new_email(),
                   password_hash=passwords.hash_password(PASSWORD), created_at=now, confirmed_at=now,
                   terms_version=TERMS_VERSION, terms_accepted_at=now))
    db.commit()
    return cpf


def _sign_in_form(cpf: str, user_agent: str) -> tuple[dict[str, str], bytes]:
    """The sign-in form posted as the page's form does (same-origin), a forged
    X-Forwarded-For added."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin",
               "User-Agent": user_agent, "Cookie": f"{BROWSER_COOKIE}={uuid.uuid4().hex}",
               "X-Forwarded-For": FORGED, "X-Forwarded-Proto": "https"}
    return headers, urllib.parse.urlencode({"cpf": cpf, "password": PASSWORD}).encode()


def _session_of(db: Session, user_agent: str) -> AuthSession:
    db.expire_all()
    return db.exec(select(AuthSession).where(AuthSession.user_agent == user_agent)).one()


def test_the_portal_records_the_browsers_address_not_the_proxys(deployment: Deployment, journey: Journey,
                                                                db: Session):
    db.expire_all()
    account = db.exec(select(Account).where(Account.cpf == cpf_rules.normalize(journey.cpf))).one()
    signed_in = db.exec(select(AuthSession).where(AuthSession.account_id == account.id)).all()
    events = db.exec(select(SecurityEvent).where(SecurityEvent.account_id == account.id)).all()
    request = db.exec(select(SupportRequest).where(col(SupportRequest.email) == journey.support_email)).one()
    # The session and its sign-in event (the form's post to an HTTP endpoint) and the support
    # request (over the websocket): the browser's address, not nginx's, nor the forged one.
    assert [row.client_ip for row in signed_in] == [BROWSER]
    assert events and {row.client_ip for row in events} == {BROWSER}, [(e.kind, e.client_ip) for e in events]
    assert request.client_ip == BROWSER


def test_a_forged_x_forwarded_for_is_not_believed(deployment: Deployment, db: Session):
    cpf = _confirmed_account(db)

    # Through nginx: the client's own X-Forwarded-For stays left of the address nginx adds.
    headers, body = _sign_in_form(cpf, f"forged-through-nginx-{uuid.uuid4().hex[:6]}")
    response = deployment.through_nginx("POST", "/auth/entrar", headers=headers, body=body)
    assert response.status == 303 and SESSION_COOKIE in response.headers.get("set-cookie", ""), \
        (response.status, response.headers)
    assert _session_of(db, headers["User-Agent"]).client_ip == BROWSER

    # Around nginx, straight to the app's port: the caller is no trusted proxy, its headers
    # are its own word.
    headers, body = _sign_in_form(cpf, f"forged-direct-{uuid.uuid4().hex[:6]}")
    response = deployment.direct_to_app("POST", "/auth/entrar", headers=headers, body=body)
    assert response.status == 303 and SESSION_COOKIE in response.headers.get("set-cookie", ""), \
        (response.status, response.headers)
    assert _session_of(db, headers["User-Agent"]).client_ip == BROWSER


def _holds_text(column) -> bool:
    # SQLModel's AutoString wraps a String.
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    return isinstance(kind, String)  # Text too


def test_the_forged_address_is_nowhere_in_the_database(deployment: Deployment, journey: Journey, db: Session):
    found = []
    with db.get_bind().connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if not inspect(connection).has_table(table.name):
                continue
            for column in table.columns:
                if _holds_text(column):
                    count = connection.execute(sql_select(func.count()).select_from(table)
                                               .where(column.contains(FORGED))).scalar()
                    if count:
                        found.append(f"{table.name}.{column.name}")
    assert found == []


def _processes_of(app_dir: Path) -> dict[int, tuple[int, str]]:
    """pid: (parent pid, command line) of every process running in the app's folder."""
    found = {}
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, ValueError):
            if entry.name.isdigit() and os.readlink(entry / "cwd") == str(app_dir):
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                found[int(entry.name)] = (parent, command)
    return found


def test_the_portal_serves_with_portal_workers_processes(deployment: Deployment):
    """gunicorn (rxconfig.py) and PORTAL_WORKERS=2 workers of its own: Reflex's --threads makes none."""
    gunicorn = {pid: parent for pid, (parent, command) in _processes_of(deployment.app_dir).items()
                if "gunicorn" in command}
    workers = [pid for pid, parent in gunicorn.items() if parent in gunicorn]
    assert len(gunicorn) == 3 and len(workers) == 2, _processes_of(deployment.app_dir)


def test_health_endpoints_answer_through_nginx(deployment: Deployment):
    assert deployment.through_nginx("GET", "/ping").status == 200
    reflex = deployment.through_nginx("GET", "/_health")
    assert reflex.status == 200 and json.loads(reflex.body) == {"status": True, "redis": True}, reflex.body
    portal = deployment.through_nginx("GET", "/saude")
    assert portal.status == 200, (portal.status, portal.body[:300])
    health = json.loads(portal.body)
    assert health["banco"] == "ok", health
    assert {"pendentes", "mais_antiga_segundos"} <= set(health["fila_de_email"]), health


def test_no_token_or_password_reaches_a_log(deployment: Deployment, journey: Journey):
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(journey.confirmation_link).query)["token"][0]
    access = deployment.log("portal.access.log")
    # The journey went through nginx: the confirmation link and the sign-in form's post.
    assert "/auth/confirmar" in access and "/auth/entrar" in access
    logs = {"portal.access.log": access, "default-access.log": deployment.log("default-access.log"),
            "app.log": deployment.app_log()}
    for name, content in logs.items():
        assert token not in content and PASSWORD not in content, name
        assert not re.search(r"token=(?!\*\*\*)[A-Za-z0-9_\-]", content), name
