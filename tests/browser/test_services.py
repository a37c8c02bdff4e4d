"""Serviços (/servicos): the city's services by category, the search, where a sign-in lands,
and the way back to Minha conta for someone sent to sign in first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.citizen import (
    PASSWORD, confirmed_citizen, landed_on_services, new_cpf, new_email, sign_in, visit,
)
from tests.browser.conftest import RunningApp
from tests.browser.smtp import MailServer

SEARCH = "Buscar serviço"
SHOTS = Path("/tmp/shots")


def _service(page: Page, name: str):
    return page.get_by_role("main").get_by_role("link", name=name, exact=True)


def _card(page: Page, name: str):
    return page.get_by_role("main").get_by_role("listitem").filter(
        has=page.get_by_role("link", name=name, exact=True))


def _search(page: Page, text: str) -> None:
    page.get_by_label(SEARCH, exact=True).fill(text)


def test_the_services_are_shown_by_category(page: Page):
    visit(page, "/servicos")
    expect(page.get_by_role("heading", name="Serviços", level=1)).to_be_visible()
    for category in ("Impostos e certidões", "Saúde", "Educação", "Transporte e trânsito",
                     "Atendimento ao cidadão"):
        expect(page.get_by_role("heading", name=category, level=2)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="serviços on-line")).to_be_visible()
    nfse = _card(page, "Nota Fiscal de Serviços Eletrônica (NFS-e)")
    expect(nfse.get_by_text("Requer entrar no portal")).to_be_visible()
    expect(_card(page, "IPTU: 2ª via do carnê").get_by_text("Requer entrar no portal")).to_have_count(0)
    expect(_service(page, "Ouvidoria")).to_have_attribute("href", re.compile(r"^https://"))
    # A visitor is shown the way in.
    expect(page.get_by_role("main").get_by_role("link", name="Entrar", exact=True)).to_be_visible()


def test_the_search_filters_as_the_citizen_types_ignoring_accents(page: Page):
    visit(page, "/servicos")
    _search(page, "saude")
    expect(_service(page, "Agendamento em unidade de saúde")).to_be_visible()
    expect(_service(page, "Cartão SUS")).to_be_visible()
    expect(page.get_by_role("heading", name="Saúde", level=2)).to_be_visible()
    expect(_service(page, "IPTU: 2ª via do carnê")).to_have_count(0)
    expect(page.get_by_role("heading", name="Impostos e certidões")).to_have_count(0)
    expect(page.get_by_text("4 serviços encontrados para “saude”.")).to_be_visible()

    _search(page, "IPTU")
    expect(_service(page, "IPTU: 2ª via do carnê")).to_be_visible()
    expect(_service(page, "IPTU: certidão de valor venal")).to_be_visible()
    expect(_service(page, "Agendamento em unidade de saúde")).to_have_count(0)
    expect(page.get_by_text("2 serviços encontrados para “IPTU”.")).to_be_visible()


def test_enter_searches_too(page: Page):
    visit(page, "/servicos")
    box = page.get_by_label(SEARCH, exact=True)
    box.press_sequentially("nota fiscal")
    box.press("Enter")
    expect(_service(page, "Nota Fiscal de Serviços Eletrônica (NFS-e)")).to_be_visible()
    expect(page.get_by_text("1 serviço encontrado para “nota fiscal”.")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("listitem")).to_have_count(1)
    assert "nota" not in page.url  # the search stays out of the URL


def test_nothing_found_says_so(page: Page):
    visit(page, "/servicos")
    _search(page, "xyzzy")
    expect(page.get_by_text("Nenhum serviço encontrado para “xyzzy”.")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("listitem")).to_have_count(0)
    _search(page, "")
    expect(_service(page, "Ouvidoria")).to_be_visible()
    expect(page.get_by_text("Nenhum serviço encontrado")).to_have_count(0)


def test_a_sign_in_lands_on_services_with_a_link_to_minha_conta(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in(page, cpf)
    landed_on_services(page)
    expect(page.get_by_text("Você entrou como Maria Aparecida Souza.")).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Atendimento", exact=True)).to_have_count(0)
    main.get_by_role("link", name="Minha conta", exact=True).click()
    expect(page).to_have_url(re.compile(r"/minha-conta/?$"))
    expect(page.get_by_role("heading", name="Olá, Maria Aparecida Souza!")).to_be_visible()


def test_staff_see_a_link_to_the_desk(page: Page, app: RunningApp):
    staff_cpf = new_cpf()
    app.command("-m", "portal.support", "criar-atendente", "--cpf", staff_cpf, "--nome", "Lia Atendente",
                "--email", new_email(), "--senha-stdin", stdin=PASSWORD + "\n")
    sign_in(page, staff_cpf)
    landed_on_services(page)
    desk = page.get_by_role("main").get_by_role("link", name="Atendimento", exact=True)
    expect(desk).to_be_visible()
    expect(desk).to_have_attribute("href", re.compile(r"/atendimento/?$"))


def test_a_first_visitor_to_minha_conta_is_asked_to_sign_in_and_comes_back(open_page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(open_page(), mail_server)
    page = open_page()  # a browser that never had a session
    visit(page, "/minha-conta")
    expect(page).to_have_url(re.compile(r"/\?voltar=minha-conta$"))
    expect(page.get_by_text("Entre para ver sua conta.")).to_be_visible()
    expect(page.get_by_text("Sua sessão terminou")).to_have_count(0)
    page.get_by_label("CPF", exact=True).fill(cpf)
    page.get_by_label("Senha", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Entrar", exact=True).click()
    expect(page).to_have_url(re.compile(r"/minha-conta/?$"))
    expect(page.get_by_role("heading", name="Olá, Maria Aparecida Souza!")).to_be_visible()


def test_a_session_that_ended_is_still_told_so_and_comes_back(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in(page, cpf)
    landed_on_services(page)
    visit(page, "/minha-conta")
    other_tab = page.context.new_page()  # "Sair" there ends this tab's session too
    visit(other_tab, "/minha-conta")
    other_tab.get_by_role("button", name="Sair", exact=True).click()
    expect(other_tab.get_by_text("Você saiu da sua conta.")).to_be_visible()
    page.reload()
    expect(page).to_have_url(re.compile(r"/\?sessao=expirada&voltar=minha-conta$"))
    expect(page.get_by_text("Sua sessão terminou")).to_be_visible()
    page.get_by_label("CPF", exact=True).fill(cpf)
    page.get_by_label("Senha", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Entrar", exact=True).click()
    expect(page).to_have_url(re.compile(r"/minha-conta/?$"))


def test_a_form_posted_before_the_page_is_live_comes_back_too(browser: Browser, app: RunningApp,
                                                              mail_server: MailServer, open_page):
    cpf, _ = confirmed_citizen(open_page(), mail_server)
    # Without JavaScript the page never goes live: the form is posted to /auth/entrar.
    context = browser.new_context(base_url=app.url, locale="pt-BR", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/?voltar=https://evil.example")
        assert not [c for c in context.cookies() if c["name"] == "portal_voltar"]  # not a known page
        page.goto("/?voltar=minha-conta")
        page.get_by_label("CPF", exact=True).fill(cpf)
        page.get_by_label("Senha", exact=True).fill("senha errada aqui")
        page.get_by_role("button", name="Entrar", exact=True).click()
        expect(page).to_have_url(re.compile(r"/\?entrada=invalida&voltar=minha-conta$"))
        page.get_by_label("CPF", exact=True).fill(cpf)
        page.get_by_label("Senha", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Entrar", exact=True).click()
        expect(page).to_have_url(re.compile(r"/minha-conta/?$"))
        assert [c for c in context.cookies() if c["name"] == "portal_sessao"]
        assert not [c for c in context.cookies() if c["name"] == "portal_voltar"]  # used once
    finally:
        context.close()


def test_a_live_page_with_a_foreign_return_address_lands_on_services(page: Page, mail_server: MailServer):
    # ?voltar= takes only the portal's own keys: anything else is Serviços.
    cpf, _ = confirmed_citizen(page, mail_server)
    for value in ("https://evil.example", "//evil.example", "/minha-conta"):
        visit(page, f"/?voltar={value}")
        page.get_by_label("CPF", exact=True).fill(cpf)
        page.get_by_label("Senha", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Entrar", exact=True).click()
        landed_on_services(page)
        page.goto("/auth/sair")  # signed out for the next round
        expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()


def _axe(page: Page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.mouse.move(0, 0)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (320, 390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(200)
        if width in (320, 1280):
            results = Axe().run(page)
            assert results.violations_count == 0, f"{name} at {width} px:\n{results.generate_report()}"
        if width != 320:
            page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width} px ({scroll_width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("search", ["", "saude", "xyzzy"])
def test_services_page_has_no_axe_violations(page: Page, search: str):
    visit(page, "/servicos")
    if search:
        _search(page, search)
        expect(page.get_by_role("status").filter(has_text=search)).to_be_visible()
    _axe(page, "servicos" + (f"-{search}" if search else ""))


def test_services_page_signed_in_has_no_axe_violations(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in(page, cpf)
    landed_on_services(page)
    _axe(page, "servicos-com-sessao")
