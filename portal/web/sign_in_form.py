"""The sign-in form as a plain HTTP post, for a page that is not live yet.

On a slow phone the sign-in form is on screen seconds before the page is connected. The
form is method="post" with this endpoint as its action: pressed then, it signs in here and
redirects (the cookie is set by this response) to Serviços, or to the page that sent the
citizen to sign in (portal.web.return_cookie), or sends the citizen back to the form with the
reason and the CPF they typed. Nothing goes into a URL but a short outcome code. Once the
page is live, the page's own handler takes the form instead (LoginState.submit).
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse

from portal.core import routes
from portal.accounts import cpf as cpf_rules
from portal.accounts import fields, login, password_policy, sessions
from portal.core.hashing_pool import Busy
from portal.accounts.activity import Client
from portal.core.config import settings
from portal.core.db import committed
from portal.accounts.tokens import new_token, token_hash
from portal.web.cookies import (DEVICE_COOKIE, DEVICE_MAX_AGE, RETURN_COOKIE, SESSION_COOKIE,
                                 SIGN_IN_CPF_COOKIE, SIGN_IN_CPF_MAX_AGE, browser_hash, drop_private_cookie,
                                 return_key_of, set_private_cookie)
from portal.core.ratelimit import limiter
from portal.web.client_address import client_ip
from portal.web.endpoints import DatabaseUnavailable, in_hashing_pool, redirect, unavailable

_OUTCOMES = {login.LoginStatus.INVALID: routes.SIGN_IN_INVALID, login.LoginStatus.LIMITED: routes.SIGN_IN_LIMITED,
             login.LoginStatus.UNCONFIRMED: routes.SIGN_IN_UNCONFIRMED,
             login.LoginStatus.CODE_NEEDED: routes.SIGN_IN_CODE, login.LoginStatus.SUSPENDED: routes.SIGN_IN_SUSPENDED}


def from_the_portal(request: Request) -> bool:
    """Login CSRF: only the portal's own pages may post credentials here. Sec-Fetch-Site is
    set by the browser itself (pages cannot forge it); a browser without it sends Origin,
    which is "null" under the portal's no-referrer policy, so then the answer is no."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    return request.headers.get("origin") in settings().origins


def back_to_the_form(outcome: str, cpf: str = "", *, back_to: str = "", **details: str) -> RedirectResponse:
    """HOME with the outcome (and ?voltar= when the sign-in was to open a given page)."""
    key = {routes.RETURN: routes.return_key(back_to)} if routes.return_key(back_to) else {}
    response = redirect(f"{routes.HOME}?{urlencode({routes.SIGN_IN_OUTCOME: outcome, **details, **key})}")
    digits = cpf_rules.normalize(cpf) or "".join(c for c in cpf if c.isdigit())[:11]
    if digits:  # the CPF the citizen typed comes back to the form, never through a URL
        set_private_cookie(response, SIGN_IN_CPF_COOKIE, digits, max_age=SIGN_IN_CPF_MAX_AGE, samesite="strict")
    return response


def device_id(request: Request) -> str:
    """This device's long-lived id (portal_dispositivo), or a new one for signed_in to set."""
    return request.cookies.get(DEVICE_COOKIE, "")[:100] or new_token()


def signed_in(token: str, target: str, device: str) -> RedirectResponse:
    response = redirect(target)
    session_max_age = int(sessions.ABSOLUTE_TIMEOUT.total_seconds())
    set_private_cookie(response, SESSION_COOKIE, token, max_age=session_max_age)
    set_private_cookie(response, DEVICE_COOKIE, device, max_age=DEVICE_MAX_AGE)
    drop_private_cookie(response, SIGN_IN_CPF_COOKIE, samesite="strict")
    drop_private_cookie(response, RETURN_COOKIE, samesite="strict")
    return response


async def sign_in_form(request: Request) -> RedirectResponse:
    if not from_the_portal(request):
        return back_to_the_form(routes.SIGN_IN_REFUSED)
    back_to = return_key_of(request.headers.get("cookie", ""))
    form = await request.form(max_files=0, max_fields=20, max_part_size=4096)
    cpf = str(form.get("cpf", ""))[: fields.MAX_CPF_INPUT]
    password = str(form.get("password", ""))[: password_policy.MAX_LENGTH + 1]
    cleaned = fields.Cleaned()  # the live form's checks (LoginState), told here by one outcome
    cleaned.check("cpf", fields.clean_sign_in_cpf, cpf)
    cleaned.check("password", fields.clean_required, password, code="login_password_required")
    if not cleaned.ok:
        return back_to_the_form(routes.SIGN_IN_MISSING, cpf, back_to=back_to)
    client = Client(ip=client_ip(request), user_agent=request.headers.get("user-agent", ""))
    try:
        # One transaction: the check and, when it succeeds, the session (or, with two-step
        # on, the wait for the code in this browser).
        browser, device = browser_hash(request.headers.get("cookie", "")), device_id(request)
        opens = login.Opens(browser_hash=browser, session=True, device_hash=token_hash(device))
        result = await in_hashing_pool(committed(login.authenticate), cpf=cpf, password=password,
                                       client=client, limiter=limiter(), opens=opens)
    except DatabaseUnavailable:
        return unavailable()
    except Busy as busy:
        return back_to_the_form(routes.SIGN_IN_BUSY, cpf, back_to=back_to, espera=str(busy.retry_in))
    if result.status is not login.LoginStatus.OK:
        outcome = _OUTCOMES[result.status]
        details = {"espera": str(result.retry_in)} if result.retry_in else {}
        if result.status is login.LoginStatus.INVALID and password != password.strip():
            details["espacos"] = "1"  # the seed's "copied spaces" case
        return back_to_the_form(outcome, cpf, back_to=back_to, **details)
    landing = routes.after_sign_in(back_to, must_change_password=result.temporary)
    return signed_in(result.credential, landing, device)
