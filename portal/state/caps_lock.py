"""Caps-lock detection from a key event, for the warning under password fields."""

from __future__ import annotations


def caps_lock_from_key(key: str, info: dict | None) -> bool | None:
    """True/False when the key tells (a letter), None when it does not (digits, Shift…).

    An upper-case letter typed without Shift, or lower-case with Shift, means Caps Lock.
    """
    if key == "CapsLock":
        return None
    if len(key) != 1 or not key.isalpha() or key.lower() == key.upper():
        return None
    shift = bool((info or {}).get("shift_key", False))
    return key.isupper() != shift
