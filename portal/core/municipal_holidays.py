"""How a city writes its municipal holidays (PORTAL_MUNICIPAL_HOLIDAYS): each entry a fixed
date ``"MM-DD"`` or a name in ``MOVABLE`` (days from Easter).

Here, under the settings, so the configuration can refuse a bad list at start-up without
importing the help centre; portal.help.holiday_calendar turns the entries into dates.
"""

from __future__ import annotations

import functools
import re
from datetime import date

# Movable municipal holidays: name -> days after Easter Sunday.
MOVABLE = {
    "carnaval_segunda": -48,
    "carnaval_terca": -47,
    "corpus_christi": 60,
}
# Campinas: 8 December (Nossa Senhora da Conceição, padroeira) and Corpus Christi.
DEFAULT_MUNICIPAL_HOLIDAYS: tuple[str, ...] = ("12-08", "corpus_christi")
_FIXED = re.compile(r"([0-9]{2})-([0-9]{2})")

# An entry's rule: (month, day) for a fixed date, days after Easter for a movable one.
Rule = tuple[int, int] | int


def validate_municipal(municipal: tuple[str, ...]) -> tuple[str, ...]:
    """Return the entries stripped; ValueError names the first one that is neither
    a valid ``"MM-DD"`` nor a name in ``MOVABLE``."""
    return tuple(entry for entry, _ in rules(municipal))


def rules(municipal: tuple[str, ...]) -> tuple[tuple[str, Rule], ...]:
    """Each entry stripped, with its rule (ValueError as validate_municipal)."""
    if isinstance(municipal, str):
        raise ValueError(f"municipal holidays must be a tuple of entries, not the string {municipal!r}")
    return _parsed(tuple(municipal))


@functools.cache
def _parsed(municipal: tuple[str, ...]) -> tuple[tuple[str, Rule], ...]:
    result: list[tuple[str, Rule]] = []
    for raw in municipal:
        entry = str(raw).strip()
        match = _FIXED.fullmatch(entry)
        if match:
            month, day = int(match[1]), int(match[2])
            try:
                date(2000, month, day)  # a leap year: "02-29" is accepted
            except ValueError:
                raise ValueError(f"municipal holiday {raw!r}: no such day of the year (use MM-DD)") from None
            result.append((entry, (month, day)))
        elif entry in MOVABLE:
            result.append((entry, MOVABLE[entry]))
        else:
            names = ", ".join(sorted(MOVABLE))
            raise ValueError(
                f"unknown municipal holiday {raw!r}: use a fixed date as MM-DD (e.g. '12-08') "
                f"or one of: {names}"
            )
    return tuple(result)
