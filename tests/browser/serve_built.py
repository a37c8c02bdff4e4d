"""Serve a copy of the project whose pages were built once for the whole test run.

`reflex run --env prod` builds the pages (Vite, ~10 s of CPU alone, a minute when the suite's
processes share two cores) and then serves them and the websocket on one port. The suite runs
a dozen apps that differ only in settings read at run time; tests/browser/conftest.py builds
each kind of pages once (`reflex export --frontend-only`) and starts every app with this
module instead: the second half of `reflex run --env prod` (reflex/reflex.py, `_run_prod`) —
Reflex's own production server, gunicorn with the uvicorn workers rxconfig.py chooses, the
built pages mounted beside the websocket.

The deployment itself still starts with `reflex run --env prod` (deploy/systemd/portal.service),
and tests/production/test_behind_nginx.py runs exactly that. This leans on Reflex's internal
`run_backend_prod`: tests/unit/test_reflex_internals.py pins its signature, and any change
stops every browser test at start-up, loudly.

Usage (cwd = the project copy, its .web/ holding the built pages): python serve_built.py HOST PORT
"""

from __future__ import annotations

import sys

from reflex_base import constants
from reflex_base.config import get_config
from reflex_base.environment import environment
from reflex.utils import exec as reflex_exec


def main(host: str, port: int) -> None:
    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    config = get_config()
    # `reflex run --env prod` records one port for both (prod serves pages and websocket together).
    config._set_persistent(frontend_port=port, backend_port=port)
    reflex_exec.run_backend_prod(host, port, config.loglevel.subprocess_level(), mount_frontend_compiled_app=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
