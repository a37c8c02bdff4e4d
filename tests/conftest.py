"""What every layer of the suite shares: argon2id at a test's cost, unless the test is about hashing.

Production argon2id (m=19 MiB, t=2) costs 20–40 ms per hash here, and the unit, service and
property tests hash and verify thousands of passwords that are not what they test (the
properties alone about 10 000). So those run with the smallest argon2id parameters, swapped in
by this fixture — never by a setting the app could be started with by mistake. A test about
hashing itself (its parameters, its timing, the upgrade of old parameters) is marked
``production_hashing`` and keeps the real ones. Browser and production tests start the app in
its own process: they always hash at production cost.

And the order modules start in: the suite runs in three processes, a module at a time each
(pyproject.toml: ``-n 3 --dist loadscope --no-loadscope-reorder``), so a long module started
last keeps one process busy after the others are done.
"""

from __future__ import annotations

import functools

import argon2
import pytest
from passlib.context import CryptContext

from portal.accounts import passwords

TEST_MEMORY_KIB = 8  # argon2's minimum for one lane
TEST_TIME_COST = 1


@functools.cache
def _cheap() -> tuple[CryptContext, argon2.PasswordHasher, str]:
    context = passwords.CONTEXT.copy(argon2__memory_cost=TEST_MEMORY_KIB, argon2__time_cost=TEST_TIME_COST)
    hasher = argon2.PasswordHasher(time_cost=TEST_TIME_COST, memory_cost=TEST_MEMORY_KIB,
                                   parallelism=passwords.ARGON2_PARALLELISM, type=argon2.Type.ID)
    return context, hasher, hasher.hash("conta-inexistente-nunca-usada")


@pytest.fixture(autouse=True)
def test_cost_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("production_hashing") or request.node.get_closest_marker("browser"):
        return
    context, hasher, dummy = _cheap()
    monkeypatch.setattr(passwords, "CONTEXT", context)
    monkeypatch.setattr(passwords, "_ARGON2", hasher)
    monkeypatch.setattr(passwords, "dummy_hash", lambda: dummy)


# The modules that take longest (pytest's --durations), started first; then the other browser
# and production modules (seconds per test), then the rest (milliseconds per test). A module
# missing here only costs a minute at the end of the run.
LONGEST_FIRST = (
    "tests/browser/test_resource_limits.py",
    "tests/browser/test_slow_phone.py",
    "tests/production/test_behind_nginx.py",
    "tests/browser/test_two_step.py",
    "tests/browser/test_shared_computer.py",
    "tests/browser/test_govbr.py",
    "tests/browser/test_follow_request.py",
    "tests/browser/test_mail_delivery.py",
)


def _start_rank(item: pytest.Item) -> int:
    module = item.nodeid.split("::", 1)[0]
    if module in LONGEST_FIRST:
        return LONGEST_FIRST.index(module)
    return len(LONGEST_FIRST) + (0 if module.startswith(("tests/browser/", "tests/production/")) else 1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start_rank)  # stable: a module's own tests keep their order
