"""Markdown tables and the few number formats every figure uses."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def markdown(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table with columns padded to line up in a terminal too."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(cells, widths)) + " |"

    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def ms(seconds: float) -> str:
    return "—" if math.isnan(seconds) else f"{seconds * 1000:.1f} ms"


def ratio(value: float) -> str:
    return "—" if math.isnan(value) else f"×{value:.2f}"


def kib(value: float) -> str:
    return f"{value:,.0f} KiB" if abs(value) < 10 * 1024 else f"{value / 1024:,.1f} MiB"


def count(value: int) -> str:
    """1 000 000: the thin space of Brazilian and SI usage, kept ASCII."""
    return f"{value:,}".replace(",", " ")
