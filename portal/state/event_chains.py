"""Which event a page sent each event of this process belongs to, so that what such an event
needs to know about the session is looked up once, not once per handler it sets off.

Reflex runs an event a page sends (a click, a keystroke, the reconnect of a page) as a chain:
a handler may return more events (the page's on_load handlers after the reconnect, a
background watch after a submit), each run as an event of its own, in this process, for the
same tab. Reflex gives each a random transaction id and the id of the event that chained it
(``EventContext.txid`` and ``parent_txid``; tests/unit/test_reflex_internals.py). The
middleware notes every event here as it starts (``note``); a handler then finds its chain
(``current``) and what was looked up in it.
"""

from __future__ import annotations

import collections
import dataclasses
import time
from collections.abc import Callable
from typing import Any

from reflex_base.event.context import EventContext

# How long a look-up serves the rest of its chain. A page's chain runs in well under a second;
# past this a handler looks again, so a long chain (a handler that chains itself) still sees a
# session end. Also how long an event is remembered here.
REUSE_SECONDS = 10.0

NOTHING = object()  # recall(): nothing kept for that key


@dataclasses.dataclass(eq=False)
class Chain:
    tab: str  # Reflex's client token: a chain never serves another tab
    _kept: dict[Any, tuple[Any, float]] = dataclasses.field(default_factory=dict)

    def keep(self, key: Any, value: Any, now: float) -> None:
        self._kept[key] = (value, now)

    def recall(self, key: Any, now: float) -> Any:
        """What was kept for ``key`` in this chain, or NOTHING (none, or too old)."""
        value, at = self._kept.get(key, (NOTHING, now))
        return value if now - at < REUSE_SECONDS else NOTHING


def _event() -> EventContext | None:
    try:
        context = EventContext.get()
    except LookupError:  # not inside Reflex's event processing (a test calling a handler)
        return None
    return context if context.txid else None  # the processor's own context belongs to no event


class EventChains:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._seen: collections.OrderedDict[str, tuple[Chain, float]] = collections.OrderedDict()

    def now(self) -> float:
        return self._clock()

    def note(self) -> None:
        """The event now starting joins the chain of the event that chained it (if that one
        is still remembered, for the same tab), or starts a chain of its own."""
        event = _event()
        if event is None or event.txid in self._seen:
            return
        now = self._clock()
        while self._seen and now - next(iter(self._seen.values()))[1] >= REUSE_SECONDS:
            self._seen.popitem(last=False)
        parent = self._seen.get(event.parent_txid) if event.parent_txid else None
        chain = parent[0] if parent is not None and parent[0].tab == event.token else Chain(event.token)
        self._seen[event.txid] = (chain, now)

    def current(self) -> Chain | None:
        """The chain of the event being processed; None outside one, or for an event not noted."""
        event = _event()
        found = self._seen.get(event.txid) if event is not None else None
        return found[0] if found is not None and found[0].tab == event.token else None


chains = EventChains()
