"""The development mail catcher: a loopback SMTP server that keeps .eml files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.core import config
from portal.mail import catcher, sender
from portal.models import OutboxMessage
from tests.services.smtp import free_port


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "mailcatcher"


@pytest.fixture
def catcher_port(monkeypatch):
    """A free port; the portal sends there because no SMTP host is configured."""
    port = free_port()
    monkeypatch.delenv("PORTAL_SMTP_HOST", raising=False)
    monkeypatch.setenv("PORTAL_BASE_URL", "http://localhost:3000")  # the catcher is localhost-only
    monkeypatch.delenv("PORTAL_MAIL_FROM", raising=False)
    monkeypatch.setenv("PORTAL_CATCHER_PORT", str(port))
    config.settings.cache_clear()
    yield port
    config.settings.cache_clear()


@pytest.fixture
def running(folder, catcher_port):
    controller = catcher.start(folder, catcher_port)
    assert controller is not None
    yield controller
    controller.stop()


def outbox_row(n: int) -> OutboxMessage:
    return OutboxMessage(
        message_id=f"<teste-{n}@portal-de-servicos>",
        to_address=f"pessoa{n}@example.com",
        subject=f"Mensagem {n} – confirmação",
        body_text=f"Olá. Abra http://portal.test/confirmar?token=tok{n} para confirmar.\n",
        body_html=f'<p>Olá. <a href="http://portal.test/confirmar?token=tok{n}">Confirmar</a></p>',
        created_at=datetime(2026, 11, 25, tzinfo=UTC),
        next_attempt_at=datetime(2026, 11, 25, tzinfo=UTC),
    )


def test_without_smtp_host_mail_goes_to_the_catcher_as_eml_files(folder, running):
    assert config.settings().mail_catcher_enabled
    sender.send(outbox_row(1))
    files = list(folder.glob("*.eml"))
    assert len(files) == 1
    assert b"pessoa1@example.com" in files[0].read_bytes()


def test_list_messages_returns_subject_recipient_and_links(folder, running):
    sender.send(outbox_row(1))
    [caught] = catcher.list_messages(folder)
    assert caught.subject == "Mensagem 1 – confirmação"
    assert caught.recipient == "pessoa1@example.com"
    assert caught.links == ["http://portal.test/confirmar?token=tok1"]
    assert "Olá." in caught.text


def test_list_messages_shows_the_newest_first(folder, running):
    for n in (1, 2, 3):
        sender.send(outbox_row(n))
    assert [m.recipient for m in catcher.list_messages(folder)] == [
        "pessoa3@example.com", "pessoa2@example.com", "pessoa1@example.com"]


def test_list_messages_honours_the_limit(folder, running):
    for n in (1, 2, 3):
        sender.send(outbox_row(n))
    assert [m.recipient for m in catcher.list_messages(folder, limit=2)] == [
        "pessoa3@example.com", "pessoa2@example.com"]


def test_list_messages_of_a_missing_folder_is_empty(tmp_path):
    assert catcher.list_messages(tmp_path / "nao-existe") == []


@pytest.fixture
def quick_failure(running, monkeypatch):
    """aiosmtpd waits its whole ready timeout (5 s) before reporting a port in use; shorten it."""
    monkeypatch.setenv("AIOSMTPD_CONTROLLER_TIMEOUT", "0.5")


def test_second_start_on_the_same_port_returns_none(folder, catcher_port, running, quick_failure, tmp_path):
    assert catcher.start(tmp_path / "outra", catcher_port) is None


def test_first_catcher_keeps_working_after_a_second_start_fails(folder, catcher_port, running, quick_failure,
                                                               tmp_path):
    catcher.start(tmp_path / "outra", catcher_port)
    sender.send(outbox_row(1))
    assert len(catcher.list_messages(folder)) == 1
    assert not (tmp_path / "outra").exists()


@pytest.mark.parametrize(("local_part", "code", "kind"), [("inexistente", 550, "no_such_address"),
                                                          ("caixacheia", 552, "mailbox_full")])
def test_the_catcher_refuses_its_two_example_addresses_as_a_relay_would(folder, running, local_part, code, kind):
    row = outbox_row(1)
    row.to_address = f"{local_part}@example.com"
    with pytest.raises(sender.Refused) as refused:
        sender.send(row)
    assert (refused.value.code, refused.value.kind) == (code, kind)
    assert list(folder.glob("*.eml")) == []
