"""Password hashing: argon2id for every new hash; legacy schemes only to verify and upgrade.

Parameters follow OWASP's Password Storage Cheat Sheet (argon2id, m=19 MiB, t=2, p=1):
about 17 ms per hash on a 2-core server, so sign-in stays fast while an offline guess
costs 19 MiB of memory each. Hashing is CPU work: callers in the web app run these
functions in a worker thread (``asyncio.to_thread``) so the event loop never stalls.
"""

from __future__ import annotations

import functools
import unicodedata

import argon2
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


# The hot path (every sign-in of an account hashed here) calls argon2-cffi, passlib's own
# backend, directly: passlib's scheme lookup and parsing cost half a millisecond a check.
_ARGON2 = argon2.PasswordHasher(
    time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_PARALLELISM,
    type=argon2.Type.ID,
)


def verify_and_update(password: str, stored_hash: str) -> tuple[bool, str | None]:
    """(matches, new hash to store or None). Never raises for a malformed stored hash. An
    account without a password (made through gov.br) costs a real verification too, so the
    answer's time does not tell such accounts from others."""
    prepared = _prepare(password)
    if not stored_hash:
        _verify_argon2id(prepared, dummy_hash())
        return False, None
    try:
        if stored_hash.startswith("$argon2id$"):
            return _verify_argon2id(prepared, stored_hash)
        return CONTEXT.verify_and_update(prepared, stored_hash)
    except (ValueError, TypeError):
        return False, None


def _verify_argon2id(prepared: str, stored_hash: str) -> tuple[bool, str | None]:
    try:
        _ARGON2.verify(stored_hash, prepared)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False, None
    # Older parameters are upgraded at this sign-in, as passlib's deprecated="auto" would.
    return True, (hash_password(prepared) if _ARGON2.check_needs_rehash(stored_hash) else None)


@functools.cache
def dummy_hash() -> str:
    """Verified against when the CPF is unknown, so both paths cost the same time."""
    return hash_password("conta-inexistente-nunca-usada")


def burn_verify(password: str) -> None:
    """Spend one real verification for nothing (unknown CPF)."""
    verify_and_update(password, dummy_hash())
