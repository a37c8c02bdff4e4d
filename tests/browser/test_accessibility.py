"""Every page, in each state a citizen meets, has no axe-core violations; screenshots are
kept at phone (390 px) and desktop (1280 px) width for people to look at."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.citizen import fill_signup, new_cpf, new_email, sign_in, sign_up
from tests.browser.conftest import ARTIFACTS
from tests.browser.smtp import MailServer, link_in

AXE = Axe()
SHOTS = ARTIFACTS / "screenshots"


def check(page: Page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    results = AXE.run(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width} px ({scroll_width} px wide)"
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


def test_home(page: Page):
    page.goto("/")
    expect(page.get_by_role("button", name="Entrar", exact=True)).to_be_visible()
    check(page, "home")


def test_home_with_sign_in_error(page: Page):
    sign_in(page, new_cpf(), "senha errada qualquer")
    expect(page.get_by_text("Usuário ou Senha Inválido")).to_be_visible()
    check(page, "home-erro")


def test_signup_with_errors(page: Page):
    fill_signup(page, cpf="111.111.111-11", email="maria@gmial.com", email_confirm="x@y.com",
                password="senha123", accept=False)
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.get_by_text("Os e-mails não são iguais.")).to_be_visible()
    check(page, "cadastro-erros")


def test_signup_blank(page: Page):
    page.goto("/cadastro")
    expect(page.get_by_role("button", name="Cadastrar")).to_be_visible()
    check(page, "cadastro")


def test_signup_sent_and_account(page: Page, mail_server: MailServer):
    cpf, email = new_cpf(), new_email()
    sign_up(page, cpf=cpf, email=email)
    check(page, "cadastro-enviado")
    page.goto(link_in(mail_server.wait_for(email)))
    expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()
    check(page, "confirmar-ok")
    page.goto(link_in(mail_server.wait_for(email)))
    expect(page.get_by_text("Este link já foi usado")).to_be_visible()
    check(page, "confirmar-usado")
    sign_in(page, cpf)
    expect(page.get_by_role("button", name="Sair", exact=True)).to_be_visible()
    check(page, "minha-conta")


@pytest.mark.parametrize("path", ["/confirmar?token=desconhecido", "/termos"])
def test_other_pages(page: Page, path: str):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_timeout(300)
    check(page, path.strip("/").split("?")[0] + ("-desconhecido" if "token" in path else ""))


def test_recovery_pages(page: Page, mail_server: MailServer):
    from tests.browser.citizen import confirmed_citizen
    from tests.browser.smtp import text_of
    from tests.browser.test_recovery import TEMPORARY, request_recovery

    page.goto("/recuperar-senha")
    expect(page.get_by_role("button", name="Recuperar senha")).to_be_visible()
    check(page, "recuperar-senha")
    cpf, email = confirmed_citizen(page, mail_server)
    request_recovery(page, cpf, "nao.e.este@example.com")
    expect(page.get_by_text("Este e-mail e este CPF não foram encontrados")).to_be_visible()
    check(page, "recuperar-senha-nao-encontrado")
    request_recovery(page, cpf, email)
    expect(page.get_by_text("Enviamos uma senha temporária")).to_be_visible()
    check(page, "recuperar-senha-enviada")
    temporary = TEMPORARY.search(text_of(mail_server.wait_for(email, count=2))).group(1)
    sign_in(page, cpf, temporary)
    expect(page.get_by_role("heading", name="Defina sua nova senha")).to_be_visible()
    check(page, "nova-senha")


def test_not_me_invalid_link(page: Page):
    page.goto("/nao-fui-eu?token=invalido")
    expect(page.get_by_text("Este link não vale mais")).to_be_visible()
    check(page, "nao-fui-eu-invalido")
