"""A random id for each browser, in an HttpOnly cookie, so a sign-in waiting for its code, a
gov.br sign-in or a pending sign-up can be bound to the browser that started it.

Set on page documents only: the document is the first response of a visit, so every later
request of the page (its websocket included) carries the same value. Setting it on the
page's scripts too would race: parallel responses would each set a different value.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.accounts.tokens import new_token
from portal.web.cookies import BROWSER_COOKIE, cookie_value


class BrowserCookie:
    """ASGI middleware: gives a browser its id on the first page document it loads."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.attributes = "; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if https else "")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or cookie_value(Headers(scope=scope).get("cookie", ""), BROWSER_COOKIE):
            await self.app(scope, receive, send)
            return
        navigation = Headers(scope=scope).get("sec-fetch-mode") == "navigate"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if navigation or headers.get("content-type", "").startswith("text/html"):
                    headers.append("set-cookie", f"{BROWSER_COOKIE}={new_token()}{self.attributes}")
            await send(message)

        await self.app(scope, receive, send_with_cookie)
