"""What a citizen does in the browser, written once for every browser test."""

from __future__ import annotations

import random
import re
import time
import uuid

import pyotp
from playwright.sync_api import Page, expect

from portal.accounts import cpf as cpf_rules

PASSWORD = "ipê amarelo na praça"


def visit(page: Page, path: str) -> None:
    """Open a page and wait until it is live (connected, on_load done), as a citizen would
    see it before typing."""
    page.goto(path)
    page.locator("[data-ready='1']").wait_for()


def new_cpf() -> str:
    return cpf_rules.format_cpf(cpf_rules.generate(f"{random.randrange(10**8, 10**9)}"))


def new_email() -> str:
    return f"cidadao.{uuid.uuid4().hex[:10]}@example.com"


def fill_signup(page: Page, *, name: str = "Maria Aparecida Souza", cpf: str, email: str,
                email_confirm: str | None = None, password: str = PASSWORD,
                password_confirm: str | None = None, accept: bool = True) -> None:
    visit(page, "/cadastro")
    page.get_by_label("Nome completo", exact=True).fill(name)
    page.get_by_label("CPF", exact=True).fill(cpf)
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Confirme o e-mail", exact=True).fill(email if email_confirm is None else email_confirm)
    page.get_by_label("Senha", exact=True).fill(password)
    page.get_by_label("Confirme a senha", exact=True).fill(password if password_confirm is None else password_confirm)
    if accept:
        # A controlled checkbox: its state comes back from the server, so wait for it.
        terms = page.get_by_role("checkbox", name="Li e aceito os termos de uso e o aviso de privacidade")
        if not terms.is_checked():
            terms.click()
        expect(terms).to_be_checked()


def sign_up(page: Page, **fields) -> None:
    fill_signup(page, **fields)
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.get_by_role("heading", name="Confirme seu e-mail")).to_be_visible()


def sign_in(page: Page, cpf: str, password: str = PASSWORD) -> None:
    visit(page, "/")
    page.get_by_label("CPF", exact=True).fill(cpf)
    page.get_by_label("Senha", exact=True).fill(password)
    page.get_by_role("button", name="Entrar", exact=True).click()


def landed_on_services(page: Page) -> None:
    """A sign-in lands on Serviços, which links to Minha conta."""
    expect(page).to_have_url(re.compile(r"/servicos/?$"))
    expect(page.get_by_role("main").get_by_role("link", name="Minha conta", exact=True)).to_be_visible()


def open_my_account(page: Page) -> None:
    """Right after a sign-in: from Serviços, where it lands, to Minha conta."""
    landed_on_services(page)
    visit(page, "/minha-conta")
    expect(page.get_by_role("heading", name="Minha conta", exact=True)).to_be_visible()


def sign_in_to_my_account(page: Page, cpf: str, password: str = PASSWORD) -> None:
    sign_in(page, cpf, password)
    open_my_account(page)


def confirmed_citizen(page: Page, mail_server) -> tuple[str, str]:
    """Sign up and open the confirmation link; returns (cpf, email)."""
    from tests.browser.smtp import link_in

    cpf, email = new_cpf(), new_email()
    sign_up(page, cpf=cpf, email=email)
    page.goto(link_in(mail_server.wait_for(email)))
    expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()
    return cpf, email


def staff_at_the_desk(page: Page, app, name: str = "Ana Atendente") -> str:
    """Create a staff member with the portal's command line, sign in and open /atendimento;
    returns the staff member's CPF."""
    staff_cpf = new_cpf()
    app.command("-m", "portal.support", "criar-atendente", "--cpf", staff_cpf, "--nome", name,
                "--email", new_email(), "--senha-stdin", stdin=PASSWORD + "\n")
    sign_in_to_my_account(page, staff_cpf)
    enable_two_step(page)  # the desk refuses staff without it
    page.get_by_role("button", name="Já guardei os códigos").click()
    visit(page, "/atendimento")
    return staff_cpf


def enable_two_step(page: Page, password: str = PASSWORD) -> tuple[str, list[str]]:
    """On Minha conta: turn two-step on as a citizen does, reading the key shown on the page
    into an "authenticator app" (pyotp). Returns the secret and the recovery codes shown."""
    page.get_by_role("button", name="Ativar verificação em duas etapas").click()
    secret = page.locator("#chave-totp").inner_text().replace(" ", "")
    page.get_by_label("Código de verificação", exact=True).fill(pyotp.TOTP(secret).now())
    if page.locator("#enable_password").count():  # an account made through gov.br has no password to ask
        page.locator("#enable_password").fill(password)
    page.get_by_role("button", name="Confirmar e ativar").click()
    expect(page.get_by_text("Guarde estes códigos de recuperação")).to_be_visible()
    codes = page.locator(".codigos li").all_inner_texts()
    return secret, codes


def next_code(secret: str) -> str:
    """A code not used yet: the one of the next 30 s step (accepted within ±1 step), so a
    test never reuses the code it just typed."""
    totp = pyotp.TOTP(secret)
    return totp.at(int(time.time()) + 30)
