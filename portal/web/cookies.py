"""Every cookie of the portal: its name, how long it lives, how the server sets one and reads
one from a Cookie header (the websocket handshake's, seen by the state, or an HTTP request's,
seen by the endpoints).

The services never see a cookie: the web layer and the state read one here and pass its value
(a token, a hash) in."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from starlette.responses import Response

from portal.accounts.tokens import token_hash
from portal.core import routes
from portal.core.config import settings

# The signed-in session's token (HttpOnly; only an HTTP response sets it: portal.web.auth_routes).
SESSION_COOKIE = "portal_sessao"
# A random id per browser (portal.web.browser_cookie sets it), so a sign-in waiting for its
# code, a gov.br sign-in or a pending sign-up is bound to the browser that made it.
BROWSER_COOKIE = "portal_navegador"
# A long-lived random id per device, set when it signs in: a sign-in from a device the
# account has not used before sends the citizen a notice (accounts.new_device).
DEVICE_COOKIE = "portal_dispositivo"
DEVICE_MAX_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie
# An expired sign-up link can still ask for a new one: the link endpoint keeps its token
# here (HttpOnly, 15 minutes) for the "Enviar novo link" button of /confirmar.
EXPIRED_LINK_COOKIE = "portal_link_expirado"
EXPIRED_LINK_MAX_AGE = 15 * 60
# A sign-in posted before the page was live and refused: the CPF typed comes back to the
# form through this cookie (HttpOnly, a minute), not through the URL.
SIGN_IN_CPF_COOKIE = "portal_entrada_cpf"
SIGN_IN_CPF_MAX_AGE = 60
# Where a sign-in posted before the page was live goes next: a key of routes.RETURN_TARGETS,
# kept by the home page document (portal.web.return_cookie, SameSite=Strict).
RETURN_COOKIE = "portal_voltar"
RETURN_MAX_AGE = 30 * 60
# The same key across the trip to gov.br and back (Lax, so gov.br's redirect brings it); it
# lives as long as the gov.br authorization.
GOVBR_RETURN_COOKIE = "portal_voltar_govbr"


def cookie_value(cookie_header: str, name: str) -> str:
    """One cookie's value ("" when absent or the header cannot be read)."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookie_header or "")
    except CookieError:
        return ""
    morsel = jar.get(name)
    return morsel.value if morsel else ""


def session_token(cookie_header: str) -> str | None:
    """The session token (kept server-side: the state reads it from the websocket handshake)."""
    return cookie_value(cookie_header, SESSION_COOKIE) or None


def browser_hash(cookie_header: str) -> str:
    """What the server keeps of a browser's id: its SHA-256 ("" when the browser has none)."""
    value = cookie_value(cookie_header, BROWSER_COOKIE)
    return token_hash(value) if value else ""


def device_hash(cookie_header: str) -> str:
    value = cookie_value(cookie_header, DEVICE_COOKIE)
    return token_hash(value) if value else ""


def return_key_of(cookie_header: str) -> str:
    """The return key kept for this browser ("" when none, or not one of routes.RETURN_TARGETS)."""
    return routes.return_key(cookie_value(cookie_header, RETURN_COOKIE))


def set_private_cookie(response: Response, name: str, value: str, *, max_age: int,
                       samesite: str = "lax") -> None:
    """A cookie page scripts cannot read (HttpOnly), for the whole site, Secure under HTTPS."""
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite=samesite,
                        secure=settings().https, path="/")


def drop_private_cookie(response: Response, name: str, *, samesite: str = "lax") -> None:
    response.delete_cookie(name, path="/", httponly=True, samesite=samesite,
                           secure=settings().https)
