"""Which event a page sent each event belongs to (portal/state/event_chains.py): what the guard
looks up once per such event, and why it never serves another event, tab or a later moment."""

from __future__ import annotations

import pytest
from reflex_base.event.context import EventContext

from portal.state.event_chains import NOTHING, REUSE_SECONDS, EventChains


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def chains(clock) -> EventChains:
    return EventChains(clock)


def _event(tab: str = "aba-1", parent: EventContext | None = None, txid: str | None = None) -> EventContext:
    if parent is not None:
        return parent.fork(token=tab)
    fields = {"txid": txid} if txid is not None else {}
    return EventContext(token=tab, state_manager=None, enqueue_impl=None, **fields)  # type: ignore[arg-type]


def _start(chains: EventChains, event: EventContext):
    with event:
        chains.note()
        return chains.current()


def test_nothing_outside_an_event(chains):
    chains.note()
    assert chains.current() is None
    with _event(txid=""):  # the event processor's own context belongs to no event
        chains.note()
        assert chains.current() is None


def test_an_event_not_noted_has_no_chain(chains):
    with _event():
        assert chains.current() is None


def test_the_events_a_page_event_chains_share_its_chain(chains, clock):
    page = _event()
    first = _start(chains, page)
    on_load_internal = _event(parent=page)
    assert _start(chains, on_load_internal) is first
    on_loads = [_start(chains, _event(parent=on_load_internal)) for _ in range(3)]
    assert all(chain is first for chain in on_loads)


def test_each_event_a_page_sends_starts_a_chain(chains):
    assert _start(chains, _event()) is not _start(chains, _event())


def test_a_chain_never_serves_another_tab(chains):
    mine = _event("aba-1")
    chain = _start(chains, mine)
    # Reflex never chains across tabs; if an event named another tab's event as its parent, it
    # would still start afresh.
    assert _start(chains, _event("aba-2", parent=mine)) is not chain


def test_what_is_kept_serves_its_key_for_a_while(chains, clock):
    chain = _start(chains, _event())
    chain.keep("cookie-1", "viewer", clock())
    assert chain.recall("cookie-1", clock()) == "viewer"
    assert chain.recall("cookie-2", clock()) is NOTHING
    clock.now += REUSE_SECONDS
    assert chain.recall("cookie-1", clock()) is NOTHING


def test_a_kept_none_is_recalled_as_none(chains, clock):
    chain = _start(chains, _event())
    chain.keep(None, None, clock())
    assert chain.recall(None, clock()) is None


def test_old_events_are_forgotten(chains, clock):
    page = _event()
    _start(chains, page)
    clock.now += REUSE_SECONDS
    later = _event()
    _start(chains, later)
    assert len(chains._seen) == 1
    # An event chained by one that is forgotten starts a chain of its own: it looks again.
    assert _start(chains, _event(parent=page)) is not None


def test_an_event_noted_twice_keeps_its_chain(chains):
    page = _event()
    chain = _start(chains, page)
    assert _start(chains, page) is chain
