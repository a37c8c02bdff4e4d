""""Entrar com gov.br" against a real OpenID provider (tests/oidc: npm oidc-provider playing
gov.br), driven in Chromium the way a citizen does it: no part of the protocol is mocked."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.citizen import (PASSWORD, confirmed_citizen, landed_on_services, new_cpf, next_code, open_my_account,
                                   visit)
from tests.browser.conftest import RunningApp, built_pages, free_port, running_app
from tests.browser.test_accessibility import check
from tests.oidc.provider import FakeGovbr, node_missing, running_govbr

pytestmark = pytest.mark.skipif(node_missing() is not None, reason=str(node_missing()))

PROVIDER_PORT = free_port()


def _citizen(level: str, name: str = "Cidadã do gov.br") -> tuple[str, dict]:
    cpf = new_cpf()
    digits = re.sub(r"\D", "", cpf)
    return cpf, {digits: {"name": name, "email": f"{digits}@govbr.example", "email_verified": True, "level": level}}


class Provider:
    """The fake gov.br on a fixed port (the app's PORTAL_GOVBR_ISSUER), restartable with knobs."""

    def __init__(self, app_port: int) -> None:
        base = f"http://localhost:{app_port}"
        self.redirect_uri, self.logout_uri = base + "/auth/govbr/retorno", base + "/?saiu=1"
        self.accounts: dict = {}
        self.running: FakeGovbr | None = None
        self._stack = contextlib.ExitStack()

    def start(self, **knobs) -> FakeGovbr:
        self.stop()
        self.running = self._stack.enter_context(running_govbr(
            self.accounts, self.redirect_uri, self.logout_uri, port=PROVIDER_PORT, client_id="portal-test",
            client_secret="segredo-de-teste", **knobs))
        return self.running

    def stop(self) -> None:
        self._stack.close()
        self.running = None

    def add(self, accounts: dict) -> None:
        self.accounts.update(accounts)
        if self.running:
            self.running.set_accounts(self.accounts)

    @contextlib.contextmanager
    def with_knobs(self, **knobs) -> Iterator[None]:
        self.start(**knobs)
        try:
            yield
        finally:
            self.start()


@pytest.fixture(scope="module")
def provider_and_app(tmp_path_factory, run_dir, mail_server) -> Iterator[tuple[Provider, RunningApp]]:
    pages = built_pages(run_dir, "govbr")  # the only app of its kind: at localhost
    provider = Provider(pages.port)
    issuer = provider.start().issuer
    with running_app(tmp_path_factory.mktemp("govbr-app"), mail_server, pages, "localhost",
                     PORTAL_GOVBR_ISSUER=issuer, PORTAL_GOVBR_CLIENT_ID="portal-test",
                     PORTAL_GOVBR_CLIENT_SECRET="segredo-de-teste",
                     PORTAL_GOVBR_LEVELS_URL=issuer + "/confiabilidades/v3/contas/{cpf}/niveis") as app:
        yield provider, app
    provider.stop()


@pytest.fixture(scope="module")
def app_url(provider_and_app) -> str:  # the pages of this module open the gov.br-enabled app
    return provider_and_app[1].url


@pytest.fixture
def provider(provider_and_app) -> Provider:
    provider = provider_and_app[0]
    if provider.running is None:
        provider.start()
    return provider


def at_govbr(page: Page, cpf: str) -> None:
    """Press "Entrar com gov.br" and sign in at gov.br's login page; consent comes next."""
    visit(page, "/")
    page.get_by_role("link", name="Entrar com gov.br").click()
    expect(page).to_have_title(re.compile("gov.br"))
    page.get_by_label("CPF").fill(cpf)
    page.get_by_role("button", name="Entrar").click()


def govbr_sign_in(page: Page, cpf: str) -> None:
    at_govbr(page, cpf)
    page.get_by_role("button", name="Autorizar").click()


def test_without_gov_br_configured_the_home_page_says_the_gov_br_password_does_not_work_here(page: Page, app):
    page.goto(app.url + "/")
    expect(page.get_by_text("a senha do gov.br não vale aqui")).to_be_visible()
    expect(page.get_by_role("link", name="Entrar com gov.br")).to_have_count(0)


def test_a_first_time_citizen_gets_an_account_and_lands_signed_in(page: Page, provider: Provider):
    cpf, account = _citizen("prata", "Joana Pereira do gov.br")
    provider.add(account)
    govbr_sign_in(page, cpf)
    open_my_account(page)  # a sign-in lands on Serviços
    expect(page.get_by_role("heading", name=re.compile("Joana Pereira do gov.br"))).to_be_visible()
    expect(page.get_by_text("vinculada à sua conta gov.br, nível")).to_be_visible()
    expect(page.get_by_text("prata", exact=True)).to_be_visible()
    # No portal password yet: it can be created, and unlinking waits for it.
    expect(page.get_by_text("Para desvincular, crie antes uma senha do portal")).to_be_visible()
    page.get_by_label("Nova senha", exact=True).fill(PASSWORD)
    page.get_by_label("Confirme a nova senha").fill(PASSWORD)
    page.get_by_role("button", name="Criar senha").click()
    expect(page.get_by_role("button", name="Desvincular conta gov.br")).to_be_visible()
    page.get_by_role("button", name="Desvincular conta gov.br").click()
    expect(page.get_by_text("Conta gov.br desvinculada. Entre com seu CPF e senha.")).to_be_visible()
    expect(page.get_by_text("não está vinculada a uma conta gov.br")).to_be_visible()


def test_opening_minha_conta_first_comes_back_there_through_gov_br(page: Page, provider: Provider):
    cpf, account = _citizen("prata", "Rita Souza do gov.br")
    provider.add(account)
    visit(page, "/minha-conta")
    expect(page.get_by_text("Entre para ver sua conta")).to_be_visible()
    expect(page).to_have_url(re.compile(r"voltar=minha-conta"))
    page.get_by_role("link", name="Entrar com gov.br").click()
    page.get_by_label("CPF").fill(cpf)
    page.get_by_role("button", name="Entrar").click()
    page.get_by_role("button", name="Autorizar").click()
    expect(page).to_have_url(re.compile(r"/minha-conta/?$"))
    expect(page.get_by_role("heading", name=re.compile("Rita Souza do gov.br"))).to_be_visible()
    assert "portal_voltar_govbr" not in {c["name"] for c in page.context.cookies()}


def test_an_existing_portal_account_is_linked_at_prata(open_page, mail_server, provider: Provider):
    portal_page = open_page()
    cpf, _email = confirmed_citizen(portal_page, mail_server)
    _, account = _citizen("prata")
    provider.add({re.sub(r"\D", "", cpf): next(iter(account.values()))})
    page = open_page()
    govbr_sign_in(page, cpf)
    open_my_account(page)
    expect(page.get_by_role("heading", name=re.compile("Maria"))).to_be_visible()  # the portal's own name
    expect(page.get_by_text("prata", exact=True)).to_be_visible()
    expect(page.get_by_text("Conta gov.br vinculada")).to_be_visible()  # recent activity


def test_bronze_asks_for_the_portal_password_once(open_page, mail_server, provider: Provider):
    cpf, _email = confirmed_citizen(open_page(), mail_server)
    _, account = _citizen("bronze")
    provider.add({re.sub(r"\D", "", cpf): next(iter(account.values()))})
    page = open_page()
    govbr_sign_in(page, cpf)
    expect(page).to_have_url(re.compile("/govbr/vincular/?$"))
    page.locator("[data-ready='1']").wait_for()
    page.get_by_label("Senha", exact=True).fill("não é a senha")
    page.get_by_role("button", name="Vincular e entrar").click()
    expect(page.get_by_text("Senha incorreta. Use a senha deste portal")).to_be_visible()
    page.get_by_label("Senha", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Vincular e entrar").click()
    open_my_account(page)
    expect(page.get_by_text("bronze", exact=True)).to_be_visible()


def test_bronze_into_an_account_with_two_step_asks_the_code_every_time(open_page, mail_server, provider: Provider):
    """Issue 21: bronze is no stronger than the portal password, so the code comes next, both
    when the link is made (after the password) and at every later gov.br sign-in."""
    from tests.browser.test_two_step import sign_out, signed_in_with_two_step, type_code

    page = open_page()
    cpf, _email, secret, codes = signed_in_with_two_step(page, mail_server)
    sign_out(page)
    _, account = _citizen("bronze")
    provider.add({re.sub(r"\D", "", cpf): next(iter(account.values()))})
    govbr_sign_in(page, cpf)
    page.locator("[data-ready='1']").wait_for()
    page.get_by_label("Senha", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Vincular e entrar").click()
    expect(page.get_by_text("Você entrou com gov.br nível bronze")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/servicos"))
    type_code(page, next_code(secret))
    landed_on_services(page)
    open_my_account(page)
    sign_out(page)
    govbr_sign_in(page, cpf)  # linked now: no password, but still the code
    expect(page.get_by_text("Você entrou com gov.br nível bronze")).to_be_visible()
    assert "portal_sessao" not in {c["name"] for c in page.context.cookies()}  # nothing open before the code
    type_code(page, codes[0])  # a recovery code: the app's next code was just used
    landed_on_services(page)


def test_consent_denied_ends_on_a_portuguese_page_offering_cpf_and_password(page: Page, provider: Provider):
    cpf, account = _citizen("prata")
    provider.add(account)
    at_govbr(page, cpf)
    page.get_by_role("button", name="Cancelar").click()
    expect(page).to_have_url(re.compile("/govbr/erro"))
    expect(page.get_by_text("Você cancelou a autorização no gov.br")).to_be_visible()
    expect(page.get_by_text("Você pode entrar com seu CPF e a senha do portal")).to_be_visible()


def test_a_tampered_or_replayed_answer_opens_nothing(page: Page, provider: Provider):
    cpf, account = _citizen("ouro")
    provider.add(account)
    answers: list[str] = []
    page.on("request", lambda request: answers.append(request.url) if "/auth/govbr/retorno" in request.url else None)
    govbr_sign_in(page, cpf)
    landed_on_services(page)
    for url in (answers[0], re.sub(r"state=[^&]+", "state=forjado", answers[0])):
        page.goto(url)
        expect(page).to_have_url(re.compile("/govbr/erro"))
        expect(page.get_by_text("expirou ou já foi usada")).to_be_visible()


@pytest.mark.parametrize("knobs", [
    {"id_token_claims": {"aud": "outro-sistema", "azp": "portal-test"}},  # issued to another client
    {"id_token_ttl": -600},  # an expired ID token
    {"publish_wrong_key": True},  # a signature that does not verify
], ids=["wrong-audience", "expired-id-token", "bad-signature"])
def test_an_id_token_that_does_not_verify_signs_nobody_in(page: Page, provider: Provider, knobs):
    cpf, account = _citizen("ouro")
    provider.add(account)
    with provider.with_knobs(**knobs):
        govbr_sign_in(page, cpf)
        expect(page).to_have_url(re.compile("/govbr/erro"))
        expect(page.get_by_text("A resposta do gov.br não pôde ser confirmada")).to_be_visible()
    visit(page, "/minha-conta")
    expect(page.get_by_text("Entre para ver sua conta.")).to_be_visible()  # no session was ever opened


def test_gov_br_down_is_told_on_the_portal(page: Page, provider: Provider):
    provider.stop()
    visit(page, "/")
    page.get_by_role("link", name="Entrar com gov.br").click()
    expect(page).to_have_url(re.compile("/govbr/erro"))
    expect(page.get_by_text("O gov.br não respondeu agora")).to_be_visible()
    provider.start()


def test_sair_ends_the_gov_br_session_too(page: Page, provider: Provider):
    cpf, account = _citizen("prata")
    provider.add(account)
    govbr_sign_in(page, cpf)
    open_my_account(page)
    page.get_by_role("button", name="Sair", exact=True).click()
    expect(page).to_have_url(re.compile(r"/\?saiu=1"))
    expect(page.get_by_text("Você saiu")).to_be_visible()
    # gov.br asks who is there again (at_govbr fills its CPF field): its session ended too.
    at_govbr(page, cpf)


@pytest.mark.parametrize("path", ["/", "/govbr/erro?motivo=negado", "/govbr/vincular"])
def test_gov_br_pages_meet_wcag_aa(page: Page, provider: Provider, path: str):
    visit(page, path)
    check(page, "govbr" + (path.replace("/", "-").split("?")[0] if path != "/" else "-inicio"))


def test_the_gov_br_button_is_white_on_gov_br_blue(page: Page, provider: Provider):
    # axe cannot measure Radix's translucent link colours; the published style is checked here.
    visit(page, "/")
    button = page.get_by_role("link", name="Entrar com gov.br")
    expect(button).to_have_css("color", "rgb(255, 255, 255)")
    expect(button).to_have_css("background-color", "rgb(19, 81, 180)")
    assert button.bounding_box()["height"] >= 44


def test_minha_conta_with_gov_br_meets_wcag_aa(page: Page, provider: Provider):
    cpf, account = _citizen("ouro")
    provider.add(account)
    govbr_sign_in(page, cpf)
    open_my_account(page)
    expect(page.get_by_text("ouro", exact=True)).to_be_visible()
    check(page, "govbr-minha-conta")
