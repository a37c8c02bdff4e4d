"""Two-step verification as a citizen meets it: the test reads the key from the page into an
"authenticator app" (pyotp) and types the codes it computes."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from portal.accounts.email_address import mask
from tests.browser.citizen import (
    PASSWORD, confirmed_citizen, enable_two_step, new_cpf, new_email, next_code, open_my_account, sign_in,
    sign_in_to_my_account, staff_at_the_desk, visit,
)
from tests.browser.smtp import MailServer, text_of
from tests.browser.test_recovery import TEMPORARY, request_recovery
from tests.browser.test_support import send_request

CODE = "Código de verificação"
MISMATCH = "não é o e-mail cadastrado na conta"
CHECK_DOCUMENT = "Conferiu um documento oficial com foto"
CHECK_RECORD = "A pessoa confirmou dados do cadastro"


def signed_in_with_two_step(page: Page, mail_server: MailServer) -> tuple[str, str, str, list[str]]:
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    secret, codes = enable_two_step(page)
    assert len(codes) == 10 and len(set(codes)) == 10
    page.get_by_role("button", name="Já guardei os códigos").click()
    expect(page.get_by_text("Códigos de recuperação ainda não usados: 10")).to_be_visible()
    return cpf, email, secret, codes


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sair", exact=True).click()
    expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()


def type_code(page: Page, code: str) -> None:
    page.get_by_label(CODE, exact=True).fill(code)
    page.get_by_role("button", name="Continuar").click()


def test_a_password_alone_opens_nothing_then_the_code_signs_in(page: Page, mail_server: MailServer):
    cpf, _email, secret, _codes = signed_in_with_two_step(page, mail_server)
    sign_out(page)
    sign_in(page, cpf)
    expect(page.get_by_text("Sua senha está certa. Falta o código de verificação")).to_be_visible()
    # No session yet: Minha conta is closed.
    assert not [c for c in page.context.cookies() if c["name"] == "portal_sessao"]
    code = next_code(secret)
    type_code(page, code)
    open_my_account(page)

    # The same code again, within its 30 s: refused.
    sign_out(page)
    sign_in(page, cpf)
    type_code(page, code)
    expect(page.get_by_text("Código incorreto ou já usado")).to_be_visible()


def test_a_recovery_code_signs_in_once(page: Page, mail_server: MailServer):
    cpf, _email, _secret, codes = signed_in_with_two_step(page, mail_server)
    sign_out(page)
    sign_in(page, cpf)
    type_code(page, codes[0].upper())
    open_my_account(page)
    expect(page.get_by_text("Códigos de recuperação ainda não usados: 9")).to_be_visible()
    sign_out(page)
    sign_in(page, cpf)
    type_code(page, codes[0])
    expect(page.get_by_text("Código incorreto ou já usado")).to_be_visible()


def test_wrong_codes_are_limited_like_passwords(page: Page, mail_server: MailServer):
    cpf, _email, secret, _codes = signed_in_with_two_step(page, mail_server)
    sign_out(page)
    sign_in(page, cpf)
    for _ in range(4):
        type_code(page, "000000")
        expect(page.get_by_text("Código incorreto ou já usado")).to_be_visible()
    type_code(page, "000000")
    expect(page.get_by_text("A entrada expirou ou teve tentativas demais")).to_be_visible()
    # Five failures on the account: even the right password and code now wait.
    sign_in(page, cpf)
    expect(page.get_by_text(re.compile("Muitas tentativas de entrada. Aguarde"))).to_be_visible()


def test_recovery_does_not_bypass_it(page: Page, mail_server: MailServer):
    cpf, email, secret, _codes = signed_in_with_two_step(page, mail_server)
    sign_out(page)
    request_recovery(page, cpf, email)
    message = mail_server.wait_for(email, subject="Sua senha temporária do Portal de Serviços")
    temporary = TEMPORARY.search(text_of(message)).group(1)
    sign_in(page, cpf, temporary)
    expect(page.get_by_text("Falta o código de verificação")).to_be_visible()
    type_code(page, next_code(secret))
    expect(page.get_by_role("heading", name="Defina sua nova senha")).to_be_visible()


def test_turning_it_off_needs_the_password_and_a_code(page: Page, mail_server: MailServer):
    cpf, _email, secret, _codes = signed_in_with_two_step(page, mail_server)
    disable = page.locator("form").filter(has=page.get_by_role("button", name="Desativar verificação em duas etapas"))
    disable.get_by_label("Senha atual").fill(PASSWORD)
    disable.get_by_label("Código do aplicativo ou de recuperação").fill("123456")
    disable.get_by_role("button", name="Desativar verificação em duas etapas").click()
    expect(page.get_by_text("Código incorreto ou já usado")).to_be_visible()
    disable.get_by_label("Senha atual").fill(PASSWORD)
    disable.get_by_label("Código do aplicativo ou de recuperação").fill(next_code(secret))
    disable.get_by_role("button", name="Desativar verificação em duas etapas").click()
    expect(page.get_by_text("Verificação em duas etapas desativada.")).to_be_visible()
    sign_out(page)
    sign_in_to_my_account(page, cpf)


def test_staff_without_two_step_are_refused_at_the_desk_and_told_how(page: Page, app):
    staff_cpf = new_cpf()
    app.command("-m", "portal.support", "criar-atendente", "--cpf", staff_cpf, "--nome", "Beto Atendente",
                "--email", new_email(), "--senha-stdin", stdin=PASSWORD + "\n")
    sign_in_to_my_account(page, staff_cpf)
    visit(page, "/atendimento")
    expect(page).to_have_url(re.compile(r"/minha-conta/?\?atendimento=duas-etapas"))
    expect(page.get_by_text("Para usar o atendimento, ative antes a verificação em duas etapas")).to_be_visible()
    enable_two_step(page)
    page.get_by_role("button", name="Já guardei os códigos").click()
    visit(page, "/atendimento")
    expect(page.get_by_role("heading", name="Atendimento")).to_be_visible()


def test_a_new_device_is_told_by_mail_and_not_me_ends_every_session(open_page, mail_server: MailServer):
    laptop, phone = open_page(), open_page()
    cpf, email = confirmed_citizen(laptop, mail_server)
    sign_in_to_my_account(laptop, cpf)  # the account's first device: no alert
    sign_in_to_my_account(phone, cpf)
    alert = mail_server.wait_for(email, count=2)
    assert alert["Subject"] == "Nova entrada na sua conta do Portal de Serviços"
    body = text_of(alert)
    assert "HeadlessChrome" in body and "127.0.0.1" in body and "horário de Brasília" in body
    not_me = re.search(r"https?://\S+/auth/nao-fui-eu\?token=\S+", body).group(0)
    laptop.goto(not_me)
    expect(laptop.get_by_text("Encerramos todas as sessões")).to_be_visible()
    visit(phone, "/minha-conta")
    expect(phone.get_by_text("Sua sessão terminou")).to_be_visible()
    # Whoever knew the password cannot come straight back in with it (issue 21, point 5).
    sign_in(phone, cpf)
    expect(phone.get_by_text("a entrada com esta senha foi bloqueada")).to_be_visible()
    expect(phone).not_to_have_url(re.compile(r"/servicos"))


def test_turning_it_on_asks_the_current_password_and_is_mailed(page: Page, mail_server: MailServer):
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    page.get_by_role("button", name="Ativar verificação em duas etapas").click()
    secret = page.locator("#chave-totp").inner_text().replace(" ", "")
    page.get_by_label(CODE, exact=True).fill(next_code(secret))
    page.locator("#enable_password").fill("não é a senha")
    page.get_by_role("button", name="Confirmar e ativar").click()
    expect(page.get_by_text("Senha incorreta.")).to_be_visible()
    expect(page.get_by_text("Guarde estes códigos de recuperação")).to_have_count(0)
    enable_two_step_again = page.get_by_role("button", name="Confirmar e ativar")
    page.get_by_label(CODE, exact=True).fill(next_code(secret))
    page.locator("#enable_password").fill(PASSWORD)
    enable_two_step_again.click()
    expect(page.get_by_text("Guarde estes códigos de recuperação")).to_be_visible()
    notice = mail_server.wait_for(email, subject="A verificação em duas etapas da sua conta foi ativada")
    assert "/auth/nao-fui-eu?token=" in text_of(notice)


def test_lost_phone_and_codes_staff_turn_it_off_after_naming_the_identity_checks(open_page, app,
                                                                                 mail_server: MailServer):
    citizen, staff = open_page(), open_page()
    cpf, email, _secret, _codes = signed_in_with_two_step(citizen, mail_server)
    sign_out(citizen)
    protocol = send_request(citizen, email, cpf=cpf, topic="outro",
                            description="Perdi o celular e os códigos de recuperação.")
    staff_at_the_desk(staff, app)
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    # What the account has: its own e-mail, masked, and no warning (the request came from it).
    expect(staff.get_by_text(mask(email), exact=True)).to_be_visible()
    expect(staff.get_by_text(MISMATCH)).to_have_count(0)
    staff.get_by_label("Observações").fill("Videochamada: RG e data de nascimento conferidos")
    staff.get_by_role("button", name="Desativar a verificação em duas etapas").click()
    expect(staff.get_by_text("Marque pelo menos duas conferências")).to_be_visible()
    staff.get_by_label(CHECK_DOCUMENT).check()
    staff.get_by_label(CHECK_RECORD).check()
    staff.get_by_role("button", name="Desativar a verificação em duas etapas").click()
    expect(staff.get_by_text("Verificação em duas etapas desativada. O titular foi avisado")).to_be_visible()
    notice = mail_server.wait_for(email, subject="A verificação em duas etapas da sua conta foi desativada")
    assert protocol in text_of(notice) and "/auth/nao-fui-eu?token=" in text_of(notice)
    audit = app.command("-m", "portal.support", "auditoria", "--protocolo", protocol).stdout
    assert "identidade conferida (documento, cadastro): Videochamada: RG e data de nascimento conferidos" in audit
    sign_in_to_my_account(citizen, cpf)


def test_a_request_naming_someone_elses_cpf_warns_staff_and_needs_the_contact_on_file(open_page, app,
                                                                                     mail_server: MailServer):
    citizen, stranger, staff = open_page(), open_page(), open_page()
    cpf, email, _secret, _codes = signed_in_with_two_step(citizen, mail_server)
    protocol = send_request(stranger, new_email(), cpf=cpf, topic="outro", description="Perdi o celular.")
    staff_at_the_desk(staff, app)
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    expect(staff.get_by_text(mask(email), exact=True)).to_be_visible()
    expect(staff.get_by_text(MISMATCH)).to_be_visible()
    staff.get_by_label(CHECK_DOCUMENT).check()
    staff.get_by_label(CHECK_RECORD).check()
    staff.get_by_label("Observações").fill("Disse que perdeu o celular, mostrou RG por vídeo")
    staff.get_by_role("button", name="Desativar a verificação em duas etapas").click()
    expect(staff.get_by_text("fale com o titular pelo e-mail cadastrado na conta e marque")).to_be_visible()
    expect(staff.get_by_role("button", name="Desativar a verificação em duas etapas")).to_be_visible()
