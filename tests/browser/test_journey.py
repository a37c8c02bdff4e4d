"""The foundation journey and its error paths, as a citizen lives them."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.citizen import (
    PASSWORD, fill_signup, new_cpf, new_email, sign_in, sign_in_to_my_account, sign_up, visit,
)
from tests.browser.smtp import MailServer, link_in, text_of


def test_signup_confirm_sign_in_and_out(page: Page, mail_server: MailServer):
    cpf, email = new_cpf(), new_email()
    sign_up(page, name="Maria Aparecida Souza", cpf=cpf, email=email)
    expect(page.locator(".email-enviado")).to_have_text(email)  # in full, in the browser that signed up

    message = mail_server.wait_for(email)
    assert message["Subject"] == "Confirme seu e-mail no Portal de Serviços"
    assert "Olá, Maria." in text_of(message)
    page.goto(link_in(message))
    expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()

    sign_in_to_my_account(page, cpf)  # lands on Serviços, then Minha conta
    expect(page).to_have_url(re.compile(r"/minha-conta/?$"))
    expect(page.get_by_role("heading", name="Olá, Maria Aparecida Souza!")).to_be_visible()
    digits = re.sub(r"\D", "", cpf)
    expect(page.get_by_text(f"***.{digits[3:6]}.{digits[6:9]}-**")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()
    assert page.evaluate("document.cookie") == "", "the session cookie must be HttpOnly"

    page.get_by_role("button", name="Sair", exact=True).click()
    expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()
    visit(page, "/minha-conta")
    expect(page.get_by_text("Sua sessão terminou")).to_be_visible()
    expect(page.get_by_text(email)).to_have_count(0)


def test_wrong_password_and_unknown_cpf_get_the_same_message(page: Page, mail_server: MailServer):
    cpf, email = new_cpf(), new_email()
    sign_up(page, cpf=cpf, email=email)
    page.goto(link_in(mail_server.wait_for(email)))
    expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()

    sign_in(page, cpf, "not the password at all")
    expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()
    sign_in(page, new_cpf(), PASSWORD)
    expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()
    expect(page).not_to_have_url(re.compile("minha-conta"))


def test_invalid_cpf_is_explained_and_the_form_keeps_what_was_typed(page: Page):
    email = new_email()
    fill_signup(page, cpf="123.456.789-00", email=email)
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.locator("#cpf-erro")).to_contain_text("CPF inválido. Confira os 11 números.")
    expect(page.get_by_label("Nome completo", exact=True)).to_have_value("Maria Aparecida Souza")
    expect(page.get_by_label("E-mail", exact=True)).to_have_value(email)
    expect(page.get_by_label("Senha", exact=True)).to_have_value(PASSWORD)


def test_sequence_cpf_on_sign_in_is_refused(page: Page):
    sign_in(page, "111.111.111-11")
    expect(page.locator("#cpf-erro")).to_contain_text("CPF inválido. Confira os 11 números.")


def test_cpf_is_masked_on_leaving_the_field_and_nothing_typed_is_dropped(page: Page):
    visit(page, "/cadastro")
    cpf = page.get_by_label("CPF", exact=True)
    cpf.press_sequentially("52998224725")
    expect(cpf).to_have_value("52998224725")  # never rewritten while typing (a late answer would drop digits)
    cpf.press("Tab")
    expect(cpf).to_have_value("529.982.247-25")


def test_mismatched_email_confirmation(page: Page):
    fill_signup(page, cpf=new_cpf(), email=new_email(), email_confirm=new_email())
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.locator("#email_confirm-erro")).to_contain_text("Os e-mails não são iguais.")


def test_weak_password_is_refused_with_a_reason(page: Page):
    fill_signup(page, cpf=new_cpf(), email=new_email(), password="senha123")
    expect(page.get_by_text("Muito fraca")).to_be_visible()
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.locator("#password-erro")).to_contain_text("Esta senha é muito comum")


def test_email_typo_gets_a_suggestion(page: Page):
    visit(page, "/cadastro")
    page.get_by_label("E-mail", exact=True).fill("maria@gmial.com")
    page.get_by_label("Confirme o e-mail", exact=True).focus()
    expect(page.get_by_text("Você quis dizer")).to_be_visible()
    page.get_by_role("button", name="Usar sugestão").click()
    expect(page.get_by_label("E-mail", exact=True)).to_have_value("maria@gmail.com")


def test_caps_lock_warning_and_show_password(page: Page):
    visit(page, "/")
    password = page.get_by_label("Senha", exact=True)
    warning = page.locator("form").get_by_text("Caps Lock está ativada")
    password.press("Shift+A")
    expect(warning).to_have_count(0)
    password.press("CapsLock")
    password.type("B")
    # Chromium headless reports typed upper case without Shift: the page must warn.
    expect(warning).to_be_visible()
    page.get_by_role("button", name="Mostrar senha").click()
    expect(password).to_have_attribute("type", "text")


def test_unconfirmed_sign_in_sends_a_new_link_once_its_wait_is_over(page: Page, mail_server: MailServer):
    cpf, email = new_cpf(), new_email()
    sign_up(page, cpf=cpf, email=email)
    mail_server.wait_for(email)
    sign_in(page, cpf)
    # The first link was sent just now: the sign-in says when another may go, and sends none.
    expect(page.get_by_text("Seu cadastro ainda não foi confirmado")).to_be_visible()
    expect(page.get_by_text(re.compile(r"entre de novo daqui a \d+ \w+ para receber outro"))).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/servicos"))


def test_enter_and_the_button_on_a_live_page_post_the_form_itself(page: Page, mail_server: MailServer):
    """No handler of the live page takes the sign-in over: the browser posts the form."""
    from tests.browser.citizen import confirmed_citizen

    cpf, _ = confirmed_citizen(page, mail_server)
    for press in ("Enter", "click"):
        visit(page, "/")
        page.get_by_label("CPF", exact=True).fill(cpf)
        page.get_by_label("Senha", exact=True).fill(PASSWORD)
        with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/auth/entrar")) as posted:
            if press == "Enter":
                page.get_by_label("Senha", exact=True).press("Enter")
            else:
                page.get_by_role("button", name="Entrar", exact=True).click()
        assert posted.value.is_navigation_request()
        expect(page).to_have_url(re.compile(r"/servicos/?$"))
        page.goto("/auth/sair")  # signed out for the next round
        expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()


def test_confirmed_cpf_cannot_sign_up_again(page: Page, mail_server: MailServer):
    cpf, email = new_cpf(), new_email()
    sign_up(page, cpf=cpf, email=email)
    page.goto(link_in(mail_server.wait_for(email)))
    expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()
    fill_signup(page, cpf=cpf, email=new_email())
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.locator("#cpf-erro")).to_contain_text("Já existe uma conta confirmada para este CPF.")
    expect(page.get_by_role("link", name="Recuperar a senha")).to_be_visible()


def test_wrong_email_is_corrected_and_the_old_link_stops_working(page: Page, mail_server: MailServer):
    cpf, wrong, right = new_cpf(), new_email(), new_email()
    sign_up(page, cpf=cpf, email=wrong)
    # The whole address as typed, in this browser, so a typo can be seen.
    expect(page.locator(".email-enviado")).to_have_text(wrong)
    old_link = link_in(mail_server.wait_for(wrong))
    page.get_by_role("button", name="Corrigir e-mail").click()
    page.get_by_label("Novo e-mail", exact=True).fill(right)
    page.get_by_label("Confirme o novo e-mail", exact=True).fill(right)
    page.get_by_label("Senha que você criou no cadastro").fill(PASSWORD)
    page.get_by_role("button", name="Salvar e enviar novo link").click()
    expect(page.get_by_text("E-mail corrigido")).to_be_visible()
    expect(page.locator(".email-enviado")).to_have_text(right)
    new_link = link_in(mail_server.wait_for(right))

    page.goto(old_link)
    expect(page.get_by_text("Este link foi substituído por um mais novo.")).to_be_visible()
    page.goto(new_link)
    expect(page.get_by_text("Seu e-mail foi confirmado")).to_be_visible()
    page.goto(new_link)
    expect(page.get_by_text("Este link já foi usado")).to_be_visible()


def test_unknown_confirmation_link(page: Page):
    visit(page, "/confirmar?token=nao-existe")
    expect(page.get_by_text("Não reconhecemos este link de confirmação.")).to_be_visible()


def test_account_page_needs_a_session(page: Page):
    visit(page, "/minha-conta")
    expect(page).to_have_url(re.compile(r"/\?voltar=minha-conta$"))
    expect(page.get_by_text("Entre para ver sua conta.")).to_be_visible()


def test_repeated_wrong_passwords_are_slowed_down_with_a_clear_wait(page: Page, mail_server: MailServer):
    from tests.browser.citizen import confirmed_citizen

    cpf, _ = confirmed_citizen(page, mail_server)
    for _ in range(5):
        sign_in(page, cpf, "senha errada de novo")
        expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()
    sign_in(page, cpf, PASSWORD)
    expect(page.get_by_text(re.compile(r"Muitas tentativas de entrada\. Aguarde \d+ segundos"))).to_be_visible()
    expect(page).not_to_have_url(re.compile("minha-conta"))
