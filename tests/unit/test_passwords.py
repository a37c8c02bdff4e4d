"""Password hashing: argon2id, legacy schemes verified and upgraded, Unicode normalisation."""

import hashlib

import pytest
from passlib.hash import argon2, bcrypt, pbkdf2_sha256

from portal.accounts import passwords

# About hashing itself: the real parameters (tests/conftest.py).
pytestmark = pytest.mark.production_hashing

PASSWORD = "cavalo correto bateria grampo"


@pytest.fixture(scope="module")
def stored():
    return passwords.hash_password(PASSWORD)


def test_new_hash_is_argon2id_with_owasp_parameters(stored):
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_hashes_are_salted():
    assert passwords.hash_password(PASSWORD) != passwords.hash_password(PASSWORD)


def test_right_password_verifies_without_upgrade(stored):
    assert passwords.verify_and_update(PASSWORD, stored) == (True, None)


def test_wrong_password_does_not_verify(stored):
    assert passwords.verify_and_update(PASSWORD + "!", stored) == (False, None)


@pytest.mark.parametrize(
    "legacy_hash",
    [
        pytest.param(lambda p: bcrypt.hash(p), id="bcrypt"),
        pytest.param(lambda p: hashlib.md5(p.encode()).hexdigest(), id="hex_md5"),
        pytest.param(lambda p: pbkdf2_sha256.hash(p), id="pbkdf2_sha256"),
    ],
)
def test_legacy_hash_verifies_and_returns_an_argon2id_upgrade(legacy_hash):
    ok, new_hash = passwords.verify_and_update(PASSWORD, legacy_hash(PASSWORD))
    assert ok is True
    assert new_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.verify_and_update(PASSWORD, new_hash) == (True, None)


@pytest.mark.parametrize(
    "legacy_hash",
    [
        pytest.param(lambda p: bcrypt.hash(p), id="bcrypt"),
        pytest.param(lambda p: hashlib.md5(p.encode()).hexdigest(), id="hex_md5"),
        pytest.param(lambda p: pbkdf2_sha256.hash(p), id="pbkdf2_sha256"),
    ],
)
def test_legacy_hash_with_wrong_password_is_refused_without_upgrade(legacy_hash):
    assert passwords.verify_and_update("outra senha qualquer", legacy_hash(PASSWORD)) == (False, None)


def test_argon2_hash_with_old_parameters_is_upgraded():
    weaker = argon2.using(type="ID", memory_cost=8192, time_cost=1, parallelism=1).hash(PASSWORD)
    ok, new_hash = passwords.verify_and_update(PASSWORD, weaker)
    assert ok is True
    assert new_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


@pytest.mark.parametrize("malformed", ["", "not-a-hash", "$argon2id$v=19$broken", "$2b$12$short", "x" * 300])
def test_malformed_stored_hash_returns_false_and_none(malformed):
    assert passwords.verify_and_update(PASSWORD, malformed) == (False, None)


def test_full_width_variant_verifies_after_nfkc():
    stored = passwords.hash_password("Senha-Forte-2026")
    assert passwords.verify_and_update("Ｓｅｎｈａ－Ｆｏｒｔｅ－２０２６", stored) == (True, None)


def test_composed_and_decomposed_accents_match():
    stored = passwords.hash_password("caf\u00e9 com p\u00e3o")
    assert passwords.verify_and_update("cafe\u0301 com pa\u0303o", stored)[0] is True


def test_burn_verify_runs_without_error():
    passwords.burn_verify("qualquer")
    assert passwords.dummy_hash().startswith("$argon2id$")


def test_argon2id_with_older_parameters_verifies_and_is_upgraded():
    # The hot path calls argon2-cffi directly; it must upgrade like passlib's deprecated="auto".
    weaker = argon2.using(type="ID", memory_cost=8192, time_cost=1).hash(PASSWORD)
    ok, new_hash = passwords.verify_and_update(PASSWORD, weaker)
    assert ok and new_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.verify_and_update(PASSWORD, new_hash) == (True, None)


@pytest.mark.parametrize("broken", ["$argon2id$", "$argon2id$v=19$m=19456,t=2,p=1$xx$yy", "$argon2id$\x00"])
def test_malformed_argon2id_hash_does_not_verify(broken):
    assert passwords.verify_and_update(PASSWORD, broken) == (False, None)
