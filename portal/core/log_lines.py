"""Every log record stays on its own line: what a client sent cannot start a line of its own.

Clients put text in what the portal logs (a websocket event or setvar name, a URL path, a page's
JavaScript error, a bounce's reason). Written as sent, "x\\n2026-12-01 10:00:00 portal.audit INFO
…" prints a line that reads like the portal's own. Escaping at each call would miss the records
of python-engineio and Reflex, so the records themselves escape: every logging call in the
process makes a OneLineRecord, whose message has its control characters (CR, LF, ESC, bidi
overrides…) written as escapes and is bounded, and whose traceback keeps the server's frames but
escapes each exception's message. Call sites still bound a client's value to what is useful.
"""

from __future__ import annotations

import logging
import traceback
import types

MAX_MESSAGE = 4000  # Reflex's "failed event" records run to a few KB; nothing useful is longer
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"
_CHAINED = 20


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """Non-printable characters as escapes (a newline becomes \\n), at most `limit` of the text."""
    cut = text[:limit]  # before escaping, so a huge value costs no more than a short one
    if not cut.isprintable():
        cut = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in cut)
    return cut + ("…" if len(text) > limit else "")


def _message(error: BaseException) -> str:
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    try:
        text = str(error)
    except Exception:  # noqa: BLE001 - as the traceback module does, a broken __str__ is not our failure
        text = "<exception str() failed>"
    notes = [one_line(str(note)) + "\n" for note in getattr(error, "__notes__", None) or ()]
    return "".join([f"{name}: {one_line(text)}\n" if text else f"{name}\n", *notes])


def traceback_text(error: BaseException) -> str:
    """As the traceback module prints it (chained exceptions first), each message on one line."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < _CHAINED:
        seen.add(id(current))
        frames = traceback.format_tb(current.__traceback__) if current.__traceback__ else []
        head = ["Traceback (most recent call last):\n", *frames] if frames else []
        parts[:0] = [*head, _message(current)]
        if current.__cause__ is not None:
            current, link = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, _CONTEXT
        else:
            break
        parts.insert(0, link)
    return "".join(parts).removeprefix(_CAUSE).removeprefix(_CONTEXT).rstrip("\n")


class OneLineRecord(logging.LogRecord):
    # Reflex's console handler word-wraps at 80 columns, so a long escaped line would still put
    # the client's text at the start of a printed line; it reads this for its print options. A
    # class attribute, so a caller's extra={"rich_kwargs": …} still replaces it.
    rich_kwargs = types.MappingProxyType({"soft_wrap": True})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.exc_info and self.exc_info[1] is not None:
            # Formatters use exc_text when it is set instead of formatting exc_info themselves.
            self.exc_text = traceback_text(self.exc_info[1])

    def getMessage(self) -> str:
        return one_line(super().getMessage())


def install() -> None:
    """Every record of this process from now on is a OneLineRecord (rxconfig.py calls this in
    each Reflex process: the CLI and each worker)."""
    logging.setLogRecordFactory(OneLineRecord)
