"""The citizen's side of support: validate the form, create the request with its protocol,
mail the receipt (same transaction, through the outbox)."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

from sqlmodel import Session

from portal.accounts import cpf as cpf_rules
from portal.accounts import email_address
from portal.accounts.signup import MAX_NAME, clean_name
from portal.clock import utcnow
from portal.help.content import TOPICS
from portal.mail import messages, outbox
from portal.mail.messages import LOCAL_TZ
from portal.models import SupportRequest
from portal.ratelimit import Limiter, per_client
from portal.support.protocol import next_protocol

MAX_DESCRIPTION = 2000
TOPIC_SLUGS = frozenset(slug for slug, _ in TOPICS)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclasses.dataclass
class SupportForm:
    name: str = ""
    cpf: str = ""
    email: str = ""
    phone: str = ""
    topic: str = ""
    description: str = ""


@dataclasses.dataclass(frozen=True)
class SupportResult:
    errors: dict[str, list[str]]
    protocol: str = ""
    retry_in: int = 0


def clean_text(raw: str) -> str:
    """Keep line breaks and tabs, drop other control characters (NUL and friends)."""
    return _CONTROL.sub("", raw or "").replace("\r\n", "\n").strip()


def phone_digits(raw: str) -> str | None:
    """'(19) 99876-5432' -> '19998765432'; '' for no phone; None when it cannot be a phone."""
    text = (raw or "").strip()
    if not text:
        return ""
    if not re.fullmatch(r"[0-9 ()+.\-]+", text):  # ASCII digits only: "１９" is not a phone
        return None
    digits = re.sub(r"[^0-9]", "", text)
    if digits.startswith("55") and len(digits) in (12, 13):
        digits = digits[2:]
    return digits if len(digits) in (10, 11) else None


def validate(form: SupportForm) -> tuple[dict[str, list[str]], SupportForm]:
    errors: dict[str, list[str]] = {}
    name = clean_name(_CONTROL.sub("", form.name))
    if not name:
        errors["name"] = ["name_required"]
    elif len(name) > MAX_NAME:
        errors["name"] = ["name_too_long"]
    cpf = ""
    if form.cpf.strip():
        cpf = cpf_rules.normalize(form.cpf) or ""
        if not cpf:
            errors["cpf"] = ["cpf_invalid"]
    address = email_address.normalize(form.email) or ""
    if not form.email.strip():
        errors["email"] = ["email_required"]
    elif not address:
        errors["email"] = ["email_invalid"]
    phone = phone_digits(form.phone)
    if phone is None:
        errors["phone"] = ["phone_invalid"]
    if form.topic not in TOPIC_SLUGS:
        errors["topic"] = ["topic_required"]
    description = clean_text(form.description)
    if not description:
        errors["description"] = ["description_required"]
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = ["description_too_long"]
    cleaned = SupportForm(name=name, cpf=cpf, email=address, phone=phone or "", topic=form.topic,
                          description=description)
    return errors, cleaned


def create(session: Session, form: SupportForm, *, client_ip: str, limiter: Limiter,
           account_id: int | None = None, now: datetime | None = None) -> SupportResult:
    now = now or utcnow()
    errors, clean = validate(form)
    if errors:
        return SupportResult(errors)
    limited = limiter.hit(per_client("support"), "support", client_ip or "unknown")
    if limited:
        return SupportResult({}, retry_in=limited.retry_in)
    protocol = next_protocol(session, now.astimezone(LOCAL_TZ).year)
    request = SupportRequest(protocol=protocol, created_at=now, updated_at=now, topic=clean.topic, name=clean.name,
                             cpf=clean.cpf, email=clean.email, phone=clean.phone, description=clean.description,
                             account_id=account_id, client_ip=client_ip[:64])
    session.add(request)
    outbox.enqueue(session, to=clean.email, now=now, email=messages.support_receipt(
        full_name=clean.name, protocol=protocol, topic=dict(TOPICS)[clean.topic], description=clean.description))
    session.commit()
    return SupportResult({}, protocol=protocol)
