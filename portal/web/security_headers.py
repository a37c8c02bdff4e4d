"""Security headers on every HTTP response, and a Content-Security-Policy for the pages.

Pages are pre-rendered HTML with a few inline bootstrap scripts. Rather than allowing any
inline script ('unsafe-inline'), the policy lists the SHA-256 of the inline scripts of
the very page being served, so an injected <script> would not run. Reflex runs the
scripts that event handlers send (rx.call_script) with eval, hence 'unsafe-eval'.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)

BASE_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # Confirmation and "Não fui eu" links carry tokens in the URL: never send it elsewhere.
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}


def script_hashes(html: bytes) -> list[str]:
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    ]


def content_security_policy(html: bytes) -> str:
    scripts = " ".join(["'self'", "'unsafe-eval'", *script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",  # Radix/emotion insert <style> at run time
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class SecurityHeaders:
    """ASGI middleware: base headers everywhere, HSTS under HTTPS, CSP on HTML."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.headers = dict(BASE_HEADERS)
        if https:
            self.headers["strict-transport-security"] = "max-age=31536000; includeSubDomains"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def send_with_headers(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in self.headers]
                headers += [(k.encode(), v.encode()) for k, v in self.headers.items()]
                message = {**message, "headers": headers}
                if _is_html(headers):
                    start = message  # held back until the body is known, for the script hashes
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                await send(_with_csp(start, b"".join(body)))
                await send({"type": "http.response.body", "body": b"".join(body), "more_body": False})
            elif message["type"] == "http.response.pathsend" and start is not None:
                # The server sends the file itself (ASGI pathsend): hash the same file.
                with open(message["path"], "rb") as page:
                    await send(_with_csp(start, page.read()))
                await send(message)
            else:
                await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)


@functools.lru_cache(maxsize=128)
def _policy_for(payload: bytes, gzipped: bool) -> bytes:
    """Pages are pre-rendered files: the same bytes always get the same policy, so it is
    worked out (decompressed, scanned, hashed) once per page, not on every request."""
    html = gzip.decompress(payload) if gzipped and payload else payload
    return content_security_policy(html).encode()


def _with_csp(start: Message, payload: bytes) -> Message:
    headers = list(start["headers"])
    gzipped = any(k.lower() == b"content-encoding" and b"gzip" in v for k, v in headers)
    headers.append((b"content-security-policy", _policy_for(payload, gzipped)))
    return {**start, "headers": headers}
