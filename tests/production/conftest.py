"""The production tests run the app as deployed (several workers, PostgreSQL, Redis, nginx), and
hash what they prepare at production cost like the app itself."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/production/" in str(item.fspath):
            for mark in (pytest.mark.production, pytest.mark.postgres, pytest.mark.slow,
                         pytest.mark.production_hashing):
                item.add_marker(mark)
