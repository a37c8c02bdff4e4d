"""e-MAG: the whole path signup → sign-in → help → support request with the keyboard only,
skip links, and preferences remembered across pages."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.citizen import PASSWORD, new_cpf, new_email, visit
from tests.browser.smtp import MailServer, link_in


def tab_to(page: Page, locator, limit: int = 60) -> None:
    """Press Tab until the element has focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"could not reach {locator} with Tab")


def test_keyboard_only_journey(page: Page, mail_server: MailServer):
    cpf, email = new_cpf(), new_email()
    visit(page, "/cadastro")
    tab_to(page, page.get_by_label("Nome completo", exact=True))
    page.keyboard.type("Carlos Eduardo Nunes")
    for label, text in (("CPF", cpf), ("E-mail", email), ("Confirme o e-mail", email), ("Senha", PASSWORD),
                        ("Confirme a senha", PASSWORD)):
        tab_to(page, page.get_by_label(label, exact=True))
        page.keyboard.type(text)
    tab_to(page, page.get_by_role("checkbox"))
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Cadastrar"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Confirme seu e-mail")).to_be_visible()
    page.goto(link_in(mail_server.wait_for(email)))
    expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()

    visit(page, "/")
    tab_to(page, page.get_by_label("CPF", exact=True))
    page.keyboard.type(cpf)
    tab_to(page, page.get_by_label("Senha", exact=True))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/servicos/?$"))  # a sign-in lands on Serviços
    tab_to(page, page.get_by_role("main").get_by_role("link", name="Minha conta", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Minha conta", exact=True)).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Ajuda", exact=True))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/#ajuda$"))
    summary = page.locator("summary#nao-recebi-email")
    tab_to(page, summary)
    page.keyboard.press("Enter")
    request_link = page.locator("details:has(summary#nao-recebi-email)").get_by_role("link", name="Solicitar auxílio")
    tab_to(page, request_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Solicitar auxílio")).to_be_visible()
    expect(page.get_by_label("Nome", exact=True)).to_have_value("Carlos Eduardo Nunes")
    tab_to(page, page.get_by_label("Descreva o que aconteceu"))
    page.keyboard.type("O link de confirmação chegou, mas quero confirmar meu telefone.")
    tab_to(page, page.get_by_role("button", name="Enviar solicitação"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"Protocolo: \d{4}-\d{3}-\d{3}-\d{3}"))).to_be_visible()


def test_skip_links_move_focus(page: Page):
    visit(page, "/cadastro")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Ir para o conteúdo [1]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#conteudo")).to_be_focused()
    visit(page, "/cadastro")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("nav#menu")).to_be_focused()


def test_display_preferences_are_remembered_across_pages(page: Page):
    visit(page, "/")
    page.get_by_role("button", name="Alto contraste").click()
    page.get_by_role("button", name="Aumentar texto").click()
    # Both answers are back (and stored in the browser) before the next page is opened.
    expect(page.get_by_role("button", name="Alto contraste")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Aumentar texto")).to_have_attribute("aria-pressed", "true")
    visit(page, "/cadastro")
    expect(page.locator(".portal.alto-contraste.texto-grande")).to_have_count(1)
    expect(page.get_by_role("button", name="Aumentar texto")).to_have_attribute("aria-pressed", "true")
