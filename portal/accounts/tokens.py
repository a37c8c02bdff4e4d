"""Random tokens for links and sessions; stored only as SHA-256 hashes.

256 bits from ``secrets``: unguessable, so a fast hash (not a password hash) is right
for storage and lookup by unique index.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
