"""A cheap phone on a weak connection: Chromium's "Slow 3G" (DevTools' profile, through CDP).

Between the first paint and the moment the page is live (connected, hydrated) the forms are
on screen for seconds. Whatever the citizen does in that window — type, press Enter — no
credential may reach a URL and nothing typed may be lost; and the page says it is not ready.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.citizen import PASSWORD, confirmed_citizen, new_cpf, new_email, visit
from tests.browser.conftest import RunningApp, built_pages, loopback_address, running_app
from tests.browser.slow_network import SLOW, slow_phone
from tests.browser.smtp import MailServer, text_of
from tests.browser.tcp_proxy import TcpProxy


@pytest.fixture
def phone(browser: Browser, app_url: str) -> Iterator[Page]:
    """A phone-sized tab on Slow 3G, cache disabled, that records every URL it requests."""
    page, _ = slow_phone(browser, app_url, cache=False)
    page.requested = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requested.append(request.url))  # type: ignore[attr-defined]
    yield page
    page.context.close()


def _first_paint(page: Page, path: str, first_field: str) -> None:
    """Open a page and stop as soon as its form is on screen, long before it is live."""
    page.goto(path, wait_until="commit")
    page.get_by_label(first_field, exact=True).wait_for(state="visible")
    assert page.locator("[data-ready='1']").count() == 0, "the page was already live: the test proves nothing"


def _assert_never_in_a_url(page: Page, *typed: str) -> None:
    urls = [*page.requested, page.url, page.evaluate("location.href")]  # type: ignore[attr-defined]
    for value in typed:
        digits = re.sub(r"\D", "", value)
        for url in urls:
            assert value not in url and (not digits or len(digits) < 11 or digits not in url), url


def test_enter_before_live_signs_in_without_a_credential_in_any_url(phone: Page, page: Page,
                                                                    mail_server: MailServer, app: RunningApp):
    cpf, _ = confirmed_citizen(page, mail_server)  # on a fast connection, in another tab
    _first_paint(phone, "/", "CPF")
    expect(phone.get_by_role("status").filter(has_text="Conectando…")).to_be_visible()
    phone.get_by_label("CPF", exact=True).fill(cpf)
    phone.get_by_label("Senha", exact=True).fill(PASSWORD)
    phone.get_by_label("Senha", exact=True).press("Enter")

    expect(phone.get_by_text("Você entrou como")).to_be_visible(timeout=SLOW)  # Serviços, loaded, signed in
    _assert_never_in_a_url(phone, PASSWORD, cpf)
    assert PASSWORD not in (app.workdir / "app.log").read_text()


def test_enter_before_live_with_a_wrong_password_says_so_and_keeps_the_cpf(phone: Page, page: Page,
                                                                           mail_server: MailServer):
    cpf, _ = confirmed_citizen(page, mail_server)
    _first_paint(phone, "/", "CPF")
    phone.get_by_label("CPF", exact=True).fill(cpf)
    phone.get_by_label("Senha", exact=True).fill("não é esta a senha")
    phone.get_by_label("Senha", exact=True).press("Enter")

    # The answer comes when the page is live again (the redirect loaded it anew on Slow 3G).
    expect(phone.get_by_role("alert").filter(has_text="Usuário ou Senha Inválido")).to_be_visible(timeout=SLOW)
    expect(phone.get_by_label("CPF", exact=True)).to_have_value(cpf, timeout=SLOW)
    _assert_never_in_a_url(phone, "não é esta a senha", cpf)


def test_text_typed_before_live_on_sign_up_reaches_the_server(phone: Page, mail_server: MailServer):
    cpf, email = new_cpf(), new_email()
    _first_paint(phone, "/cadastro", "Nome completo")
    expect(phone.get_by_role("button", name="Cadastrar")).to_be_disabled()
    phone.get_by_label("Nome completo", exact=True).fill("Maria Aparecida Souza")
    phone.get_by_label("CPF", exact=True).fill(cpf)
    phone.get_by_label("E-mail", exact=True).fill(email)
    phone.get_by_label("Confirme o e-mail", exact=True).fill(email)
    phone.get_by_label("Senha", exact=True).fill(PASSWORD)
    phone.get_by_label("Confirme a senha", exact=True).fill(PASSWORD)
    phone.get_by_label("Li e aceito os termos de uso e o aviso de privacidade").check()
    phone.get_by_label("Confirme a senha", exact=True).press("Enter")  # nothing happens yet, nothing leaks

    phone.locator("[data-ready='1']").wait_for()
    phone.get_by_role("button", name="Cadastrar").click()
    expect(phone.get_by_role("heading", name="Confirme seu e-mail")).to_be_visible(timeout=SLOW)
    mail_server.wait_for(email)
    _assert_never_in_a_url(phone, PASSWORD, cpf, email)


def test_text_typed_before_live_on_recovery_reaches_the_server(phone: Page, page: Page, mail_server: MailServer):
    cpf, email = confirmed_citizen(page, mail_server)
    _first_paint(phone, "/recuperar-senha", "CPF")
    phone.get_by_label("CPF", exact=True).fill(cpf)
    phone.get_by_label("E-mail", exact=True).fill(email)
    phone.get_by_label("E-mail", exact=True).press("Enter")

    phone.locator("[data-ready='1']").wait_for()
    phone.get_by_role("button", name="Recuperar senha").click()
    expect(phone.get_by_text("A senha temporária vai para")).to_be_visible(timeout=SLOW)
    _assert_never_in_a_url(phone, cpf, email)


def test_text_typed_before_live_on_a_support_request_reaches_the_server(phone: Page, mail_server: MailServer):
    email = new_email()
    _first_paint(phone, "/ajuda/solicitar", "Nome")
    phone.get_by_label("Nome", exact=True).fill("Joana Pereira Lima")
    phone.get_by_label("E-mail para resposta").fill(email)
    phone.get_by_label("Assunto").select_option("nao-recebi-email")
    phone.get_by_label("Descreva o que aconteceu").fill("Escrevi isto antes de a página ficar pronta.")

    phone.locator("[data-ready='1']").wait_for()
    phone.get_by_role("button", name="Enviar solicitação").click()
    registered = re.compile(r"Solicitação registrada\. Protocolo: \d{4}-\d{3}-\d{3}-\d{3}")
    expect(phone.get_by_text(registered)).to_be_visible(timeout=SLOW)
    assert "Escrevi isto antes de a página ficar pronta." in text_of(mail_server.wait_for(email))
    _assert_never_in_a_url(phone, email)


def test_a_service_search_typed_before_live_is_kept_and_found(phone: Page):
    _first_paint(phone, "/servicos", "Buscar serviço")
    phone.get_by_label("Buscar serviço").fill("saude")
    phone.get_by_label("Buscar serviço").press("Enter")  # before live: nothing is sent, nothing is lost
    phone.locator("[data-ready='1']").wait_for(timeout=SLOW)
    expect(phone.get_by_label("Buscar serviço")).to_have_value("saude")
    phone.get_by_label("Buscar serviço").press("Enter")
    expect(phone.get_by_role("status").filter(has_text="encontrados para “saude”")).to_be_visible(timeout=SLOW)
    expect(phone.get_by_role("heading", name="Impostos e certidões")).to_have_count(0)
    _assert_never_in_a_url(phone, "saude")


def test_a_follow_up_typed_before_live_reaches_the_server(phone: Page):
    _first_paint(phone, "/ajuda/acompanhar", "Número do protocolo")
    phone.get_by_label("Número do protocolo").fill("2026-999999")
    phone.get_by_label("E-mail usado na solicitação").fill("ninguem@example.com")
    phone.get_by_label("E-mail usado na solicitação").press("Enter")
    phone.locator("[data-ready='1']").wait_for(timeout=SLOW)
    expect(phone.get_by_label("Número do protocolo")).to_have_value("2026-999999")
    phone.get_by_role("button", name="Acompanhar").click()
    expect(phone.get_by_text("Não encontramos uma solicitação")).to_be_visible(timeout=SLOW)
    _assert_never_in_a_url(phone, "ninguem@example.com", "999999")


@pytest.fixture(scope="module")
def cuttable_app(tmp_path_factory, run_dir, mail_server: MailServer) -> Iterator[tuple[RunningApp, TcpProxy]]:
    """The app behind a TCP proxy that the test can cut, as a phone's connection drops; the
    proxy's address is the portal's public one (the websocket accepts only that origin)."""
    pages = built_pages(run_dir, "default")
    proxy = TcpProxy(("127.0.0.1", 0), host=loopback_address(run_dir, pages.port), port=pages.port)
    proxy.start()
    address = loopback_address(run_dir, pages.port)
    with running_app(tmp_path_factory.mktemp("cut"), mail_server, pages, address,
                     PORTAL_BASE_URL=f"http://{proxy.host}:{proxy.port}") as app:
        proxy.target = (address, pages.port)
        yield app, proxy
    proxy.stop()


def test_the_page_says_when_it_has_no_connection_and_when_it_is_back(browser: Browser, cuttable_app):
    _, proxy = cuttable_app
    context = browser.new_context(base_url=f"http://{proxy.host}:{proxy.port}", locale="pt-BR")
    page = context.new_page()
    visit(page, "/cadastro")
    lost = page.get_by_text("Sem conexão. Tentando de novo…")
    expect(lost).to_have_count(0)

    proxy.stop()
    expect(lost).to_be_visible(timeout=30_000)
    expect(page.get_by_role("status").filter(has_text="Sem conexão")).to_have_count(1)
    expect(page.get_by_role("button", name="Cadastrar")).to_be_disabled()

    proxy.start()
    expect(lost).to_have_count(0, timeout=60_000)
    expect(page.get_by_role("button", name="Cadastrar")).to_be_enabled()
    context.close()


def test_a_new_password_typed_before_live_is_set_without_it_in_any_url(phone: Page, page: Page,
                                                                       mail_server: MailServer):
    from tests.browser.test_recovery import TEMPORARY, request_recovery

    cpf, email = confirmed_citizen(page, mail_server)
    request_recovery(page, cpf, email)
    temporary = TEMPORARY.search(text_of(mail_server.wait_for(email, count=2))).group(1)
    _first_paint(phone, "/", "CPF")
    phone.get_by_label("CPF", exact=True).fill(cpf)
    phone.get_by_label("Senha", exact=True).fill(temporary)
    phone.get_by_label("Senha", exact=True).press("Enter")

    # The post's answer loads "Defina sua nova senha" anew: its form is posted before live too.
    phone.get_by_label("Confirme a nova senha", exact=True).wait_for(state="visible", timeout=SLOW)
    assert phone.locator("[data-ready='1']").count() == 0, "the page was already live: the test proves nothing"
    new = "sabiá cantando no jatobá"
    phone.get_by_label("Nova senha", exact=True).fill(new)
    phone.get_by_label("Confirme a nova senha", exact=True).fill(new)
    phone.get_by_label("Confirme a nova senha", exact=True).press("Enter")
    expect(phone.get_by_text("Senha alterada. Use a nova senha da próxima vez que entrar.")).to_be_visible(
        timeout=SLOW)
    _assert_never_in_a_url(phone, temporary, new, cpf)
