"""Password hashing: argon2id for every new hash; legacy schemes only to verify and upgrade.

Parameters follow OWASP's Password Storage Cheat Sheet (argon2id, m=19 MiB, t=2, p=1):
about 17 ms per hash on a 2-core server, so sign-in stays fast while an offline guess
costs 19 MiB of memory each. Hashing is CPU work: callers in the web app run these
functions in a worker thread (``asyncio.to_thread``) so the event loop never stalls.
"""

from __future__ import annotations

import functools
import unicodedata

from passlib.context import CryptContext

ARGON2_MEMORY_KIB = 19456
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1

# Hashes imported from the old Portal do Cidadão. They verify once and are replaced by
# argon2id at that sign-in (``deprecated="auto"`` marks every scheme but the first).
LEGACY_SCHEMES = (
    "bcrypt",
    "pbkdf2_sha256",
    "ldap_salted_sha1",
    "hex_sha256",
    "hex_sha1",
    "hex_md5",
    "des_crypt",
)

CONTEXT = CryptContext(
    schemes=["argon2", *LEGACY_SCHEMES],
    deprecated="auto",
    argon2__type="ID",
    argon2__memory_cost=ARGON2_MEMORY_KIB,
    argon2__time_cost=ARGON2_TIME_COST,
    argon2__parallelism=ARGON2_PARALLELISM,
)


def _prepare(password: str) -> str:
    # NIST 800-63B: normalise Unicode so the same password typed on another keyboard matches.
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    return CONTEXT.hash(_prepare(password))


def verify_and_update(password: str, stored_hash: str) -> tuple[bool, str | None]:
    """(matches, new hash to store or None). Never raises for a malformed stored hash."""
    try:
        return CONTEXT.verify_and_update(_prepare(password), stored_hash)
    except (ValueError, TypeError):
        return False, None


@functools.cache
def dummy_hash() -> str:
    """Verified against when the CPF is unknown, so both paths cost the same time."""
    return hash_password("conta-inexistente-nunca-usada")


def burn_verify(password: str) -> None:
    """Spend one real verification for nothing (unknown CPF)."""
    verify_and_update(password, dummy_hash())
