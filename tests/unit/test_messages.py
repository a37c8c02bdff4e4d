"""Mail content: the confirmation message in Portuguese, text and HTML."""

from datetime import UTC, datetime

import pytest

from portal.core import config
from portal.mail import messages

LINK = "http://portal.test/confirmar?token=AbC-123_xyz"
EXPIRES = datetime(2026, 11, 27, 17, 5, tzinfo=UTC)  # 14:05 in Brasília (UTC-3)


@pytest.fixture(autouse=True)
def support_settings(monkeypatch):
    monkeypatch.setenv("PORTAL_SUPPORT_PHONE_CAMPINAS", "156")
    monkeypatch.setenv("PORTAL_SUPPORT_PHONE_OTHER", "(19) 3755-6010")
    monkeypatch.delenv("PORTAL_SUPPORT_EMAIL", raising=False)
    config.settings.cache_clear()
    yield
    config.settings.cache_clear()


@pytest.fixture
def mail():
    return messages.confirmation(full_name="Maria Aparecida Silva", link=LINK, expires_at=EXPIRES)


def test_subject_is_in_portuguese(mail):
    assert mail.subject == "Confirme seu e-mail no Portal de Serviços"


@pytest.mark.parametrize("part", ["text", "html"])
def test_body_greets_by_first_name_in_portuguese(mail, part):
    body = getattr(mail, part)
    assert "Olá, Maria." in body
    assert "Aparecida" not in body


@pytest.mark.parametrize("part", ["text", "html"])
def test_body_contains_the_link(mail, part):
    assert LINK in getattr(mail, part)


def test_html_has_a_button_to_the_link(mail):
    assert f'<a href="{LINK}"' in mail.html
    assert "Confirmar meu e-mail" in mail.html


@pytest.mark.parametrize("part", ["text", "html"])
def test_body_states_the_expiry_in_brasilia_time(mail, part):
    assert "27/11/2026 às 14:05 (horário de Brasília)" in getattr(mail, part)


def test_expiry_after_midnight_utc_is_the_previous_day_in_brasilia():
    assert messages.local_time(datetime(2026, 11, 28, 2, 30, tzinfo=UTC)) == "27/11/2026 às 23:30"


@pytest.mark.parametrize("part", ["text", "html"])
def test_body_lists_the_support_phones(mail, part):
    body = getattr(mail, part)
    assert "Ligue 156 (Campinas) ou (19) 3755-6010 (demais localidades)" in " ".join(body.split())


def test_support_phones_come_from_settings(monkeypatch):
    monkeypatch.setenv("PORTAL_SUPPORT_PHONE_CAMPINAS", "0800 000 1234")
    monkeypatch.setenv("PORTAL_SUPPORT_EMAIL", "ajuda@campinas.sp.gov.br")
    config.settings.cache_clear()
    mail = messages.confirmation(full_name="Maria Silva", link=LINK, expires_at=EXPIRES)
    assert "0800 000 1234" in mail.text and "0800 000 1234" in mail.html
    assert "ajuda@campinas.sp.gov.br" in mail.text


def test_html_escapes_the_name():
    mail = messages.confirmation(full_name="<script>alert(1)</script> Silva", link=LINK, expires_at=EXPIRES)
    assert "<script>" not in mail.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in mail.html


def test_html_declares_portuguese_and_utf8(mail):
    assert '<html lang="pt-BR">' in mail.html
    assert '<meta charset="utf-8">' in mail.html


def test_text_part_has_no_html_tags(mail):
    assert "<a " not in mail.text and "<p>" not in mail.text


def test_phones_in_paragraphs_are_the_ones_set_when_the_mail_is_built(monkeypatch):
    monkeypatch.setenv("PORTAL_SUPPORT_PHONE_CAMPINAS", "0800 000 1234")
    config.settings.cache_clear()
    receipt = messages.support_receipt(full_name="Maria Silva", protocol="2026-483-129-577", topic="Outro",
                                       description="Não consigo entrar.")
    notice = messages.email_change_notice(full_name="Maria Silva", new_email_masked="m***@x.com",
                                          not_me_link=LINK)
    staff = messages.two_step_off_by_staff(full_name="Maria Silva", protocol="2026-483-129-577", when=EXPIRES,
                                           not_me_link=LINK)
    assert "acompanhar pelo telefone 0800 000 1234." in receipt.text
    assert "ligue 0800 000 1234." in notice.text
    assert "ligue 0800 000 1234 informando o protocolo 2026-483-129-577." in " ".join(staff.text.split())
