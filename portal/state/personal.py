"""The base of every state that holds a person's data, and the one guard of protected pages.

Shared computers (lan houses, CRAS, postos de atendimento) pass one browser tab from one
citizen to the next. So every state that may hold someone's name, CPF, e-mail or a staff
member's view of a request derives from ``PersonalState``:

- "Sair", a failed guard and a session that ended elsewhere reset all of them at once
  (``forget``), so the next person in the tab receives none of it;
- a state that derives from ``CitizenState``, ``StaffState`` or ``TemporaryPasswordState``
  has every event handler wrapped by the guard of that access level when the class is
  created: a new handler cannot forget the check. The rule itself is
  ``portal.accounts.access.authorize``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import reflex as rx
from reflex.middleware import Middleware
from reflex_base.event import BACKGROUND_TASK_MARKER

from portal import routes
from portal.accounts import access as access_rules
from portal.accounts import sessions
from portal.accounts.access import Access, Viewer
from portal.state.services import call, session_token

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
        level = access_of(cls)
        if level is not Access.PUBLIC:
            _guard_every_handler(cls, level)
        super().__init_subclass__(**kwargs)

    async def _base(self) -> PersonalState:
        return self if type(self) is PersonalState else await self.get_state(PersonalState)

    async def _remember(self, viewer: Viewer | None) -> None:
        base = await self._base()
        if base._viewer != viewer:  # an unchanged state is not written back (Redis) after the event
            base._viewer = viewer
        if viewer is not None and base._session_ended:
            base._session_ended = False

    async def _look_up_viewer(self) -> Viewer | None:
        """The signed-in person of this tab's browser, remembered as the owner of its data."""
        found = await call(access_rules.viewer, session_token(self.router.headers.cookie))
        await self._remember(found)
        return found

    async def _guard(self, level: Access) -> rx.event.EventSpec | None:
        """None when this event may run; otherwise the tab is forgotten and sent away."""
        decision = await call(access_rules.authorize, session_token(self.router.headers.cookie), level)
        if decision.allowed:
            await self._remember(decision.viewer)
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


def _handler_functions(cls: type) -> dict[str, Callable]:
    """The event handler functions a state class gets from its own body and its mixins."""
    found: dict[str, Callable] = {}
    for klass in cls.__mro__:
        if klass in PersonalState.__mro__:
            continue  # PersonalState's own handlers (sign_out) and Reflex's are public
        for name, value in vars(klass).items():
            if (not name.startswith("_") and inspect.isfunction(value) and name not in found
                    and not getattr(value, "__override_base_method__", False)):
                found[name] = value
    return found


def _guard_every_handler(cls: type, level: Access) -> None:
    # Runs before Reflex turns the class's functions into event handlers, so what Reflex
    # registers is the guarded function (mixin handlers included: the guarded copy set
    # here takes their place).
    for name, fn in _handler_functions(cls).items():
        setattr(cls, name, _guarded(fn, level))


def _guarded(fn: Callable, level: Access) -> Callable:
    if getattr(fn, BACKGROUND_TASK_MARKER, False):
        # A background event holds no lock on the tab's state: the guard takes it to look.
        @functools.wraps(fn)
        async def guarded_background(self: PersonalState, *args: Any, **kwargs: Any):
            async with self:
                refusal = await self._guard(level)
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

        return guarded_background

    if inspect.isasyncgenfunction(fn):
        @functools.wraps(fn)
        async def guarded_stream(self: PersonalState, *args: Any, **kwargs: Any):
            refusal = await self._guard(level)
            if refusal is not None:
                yield refusal
                return
            async for update in fn(self, *args, **kwargs):
                yield update

        return guarded_stream

    @functools.wraps(fn)
    async def guarded(self: PersonalState, *args: Any, **kwargs: Any):
        refusal = await self._guard(level)
        if refusal is not None:
            return refusal
        result = fn(self, *args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    return guarded


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

    _HYDRATE_EVENTS = frozenset(f"{rx.State.get_full_name()}.{name}" for name in ("hydrate", "hydrate_and_load"))

    async def preprocess(self, app, state, event):
        if event.name not in self._HYDRATE_EVENTS:
            return None
        for state_class in _PER_VISIT:
            (await state.get_state(state_class)).reset()
        base = await state.get_state(PersonalState)
        if base._viewer is None:
            return None
        found = await call(access_rules.viewer, session_token(state.router.headers.cookie))
        if found is None or found.session_id != base._viewer.session_id:
            await base.forget()
        return None
