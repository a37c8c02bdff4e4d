"""A browser tab passed from one person to the next (lan houses, CRAS, postos de atendimento).

After "Sair" or a session ended elsewhere, the tab must carry nothing of the previous
person: every websocket frame the next person's pages receive is recorded and searched for
the first person's data.
"""

from __future__ import annotations

import re
import sqlite3

from playwright.sync_api import Page, expect

from tests.browser.citizen import (PASSWORD, confirmed_citizen, new_cpf, new_email, next_code, open_my_account,
                                   sign_in, sign_in_to_my_account, sign_up, staff_at_the_desk, visit)
from tests.browser.conftest import RunningApp
from tests.browser.smtp import MailServer
from tests.browser.test_security import record_frames
from tests.browser.test_support import send_request

NAME = "Maria Aparecida Souza"  # what citizen.sign_up types
NEXT_PERSON_PAGES = ("/", "/ajuda/solicitar", "/cadastro", "/cadastro/enviado", "/recuperar-senha", "/nova-senha",
                     "/minha-conta", "/atendimento", "/servicos")


def _traces(cpf: str, email: str, *more: str) -> list[str]:
    digits = re.sub(r"\D", "", cpf)
    return [cpf, digits, digits[:3] + "." + digits[3:6], email, email.split("@")[0], *more]


def _next_person_browses(page: Page) -> None:
    for path in NEXT_PERSON_PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.reload()
    page.wait_for_load_state("networkidle")


def _leaked(frames: list[str], traces: list[str]) -> list[str]:
    everything = "\n".join(frames)
    return [trace for trace in traces if trace and trace in everything]


def test_after_sair_the_tab_holds_nothing_of_the_citizen(page: Page, mail_server: MailServer):
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    visit(page, "/ajuda/solicitar")  # prefilled with the citizen's name, CPF and e-mail
    expect(page.get_by_label("Nome", exact=True)).to_have_value(NAME)
    visit(page, "/minha-conta")

    frames = record_frames(page)
    page.get_by_role("button", name="Sair", exact=True).click()
    expect(page.get_by_text("Você saiu da sua conta.")).to_be_visible()
    expect(page.get_by_label("CPF", exact=True)).to_have_value("")
    _next_person_browses(page)

    assert len(frames) > 10
    assert _leaked(frames, _traces(cpf, email, NAME)) == []
    visit(page, "/ajuda/solicitar")
    expect(page.get_by_label("Nome", exact=True)).to_have_value("")


def test_a_session_ended_elsewhere_is_forgotten_when_the_tab_comes_back(open_page, mail_server: MailServer):
    first, elsewhere = open_page(), open_page()
    cpf, email = confirmed_citizen(first, mail_server)
    sign_in_to_my_account(first, cpf)
    visit(first, "/ajuda/solicitar")
    expect(first.get_by_label("E-mail para resposta")).to_have_value(email)

    sign_in_to_my_account(elsewhere, cpf)
    elsewhere.get_by_role("button", name="Sair em todos os outros aparelhos").click()
    expect(elsewhere.get_by_text("Pronto: sua conta foi fechada em 1 outro(s) aparelho(s).")).to_be_visible()

    frames = record_frames(first)
    first.reload()
    first.locator("[data-ready='1']").wait_for()
    _next_person_browses(first)
    assert _leaked(frames, _traces(cpf, email, NAME)) == []


def test_after_sair_the_staff_tab_holds_no_request(open_page, app: RunningApp, mail_server: MailServer):
    citizen, staff = open_page(), open_page()
    citizen_email, citizen_cpf = new_email(), new_cpf()
    description = "Recebi uma cobrança em nome de outra pessoa"
    protocol = send_request(citizen, citizen_email, cpf=citizen_cpf, phone="(19) 99876-5432",
                            description=description)
    staff_at_the_desk(staff, app)
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    expect(staff.get_by_text(description)).to_be_visible()

    frames = record_frames(staff)
    staff.get_by_role("button", name="Sair", exact=True).click()
    expect(staff.get_by_text("Você saiu da sua conta.")).to_be_visible()
    _next_person_browses(staff)
    assert _leaked(frames, [*_traces(citizen_cpf, citizen_email, description, "99876-5432", "Joana Pereira"),
                            protocol]) == []
    assert '"allowed_rx_state_":true' not in "\n".join(frames)


def test_the_next_person_cannot_move_a_pending_sign_up_to_their_address(page: Page, app: RunningApp,
                                                                        mail_server: MailServer):
    cpf, email = new_cpf(), new_email()
    sign_up(page, cpf=cpf, email=email)
    # Someone else sits down at the same tab and tries to send the account to their own mailbox.
    page.get_by_role("button", name="Corrigir e-mail").click()
    intruder = new_email()
    page.get_by_label("Novo e-mail", exact=True).fill(intruder)
    page.get_by_label("Confirme o novo e-mail", exact=True).fill(intruder)
    page.get_by_label("Senha que você criou no cadastro").fill("um palpite qualquer")
    page.get_by_role("button", name="Salvar e enviar novo link").click()
    expect(page.get_by_text("Senha incorreta. Use a senha que você criou no cadastro.")).to_be_visible()
    with sqlite3.connect(app.workdir / "data" / "portal.db") as db:
        stored = db.execute("SELECT email FROM account WHERE cpf = ?", (re.sub(r"\D", "", cpf),)).fetchone()[0]
    assert stored == email

    # The citizen who made the sign-up, with the password, still can.
    page.get_by_label("Senha que você criou no cadastro").fill(PASSWORD)
    page.get_by_role("button", name="Salvar e enviar novo link").click()
    expect(page.get_by_text("E-mail corrigido.")).to_be_visible()
    mail_server.wait_for(intruder)


def test_a_sign_in_waiting_for_its_code_is_finished_only_in_its_own_browser(open_page, mail_server: MailServer):
    """The right password of an account with two-step leaves the sign-in waiting in that browser
    (bound to its portal_navegador cookie): the code posted from another browser opens nothing."""
    from tests.browser.test_two_step import sign_out, signed_in_with_two_step, type_code

    first, other = open_page(), open_page()
    cpf, _email, secret, _codes = signed_in_with_two_step(first, mail_server)
    sign_out(first)
    sign_in(first, cpf)
    expect(first.get_by_text("Falta o código de verificação")).to_be_visible()

    # The other browser posts a right code straight to the code step (it never typed the password).
    visit(other, "/?entrada=codigo")
    expect(other.get_by_text("A entrada expirou ou teve tentativas demais")).to_be_visible()
    origin = "/".join(other.url.split("/")[:3])
    answer = other.request.post("/auth/entrar/codigo", form={"code": next_code(secret)},
                                headers={"Origin": origin}, max_redirects=0)
    assert answer.status == 303 and answer.headers["location"].endswith("/?entrada=codigo-expirado")
    assert not [c for c in other.context.cookies() if c["name"] == "portal_sessao"]

    # In the browser that typed the password, the code still opens the session.
    type_code(first, next_code(secret))
    open_my_account(first)
