"""Mail that arrives: DKIM signatures that verify against the DNS record the README tells a
city to publish, the headers receivers look at, and a plain-text part as complete as the HTML.

No app and no database: messages are built in memory (``OutboxMessage`` not saved) and
``portal.mail.sender.build`` gives the exact bytes that go to the relay.
``portal_mails()`` is every mail the portal sends, with realistic data; the SpamAssassin
test (test_spamassassin.py) scores the same ones.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from portal import texts
from portal.core import config
from portal.accounts import confirmation, devices
from portal.accounts.email_address import mask
from portal.help.content import TOPICS
from portal.mail import addresses, messages, sender
from portal.mail.messages import EmailData
from portal.models import OutboxMessage

BASE_URL = "https://servicos.campinas.sp.gov.br"
MAIL_FROM = "Portal de Serviços <nao-responda@campinas.sp.gov.br>"
DOMAIN = "campinas.sp.gov.br"
SELECTOR = "portal2026"
RECIPIENT = "conceicao.araujo@gmail.com"
NOW = datetime(2026, 3, 9, 13, 30, tzinfo=UTC)
# Tokens as portal.accounts.tokens.new_token makes them (token_urlsafe(32): 43 characters).
TOKEN = "q3Zk8vR2mTx7Lw0bN5cYh1Jf9sPd4GaE6uKiVoQnBtU"
NOT_ME_TOKEN = "Hc2Wn7Rk0yTq5Lm9Xb3Vf8Gd1Ps6Ja4Eu_ZoKiNwQ-M"
PROTOCOL = "2026-000123"
CHROME_ANDROID = ("Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/131.0.0.0 Mobile Safari/537.36")
# The one HTML sentence with no place in plain text: it is about the HTML button, which the
# text part replaces with the bare link.
HTML_ONLY = ("Se o botão não funcionar, copie e cole este endereço no navegador:",)


@pytest.fixture(autouse=True)
def city_settings() -> Iterator[None]:
    with city_environment():
        yield


@contextlib.contextmanager
def city_environment() -> Iterator[None]:
    """The settings of a city in production (not the developer defaults), without DKIM."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("PORTAL_BASE_URL", BASE_URL), ("PORTAL_SMTP_HOST", "smtp.campinas.sp.gov.br"),
                            ("PORTAL_MAIL_FROM", MAIL_FROM), ("PORTAL_SUPPORT_PHONE_CAMPINAS", "156"),
                            ("PORTAL_SUPPORT_PHONE_OTHER", "(19) 3755-6010"),
                            ("PORTAL_SUPPORT_EMAIL", "atendimento.portal@campinas.sp.gov.br")):
            patch.setenv(name, value)
        for name in ("PORTAL_DKIM_PRIVATE_KEY_FILE", "PORTAL_DKIM_SELECTOR", "PORTAL_BOUNCE_ADDRESS",
                     "PORTAL_REDIS_URL", "PORTAL_WORKERS"):
            patch.delenv(name, raising=False)
        config.settings.cache_clear()
        try:
            yield
        finally:
            config.settings.cache_clear()


def portal_mails() -> dict[str, EmailData]:
    """Every mail the portal sends, built as the services build them, with realistic data."""
    name = "Conceição Aparecida de Araújo D'Ávila"
    return {
        "confirmation": messages.confirmation(
            full_name=name, link=confirmation.confirmation_link(TOKEN), expires_at=NOW + timedelta(hours=48)),
        "temporary_password": messages.temporary_password(
            full_name=name, password="K7QM-3XHP-W9TD", expires_at=NOW + timedelta(hours=2)),
        "password_changed": messages.password_changed(
            full_name=name, when=NOW, not_me_link=confirmation.not_me_link(NOT_ME_TOKEN)),
        "new_device": messages.new_device(
            full_name=name, when=NOW, device=devices.describe(CHROME_ANDROID), place="177.32.145.10",
            not_me_link=confirmation.not_me_link(NOT_ME_TOKEN)),
        "two_step_enabled": messages.two_step_enabled(
            full_name=name, when=NOW, not_me_link=confirmation.not_me_link(NOT_ME_TOKEN)),
        "two_step_disabled": messages.two_step_disabled(
            full_name=name, when=NOW, not_me_link=confirmation.not_me_link(NOT_ME_TOKEN)),
        "two_step_codes_renewed": messages.two_step_codes_renewed(
            full_name=name, when=NOW, not_me_link=confirmation.not_me_link(NOT_ME_TOKEN)),
        "wrong_codes": messages.wrong_codes(
            full_name=name, when=NOW, count=5, not_me_link=confirmation.not_me_link(NOT_ME_TOKEN)),
        "email_change_confirmation": messages.email_change_confirmation(
            full_name=name, link=confirmation.confirmation_link(TOKEN), expires_at=NOW + timedelta(hours=48)),
        "email_change_notice": messages.email_change_notice(
            full_name=name, new_email_masked=mask("conceicao.daavila@yahoo.com.br"),
            not_me_link=confirmation.not_me_link(NOT_ME_TOKEN)),
        "support_receipt": messages.support_receipt(
            full_name=name, protocol=PROTOCOL, topic=dict(TOPICS)["usuario-ou-senha-invalido"],
            description="Tentei entrar várias vezes e a página diz que a senha está errada. "
                        "Já troquei a senha ontem à noite e não recebi o e-mail de confirmação."),
        "support_reply": messages.support_reply(
            full_name=name, protocol=PROTOCOL,
            reply="Olá, Conceição! Verificamos a sua conta: o e-mail já está confirmado. "
                  "Tente entrar de novo com a senha nova; se não conseguir, ligue 156."),
        "two_step_off_by_staff": messages.two_step_off_by_staff(
            full_name=name, protocol=PROTOCOL, when=NOW, not_me_link=confirmation.not_me_link(NOT_ME_TOKEN)),
        # As portal/accounts/privacy.py sends it.
        "account_deleted": messages.notice(
            subject=texts.MAIL_DELETED_SUBJECT, full_name=name, paragraphs=[texts.MAIL_DELETED]),
    }


def outbox_row(mail: EmailData, cfg: config.Settings | None = None, to: str = RECIPIENT) -> OutboxMessage:
    return OutboxMessage(message_id=addresses.new_message_id(cfg), to_address=to, subject=mail.subject,
                         body_text=mail.text, body_html=mail.html, created_at=NOW, next_attempt_at=NOW,
                         bounce_tag=addresses.new_bounce_tag())


def final_bytes(mail: EmailData, cfg: config.Settings | None = None) -> bytes:
    """The message exactly as it is handed to the relay."""
    return sender.build(outbox_row(mail, cfg), cfg).as_bytes()


# --- DKIM ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def key_file(private_key, tmp_path):
    """The key as `openssl genrsa -out dkim-portal.pem 2048` writes it (OpenSSL 3: PKCS#8 PEM)."""
    path = tmp_path / "dkim-portal.pem"
    path.write_bytes(private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return path


@pytest.fixture
def signing_settings(key_file, monkeypatch) -> config.Settings:
    """Settings read from the environment, as a city configures DKIM (see the README)."""
    monkeypatch.setenv("PORTAL_DKIM_PRIVATE_KEY_FILE", str(key_file))
    monkeypatch.setenv("PORTAL_DKIM_SELECTOR", SELECTOR)
    cfg = config.load_settings()
    assert cfg.dkim_key.startswith(b"-----BEGIN PRIVATE KEY-----") and cfg.dkim_selector == SELECTOR
    return cfg


def public_key_base64(private_key: rsa.RSAPrivateKey) -> str:
    """What `openssl rsa -in dkim-portal.pem -pubout -outform der | base64 -w0` prints."""
    der = private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


class CityDNS:
    """The city's DNS: the one TXT record the README says to publish, nothing else."""

    def __init__(self, private_key: rsa.RSAPrivateKey) -> None:
        self.name = f"{SELECTOR}._domainkey.{DOMAIN}."
        self.record = f"v=DKIM1; k=rsa; p={public_key_base64(private_key)}"
        self.asked: list[str] = []

    def __call__(self, name: bytes, timeout: int = 5) -> bytes | None:
        self.asked.append(name.decode())
        return self.record.encode() if name.decode() == self.name else None


def signature_tags(message: bytes) -> dict[str, str]:
    header = email.message_from_bytes(message)["DKIM-Signature"]
    unfolded = "".join(header.split())
    return dict(tag.split("=", 1) for tag in unfolded.split(";") if tag)


def test_signed_message_verifies_with_the_published_record(private_key, signing_settings):
    message = final_bytes(messages.temporary_password(full_name="João Conceição", password="K7QM-3XHP-W9TD",
                                                      expires_at=NOW), signing_settings)
    dns = CityDNS(private_key)
    assert dkim.verify(message, dnsfunc=dns) is True
    assert dns.asked == [f"{SELECTOR}._domainkey.{DOMAIN}."]


def test_signature_names_the_sender_domain_selector_and_the_headers_that_matter(signing_settings):
    tags = signature_tags(final_bytes(portal_mails()["confirmation"], signing_settings))
    assert (tags["d"], tags["s"], tags["a"]) == (DOMAIN, SELECTOR, "rsa-sha256")
    signed = set(tags["h"].lower().split(":"))
    assert {"from", "to", "subject", "date", "message-id", "auto-submitted"} <= signed


def test_every_mail_verifies_when_signed(private_key, signing_settings):
    dns = CityDNS(private_key)
    results = {name: dkim.verify(final_bytes(mail, signing_settings), dnsfunc=dns)
               for name, mail in portal_mails().items()}
    assert results == dict.fromkeys(results, True)
    assert len(results) == 14


def _body_start(message: bytes) -> int:
    """Where the first base64 line of the first part's body starts."""
    return re.search(rb"Content-Transfer-Encoding: base64\r?\n\r?\n", message).end()


def test_one_changed_byte_of_the_body_breaks_the_signature(private_key, signing_settings):
    message = final_bytes(portal_mails()["temporary_password"], signing_settings)
    at = _body_start(message)
    original = message[at:at + 1]
    tampered = message[:at] + (b"A" if original != b"A" else b"B") + message[at + 1:]
    assert len(tampered) == len(message) and tampered != message
    assert dkim.verify(message, dnsfunc=CityDNS(private_key)) is True
    assert dkim.verify(tampered, dnsfunc=CityDNS(private_key)) is False


def test_a_changed_subject_breaks_the_signature(private_key, signing_settings):
    message = final_bytes(portal_mails()["temporary_password"], signing_settings)
    subject = re.search(rb"^Subject: .*$", message, re.MULTILINE).group(0)
    tampered = message.replace(subject, b"Subject: Sua conta foi bloqueada", 1)
    assert tampered != message
    assert dkim.verify(tampered, dnsfunc=CityDNS(private_key)) is False


def test_another_key_in_dns_does_not_verify(signing_settings):
    message = final_bytes(portal_mails()["confirmation"], signing_settings)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert dkim.verify(message, dnsfunc=CityDNS(other)) is False


def test_without_a_key_there_is_no_signature(private_key):
    cfg = config.load_settings()
    assert cfg.dkim_key == b""
    message = final_bytes(portal_mails()["confirmation"], cfg)
    assert b"DKIM-Signature" not in message
    assert dkim.verify(message, dnsfunc=CityDNS(private_key)) is False


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_the_readme_command_prints_the_record_key(private_key, key_file):
    """The README's `openssl rsa -pubout -outform der | base64 -w0` gives the p= the DNS test publishes."""
    der = subprocess.run(["openssl", "rsa", "-in", str(key_file), "-pubout", "-outform", "der"],
                         capture_output=True, check=True).stdout
    assert base64.b64encode(der).decode() == public_key_base64(private_key)


# --- Headers ------------------------------------------------------------------------------

def parsed(message: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(message, policy=email.policy.default)


def test_message_id_is_on_the_sender_domain():
    row = outbox_row(portal_mails()["confirmation"])
    headers = parsed(sender.build(row).as_bytes())
    assert headers["Message-ID"] == row.message_id
    assert re.fullmatch(r"<[0-9a-f]{32}@campinas\.sp\.gov\.br>", headers["Message-ID"])
    assert headers["Message-ID"].endswith(f"@{DOMAIN}>")


def test_mail_is_marked_auto_generated():
    headers = parsed(final_bytes(portal_mails()["support_reply"]))
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["X-Auto-Response-Suppress"] == "All"


def test_from_is_the_configured_sender_and_to_the_recipient():
    headers = parsed(final_bytes(portal_mails()["new_device"]))
    assert str(headers["From"]) == MAIL_FROM
    sender_address = headers["From"].addresses[0]
    assert (sender_address.display_name, sender_address.addr_spec) == ("Portal de Serviços",
                                                                       "nao-responda@campinas.sp.gov.br")
    assert str(headers["To"]) == RECIPIENT


def test_subject_date_and_mime_version_are_there():
    headers = parsed(final_bytes(portal_mails()["temporary_password"]))
    assert headers["Subject"] == "Sua senha temporária do Portal de Serviços"
    assert headers["MIME-Version"] == "1.0"
    assert headers["Date"].datetime.tzinfo is not None


# --- The plain-text part says what the HTML says -------------------------------------------

class VisibleText(HTMLParser):
    """Lines of visible text (one per block) and the links of an HTML mail."""

    BLOCKS = {"p", "br", "div", "td", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "body"}
    HIDDEN = {"head", "title", "style", "script"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.links: list[str] = []
        self._hidden = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in self.HIDDEN
        if tag in self.BLOCKS:
            self.lines.append("")
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in self.HIDDEN
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.lines[-1] += data

    def sentences(self) -> list[str]:
        found = []
        for line in self.lines:
            line = " ".join(line.split())
            found.extend(s for s in re.split(r"(?<=[.!?])\s+", line) if s)
        return found


def missing_from_text(mail: EmailData) -> dict[str, list[str]]:
    """The links and sentences of the HTML part that the text part lacks."""
    html = VisibleText(mail.html)
    text = " ".join(mail.text.split())
    return {
        "links": [link for link in html.links if link not in mail.text],
        "sentences": [s for s in html.sentences() if s not in text and s not in HTML_ONLY],
    }


@pytest.mark.parametrize("kind", ["confirmation", "temporary_password", "password_changed", "new_device",
                                  "two_step_enabled", "two_step_disabled", "two_step_codes_renewed", "wrong_codes",
                                  "email_change_confirmation", "email_change_notice", "support_receipt",
                                  "support_reply", "two_step_off_by_staff", "account_deleted"])
def test_text_part_has_every_link_and_sentence_of_the_html(kind):
    mail = portal_mails()[kind]
    html = VisibleText(mail.html)
    assert len(html.sentences()) >= 6  # the parser found the body, not just the header
    assert missing_from_text(mail) == {"links": [], "sentences": []}


def test_the_list_of_mails_is_complete():
    """A new function in messages.py that builds mail must be added to portal_mails()."""
    functions = {name: value for name, value in vars(messages).items()
                 if callable(value) and getattr(value, "__module__", "") == messages.__name__}
    builders = {name for name, function in functions.items()
                if not name.startswith("_") and function.__annotations__.get("return") == "EmailData"}
    # notice() itself is covered by the mail another module builds with it.
    assert builders - {"render", "notice"} == set(portal_mails()) - {"account_deleted"}


def test_links_are_https_on_the_city_domain():
    for name, mail in portal_mails().items():
        for link in VisibleText(mail.html).links:
            assert link.startswith(f"{BASE_URL}/"), (name, link)


def test_the_check_catches_a_sentence_or_link_only_in_html():
    mail = portal_mails()["password_changed"]
    link = "https://servicos.campinas.sp.gov.br/outra"
    html = mail.html.replace("</body>", f'<p>Frase só no HTML. <a href="{link}">Outro link</a></p></body>')
    assert missing_from_text(EmailData(mail.subject, mail.text, html)) == {
        "links": [link], "sentences": ["Frase só no HTML.", "Outro link"]}
    dropped = mail.text.replace(texts.MAIL_NOT_ME_EXPLAIN, "")
    assert missing_from_text(EmailData(mail.subject, dropped, mail.html))["sentences"] != []
