"""A client's text never starts a log line: records escape their messages and tracebacks."""

from __future__ import annotations

import io
import logging

import pytest
from reflex.state import EventHandlerSetVar
from starlette.testclient import TestClient

from portal.core import log_lines
from portal.web import errors
from portal.web.request_log import RequestLog

FORGED = "2026-12-01 10:00:00,000 portal.audit INFO staff 52998224725 opened request forjado"


@pytest.fixture
def log():
    """A logger written as the portal's own lines are (time, logger, level, message), with the
    portal's records; the text written, and the process's record factory put back after."""
    before = logging.getLogRecordFactory()
    log_lines.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("tests.log_lines")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logging.setLogRecordFactory(before)


def _lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


def test_an_injected_line_stays_on_the_line_of_its_record(log):
    logger, stream = log
    logger.warning("unknown websocket event refused: %s", f"x\n{FORGED}")
    [line] = _lines(stream)
    assert line.endswith(f"unknown websocket event refused: x\\n{FORGED}")


@pytest.mark.parametrize(("sent", "written"), [
    ("a\r\nb", "a\\r\\nb"),
    ("\x1b[2J", "\\x1b[2J"),              # a terminal escape: clear the screen of whoever tails the log
    ("a\u2028b\x85c", "a\\u2028b\\x85c"),  # line breaks other than \n
    ("abc\u202edcba", "abc\\u202edcba"),   # right-to-left override
    ("a\x00b", "a\\x00b"),
])
def test_control_characters_are_written_as_escapes(log, sent, written):
    logger, stream = log
    logger.warning("got %s", sent)
    [line] = _lines(stream)
    assert line.endswith(f"got {written}")


def test_a_huge_message_is_bounded(log):
    logger, stream = log
    logger.warning("got %s", "x" * 100_000)
    [line] = _lines(stream)
    assert len(line) < log_lines.MAX_MESSAGE + 100 and line.endswith("x…")


def _raise_with(message: str):
    try:
        try:
            raise KeyError(message)
        except KeyError as inner:
            raise ValueError(f"outer {message}") from inner
    except ValueError as error:
        return error


def test_a_traceback_keeps_its_frames_but_not_the_clients_line_breaks(log):
    logger, stream = log
    logger.error("handler failed", exc_info=_raise_with(f"x\n{FORGED}"))
    lines = _lines(stream)
    assert lines[0].endswith("handler failed") and lines[1] == "Traceback (most recent call last):"
    assert not [line for line in lines[1:] if line.startswith("2026")]
    assert any(line.lstrip().startswith('File "') for line in lines)
    assert lines.index("The above exception was the direct cause of the following exception:") > 0
    assert lines[-1] == f"ValueError: outer x\\n{FORGED}"


def test_the_portal_record_lets_a_caller_set_its_console_options(log):
    logger, _ = log
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    try:
        logger.warning("plain")
        logger.warning("own", extra={"rich_kwargs": {"end": ""}})
    finally:
        logger.removeHandler(handler)
    assert records[0].rich_kwargs == {"soft_wrap": True}  # Reflex's console must not word-wrap it
    assert records[1].rich_kwargs == {"end": ""}


def test_a_javascript_error_reported_by_a_page_is_one_warning_line(log, caplog):
    errors.frontend_exception_handler(Exception(f"Error: x\n{FORGED}\n" + "at y (app.js:1)\n" * 500))
    [record] = [r for r in caplog.records if r.name == "portal.errors"]
    assert record.levelno == logging.WARNING and record.exc_info is None
    message = record.getMessage()
    assert "\n" not in message and len(message) < 600 and message.startswith("error reported by a page: Error: x")


def test_a_setvar_of_a_var_the_state_lacks_is_one_warning_line(log, caplog):
    class State:
        pass

    try:
        EventHandlerSetVar.setvar(State(), f"x\n{FORGED}", 1)
    except AttributeError as error:
        refused = error
    errors.backend_exception_handler(refused)
    [record] = [r for r in caplog.records if r.name == "portal.errors"]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "\n" not in record.getMessage() and "set_x\\n2026" in record.getMessage()


def test_other_attribute_errors_keep_their_traceback(log, caplog):
    errors.backend_exception_handler(_attribute_error())
    [record] = [r for r in caplog.records if r.name == "portal.errors"]
    assert record.levelno == logging.ERROR and record.exc_info is not None


def _attribute_error() -> AttributeError:
    try:
        object().nada  # noqa: B018 - a bug in the portal's own code
    except AttributeError as error:
        return error


def test_the_request_log_writes_a_path_on_one_bounded_line(log):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    access = logging.getLogger("portal.access")
    client = TestClient(RequestLog(app), client=("198.51.100.7", 1))
    access.addHandler(handler)
    try:
        client.get("/nada%0D%0A" + "%0A".join([FORGED] * 50))
    finally:
        access.removeHandler(handler)
    [line] = [record.getMessage() for record in records]
    assert line.startswith("198.51.100.7 GET /nada\\r\\n2026-12-01") and "\n" not in line
    assert len(line) < 400
