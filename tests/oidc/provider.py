"""Start and stop the fake gov.br (tests/oidc/govbr.mjs, a real OpenID provider) from Python.

    with running_govbr(accounts, redirect_uri, post_logout_redirect_uri) as govbr:
        settings = govbr.portal_env()          # PORTAL_GOVBR_* for the portal
        govbr.set_accounts({...})              # takes effect on the provider's next request

Knobs (keyword arguments, see govbr.mjs): id_token_ttl, access_token_ttl, id_token_claims,
publish_wrong_key, token_auth_method, client_id, client_secret, port.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.one_at_a_time import exclusive

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "govbr.mjs"
SCOPES = "openid email profile govbr_confiabilidades"
_READY = re.compile(r"fake gov\.br listening: (http://127\.0\.0\.1:\d+)")


class GovbrUnavailable(RuntimeError):
    """Node or npm is missing, or its packages could not be installed."""


def node_missing() -> str | None:
    """Why the fake gov.br cannot run here, or None (tests skip with this reason)."""
    if not shutil.which("node"):
        return "node is not installed (the fake gov.br is a Node program: tests/oidc/govbr.mjs)"
    if not (HERE / "node_modules" / "oidc-provider").is_dir() and not shutil.which("npm"):
        return "npm is not installed and tests/oidc/node_modules is missing (npm ci --prefix tests/oidc)"
    return None


def ensure_installed() -> None:
    """npm ci into tests/oidc/node_modules the first time (pinned by package-lock.json); the
    suite's other processes wait for it rather than install into the same folder at once."""
    with exclusive(HERE / ".npm-ci.lock"):
        _install_once()


def _install_once() -> None:
    if (HERE / "node_modules" / "oidc-provider" / "package.json").is_file():
        return
    reason = node_missing()
    if reason:
        raise GovbrUnavailable(reason)
    done = subprocess.run(
        ["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund", "--loglevel=error"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    if done.returncode != 0:
        raise GovbrUnavailable(f"npm ci --prefix tests/oidc failed:\n{done.stdout}\n{done.stderr}")


class FakeGovbr:
    """One running fake gov.br with one client. Use running_govbr() to be sure it stops."""

    def __init__(
        self,
        accounts: dict[str, dict[str, Any]],
        redirect_uri: str | list[str],
        post_logout_redirect_uri: str | list[str] = (),
        *,
        client_id: str = "portal-test",
        client_secret: str | None = None,
        port: int = 0,
        token_auth_method: str = "client_secret_basic",
        id_token_ttl: int | None = None,
        access_token_ttl: int | None = None,
        id_token_claims: dict[str, Any] | None = None,
        publish_wrong_key: bool = False,
        startup_timeout: float = 20.0,
    ) -> None:
        ensure_installed()
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.redirect_uris = [redirect_uri] if isinstance(redirect_uri, str) else list(redirect_uri)
        self._dir = Path(tempfile.mkdtemp(prefix="fake-govbr-"))
        self.accounts_file = self._dir / "accounts.json"
        self.log_file = self._dir / "govbr.log"
        self.set_accounts(accounts)
        logout = post_logout_redirect_uri
        logout = [logout] if isinstance(logout, str) else list(logout)
        env = {
            "GOVBR_PORT": str(port),
            "GOVBR_CLIENT_ID": self.client_id,
            "GOVBR_CLIENT_SECRET": self.client_secret,
            "GOVBR_REDIRECT_URIS": " ".join(self.redirect_uris),
            "GOVBR_POST_LOGOUT_REDIRECT_URIS": " ".join(logout),
            "GOVBR_ACCOUNTS": str(self.accounts_file),
            "GOVBR_TOKEN_AUTH_METHOD": token_auth_method,
        }
        if id_token_ttl is not None:
            env["GOVBR_ID_TOKEN_TTL"] = str(id_token_ttl)
        if access_token_ttl is not None:
            env["GOVBR_ACCESS_TOKEN_TTL"] = str(access_token_ttl)
        if id_token_claims:
            env["GOVBR_ID_TOKEN_CLAIMS"] = json.dumps(id_token_claims)
        if publish_wrong_key:
            env["GOVBR_PUBLISH_WRONG_KEY"] = "1"
        self.issuer = self._start(env, startup_timeout)

    def _start(self, env: dict[str, str], timeout: float) -> str:
        with open(self.log_file, "wb") as log:
            # Its own process group, so stop() ends node and anything it started, and nothing else.
            self._proc = subprocess.Popen(
                ["node", str(SCRIPT)], cwd=HERE, env={**os.environ, **env},
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if self._proc.poll() is not None:
                    raise GovbrUnavailable(f"fake gov.br exited with {self._proc.returncode}:\n{self.log()}")
                found = _READY.search(self.log())
                if found and _answers(found.group(1) + "/.well-known/openid-configuration"):
                    return found.group(1)
                time.sleep(0.05)
            raise GovbrUnavailable(f"fake gov.br did not answer within {timeout} s:\n{self.log()}")
        except BaseException:
            self.stop()
            raise

    # -- what tests and the portal need ---------------------------------------------------------
    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    @property
    def levels_url(self) -> str:
        """gov.br's level API with a {cpf} placeholder; answers [{"id": "2", "dataAtualizacao": ...}]."""
        return f"{self.issuer}/confiabilidades/v3/contas/{{cpf}}/niveis"

    @property
    def seals_url(self) -> str:
        """gov.br's seal ("selos") API with a {cpf} placeholder; same shape, seal ids."""
        return f"{self.issuer}/confiabilidades/v3/contas/{{cpf}}/confiabilidades"

    def portal_env(self) -> dict[str, str]:
        return {
            "PORTAL_GOVBR_ISSUER": self.issuer,
            "PORTAL_GOVBR_CLIENT_ID": self.client_id,
            "PORTAL_GOVBR_CLIENT_SECRET": self.client_secret,
            "PORTAL_GOVBR_LEVELS_URL": self.levels_url,
        }

    def set_accounts(self, accounts: dict[str, dict[str, Any]]) -> None:
        """Replace the accounts file; the provider re-reads it on every request."""
        tmp = self.accounts_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(accounts, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.accounts_file)  # atomic: node never reads half a file

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace") if self.log_file.exists() else ""

    def stop(self) -> None:
        proc = getattr(self, "_proc", None)
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        shutil.rmtree(self._dir, ignore_errors=True)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def running_govbr(
    accounts: dict[str, dict[str, Any]],
    redirect_uri: str | list[str],
    post_logout_redirect_uri: str | list[str] = (),
    **knobs: Any,
) -> Iterator[FakeGovbr]:
    govbr = FakeGovbr(accounts, redirect_uri, post_logout_redirect_uri, **knobs)
    try:
        yield govbr
    finally:
        govbr.stop()
