"""What the portal relies on in Reflex 0.10.1 that is not public API, each checked here so that a
Reflex upgrade which changes it fails loudly, naming what to re-check.

Replaced by public API in issue 22 (nothing to check any more): the background-task marker
(the guard reads ``EventHandler.is_background``), ``__override_base_method__`` (the guard wraps
what Reflex put in ``State.event_handlers``), the hydrate event names (``rx.constants.CompileVars``).

Still relied upon, and checked below:
- ``reflex_base.event.context.EventContext`` (txid, parent_txid, token): how the guard knows which
  event a page sent a handler belongs to (portal/state/event_chains.py);
- ``reflex_base.registry.RegistrationContext.register_event_handler``: how the guard replaces a
  protected state's handlers once Reflex made them (portal/state/personal.py; what it dispatches
  afterwards is checked in tests/unit/test_guard_everywhere.py);
- that a middleware's ``preprocess`` sees every event, chained and background ones included
  (tests/services/test_one_lookup_per_event.py counts look-ups through Reflex's processor);
- ``has_connection_errors`` (portal/pages/components.py);
- the loggers and message texts portal/web/event_log.py rewrites.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path

import engineio.async_server
import engineio.async_socket
import engineio.base_server
import reflex as rx
import reflex.app
import reflex.reflex
import reflex_base
from reflex_base.constants import Hooks
from reflex_base.event.context import EventContext
from reflex_base.event.processor import base_state_processor, event_processor
from reflex_base.registry import RegistrationContext
from uvicorn.protocols.websockets import websockets_sansio_impl

from portal.state.personal import ForgetOnNewSession
from portal.web import event_log, server_worker

UPGRADE = "Reflex changed under the portal: re-check "


# --- EventContext: one event, and the event that chained it (portal/state/event_chains.py) ----

def _context(**fields) -> EventContext:
    return EventContext(token="aba", state_manager=None, enqueue_impl=None,  # type: ignore[arg-type]
                        **fields)


def test_each_event_has_its_own_random_transaction_id():
    assert {field for field in ("token", "txid", "parent_txid")} <= set(EventContext.__dataclass_fields__), (
        UPGRADE + "portal/state/event_chains.py: EventContext lost token/txid/parent_txid")
    ids = {_context().txid for _ in range(1000)}
    assert len(ids) == 1000 and all(len(txid) >= 12 for txid in ids), (
        UPGRADE + "event_chains.py: a txid must be unguessable and never repeat (it keys a chain)")


def test_a_chained_event_names_the_event_that_chained_it():
    parent = _context()
    child = parent.fork()
    assert child.parent_txid == parent.txid and child.txid != parent.txid and child.token == parent.token, (
        UPGRADE + "event_chains.py: events a handler returns must be forks naming their parent")
    top_level = _context(txid="").fork()
    assert top_level.parent_txid is None, UPGRADE + "event_chains.py: an event a page sends has no parent"
    source = inspect.getsource(event_processor.EventProcessor.enqueue)
    assert "EventContext.get().fork(" in source, (
        UPGRADE + "event_chains.py: EventProcessor.enqueue no longer forks the current event's context")


def test_the_event_context_is_current_while_a_handler_runs():
    source = inspect.getsource(event_processor.EventProcessor._process_event_queue_entry)
    assert "EventContext.set(entry.ctx)" in source, (
        UPGRADE + "event_chains.py: EventContext.get() must be the event being processed")
    with _context() as current:
        assert EventContext.get() is current


def test_every_event_passes_the_middleware_before_its_handler():
    source = inspect.getsource(base_state_processor.BaseStateEventProcessor._execute_event)
    assert source.index("middleware._preprocess") < source.index("is_background"), (
        UPGRADE + "personal.ForgetOnNewSession: it must see every event (background ones too) to note "
                  "its chain")


# --- The guard replaces the handlers Reflex made (portal/state/personal.py) ---------------------

def test_a_handler_registered_again_is_the_one_dispatched():
    registered = RegistrationContext.get().event_handlers
    assert callable(RegistrationContext.register_event_handler), UPGRADE + "personal._guard_every_handler"
    source = inspect.getsource(RegistrationContext._register_event_handler)
    assert "self.event_handlers[full_name] = " in source and isinstance(registered, dict), (
        UPGRADE + "personal._guard_every_handler: registering again must replace the handler by its "
                  "event name")


def test_reflex_reads_a_handlers_marks_from_its_function():
    """The guard's wrapper is made with functools.wraps, which copies the function's attributes:
    Reflex must still find background (and other marks) there, not in a wrapper it made itself."""

    async def watch(self):
        yield

    marked = rx.event(background=True)(watch)

    @functools.wraps(marked)
    async def wrapper(self):
        yield

    assert rx.EventHandler(fn=wrapper).is_background, (
        UPGRADE + "personal._guarded: a guarded background handler would run in the foreground")


def test_mixins_get_no_handlers_of_their_own():
    class Mixin(rx.State, mixin=True):
        @rx.event
        def handler(self):
            pass

    assert "event_handlers" not in vars(Mixin), (
        UPGRADE + 'personal.PersonalState.__init_subclass__ ("event_handlers" in vars(cls))')


# --- Hydrate events (portal/state/personal.py, ForgetOnNewSession) ------------------------------

def test_the_hydrate_events_are_reflexs():
    assert ForgetOnNewSession._HYDRATE_EVENTS == base_state_processor._hydrate_event_names(), (
        UPGRADE + "ForgetOnNewSession._HYDRATE_EVENTS: the events a page sends when it (re)connects")


# --- has_connection_errors (portal/pages/components.py) -----------------------------------------

def test_has_connection_errors_is_true_while_the_websocket_is_down():
    from reflex_components_core.core.banner import has_connection_errors

    message = UPGRADE + "portal/pages/components.py (LIVE, submit_button, connection_status)"
    assert has_connection_errors._var_type is bool, message
    assert str(has_connection_errors) == "(connectErrors.length > 0)", message
    assert has_connection_errors._get_all_var_data().hooks == (Hooks.CONNECT_ERRORS,), message
    assert Hooks.CONNECT_ERRORS == "const connectErrors = useContext(EventLoopContext)[1];", message
    state_js = (Path(reflex_base.__file__).parent / ".templates" / "web" / "utils" / "state.js").read_text()
    on_connect = state_js[state_js.index('socket.current.on("connect"'):]
    assert "setConnectErrors([]);" in on_connect[:600], message  # cleared once connected again
    assert "return [addEvents, connectErrors];" in state_js, message


# --- The log records portal/web/event_log.py rewrites -------------------------------------------

def _logs(module, text: str) -> bool:
    return text in inspect.getsource(module)


def test_the_loggers_are_where_event_log_listens():
    assert event_processor.logger.name == event_log.REFLEX_PROCESSOR_LOGGER, (
        UPGRADE + "event_log.REFLEX_PROCESSOR_LOGGER")
    assert reflex.app.logger.name == event_log.REFLEX_APP_LOGGER, UPGRADE + "event_log.REFLEX_APP_LOGGER"
    assert engineio.base_server.default_logger.name == event_log.ENGINEIO_LOGGER, (
        "python-engineio changed: re-check event_log.ENGINEIO_LOGGER")
    assert server_worker.server_options()["ws"] == "websockets-sansio"  # the module checked below
    assert _logs(websockets_sansio_impl, f'self.logger = logging.getLogger("{event_log.UVICORN_LOGGER}")'), (
        "uvicorn changed: re-check event_log.UVICORN_LOGGER")


def test_an_unknown_event_name_is_still_logged_with_its_prefix():
    source = inspect.getsource(event_processor.EventProcessor._process_queue)
    assert 'f"No registered handler found for event: {entry.event.name}"' in source, (
        UPGRADE + "event_log._UNKNOWN_HANDLER")
    assert event_log._UNKNOWN_HANDLER == "No registered handler found for event: "
    assert 'f"Error processing event queue entry for {entry.event}' in source, (
        UPGRADE + "event_log: the cookie is scrubbed from this message, which carries the event's "
                  "router data")


def test_an_event_sent_as_a_string_is_still_logged_with_its_prefix():
    source = inspect.getsource(reflex.app.EventNamespace.on_event)
    assert event_log._STRING_EVENT in source and 'f" Event data: {fields}"' in source, (
        UPGRADE + "event_log._STRING_EVENT (and the 'Event data: ' it cuts the client's text at)")


def test_the_engineio_and_uvicorn_messages_are_still_those():
    assert _logs(engineio.async_server, "self.logger.exception(event + ' async handler error')"), (
        "python-engineio changed: re-check event_log._ENGINEIO_MESSAGES")
    assert _logs(engineio.async_socket, "self.server.logger.exception('Unknown receive error')"), (
        "python-engineio changed: re-check event_log._ENGINEIO_MESSAGES")
    assert _logs(websockets_sansio_impl, f'self.logger.exception("{event_log._UVICORN_NOT_UTF8}")'), (
        "uvicorn changed: re-check event_log._UVICORN_NOT_UTF8")


def test_the_suites_app_launcher_still_finds_reflex_s_production_server():
    """tests/browser/serve_built.py serves pages built once per run with the second half of
    `reflex run --env prod`; if this changes, re-read reflex/reflex.py `_run_prod`."""
    from reflex.utils import exec as reflex_exec

    parameters = list(inspect.signature(reflex_exec.run_backend_prod).parameters)
    assert parameters[:4] == ["host", "port", "loglevel", "mount_frontend_compiled_app"]
    run_prod = inspect.getsource(reflex.reflex._run_prod)
    assert "exec.run_backend_prod(" in run_prod and "setup_frontend_prod" in run_prod
