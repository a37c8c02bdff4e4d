"""Nothing secret reaches the browser; foreign origins are refused; pages carry security headers."""

from __future__ import annotations

import base64
import os
import re
import socket
import sqlite3
import urllib.error
import urllib.parse
import urllib.request

from playwright.sync_api import Page, expect

from tests.browser.citizen import (
    PASSWORD, enable_two_step, new_cpf, new_email, next_code, open_my_account, sign_in, sign_in_to_my_account, sign_up,
    visit,
)
from tests.browser.conftest import RunningApp
from tests.browser.smtp import MailServer, link_in, text_of

TEMPORARY = re.compile(r"\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b")
NEW_PASSWORD = "maritaca verde no ipê"


def record_frames(page: Page) -> list[str]:
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: frames.append(payload if isinstance(payload, str) else payload.decode(
            "utf-8", "replace"))))
    return frames


def session_cookies(page: Page) -> list[str]:
    return [c["value"] for c in page.context.cookies() if c["name"] == "portal_sessao"]


def test_no_secret_in_any_websocket_frame(page: Page, app: RunningApp, mail_server: MailServer):
    frames = record_frames(page)
    secrets: set[str] = set()
    cpf, email = new_cpf(), new_email()

    sign_up(page, cpf=cpf, email=email)
    link = link_in(mail_server.wait_for(email))
    secrets.add(link.split("token=")[1])
    page.goto(link)
    expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()
    sign_in_to_my_account(page, cpf)
    secrets.update(session_cookies(page))
    page.get_by_role("button", name="Sair", exact=True).click()
    expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()

    visit(page, "/recuperar-senha")
    page.get_by_label("CPF", exact=True).fill(cpf)
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_role("button", name="Recuperar senha").click()
    temporary = TEMPORARY.search(text_of(mail_server.wait_for(email, count=2))).group(1)
    secrets.update({temporary, temporary.replace("-", "")})
    sign_in(page, cpf, temporary)
    expect(page.get_by_role("heading", name="Defina sua nova senha")).to_be_visible()
    secrets.update(session_cookies(page))
    page.get_by_label("Nova senha", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirme a nova senha", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Salvar nova senha").click()
    expect(page.get_by_role("heading", name="Minha conta", exact=True)).to_be_visible()
    not_me = re.search(r"token=(\S+)", text_of(mail_server.wait_for(email, count=3))).group(1)
    secrets.add(not_me)

    page.get_by_label("Novo e-mail", exact=True).fill(new_email())
    page.get_by_label("Senha atual", exact=True).first.fill(NEW_PASSWORD)
    page.get_by_role("button", name="Enviar link de confirmação").click()
    expect(page.get_by_text("Enviamos um link para")).to_be_visible()

    # Two-step: its key and recovery codes are shown once, deliberately, while turning it on;
    # never again after that (not when signing in with a code either).
    secret, codes = enable_two_step(page, NEW_PASSWORD)
    page.get_by_role("button", name="Já guardei os códigos").click()
    expect(page.get_by_text("Códigos de recuperação ainda não usados: 10")).to_be_visible()
    after_enabling = len(frames)
    page.get_by_role("button", name="Sair", exact=True).click()
    expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()
    sign_in(page, cpf, NEW_PASSWORD)
    page.get_by_label("Código de verificação", exact=True).fill(next_code(secret))
    page.get_by_role("button", name="Continuar").click()
    open_my_account(page)
    secrets.update(session_cookies(page))
    later = "\n".join(frames[after_enabling:])
    shown_again = [s for s in (secret, *codes) if s in later or s.upper() in later]
    assert shown_again == [], f"two-step secrets sent again: {shown_again}"
    page.get_by_role("button", name="Sair", exact=True).click()
    expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()

    with sqlite3.connect(app.workdir / "data" / "portal.db") as db:
        secrets.update(row[0] for row in db.execute("SELECT password_hash FROM account"))
        for table, column in (("email_token", "token_hash"), ("auth_session", "token_hash"),
                              ("recovery_code", "code_hash"), ("known_device", "device_hash")):
            secrets.update(row[0] for row in db.execute(f"SELECT {column} FROM {table}"))
    # The browser's own id cookie is as private as the session cookie (it binds a sign-in to its code).
    secrets.update(c["value"] for c in page.context.cookies() if c["name"] in ("portal_navegador", "portal_dispositivo"))
    everything = "\n".join(frames)
    assert len(frames) > 20, "the journey should have exchanged many frames"
    leaked = sorted(s for s in secrets if s and s in everything)
    assert leaked == [], f"secrets sent to the browser: {leaked}"
    # Reflex sends the page's router data (URL, the browser's own headers) to the page, but
    # never the Cookie header; no page URL carries a token since links go through /auth/….
    for cookie_name in ("portal_sessao", "portal_navegador", "portal_link_expirado", "portal_dispositivo"):
        assert cookie_name not in everything, f"cookie data sent to the browser: {cookie_name!r}"
    assert "token=" not in everything
    assert PASSWORD not in everything and NEW_PASSWORD not in everything


def _handshake(app: RunningApp, origin: str) -> int:
    """The HTTP status of a real websocket upgrade to the app's event endpoint."""
    host, port = urllib.parse.urlsplit(app.url).hostname, urllib.parse.urlsplit(app.url).port
    request = (
        "GET /_event/?EIO=4&transport=websocket HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\nSec-WebSocket-Version: 13\r\n"
        f"Origin: {origin}\r\n\r\n"
    )
    with socket.create_connection((host, port), timeout=5) as connection:
        connection.sendall(request.encode())
        status_line = connection.recv(1024).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])


def test_cross_origin_websocket_handshake_is_refused(app: RunningApp):
    assert _handshake(app, app.url) == 101
    assert _handshake(app, "https://evil.example") in (400, 403)


def test_pages_carry_security_headers(app: RunningApp):
    with urllib.request.urlopen(app.url + "/", timeout=5) as response:
        headers = response.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "Strict-Transport-Security" not in headers  # only under HTTPS


def test_the_app_works_under_its_content_security_policy(page: Page, mail_server: MailServer):
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    from tests.browser.citizen import confirmed_citizen

    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    for path in ("/", "/#nao-recebi-email", "/ajuda/solicitar", "/privacidade", "/recuperar-senha"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert violations == []


def _post_sign_in(app: RunningApp, cpf: str, password: str, **headers: str) -> tuple[int, str, str]:
    """POST the sign-in form as a browser would; (status, Location, Set-Cookie)."""
    return _post(app, "/auth/entrar", {"cpf": cpf, "password": password}, **headers)


def _post(app: RunningApp, path: str, fields: dict[str, str], **headers: str) -> tuple[int, str, str]:
    """POST a form as a browser that has the portal's id cookie would; (status, Location, Set-Cookie)."""
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(app.url + path, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": "portal_navegador=um-navegador",
        **headers})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers.get("Location", ""), answer.headers.get("Set-Cookie", "")
    raise AssertionError("the sign-in post should answer with a redirect")


def test_a_sign_in_posted_from_another_site_signs_nobody_in(page: Page, app: RunningApp, mail_server: MailServer):
    """Login CSRF through the form endpoint: a foreign page auto-submitting the attacker's
    credentials must not sign the victim's browser in."""
    from tests.browser.citizen import confirmed_citizen

    cpf, _ = confirmed_citizen(page, mail_server)
    for headers in ({"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
                    {"Origin": "https://evil.example"}, {"Origin": "null"}, {}):
        status, location, cookie = _post_sign_in(app, cpf, PASSWORD, **headers)
        assert status == 303 and location.endswith("/?entrada=recusada") and "portal_sessao=" not in cookie, headers
    status, location, cookie = _post_sign_in(app, cpf, PASSWORD, **{"Sec-Fetch-Site": "same-origin"})
    assert status == 303 and location.endswith("/servicos/") and "portal_sessao=" in cookie


def test_a_foreign_page_posting_the_sign_in_form_signs_nobody_in(page: Page, app: RunningApp,
                                                                 mail_server: MailServer):
    """Login CSRF in a real browser: another site's page auto-submits the attacker's credentials
    to the portal; Chromium says where the post comes from (Sec-Fetch-Site: cross-site)."""
    from tests.browser.citizen import confirmed_citizen

    cpf, _ = confirmed_citizen(page, mail_server)
    victim = page.context.new_page()
    form = (f'<form id="f" method="post" action="{app.url}/auth/entrar"><input name="cpf" value="{cpf}">'
            f'<input name="password" value="{PASSWORD}"></form><script>f.submit()</script>')
    victim.route("http://evil.example/**", lambda route: route.fulfill(content_type="text/html", body=form))
    victim.goto("http://evil.example/")
    expect(victim).to_have_url(re.compile(r"/\?entrada=recusada$"))
    expect(victim.get_by_text("Não foi possível concluir a entrada neste navegador.")).to_be_visible()
    assert session_cookies(victim) == []
