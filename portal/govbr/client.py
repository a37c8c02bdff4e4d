"""The portal as an OpenID Connect client of gov.br's Login Único, with authlib.

authlib does the protocol: discovery, the authorization URL with ``state``, ``nonce`` and
PKCE S256, the code exchange, and the ID token's signature (against the issuer's JWKS)
and claims (``iss``, ``aud``, ``exp``, ``nonce``). Nothing here parses a JWT by hand.
What the portal does with the identity is portal.govbr.links.
"""

from __future__ import annotations

import logging

import httpx2
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.starlette_client import OAuth
from joserfc.errors import JoseError

from portal.accounts import cpf as cpf_rules
from portal.govbr.links import LEVELS, Identity, level_of
from portal.core.config import settings

log = logging.getLogger("portal.govbr")

TIMEOUT_SECONDS = 10
CLOCK_LEEWAY_SECONDS = 30
# gov.br's levels API answers ids: 1 bronze, 2 prata, 3 ouro.
_LEVEL_IDS = {"1": "bronze", "2": "prata", "3": "ouro"}


class GovbrFailed(Exception):
    """The sign-in at gov.br did not give a verified identity; ``reason`` is for the page."""

    UNAVAILABLE = "indisponivel"  # gov.br could not be reached or answered with an error
    EXPIRED = "expirado"  # the code was already used or is too old
    INVALID = "invalido"  # a token that does not verify, or without a CPF

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def _client():
    # A fresh client for each step: discovery is read again, so a gov.br that is down is
    # told on the portal's own page (not found dead after a redirect), and rotated keys
    # are always picked up. It costs gov.br two small requests per sign-in.
    cfg = settings()
    oauth = OAuth()
    return oauth.register(
        "govbr",
        client_id=cfg.govbr_client_id,
        client_secret=cfg.govbr_client_secret,
        server_metadata_url=f"{cfg.govbr_issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": cfg.govbr_scopes, "code_challenge_method": "S256", "timeout": TIMEOUT_SECONDS},
    )


async def authorization(redirect_uri: str) -> dict:
    """Where to send the browser, and the ``state``, ``nonce`` and ``code_verifier`` to keep."""
    try:
        return await _client().create_authorization_url(redirect_uri)
    except (httpx2.HTTPError, AuthlibBaseError, ValueError, KeyError) as error:
        raise GovbrFailed(GovbrFailed.UNAVAILABLE, repr(error)) from error


async def identity(*, code: str, code_verifier: str, nonce: str, redirect_uri: str) -> Identity:
    """Exchange the code and verify the ID token; the citizen's identity and level."""
    client = _client()
    try:
        token = await client.fetch_access_token(redirect_uri=redirect_uri, code=code, code_verifier=code_verifier)
        # authlib checks aud only when told to (by default an ID token issued to another
        # client passes if its azp names ours): the issuer and audience are required here.
        cfg = settings()
        claims = await client.parse_id_token(token, nonce=nonce, leeway=CLOCK_LEEWAY_SECONDS, claims_options={
            "iss": {"essential": True, "values": [cfg.govbr_issuer]},
            "aud": {"essential": True, "values": [cfg.govbr_client_id]},
        })
        if claims is None:
            raise GovbrFailed(GovbrFailed.INVALID, "no id_token in the token response")
        profile = {**await client.userinfo(token=token), **claims}
        cpf = cpf_rules.normalize(str(claims.get("sub", "")))
        if not cpf or profile.get("sub") != claims.get("sub"):
            raise GovbrFailed(GovbrFailed.INVALID, "subject is not a CPF")
        level = _level_in_token(claims) or await _level(client, token, cpf)
    except JoseError as error:  # signature, issuer, audience, expiry, nonce
        raise GovbrFailed(GovbrFailed.INVALID, repr(error)) from error
    except AuthlibBaseError as error:
        expired = getattr(error, "error", "") == "invalid_grant"
        raise GovbrFailed(GovbrFailed.EXPIRED if expired else GovbrFailed.UNAVAILABLE, repr(error)) from error
    except (httpx2.HTTPError, ValueError, KeyError) as error:
        raise GovbrFailed(GovbrFailed.UNAVAILABLE, repr(error)) from error
    return Identity.from_claims(cpf=cpf, name=profile.get("name"), email=profile.get("email"), level=level)


# Newer gov.br clients may ask for the level in the ID token itself (scope
# govbr_confiabilidades_idtoken): reliability_info.level is bronze, silver or gold.
_TOKEN_LEVELS = {"bronze": "bronze", "silver": "prata", "gold": "ouro"}


def _level_in_token(claims) -> str:
    info = claims.get("reliability_info")
    return _TOKEN_LEVELS.get(str(info.get("level", "")), "") if isinstance(info, dict) else ""


async def _level(client, token: dict, cpf: str) -> str:
    url = settings().govbr_levels_url
    if not url:
        return LEVELS[0]  # unknown: treated as the weakest
    response = await client.get(url.replace("{cpf}", cpf), token=token)
    response.raise_for_status()
    found = []
    for item in response.json() or []:
        if isinstance(item, dict):
            named = str(item.get("nivel", item.get("level", ""))).lower()
            found.append(named if named in LEVELS else _LEVEL_IDS.get(str(item.get("id", "")), ""))
    return level_of(found)


async def end_session_url(post_logout_redirect_uri: str) -> str | None:
    """gov.br's logout, coming back to the portal; None when the issuer offers none."""
    try:
        metadata = await _client().load_server_metadata()
    except (httpx2.HTTPError, AuthlibBaseError, ValueError) as error:
        log.warning("gov.br metadata unavailable at sign-out: %r", error)
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    return str(httpx2.URL(endpoint, params={"client_id": settings().govbr_client_id,
                                          "post_logout_redirect_uri": post_logout_redirect_uri}))
