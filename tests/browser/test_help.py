"""The help center: contacts with opening status, accordion, deep links, links from errors."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.citizen import new_cpf, sign_in, visit


def test_contacts_are_phone_links_with_a_live_status(page: Page):
    visit(page, "/")
    expect(page.get_by_role("link", name="156")).to_have_attribute("href", "tel:156")
    expect(page.get_by_role("link", name="(19) 3755-6010")).to_have_attribute("href", "tel:+551937556010")
    expect(page.get_by_text(re.compile(r"^Atendimento (aberto|fechado) agora"))).to_be_visible()


def test_every_seed_situation_has_a_section_with_a_heading(page: Page):
    visit(page, "/")
    for title in ("Não consigo fazer o cadastro", "Não recebi o e-mail de confirmação",
                  "Aparece “Usuário ou Senha Inválido”", "Aparece “Este e-mail e este CPF não foram encontrados”",
                  "Não sei qual e-mail usei ou perdi o acesso a ele", "Não recebi o e-mail com a senha temporária",
                  "A senha temporária não funciona"):
        expect(page.get_by_role("heading", name=title, level=3)).to_be_visible()


def test_section_opens_with_the_keyboard(page: Page):
    visit(page, "/")
    summary = page.locator("summary#nao-recebi-email")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Procure na caixa de spam").first).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Procure na caixa de spam").first).to_be_hidden()


def test_deep_link_opens_its_section(page: Page):
    visit(page, "/#nao-recebi-email")
    section = page.locator("details:has(summary#nao-recebi-email)")
    expect(section).to_have_attribute("open", "")
    expect(section.get_by_role("link", name="Solicitar auxílio")).to_have_attribute(
        "href", re.compile(r"/ajuda/solicitar\?assunto=nao-recebi-email"))


def test_sign_in_error_links_to_its_help_section(page: Page):
    sign_in(page, new_cpf(), "qualquer senha errada")
    expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()
    page.get_by_role("link", name="O que fazer?").click()
    section = page.locator("details:has(summary#usuario-ou-senha-invalido)")
    expect(section).to_have_attribute("open", "")
    expect(section.get_by_text("Caps Lock").first).to_be_visible()


def test_help_action_leads_to_the_support_form_with_the_topic_chosen(page: Page):
    visit(page, "/#nova-senha-nao-funciona")
    page.locator("details:has(summary#nova-senha-nao-funciona)").get_by_role("link", name="Solicitar auxílio").click()
    expect(page.get_by_role("heading", name="Solicitar auxílio")).to_be_visible()
    expect(page.get_by_label("Assunto")).to_have_value("nova-senha-nao-funciona")
