"""HTTP endpoints behind the links the portal mails: they use the token and redirect.

A token in a page's URL would travel with the page's router data over the websocket and
sit in the tab's state. Here the token is read once, used, and the browser lands on the
page with the outcome only (``/confirmar?resultado=ok``).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse

from portal.core import routes
from portal.accounts import confirmation, profile
from portal.accounts.activity import Client
from portal.accounts.confirmation import ConfirmStatus
from portal.web.cookies import (EXPIRED_LINK_COOKIE, EXPIRED_LINK_MAX_AGE, SESSION_COOKIE,
                                 drop_private_cookie, set_private_cookie)
from portal.web.client_address import client_ip
from portal.web.endpoints import DatabaseUnavailable, redirect, unavailable, use_database

MAX_TOKEN = 200


def _token(request: Request) -> str:
    return request.query_params.get("token", "")[:MAX_TOKEN]


async def confirm_link(request: Request) -> RedirectResponse:
    token = _token(request)
    try:
        result = await use_database(confirmation.confirm, token)
    except DatabaseUnavailable:
        return unavailable()
    response = redirect(f"{routes.CONFIRM}?{routes.RESULT}={result.status.value}")
    if result.status is ConfirmStatus.EXPIRED:
        set_private_cookie(response, EXPIRED_LINK_COOKIE, token, max_age=EXPIRED_LINK_MAX_AGE)
    else:
        drop_private_cookie(response, EXPIRED_LINK_COOKIE)
    return response


async def not_me_link(request: Request) -> RedirectResponse:
    client = Client(ip=client_ip(request), user_agent=request.headers.get("user-agent", ""))
    try:
        done = await use_database(profile.not_me, _token(request), client=client)
    except DatabaseUnavailable:
        return unavailable()
    response = redirect(f"{routes.NOT_ME}?{routes.RESULT}={'ok' if done else 'invalido'}")
    if done:  # every session of the account has ended, this browser's too
        drop_private_cookie(response, SESSION_COOKIE)
    return response
