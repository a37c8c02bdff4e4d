"""Minha conta: change e-mail, change password, active sessions."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.citizen import PASSWORD, confirmed_citizen, new_email, sign_in_to_my_account, visit
from tests.browser.smtp import MailServer, link_in

NEW_PASSWORD = "sabiá cantando na palmeira"


def test_change_email_takes_effect_when_the_link_is_opened(page: Page, mail_server: MailServer):
    cpf, old = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    new = new_email()
    page.get_by_label("Novo e-mail", exact=True).fill(new)
    page.get_by_label("Senha atual", exact=True).first.fill(PASSWORD)
    page.get_by_role("button", name="Enviar link de confirmação").click()
    expect(page.get_by_text("Enviamos um link para")).to_be_visible()
    notice = mail_server.wait_for(old, count=2)
    assert notice["Subject"] == "Pedido de troca do e-mail da sua conta"
    page.reload()
    expect(page.get_by_text(old)).to_be_visible()

    page.goto(link_in(mail_server.wait_for(new)))
    expect(page.get_by_text("O e-mail da sua conta foi alterado.")).to_be_visible()
    visit(page, "/minha-conta")
    expect(page.get_by_text(new)).to_be_visible()


def test_change_email_needs_the_current_password(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    page.get_by_label("Novo e-mail", exact=True).fill(new_email())
    page.get_by_label("Senha atual", exact=True).first.fill("senha errada aqui")
    page.get_by_role("button", name="Enviar link de confirmação").click()
    expect(page.locator("#email_password-erro")).to_contain_text("Senha atual incorreta.")


def test_change_password_ends_other_sessions(open_page, mail_server: MailServer):
    page, other = open_page(), open_page()
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(other, cpf)
    sign_in_to_my_account(page, cpf)
    expect(page.get_by_text("Você está usando este")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Sair nesse aparelho: "))).to_have_count(1)

    page.get_by_label("Senha atual", exact=True).nth(1).fill(PASSWORD)
    page.get_by_label("Nova senha", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirme a nova senha", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Salvar nova senha").click()
    expect(page.get_by_text("Senha alterada.")).to_be_visible()
    assert mail_server.wait_for(email, subject="Sua senha do Portal de Serviços foi alterada")
    expect(page.get_by_role("button", name=re.compile("^Sair nesse aparelho: "))).to_have_count(0)

    other.reload()
    expect(other.get_by_text("Sua sessão terminou")).to_be_visible()


def test_weak_new_password_is_refused(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    page.get_by_label("Senha atual", exact=True).nth(1).fill(PASSWORD)
    page.get_by_label("Nova senha", exact=True).fill("senha123")
    page.get_by_label("Confirme a nova senha", exact=True).fill("senha123")
    page.get_by_role("button", name="Salvar nova senha").click()
    expect(page.locator("#new_password-erro")).to_contain_text("Esta senha é muito comum")


def test_end_one_session_and_all_others(open_page, mail_server: MailServer):
    page, second, third = open_page(), open_page(), open_page()
    cpf, _ = confirmed_citizen(page, mail_server)
    for device in (second, third, page):
        sign_in_to_my_account(device, cpf)
    expect(page.get_by_role("button", name=re.compile("^Sair nesse aparelho: "))).to_have_count(2)
    page.get_by_role("button", name=re.compile("^Sair nesse aparelho: ")).first.click()
    expect(page.get_by_text("Pronto: sua conta foi fechada nesse aparelho.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Sair nesse aparelho: "))).to_have_count(1)
    page.get_by_role("button", name="Sair em todos os outros aparelhos").click()
    expect(page.get_by_text("Pronto: sua conta foi fechada em 1 outro(s) aparelho(s).")).to_be_visible()
    for device in (second, third):
        device.reload()
        expect(device.get_by_text("Sua sessão terminou")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Minha conta", exact=True)).to_be_visible()


def test_changing_email_suggests_a_fix_for_a_typo(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    page.goto("/minha-conta")
    field = page.get_by_label("Novo e-mail", exact=True)
    field.fill("maria@hotmial.com")
    field.blur()
    expect(page.get_by_text("maria@hotmail.com")).to_be_visible()
    page.get_by_role("button", name="Usar sugestão").click()
    expect(field).to_have_value("maria@hotmail.com")
    expect(page.get_by_role("button", name="Usar sugestão")).to_have_count(0)
