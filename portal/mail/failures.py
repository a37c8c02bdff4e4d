"""Why a message was not delivered, in the four kinds a citizen is told about.

Both an SMTP refusal at submission and a bounce that comes back later carry an enhanced
status code (RFC 3463, "5.1.1") and a free text. The code decides when it is specific; the
text decides for relays that answer only "550" with words.
"""

from __future__ import annotations

import enum
import re


class Failure(enum.StrEnum):
    NO_SUCH_ADDRESS = "no_such_address"
    MAILBOX_FULL = "mailbox_full"
    SPAM = "spam"
    OTHER = "other"


_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")

# Words relays use when their code says little (plain "550", "5.0.0").
_WORDS = (
    (Failure.MAILBOX_FULL, re.compile(
        r"quota|mailbox (is )?full|mailbox.{0,20}exceeded|over ?quota|insufficient (system )?storage|out of storage",
        re.I)),
    (Failure.SPAM, re.compile(r"spam|junk|blocklist|blacklist|block ?list|reputation|spf|dmarc|dkim", re.I)),
    (Failure.NO_SUCH_ADDRESS, re.compile(
        r"user unknown|unknown user|no such (user|mailbox|recipient)|does ?n[o']t exist|not exist"
        r"|recipient (address )?rejected|address rejected|mailbox unavailable|invalid (recipient|mailbox)"
        r"|unknown (recipient|mailbox)|recipient not found|mailbox not found|account (is )?disabled",
        re.I)),
)


def status_code(text: str) -> str:
    """The first enhanced status code in text ("5.1.1"), or ""."""
    found = _STATUS.search(text or "")
    return ".".join(found.groups()) if found else ""


def classify(status: str, text: str = "") -> Failure:
    """The kind of failure of an enhanced status code (or "") and its diagnostic text."""
    status = status or status_code(text)
    if status:
        _, subject, detail = status.split(".")
        if subject == "1" and detail in ("1", "0", "2", "3", "6", "10"):
            return Failure.NO_SUCH_ADDRESS  # bad mailbox, bad system, moved, null MX
        if subject == "2" and detail == "2":
            return Failure.MAILBOX_FULL
        if subject == "2" and detail == "1":
            return Failure.NO_SUCH_ADDRESS  # the mailbox is disabled: nobody will read it
        if subject == "7" and detail in ("1", "26", "27", "28", "23", "25", "7"):
            # Policy refusals: spam filters, sender authentication (SPF, DKIM, DMARC).
            for kind, words in _WORDS:
                if words.search(text or ""):
                    return kind
            return Failure.SPAM
    for kind, words in _WORDS:
        if words.search(text or ""):
            return kind
    return Failure.OTHER
