"""Hostile input typed into each form: a Portuguese message, no trace, markup shown as text,
and the page keeps working."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.citizen import fill_signup, new_cpf, new_email, sign_in, visit
from tests.browser.test_support import fill_request

SAMPLES = [
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE account; --",
    "\u202eevil\u202c 😀 \u200f",
    "A" * 10_000,
]


@pytest.fixture
def guarded(page: Page) -> Page:
    """Fails the test if any injected script opens a dialog."""
    page.on("dialog", lambda dialog: pytest.fail(f"injected script ran: {dialog.message}"))
    return page


def no_trace(page: Page) -> None:
    text = page.locator("body").inner_text()
    assert "Traceback" not in text and "Exception" not in text and "An error occurred" not in text


@pytest.mark.parametrize("value", SAMPLES)
def test_signup_name_and_email(guarded: Page, value: str):
    page = guarded
    fill_signup(page, name=value, cpf=new_cpf(), email=value[:300], email_confirm=value[:300])
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.get_by_text("Corrija os campos indicados abaixo.")).to_be_visible()
    expect(page.locator("#full_name-erro")).to_be_visible()
    expect(page.locator("#email-erro")).to_have_text(
        "Erro: E-mail inválido. Confira o endereço, por exemplo: maria@gmail.com.")
    expect(page.get_by_label("Nome completo", exact=True)).to_have_value(value[:400])
    no_trace(page)
    fill_signup(page, cpf=new_cpf(), email=new_email())
    page.get_by_role("button", name="Cadastrar").click()
    expect(page.get_by_role("heading", name="Confirme seu e-mail")).to_be_visible()


@pytest.mark.parametrize("value", SAMPLES)
def test_sign_in(guarded: Page, value: str):
    sign_in(guarded, value[:50], value)
    expect(guarded.locator("#cpf-erro")).to_contain_text("CPF inválido. Confira os 11 números.")
    no_trace(guarded)
    sign_in(guarded, new_cpf(), value)
    expect(guarded.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()


@pytest.mark.parametrize("value", SAMPLES)
def test_recovery(guarded: Page, value: str):
    visit(guarded, "/recuperar-senha")
    guarded.get_by_label("CPF", exact=True).fill(value[:50])
    guarded.get_by_label("E-mail", exact=True).fill(value[:300])
    guarded.get_by_role("button", name="Recuperar senha").click()
    expect(guarded.locator("#cpf-erro")).to_be_visible()
    expect(guarded.locator("#email-erro")).to_be_visible()
    no_trace(guarded)


@pytest.mark.parametrize("value", SAMPLES)
def test_support_request(guarded: Page, value: str):
    fill_request(guarded, email=new_email(), description=value, phone=value[:40])
    guarded.get_by_label("Nome", exact=True).fill(value[:400])
    guarded.get_by_role("button", name="Enviar solicitação").click()
    expect(guarded.locator("#phone-erro")).to_be_visible()
    if len(value) > 2000:
        expect(guarded.locator("#description-erro")).to_have_text(
            "Erro: A descrição pode ter no máximo 2000 caracteres.")
    no_trace(guarded)
    guarded.get_by_label("Nome", exact=True).fill(value[:200])
    guarded.get_by_label("Telefone (opcional)").fill("")
    guarded.get_by_label("Descreva o que aconteceu").fill(value[:2000])
    guarded.get_by_role("button", name="Enviar solicitação").click()
    expect(guarded.get_by_text("Solicitação registrada.")).to_be_visible()
