"""The citizen sees what became of the mail the page sent: refused at once by the relay
(550), or bounced minutes later (DSNs in the shapes real providers send, through the bounce
intake), with the way out on the same page; staff see it at the desk."""

from __future__ import annotations

import re
import smtplib
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.citizen import PASSWORD, new_cpf, new_email, sign_up, staff_at_the_desk, visit
from tests.browser.conftest import RunningApp
from tests.browser.smtp import MailServer
from tests.browser.test_accessibility import check
from tests.browser.test_support import send_request

DSN = Path(__file__).resolve().parents[1] / "fixtures" / "dsn"
UNKNOWN_USER = "550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
NOT_THERE = "Não conseguimos entregar o e-mail: o provedor informou que o endereço não existe."
DELIVERED = re.compile(r"Entregue ao seu provedor de e-mail às \d{2}h\d{2}")


def status(page: Page):
    return page.locator("#situacao-email")


def test_a_refused_address_is_told_within_seconds_and_corrected_on_the_same_page(page: Page,
                                                                                 mail_server: MailServer,
                                                                                 app: RunningApp):
    wrong, right = new_email(), new_email()
    mail_server.refuse(wrong, UNKNOWN_USER.format(address=wrong))
    sign_up(page, cpf=new_cpf(), email=wrong)
    expect(status(page)).to_contain_text(NOT_THERE, timeout=10_000)
    # Final, never offered again: the outbox only ever takes queued rows.
    assert outbox_row(app, wrong) == ("refused", 1) and mail_server.asked(wrong) == 1
    check(page, "cadastro-enviado-recusado")  # axe at every width, and screenshots to look at

    page.get_by_role("button", name="Corrigir e-mail").first.click()
    expect(page.get_by_label("Novo e-mail", exact=True)).to_be_focused()
    page.get_by_label("Novo e-mail", exact=True).fill(right)
    page.get_by_label("Confirme o novo e-mail", exact=True).fill(right)
    page.get_by_label("Senha que você criou no cadastro", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Salvar e enviar novo link").click()
    mail_server.wait_for(right)
    expect(status(page)).to_contain_text(DELIVERED, timeout=10_000)
    expect(page.get_by_text(NOT_THERE)).to_have_count(0)


def outbox_row(app: RunningApp, address: str) -> tuple[str, int]:
    """(status, attempts) of the app's newest mail to ``address``."""
    with sqlite3.connect(app.workdir / "data" / "portal.db") as db:
        return db.execute("SELECT status, attempts FROM outbox_message WHERE to_address = ? ORDER BY id DESC",
                          (address,)).fetchone()


def bounce(app: RunningApp, return_path: str, fixture: str) -> None:
    """What the city's mail server does with a bounce for the portal: hand it to the intake."""
    # The fixture's own tags name no message here: the envelope (as the city's mail server
    # forwards it, to the return path) does.
    raw = (DSN / fixture).read_bytes()
    raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # SMTP carries CRLF lines
    with smtplib.SMTP("127.0.0.1", int(app.env["PORTAL_BOUNCE_SMTP_PORT"]), timeout=10) as intake:
        intake.sendmail("", [return_path], raw)


@pytest.mark.parametrize(("fixture", "told"), [
    ("postfix_user_unknown.eml", "o provedor informou que o endereço não existe"),
    ("exim_user_unknown.eml", "o provedor informou que o endereço não existe"),
    ("gmail_address_not_found.eml", "o provedor informou que o endereço não existe"),
    ("outlook_recipient_not_found.eml", "o provedor informou que o endereço não existe"),
    ("mailbox_full.eml", "a caixa de e-mail está cheia"),
    ("spam_refused.eml", "o provedor recusou a mensagem"),
])
def test_a_bounce_from_a_real_provider_reaches_the_citizens_page(page: Page, mail_server: MailServer,
                                                                app: RunningApp, fixture: str, told: str):
    email = new_email()
    sign_up(page, cpf=new_cpf(), email=email)
    message = mail_server.wait_for(email)
    expect(status(page)).to_contain_text(DELIVERED, timeout=10_000)
    bounce(app, mail_server.return_path(message), fixture)
    expect(status(page)).to_contain_text(f"Não conseguimos entregar o e-mail: {told}.", timeout=15_000)
    expect(page.get_by_role("button", name="Corrigir e-mail").first).to_be_visible()


def test_a_delay_notice_changes_nothing_and_the_intake_is_no_relay(page: Page, mail_server: MailServer,
                                                                   app: RunningApp):
    email = new_email()
    sign_up(page, cpf=new_cpf(), email=email)
    message = mail_server.wait_for(email)
    expect(status(page)).to_contain_text(DELIVERED, timeout=10_000)
    bounce(app, mail_server.return_path(message), "delayed.eml")
    with smtplib.SMTP("127.0.0.1", int(app.env["PORTAL_BOUNCE_SMTP_PORT"]), timeout=10) as intake:
        intake.ehlo()
        intake.mail("")
        code, _ = intake.rcpt("alguem@example.com")
        assert code == 550  # only the portal's own return paths are taken
    # The intake answers only after it has taken the notice in: nothing changed, so the page,
    # which shows that row, has nothing new to show.
    assert outbox_row(app, email) == ("sent", 1)
    expect(status(page)).to_contain_text(DELIVERED)


def test_the_help_section_tells_the_same_status(page: Page, mail_server: MailServer):
    wrong = new_email()
    mail_server.refuse(wrong, UNKNOWN_USER.format(address=wrong))
    sign_up(page, cpf=new_cpf(), email=wrong)
    expect(status(page)).to_contain_text(NOT_THERE, timeout=10_000)
    page.get_by_role("link", name="Não recebeu a mensagem? Veja o que fazer.").click()
    section = page.locator("details:has(#nao-recebi-email)")
    expect(section).to_have_attribute("open", "")
    expect(section).to_contain_text(NOT_THERE, timeout=10_000)
    expect(section.get_by_role("link", name="Corrigir e-mail")).to_be_visible()


def test_a_support_receipt_to_a_refused_address_is_corrected_and_staff_see_it(open_page, app: RunningApp,
                                                                               mail_server: MailServer):
    citizen, staff = open_page(), open_page()
    wrong, right = new_email(), new_email()
    mail_server.refuse(wrong, UNKNOWN_USER.format(address=wrong))
    protocol = send_request(citizen, wrong)
    expect(status(citizen)).to_contain_text(NOT_THERE, timeout=10_000)
    check(citizen, "comprovante-recusado")

    staff_at_the_desk(staff, app)
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    expect(staff.get_by_text("E-mail recusado: o provedor informou que o endereço não existe")).to_be_visible()

    citizen.get_by_role("button", name="Corrigir e-mail").click()
    expect(citizen.get_by_label("Novo e-mail", exact=True)).to_be_focused()
    citizen.get_by_label("Novo e-mail", exact=True).fill(right)
    citizen.get_by_role("button", name="Salvar e enviar o comprovante").click()
    receipt = mail_server.wait_for(right)
    assert protocol in receipt["Subject"]
    expect(status(citizen)).to_contain_text(DELIVERED, timeout=10_000)

    staff.get_by_role("button", name="Fechar solicitação").click()
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    expect(staff.get_by_text(right)).to_be_visible()
    expect(staff.get_by_text("E-mail entregue ao provedor")).to_be_visible()
    staff.get_by_label("Resposta ao cidadão").fill("Recebemos, obrigado.")
    staff.get_by_role("button", name="Enviar resposta por e-mail").click()
    mail_server.wait_for(right, count=2)
    staff.get_by_role("button", name="Fechar solicitação").click()
    staff.get_by_label("Situação", exact=True).select_option("todos")  # answered: no longer "aberto"
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    expect(staff.locator(".situacao-resposta")).to_contain_text("E-mail entregue ao provedor")


def test_recovery_shows_that_the_temporary_password_was_delivered(page: Page, mail_server: MailServer):
    from tests.browser.citizen import confirmed_citizen

    cpf, email = confirmed_citizen(page, mail_server)
    visit(page, "/recuperar-senha")
    page.get_by_label("CPF", exact=True).fill(cpf)
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_role("button", name="Recuperar senha").click()
    expect(page.get_by_text("A senha temporária vai para")).to_be_visible()
    expect(status(page)).to_contain_text(DELIVERED, timeout=10_000)


def test_an_email_change_to_a_refused_address_is_told_in_my_account(page: Page, mail_server: MailServer):
    from tests.browser.citizen import confirmed_citizen, sign_in_to_my_account

    cpf, _ = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    wrong = new_email()
    mail_server.refuse(wrong, UNKNOWN_USER.format(address=wrong))
    page.get_by_label("Novo e-mail", exact=True).fill(wrong)
    page.get_by_label("Senha atual", exact=True).first.fill(PASSWORD)
    page.get_by_role("button", name="Enviar link de confirmação").click()
    expect(status(page)).to_contain_text(NOT_THERE, timeout=10_000)
    page.get_by_role("button", name="Corrigir e-mail").click()
    expect(page.get_by_label("Novo e-mail", exact=True)).to_be_focused()
