"""Database unreachable: a friendly Portuguese page, never a trace; recovery without restart.

Runs a second app on PostgreSQL reached through a TCP proxy the test cuts and restores
(skipped when no PostgreSQL is reachable).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from playwright.sync_api import Page, expect

from tests.browser.citizen import new_cpf, sign_in
from tests.browser.conftest import RunningApp, built_pages, loopback_address, running_app
from tests.browser.smtp import MailServer
from tests.browser.tcp_proxy import TcpProxy

SERVER = os.environ.get("PORTAL_TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    name = f"portal_outage_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(SERVER, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable at {SERVER}: {error}".splitlines()[0])
    admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture(scope="module")
def proxy() -> Iterator[TcpProxy]:
    tcp = TcpProxy(("127.0.0.1", 5432))
    tcp.start()
    yield tcp
    tcp.stop()


@pytest.fixture(scope="module")
def pg_app(tmp_path_factory, run_dir, mail_server: MailServer, database: str, proxy: TcpProxy) -> Iterator[RunningApp]:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/{database}"
    pages = built_pages(run_dir, "default")
    with running_app(tmp_path_factory.mktemp("pgapp"), mail_server, pages,
                     loopback_address(run_dir, pages.port), PORTAL_DATABASE_URL=url) as app:
        yield app


def test_database_outage_shows_a_friendly_page_and_the_app_recovers(open_page, browser, pg_app: RunningApp,
                                                                    proxy: TcpProxy):
    context = browser.new_context(base_url=pg_app.url, locale="pt-BR")
    page: Page = context.new_page()
    try:
        sign_in(page, new_cpf(), "senha qualquer errada")
        expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible()

        proxy.stop()
        sign_in(page, new_cpf(), "senha qualquer errada")
        expect(page.get_by_role("heading", name="Portal temporariamente indisponível")).to_be_visible(timeout=30_000)
        body = page.locator("body").inner_text()
        assert "Traceback" not in body and "sqlalchemy" not in body.lower() and "psycopg" not in body.lower()

        proxy.start()
        page.get_by_role("link", name="Tentar de novo").click()
        sign_in(page, new_cpf(), "senha qualquer errada")
        expect(page.get_by_text("Usuário ou Senha Inválido", exact=True)).to_be_visible(timeout=30_000)
    finally:
        context.close()
