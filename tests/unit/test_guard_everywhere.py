"""Every event handler of every protected state is the guard's wrapper (issue 22).

The handlers are enumerated the way Reflex knows them: each state class's ``event_handlers``
(its body, its mixins, the ``setvar`` and ``set_*`` setters Reflex makes), the handlers it
inherits, and what Reflex dispatches by event name. A handler added tomorrow without the
guard fails here with its name, without a browser (tests/browser/test_guard.py then calls
each one over a websocket).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import reflex as rx
from reflex.utils.format import format_event_handler
from reflex_base.registry import RegistrationContext

import portal.portal  # noqa: F401 - registers every state class
from portal.accounts.access import Access
from portal.state.account import AccountState
from portal.state.desk import DeskState
from portal.state.personal import (CitizenState, PersonalState, StaffState, TemporaryPasswordState, access_of,
                                   guard_of)
from portal.state.recovery import NewPasswordState
from portal.state.two_step import TwoStepState

ROOT = Path(__file__).resolve().parents[2]


def _all_states() -> list[type[rx.State]]:
    found, pending = [], [rx.State]
    while pending:
        state = pending.pop()
        found.append(state)
        pending.extend(state.get_substates())
    return found


PROTECTED = sorted((state for state in _all_states() if access_of(state) is not Access.PUBLIC),
                   key=lambda state: state.get_full_name())


def unguarded(states) -> list[str]:
    """The handlers of these states that are not the guard of their state's level."""
    return [f"{state.__name__}.{name}" for state in states for name, handler in state.event_handlers.items()
            if guard_of(handler.fn) is not access_of(state)]


def test_the_protected_states_are_all_found():
    assert {CitizenState, StaffState, TemporaryPasswordState, AccountState, TwoStepState, DeskState,
            NewPasswordState} <= set(PROTECTED)
    assert PersonalState not in PROTECTED


def test_every_handler_of_every_protected_state_is_the_guard():
    assert unguarded(PROTECTED) == [], "handlers of a protected state without the guard of its level"


def test_reflex_setvar_is_guarded_too():
    for state in PROTECTED:
        assert guard_of(state.event_handlers["setvar"].fn) is access_of(state), state.__name__
        assert state.setvar is state.event_handlers["setvar"]


def test_what_reflex_dispatches_is_the_guard():
    """The handler Reflex finds by an event's name (what a websocket message names), for every
    handler of a protected state, and every registered handler a protected state owns."""
    registered = RegistrationContext.get().event_handlers
    for state in PROTECTED:
        for name, handler in state.event_handlers.items():
            assert registered[format_event_handler(handler)].handler is handler, f"{state.__name__}.{name}"
    owned = [name for name, entry in registered.items()
             if access_of(entry.states[0]) is not Access.PUBLIC and guard_of(entry.handler.fn) is None]
    assert owned == []


def test_inherited_handlers_are_guarded_or_known_public_ones():
    """A protected state also answers, as Python attributes, the handlers of its bases: those of
    a protected base are guarded by it; those of PersonalState and Reflex's State are public by
    design, and only these."""
    public = set()
    for state in PROTECTED:
        for name in dir(state):
            handler = getattr(state, name, None)
            if not isinstance(handler, rx.EventHandler):
                continue
            owner = handler.state
            if access_of(owner) is not Access.PUBLIC:
                assert guard_of(handler.fn) is access_of(owner), f"{state.__name__}.{name}"
            elif owner is PersonalState:
                public.add(name)
            else:
                assert owner.__module__.startswith("reflex."), f"{state.__name__}.{name} from {owner}"
    # "Sair", and forgetting this very tab (a public method of PersonalState, hence a handler).
    assert public == {"sign_out", "forget"}


def test_the_guard_keeps_what_reflex_reads_from_a_handler():
    for state in PROTECTED:
        for name, handler in state.event_handlers.items():
            original = rx.EventHandler(fn=handler.fn.__wrapped__, state=state)
            assert handler.is_background == original.is_background, f"{state.__name__}.{name}"
            assert format_event_handler(handler) == format_event_handler(original)
    assert AccountState.event_handlers["watch_delivery"].is_background


def test_only_the_reviewed_handlers_skip_the_database_look_up():
    """display_only handlers of a protected state run for the tab's last allowed person
    without a look-up: adding one is a security decision, reviewed here."""
    lighter = sorted(f"{state.__name__}.{name}" for state in PROTECTED
                     for name, handler in state.event_handlers.items()
                     if getattr(handler.fn, "_portal_display_only", False))
    assert lighter == ["NewPasswordState.password_key", "NewPasswordState.toggle_password"]


def test_an_unguarded_handler_is_named():
    class Forged:  # stands for a state whose handler escaped the guard
        event_handlers = {"leak": rx.EventHandler(fn=lambda self: None)}

    assert unguarded([Forged]) == ["Forged.leak"]


def test_setters_reflex_makes_when_asked_to_are_guarded():
    """With auto-setters on (REFLEX_STATE_AUTO_SETTERS=true), Reflex makes a set_<var> handler
    for each var; in a protected state it is guarded like the rest (own process: the class
    made here would stay in this one's state tree)."""
    probe = """
import json
import reflex as rx
from portal.state.personal import CitizenState, guard_of

class Probe(CitizenState):
    note: str = ""

print(json.dumps({name: str(guard_of(handler.fn)) for name, handler in Probe.event_handlers.items()}))
"""
    env = {**os.environ, "REFLEX_STATE_AUTO_SETTERS": "true"}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    guards = json.loads(done.stdout.strip().splitlines()[-1])
    assert guards == {"setvar": "citizen", "set_note": "citizen"}
