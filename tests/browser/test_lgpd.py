"""LGPD: privacy page, downloading one's data, deleting the account."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from tests.browser.citizen import PASSWORD, confirmed_citizen, sign_in, sign_in_to_my_account, visit
from tests.browser.smtp import MailServer


def test_privacy_page_routes_demands_to_the_ouvidoria(page: Page):
    visit(page, "/privacidade")
    expect(page.get_by_role("link", name="https://ouvidoria.campinas.sp.gov.br")).to_be_visible()
    for demand in ("Aceitar solicitações de tratamento de dados pessoais", "Aceitar reclamações e comunicações",
                   "Prestar esclarecimentos e adotar providências", "Receber comunicações da autoridade nacional"):
        expect(page.get_by_text(demand)).to_be_visible()


def test_download_my_data(page: Page, mail_server: MailServer, tmp_path):
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    with page.expect_download() as download:
        page.get_by_role("button", name="Baixar meus dados").click()
    path = tmp_path / "dados.json"
    download.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["conta"]["email"] == email
    assert data["conta"]["cpf"] == "".join(c for c in cpf if c.isdigit())
    assert data["consentimentos"][0]["versao"]
    assert len(data["sessoes"]) == 1
    assert "$argon2" not in path.read_text(encoding="utf-8")


def test_delete_my_account(page: Page, mail_server: MailServer):
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    expect(page.get_by_label("Confirme com sua senha")).to_have_count(0)
    page.get_by_role("button", name="Quero excluir minha conta").click()
    expect(page.get_by_text("Guardamos só o número, a data e o assunto de cada protocolo")).to_be_visible()
    expect(page.get_by_text("Não é possível desfazer.")).to_be_visible()
    page.get_by_role("button", name="Cancelar e manter minha conta").click()
    expect(page.get_by_label("Confirme com sua senha")).to_have_count(0)
    page.get_by_role("button", name="Quero excluir minha conta").click()
    page.get_by_label("Confirme com sua senha").fill("senha errada")
    page.get_by_role("button", name="Excluir minha conta definitivamente").click()
    expect(page.get_by_text("Senha atual incorreta.")).to_be_visible()
    page.get_by_label("Confirme com sua senha").fill(PASSWORD)
    page.get_by_role("button", name="Excluir minha conta definitivamente").click()
    expect(page.get_by_text("Sua conta foi excluída.")).to_be_visible()
    assert mail_server.wait_for(email, count=2)["Subject"] == "Sua conta no Portal de Serviços foi excluída"
    sign_in(page, cpf)
    expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()


def test_my_data_as_a_readable_page(page: Page, mail_server: MailServer):
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in_to_my_account(page, cpf)
    page.goto("/minha-conta")
    page.get_by_role("link", name="Ver meus dados").click()
    expect(page).to_have_url(re.compile(r"/minha-conta/meus-dados/?$"))
    expect(page.get_by_role("heading", name="Meus dados", level=1)).to_be_visible()
    for heading in ("Sua conta", "Termos que você aceitou", "Onde sua conta foi aberta", "Atividade da conta",
                    "Solicitações de auxílio"):
        expect(page.get_by_role("heading", name=heading, level=2, exact=True)).to_be_visible()
    expect(page.get_by_text(email, exact=True)).to_be_visible()
    expect(page.get_by_text("Entrada na conta", exact=True).first).to_be_visible()  # not "login_ok"
    body = page.locator("main").inner_text()
    assert re.search(r"\d{2}/\d{2}/\d{4} às \d{2}:\d{2}", body)  # Brasília time, not ISO
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", body) and "login_ok" not in body
    assert "$argon2" not in page.content()
    page.emulate_media(media="print")
    assert page.locator("header").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".nao-imprimir").evaluate("e => getComputedStyle(e).display") == "none"
