"""What a citizen sees when something breaks on the server: a Portuguese message, never a trace."""

from __future__ import annotations

import logging

import reflex as rx
from reflex.event import EventSpec

from portal import texts

log = logging.getLogger("portal.errors")


def backend_exception_handler(exception: Exception) -> EventSpec:
    # A custom handler replaces Reflex's own logging, so the trace is logged here.
    log.error("unhandled error in an event handler", exc_info=exception)
    return rx.toast.error(texts.GENERIC_ERROR, id="erro-servidor", position="top-center", duration=10000)
