"""Caps Lock detection from key events (portal/state/caps_lock.py)."""

import pytest

from portal.state.caps_lock import caps_lock_from_key


@pytest.mark.parametrize(
    ("key", "info", "expected"),
    [
        ("A", {"shift_key": False}, True),
        ("A", None, True),
        ("a", {"shift_key": True}, True),
        ("a", {"shift_key": False}, False),
        ("A", {"shift_key": True}, False),
        ("Ç", {}, True),
        ("ç", {"shift_key": False}, False),
        ("1", {"shift_key": False}, None),
        ("!", {"shift_key": True}, None),
        ("CapsLock", {"shift_key": False}, None),
        ("Shift", {"shift_key": True}, None),
        ("Enter", {}, None),
        ("", {}, None),
    ],
)
def test_caps_lock_from_key(key, info, expected):
    assert caps_lock_from_key(key, info) is expected
