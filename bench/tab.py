"""One browser tab on the sign-in page: its cookies, its websocket, and its sign-in form.

A tab has the browser-id cookie (issued by any page document), a websocket to the event
endpoint carrying that cookie, and the page's state hydrated on the server (the CPF field's
blur handler runs over it). A sign-in is what the browser does with the form: POST
/auth/entrar with the fields, the cookies and Sec-Fetch-Site, answered by a 303 that sets the
session cookie (or sends the citizen back to the form with an outcome code).
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import re
import time
import urllib.parse

from portal.core import routes
from portal.web.cookies import BROWSER_COOKIE, SESSION_COOKIE
from tests.browser.event_socket import EventSocket

LOGIN_STATE = ("reflex___state____state.portal___state___personal____personal_state"
               ".portal___state___login____login_state")
FORMAT_CPF = f"{LOGIN_STATE}.format_cpf"  # the CPF field's blur handler
SIGN_IN_PATH = routes.AUTH_SIGN_IN  # the sign-in form's action

# "Aguarde 40 segundos e tente de novo": a wait with a number.
_WAIT = re.compile(r"(\d+)\s*(segundo|minuto|hora)", re.IGNORECASE)
_UNIT_SECONDS = {"segundo": 1, "minuto": 60, "hora": 3600}


class Outcome(enum.StrEnum):
    SIGNED_IN = "signed in"
    TRY_AGAIN = "try again in N s"
    ERROR = "other error"
    LOST = "no answer (lost)"


@dataclasses.dataclass(frozen=True)
class SignIn:
    outcome: Outcome
    seconds: float  # submit emitted -> session cookie received (or the outcome shown)
    text: str = ""  # what the citizen was shown, for anything but a sign-in

    @property
    def retry_in(self) -> float:
        """The wait the message asks for, in seconds (0 when it names none)."""
        found = _WAIT.search(self.text)
        return int(found.group(1)) * _UNIT_SECONDS[found.group(2).lower()] if found else 0


class Tab:
    def __init__(self, base_url: str, cookie: str, socket: EventSocket) -> None:
        self.base_url, self.cookie, self.socket = base_url, cookie, socket

    @classmethod
    async def open(cls, base_url: str, timeout: float = 30) -> Tab:
        """Load the page, connect and hydrate. The browser-id cookie comes with any navigation
        (portal.web.browser_cookie); the app runs without its page build, so a navigation to
        /ping stands for the page's document."""
        _, headers = await http_get(base_url, "/ping", {"Sec-Fetch-Mode": "navigate"}, timeout)
        cookie = _cookie(headers, BROWSER_COOKIE)
        if not cookie:
            raise RuntimeError("the app set no browser cookie")
        socket = await EventSocket.open(base_url, cookie=cookie, timeout=timeout)
        await socket.connect(timeout=timeout)
        return cls(base_url, cookie, socket)

    async def close(self) -> None:
        await self.socket.close()

    async def sign_in(self, cpf: str, password: str, timeout: float = 60) -> SignIn:
        """Press Entrar: the form's own POST, timed until its answer (303 + cookie)."""
        started = time.perf_counter()
        body = urllib.parse.urlencode({"cpf": cpf, "password": password})
        try:
            status, headers = await http_request(
                self.base_url, "POST", SIGN_IN_PATH,
                {"Cookie": self.cookie, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate",
                 "Content-Type": "application/x-www-form-urlencoded"}, timeout, body=body)
        except TimeoutError:
            return SignIn(Outcome.LOST, time.perf_counter() - started)
        except (OSError, asyncio.IncompleteReadError) as exc:  # a reset or refused connection
            return SignIn(Outcome.ERROR, time.perf_counter() - started, f"{type(exc).__name__}: {exc}"[:200])
        took = time.perf_counter() - started
        outcome, text = outcome_of_post(status, headers)
        return SignIn(outcome, took, text)

    async def blur_cpf(self, typed: str, timeout: float = 30) -> float:
        """Seconds from leaving the CPF field to the masked value being put back in it."""
        self._drain()
        started = time.perf_counter()
        await self.socket.emit_event(FORMAT_CPF, {"value": typed})
        while True:
            message = await self.socket.receive(timeout)
            if message is None:
                raise ConnectionError("the server closed the websocket")
            if '"_set_value"' in message:
                return time.perf_counter() - started

    def _drain(self) -> None:
        """Forget messages left from earlier events, so they are not read as this one's."""
        while not self.socket.messages.empty():
            if self.socket.messages.get_nowait() is None:
                self.socket.messages.put_nowait(None)  # keep "closed" visible
                return


def outcome_of_post(status: int, headers: list[tuple[str, str]]) -> tuple[Outcome, str]:
    """What the citizen gets from the form's POST: signed in (a 303 that sets the session
    cookie), asked to wait ("aguarde": the form says how long), or anything else."""
    location = dict(headers).get("location", "")
    if 300 <= status < 400 and _cookie(headers, SESSION_COOKIE).partition("=")[2]:
        return Outcome.SIGNED_IN, ""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    outcome = query.get(routes.SIGN_IN_OUTCOME, [""])[0]
    if 300 <= status < 400 and outcome == routes.SIGN_IN_BUSY:
        # The message the form shows for it (texts.SIGN_IN_BUSY-like): a wait in seconds.
        return Outcome.TRY_AGAIN, f"Aguarde {query.get('espera', ['1'])[0]} segundos e tente de novo"
    return Outcome.ERROR, f"HTTP {status} {location}"[:200]


def _cookie(headers: list[tuple[str, str]], name: str) -> str:
    """'name=value' from the response's Set-Cookie headers ("" when not set)."""
    for key, value in headers:
        if key == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0]
    return ""


async def http_get(base_url: str, target: str, headers: dict[str, str],
                   timeout: float = 30) -> tuple[int, list[tuple[str, str]]]:
    return await http_request(base_url, "GET", target, headers, timeout)


async def http_request(base_url: str, method: str, target: str, headers: dict[str, str], timeout: float = 30,
                       body: str = "") -> tuple[int, list[tuple[str, str]]]:
    """One request on a fresh connection, as a browser's navigation; the status and headers
    (the body is not needed). Raw asyncio streams: a thousand of these at once must cost the
    harness next to nothing."""
    parts = urllib.parse.urlsplit(base_url)
    reader, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, parts.port), timeout)
    try:
        payload = body.encode()
        lines = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close",
                 *(f"{key}: {value}" for key, value in headers.items()),
                 *([f"Content-Length: {len(payload)}"] if method != "GET" else [])]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload)
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    finally:
        writer.close()
    status_line, *header_lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
    pairs = [(key.strip().lower(), value.strip()) for key, _, value in (h.partition(":") for h in header_lines)]
    return int(status_line.split()[1]), pairs
