"""The HTTP side of "Entrar com gov.br": off to gov.br, back with a session cookie, and the
portal password that links a bronze identity (/govbr/vincular's form posts it here).

All are plain HTTP routes, like /auth/entrar: gov.br redirects the browser, and only an
HTTP response can set the HttpOnly session cookie. The ``state``, ``nonce`` and PKCE
verifier are kept on the server, bound to the browser's id cookie (portal_navegador), so
gov.br's answer opens a session only in the browser that asked for it.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse

from portal.govbr import client as govbr_client
from portal.core import routes
from portal.govbr import links as govbr
from portal.accounts import password_policy
from portal.accounts.activity import Client
from portal.accounts.tokens import token_hash
from portal.core.config import settings
from portal.core.hashing_pool import Busy
from portal.web.cookies import (GOVBR_RETURN_COOKIE, browser_hash, drop_private_cookie, return_key_of,
                                 set_private_cookie)
from portal.core.ratelimit import limiter, per_client
from portal.web.client_address import client_ip
from portal.web.endpoints import (DatabaseUnavailable, in_hashing_pool, redirect, unavailable,
                                  use_database)
from portal.web.sign_in_form import (back_to_the_form, client_of, device_id, from_the_portal, read_form,
                                     signed_in)

log = logging.getLogger("portal.govbr")


def failed(reason: str) -> RedirectResponse:
    """The Portuguese page that says what happened and offers CPF + senha instead."""
    return redirect(f"{routes.GOVBR_FAILED}?{urlencode({'motivo': reason})}")


def _redirect_uri() -> str:
    return settings().base_url + routes.AUTH_GOVBR_RETURN


def _limited(request: Request) -> bool:
    # The same per-address budget as the CPF + senha sign-in.
    return limiter().hit(per_client("login"), "govbr", client_ip(request) or "unknown") is not None


async def start(request: Request) -> RedirectResponse:
    if not settings().govbr_enabled:
        return redirect(routes.HOME)
    browser = browser_hash(request.headers.get("cookie", ""))
    if not browser:
        # A first visit straight to this address: this response gives the browser its id
        # (portal.web.browser_cookie); come back once with it, or say cookies are off.
        again = f"{routes.AUTH_GOVBR}?de-novo=1"
        if routes.return_key(request.query_params.get(routes.RETURN)):
            again += f"&{routes.RETURN}={request.query_params[routes.RETURN]}"
        return failed("cookies") if request.query_params.get("de-novo") else redirect(again)
    if _limited(request):
        return failed("limite")
    try:
        sent = await govbr_client.authorization(_redirect_uri())
        await use_database(govbr.start, state=sent["state"], nonce=sent["nonce"],
                           code_verifier=sent["code_verifier"], browser_hash=browser)
    except govbr_client.GovbrFailed as error:
        log.warning("gov.br unavailable at sign-in start: %s", error)
        return failed(error.reason)
    except DatabaseUnavailable:
        return unavailable()
    response = RedirectResponse(sent["url"], status_code=303, headers={"Cache-Control": "no-store"})
    # The page the sign-in was for (Minha conta, Atendimento) survives the trip to gov.br in a
    # cookie gov.br's redirect back brings (Lax: the home page's own one is Strict).
    back_to = (routes.return_key(request.query_params.get(routes.RETURN))
               or return_key_of(request.headers.get("cookie", "")))
    if back_to:
        set_private_cookie(response, GOVBR_RETURN_COOKIE, back_to,
                           max_age=int(govbr.AUTHORIZATION_TTL.total_seconds()))
    return response


async def returned(request: Request) -> RedirectResponse:
    """gov.br's answer: ?code=…&state=… or ?error=…&state=…"""
    if not settings().govbr_enabled:
        return redirect(routes.HOME)
    if _limited(request):
        return failed("limite")
    params = request.query_params
    browser = browser_hash(request.headers.get("cookie", ""))
    client = Client(ip=client_ip(request), user_agent=request.headers.get("user-agent", ""))
    try:
        # Used up first, whatever gov.br said: a state is good for one answer only.
        authorization = await use_database(govbr.claim, state=params.get("state", ""), browser_hash=browser)
        if authorization is None:  # unknown, tampered, from another browser, expired or reused
            return failed("expirado")
        if params.get("error"):
            return failed("negado" if params["error"] == "access_denied" else "indisponivel")
        identity = await govbr_client.identity(code=params.get("code", "")[:2000],
                                               code_verifier=authorization.code_verifier,
                                               nonce=authorization.nonce, redirect_uri=_redirect_uri())
        device = device_id(request)
        result = await use_database(govbr.sign_in, identity, authorization, client=client,
                                    device_hash=token_hash(device))
    except govbr_client.GovbrFailed as error:
        log.warning("gov.br sign-in refused: %s", error)
        return failed(error.reason)
    except DatabaseUnavailable:
        return unavailable()
    if result.outcome is govbr.Outcome.NEEDS_PASSWORD:
        return redirect(routes.GOVBR_LINK)
    back_to = routes.return_key(request.cookies.get(GOVBR_RETURN_COOKIE))
    if result.outcome is govbr.Outcome.CODE_NEEDED:
        # Bronze into an account with two-step on: the sign-in form's code step, in this browser.
        response = back_to_the_form(routes.SIGN_IN_CODE, back_to=back_to)
        drop_private_cookie(response, GOVBR_RETURN_COOKIE)
        return response
    response = signed_in(result.session_token, routes.after_sign_in(back_to), device)
    drop_private_cookie(response, GOVBR_RETURN_COOKIE)
    return response


def _back_to_the_link(error: str = "", **details: str) -> RedirectResponse:
    """/govbr/vincular again, saying why (nothing: the page tells whether a link still waits)."""
    query = urlencode({routes.GOVBR_LINK_ERROR: error, **details}) if error else ""
    return redirect(routes.GOVBR_LINK + (f"?{query}" if query else ""))


async def link_form(request: Request) -> RedirectResponse:
    """The portal password that links a bronze gov.br identity, posted by /govbr/vincular: the
    link and a session in this response, or the code step when two-step is on."""
    if not from_the_portal(request):
        return _back_to_the_link("recusada")
    form = await read_form(request)
    password = str(form.get("password", ""))[: password_policy.MAX_LENGTH + 1]
    if not password:
        return _back_to_the_link("vazia")
    device = device_id(request)
    try:
        result = await in_hashing_pool(govbr.confirm_link, browser_hash=browser_hash(request.headers.get("cookie", "")),
                                       password=password, client=client_of(request), limiter=limiter(),
                                       device_hash=token_hash(device))
    except DatabaseUnavailable:
        return unavailable()
    except Busy as busy:
        return _back_to_the_link("aguarde", espera=str(busy.retry_in))
    if result.status is govbr.LinkStatus.WRONG_PASSWORD:
        return _back_to_the_link("incorreta")
    if result.status is govbr.LinkStatus.LIMITED:
        return _back_to_the_link("limitada", espera=str(result.retry_in))
    if result.status is not govbr.LinkStatus.LINKED:
        return _back_to_the_link()  # nothing waits in this browser any more
    # The page "Entrar com gov.br" was pressed for (Minha conta, Atendimento) comes next.
    back_to = routes.return_key(request.cookies.get(GOVBR_RETURN_COOKIE))
    if result.code_needed:  # two-step on: the sign-in form's code step, which this browser's sign-in waits for
        response = back_to_the_form(routes.SIGN_IN_CODE, back_to=back_to)
    else:
        response = signed_in(result.session_token, routes.after_sign_in(back_to), device)
    drop_private_cookie(response, GOVBR_RETURN_COOKIE)
    return response


async def end_of_session(back_to: str) -> str | None:
    """gov.br's logout address that returns to ``back_to`` (a portal path), if gov.br has one."""
    if not settings().govbr_enabled:
        return None
    return await govbr_client.end_session_url(settings().base_url + back_to)
