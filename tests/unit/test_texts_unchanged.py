"""TEMPORARY (issue 22, texts split by area): every name of the old portal/texts.py, byte for byte.

Compares the package with portal/texts.py as it was at 13eec0b, support phones filled in as the old
module did at import. Removed once the split is done.
"""

import string
import subprocess
import types
from pathlib import Path

from portal import filled_texts, texts

ROOT = Path(__file__).resolve().parents[2]
GONE = {"PHONE_CAMPINAS", "PHONE_OTHER", "message", "field_messages"}


def _old() -> types.ModuleType:
    shown = subprocess.run(["git", "show", "13eec0b:portal/texts.py"], cwd=ROOT, check=True,
                           capture_output=True, text=True)
    source = shown.stdout
    module = types.ModuleType("old_texts")
    exec(compile(source, "old_texts.py", "exec"), module.__dict__)
    return module


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _filled(value):
    if isinstance(value, str) and "{phone_" in value:
        return string.Formatter().vformat(value, (), _Keep(filled_texts.support_phones()))
    return value


def test_every_old_text_is_unchanged():
    old = _old()
    names = [n for n in vars(old) if not n.startswith("_") and n not in GONE]
    assert len(names) == 445
    new = {n: dict(texts.MESSAGES) if n == "MESSAGES" else getattr(texts, n) for n in names}
    differ = [n for n in names if _filled(new[n]) != getattr(old, n)]
    assert differ == []


def test_messages_for_codes_are_unchanged():
    old = _old()
    codes = [*old.MESSAGES, "not_a_code"]
    assert [filled_texts.message(code) for code in codes] == [old.message(code) for code in codes]
