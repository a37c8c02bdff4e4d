"""HTTP endpoints that set and clear the session cookie, and the HTTP app around Reflex.

Only an HTTP response can set an HttpOnly cookie, which page scripts cannot read: every form
that ends in a session posts to one of these routes (the browser submits it, live page or
not), whose response sets the cookie and opens the next page.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from portal.core import routes
from portal.accounts import sessions
from portal.core.config import settings
from portal.web.cookies import SESSION_COOKIE, drop_private_cookie
from portal.web.browser_cookie import BrowserCookie
from portal.web.cache_policy import CachePolicy
from portal.web.client_address import client_ip
from portal.web.edge import LocalOnlyPages, NewSocketsPerClient, SocketsPerClient
from portal.web.endpoints import DatabaseUnavailable, redirect, use_database
from portal.web.govbr_routes import end_of_session, link_form, returned, start
from portal.web.health_route import health_check
from portal.web.link_routes import confirm_link, not_me_link
from portal.web.proxy_headers import ProxyHeaders
from portal.web.request_log import RequestLog
from portal.web.return_cookie import ReturnCookie
from portal.web.security_headers import SecurityHeaders
from portal.web.new_password_form import new_password_form
from portal.web.sign_in_form import sign_in_code, sign_in_form


async def sign_out(request: Request) -> RedirectResponse:
    # The "Sair" event already revoked the session; revoking here too means a cookie is never
    # dropped while its session stays valid on the server.
    token = request.cookies.get(SESSION_COOKIE)
    through_govbr = False
    if token:
        try:
            through_govbr = bool(await use_database(sessions.govbr_level_of, token))
            await use_database(sessions.revoke, token)
        except DatabaseUnavailable:
            pass  # the cookie is removed all the same
    reason = "conta-excluida" if request.query_params.get("motivo") == "conta-excluida" else "1"
    home = f"{routes.HOME}?saiu={reason}"
    # Signed in through gov.br: gov.br's session ends too, and gov.br sends the browser back.
    response = redirect((through_govbr and await end_of_session(home)) or home)
    drop_private_cookie(response, SESSION_COOKIE)
    return response


def auth_app() -> Starlette:
    """The HTTP side of the app: cookie endpoints, and the security headers middleware that
    wraps everything Reflex serves (it is mounted inside this app)."""
    return Starlette(
        # ProxyHeaders first: every later layer (and Reflex) sees the citizen's address and https.
        middleware=[Middleware(ProxyHeaders),
                    Middleware(RequestLog),
                    Middleware(SecurityHeaders, https=settings().https),
                    Middleware(CachePolicy),
                    Middleware(BrowserCookie, https=settings().https),
                    Middleware(ReturnCookie, https=settings().https),
                    Middleware(LocalOnlyPages, client_ip=client_ip),
                    # New sockets a minute before open ones: a refused upgrade never counts as open.
                    Middleware(NewSocketsPerClient, per_minute=settings().new_sockets_per_minute,
                               client_ip=client_ip),
                    Middleware(SocketsPerClient, limit=settings().max_sockets_per_client, client_ip=client_ip)],
        routes=[
            Route(path, endpoint, methods=[method])
            for base, endpoint, method in (
                (routes.AUTH_SIGN_IN, sign_in_form, "POST"), (routes.AUTH_SIGN_IN_CODE, sign_in_code, "POST"),
                (routes.AUTH_NEW_PASSWORD, new_password_form, "POST"), (routes.AUTH_SIGN_OUT, sign_out, "GET"),
                (routes.AUTH_GOVBR, start, "GET"), (routes.AUTH_GOVBR_RETURN, returned, "GET"),
                (routes.AUTH_GOVBR_LINK, link_form, "POST"),
                (routes.LINK_CONFIRM, confirm_link, "GET"), (routes.LINK_NOT_ME, not_me_link, "GET"),
                (routes.HEALTH, health_check, "GET"))
            for path in (base, base + "/")
        ],
    )
