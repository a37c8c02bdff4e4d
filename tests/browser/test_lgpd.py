"""LGPD: privacy page, downloading one's data, deleting the account."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from tests.browser.citizen import PASSWORD, confirmed_citizen, sign_in, visit
from tests.browser.smtp import MailServer


def test_privacy_page_routes_demands_to_the_ouvidoria(page: Page):
    visit(page, "/privacidade")
    expect(page.get_by_role("link", name="https://ouvidoria.campinas.sp.gov.br")).to_be_visible()
    for demand in ("Aceitar solicitações de tratamento de dados pessoais", "Aceitar reclamações e comunicações",
                   "Prestar esclarecimentos e adotar providências", "Receber comunicações da autoridade nacional"):
        expect(page.get_by_text(demand)).to_be_visible()


def test_download_my_data(page: Page, mail_server: MailServer, tmp_path):
    cpf, email = confirmed_citizen(page, mail_server)
    sign_in(page, cpf)
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
    sign_in(page, cpf)
    expect(page.get_by_text("O que a lei manda guardar")).to_be_visible()
    page.get_by_label("Confirme com sua senha").fill("senha errada")
    page.get_by_role("button", name="Excluir minha conta definitivamente").click()
    expect(page.get_by_text("Senha atual incorreta.")).to_be_visible()
    page.get_by_label("Confirme com sua senha").fill(PASSWORD)
    page.get_by_role("button", name="Excluir minha conta definitivamente").click()
    expect(page.get_by_text("Sua conta foi excluída.")).to_be_visible()
    assert mail_server.wait_for(email, count=2)["Subject"] == "Sua conta no Portal de Serviços foi excluída"
    sign_in(page, cpf)
    expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()
