"""The portal's cookies as the server reads them from a Cookie header: the websocket
handshake's (seen by the state) or an HTTP request's (seen by the endpoints)."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from portal.accounts.tokens import token_hash

# A random id per browser (portal.web.browser_cookie sets it), so a sign-in ticket or a
# pending sign-up is bound to the browser that made it.
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


def cookie_value(cookie_header: str, name: str) -> str:
    """One cookie's value ("" when absent or the header cannot be read)."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookie_header or "")
    except CookieError:
        return ""
    morsel = jar.get(name)
    return morsel.value if morsel else ""


def browser_hash(cookie_header: str) -> str:
    """What the server keeps of a browser's id: its SHA-256 ("" when the browser has none)."""
    value = cookie_value(cookie_header, BROWSER_COOKIE)
    return token_hash(value) if value else ""


def device_hash(cookie_header: str) -> str:
    value = cookie_value(cookie_header, DEVICE_COOKIE)
    return token_hash(value) if value else ""
