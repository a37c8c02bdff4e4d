"""Every mail the portal sends scores 0 or less in SpamAssassin (Debian's package, local rules).

Local tests only (`-L`: no network, no DNS blocklists, no DKIM/SPF lookups) with the rules the
Debian package ships in /usr/share/spamassassin (no sa-update), Bayes off, and a throwaway
home: the score depends on the message alone. The exact bytes handed to the relay
(``sender.build(...).as_bytes()``) are scored, all in one spamassassin process (its start-up
takes about a second; each message adds little).

`make test` installs spamassassin (the `mailtools` target); without it these tests are skipped.
"""

from __future__ import annotations

import dataclasses
import email
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.unit import test_mail_deliverability as catalog

SPAMASSASSIN = shutil.which("spamassassin")
pytestmark = pytest.mark.skipif(
    SPAMASSASSIN is None, reason="Debian's spamassassin is not installed: make test installs it")

MAILS = ("confirmation", "temporary_password", "password_changed", "new_device", "two_step_enabled",
         "two_step_disabled", "two_step_codes_renewed", "wrong_codes", "email_change_confirmation",
         "email_change_notice", "support_receipt", "support_reply", "two_step_off_by_staff", "account_deleted")
# What the rules must catch, so a score of 0 means "judged clean", not "not judged": no
# Date, Message-ID or To, shouting and a money offer.
SPAM = b"""From: PREMIOS <premio@example.com>
Subject: GANHE DINHEIRO AGORA!!! CLIQUE AQUI
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p>GANHE R$ 10.000,00 HOJE!!! <a href="http://bit.ly/3xYz">CLIQUE AQUI</a></p></body></html>
"""


@dataclasses.dataclass(frozen=True)
class Verdict:
    rules: dict[str, float]

    @property
    def score(self) -> float:
        return round(sum(self.rules.values()), 3)

    def __str__(self) -> str:
        by_weight = sorted(self.rules.items(), key=lambda rule: -rule[1])
        hits = ", ".join(f"{name}={points:g}" for name, points in by_weight)
        return f"score {self.score:g}: {hits or 'no rules hit'}"


def _rules(header: str) -> dict[str, float]:
    """'HTML_MESSAGE=0.001,NO_RECEIVED=-0.001' (SpamAssassin's _TESTSSCORES(,)_) -> {name: points}."""
    unfolded = "".join(header.split())
    if unfolded in ("", "none"):
        return {}
    return {name: float(points) for name, _, points in (item.partition("=") for item in unfolded.split(","))}


def spamassassin(messages: dict[str, bytes], workdir: Path) -> dict[str, Verdict]:
    """Score the messages in one spamassassin run; each verdict is found by the file it came from."""
    paths = []
    for name, data in messages.items():
        path = workdir / f"{name}.eml"
        path.write_bytes(data.replace(b"\r\n", b"\n"))
        paths.append(path)
    home = workdir / "home"
    home.mkdir()
    run = subprocess.run(
        [SPAMASSASSIN, "-L", "-x", "-p", "/dev/null", "--cf=use_bayes 0", "--cf=report_safe 0",
         "--cf=add_header all Portal-Rules _TESTSSCORES(,)_", *map(str, paths)],
        capture_output=True, env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, timeout=120)
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    output = run.stdout.decode("utf-8", "replace")
    # One message after another, each starting with the header SpamAssassin adds first.
    chunks = ["X-Spam-Checker-Version:" + c for c in output.split("X-Spam-Checker-Version:")[1:]]
    assert len(chunks) == len(messages), run.stderr.decode(errors="replace")
    return {name: Verdict(_rules(email.message_from_string(chunk)["X-Spam-Portal-Rules"] or ""))
            for name, chunk in zip(messages, chunks)}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, Verdict]:
    with catalog.city_environment():
        messages = {name: catalog.final_bytes(mail) for name, mail in catalog.portal_mails().items()}
    assert sorted(messages) == sorted(MAILS)
    return spamassassin({**messages, "spam": SPAM}, tmp_path_factory.mktemp("spamassassin"))


@pytest.mark.parametrize("kind", MAILS)
def test_mail_scores_zero_or_less(verdicts, kind):
    verdict = verdicts[kind]
    assert verdict.score <= 0, f"{kind}: {verdict}"


@pytest.mark.parametrize("kind", MAILS)
def test_no_rule_about_the_content_or_headers_hits(verdicts, kind):
    """Only SpamAssassin's informational rules (0.001 points or less either way) may hit."""
    heavy = {name: points for name, points in verdicts[kind].rules.items() if abs(points) > 0.001}
    assert heavy == {}, f"{kind}: {verdicts[kind]}"


def test_the_rules_do_catch_spam(verdicts):
    spam = verdicts["spam"]
    assert spam.score >= 2, f"spam: {spam}"
    assert {"MISSING_DATE", "MISSING_MID"} <= set(spam.rules), f"spam: {spam}"


def test_scores_are_read_from_spamassassins_header():
    assert _rules("HTML_MESSAGE=0.001,MISSING_HEADERS=0.915,\n\tNO_RECEIVED=-0.001") == {
        "HTML_MESSAGE": 0.001, "MISSING_HEADERS": 0.915, "NO_RECEIVED": -0.001}
    assert Verdict(_rules("HTML_MESSAGE=0.001,MISSING_HEADERS=0.915")).score == 0.916
    assert _rules("none") == {}
