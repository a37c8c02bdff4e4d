"""Which server errors count as a database outage (→ /indisponivel) and which are bugs (→ notice)."""

from __future__ import annotations

import pytest
from sqlalchemy import exc as sa_exc

from portal.core.hashing_pool import Busy
from portal.web.errors import backend_exception_handler, is_database_outage


def _wrapped(inner: BaseException) -> RuntimeError:
    try:
        try:
            raise inner
        except BaseException as error:
            raise RuntimeError("service failed") from error
    except RuntimeError as outer:
        return outer


@pytest.mark.parametrize("error", [
    sa_exc.OperationalError("SELECT 1", {}, Exception("connection refused")),
    sa_exc.InterfaceError("SELECT 1", {}, Exception("connection closed")),
    sa_exc.DisconnectionError("gone"),
])
def test_database_errors_are_outages_even_when_wrapped(error):
    assert is_database_outage(error)
    assert is_database_outage(_wrapped(error))


@pytest.mark.parametrize("error", [ValueError("bad"), KeyError("x"), sa_exc.IntegrityError("INSERT", {}, Exception())])
def test_other_errors_are_not_outages(error):
    assert not is_database_outage(error)


def test_an_outage_sends_the_citizen_to_the_friendly_page():
    spec = backend_exception_handler(sa_exc.OperationalError("SELECT 1", {}, Exception("down")))
    assert "/indisponivel" in str(spec)


def test_a_bug_shows_a_portuguese_notice_without_details():
    spec = str(backend_exception_handler(ValueError("segredo interno")))
    assert "Não foi possível concluir a operação agora" in spec
    assert "segredo interno" not in spec


def test_a_full_password_queue_tells_the_citizen_how_long_to_wait():
    spec = str(backend_exception_handler(Busy(retry_in=7)))
    assert "Aguarde 7 segundos e tente de novo" in spec and "Não foi possível" not in spec
