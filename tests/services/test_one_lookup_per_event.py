"""The session is looked up once per event a page sends, however many guarded handlers that
event sets off (issue 22), and a look-up never serves another event, tab or person.

Each event goes through the app's own Reflex event processor and middleware, as the websocket
hands it over, with everything it chains; every look-up of a session cookie (``access.viewer``,
the database part of ``authorize``) is counted. Opening Minha conta sends two events: the
reconnect (``hydrate_and_load``, whose chain runs the page's three on_load handlers) and the
menu's ``learn``. Before issue 22 they cost 4 look-ups (5 on a reload); a keystroke on
/nova-senha cost 1.
"""

from __future__ import annotations

import json
import uuid

import pytest
import reflex as rx
from reflex.event import Event
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from reflex.state import OnLoadInternalState
from reflex_base.event.processor import BaseStateEventProcessor

import portal.portal as portal_app
from portal.web.cookies import SESSION_COOKIE
from portal.core import routes
from portal.accounts import access, sessions
from portal.state import delivery_status
from portal.state.account import AccountState
from portal.state.menu import MenuState
from portal.state.my_requests import MyRequestsState
from portal.state.personal import PersonalState
from portal.state.recovery import NewPasswordState
from portal.state.two_step import TwoStepState
from tests.run_async import run_async
from tests.services.conftest import PASSWORD

RECONNECT = f"{rx.State.get_full_name()}.{rx.constants.CompileVars.HYDRATE_AND_LOAD}"
NAVIGATE = f"{OnLoadInternalState.get_full_name()}.on_load_internal"  # a link followed within the app
LEARN = f"{MenuState.get_full_name()}.learn"
KEYSTROKE = f"{NewPasswordState.get_full_name()}.password_key"


@pytest.fixture
def lookups(monkeypatch) -> list[str | None]:
    """The session tokens looked up, in order."""
    seen: list[str | None] = []
    real = access.viewer

    def counted(db, token, now=None):
        seen.append(token)
        return real(db, token, now)

    monkeypatch.setattr(access, "viewer", counted)
    return seen


class Server:
    """The app's event processor; what it sends the tabs is kept here, in the place of Reflex's
    EventNamespace (the websocket), of which the processor only calls emit_update."""

    def __init__(self):
        self.states = StateManagerMemory()
        self.processor = BaseStateEventProcessor(middleware=portal_app.app)
        self.sent: dict[str, list[str]] = {}  # frontend events (redirects…), per tab
        self.deltas: dict[str, list[str]] = {}  # state changes, as the websocket would carry them

    async def emit_update(self, update, token: str) -> None:
        self.sent.setdefault(token, []).extend(event.name for event in update.events)
        if update.delta:
            self.deltas.setdefault(token, []).append(json.dumps(update.delta, default=str,
                                                                ensure_ascii=False))


class Tab:
    """One browser tab: its client token, the cookie its websocket was opened with, its page."""

    def __init__(self, server: Server, cookie_token: str | None, path: str):
        self.server, self.token, self.path = server, uuid.uuid4().hex, path
        self.cookie = f"{SESSION_COOKIE}={cookie_token}" if cookie_token else ""

    def _event(self, name: str, payload: dict) -> Event:
        router_data = {"pathname": self.path, "asPath": self.path, "query": {}, "token": self.token,
                       "sid": "sid-" + self.token, "ip": "203.0.113.9",
                       "headers": {"cookie": self.cookie, "user-agent": "Teste"}}
        return Event(name=name, payload=payload, router_data=router_data)

    async def send(self, name: str, **payload) -> None:
        """An event as the websocket hands it to Reflex; returns once its whole chain ran."""
        await (await self.enqueue(name, **payload)).wait_all()

    async def enqueue(self, name: str, **payload):
        return await self.server.processor.enqueue(self.token, self._event(name, payload))

    async def state(self, state_class):
        root = await self.server.states.get_state(BaseStateToken(ident=self.token, cls=state_class))
        return await root.get_state(state_class)

    @property
    def redirected(self) -> bool:
        return "_redirect" in self.server.sent.get(self.token, [])


def _run(scenario):
    async def main():
        app = portal_app.app
        with app.set_contexts():
            server = Server()
            async with server.processor.configure(state_manager=server.states, event_namespace=server):
                return await scenario(server)

    return run_async(main())


@pytest.fixture
def citizen(db, confirmed_account) -> str:
    return sessions.start(db, confirmed_account)


def test_opening_minha_conta_looks_the_session_up_once_per_event(citizen, lookups):
    async def scenario(server):
        tab = Tab(server, citizen, routes.ACCOUNT)
        counts = []
        # The first visit, a reload (the tab now remembers whose data it holds), then coming
        # back to the page from another one of the app.
        for opening in (RECONNECT, RECONNECT, NAVIGATE):
            before = len(lookups)
            await tab.send(opening)
            counts.append(len(lookups) - before)
            before = len(lookups)
            await tab.send(LEARN)
            counts.append(len(lookups) - before)
        return counts

    counts = _run(scenario)

    assert counts == [1, 1] * 3
    assert lookups == [citizen] * 6


def test_minha_conta_is_loaded_by_the_one_look_up(citizen, lookups):
    async def scenario(server):
        tab = Tab(server, citizen, routes.ACCOUNT)
        await tab.send(RECONNECT)
        return ((await tab.state(AccountState)).full_name, (await tab.state(MyRequestsState)).loaded,
                (await tab.state(TwoStepState)).has_password, tab.redirected)

    name, requests_loaded, has_password, redirected = _run(scenario)

    assert name and requests_loaded and has_password and not redirected
    assert len(lookups) == 1


def test_a_keystroke_on_nova_senha_needs_no_look_up(db, confirmed_account, lookups):
    temporary = sessions.start(db, confirmed_account, must_change_password=True)

    async def scenario(server):
        tab = Tab(server, temporary, routes.NEW_PASSWORD)
        await tab.send(RECONNECT)  # the page's on_load (check): the one look-up of its visit
        opened = len(lookups)
        for key in "ABC":  # typed with Caps Lock on
            await tab.send(KEYSTROKE, key=key, info={"shift_key": False})
        return opened, len(lookups) - opened, (await tab.state(NewPasswordState)).caps_lock

    opened, per_keystrokes, caps_lock = _run(scenario)

    assert (opened, per_keystrokes) == (1, 0)
    assert caps_lock is True


def test_a_keystroke_in_a_tab_nobody_was_allowed_in_is_checked_and_refused(citizen, lookups):
    async def scenario(server):
        stranger = Tab(server, None, routes.NEW_PASSWORD)
        await stranger.send(KEYSTROKE, key="A", info={"shift_key": False})
        # A citizen whose session is not a temporary-password one: the rule says no, so the
        # remembered person does not let the keystroke through either.
        citizen_tab = Tab(server, citizen, routes.NEW_PASSWORD)
        await citizen_tab.send(LEARN)
        await citizen_tab.send(KEYSTROKE, key="A", info={"shift_key": False})
        return ([stranger.redirected, (await stranger.state(NewPasswordState)).caps_lock],
                [citizen_tab.redirected, (await citizen_tab.state(NewPasswordState)).caps_lock])

    stranger, citizen_tab = _run(scenario)

    assert stranger == [True, False] and citizen_tab == [True, False]
    assert lookups == [None, citizen, citizen]


def test_sair_between_the_reconnect_and_its_on_loads_loads_nothing(citizen, lookups):
    """The on_load handlers of a reconnect run after an event the page sent meanwhile: the
    look-up the reconnect made must not serve them once that event was "Sair"."""

    async def scenario(server):
        tab = Tab(server, citizen, routes.ACCOUNT)
        await tab.send(RECONNECT)
        name = (await tab.state(AccountState)).full_name
        before, sent_before = len(lookups), len(server.deltas[tab.token])
        reconnect = await tab.enqueue(RECONNECT)
        sign_out = await tab.enqueue(f"{PersonalState.get_full_name()}.sign_out")
        await reconnect.wait_all()
        await sign_out.wait_all()
        after_sign_out = "".join(server.deltas[tab.token][sent_before + 1:])  # past the reconnect's snapshot
        kept = (await tab.state(AccountState)).full_name
        return name, len(lookups) - before, after_sign_out, kept, tab.redirected

    name, looked_up, sent, kept, redirected = _run(scenario)

    assert looked_up == 2  # the reconnect's, then the first on_load's own: the tab remembered nobody
    assert name and name not in sent and kept == ""
    assert redirected


def test_a_look_up_serves_no_other_tab(db, confirmed_account, citizen, lookups):
    other = sessions.start(db, confirmed_account)

    async def scenario(server):
        tabs = [Tab(server, citizen, routes.ACCOUNT), Tab(server, other, routes.ACCOUNT)]
        futures = [await tab.enqueue(RECONNECT) for tab in tabs]
        for future in futures:
            await future.wait_all()
        return [(await tab.state(AccountState)).signed_in for tab in tabs]

    assert _run(scenario) == [True, True]
    assert sorted(lookups) == sorted([citizen, other])


def test_a_background_watch_chained_by_a_submit_reuses_its_look_up(citizen, lookups, monkeypatch):
    monkeypatch.setattr(delivery_status, "WATCH_SECONDS", 0)  # the watch ends at once

    async def scenario(server):
        tab = Tab(server, citizen, routes.ACCOUNT)
        await tab.send(RECONNECT)
        before = len(lookups)
        await tab.send(f"{AccountState.get_full_name()}.change_email",
                       form_data={"change_email": "novo.endereco@example.com", "email_password": PASSWORD})
        after_submit = len(lookups) - before
        # The status box shown on the page starts its own watch: an event of its own.
        await tab.send(f"{AccountState.get_full_name()}.watch_delivery")
        return after_submit, len(lookups) - before, (await tab.state(AccountState)).email_message

    after_submit, after_watch, message = _run(scenario)

    assert message  # the change was asked for: the watch was chained
    assert (after_submit, after_watch) == (1, 2)
