"""The suite hashes at a test's cost unless a test is about hashing (tests/conftest.py)."""

import pytest

from portal.accounts import passwords


def test_a_test_not_about_hashing_hashes_and_verifies_at_test_cost():
    stored = passwords.hash_password("senha de teste")
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert passwords.verify_and_update("senha de teste", stored) == (True, None)
    assert passwords.dummy_hash().startswith("$argon2id$v=19$m=8,t=1,p=1$")


@pytest.mark.production_hashing
def test_a_test_about_hashing_keeps_the_production_parameters():
    assert passwords.hash_password("senha de teste").startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.dummy_hash().startswith("$argon2id$v=19$m=19456,t=2,p=1$")
