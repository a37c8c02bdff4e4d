"""What a sign-in proved, recorded with its session, and whether that is two steps.

Whatever the path (CPF + senha, a recovery's temporary password, gov.br, a future passkey or
city-service sign-in), the session keeps the factors it passed, in the vocabulary of RFC 8176
("amr") where one exists. The staff desk and every account with two-step on demand a second
step *in this session* (accounts.access), not merely that two-step is enabled.

What gov.br proves (docs/security.md): a gov.br sign-in is a credential held by another
provider, which a thief of the portal password does not have. At prata or ouro the gov.br
account's owner was verified against federal records (bank, biometrics, digital
certificate), so such a sign-in counts as a second step of its own. Bronze is a self-declared
gov.br account, no stronger than the portal password: with two-step on, the code is still asked.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Factor(enum.StrEnum):
    PASSWORD = "pwd"  # the portal password
    MAILBOX = "mail"  # a recovery's temporary password: the account's mailbox is read
    CODE = "otp"  # a code of the authenticator app
    RECOVERY_CODE = "rcode"  # a one-time recovery code, printed when two-step was turned on
    GOVBR_BRONZE = "govbr-bronze"
    GOVBR_PRATA = "govbr-prata"
    GOVBR_OURO = "govbr-ouro"


SECOND_STEPS = frozenset({Factor.CODE, Factor.RECOVERY_CODE, Factor.GOVBR_PRATA, Factor.GOVBR_OURO})


def of_govbr(level: str) -> Factor:
    """The factor of a gov.br sign-in at this level (an unknown level counts as bronze)."""
    return {"prata": Factor.GOVBR_PRATA, "ouro": Factor.GOVBR_OURO}.get(level, Factor.GOVBR_BRONZE)


def encode_factors(factors: Iterable[Factor]) -> str:
    return " ".join(sorted({Factor(f).value for f in factors}))


def decode_factors(text: str) -> frozenset[Factor]:
    """The factors stored with a session; unknown words (a newer release's) are ignored."""
    known = {f.value for f in Factor}
    return frozenset(Factor(word) for word in text.split() if word in known)


def two_steps(factors: Iterable[Factor]) -> bool:
    """The sign-in passed a second step (the session may open a two-step account or the desk)."""
    return not SECOND_STEPS.isdisjoint(factors)
