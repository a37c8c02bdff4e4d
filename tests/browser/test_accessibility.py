"""Every page, in each state a citizen meets, has no axe-core violations; screenshots are
kept at phone (390 px) and desktop (1280 px) width for people to look at."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.citizen import (
    fill_signup, new_cpf, new_email, sign_in, sign_in_to_my_account, sign_up, staff_at_the_desk, visit,
)
from tests.browser.conftest import ARTIFACTS
from tests.browser.smtp import MailServer, link_in

AXE = Axe()
SHOTS = ARTIFACTS / "screenshots"


def check(page: Page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.mouse.move(0, 0)  # no element left in :hover by the last click
    page.wait_for_timeout(200)
    results = AXE.run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (320, 390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if width != 320:
            page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
        else:  # the narrowest phone: its own layout (menu button, stacked fields), checked too
            narrow = AXE.run(page)
            assert narrow.violations_count == 0, f"{name} at 320 px:\n{narrow.generate_report()}"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width} px ({scroll_width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})


def high_contrast(page: Page) -> None:
    page.get_by_role("button", name="Alto contraste").click()
    expect(page.locator(".portal.alto-contraste")).to_have_count(1)


def test_home(page: Page):
    visit(page, "/")
    expect(page.get_by_role("button", name="Entrar", exact=True)).to_be_visible()
    check(page, "home")


def test_home_with_sign_in_error(page: Page):
    sign_in(page, new_cpf(), "senha errada qualquer")
    expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()
    check(page, "home-erro")


@pytest.mark.parametrize("query", ["sessao=expirada", "saiu=1", "entrada=recusada", "voltar=minha-conta"])
def test_home_with_a_notice(page: Page, query: str):
    visit(page, f"/?{query}")
    expect(page.locator("main .rt-CalloutRoot").first).to_be_visible()
    check(page, f"home-aviso-{query.split('=')[0]}")


def test_signup_with_errors(page: Page):
    fill_signup(page, cpf="111.111.111-11", email="maria@gmial.com", email_confirm="x@y.com",
                password="senha123", accept=False)
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.locator("#email_confirm-erro")).to_contain_text("Os e-mails não são iguais.")
    check(page, "cadastro-erros")


def test_signup_blank(page: Page):
    visit(page, "/cadastro")
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
    sign_in_to_my_account(page, cpf)
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

    visit(page, "/recuperar-senha")
    expect(page.get_by_role("button", name="Recuperar senha")).to_be_visible()
    check(page, "recuperar-senha")
    cpf, email = confirmed_citizen(page, mail_server)
    request_recovery(page, cpf, "nao.e.este@example.com")
    expect(page.get_by_text("Este e-mail e este CPF não foram encontrados")).to_be_visible()
    check(page, "recuperar-senha-nao-encontrado")
    request_recovery(page, cpf, email)
    expect(page.get_by_text("A senha temporária vai para")).to_be_visible()
    check(page, "recuperar-senha-enviada")
    temporary = TEMPORARY.search(text_of(mail_server.wait_for(email, count=2))).group(1)
    sign_in(page, cpf, temporary)
    expect(page.get_by_role("heading", name="Defina sua nova senha")).to_be_visible()
    check(page, "nova-senha")


def test_not_me_invalid_link(page: Page):
    visit(page, "/nao-fui-eu?token=invalido")
    expect(page.get_by_text("Este link não vale mais")).to_be_visible()
    check(page, "nao-fui-eu-invalido")


def test_home_with_help_open_in_high_contrast_and_large_text(page: Page):
    visit(page, "/#nao-recebi-email")
    expect(page.locator("details:has(summary#nao-recebi-email)")).to_have_attribute("open", "")
    check(page, "home-ajuda-aberta")
    high_contrast(page)
    page.get_by_role("button", name="Aumentar texto").click()
    check(page, "home-alto-contraste")


def test_signup_errors_in_high_contrast(page: Page):
    fill_signup(page, cpf="111.111.111-11", email="maria@gmial.com", email_confirm="x@y.com",
                password="senha123", accept=False)
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.locator("#email_confirm-erro")).to_contain_text("Os e-mails não são iguais.")
    high_contrast(page)
    check(page, "cadastro-erros-alto-contraste")


def test_support_request_states(page: Page):
    visit(page, "/ajuda/solicitar")
    expect(page.get_by_role("button", name="Enviar solicitação")).to_be_visible()
    check(page, "solicitar")
    page.get_by_role("button", name="Enviar solicitação").click()
    expect(page.locator("#description-erro")).to_contain_text("Descreva o que aconteceu.")
    check(page, "solicitar-erros")
    from tests.browser.test_support import send_request

    send_request(page, new_email())
    check(page, "solicitar-protocolo")


def test_privacy_page(page: Page):
    visit(page, "/privacidade")
    expect(page.get_by_role("heading", name="Privacidade e proteção de dados")).to_be_visible()
    check(page, "privacidade")


def test_staff_desk(open_page, app, mail_server: MailServer):
    from tests.browser.test_support import send_request

    citizen, staff = open_page(), open_page()
    protocol = send_request(citizen, new_email())
    staff_at_the_desk(staff, app, "Rui Atendente")
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    expect(staff.get_by_label("Resposta ao cidadão")).to_be_visible()
    check(staff, "atendimento")
    high_contrast(staff)
    check(staff, "atendimento-alto-contraste")


def test_account_in_high_contrast(page: Page, mail_server: MailServer):
    from tests.browser.citizen import confirmed_citizen

    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    expect(page.get_by_role("button", name="Sair", exact=True)).to_be_visible()
    high_contrast(page)
    check(page, "minha-conta-alto-contraste")
    page.get_by_role("button", name="Quero excluir minha conta").click()
    expect(page.get_by_role("button", name="Excluir minha conta definitivamente")).to_be_visible()
    check(page, "minha-conta-excluir-alto-contraste")
    page.get_by_role("link", name="Ver meus dados").click()
    expect(page.get_by_role("heading", name="Onde sua conta foi aberta")).to_be_visible()
    check(page, "meus-dados-alto-contraste")
    page.get_by_role("button", name="Alto contraste").click()  # back to normal colours
    expect(page.locator(".portal.alto-contraste")).to_have_count(0)
    check(page, "meus-dados")


@pytest.mark.parametrize(("path", "name"), [("/servicos", "servicos"), ("/ajuda/acompanhar", "acompanhar"),
                                            ("/cadastro", "cadastro-resumo-erros")])
def test_new_pages_in_high_contrast(page: Page, path: str, name: str):
    visit(page, path)
    high_contrast(page)
    if path == "/servicos":
        page.get_by_label("Buscar serviço").fill("saude")
        page.get_by_label("Buscar serviço").press("Enter")
        expect(page.get_by_text("serviços encontrados para “saude”")).to_be_visible()
    elif path == "/cadastro":
        page.get_by_role("button", name="Cadastrar").click()
        expect(page.get_by_text("Há um problema")).to_be_visible()
    check(page, f"{name}-alto-contraste")
