"""What a citizen sees when something breaks on the server: Portuguese, never a trace.

A database outage sends the browser to /indisponivel, a static page that says so and
offers to try again; any other unexpected error shows a short Portuguese notice.
"""

from __future__ import annotations

import logging

import reflex as rx
from reflex.event import EventSpec
from sqlalchemy import exc as sa_exc

from portal import routes, texts
from portal.hashing_pool import Busy
from portal.local_time import wait_phrase

log = logging.getLogger("portal.errors")

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


def backend_exception_handler(exception: Exception) -> EventSpec:
    if isinstance(exception, Busy):  # a burst of password checks: not an error, a wait
        log.info("password checks queue full, asked to retry in %s s", exception.retry_in)
        return rx.toast.warning(texts.SERVER_BUSY.format(wait=wait_phrase(exception.retry_in)),
                                id="servidor-ocupado", position="top-center", duration=10000)
    # A custom handler replaces Reflex's own logging, so the trace is logged here.
    if is_database_outage(exception):
        log.error("database unreachable: %s", exception)
        return rx.redirect(routes.UNAVAILABLE)
    log.error("unhandled error in an event handler", exc_info=exception)
    return rx.toast.error(texts.GENERIC_ERROR, id="erro-servidor", position="top-center", duration=10000)
