"""Random tokens and their stored hashes."""

import re

from portal.accounts import tokens


def test_new_token_has_at_least_256_bits_urlsafe():
    token = tokens.new_token()
    assert len(token) >= 43
    assert re.fullmatch(r"[A-Za-z0-9_\-]+", token)


def test_new_tokens_are_unique():
    assert len({tokens.new_token() for _ in range(200)}) == 200


def test_token_hash_is_64_hex_chars():
    assert re.fullmatch(r"[0-9a-f]{64}", tokens.token_hash(tokens.new_token()))


def test_token_hash_is_deterministic_and_distinguishes_tokens():
    token = tokens.new_token()
    assert tokens.token_hash(token) == tokens.token_hash(token)
    assert tokens.token_hash(token) != tokens.token_hash(token + "x")


def test_token_hash_is_sha256():
    assert tokens.token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
