"""Every event handler of a protected state, called over a raw websocket with no session.

A browser only sends the events its page offers; an attacker sends any event name. This
test enumerates the handlers of every protected state (so a handler added tomorrow is
covered too) and calls each with plausible arguments and no session cookie: each must
answer by sending the tab away, change nothing and show none of the data it guards.
"""

from __future__ import annotations

import inspect
import sqlite3

import pytest
from playwright.sync_api import Page

import portal.portal  # noqa: F401 - registers every state class
from portal.accounts.access import Access
from portal.state.personal import access_of, personal_state_classes
from tests.browser.citizen import PASSWORD, new_cpf, new_email
from tests.browser.conftest import RunningApp
from tests.browser.event_socket import EventSocket
from tests.browser.test_support import send_request
from tests.run_async import run_async

DESCRIPTION = "Texto que só a equipe de atendimento pode ler"
FORM = {"email_password": PASSWORD, "change_email": "outro@example.com", "current_password": PASSWORD,
        "new_password": "uma senha nova e longa", "new_password_confirm": "uma senha nova e longa",
        "delete_password": PASSWORD, "reply": "resposta de quem não é atendente"}

PROTECTED = sorted(
    (state.get_full_name(), name, handler)
    for state in personal_state_classes() if access_of(state) is not Access.PUBLIC
    for name, handler in state.event_handlers.items() if name != "setvar"
)


def _sample(name: str, annotation) -> object:
    if name in ("form_data",):
        return FORM
    if name == "info":
        return {}
    if annotation in (int, "int") or name.endswith("_id"):
        return 1
    return "todos"


def _payload(handler) -> dict:
    parameters = list(inspect.signature(handler.fn).parameters.values())[1:]
    return {p.name: _sample(p.name, p.annotation) for p in parameters}


async def _call_without_session(url: str, event: str, payload: dict) -> list[str]:
    socket = await EventSocket.open(url)
    try:
        await socket.connect(path="/")
        await socket.emit_event(event, payload, path="/minha-conta")
        received: list[str] = []
        while not any('"_redirect"' in message for message in received):
            message = await socket.receive(timeout=15)
            assert message is not None, f"{event}: connection closed"
            received.append(message)
        return received
    finally:
        await socket.close()


def _snapshot(app: RunningApp) -> list:
    """What an unauthorised event could change or leave behind."""
    with sqlite3.connect(app.workdir / "data" / "portal.db") as db:
        return [db.execute(query).fetchall() for query in (
            "SELECT id, email, password_hash, failed_logins FROM account ORDER BY id",
            "SELECT id, status, updated_at FROM support_request ORDER BY id",
            "SELECT count(*) FROM support_reply",
            "SELECT count(*) FROM staff_audit_entry",
            "SELECT count(*), max(revoked_at) FROM auth_session",
            "SELECT count(*) FROM email_token",
        )]


def test_every_protected_state_is_enumerated():
    names = {(state.rsplit("____", 1)[-1], name) for state, name, _ in PROTECTED}
    assert ("account_state", "delete_account") in names
    assert ("desk_state", "open_request") in names
    assert ("new_password_state", "load") in names


@pytest.fixture(scope="module")
def filed_request(browser, app: RunningApp) -> str:
    context = browser.new_context(base_url=app.url, locale="pt-BR")
    page: Page = context.new_page()
    send_request(page, new_email(), cpf=new_cpf(), description=DESCRIPTION)
    context.close()
    return DESCRIPTION


@pytest.mark.parametrize(("state", "name", "handler"), PROTECTED, ids=[f"{s.rsplit('____', 1)[-1]}.{n}"
                                                                       for s, n, _ in PROTECTED])
def test_protected_handler_without_a_session_sends_the_tab_away(app: RunningApp, filed_request: str, state: str,
                                                                 name: str, handler):
    before = _snapshot(app)

    received = run_async(_call_without_session(app.url, f"{state}.{name}", _payload(handler)))

    everything = "\n".join(received)
    # Sent to the sign-in, which brings the citizen back to the page afterwards; no session was
    # ever seen in this tab, so it does not say "Sua sessão terminou".
    assert "/?voltar=minha-conta" in everything, f"{name}: {everything[-500:]}"
    assert filed_request not in everything
    assert '"allowed_rx_state_":true' not in everything and '"signed_in_rx_state_":true' not in everything
    assert _snapshot(app) == before
