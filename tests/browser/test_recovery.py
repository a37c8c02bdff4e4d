"""Password recovery, the forced new password, and what it does to other sessions."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.citizen import PASSWORD, confirmed_citizen, new_cpf, sign_in, sign_in_to_my_account, visit
from tests.browser.smtp import MailServer, text_of

TEMPORARY = re.compile(r"\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b")
NEW_PASSWORD = "chuva fina em barão geraldo"


def request_recovery(page: Page, cpf: str, email: str) -> None:
    visit(page, "/")
    page.get_by_role("link", name="Recuperar senha").click()
    expect(page.get_by_role("heading", name="Recuperar senha")).to_be_visible()
    page.get_by_label("CPF", exact=True).fill(cpf)
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_role("button", name="Recuperar senha").click()


def test_recovery_end_to_end(open_page, mail_server: MailServer):
    old_device, page = open_page(), open_page()
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(old_device, cpf)
    expect(old_device.get_by_role("button", name="Sair", exact=True)).to_be_visible()

    request_recovery(page, cpf, email)
    expect(page.get_by_text("A senha temporária vai para")).to_be_visible()
    message = mail_server.wait_for(email, count=2)
    assert message["Subject"] == "Sua senha temporária do Portal de Serviços"
    temporary = TEMPORARY.search(text_of(message)).group(1)

    # Typed the way the seed says citizens fail: lower case (caps lock) and copied spaces.
    sign_in(page, cpf, "  " + temporary.lower().replace("-", " ") + " ")
    expect(page.get_by_role("heading", name="Defina sua nova senha")).to_be_visible()
    visit(page, "/minha-conta")
    expect(page.get_by_role("heading", name="Defina sua nova senha")).to_be_visible()

    page.get_by_label("Nova senha", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirme a nova senha", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Salvar nova senha").click()
    expect(page.get_by_role("heading", name="Minha conta", exact=True)).to_be_visible()
    expect(page.get_by_text("Senha alterada. Use a nova senha da próxima vez que entrar.")).to_be_visible()
    visit(page, "/minha-conta")  # the notice belongs to that arrival only
    expect(page.get_by_role("heading", name="Onde sua conta está aberta")).to_be_visible()
    expect(page.get_by_text("Senha alterada. Use a nova senha da próxima vez que entrar.")).to_have_count(0)
    # (A new-device notice came in between: this browser had not signed in to the account before.)
    notice = mail_server.wait_for(email, subject="Sua senha do Portal de Serviços foi alterada")
    assert "/nao-fui-eu?token=" in text_of(notice)

    old_device.reload()
    expect(old_device.get_by_text("Sua sessão terminou")).to_be_visible()
    sign_in(old_device, cpf, PASSWORD)
    expect(old_device.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()
    sign_in_to_my_account(old_device, cpf, NEW_PASSWORD)


def test_unknown_pair_gets_the_seed_message(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    request_recovery(page, cpf, "outro.email@example.com")
    expect(page.get_by_text("Este e-mail e este CPF não foram encontrados", exact=True)).to_be_visible()
    request_recovery(page, new_cpf(), "outro.email@example.com")
    expect(page.get_by_text("Este e-mail e este CPF não foram encontrados", exact=True)).to_be_visible()


def test_password_with_copied_spaces_gets_a_hint(page: Page, mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in(page, cpf, PASSWORD + " ")
    expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()
    expect(page.get_by_text("começa ou termina com espaço")).to_be_visible()


def test_not_me_link_ends_every_session(open_page, mail_server: MailServer):
    page, other = open_page(), open_page()
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    sign_in_to_my_account(other, cpf)
    page.get_by_label("Senha atual", exact=True).nth(1).fill(PASSWORD)
    page.get_by_label("Nova senha", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirme a nova senha", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Salvar nova senha").click()
    expect(page.get_by_text("Senha alterada.")).to_be_visible()
    link = re.search(r"https?://\S+/nao-fui-eu\?token=\S+", text_of(mail_server.wait_for(
        email, subject="Sua senha do Portal de Serviços foi alterada"))).group(0)

    page.goto(link)
    expect(page.get_by_text("Encerramos todas as sessões")).to_be_visible()
    visit(page, "/minha-conta")
    expect(page.get_by_text("Sua sessão terminou")).to_be_visible()


def test_unconfirmed_account_is_offered_the_confirmation_instead(page: Page, mail_server: MailServer):
    from tests.browser.citizen import new_email, sign_up

    cpf, email = new_cpf(), new_email()
    sign_up(page, cpf=cpf, email=email)
    mail_server.wait_for(email)
    request_recovery(page, cpf, email)
    expect(page.get_by_text("Este cadastro ainda não foi confirmado")).to_be_visible()
    page.get_by_role("button", name="Reenviar e-mail de confirmação").click()
    expect(page.get_by_text(re.compile(r"Você poderá reenviar o e-mail em \d+ segundos"))).to_be_visible()
