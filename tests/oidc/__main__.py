"""python -m tests.oidc: the fake gov.br in the foreground, for trying "Entrar com gov.br" on `make run`.

Signs in any CPF of tests/oidc/dev_accounts.json (edit it while it runs: it is re-read on every
request). Stop with Ctrl-C. Only for this machine: it listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from tests.oidc.provider import HERE, SCOPES, SCRIPT, GovbrUnavailable, ensure_installed


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.oidc", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--accounts", default=str(HERE / "dev_accounts.json"))
    parser.add_argument("--redirect-uri", default="http://localhost:3000/auth/govbr/retorno")
    parser.add_argument("--post-logout-redirect-uri", default="http://localhost:3000/?saiu=1")
    parser.add_argument("--client-id", default="portal-dev")
    parser.add_argument("--client-secret", default="portal-dev-secret")
    args = parser.parse_args()

    try:
        ensure_installed()
    except GovbrUnavailable as exc:
        sys.exit(str(exc))

    issuer = f"http://127.0.0.1:{args.port}"
    print(
        "Fake gov.br for development. Start the portal with:\n\n"
        f"  export PORTAL_GOVBR_ISSUER={issuer}\n"
        f"  export PORTAL_GOVBR_CLIENT_ID={args.client_id}\n"
        f"  export PORTAL_GOVBR_CLIENT_SECRET={args.client_secret}\n"
        f"  export PORTAL_GOVBR_LEVELS_URL='{issuer}/confiabilidades/v3/contas/{{cpf}}/niveis'\n\n"
        f"Scopes: {SCOPES}. Redirect URI: {args.redirect_uri}\n"
        f"Citizens (type the CPF on the login page; edit {args.accounts} while it runs):",
    )
    with open(args.accounts, encoding="utf-8") as file:
        for cpf, account in json.load(file).items():
            print(f"  {cpf}  {account.get('level', 'bronze'):6}  {account.get('name', '')}")
    print(flush=True)
    env = {
        **os.environ,
        "GOVBR_PORT": str(args.port),
        "GOVBR_CLIENT_ID": args.client_id,
        "GOVBR_CLIENT_SECRET": args.client_secret,
        "GOVBR_REDIRECT_URIS": args.redirect_uri,
        "GOVBR_POST_LOGOUT_REDIRECT_URIS": args.post_logout_redirect_uri,
        "GOVBR_ACCOUNTS": os.path.abspath(args.accounts),
    }
    os.chdir(HERE)
    os.execvpe("node", ["node", str(SCRIPT)], env)  # node takes over this process: Ctrl-C stops it


if __name__ == "__main__":
    main()
