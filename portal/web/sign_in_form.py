"""The sign-in form's own posts: the only way in with CPF and password, live page or not.

The home page's forms (CPF + senha, then the verification code when two-step is on) are
method="post" with these endpoints as their action, and no handler of the page takes them
over once the page is live: the browser submits them, and only an HTTP response can set the
HttpOnly session cookie. A sign-in redirects to Serviços, or to the page that sent the citizen
to sign in, or to "Defina sua nova senha" after a temporary password. One that does not end
signed in goes back to the form with a short outcome code in the URL (and the typed CPF in a
one-minute cookie): nothing typed ever goes into a URL.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse

from portal.core import routes
from portal.accounts import confirmation, fields, login, password_policy, sessions, two_step
from portal.accounts import cpf as cpf_rules
from portal.core.hashing_pool import Busy
from portal.accounts.activity import Client
from portal.core.clock import utcnow
from portal.core.config import settings
from portal.core.db import committed
from portal.accounts.tokens import new_token, token_hash
from portal.web.cookies import (DEVICE_COOKIE, DEVICE_MAX_AGE, RETURN_COOKIE, SESSION_COOKIE,
                                 SIGN_IN_CPF_COOKIE, SIGN_IN_CPF_MAX_AGE, browser_hash, drop_private_cookie,
                                 return_key_of, set_private_cookie)
from portal.core.ratelimit import limiter
from portal.web.client_address import client_ip
from portal.web.endpoints import DatabaseUnavailable, in_hashing_pool, redirect, unavailable, use_database

_OUTCOMES = {login.LoginStatus.INVALID: routes.SIGN_IN_INVALID, login.LoginStatus.LIMITED: routes.SIGN_IN_LIMITED,
             login.LoginStatus.UNCONFIRMED: routes.SIGN_IN_UNCONFIRMED,
             login.LoginStatus.CODE_NEEDED: routes.SIGN_IN_CODE, login.LoginStatus.SUSPENDED: routes.SIGN_IN_SUSPENDED}
_CODE_OUTCOMES = {two_step.Status.WRONG_CODE: routes.SIGN_IN_CODE_WRONG,
                  two_step.Status.LIMITED: routes.SIGN_IN_CODE_LIMITED}
# A code is six digits, a recovery code a few more: anything longer is not one.
MAX_CODE_INPUT = 20
# The fields of the form, as the outcome names them (routes.SIGN_IN_FIELDS).
_FIELD_NAMES = {"cpf": "cpf", "password": "senha"}


def from_the_portal(request: Request) -> bool:
    """Login CSRF: only the portal's own pages may post credentials here. Sec-Fetch-Site is
    set by the browser itself (pages cannot forge it); a browser without it sends Origin,
    which is "null" under the portal's no-referrer policy, so then the answer is no."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    return request.headers.get("origin") in settings().origins


async def read_form(request: Request) -> FormData:
    """The posted fields, bounded: no file, a handful of short fields."""
    return await request.form(max_files=0, max_fields=20, max_part_size=4096)


def return_key(form: FormData, request: Request) -> str:
    """The page to open after signing in: the live page's own ?voltar= (a hidden field), else
    what the home page document kept for a form posted before the page was live."""
    return routes.return_key(form.get(routes.RETURN)) or return_key_of(request.headers.get("cookie", ""))


def back_to_the_form(outcome: str, cpf: str = "", *, back_to: str = "", **details: str) -> RedirectResponse:
    """HOME with the outcome (and ?voltar= when the sign-in was to open a given page)."""
    key = routes.return_key(back_to)
    # Serviços is where a sign-in lands anyway: no ?voltar= for it.
    kept = {routes.RETURN: key} if key and routes.RETURN_TARGETS[key] != routes.SERVICES else {}
    response = redirect(f"{routes.HOME}?{urlencode({routes.SIGN_IN_OUTCOME: outcome, **details, **kept})}")
    digits = cpf_rules.normalize(cpf) or "".join(c for c in cpf if c.isdigit())[:11]
    if digits:  # the CPF the citizen typed comes back to the form, never through a URL
        set_private_cookie(response, SIGN_IN_CPF_COOKIE, digits, max_age=SIGN_IN_CPF_MAX_AGE, samesite="strict")
    return response


def device_id(request: Request) -> str:
    """This device's long-lived id (portal_dispositivo), or a new one for signed_in to set."""
    return request.cookies.get(DEVICE_COOKIE, "")[:100] or new_token()


def client_of(request: Request) -> Client:
    return Client(ip=client_ip(request), user_agent=request.headers.get("user-agent", ""))


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
    form = await read_form(request)
    back_to = return_key(form, request)
    cpf = str(form.get("cpf", ""))[: fields.MAX_CPF_INPUT]
    password = str(form.get("password", ""))[: password_policy.MAX_LENGTH + 1]
    cleaned = fields.Cleaned()  # the page shows each field's own message from the outcome
    cleaned.check("cpf", fields.clean_sign_in_cpf, cpf)
    cleaned.check("password", fields.clean_required, password, code="login_password_required")
    if not cleaned.ok:
        named = "-".join(_FIELD_NAMES[name] for name in cleaned.errors)
        return back_to_the_form(routes.SIGN_IN_MISSING, cpf, back_to=back_to, **{routes.SIGN_IN_FIELDS: named})
    browser = browser_hash(request.headers.get("cookie", ""))
    if not browser:
        # The home page document gave this browser its id: without it, the browser keeps no
        # cookie of the portal (the session's neither), and a two-step sign-in has nothing to wait in.
        return back_to_the_form(routes.SIGN_IN_NO_COOKIE, cpf, back_to=back_to)
    client, device = client_of(request), device_id(request)
    resent: confirmation.ResendResult | None = None
    try:
        # One transaction: the check and, when it succeeds, the session (or, with two-step
        # on, the wait for the code in this browser).
        opens = login.Opens(browser_hash=browser, device_hash=token_hash(device))
        result = await in_hashing_pool(committed(login.authenticate), cpf=cpf, password=password,
                                       client=client, limiter=limiter(), opens=opens)
        if result.status is login.LoginStatus.UNCONFIRMED:
            # The right password of a sign-up not confirmed yet: a new link goes out now (the
            # button that asked for it needed the live page), unless its cooldown is running.
            resent = await use_database(confirmation.resend, result.account_id, limiter=limiter(),
                                        client_ip=client.ip)
    except DatabaseUnavailable:
        return unavailable()
    except Busy as busy:
        return back_to_the_form(routes.SIGN_IN_BUSY, cpf, back_to=back_to, espera=str(busy.retry_in))
    if result.status is login.LoginStatus.UNCONFIRMED:
        return back_to_the_form(routes.SIGN_IN_UNCONFIRMED, cpf, back_to=back_to, **_resend_details(resent))
    if result.status is not login.LoginStatus.OK:
        outcome = _OUTCOMES[result.status]
        details = {"espera": str(result.retry_in)} if result.retry_in else {}
        if result.status is login.LoginStatus.INVALID and password != password.strip():
            details["espacos"] = "1"  # the seed's "copied spaces" case
        return back_to_the_form(outcome, cpf, back_to=back_to, **details)
    landing = routes.after_sign_in(back_to, must_change_password=result.temporary)
    return signed_in(result.credential, landing, device)


async def sign_in_code(request: Request) -> RedirectResponse:
    """The verification code after the first step (a password, a temporary password or a bronze
    gov.br sign-in), posted from the browser where that step waits (two_step.finish_sign_in)."""
    if not from_the_portal(request):
        return back_to_the_form(routes.SIGN_IN_REFUSED)
    form = await read_form(request)
    back_to = return_key(form, request)
    code = str(form.get("code", ""))[:MAX_CODE_INPUT]
    if not code.strip():
        return back_to_the_form(routes.SIGN_IN_CODE_BLANK, back_to=back_to)
    browser = browser_hash(request.headers.get("cookie", ""))
    if not browser:  # nothing can wait for a code in a browser without its id
        return back_to_the_form(routes.SIGN_IN_CODE_GONE, back_to=back_to)
    client, device = client_of(request), device_id(request)
    try:
        result = await use_database(two_step.finish_sign_in, browser_hash=browser, code=code, client=client,
                                    limiter=limiter(), device_hash=token_hash(device))
    except DatabaseUnavailable:
        return unavailable()
    if result.status is two_step.Status.OK:
        landing = routes.after_sign_in(back_to, must_change_password=result.temporary)
        return signed_in(result.session_token, landing, device)
    details = {"espera": str(result.retry_in)} if result.retry_in else {}
    # Expired, used, or five wrong codes for this sign-in: the password comes first again.
    outcome = _CODE_OUTCOMES.get(result.status, routes.SIGN_IN_CODE_GONE)
    return back_to_the_form(outcome, back_to=back_to, **details)


def _resend_details(resent: confirmation.ResendResult | None) -> dict[str, str]:
    """reenviado=1, or espera=<seconds> until a new link may go (nothing: confirmed meanwhile)."""
    if resent is None:
        return {}
    if resent.sent:
        return {"reenviado": "1"}
    return {"espera": str(max(1, int((resent.retry_at - utcnow()).total_seconds())))}
