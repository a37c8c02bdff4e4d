"""E-mail addresses: syntax validation (email-validator, no DNS), typo suggestion, masking."""

from __future__ import annotations

import difflib

from email_validator import EmailNotValidError, validate_email

# What a form keeps of a typed address: past any deliverable one (254), so the citizen is
# told it is invalid, and never an unbounded string.
MAX_INPUT = 300

# Domains most used by Campinas' citizens; a typo close to one of them gets a suggestion.
COMMON_DOMAINS = (
    "gmail.com",
    "hotmail.com",
    "hotmail.com.br",
    "outlook.com",
    "outlook.com.br",
    "live.com",
    "yahoo.com",
    "yahoo.com.br",
    "icloud.com",
    "uol.com.br",
    "bol.com.br",
    "terra.com.br",
    "ig.com.br",
    "globo.com",
    "globomail.com",
    "msn.com",
    "campinas.sp.gov.br",
    "unicamp.br",
)


def normalize(raw: str) -> str | None:
    """The normalised address (domain lower-cased, IDN folded), or None when invalid."""
    candidate = (raw or "").strip()
    if not candidate or len(candidate) > 254:
        return None
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None
    # Compared (and indexed) by casefold, which can grow an address ("ΐ" -> 3 characters).
    if len(result.normalized.casefold()) > 254:
        return None
    return result.normalized


def suggest(address: str) -> str | None:
    """'maria@gmial.com' -> 'maria@gmail.com'; None when the domain looks right."""
    local, sep, domain = (address or "").rpartition("@")
    if not sep or not local:
        return None
    domain = domain.lower()
    if domain in COMMON_DOMAINS:
        return None
    match = difflib.get_close_matches(domain, COMMON_DOMAINS, n=1, cutoff=0.8)
    return f"{local}@{match[0]}" if match else None


def mask(address: str) -> str:
    """'maria.silva@gmail.com' -> 'ma*********@gmail.com': enough to recognise, not to harvest."""
    local, sep, domain = (address or "").rpartition("@")
    if not sep:
        return "***"
    shown = local[:2] if len(local) > 3 else local[:1]
    return f"{shown}{'*' * max(len(local) - len(shown), 3)}@{domain}"
