"""A bare websocket client for the app's event endpoint, speaking Reflex's Socket.IO frames.

Browser tests see what a citizen sees; these tests play an attacker who writes raw frames
(oversized, malformed, hundreds at once, from another address), which no browser does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import urllib.parse
import uuid

from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection, CloseConnection, Ping, RejectConnection, Request, TextMessage,
)

EVENT_PATH = "/_event/?EIO=4&transport=websocket"
NAMESPACE = "/_event"
HYDRATE = "reflex___state____state.hydrate_and_load"


class Refused(Exception):
    """The server answered the websocket upgrade with an HTTP status instead of 101."""

    def __init__(self, status: int) -> None:
        super().__init__(f"upgrade refused with HTTP {status}")
        self.status = status


class EventSocket:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, ws: WSConnection) -> None:
        self.reader, self.writer, self.ws = reader, writer, ws
        self.messages: asyncio.Queue[str | None] = asyncio.Queue()
        self.close_code: int | None = None
        self.opening = ""  # Engine.IO's first packet: session id, ping interval, maxPayload

    @classmethod
    async def open(cls, base_url: str, *, host: str | None = None, token: str | None = None,
                   timeout: float = 10, cookie: str | None = None, source: str | None = None) -> EventSocket:
        """Upgrade to a websocket; `host` connects to another address of the same server
        (the Host and Origin headers still name base_url, as a browser on that page would);
        `cookie` is sent as the upgrade request's Cookie header, as a browser sends its cookies;
        `source` is the local address to connect from (any of 127.0.0.0/8 is this machine, so
        each looks to the server like another client on it)."""
        parts = urllib.parse.urlsplit(base_url)
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host or parts.hostname, parts.port,
                                    local_addr=(source, 0) if source else None), timeout)
        ws = WSConnection(ConnectionType.CLIENT)
        target = EVENT_PATH + f"&token={token or uuid.uuid4()}"
        headers = [(b"origin", base_url.encode())]
        if cookie is not None:
            headers.append((b"cookie", cookie.encode()))
        writer.write(ws.send(Request(host=parts.netloc, target=target, extra_headers=headers)))
        socket = cls(reader, writer, ws)
        while True:
            data = await asyncio.wait_for(reader.read(65536), timeout)
            if not data:
                raise Refused(0)
            ws.receive_data(data)
            for event in ws.events():
                if isinstance(event, AcceptConnection):
                    socket._pump = asyncio.ensure_future(socket._read())
                    return socket
                if isinstance(event, RejectConnection):
                    writer.close()
                    raise Refused(event.status_code)

    async def _read(self) -> None:
        buffered = ""
        try:
            while True:
                # wsproto may already hold messages that came with the upgrade response.
                for event in self.ws.events():
                    if isinstance(event, TextMessage):
                        buffered += event.data
                        if event.message_finished:
                            if buffered == "2":  # Engine.IO ping: answer, or the server drops us
                                self._write(TextMessage("3"))
                            else:
                                self.messages.put_nowait(buffered)
                            buffered = ""
                    elif isinstance(event, Ping):
                        self._write(event.response())
                    elif isinstance(event, CloseConnection):
                        self.close_code = event.code
                        self._write(event.response())
                        return
                data = await self.reader.read(65536)
                if not data:
                    return
                self.ws.receive_data(data)
        except (ConnectionError, OSError):
            pass
        finally:
            if self.close_code is None:
                self.close_code = 1006  # the server dropped the TCP connection without a close frame
            self.messages.put_nowait(None)
            self.writer.close()

    def _write(self, event) -> None:
        if not self.writer.is_closing():
            self.writer.write(self.ws.send(event))

    async def send(self, text: str) -> None:
        self._write(TextMessage(text))
        await self.writer.drain()

    async def send_raw(self, data: bytes) -> None:
        """Bytes straight onto the connection, past wsproto: a frame no client library writes."""
        self.writer.write(data)
        await self.writer.drain()

    async def receive(self, timeout: float = 10) -> str | None:
        """The next Socket.IO message, or None once the server has closed the connection."""
        return await asyncio.wait_for(self.messages.get(), timeout)

    async def wait_closed(self, timeout: float = 10) -> int | None:
        """Wait until the server closes; the close code (1006: dropped without a close frame)."""
        async def drain() -> None:
            while await self.messages.get() is not None:
                pass
        await asyncio.wait_for(drain(), timeout)
        return self.close_code

    async def close(self) -> None:
        if self.close_code is None:
            try:
                self._write(CloseConnection(code=1000))
                await self.writer.drain()
            except (ConnectionError, OSError, RuntimeError):
                pass
        self.writer.close()
        self._pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._pump

    # --- Reflex's protocol on top of Socket.IO -------------------------------------------

    async def connect(self, *, path: str = "/", timeout: float = 10) -> list[str]:
        """Join the event namespace with a hydrate event, as a freshly opened page does; the
        messages until the state is hydrated (so the server holds this tab's state)."""
        self.opening = await self.receive(timeout) or ""
        assert self.opening.startswith("0{"), self.opening
        await self.send(f"40{NAMESPACE}," + json.dumps({"event": hydrate_event(path)}))
        received: list[str] = []
        while True:
            message = await self.receive(timeout)
            if message is None:
                return received
            received.append(message)
            if '"is_hydrated_rx_state_":true' in message:
                return received

    async def emit_event(self, name: str, payload: dict, *, path: str = "/") -> None:
        await self.send(f"42{NAMESPACE}," + json.dumps(["event", {
            "name": name, "payload": payload, "router_data": {"pathname": path, "asPath": path},
        }]))


def hydrate_event(path: str) -> dict:
    return {"name": HYDRATE, "payload": {}, "router_data": {"pathname": path, "asPath": path}}
