"""Malformed websocket messages become one warning line; real failures keep their traceback."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from reflex_base.utils.exceptions import EventDeserializationError
from socketio import packet

from portal.web import event_log
from portal.web.event_log import (ENGINEIO_LOGGER, REFLEX_APP_LOGGER, REFLEX_PROCESSOR_LOGGER, UVICORN_LOGGER,
                                  MalformedEvents)


def _record(logger: str, message: str, fail=None) -> logging.LogRecord:
    exc_info = None
    if fail is not None:
        try:
            fail()
        except Exception:  # noqa: BLE001 - the record carries it, like logger.exception would
            exc_info = sys.exc_info()
    record = logging.getLogger(logger).makeRecord(logger, logging.ERROR, __file__, 1, message, (), exc_info)
    assert MalformedEvents().filter(record)
    return record


def _raise(error: Exception):
    def fail():
        raise error
    return fail


@pytest.mark.parametrize("fail", [
    lambda: json.loads("{not json"),                               # the Socket.IO payload
    lambda: packet.Packet(encoded_packet="x"),                     # not a packet type
    _raise(EventDeserializationError("Failed to deserialize event data: {'foo': 1}.")),
], ids=["json", "packet-type", "reflex-deserialization"])
def test_a_malformed_message_is_one_warning_line(fail):
    record = _record(ENGINEIO_LOGGER, "message async handler error", fail)
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert record.getMessage().startswith("Warning: malformed websocket message refused (")
    assert "\n" not in record.getMessage()


def test_a_text_frame_that_is_not_utf8_is_one_warning_line():
    not_utf8 = b'42["\xff"]'
    record = _record(UVICORN_LOGGER, "Invalid UTF-8 sequence received from client.", not_utf8.decode)
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert record.getMessage().startswith("malformed websocket message refused (UnicodeDecodeError: ")


def test_other_uvicorn_errors_keep_their_traceback():
    record = _record(UVICORN_LOGGER, "Exception in ASGI application", _raise(RuntimeError("a bug")))
    assert record.levelno == logging.ERROR and record.exc_info is not None


def test_an_index_error_outside_socketio_engineio_json_keeps_its_traceback():
    record = _record(ENGINEIO_LOGGER, "message async handler error", lambda: [][0])
    assert record.levelno == logging.ERROR and record.exc_info is not None


@pytest.mark.parametrize("error", [ConnectionError("redis is down"), RuntimeError("a bug")])
def test_server_failures_keep_their_traceback(error):
    record = _record(ENGINEIO_LOGGER, "message async handler error", _raise(error))
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert record.getMessage() == "message async handler error"


def test_an_unknown_event_name_is_one_line_without_the_request_headers():
    def unknown():
        try:
            {}["nao.existe"]
        except KeyError as error:
            raise KeyError("No registered handler found for event: nao.existe") from error

    record = _record(REFLEX_PROCESSOR_LOGGER,
                     "Error processing event queue entry for Event(name='nao.existe', "
                     "router_data={'headers': {'cookie': 'portal_sessao=segredo'}}) [txid=1]:", unknown)
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert record.getMessage() == "unknown websocket event refused: 'nao.existe'"


def test_other_event_processing_errors_keep_their_traceback():
    record = _record(REFLEX_PROCESSOR_LOGGER, "Error processing event queue entry for Event(...):",
                     _raise(KeyError("something else")))
    assert record.levelno == logging.ERROR and record.exc_info is not None


def test_event_data_sent_as_a_string_is_not_copied_into_the_log():
    data = "x" * 5000 + "\nWarning: a forged log line"
    record = _record(REFLEX_APP_LOGGER, "Received event data as a string. This generally should not "
                                        f"happen and may indicate a bug. Event data: {data}")
    message = record.getMessage()
    assert message.startswith("websocket event sent as a string: 'xxx")
    assert "\n" not in message and len(message) < 120


def test_unrelated_records_pass_untouched():
    record = _record(ENGINEIO_LOGGER, "something else", _raise(ValueError("x")))
    assert record.levelno == logging.ERROR and record.exc_info is not None


def test_install_attaches_one_filter_per_logger():
    event_log.install()
    event_log.install()
    for name in (ENGINEIO_LOGGER, REFLEX_APP_LOGGER, REFLEX_PROCESSOR_LOGGER, UVICORN_LOGGER):
        assert sum(isinstance(f, MalformedEvents) for f in logging.getLogger(name).filters) == 1


def test_a_failed_event_is_logged_without_the_session_cookie():
    message = ("Error processing event queue entry for Event(name='x', payload={}, router_data={'headers': "
               "{'user-agent': 'Firefox', 'cookie': 'portal_sessao=SEGREDO; portal_navegador=ID'}}) [txid=1]:")
    record = _record(REFLEX_PROCESSOR_LOGGER, message, lambda: [][0])
    assert "SEGREDO" not in record.getMessage() and "portal_navegador=ID" not in record.getMessage()
    assert "'cookie': '[removido]'" in record.getMessage() and "Firefox" in record.getMessage()
    assert record.exc_info is not None  # a real failure keeps its traceback
