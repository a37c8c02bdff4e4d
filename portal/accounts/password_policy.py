"""Password rules (OWASP ASVS 5 / NIST SP 800-63B): length, not common, not personal.

No composition rules: length and a block list protect better and annoy less. Every check
runs and every problem is reported at once, as Django's ``validate_password`` does.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from portal.accounts import cpf as cpf_rules

MIN_LENGTH = 8
MAX_LENGTH = 128
TOP_COMMON = 3000
_NAME_CONNECTORS = {"da", "de", "do", "das", "dos", "e"}
_BR_LIST = Path(__file__).parent / "data" / "senhas_comuns_br.txt"


def _fold(text: str) -> str:
    """Lower case without accents, so 'João' matches 'joao'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def common_passwords() -> frozenset[str]:
    top = FREQUENCY_LISTS["passwords"][:TOP_COMMON]
    brazilian = [
        line.strip()
        for line in _BR_LIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return frozenset(_fold(p) for p in [*top, *brazilian])


def problems(password: str, *, cpf: str = "", full_name: str = "") -> list[str]:
    """Codes of every rule the password breaks (empty list: acceptable)."""
    found: list[str] = []
    length = len(password)
    if length < MIN_LENGTH:
        found.append("password_too_short")
    if length > MAX_LENGTH:
        found.append("password_too_long")
    folded = _fold(password)
    if folded in common_passwords() or folded.strip() in common_passwords():
        found.append("password_common")
    digits = cpf_rules.digits_only(password)
    cpf_digits = cpf_rules.digits_only(cpf)
    if len(cpf_digits) == 11 and cpf_digits[:9] in digits:
        found.append("password_contains_cpf")
    name_parts = [p for p in _fold(full_name).split() if len(p) >= 3 and p not in _NAME_CONNECTORS]
    if any(part in folded for part in name_parts):
        found.append("password_contains_name")
    return found


def strength(password: str, *, cpf: str = "", full_name: str = "") -> int:
    """0 (very weak) to 4 (strong), zxcvbn's estimate; 0 when a rule is broken."""
    if not password:
        return 0
    if problems(password, cpf=cpf, full_name=full_name):
        return 0
    result = zxcvbn(password[:MAX_LENGTH], user_inputs=[cpf, *full_name.split()])
    return int(result["score"])
