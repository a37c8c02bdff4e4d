"""Where a sign-in posted before the page was live goes next.

HOME?voltar=minha-conta asks the sign-in to open Minha conta afterwards. The live page's
sign-in event reads that from its URL. A form posted before the page is live cannot: the
page is built once (its form's action is fixed) and the no-referrer policy keeps the page's
URL out of the post. So the home page document's own response keeps the key in a short
HttpOnly cookie, which the POST /auth/entrar reads (portal.web.sign_in_form, with
cookies.return_key_of). Only keys of routes.RETURN_TARGETS are ever kept or read.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.core import routes
from portal.web.cookies import RETURN_COOKIE, RETURN_MAX_AGE, cookie_value


class ReturnCookie:
    """ASGI middleware: the home page document sets portal_voltar from its ?voltar=, or drops
    it when the home page is opened without one."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.attributes = "; Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if https else "")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != routes.HOME:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        wanted = routes.return_key((query.get(routes.RETURN) or [""])[0])
        if wanted == cookie_value(headers.get("cookie", ""), RETURN_COOKIE):  # nothing to change
            await self.app(scope, receive, send)
            return
        cookie = (f"{RETURN_COOKIE}={wanted}; Max-Age={RETURN_MAX_AGE}" if wanted
                  else f"{RETURN_COOKIE}=; Max-Age=0") + self.attributes
        navigation = headers.get("sec-fetch-mode") == "navigate"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                response = MutableHeaders(scope=message)
                if navigation or response.get("content-type", "").startswith("text/html"):
                    response.append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)
