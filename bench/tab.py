"""One browser tab on the sign-in page, speaking the browser's own websocket frames.

A tab has the browser-id cookie (issued by any page document), a websocket to the event
endpoint carrying that cookie, and the page's state hydrated on the server. A sign-in
emits LoginState.submit, reads the state deltas until the outcome, and on success opens
/auth/entrar?ticket=... with the same cookie, as the browser's navigation does.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import json
import re
import time
import urllib.parse

from portal import texts
from portal.web.cookies import BROWSER_COOKIE, SESSION_COOKIE
from tests.browser.event_socket import EventSocket

LOGIN_STATE = ("reflex___state____state.portal___state___personal____personal_state"
               ".portal___state___login____login_state")
SUBMIT = f"{LOGIN_STATE}.submit"
FORMAT_CPF = f"{LOGIN_STATE}.format_cpf"  # the CPF field's blur handler

_TICKET = re.compile(r"/auth/entrar\?ticket=([\w\-]+)")
# "Aguarde 40 segundos e tente de novo", "Tente de novo em 3 segundos": a wait with a number.
_WAIT = re.compile(r"(\d+)\s*(segundo|minuto|hora)", re.IGNORECASE)
_RETRY = re.compile(r"tente (de novo|novamente)|aguarde", re.IGNORECASE)
_UNIT_SECONDS = {"segundo": 1, "minuto": 60, "hora": 3600}
# The fields of LoginState that tell the citizen why a sign-in did not go through.
_MESSAGE_FIELDS = ("error_rx_state_", "cpf_error_rx_state_", "password_error_rx_state_",
                   "unconfirmed_message_rx_state_")
GENERIC_ERROR = texts.GENERIC_ERROR.split(".")[0]  # "Não foi possível concluir a operação agora"


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
    answered: float = 0.0  # submit emitted -> the websocket's answer (the ticket, or the message)

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
        self._drain()
        started = time.perf_counter()
        await self.socket.emit_event(SUBMIT, {"form_data": {"cpf": cpf, "password": password}})
        try:
            outcome, text = await asyncio.wait_for(self._outcome(), timeout)
        except TimeoutError:
            return SignIn(Outcome.LOST, time.perf_counter() - started)
        answered = time.perf_counter() - started
        if outcome is Outcome.SIGNED_IN:
            outcome, text = await self._redeem(ticket=text, timeout=timeout)
        return SignIn(outcome, time.perf_counter() - started, text, answered)

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

    async def _outcome(self) -> tuple[Outcome, str]:
        while True:
            message = await self.socket.receive(timeout=None)
            if message is None:
                return Outcome.ERROR, f"websocket closed ({self.socket.close_code})"
            found = outcome_of(_update(message))
            if found:
                return found

    async def _redeem(self, ticket: str, timeout: float) -> tuple[Outcome, str]:
        status, headers = await http_get(self.base_url, f"/auth/entrar?ticket={ticket}",
                                         {"Cookie": self.cookie}, timeout)
        if 300 <= status < 400 and _cookie(headers, SESSION_COOKIE).partition("=")[2]:
            return Outcome.SIGNED_IN, ""
        return Outcome.ERROR, f"ticket refused: HTTP {status} {dict(headers).get('location', '')}"


def outcome_of(update: dict) -> tuple[Outcome, str] | None:
    """The sign-in's outcome if this state update carries one (the ticket's text when signed in)."""
    for event in update.get("events", []):
        payload = json.dumps(event.get("payload", {}), ensure_ascii=False)
        if ticket := _TICKET.search(payload):
            return Outcome.SIGNED_IN, ticket.group(1)
        if GENERIC_ERROR in payload or "toast" in payload:
            return Outcome.ERROR, payload[:200]
        if event.get("name") == "_redirect":  # e.g. /indisponivel when the database is out
            return Outcome.ERROR, f"redirect: {payload[:200]}"
    login = update.get("delta", {}).get(LOGIN_STATE, {})
    for field in _MESSAGE_FIELDS:
        if text := login.get(field):
            clear = _RETRY.search(text) and _WAIT.search(text) and GENERIC_ERROR not in text
            return (Outcome.TRY_AGAIN if clear else Outcome.ERROR), text
    return None


def _update(message: str) -> dict:
    """'42/_event,["event",{...}]' -> {...} (anything else -> {})."""
    _, _, body = message.partition(",")
    try:
        frame = json.loads(body)
    except ValueError:
        return {}
    return frame[1] if isinstance(frame, list) and len(frame) == 2 and isinstance(frame[1], dict) else {}


def _cookie(headers: list[tuple[str, str]], name: str) -> str:
    """'name=value' from the response's Set-Cookie headers ("" when not set)."""
    for key, value in headers:
        if key == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0]
    return ""


async def http_get(base_url: str, target: str, headers: dict[str, str],
                   timeout: float = 30) -> tuple[int, list[tuple[str, str]]]:
    """One GET on a fresh connection; the status and headers (the body is not needed).
    Raw asyncio streams: a thousand of these at once must cost the harness next to nothing."""
    parts = urllib.parse.urlsplit(base_url)
    reader, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, parts.port), timeout)
    try:
        lines = [f"GET {target} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close",
                 *(f"{key}: {value}" for key, value in headers.items())]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    finally:
        writer.close()
    status_line, *header_lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
    pairs = [(key.strip().lower(), value.strip()) for key, _, value in (h.partition(":") for h in header_lines)]
    return int(status_line.split()[1]), pairs
