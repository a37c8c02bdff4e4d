"""/saude: for the city's monitoring. 200 when the database answers and mail goes out; 503
otherwise, with which part failed (no detail an attacker could use)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from portal.mail import health
from portal.web.endpoints import DatabaseUnavailable, use_database


async def health_check(_request: Request) -> JSONResponse:
    try:
        found = await use_database(health.check)
    except DatabaseUnavailable:
        return JSONResponse({"banco": "erro", "fila_de_email": None}, status_code=503,
                            headers={"Cache-Control": "no-store"})
    body = {"banco": "ok", "fila_de_email": {"pendentes": found.pending_mail,
                                             "mais_antiga_segundos": found.oldest_mail_seconds,
                                             "situacao": "ok" if found.mail_ok else "parada"}}
    return JSONResponse(body, status_code=200 if found.mail_ok else 503, headers={"Cache-Control": "no-store"})
