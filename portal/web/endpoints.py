"""What the portal's own HTTP endpoints share: database work off the event loop, with an
outage turned into the /indisponivel page, and responses that no cache keeps."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from starlette.responses import RedirectResponse

from portal.core import routes
from portal.core.db import session_scope
from portal.core.hashing_pool import hashing_pool
from portal.web.errors import is_database_outage

T = TypeVar("T")


class DatabaseUnavailable(Exception):
    pass


async def use_database(work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run a service with its own database session in a worker thread; an outage becomes
    DatabaseUnavailable."""
    def run() -> T:
        with session_scope() as db:
            return work(db, *args, **kwargs)

    with _outage_as_unavailable():
        return await asyncio.to_thread(run)


async def in_hashing_pool(service: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Like use_database, in the password-checking pool; hashing_pool.Busy when it is full."""
    with _outage_as_unavailable():
        return await hashing_pool().with_database(service, *args, **kwargs)


@contextlib.contextmanager
def _outage_as_unavailable() -> Iterator[None]:
    try:
        yield
    except Exception as error:
        if is_database_outage(error):
            raise DatabaseUnavailable from error
        raise


def redirect(url: str) -> RedirectResponse:
    """A 303 (the browser follows with GET) that no cache keeps: these answers set or clear
    cookies and use one-time tokens."""
    response = RedirectResponse(routes.as_served(url), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def unavailable() -> RedirectResponse:
    return redirect(routes.UNAVAILABLE)
