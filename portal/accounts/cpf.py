"""CPF (Cadastro de Pessoas Físicas): normalisation, check digits, display mask."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"[\s.\-/]")


def digits_only(raw: str) -> str:
    """Strip the punctuation people type (dots, hyphen, slash, spaces); keep anything else."""
    return _PUNCTUATION.sub("", raw or "")


def _check_digit(digits: str) -> int:
    weight = len(digits) + 1
    total = sum(int(d) * (weight - i) for i, d in enumerate(digits))
    rest = (total * 10) % 11
    return 0 if rest == 10 else rest


def is_valid(raw: str) -> bool:
    """True for a CPF with correct check digits, typed with or without punctuation."""
    cpf = digits_only(raw)
    if len(cpf) != 11 or not cpf.isascii() or not cpf.isdigit():
        return False
    if cpf == cpf[0] * 11:  # 000.000.000-00 … 999.999.999-99 pass the digit test but are not CPFs
        return False
    return _check_digit(cpf[:9]) == int(cpf[9]) and _check_digit(cpf[:10]) == int(cpf[10])


def normalize(raw: str) -> str | None:
    """The 11 digits of a valid CPF, or None."""
    return digits_only(raw) if is_valid(raw) else None


def format_cpf(cpf: str) -> str:
    """000.000.000-00 for 11 digits; anything else is returned unchanged."""
    d = digits_only(cpf)
    if len(d) != 11 or not d.isdigit():
        return cpf
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"


def mask_partial(typed: str) -> str:
    """Mask as the citizen types: '1234567' -> '123.456.7'."""
    d = "".join(c for c in digits_only(typed) if c.isdigit())[:11]
    out = d[:3]
    if len(d) > 3:
        out += "." + d[3:6]
    if len(d) > 6:
        out += "." + d[6:9]
    if len(d) > 9:
        out += "-" + d[9:]
    return out


def hide(cpf: str) -> str:
    """Shown on screen after sign-in: ***.456.789-** (the LGPD-friendly form used by gov.br)."""
    d = digits_only(cpf)
    if len(d) != 11:
        return "***"
    return f"***.{d[3:6]}.{d[6:9]}-**"


def generate(seed_digits: str) -> str:
    """A valid CPF from 9 base digits (tests and benchmarks use it)."""
    base = seed_digits[:9].rjust(9, "0")
    first = _check_digit(base)
    second = _check_digit(base + str(first))
    return f"{base}{first}{second}"
