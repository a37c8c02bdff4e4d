"""Following a support request: by protocol + e-mail on /ajuda/acompanhar, and in Minha conta
("Minhas solicitações"), after the staff answered it at /atendimento."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.citizen import confirmed_citizen, new_email, sign_in, staff_at_the_desk, visit
from tests.browser.conftest import RunningApp
from tests.browser.smtp import LINK, MailServer, text_of
from tests.browser.test_accessibility import check
from tests.browser.test_security import record_frames
from tests.browser.test_support import send_request

FOLLOW = "/ajuda/acompanhar"
NOT_FOUND = "Não encontramos uma solicitação com este protocolo e este e-mail."
SHOTS = Path("/tmp/shots")


def shoot(page: Page, name: str, part=None) -> None:
    """Screenshots at phone and desktop width: the whole page, or only `part` (a locator)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(150)
        path = SHOTS / f"{name}-{width}.png"
        part.screenshot(path=path) if part is not None else page.screenshot(path=path, full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def staff_replies(staff: Page, app: RunningApp, protocol: str, text: str) -> None:
    staff_at_the_desk(staff, app)
    staff.get_by_role("button", name=f"Abrir {protocol}").click()
    staff.get_by_label("Resposta ao cidadão").fill(text)
    staff.get_by_role("button", name="Enviar resposta por e-mail").click()
    expect(staff.get_by_text("Resposta enviada por e-mail")).to_be_visible()


def follow(page: Page, protocol: str | None, email: str) -> None:
    """On /ajuda/acompanhar: type (or keep the filled-in) protocol and the e-mail, and send."""
    if protocol is not None:
        page.get_by_label("Número do protocolo").fill(protocol)
    page.get_by_label("E-mail usado na solicitação").fill(email)
    page.get_by_role("button", name="Acompanhar", exact=True).click()


def test_the_citizen_follows_the_request_and_reads_the_reply(open_page, app: RunningApp,
                                                             mail_server: MailServer):
    citizen, staff = open_page(), open_page()
    email = new_email()
    protocol = send_request(citizen, email)

    # The receipt on screen leads to the follow page, the protocol filled in.
    citizen.get_by_role("link", name="Acompanhar esta solicitação").click()
    expect(citizen.get_by_role("heading", name="Acompanhar solicitação", level=1)).to_be_visible()
    citizen.locator("[data-ready='1']").wait_for()
    expect(citizen.get_by_label("Número do protocolo")).to_have_value(protocol)
    follow(citizen, None, email)
    expect(citizen.get_by_role("heading", name=f"Protocolo {protocol}")).to_be_visible()
    expect(citizen.get_by_text("Recebida, aguardando atendimento")).to_be_visible()
    expect(citizen.get_by_text("Ainda sem resposta.")).to_be_visible()

    staff_replies(staff, app, protocol, "Reenviamos o link.\nConfira a caixa de spam <b>também</b>.")

    # The reply mail says where to follow, not "não responda".
    reply = text_of(mail_server.wait_for(email, count=2))
    assert "não responda" not in reply and "respostas a ela não são lidas" in reply
    link = next(url for url in LINK.findall(reply) if FOLLOW in url)
    citizen.goto(link)
    citizen.locator("[data-ready='1']").wait_for()
    expect(citizen.get_by_label("Número do protocolo")).to_have_value(protocol)
    follow(citizen, None, email.upper())  # the e-mail without case, as everywhere in the portal
    expect(citizen.get_by_role("heading", name=f"Protocolo {protocol}")).to_be_visible()
    expect(citizen.get_by_text("Respondida", exact=True)).to_be_visible()
    expect(citizen.get_by_text("Confira a caixa de spam <b>também</b>.")).to_be_visible()  # text, escaped
    expect(citizen.locator("main b")).to_have_count(0)
    shoot(citizen, "acompanhar-respondida")

    citizen.get_by_role("button", name="Acompanhar outra solicitação").click()
    expect(citizen.get_by_label("Número do protocolo")).to_have_value("")
    expect(citizen.get_by_role("heading", name=f"Protocolo {protocol}")).to_have_count(0)


def test_a_wrong_e_mail_and_an_unknown_protocol_get_the_same_answer(page: Page):
    email = new_email()
    protocol = send_request(page, email)
    visit(page, FOLLOW)
    follow(page, protocol, "outra.pessoa@example.com")
    message = page.get_by_role("status").filter(has_text=NOT_FOUND)
    expect(message).to_be_visible()
    wrong_email = message.inner_text()
    # What was typed stays, to be corrected.
    expect(page.get_by_label("Número do protocolo")).to_have_value(protocol)
    expect(page.get_by_label("E-mail usado na solicitação")).to_have_value("outra.pessoa@example.com")
    shoot(page, "acompanhar-nao-encontrada")

    visit(page, FOLLOW)
    follow(page, "2026-999999", email)
    expect(page.get_by_role("status").filter(has_text=NOT_FOUND)).to_have_text(wrong_email)
    expect(page.get_by_role("heading", name=re.compile("Protocolo"))).to_have_count(0)


def test_bad_input_is_explained_next_to_each_field(page: Page):
    visit(page, FOLLOW)
    follow(page, "abc", "joana@")
    expect(page.locator("#protocol-erro")).to_contain_text("Número de protocolo inválido.")
    expect(page.locator("#email-erro")).to_contain_text("E-mail inválido.")
    expect(page.locator("#resumo-erros")).to_be_focused()  # the form's error summary, as everywhere
    expect(page.get_by_label("Número do protocolo")).to_have_value("abc")
    expect(page.get_by_label("Número do protocolo")).to_have_attribute("aria-invalid", "true")


def test_minhas_solicitacoes_shows_only_the_citizen_s_requests(open_page, app: RunningApp,
                                                              mail_server: MailServer):
    citizen, stranger, staff = open_page(), open_page(), open_page()
    cpf, email = confirmed_citizen(citizen, mail_server)
    sign_in(citizen, cpf)
    citizen.wait_for_url(re.compile(r"/(minha-conta|servicos)"))
    visit(citizen, "/minha-conta")
    section = citizen.get_by_role("heading", name="Minhas solicitações")
    expect(section).to_be_visible()
    expect(citizen.get_by_text("Nenhuma solicitação de auxílio feita com esta conta")).to_be_visible()

    signed_in = send_request(citizen, new_email())  # signed in: the account's, whatever the e-mail
    by_address = send_request(stranger, email.upper())  # not signed in, to the account's e-mail
    not_mine = send_request(stranger, new_email())
    staff_replies(staff, app, by_address, "Sua conta foi reativada.")

    visit(citizen, "/minha-conta")
    expect(citizen.get_by_role("heading", name=f"Protocolo {signed_in}")).to_be_visible()
    expect(citizen.get_by_role("heading", name=f"Protocolo {by_address}")).to_be_visible()
    expect(citizen.get_by_role("heading", name=f"Protocolo {not_mine}")).to_have_count(0)
    expect(citizen.get_by_text("Respondida", exact=True)).to_have_count(1)
    expect(citizen.get_by_text("Recebida, aguardando atendimento")).to_have_count(1)
    expect(citizen.get_by_text("Sua conta foi reativada.")).to_be_visible()
    expect(citizen.get_by_text(re.compile(r"Enviada em \d\d/\d\d/\d{4} às \d\d:\d\d"))).to_have_count(2)
    shoot(citizen, "minha-conta-solicitacoes", citizen.locator(".rt-Card").filter(has=section))
    check(citizen, "minha-conta-solicitacoes")


def test_the_follow_page_is_accessible(page: Page):
    email = new_email()
    protocol = send_request(page, email)
    visit(page, FOLLOW)
    expect(page.get_by_role("button", name="Acompanhar", exact=True)).to_be_visible()
    shoot(page, "acompanhar")
    check(page, "acompanhar")
    follow(page, protocol, "outra@example.com")
    expect(page.get_by_text(NOT_FOUND)).to_be_visible()
    check(page, "acompanhar-nao-encontrada")
    follow(page, protocol, email)
    expect(page.get_by_role("heading", name=f"Protocolo {protocol}")).to_be_visible()
    check(page, "acompanhar-encontrada")


def test_what_a_lookup_showed_is_forgotten_with_the_person():
    from portal.state.follow_request import FollowRequestState
    from portal.state.my_requests import MyRequestsState
    from portal.state.personal import CitizenState, personal_state_classes

    assert {FollowRequestState, MyRequestsState} <= set(personal_state_classes())
    assert issubclass(MyRequestsState, CitizenState)  # every handler guarded


def test_the_help_box_links_to_the_follow_page(page: Page):
    visit(page, "/")
    link = page.get_by_role("link", name="Acompanhar uma solicitação")
    expect(link).to_have_attribute("href", FOLLOW)
    link.click()
    expect(page.get_by_role("heading", name="Acompanhar solicitação", level=1)).to_be_visible()


def test_the_next_person_in_the_tab_receives_nothing_of_a_lookup(open_page, app: RunningApp):
    """A shared computer: what a lookup (and the receipt) showed is gone before the next page's
    first snapshot."""
    citizen, staff = open_page(), open_page()
    email = new_email()
    protocol = send_request(citizen, email)
    staff_replies(staff, app, protocol, "Resposta só para quem pediu.")
    visit(citizen, "/ajuda/acompanhar")
    follow(citizen, protocol, email)
    expect(citizen.get_by_text("Resposta só para quem pediu.")).to_be_visible()

    frames = record_frames(citizen)  # the next person, same tab
    for path in ("/termos", "/ajuda/acompanhar"):
        citizen.goto(path)
        citizen.locator("[data-ready='1']").wait_for()
    expect(citizen.get_by_text("Resposta só para quem pediu.")).to_have_count(0)
    received = "\n".join(frames)
    assert len(frames) > 3
    assert "Resposta só para quem pediu" not in received and protocol not in received
