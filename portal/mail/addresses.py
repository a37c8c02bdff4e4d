"""The portal's own mail addresses: the sender's domain, Message-IDs on it, and each
message's return path (VERP), where its bounce comes back."""

from __future__ import annotations

import re
import secrets
from email.utils import parseaddr

from portal.core.config import Settings, settings

_TAG = re.compile(r"[0-9a-f]{16,40}")


def mail_domain(cfg: Settings | None = None) -> str:
    """The domain of PORTAL_MAIL_FROM: DKIM signs for it, Message-IDs are made on it."""
    cfg = cfg or settings()
    return parseaddr(cfg.mail_from)[1].rpartition("@")[2].lower() or "localhost"


def new_message_id(cfg: Settings | None = None) -> str:
    return f"<{secrets.token_hex(16)}@{mail_domain(cfg)}>"


def new_bounce_tag() -> str:
    return secrets.token_hex(12)


def bounce_address(cfg: Settings | None = None) -> str:
    """PORTAL_BOUNCE_ADDRESS, or retorno@ the sender's domain."""
    cfg = cfg or settings()
    return (cfg.bounce_address or f"retorno@{mail_domain(cfg)}").lower()


def return_path(tag: str, cfg: Settings | None = None) -> str:
    """retorno+<tag>@domain: the envelope sender of one message (without a tag, the bare address)."""
    local, _, domain = bounce_address(cfg).partition("@")
    return f"{local}+{tag}@{domain}" if tag else f"{local}@{domain}"


def tag_of(recipient: str, cfg: Settings | None = None) -> str:
    """The tag of a return path of ours, or "" for any other address."""
    local, _, domain = bounce_address(cfg).partition("@")
    their_local, _, their_domain = recipient.strip().strip("<>").lower().rpartition("@")
    prefix = f"{local}+"
    if their_domain != domain or not their_local.startswith(prefix):
        return ""
    tag = their_local[len(prefix):]
    return tag if _TAG.fullmatch(tag) else ""
