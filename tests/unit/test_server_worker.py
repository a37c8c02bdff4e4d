"""The server of `reflex run --env prod`: what gunicorn reads from GUNICORN_CMD_ARGS (as
rxconfig.py sets it) and what the worker hands uvicorn. Fails when an upgrade of gunicorn or
uvicorn renames what the portal relies on."""

from __future__ import annotations

import os
import shlex

import pytest
from gunicorn.config import Config as GunicornConfig
from gunicorn.glogging import Logger

from portal.core import config
from portal.web.server_worker import ServerWorker, gunicorn_options


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch):
    monkeypatch.delenv("PORTAL_MAX_EVENT_BYTES", raising=False)
    config.settings.cache_clear()
    yield
    config.settings.cache_clear()


def _gunicorn_config(options: str) -> GunicornConfig:
    """As gunicorn's own start-up reads GUNICORN_CMD_ARGS."""
    cfg = GunicornConfig()
    parsed = cfg.parser().parse_args(shlex.split(options))
    for name, value in vars(parsed).items():
        if value is not None and name != "args":
            cfg.set(name.lower(), value)
    return cfg


def test_gunicorn_runs_the_portal_worker_in_as_many_processes_as_configured():
    cfg = _gunicorn_config(gunicorn_options(workers=3))
    assert cfg.worker_class is ServerWorker
    assert cfg.workers == 3
    assert cfg.keepalive > 60  # nginx's upstream keepalive_timeout


def test_the_worker_refuses_websocket_messages_over_the_portal_limit(monkeypatch):
    monkeypatch.setenv("PORTAL_MAX_EVENT_BYTES", "8192")
    cfg = _gunicorn_config(gunicorn_options(workers=1))
    worker = ServerWorker(0, os.getpid(), [], app=None, timeout=30, cfg=cfg, log=Logger(cfg))
    server = worker.config
    assert (server.ws, server.ws_max_size) == ("websockets-sansio", 8192)
    assert server.ws_per_message_deflate is False
    # The portal's ProxyHeaders and RequestLog stay the only ones deciding the client and logging requests.
    assert server.proxy_headers is False and server.access_log is False and server.server_header is False
    assert server.timeout_keep_alive == cfg.keepalive
