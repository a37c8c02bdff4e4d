"""'Defina sua nova senha' (/nova-senha) posted by the browser, live page or not.

A session opened with a recovery's temporary password can do nothing but this. The page's
form is method="post" with this endpoint as its action: the same rule as the page's guard
(accounts.access, level NEW_PASSWORD) decides whether this browser's session may, the new
password is set, and Minha conta opens. A refused one goes back to the page with the codes
of its problems in the URL (never the passwords).
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse

from portal.accounts import access, password_policy, profile
from portal.core import routes
from portal.core.hashing_pool import Busy
from portal.web.cookies import session_token
from portal.web.endpoints import DatabaseUnavailable, in_hashing_pool, redirect, unavailable, use_database
from portal.web.sign_in_form import client_of, from_the_portal, read_form

FIELDS = ("new_password", "new_password_confirm")


def _back_to_the_page(errors: str, **details: str) -> RedirectResponse:
    return redirect(f"{routes.NEW_PASSWORD}?{urlencode({routes.NEW_PASSWORD_ERRORS: errors, **details})}")


def error_codes(errors: dict[str, list[str]]) -> str:
    """field:code,field:code — what the page reads back (state.recovery.posted_errors)."""
    return ",".join(f"{name}:{code}" for name, codes in errors.items() for code in codes)


async def new_password_form(request: Request) -> RedirectResponse:
    if not from_the_portal(request):
        return _back_to_the_page("recusada")
    try:
        decision = await use_database(access.authorize, session_token(request.headers.get("cookie", "")),
                                      access.Access.NEW_PASSWORD)
    except DatabaseUnavailable:
        return unavailable()
    if not decision.allowed or decision.viewer is None:
        return redirect(decision.redirect or access.SIGNED_OUT)
    viewer = decision.viewer
    form = await read_form(request)
    new, confirm = (str(form.get(name, ""))[: password_policy.MAX_LENGTH + 1] for name in FIELDS)
    try:
        result = await in_hashing_pool(profile.set_new_password, account_id=viewer.account_id,
                                       session_id=viewer.session_id, new=new, confirm=confirm,
                                       client=client_of(request))
    except DatabaseUnavailable:
        return unavailable()
    except Busy as busy:
        return _back_to_the_page("aguarde", espera=str(busy.retry_in))
    if result.errors:
        return _back_to_the_page(error_codes(result.errors))
    return redirect(routes.ACCOUNT_AFTER_NEW_PASSWORD)
