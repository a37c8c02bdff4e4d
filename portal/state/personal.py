"""The base of every state that holds a person's data, and the one guard of protected pages.

Shared computers (lan houses, CRAS, postos de atendimento) pass one browser tab from one
citizen to the next. So every state that may hold someone's name, CPF, e-mail or a staff
member's view of a request derives from ``PersonalState``:

- "Sair", a failed guard and a session that ended elsewhere reset all of them at once
  (``forget``), so the next person in the tab receives none of it;
- a state that derives from ``CitizenState``, ``StaffState`` or ``TemporaryPasswordState``
  has every event handler wrapped by the guard of that access level when the class is
  created (those Reflex generates too: ``setvar``, any ``set_*``): a new handler cannot
  forget the check. The rule itself is ``portal.accounts.access`` (``viewer``, then
  ``decide``: what ``authorize`` does).

The session behind the tab's cookie is looked up once per event the page sends, however many
guarded handlers that event sets off (opening Minha conta: the reconnect and its three
on_load handlers); see ``_event_viewer``.
"""

from __future__ import annotations

import functools
import inspect
import weakref
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

import reflex as rx
from reflex.middleware import Middleware
from reflex_base.registry import RegistrationContext

from portal.core import routes
from portal.accounts import access as access_rules
from portal.accounts import sessions
from portal.accounts.access import Access, Viewer
from portal.state import event_chains
from portal.state.service_calls import call
from portal.web.cookies import session_token

# The level bases below, and the access level each asks for (filled once they exist).
_LEVELS: dict[type, Access] = {}


def access_of(state_class: type) -> Access:
    """The access level a state class asks for: that of the level base it derives from."""
    return next((_LEVELS[klass] for klass in state_class.__mro__ if klass in _LEVELS), Access.PUBLIC)


class PersonalState(rx.State):
    # Whose data this tab holds: set when a handler saw a signed-in session. A reload
    # with another (or no) session forgets everything first (see ForgetOnNewSession).
    _viewer: Viewer | None = None
    # This tab had a session that has ended (expired, revoked, ended elsewhere), as opposed to
    # none ever: the guard then says "Sua sessão terminou" rather than "Entre para ver…".
    # Kept when the tab is forgotten (it is nobody's data: "Sair" included); cleared by a new session.
    _session_ended: bool = False

    def __init_subclass__(cls, **kwargs: Any):
        super().__init_subclass__(**kwargs)
        level = access_of(cls)
        # A mixin gets no handlers of its own: its class attribute is still its parent's.
        if level is not Access.PUBLIC and "event_handlers" in vars(cls):
            _guard_every_handler(cls, level)

    async def _base(self) -> PersonalState:
        return self if type(self) is PersonalState else await self.get_state(PersonalState)

    async def _remember(self, viewer: Viewer | None) -> None:
        base = await self._base()
        if base._viewer != viewer:  # an unchanged state is not written back (Redis) after the event
            base._viewer = viewer
        if viewer is not None and base._session_ended:
            base._session_ended = False

    async def _event_viewer(self) -> Viewer | None:
        """The signed-in person of this tab's browser, looked up once per event the page sent.

        The handlers that event sets off reuse the look-up only while they belong to its chain
        (event_chains: same process, same tab, at most REUSE_SECONDS later), the websocket
        carries the same session cookie, and the tab still remembers that very person. The last
        condition reads the tab's state, under its lock and wherever it is kept (Redis): after
        "Sair", a refusal or a session ended or changed (on this worker or another), the tab
        remembers nobody or someone else, and the next handler looks again."""
        token = session_token(self.router.headers.cookie)
        chain = event_chains.chains.current()
        if chain is not None:
            kept = chain.recall(token, event_chains.chains.now())
            if kept is not event_chains.NOTHING and kept == (await self._base())._viewer:
                return kept
        found = await call(access_rules.viewer, token)
        if chain is not None:
            chain.keep(token, found, event_chains.chains.now())
        return found

    async def _look_up_viewer(self) -> Viewer | None:
        """The signed-in person of this tab's browser, remembered as the owner of its data."""
        found = await self._event_viewer()
        await self._remember(found)
        return found

    async def _guard(self, level: Access, *, display_only: bool = False) -> rx.event.EventSpec | None:
        """None when this event may run; otherwise the tab is forgotten and sent away."""
        if display_only and access_rules.decide((await self._base())._viewer, level).allowed:
            # A handler that only changes how the page looks (see display_only) runs for the
            # person this tab was last allowed for without asking the database; the next
            # other handler still sees a session that has ended since. A tab that remembers
            # nobody allowed is checked in full below, and refused.
            return None
        found = await self._event_viewer()
        decision = access_rules.decide(found, level)
        if decision.allowed:
            await self._remember(found)
            return None
        base = await self._base()
        had_cookie = session_token(self.router.headers.cookie) is not None
        ended = base._session_ended or base._viewer is not None or had_cookie
        await self.forget()
        if decision.redirect != access_rules.SIGNED_OUT:
            return rx.redirect(decision.redirect)
        return rx.redirect(sign_in_again(self.router.page.path, ended=ended))

    async def _current_viewer(self) -> Viewer:
        """The viewer the guard has just checked (only inside a guarded handler)."""
        found = (await self._base())._viewer
        assert found is not None, "called outside a guarded handler"
        return found

    async def forget(self) -> None:
        """Reset every personal state of this tab to its defaults (sent to the page as such);
        the tab only remembers that a session ended here."""
        for state_class in personal_state_classes():
            await self.get_state(state_class)
        base = await self._base()
        ended = base._session_ended or base._viewer is not None
        base.reset()
        if ended:
            base._session_ended = True

    @rx.event
    async def sign_out(self):
        """'Sair': end the session on the server, forget the tab, and let the HTTP endpoint
        drop the HttpOnly cookie (a real navigation)."""
        await call(sessions.revoke, session_token(self.router.headers.cookie))
        await self.forget()
        return rx.call_script(f"window.location.assign('{routes.AUTH_SIGN_OUT}')")


def sign_in_again(page_path: str, *, ended: bool) -> str:
    """The sign-in, for a page that needs a session: "Sua sessão terminou" if one ended in this
    tab (or browser), else "Entre para ver…"; and back to that page afterwards (only pages of
    routes.RETURN_TARGETS: the key comes from the page's own route, never from the URL)."""
    key = routes.return_key_of_path(page_path)
    query = {"sessao": "expirada"} if ended or not key else {}
    if key:
        query[routes.RETURN] = key
    return f"{routes.HOME}?{urlencode(query)}"


class CitizenState(PersonalState):
    """Base of the states only a signed-in citizen may use (Minha conta)."""


class StaffState(PersonalState):
    """Base of the states only a signed-in staff member may use (Atendimento)."""


class TemporaryPasswordState(PersonalState):
    """Base of the states only a session opened with a temporary password may use."""


_LEVELS.update({
    CitizenState: Access.CITIZEN, StaffState: Access.STAFF, TemporaryPasswordState: Access.NEW_PASSWORD,
})


def personal_state_classes() -> list[type[PersonalState]]:
    """Every state class under PersonalState, at any depth."""
    found: list[type[PersonalState]] = []
    pending = list(PersonalState.get_substates())
    while pending:
        state_class = pending.pop()
        found.append(state_class)
        pending.extend(state_class.get_substates())
    return found


# The guard's wrappers and the level each checks (what tests/unit/test_guard_everywhere.py asks).
_GUARDS: weakref.WeakKeyDictionary[Callable, Access] = weakref.WeakKeyDictionary()
_DISPLAY_ONLY = "_portal_display_only"
F = TypeVar("F", bound=Callable)


def guard_of(fn: Callable) -> Access | None:
    """The level a handler function checks when it is the guard's wrapper, else None."""
    return _GUARDS.get(fn)


def display_only(fn: F) -> F:
    """Marks a handler that only changes how the page looks (show the password, the caps-lock
    warning): it reads and writes nothing of the person, so in a protected state it is not
    worth a database look-up per keystroke (see PersonalState._guard). It is still guarded."""
    setattr(fn, _DISPLAY_ONLY, True)
    return fn


def _guard_every_handler(cls: type[PersonalState], level: Access) -> None:
    # Runs once Reflex has made the class's handlers (from its body, its mixins, and its own
    # setvar and set_* setters) and registered them: each is replaced, under the same event
    # name, by a handler whose function is the guarded one. Nothing runs in between, so no
    # event can reach an unguarded one.
    for name, handler in list(cls.event_handlers.items()):
        if guard_of(handler.fn) is level:
            continue
        guarded = rx.EventHandler(fn=_guarded(handler.fn, level, background=handler.is_background),
                                  state=cls, event_actions=dict(handler.event_actions))
        cls.event_handlers[name] = guarded
        setattr(cls, name, guarded)
        RegistrationContext.register_event_handler(guarded, states=(cls,))


def _guarded(fn: Callable, level: Access, *, background: bool) -> Callable:
    display = getattr(fn, _DISPLAY_ONLY, False)
    if background:
        # A background event holds no lock on the tab's state: the guard takes it to look.
        @functools.wraps(fn)
        async def guarded_background(self: PersonalState, *args: Any, **kwargs: Any):
            async with self:
                refusal = await self._guard(level, display_only=display)
            if refusal is not None:
                yield refusal
                return
            result = fn(self, *args, **kwargs)
            if inspect.isasyncgen(result):
                async for update in result:
                    yield update
            else:
                outcome = await result
                if outcome is not None:
                    yield outcome

        _GUARDS[guarded_background] = level
        return guarded_background

    if inspect.isasyncgenfunction(fn):
        @functools.wraps(fn)
        async def guarded_stream(self: PersonalState, *args: Any, **kwargs: Any):
            refusal = await self._guard(level, display_only=display)
            if refusal is not None:
                yield refusal
                return
            async for update in fn(self, *args, **kwargs):
                yield update

        _GUARDS[guarded_stream] = level
        return guarded_stream

    @functools.wraps(fn)
    async def guarded(self: PersonalState, *args: Any, **kwargs: Any):
        refusal = await self._guard(level, display_only=display)
        if refusal is not None:
            return refusal
        # Reflex's setvar lands here too: it calls the state's set_<name>, guarded (so a
        # coroutine it drops) when there is one; nothing is set through it.
        result = fn(self, *args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    _GUARDS[guarded] = level
    return guarded


for _level_base, _level in _LEVELS.items():
    _guard_every_handler(_level_base, _level)  # their own setvar: made before their level was known


# States whose data belong to one visit of their page (what a public lookup showed): reset on
# every page load of the tab, before the snapshot, so the next person in it never receives them.
_PER_VISIT: list[type[PersonalState]] = []


def per_visit(state_class: type[PersonalState]) -> type[PersonalState]:
    _PER_VISIT.append(state_class)
    return state_class


class ForgetOnNewSession(Middleware):
    """When a tab reconnects (page load or reload) and the session its data belongs to has
    ended (Sair elsewhere, expiry, revocation) or changed, forget that data before the
    page receives its first snapshot of the state."""

    # The events a page sends when it (re)connects (tests/unit/test_reflex_internals.py).
    _HYDRATE_EVENTS = frozenset(f"{rx.State.get_full_name()}.{name}" for name in (
        rx.constants.CompileVars.HYDRATE, rx.constants.CompileVars.HYDRATE_AND_LOAD))

    async def preprocess(self, app, state, event):
        # Every event passes here as it starts: its chain is known to the guard from now on.
        event_chains.chains.note()
        if event.name not in self._HYDRATE_EVENTS:
            return None
        for state_class in _PER_VISIT:
            (await state.get_state(state_class)).reset()
        base = await state.get_state(PersonalState)
        if base._viewer is None:
            return None
        found = await base._event_viewer()
        if found is None or found.session_id != base._viewer.session_id:
            await base.forget()
        # Whoever is signed in now: the page's on_load handlers, in this chain, need not look again.
        await base._remember(found)
        return None
