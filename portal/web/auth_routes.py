"""HTTP endpoints that set and clear the session cookie.

Only an HTTP response can set an HttpOnly cookie, which page scripts cannot read. The
sign-in event hands the browser a one-time ticket; this endpoint redeems it.
"""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from portal import routes
from portal.accounts import sessions
from portal.config import settings
from portal.db import session_scope
from portal.web.errors import is_database_outage
from portal.web.security_headers import SecurityHeaders


def _client_ip(request: Request) -> str:
    """The citizen's address: the peer, or behind N trusted proxies the N-th from the right
    in X-Forwarded-For (what each proxy appended; anything further left is the client's word)."""
    hops = settings().trusted_proxy_hops
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.client.host if request.client else ""


async def sign_in(request: Request) -> RedirectResponse:
    ticket = request.query_params.get("ticket", "")

    def redeem() -> str | None:
        with session_scope() as db:
            return sessions.redeem_ticket(
                db, ticket, user_agent=request.headers.get("user-agent", ""), client_ip=_client_ip(request)
            )

    try:
        token = await asyncio.to_thread(redeem)
    except Exception as error:
        if not is_database_outage(error):
            raise
        return RedirectResponse(routes.UNAVAILABLE, status_code=303)
    if token is None:
        return RedirectResponse(f"{routes.HOME}?sessao=expirada", status_code=303)
    response = RedirectResponse(routes.ACCOUNT, status_code=303)
    response.set_cookie(
        sessions.COOKIE_NAME,
        token,
        max_age=int(sessions.ABSOLUTE_TIMEOUT.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings().https,
        path="/",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


async def sign_out(request: Request) -> RedirectResponse:
    # The "Sair" event already revoked the session; revoking here too means a cookie is never
    # dropped while its session stays valid on the server.
    token = request.cookies.get(sessions.COOKIE_NAME)
    if token:
        def revoke() -> None:
            with session_scope() as db:
                sessions.revoke(db, token)

        try:
            await asyncio.to_thread(revoke)
        except Exception as error:  # noqa: BLE001 - the cookie is removed all the same
            if not is_database_outage(error):
                raise
    reason = "conta-excluida" if request.query_params.get("motivo") == "conta-excluida" else "1"
    response = RedirectResponse(f"{routes.HOME}?saiu={reason}", status_code=303)
    response.delete_cookie(sessions.COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=settings().https)
    response.headers["Cache-Control"] = "no-store"
    return response


def auth_app() -> Starlette:
    """The HTTP side of the app: cookie endpoints, and the security headers middleware that
    wraps everything Reflex serves (it is mounted inside this app)."""
    return Starlette(
        middleware=[Middleware(SecurityHeaders, https=settings().https)],
        routes=[
            Route(routes.AUTH_SIGN_IN, sign_in, methods=["GET"]),
            Route(routes.AUTH_SIGN_IN + "/", sign_in, methods=["GET"]),
            Route(routes.AUTH_SIGN_OUT, sign_out, methods=["GET"]),
            Route(routes.AUTH_SIGN_OUT + "/", sign_out, methods=["GET"]),
        ]
    )
