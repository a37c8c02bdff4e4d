"""Texts completed at run time: the support phones the city set, and the message for an outcome code.

``portal.texts`` reads no setting, so the texts naming a support phone hold ``{phone_campinas}`` and
``{phone_other}``; whoever shows one fills them in from here, when it is shown.
"""

from __future__ import annotations

from portal import texts
from portal.core.config import settings


def support_phones() -> dict[str, str]:
    """The support phones, under the names the texts' placeholders use."""
    cfg = settings()
    return {"phone_campinas": cfg.support_phone_campinas, "phone_other": cfg.support_phone_other}


def generic_error() -> str:
    return texts.GENERIC_ERROR.format(**support_phones())


def message(code: str) -> str:
    """The text for a code a service returned; a code without one reads as the generic error."""
    return texts.MESSAGES[code] if code in texts.MESSAGES else generic_error()


def field_messages(errors: dict[str, list[str]]) -> dict[str, str]:
    """Service error codes per field -> the Portuguese text shown next to each field."""
    return {field: " ".join(message(code) for code in codes) for field, codes in errors.items()}
