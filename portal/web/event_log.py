"""One warning line, not an error with a traceback, when a client sends a malformed event.

Anyone can write garbage to the websocket; python-engineio, Reflex and uvicorn (a text frame
that is not UTF-8) log each such message as an error with a full traceback (and Reflex adds
the request headers, session cookie included, for an unknown event name). That buries real
errors and lets a client write to the log at will. These filters rewrite those records, and
only those, in place: real failures (database, Redis, bugs in the portal's handlers) still
log in full.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePath

from reflex_base.utils.exceptions import EventDeserializationError

# Where the records come from (python-engineio, Reflex 0.10.1, uvicorn's websocket).
ENGINEIO_LOGGER = "engineio.server"
UVICORN_LOGGER = "uvicorn.error"
REFLEX_APP_LOGGER = "reflex.app"
REFLEX_PROCESSOR_LOGGER = "reflex_base.event.processor.event_processor"

_ENGINEIO_MESSAGES = ("message async handler error", "Unknown receive error")
_UVICORN_NOT_UTF8 = "Invalid UTF-8 sequence received from client."
# Modules that parse and dispatch what the client sent: an exception raised there is about
# the client's message, not about the server.
_PROTOCOL_PACKAGES = {"socketio", "engineio", "json"}
_CLIENT_DATA_ERRORS = (ValueError, TypeError, KeyError, IndexError)
_UNKNOWN_HANDLER = "No registered handler found for event: "
_STRING_EVENT = "Received event data as a string"
_SHORT = 60
# Reflex writes a failed event's repr, router data and request headers included, into the
# message of "Error processing event queue entry": the Cookie header must not reach the log.
_COOKIE_VALUE = re.compile(r"""(['"]cookie['"]\s*:\s*)(['"])(?:(?!\2).)*\2""", re.IGNORECASE)


def _short(text: str) -> str:
    """Client-controlled text made safe for one log line: bounded, newlines escaped."""
    return repr(text[:_SHORT] + ("…" if len(text) > _SHORT else ""))


def _raised_in_protocol(error: BaseException) -> bool:
    tb = error.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return bool(_PROTOCOL_PACKAGES & set(PurePath(tb.tb_frame.f_code.co_filename).parts))


def _as_warning(record: logging.LogRecord, message: str, *args: object) -> None:
    record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
    record.msg, record.args = message, args
    record.exc_info = record.exc_text = record.stack_info = None


class MalformedEvents(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if record.name == ENGINEIO_LOGGER and record.msg in _ENGINEIO_MESSAGES and error is not None:
            if isinstance(error, EventDeserializationError) or (
                    isinstance(error, _CLIENT_DATA_ERRORS) and _raised_in_protocol(error)):
                # engineio's own handler prints the bare message, hence the level in the text.
                _as_warning(record, "Warning: malformed websocket message refused (%s: %s)",
                            type(error).__name__, _short(str(error)))
        elif (record.name == REFLEX_PROCESSOR_LOGGER and isinstance(error, KeyError)
              and str(error.args[0] if error.args else "").startswith(_UNKNOWN_HANDLER)):
            _as_warning(record, "unknown websocket event refused: %s",
                        _short(str(error.args[0]).removeprefix(_UNKNOWN_HANDLER)))
        elif record.name == REFLEX_PROCESSOR_LOGGER and isinstance(record.msg, str):
            record.msg = _COOKIE_VALUE.sub(r"\1\2[removido]\2", record.msg)
        elif (record.name == UVICORN_LOGGER and record.msg == _UVICORN_NOT_UTF8
                and isinstance(error, UnicodeError)):
            # gunicorn's line format already names the level.
            _as_warning(record, "malformed websocket message refused (%s: %s)", type(error).__name__,
                        _short(str(error)))
        elif record.name == REFLEX_APP_LOGGER and str(record.msg).startswith(_STRING_EVENT):
            # The message ends with the client's data, verbatim and as long as the socket allows.
            _as_warning(record, "websocket event sent as a string: %s",
                        _short(str(record.msg).partition("Event data: ")[2]))
        return True


def install() -> None:
    """Attach the filter to the loggers above (once per process; forked workers inherit it)."""
    for name in (ENGINEIO_LOGGER, REFLEX_APP_LOGGER, REFLEX_PROCESSOR_LOGGER, UVICORN_LOGGER):
        logger = logging.getLogger(name)
        if not any(isinstance(existing, MalformedEvents) for existing in logger.filters):
            logger.addFilter(MalformedEvents())
