"""What a citizen sees when something breaks on the server: Portuguese, never a trace.

A database outage sends the browser to /indisponivel, a static page that says so and
offers to try again; any other unexpected error shows a short Portuguese notice.

What a client caused is one warning line in the log, its text bounded (and escaped, as
portal.core.log_lines escapes every record): a page's report of a JavaScript error, a setvar
naming a var that does not exist. Reflex would log the first as a multi-line error and the
second as a traceback, both carrying the client's text verbatim.
"""

from __future__ import annotations

import logging

import reflex as rx
from reflex.event import EventSpec
from reflex.state import EventHandlerSetVar
from sqlalchemy import exc as sa_exc

from portal import filled_texts, texts
from portal.core import routes
from portal.core.hashing_pool import Busy
from portal.local_time import wait_phrase
from portal.core.log_lines import one_line

log = logging.getLogger("portal.errors")

CLIENT_TEXT = 300  # of a client's text in a line: enough to recognise the error
_SETVAR = EventHandlerSetVar.setvar.__code__
_OUTAGES = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.TimeoutError)


def is_database_outage(error: BaseException | None) -> bool:
    """The database could not be reached (not a bug in a query), anywhere in the cause chain."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, _OUTAGES) or type(error).__module__.startswith("psycopg") and "Operational" in type(
                error).__name__:
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _refused_setvar(error: BaseException) -> bool:
    """Reflex's setvar looked up a setter the state does not have: the name came from the
    client (no page of the portal sends one), so the failure is theirs, not a bug."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return isinstance(error, AttributeError) and tb is not None and tb.tb_frame.f_code is _SETVAR


def frontend_exception_handler(exception: Exception) -> None:
    # Anyone can send this event with any text, as often as Reflex's own limit allows.
    log.warning("error reported by a page: %s", one_line(str(exception), CLIENT_TEXT))


def backend_exception_handler(exception: Exception) -> EventSpec:
    if isinstance(exception, Busy):  # a burst of password checks: not an error, a wait
        log.info("password checks queue full, asked to retry in %s s", exception.retry_in)
        return rx.toast.warning(texts.SERVER_BUSY.format(wait=wait_phrase(exception.retry_in)),
                                id="servidor-ocupado", position="top-center", duration=10000)
    if is_database_outage(exception):
        log.error("database unreachable: %s", exception)
        return rx.redirect(routes.UNAVAILABLE)
    if _refused_setvar(exception):
        log.warning("setvar refused: %s", one_line(str(exception), CLIENT_TEXT))
    else:
        # A custom handler replaces Reflex's own logging, so the trace is logged here.
        log.error("unhandled error in an event handler", exc_info=exception)
    return rx.toast.error(filled_texts.generic_error(), id="erro-servidor", position="top-center",
                          duration=10000)
