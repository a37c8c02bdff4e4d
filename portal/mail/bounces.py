"""Reading a bounce: which of our messages it is about, and why the relay could not deliver it.

A relay that accepted a message and failed later sends a bounce to the message's return path,
``<local>+<tag>@<domain>`` (VERP, see portal.mail.addresses). The tag names the message; the
Message-ID in the returned headers names it too, for a bounce that lost the tag on the way.

Bounces come in two shapes:

* RFC 3464 delivery status notifications (Postfix, Gmail, Exchange, Sendmail, modern Exim): a
  ``message/delivery-status`` part whose per-recipient block says Action, Status and
  Diagnostic-Code. These fields are read directly: they are the relay's own words.
* Everything older or odder (classic Exim text, qmail, ...): flufl.bounce's detectors decide
  whether it is a bounce at all, and the reason is the line of the notification that carries the
  remote server's SMTP reply.

The reason is built from the relay's status and diagnostic only. The returned copy of our message
(a temporary password, a confirmation link) is never read for text: only its Message-ID is taken.

``read`` never raises: a bounce is mail from the internet, and one malformed message must not stop
the intake that reads the next.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import email
import email.policy
import logging
import quopri
import re
from collections.abc import Iterator, Sequence
from email.message import Message
from email.parser import BytesHeaderParser, HeaderParser
from email.utils import getaddresses, parseaddr

from flufl.bounce import all_failures

from portal.mail import failures
from portal.mail.failures import Failure

log = logging.getLogger(__name__)

MAX_REASON = 500

# Headers that carry the address a bounce was delivered to, when it is read from a mailbox rather
# than received over SMTP, in the order they are trusted: the first two are written by the
# delivering server, To by the relay that wrote the bounce (its envelope sender, our return path).
_RECIPIENT_HEADERS = ("X-Original-To", "Delivered-To", "To", "Envelope-To")

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")

# Where a plain-text bounce starts quoting the returned message; nothing below is the relay's.
_COPY_MARKER = re.compile(
    r"this is a copy of (the|your) message|original message follows|below (this line )?is a copy"
    r"|original message headers|^\s*-{3,}\s*(original|returned|unsent|undelivered) (message|mail)",
    re.IGNORECASE | re.MULTILINE,
)

# An SMTP reply code in a line of text: at the start of the line, after a colon ("host x [ip]: 550",
# "said: 550", "(reason: 550") or after Sendmail's transcript arrows ("<<< 550").
_REPLY_CODE = re.compile(r"(?:^|:|<<<)\s*([45][0-9]{2})(?=[ -]|$)")

# A header of the returned message quoted in a notification (Exchange 2003's "Subject: ...").
_QUOTED_HEADER = re.compile(r"\s*(To|Cc|From|Subject|Sent|Date):", re.IGNORECASE)

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# A Message-ID header quoted as text (classic Exim, Exchange's "Original message headers").
_QUOTED_MESSAGE_ID = re.compile(
    r"^Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Bounce:
    tags: tuple[str, ...]  # our VERP tags found, in order, no duplicates
    message_ids: tuple[str, ...]  # Message-IDs ("<...>") of the original message quoted in the bounce
    permanent: bool  # True: failed for good; False: only delayed, the relay goes on trying
    kind: Failure
    reason: str  # status and diagnostic, at most MAX_REASON characters; never text of our message


@dataclasses.dataclass(frozen=True)
class _Verdict:
    permanent: bool
    kind: Failure
    reason: str


def read(raw: bytes, *, bounce_address: str, envelope_recipients: Sequence[str] = ()) -> Bounce | None:
    """None when raw is not a bounce (an auto-reply, a person's answer, spam)."""
    try:
        return _read(raw, bounce_address, envelope_recipients)
    except Exception:  # noqa: BLE001 - hostile input: log it, and let the intake go on with the next
        log.warning("bounce not readable, dropped", exc_info=True)
        return None


def _read(raw: bytes, bounce_address: str, envelope_recipients: Sequence[str]) -> Bounce | None:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = list(_own_parts(msg))
    blocks = _recipient_blocks(parts)
    if blocks:
        verdict = _dsn_verdict(blocks, parts)
    else:
        verdict = _plain_verdict(raw, parts)
    if verdict is None:
        return None
    return Bounce(
        tags=_tags(msg, bounce_address, envelope_recipients),
        message_ids=_message_ids(parts),
        permanent=verdict.permanent,
        kind=verdict.kind,
        reason=verdict.reason[:MAX_REASON],
    )


# --- The parts of the bounce ---------------------------------------------------------------------


def _own_parts(part: Message) -> Iterator[Message]:
    """The bounce's parts, depth first. A returned message (message/rfc822) is yielded whole and
    never entered: its text is our mail to the citizen, and a DSN inside it is someone else's."""
    yield part
    if part.get_content_maintype() == "multipart" and part.is_multipart():
        for sub in part.get_payload():
            yield from _own_parts(sub)


def _text_of(part: Message) -> str:
    try:
        return part.get_content()
    except LookupError:  # a charset Python does not know: read it as UTF-8 rather than not at all
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def _notification_texts(parts: Sequence[Message]) -> list[str]:
    """The relay's plain-text explanation(s), cut where a copy of the returned message begins.

    The explanation comes before the returned message (RFC 6522); a text part after it is no
    longer the relay's words, and may be our message sent as an attachment.
    """
    texts = []
    for part in parts:
        if _returned_headers(part):
            break
        if part.get_content_type() == "text/plain" and not part.is_multipart():
            text = _text_of(part)
            marker = _COPY_MARKER.search(text)
            texts.append(text[: marker.start()] if marker else text)
    return texts


# --- RFC 3464 delivery status notifications ------------------------------------------------------


def _recipient_blocks(parts: Sequence[Message]) -> list[Message]:
    """The per-recipient blocks (those with an Action) of every delivery-status part."""
    blocks: list[Message] = []
    for part in parts:
        if part.get_content_type() in _STATUS_TYPES:
            blocks.extend(block for block in _status_blocks(part) if block.get("Action"))
    return blocks


def _status_blocks(part: Message) -> list[Message]:
    """The header blocks of a delivery-status part.

    The email package splits message/delivery-status into blocks itself, but only when it is
    neither encoded nor the RFC 6533 "global" (UTF-8) variant, which it reads as one message with
    a body. Those are put back into text and split here.
    """
    blocks = part.get_payload()
    if not isinstance(blocks, list):
        return []
    if part.get_content_type() == "message/delivery-status" and not any(b.get_payload() for b in blocks):
        return blocks
    text = "\n\n".join(_block_text(block) for block in blocks)
    text = _decoded(text, str(part.get("Content-Transfer-Encoding", "")).strip().lower())
    parser = HeaderParser(policy=email.policy.default)
    return [parser.parsestr(chunk) for chunk in re.split(r"\r?\n[ \t]*\r?\n", text) if chunk.strip()]


def _block_text(block: Message) -> str:
    headers = "".join(f"{name}: {value}\n" for name, value in block.items())
    body = block.get_payload()
    return headers + "\n" + (body if isinstance(body, str) else "")


def _decoded(text: str, encoding: str) -> str:
    try:
        if encoding == "base64":
            return base64.b64decode(text).decode("utf-8", "replace")
        if encoding == "quoted-printable":
            return quopri.decodestring(text.encode("utf-8", "replace")).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return ""
    return text


def _action(block: Message) -> str:
    return str(block.get("Action", "")).strip().lower()


def _dsn_verdict(blocks: Sequence[Message], parts: Sequence[Message]) -> _Verdict | None:
    """The first failed recipient, else the first delayed one; None when every recipient was
    delivered, relayed or expanded (a success notice, not a bounce)."""
    # "error" is OpenSMTPD's non-standard word for failed (flufl.bounce reads it the same way).
    failed = [block for block in blocks if _action(block).startswith(("failed", "error"))]
    delayed = [block for block in blocks if _action(block).startswith("delayed")]
    if not failed and not delayed:
        return None
    block = (failed or delayed)[0]
    status_field = " ".join(str(block.get("Status", "")).split())
    diagnostic = _collapsed(str(block.get("Diagnostic-Code", "")))
    if not diagnostic:
        # Some relays (older Exchange) leave the code out of the report and write it only in prose.
        diagnostic = _smtp_reply_line(_notification_texts(parts))
    reported = failures.status_code(status_field)
    reason = " ".join(piece for piece in (reported or status_field, diagnostic) if piece)
    kind = failures.classify(_specific_status(reported, diagnostic), diagnostic)
    return _Verdict(permanent=bool(failed), kind=kind, reason=reason)


def _specific_status(reported: str, diagnostic: str) -> str:
    """The reported status, unless it says only "failed" (5.0.0, or none) and the remote server's
    reply in the diagnostic has its own code, which says why."""
    if reported and not reported.endswith(".0.0"):
        return reported
    return failures.status_code(diagnostic) or reported


def _collapsed(diagnostic: str) -> str:
    """One line, and a multi-line SMTP reply as one sentence.

    A multi-line reply repeats its code on every line ("550-5.1.1 The email account ... Please try
    550-5.1.1 double-checking ..."); only the first is kept.
    """
    text = " ".join(diagnostic.split())
    first = re.search(r"\b([45][0-9]{2})[ -](?:([245]\.[0-9]{1,3}\.[0-9]{1,3})\s)?", text)
    if not first:
        return text
    code, enhanced = first.groups()
    repeated = rf"\s{code}[ -]" + (rf"(?:{re.escape(enhanced)}\s)?" if enhanced else "")
    head = text[: first.start()] + (f"{code} {enhanced} " if enhanced else f"{code} ")
    return " ".join((head + re.sub(repeated, " ", text[first.end():])).split())


# --- Other bounces -------------------------------------------------------------------------------


def _plain_verdict(raw: bytes, parts: Sequence[Message]) -> _Verdict | None:
    temporary, permanent = _flufl_failures(raw)
    if not temporary and not permanent:
        return None
    texts = _notification_texts(parts)
    line = _smtp_reply_line(texts) or _address_line(texts, temporary | permanent)
    code = _reply_code(line)
    status = failures.status_code(line)
    is_permanent = bool(permanent) and not code.startswith("4")
    return _Verdict(permanent=is_permanent, kind=failures.classify(status, line), reason=line)


def _flufl_failures(raw: bytes) -> tuple[frozenset[bytes], frozenset[bytes]]:
    """Addresses flufl.bounce's detectors find failing, temporarily and permanently.

    It gets its own parse with the email package's compat32 policy, the one its detectors are
    written and tested against.
    """
    msg = email.message_from_bytes(raw)
    if not getaddresses([str(msg.get("From", ""))]):
        # flufl.bounce 6.0's Yale detector raises IndexError on a single-part message without a
        # From address, and the scan stops there, before the detectors that read the text. A
        # placeholder without "@" is one it passes over.
        del msg["From"]
        msg["From"] = "MAILER-DAEMON"
    return all_failures(msg)


def _reply_code(line: str) -> str:
    found = _REPLY_CODE.search(line)
    return found.group(1) if found else ""


def _smtp_reply_line(texts: Sequence[str]) -> str:
    """The SMTP reply in the first line that carries one, from its code on, as one line."""
    for text in texts:
        lines = text.splitlines()
        for number, line in enumerate(lines):
            found = _REPLY_CODE.search(line)
            if found:
                return _collapsed(_continued(lines, number, column=found.start(1)))
    return ""


def _address_line(texts: Sequence[str], addresses: frozenset[bytes]) -> str:
    """Without an SMTP reply, what the notification says at the failed address (qmail's
    "<x>: Sorry, no mailbox here by that name. (#5.1.1)")."""
    wanted = {address.decode("ascii", "replace").lower() for address in addresses}
    for text in texts:
        lines = text.splitlines()
        for number, line in enumerate(lines):
            if not _QUOTED_HEADER.match(line) and any(address in line.lower() for address in wanted):
                return _continued(lines, number, indented_only=False)
    return ""


def _continued(lines: Sequence[str], number: int, *, column: int = 0, indented_only: bool = True) -> str:
    """lines[number] from column on, joined with the lines that continue it, up to a blank line or
    a quoted header of the returned message ("Subject: ...").

    Exim and Postfix wrap a long reply onto indented lines: when indented_only, a continuation is
    indented (deeper than a line at the margin, as deep as an indented one), so the next address of
    an Exim list, less indented, is not taken.
    """
    first = lines[number]
    depth = max(1, _indent(first))
    taken = [first[column:].strip()]
    for line in lines[number + 1:]:
        if not line.strip() or _QUOTED_HEADER.match(line) or (indented_only and _indent(line) < depth):
            break
        taken.append(line.strip())
        if sum(len(piece) for piece in taken) > MAX_REASON:
            break
    return " ".join(" ".join(taken).split())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


# --- What the bounce is about --------------------------------------------------------------------


def _tags(msg: Message, bounce_address: str, envelope_recipients: Sequence[str]) -> tuple[str, ...]:
    """Our VERP tags, from the SMTP envelope first, then from the headers a mailbox adds."""
    return_path = _return_path_pattern(bounce_address)
    if return_path is None:
        return ()
    candidates = [parseaddr(recipient)[1] for recipient in envelope_recipients]
    for name in _RECIPIENT_HEADERS:
        values = [str(value) for value in msg.get_all(name, [])]
        candidates.extend(address for _, address in getaddresses(values))
    tags: list[str] = []
    for candidate in candidates:
        found = return_path.fullmatch(candidate.strip())
        # Tags are made lowercase (portal.mail.addresses); a relay that changed the case of the
        # whole address changed nothing else.
        if found and found.group(1).lower() not in tags:
            tags.append(found.group(1).lower())
    return tuple(tags)


def _return_path_pattern(bounce_address: str) -> re.Pattern[str] | None:
    local, _, domain = bounce_address.strip().strip("<>").rpartition("@")
    if not local or not domain:
        return None
    return re.compile(rf"{re.escape(local)}\+([0-9a-f]{{16,40}})@{re.escape(domain)}", re.IGNORECASE)


def _message_ids(parts: Sequence[Message]) -> tuple[str, ...]:
    """The Message-IDs of the returned message: from a message/rfc822 part's headers, a
    text/rfc822-headers part, or headers quoted in a plain-text bounce."""
    found: list[str] = []
    for part in parts:
        for message_id in _returned_message_ids(part):
            if message_id not in found:
                found.append(message_id)
    return tuple(found)


def _returned_message_ids(part: Message) -> list[str]:
    if part.get_content_type() == "text/plain" and not part.is_multipart():
        return _QUOTED_MESSAGE_ID.findall(_text_of(part))
    ids = []
    for headers in _returned_headers(part):
        for value in headers.get_all("Message-ID", []):
            ids.extend(_MESSAGE_ID.findall(str(value))[:1])
    return ids


def _returned_headers(part: Message) -> list[Message]:
    """The headers of the returned message, if part is one (whole, or its headers only)."""
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        returned = part.get_payload()
        if not isinstance(returned, list):
            return []
        return [message for message in returned if isinstance(message, Message)]
    if content_type == "text/rfc822-headers":
        payload = part.get_payload(decode=True)
        return [BytesHeaderParser(policy=email.policy.default).parsebytes(payload)] if payload else []
    return []
