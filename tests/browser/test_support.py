"""Solicitar auxílio end to end (receipt by SMTP) and the staff desk answering it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.citizen import new_email, sign_in_to_my_account, staff_at_the_desk, visit
from tests.browser.conftest import RunningApp
from tests.browser.smtp import MailServer, text_of

PROTOCOL = re.compile(r"\d{4}-\d{3}-\d{3}-\d{3}")


def fill_request(page: Page, *, email: str, description: str = "Não recebi o e-mail de confirmação.",
                 topic: str = "nao-recebi-email", cpf: str = "", phone: str = "") -> None:
    visit(page, "/ajuda/solicitar")
    page.get_by_label("Nome", exact=True).fill("Joana Pereira Lima")
    page.get_by_label("CPF (opcional)").fill(cpf)
    page.get_by_label("E-mail para resposta").fill(email)
    page.get_by_label("Telefone (opcional)").fill(phone)
    page.get_by_label("Assunto").select_option(topic)
    page.get_by_label("Descreva o que aconteceu").fill(description)


def send_request(page: Page, email: str, **fields) -> str:
    fill_request(page, email=email, **fields)
    page.get_by_role("button", name="Enviar solicitação").click()
    done = page.get_by_text(re.compile(r"Solicitação registrada\. Protocolo: \d{4}-\d{3}-\d{3}-\d{3}"))
    expect(done).to_be_visible()
    return PROTOCOL.search(done.inner_text()).group(0)


def test_support_request_gets_a_protocol_and_a_receipt(page: Page, mail_server: MailServer):
    email = new_email()
    protocol = send_request(page, email, phone="(19) 99876-5432")
    receipt = mail_server.wait_for(email)
    assert protocol in receipt["Subject"]
    assert "Não recebi o e-mail de confirmação." in text_of(receipt)


def test_bad_input_is_explained_and_nothing_typed_is_lost(page: Page):
    fill_request(page, email="joana@", cpf="123.456.789-00", phone="abc",
                 description="<b>texto</b> que não pode se perder")
    page.get_by_role("button", name="Enviar solicitação").click()
    expect(page.locator("#cpf-erro")).to_contain_text("CPF inválido. Confira os 11 números.")
    expect(page.locator("#email-erro")).to_contain_text("E-mail inválido.")
    expect(page.locator("#phone-erro")).to_contain_text("Telefone inválido.")
    expect(page.get_by_label("Descreva o que aconteceu")).to_have_value("<b>texto</b> que não pode se perder")
    expect(page.get_by_label("Nome", exact=True)).to_have_value("Joana Pereira Lima")


def test_staff_answers_and_the_citizen_receives_the_reply(open_page, app: RunningApp, mail_server: MailServer):
    citizen, staff = open_page(), open_page()
    email = new_email()
    protocol = send_request(citizen, email, description="Minha senha temporária não funciona <script>x</script>")
    staff_at_the_desk(staff, app)
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    expect(staff.get_by_text("Minha senha temporária não funciona <script>x</script>")).to_be_visible()
    staff.get_by_label("Mudar situação").select_option("em_andamento")
    expect(staff.get_by_text("Situação alterada.")).to_be_visible()
    staff.get_by_label("Resposta ao cidadão").fill("Pedimos uma nova senha temporária para você.")
    staff.get_by_role("button", name="Enviar resposta por e-mail").click()
    expect(staff.get_by_text("Resposta enviada por e-mail")).to_be_visible()

    reply = mail_server.wait_for(email, count=2)
    assert protocol in reply["Subject"]
    assert "Pedimos uma nova senha temporária para você." in text_of(reply)
    staff.get_by_label("Situação", exact=True).select_option("respondido")
    expect(staff.get_by_role("button", name=f"Abrir {protocol}")).to_be_visible()


def test_citizens_never_reach_the_desk(page: Page, mail_server: MailServer):
    from tests.browser.citizen import confirmed_citizen

    visit(page, "/atendimento")
    expect(page.get_by_text("Entre para abrir o Atendimento.")).to_be_visible()  # no session was ever opened
    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    visit(page, "/atendimento")
    expect(page).not_to_have_url(re.compile("atendimento"))
    expect(page.get_by_role("table")).to_have_count(0)
