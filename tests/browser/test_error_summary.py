"""Form errors, GOV.UK style: after a failed submit the error summary at the top of the form
has focus and is the one announcement; each of its links moves focus to its field; fields in
error look it (red border and bar) and say it (aria-invalid, "Erro:" for screen readers); a
field in error is checked again when it changes."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.citizen import (confirmed_citizen, fill_signup, new_cpf, new_email, sign_in,
                                   sign_in_to_my_account, visit)
from tests.browser.smtp import MailServer, text_of

SUMMARY = "#resumo-erros"
RED = re.compile(r"rgb\((\d+), (\d+), (\d+)\)")


def is_red(css: str) -> bool:
    found = RED.search(css)
    assert found, css
    r, g, b = (int(n) for n in found.groups())
    return r > 150 and g < 110 and b < 110


def one_announcement(page: Page) -> None:
    """Only the summary speaks: one visible role=alert, and it is inside the summary."""
    alerts = page.locator("[role=alert]:visible")
    expect(alerts).to_have_count(1)
    expect(page.locator(f"{SUMMARY} [role=alert]")).to_be_visible()


def summary_links_focus_their_fields(page: Page, expected: dict[str, str]) -> None:
    """Each link of the summary, in the form's order, points at its field and focuses it."""
    links = page.locator(SUMMARY).get_by_role("link")
    expect(links).to_have_count(len(expected))
    for n, (field_id, message) in enumerate(expected.items()):
        link = links.nth(n)
        expect(link).to_have_text(message)
        expect(link).to_have_attribute("href", re.compile(f"#{field_id}$"))  # the router adds the path
        link.click()
        expect(page.locator(f"#{field_id}")).to_be_focused()


def looks_in_error(page: Page, field_id: str) -> None:
    field = page.locator(f"#{field_id}")
    expect(field).to_have_attribute("aria-invalid", "true")
    bar = page.locator(f"#{field_id}-campo").evaluate(
        "el => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderLeftColor]")
    assert bar[0] == "4px" and is_red(bar[1]), bar
    border = field.evaluate(
        "el => { const box = el.closest('.rt-TextFieldRoot') || el;"
        " const s = getComputedStyle(box); return s.boxShadow + ' ' + s.borderColor; }")
    assert "2px" in border and is_red(border), border


def looks_fine(page: Page, field_id: str) -> None:
    expect(page.locator(f"#{field_id}")).to_have_attribute("aria-invalid", "false")
    expect(page.locator(f"#{field_id}-erro")).to_have_count(0)
    width = page.locator(f"#{field_id}-campo").evaluate("el => getComputedStyle(el).borderLeftWidth")
    assert width == "0px"


def says_error(message: Locator, text: str) -> None:
    """The message starts with "Erro:" for screen readers only (visually hidden)."""
    expect(message).to_have_text(f"Erro: {text}")
    hidden = message.locator(".sr-only")
    expect(hidden).to_have_text("Erro:")
    box = hidden.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1


def test_empty_sign_up_gets_a_focused_summary_whose_links_reach_each_field(page: Page):
    visit(page, "/cadastro")
    page.get_by_role("button", name="Cadastrar").click()
    summary = page.locator(SUMMARY)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="Há um problema")).to_be_visible()
    one_announcement(page)
    for field_id in ("full_name", "cpf", "email", "password"):
        looks_in_error(page, field_id)
    expect(page.locator("#accept_terms")).to_have_attribute("aria-invalid", "true")
    says_error(page.locator("#cpf-erro"), "Informe seu CPF.")
    expect(page.locator("#cpf-erro")).not_to_have_attribute("role", "alert")
    summary_links_focus_their_fields(page, {
        "full_name": "Informe seu nome completo.",
        "cpf": "Informe seu CPF.",
        "email": "Informe seu e-mail.",
        "password": "Crie uma senha.",
        "accept_terms": "Para criar a conta, aceite os termos de uso e o aviso de privacidade.",
    })
    # A second failed submit takes focus back to the summary.
    page.get_by_role("button", name="Cadastrar").click()
    expect(summary).to_be_focused()


def test_a_field_in_error_is_checked_again_on_leaving_it(page: Page):
    visit(page, "/cadastro")
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.locator(SUMMARY)).to_be_focused()
    page.get_by_label("CPF", exact=True).fill("529.982.247-25")
    page.get_by_label("CPF", exact=True).press("Tab")
    looks_fine(page, "cpf")
    page.get_by_label("Nome completo", exact=True).fill("Maria")
    page.get_by_label("Nome completo", exact=True).press("Tab")
    says_error(page.locator("#full_name-erro"), "Informe nome e sobrenome.")
    expect(page.locator(SUMMARY).get_by_role("link", name="Informe nome e sobrenome.")).to_be_visible()
    expect(page.locator(SUMMARY).get_by_role("link", name="Informe seu CPF.")).to_have_count(0)
    # A field that was fine stays quiet until the next submit.
    page.get_by_label("Confirme o e-mail", exact=True).fill("x")
    page.get_by_label("Confirme o e-mail", exact=True).press("Tab")
    expect(page.locator("#email_confirm-erro")).to_have_count(0)


def test_using_the_suggestion_clears_the_email_mismatch(page: Page):
    local = new_email().split("@")[0]
    fill_signup(page, cpf=new_cpf(), email=f"{local}@gmial.com", email_confirm=f"{local}@gmail.com")
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.locator(SUMMARY)).to_be_focused()
    says_error(page.locator("#email_confirm-erro"), "Os e-mails não são iguais.")
    looks_in_error(page, "email_confirm")
    page.get_by_role("button", name="Usar sugestão").click()
    expect(page.get_by_label("E-mail", exact=True)).to_have_value(f"{local}@gmail.com")
    looks_fine(page, "email_confirm")
    expect(page.locator(SUMMARY).get_by_role("link")).to_have_count(0)
    expect(page.locator("[role=alert]:visible")).to_have_count(0)
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.get_by_role("heading", name="Confirme seu e-mail")).to_be_visible()


def test_recovery_summary(page: Page):
    visit(page, "/recuperar-senha")
    page.get_by_label("CPF", exact=True).fill("123")
    page.get_by_role("button", name="Recuperar senha").click()
    expect(page.locator(SUMMARY)).to_be_focused()
    one_announcement(page)
    looks_in_error(page, "cpf")
    summary_links_focus_their_fields(page, {"cpf": "CPF inválido. Confira os 11 números.",
                                            "email": "Informe seu e-mail."})
    page.get_by_label("E-mail", exact=True).fill("maria@example.com")
    page.get_by_label("E-mail", exact=True).press("Tab")
    looks_fine(page, "email")


def test_support_request_summary(page: Page):
    visit(page, "/ajuda/solicitar")
    page.get_by_role("button", name="Enviar solicitação").click()
    expect(page.locator(SUMMARY)).to_be_focused()
    one_announcement(page)
    looks_in_error(page, "name")
    expect(page.locator("#topic")).to_have_attribute("aria-invalid", "true")
    summary_links_focus_their_fields(page, {"name": "Informe seu nome completo.",
                                            "email": "Informe seu e-mail.",
                                            "topic": "Escolha o assunto.",
                                            "description": "Descreva o que aconteceu."})
    page.get_by_label("Assunto").select_option("nao-recebi-email")
    expect(page.locator("#topic-erro")).to_have_count(0)
    expect(page.locator("#topic")).to_have_attribute("aria-invalid", "false")


def test_sign_in_summary(page: Page):
    visit(page, "/")
    page.get_by_role("button", name="Entrar", exact=True).click()
    expect(page.locator(SUMMARY)).to_be_focused()
    one_announcement(page)
    summary_links_focus_their_fields(page, {"cpf": "CPF inválido. Confira os 11 números.",
                                            "password": "Informe sua senha."})
    page.get_by_label("Senha", exact=True).fill("qualquer coisa")
    page.get_by_label("Senha", exact=True).press("Tab")
    looks_fine(page, "password")


def test_new_password_summary_and_recheck(page: Page, mail_server: MailServer):
    from tests.browser.test_recovery import TEMPORARY, request_recovery

    cpf, email = confirmed_citizen(page, mail_server)
    request_recovery(page, cpf, email)
    temporary = TEMPORARY.search(text_of(mail_server.wait_for(email, count=2))).group(1)
    sign_in(page, cpf, temporary)
    expect(page.get_by_role("heading", name="Defina sua nova senha")).to_be_visible()
    page.get_by_label("Nova senha", exact=True).fill("chuva fina em barão geraldo")
    page.get_by_label("Confirme a nova senha", exact=True).fill("chuva fina")
    page.get_by_role("button", name="Salvar nova senha").click()
    expect(page.locator(SUMMARY)).to_be_focused()
    one_announcement(page)
    summary_links_focus_their_fields(page, {"new_password_confirm": "As senhas não são iguais."})
    # The form was posted by the browser: the page came back with both fields empty (a
    # password never comes back), and a field in error is checked again as they are retyped.
    expect(page.get_by_label("Nova senha", exact=True)).to_have_value("")
    page.get_by_label("Nova senha", exact=True).fill("chuva fina em barão geraldo")
    page.get_by_label("Confirme a nova senha", exact=True).fill("chuva fina em barão geraldo")
    page.get_by_label("Confirme a nova senha", exact=True).press("Tab")
    looks_fine(page, "new_password_confirm")
    expect(page.locator(SUMMARY).get_by_role("link")).to_have_count(0)
    page.get_by_role("button", name="Salvar nova senha").click()
    expect(page.get_by_role("heading", name="Minha conta", exact=True)).to_be_visible()


def test_my_account_email_change_summary(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    page.get_by_label("Novo e-mail", exact=True).fill("maria@")
    page.get_by_label("Senha atual", exact=True).first.fill("senha errada aqui")
    page.get_by_role("button", name="Enviar link de confirmação").click()
    summary = page.locator("#resumo-erros-email")
    expect(summary).to_be_focused()
    expect(page.locator("[role=alert]:visible")).to_have_count(1)
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    links.nth(1).click()
    expect(page.locator("#email_password")).to_be_focused()
    expect(page.locator("#change_email")).to_have_attribute("aria-invalid", "true")


def test_minha_conta_forms_keep_what_was_typed_and_check_a_field_again_when_it_changes(page: Page,
                                                                                      mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    new = page.get_by_label("Novo e-mail", exact=True)
    new.fill("maria@@exemplo")
    page.get_by_label("Senha atual").first.fill("senha errada de propósito")
    page.get_by_role("button", name="Enviar link de confirmação").click()
    expect(page.locator("#change_email-erro")).to_contain_text("inválido")
    expect(new).to_have_value("maria@@exemplo")  # nothing typed is lost
    new.fill("maria@exemplo.com.br")
    new.blur()
    expect(page.locator("#change_email-erro")).to_have_count(0)

    nova = page.get_by_label("Nova senha", exact=True)
    nova.fill("uma frase longa de senha")
    page.get_by_label("Confirme a nova senha", exact=True).fill("outra frase bem diferente")
    page.get_by_role("button", name="Salvar nova senha").click()
    expect(page.locator("#new_password_confirm-erro")).to_be_visible()
    page.get_by_label("Confirme a nova senha", exact=True).fill("uma frase longa de senha")
    page.get_by_label("Confirme a nova senha", exact=True).blur()
    expect(page.locator("#new_password_confirm-erro")).to_have_count(0)
