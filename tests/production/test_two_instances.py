"""The production shape: two app instances, one PostgreSQL database, one Redis.

Each instance is a separate `reflex run --env prod --backend-only` (its own process group,
its own Granian workers) started from its own copy of the project. No frontend is built:
these tests speak the page's websocket protocol (tests/browser/event_socket.py) and plain
HTTP, which is all the backend serves, so the module starts in seconds.

The two instances stand behind one public address, as behind a load balancer:
PORTAL_BASE_URL is http://localhost:PORT for both, and each listens on that PORT at its own
loopback address (127.0.0.2 and 127.0.0.3). A client connects to one instance's address
while its Host and Origin name the public address, exactly what a browser sends through
the balancer; so both instances must accept the same Origin for the websocket.

Skipped when PostgreSQL or Redis is not reachable (PORTAL_TEST_POSTGRES_URL,
PORTAL_TEST_REDIS_URL), or when this machine cannot bind 127.0.0.2/127.0.0.3.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from portal.accounts import cpf as cpf_rules
from portal.accounts import passwords
from portal.accounts.signup import TERMS_VERSION
from portal.accounts.tokens import token_hash
from portal.core.clock import utcnow
from portal.web.cookies import BROWSER_COOKIE, SESSION_COOKIE
from portal.models import Account, AuthSession, OutboxMessage
from portal.state.account import AccountState
from portal.state.personal import PersonalState
from portal.state.signup import SignupState
from tests.browser.citizen import PASSWORD, new_cpf, new_email
from tests.browser.conftest import ARTIFACTS, ROOT, _copy_project
from tests.browser.event_socket import EventSocket, Refused
from tests.browser.smtp import MailServer
from tests.production.services import empty_redis, fresh_database, session_on
from tests.run_async import run_async

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
ADDRESSES = ("127.0.0.2", "127.0.0.3")  # instance 1, instance 2
STARTUP_TIMEOUT = 60
POLL_SECONDS = 0.3
HASH_QUEUE_SECONDS = 0.5

SIGN_OUT = f"{PersonalState.get_full_name()}.sign_out"
SIGN_UP = f"{SignupState.get_full_name()}.submit"
ACCOUNT = AccountState.get_full_name()


# --- The shared services: skip the module when they are not there ---------------------------

@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with empty_redis(REDIS_URL) as url:
        yield url


@pytest.fixture(scope="module")
def database_url(redis_url: str) -> Iterator[str]:
    with fresh_database("portal_two_instances") as url:
        yield url


@pytest.fixture(scope="module")
def db(database_url: str) -> Iterator[Session]:
    """The test's own view of the shared database (what both instances read and write)."""
    with session_on(database_url) as session:
        yield session


@pytest.fixture(scope="module")
def mail_server() -> Iterator[MailServer]:
    """The real SMTP server both instances deliver to."""
    server = MailServer(port=_free_port("127.0.0.1"))
    server.start()
    yield server
    server.stop()


# --- The two instances ------------------------------------------------------------------------

def _free_port(*addresses: str) -> int:
    """A port free on every one of the addresses (the instances listen on the same number)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind((addresses[0], 0))
            port = first.getsockname()[1]
            try:
                for address in addresses[1:]:
                    with socket.socket() as other:
                        other.bind((address, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no port free on all of {addresses}")


@dataclasses.dataclass
class Instance:
    name: str
    address: str
    port: int
    public_url: str
    workdir: Path
    process: subprocess.Popen | None = None

    @property
    def log_path(self) -> Path:
        return self.workdir / "app.log"

    def post(self, path: str, fields: dict[str, str], *, cookie: str = "") -> http.client.HTTPResponse:
        """A form posted by one of the portal's own pages to this instance (redirects not followed)."""
        connection = http.client.HTTPConnection(self.address, self.port, timeout=120)
        connection.request("POST", path, body=urllib.parse.urlencode(fields), headers={
            "Host": self.public_url.split("//", 1)[1], "Content-Type": "application/x-www-form-urlencoded",
            "Sec-Fetch-Site": "same-origin", **({"Cookie": cookie} if cookie else {})})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response

    def get(self, path: str, *, cookie: str = "",
            headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        """A GET to this instance (redirects not followed), Host naming the public address."""
        connection = http.client.HTTPConnection(self.address, self.port, timeout=10)
        connection.request("GET", path, headers={"Host": self.public_url.split("//", 1)[1],
                                                 **({"Cookie": cookie} if cookie else {}), **(headers or {})})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response

    async def socket(self, *, cookie: str | None = None, token: str | None = None,
                     origin: str | None = None) -> EventSocket:
        """The page's websocket, opened through this instance as if through the balancer."""
        return await EventSocket.open(origin or self.public_url, host=self.address, token=token,
                                      cookie=cookie)


def _environment(instance: Instance, database_url: str, redis_url: str,
                 mail_server: MailServer) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    return {
        **inherited,
        "PORTAL_DATA_DIR": str(instance.workdir / "data"),
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_REDIS_URL": redis_url,
        # Both instances serve one public origin: the websocket's Origin check and the
        # sign-in form's accept that origin, whichever instance the balancer picks.
        "PORTAL_BASE_URL": instance.public_url,
        "PORTAL_LISTEN_HOST": instance.address,
        "PORTAL_SMTP_HOST": "127.0.0.1",
        "PORTAL_SMTP_PORT": str(mail_server.port),
        "PORTAL_SMTP_TLS": "none",
        "PORTAL_OUTBOX_POLL_SECONDS": str(POLL_SECONDS),
        # Every client here is 127.0.0.1: per-address limits would stop the tests themselves.
        "PORTAL_CLIENT_LIMITS": "login=1000/minute,signup=1000/hour,resend=1000/hour,recovery=1000/hour,"
                                "support=1000/hour",
        "PORTAL_MAX_SOCKETS_PER_CLIENT": "1000",
        "PORTAL_NEW_SOCKETS_PER_MINUTE": "100000",
        # A short budget, so the burst test overflows it on any machine (production: 5 s).
        "PORTAL_HASH_QUEUE_SECONDS": str(HASH_QUEUE_SECONDS),
        "PATH": f"{ROOT / '.tools' / 'node_modules' / '.bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "REFLEX_USE_SYSTEM_BUN": "1",
        "PYTHONPATH": str(instance.workdir),
    }


def _wait_until_up(instance: Instance) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert instance.process is not None
        if instance.process.poll() is not None:
            raise RuntimeError(f"{instance.name} exited during start-up:\n{_log_tail(instance)}")
        try:
            if instance.get("/ping").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{instance.name} did not start in {STARTUP_TIMEOUT} s:\n{_log_tail(instance)}")


def _log_tail(instance: Instance) -> str:
    return instance.log_path.read_text()[-4000:]


def _stop(instance: Instance) -> None:
    """End the instance's whole process group (the reflex CLI and its Granian workers)."""
    process = instance.process
    if process is None:
        return
    # Granian's main process (the CLI itself) stops and joins its workers on SIGTERM.
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def instances(tmp_path_factory, database_url: str, redis_url: str,
              mail_server: MailServer) -> Iterator[list[Instance]]:
    """Two instances of the app on the shared database and Redis, migrated once."""
    for address in ADDRESSES:
        try:
            with socket.socket() as probe:
                probe.bind((address, 0))
        except OSError as exc:
            pytest.skip(f"cannot listen on {address} (loopback aliases) here: {exc}")
    port = _free_port(*ADDRESSES)
    public_url = f"http://localhost:{port}"
    started = [Instance(f"instance-{n}", address, port, public_url, tmp_path_factory.mktemp(f"instance{n}"))
               for n, address in enumerate(ADDRESSES, start=1)]
    bin_dir = Path(sys.executable).parent
    for instance in started:
        _copy_project(instance.workdir)
    first_env = _environment(started[0], database_url, redis_url, mail_server)
    subprocess.run([str(bin_dir / "alembic"), "upgrade", "head"], cwd=started[0].workdir, env=first_env,
                   check=True, capture_output=True)
    logs = []
    try:
        for instance in started:
            log = instance.log_path.open("w")
            logs.append(log)
            instance.process = subprocess.Popen(
                [str(bin_dir / "reflex"), "run", "--env", "prod", "--backend-only",
                 "--backend-port", str(port)],
                cwd=instance.workdir, env=_environment(instance, database_url, redis_url, mail_server),
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        for instance in started:
            _wait_until_up(instance)
        yield started
    finally:
        for instance in started:
            _stop(instance)
        for log in logs:
            log.close()
        ARTIFACTS.mkdir(exist_ok=True)
        for instance in started:
            if instance.log_path.exists():
                shutil.copy(instance.log_path, ARTIFACTS / f"two-instances-{instance.name}.log")


# --- Speaking to the instances as a browser does -------------------------------------------------

def _set_cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    """name -> value of every Set-Cookie in the response ("" for a cookie being dropped)."""
    found: dict[str, str] = {}
    for header in response.headers.get_all("set-cookie") or []:
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        found.update({name: morsel.value for name, morsel in jar.items()})
    return found


def browser_cookie(instance: Instance) -> str:
    """The browser id cookie, as the instance issues it on a navigation."""
    response = instance.get("/auth/sair", headers={"Sec-Fetch-Mode": "navigate"})
    value = _set_cookies(response).get(BROWSER_COOKIE)
    assert value, f"{instance.name} issued no {BROWSER_COOKIE} cookie: {response.headers}"
    return f"{BROWSER_COOKIE}={value}"


def parse(message: str) -> dict:
    """One Reflex update ({"delta": ..., "events": ...}) from a Socket.IO frame; {} otherwise."""
    prefix = "42/_event,"
    if not message.startswith(prefix):
        return {}
    kind, update = json.loads(message[len(prefix):])[:2]
    return update if kind == "event" and isinstance(update, dict) else {}


def state_of(messages: list[str], state: str) -> dict:
    """The values of one state, as the page has them after these messages."""
    values: dict = {}
    for message in messages:
        values.update(parse(message).get("delta", {}).get(state, {}))
    return values


def redirects(messages: list[str]) -> list[str]:
    return [event["payload"].get("path", "") for message in messages
            for event in parse(message).get("events", []) if event.get("name") == "_redirect"]


async def receive_until(socket: EventSocket, done, timeout: float = 15) -> list[str]:
    """Messages until done(messages) is true (or the connection closes)."""
    received: list[str] = []
    deadline = time.monotonic() + timeout
    while not done(received):
        message = await socket.receive(timeout=max(deadline - time.monotonic(), 0.1))
        assert message is not None, f"connection closed; received: {received}"
        received.append(message)
    return received


async def open_page(instance: Instance, path: str, *, cookie: str | None,
                    token: str | None = None) -> list[str]:
    """Open `path` through this instance: connect, hydrate, run its on_load; every message
    until the page is live, plus the redirect a guard may send."""
    socket = await instance.socket(cookie=cookie, token=token)
    try:
        received = await socket.connect(path=path)
        if not redirects(received):  # a guard's redirect may come just after the hydration
            with contextlib.suppress(TimeoutError):
                received += await receive_until(socket, redirects, timeout=1)
        return received
    finally:
        await socket.close()


@dataclasses.dataclass(frozen=True)
class Citizen:
    cpf: str
    email: str
    full_name: str


def confirmed_citizen(db: Session) -> Citizen:
    """A confirmed account written straight into the shared database."""
    cpf = new_cpf()
    citizen = Citizen(cpf=cpf, email=new_email(), full_name=f"Cidada Duas Instancias {uuid.uuid4().hex[:6]}")
    now = utcnow()
    db.add(Account(cpf=cpf_rules.normalize(cpf), full_name=citizen.full_name, email=citizen.email,
                   password_hash=passwords.hash_password(PASSWORD), created_at=now, confirmed_at=now,
                   terms_version=TERMS_VERSION, terms_accepted_at=now))
    db.commit()
    return citizen


@dataclasses.dataclass(frozen=True)
class SignedIn:
    citizen: Citizen
    browser: str  # the browser id cookie alone
    cookies: str  # what the browser sends from now on: its id and the session
    session_token: str
    tab: str  # the tab's Reflex token (the page keeps it across navigations)


@pytest.fixture
def signed_in(instances: list[Instance], db: Session) -> SignedIn:
    """A citizen signed in through instance 1: the sign-in form posted to its /auth/entrar,
    whose answer sets the HttpOnly session cookie."""
    first = instances[0]
    citizen = confirmed_citizen(db)
    tab = str(uuid.uuid4())
    browser = browser_cookie(first)
    response = first.post("/auth/entrar", {"cpf": citizen.cpf, "password": PASSWORD}, cookie=browser)
    assert response.status == 303 and response.headers["location"] == "/servicos/", response.headers
    token = _set_cookies(response).get(SESSION_COOKIE)
    assert token, f"no session cookie in {response.headers}"
    return SignedIn(citizen, browser, f"{browser}; {SESSION_COOKIE}={token}", token, tab)


# --- Tests ------------------------------------------------------------------------------------

def test_each_instance_serves_the_websocket_and_the_auth_routes_for_the_public_origin(instances):
    for instance in instances:
        assert instance.get("/ping").status == 200
        # The HTTP routes of portal/web/auth_routes.py, with the browser id cookie.
        assert browser_cookie(instance)
        assert instance.get("/auth/sair").status == 303
        # The websocket takes the public Origin, and no other site's.
        received = run_async(open_page(instance, "/", cookie=None))
        assert state_of(received, "reflex___state____state").get("is_hydrated_rx_state_") is True
        with pytest.raises(Refused):
            run_async(instance.socket(origin=f"http://elsewhere.example:{instance.port}"))


def test_a_session_started_on_instance_1_opens_minha_conta_on_instance_2(instances, signed_in: SignedIn):
    second = instances[1]

    with_session = run_async(open_page(second, "/minha-conta", cookie=signed_in.cookies))
    without_session = run_async(open_page(second, "/minha-conta", cookie=signed_in.browser))

    account = state_of(with_session, ACCOUNT)
    assert account.get("signed_in_rx_state_") is True, with_session
    assert account.get("full_name_rx_state_") == signed_in.citizen.full_name
    assert account.get("email_rx_state_") == signed_in.citizen.email
    assert redirects(with_session) == []
    # The same browser without the session cookie is sent away and sees none of it.
    assert state_of(without_session, ACCOUNT).get("signed_in_rx_state_") is not True
    assert any("voltar=minha-conta" in path for path in redirects(without_session)), without_session
    everything = "\n".join(without_session)
    assert signed_in.citizen.full_name not in everything and signed_in.citizen.email not in everything


def test_a_tab_keeps_its_state_when_the_balancer_moves_it_to_the_other_instance(instances,
                                                                                 signed_in: SignedIn):
    first, second = instances
    run_async(open_page(first, "/minha-conta", cookie=signed_in.cookies, token=signed_in.tab))

    # Reconnected to instance 2 on a page that loads nothing: what it shows came from Redis.
    moved = run_async(open_page(second, "/termos", cookie=signed_in.cookies, token=signed_in.tab))

    assert state_of(moved, ACCOUNT).get("full_name_rx_state_") == signed_in.citizen.full_name, moved


def test_sair_on_instance_2_ends_the_session_on_instance_1(instances, signed_in: SignedIn, db: Session):
    first, second = instances
    before = run_async(open_page(first, "/minha-conta", cookie=signed_in.cookies, token=signed_in.tab))
    assert state_of(before, ACCOUNT).get("signed_in_rx_state_") is True

    async def sair() -> list[str]:
        socket = await second.socket(cookie=signed_in.cookies, token=signed_in.tab)
        try:
            await socket.connect(path="/minha-conta")
            await socket.emit_event(SIGN_OUT, {}, path="/minha-conta")
            return await receive_until(socket, lambda got: any("/auth/sair" in m for m in got))
        finally:
            await socket.close()

    run_async(sair())

    # The event alone ended the session: a browser that kept the cookie (or a copy of it)
    # gets nothing on instance 1, neither in a new tab nor in the tab signed in there.
    for token in (None, signed_in.tab):
        after = run_async(open_page(first, "/minha-conta", cookie=signed_in.cookies, token=token))
        assert state_of(after, ACCOUNT).get("signed_in_rx_state_") is not True, after
        assert any("sessao=expirada" in path for path in redirects(after)), after
        assert signed_in.citizen.full_name not in "\n".join(after)
    db.expire_all()
    row = db.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(signed_in.session_token))
                  ).one()
    assert row.revoked_at is not None
    # Then the browser follows the script to /auth/sair, which drops the cookie.
    response = second.get("/auth/sair", cookie=signed_in.cookies)
    assert response.status == 303 and _set_cookies(response).get(SESSION_COOKIE) == ""


SIGN_UPS = 20


async def sign_up(instance: Instance, email: str, limit: asyncio.Semaphore) -> None:
    """The sign-up form submitted through this instance, until the page moves on."""
    async with limit:
        socket = await instance.socket(cookie=f"{BROWSER_COOKIE}={uuid.uuid4().hex}")
        try:
            await socket.connect(path="/cadastro")
            await socket.emit_event(SIGN_UP, {"form_data": {
                "full_name": "Maria Aparecida Souza", "cpf": new_cpf(),
                "email": email, "email_confirm": email,
                "password": PASSWORD, "password_confirm": PASSWORD, "accept_terms": True,
            }}, path="/cadastro")
            received = await receive_until(socket, redirects, timeout=30)
            assert redirects(received) == ["/cadastro/enviado"], received
        finally:
            await socket.close()


def test_the_outbox_delivers_each_message_exactly_once_with_both_instances_running(
        instances, mail_server: MailServer, db: Session):
    emails = [new_email() for _ in range(SIGN_UPS)]

    async def sign_up_all() -> None:
        limit = asyncio.Semaphore(6)
        await asyncio.gather(*(sign_up(instances[n % 2], email, limit) for n, email in enumerate(emails)))

    run_async(sign_up_all())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(mail_server.to(email) for email in emails):
        time.sleep(0.2)
    # Every worker of both instances polls every POLL_SECONDS: a duplicate would come by now.
    time.sleep(POLL_SECONDS * 5)

    counts = {email: len(mail_server.to(email)) for email in emails}
    assert counts == dict.fromkeys(emails, 1)
    db.expire_all()
    rows = db.exec(select(OutboxMessage).where(col(OutboxMessage.to_address).in_(emails))).all()
    assert len(rows) == SIGN_UPS
    assert all(row.sent_at is not None and row.attempts == 1 and row.locked_until is None for row in rows)
    sent_ids = {str(message["Message-ID"]) for email in emails for message in mail_server.to(email)}
    assert sent_ids == {row.message_id for row in rows}


BURST = 300


def confirmed_citizens(db: Session, count: int) -> list[Citizen]:
    """Many confirmed accounts sharing one password hash (hashing each would take seconds)."""
    stored, now = passwords.hash_password(PASSWORD), utcnow()
    citizens = [Citizen(cpf=new_cpf(), email=new_email(), full_name=f"Cidada Rajada {n}") for n in range(count)]
    db.add_all(Account(cpf=cpf_rules.normalize(c.cpf), full_name=c.full_name, email=c.email, password_hash=stored,
                       created_at=now, confirmed_at=now, terms_version=TERMS_VERSION, terms_accepted_at=now)
               for c in citizens)
    db.commit()
    return citizens


def sign_in_outcome(response: http.client.HTTPResponse) -> str:
    """'signed in', or the outcome code the form is sent back with."""
    location = response.headers.get("location", "")
    if response.status == 303 and location == "/servicos/" and SESSION_COOKIE in _set_cookies(response):
        return "signed in"
    return f"{response.status} {location}"


def test_a_burst_beyond_capacity_ends_for_everyone_in_a_sign_in_or_a_wait_message(instances, db: Session):
    citizens = confirmed_citizens(db, BURST)
    cookie = f"{BROWSER_COOKIE}={uuid.uuid4().hex}"

    def press_entrar(n: int) -> str:
        return sign_in_outcome(instances[n % 2].post("/auth/entrar", {"cpf": citizens[n].cpf, "password": PASSWORD},
                                                     cookie=cookie))

    # Everybody presses "Entrar" at the same moment: each an HTTP request of its own.
    with concurrent.futures.ThreadPoolExecutor(BURST) as pool:
        outcomes = list(pool.map(press_entrar, range(BURST)))
    waits = [o for o in outcomes if o != "signed in"]
    # Nobody is lost or shown a generic error: a sign-in, or back to the form with "Aguarde N segundos".
    assert all(re.fullmatch(r"303 /\?entrada=aguarde&espera=\d+", o) for o in waits), set(waits)
    assert outcomes.count("signed in") > 0 and waits, "the burst should both sign people in and overflow the budget"
