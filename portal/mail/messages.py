"""Mail content, built apart from sending: pure functions from data to subject/text/HTML."""

from __future__ import annotations

import dataclasses
import functools
from datetime import datetime
from pathlib import Path

import jinja2

from portal import texts
from portal.core import routes
from portal.core.config import settings
from portal.filled_texts import support_phones
from portal.local_time import moment as local_time

_TEMPLATES = Path(__file__).parent / "templates"


@dataclasses.dataclass(frozen=True)
class EmailData:
    subject: str
    text: str
    html: str


@functools.cache
def _environment(kind: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=(kind == "html"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render(template: str, subject: str, **context: object) -> EmailData:
    """The templates hold only markup: a mail's texts come in ``context``, its frame's from here."""
    support_email = settings().support_email
    common = {
        "subject": subject,
        "portal_name": texts.PORTAL_NAME,
        "city": texts.CITY,
        "questions": texts.MAIL_QUESTIONS.format(**support_phones()),
        "questions_email": texts.MAIL_QUESTIONS_EMAIL.format(email=support_email) if support_email else "",
        "link_fallback": texts.MAIL_LINK_FALLBACK,
        "no_reply": texts.MAIL_NO_REPLY,
        **context,
    }
    return EmailData(
        subject=subject,
        text=_environment("text").get_template(f"{template}.txt").render(common),
        html=_environment("html").get_template(f"{template}.html").render(common),
    )


def _first_name(full_name: str) -> str:
    parts = full_name.split()
    return parts[0] if parts else full_name


def confirmation(*, full_name: str, link: str, expires_at: datetime) -> EmailData:
    return render(
        "confirmation",
        texts.MAIL_CONFIRMATION_SUBJECT,
        greeting=texts.MAIL_GREETING.format(name=_first_name(full_name)),
        intro=texts.MAIL_CONFIRMATION_INTRO,
        link=link,
        link_label=texts.MAIL_CONFIRMATION_BUTTON,
        expires=texts.MAIL_CONFIRMATION_EXPIRES.format(expires=local_time(expires_at)),
        not_you=texts.MAIL_CONFIRMATION_NOT_YOU,
    )


def notice(*, subject: str, full_name: str, paragraphs: list[str], code: str = "", link: str = "",
           link_label: str = "", after: list[str] | None = None, no_reply: str = "") -> EmailData:
    footer = {"no_reply": no_reply} if no_reply else {}
    greeting = texts.MAIL_GREETING.format(name=_first_name(full_name))
    return render("notice", subject, greeting=greeting, paragraphs=paragraphs, code=code, link=link,
                  link_label=link_label, after=after or [], **footer)


def temporary_password(*, full_name: str, password: str, expires_at: datetime) -> EmailData:
    return notice(
        subject=texts.MAIL_TEMP_SUBJECT,
        full_name=full_name,
        paragraphs=[texts.MAIL_TEMP_INTRO],
        code=password,
        after=[texts.MAIL_TEMP_EXPIRES.format(expires=local_time(expires_at)), texts.MAIL_TEMP_TYPING,
               texts.MAIL_TEMP_NOT_YOU],
    )


def _change_notice(subject: str, what: str, *, full_name: str, when: datetime, not_me_link: str) -> EmailData:
    """A change to the account's security, told to its address with "Não fui eu"."""
    return notice(
        subject=subject,
        full_name=full_name,
        paragraphs=[what.format(when=local_time(when))],
        link=not_me_link,
        link_label=texts.MAIL_NOT_ME_BUTTON,
        after=[texts.MAIL_NOT_ME_EXPLAIN],
    )


def password_changed(*, full_name: str, when: datetime, not_me_link: str) -> EmailData:
    return _change_notice(texts.MAIL_PASSWORD_CHANGED_SUBJECT, texts.MAIL_PASSWORD_CHANGED,
                          full_name=full_name, when=when, not_me_link=not_me_link)


def two_step_enabled(*, full_name: str, when: datetime, not_me_link: str) -> EmailData:
    return _change_notice(texts.MAIL_TWO_STEP_ON_SUBJECT, texts.MAIL_TWO_STEP_ON,
                          full_name=full_name, when=when, not_me_link=not_me_link)


def two_step_disabled(*, full_name: str, when: datetime, not_me_link: str) -> EmailData:
    return _change_notice(texts.MAIL_TWO_STEP_OFF_SUBJECT, texts.MAIL_TWO_STEP_OFF_BY_YOU,
                          full_name=full_name, when=when, not_me_link=not_me_link)


def two_step_codes_renewed(*, full_name: str, when: datetime, not_me_link: str) -> EmailData:
    return _change_notice(texts.MAIL_TWO_STEP_CODES_SUBJECT, texts.MAIL_TWO_STEP_CODES,
                          full_name=full_name, when=when, not_me_link=not_me_link)


def wrong_codes(*, full_name: str, when: datetime, count: int, not_me_link: str) -> EmailData:
    """Someone typed the right password and then wrong verification codes, again and again."""
    return notice(
        subject=texts.MAIL_WRONG_CODES_SUBJECT,
        full_name=full_name,
        paragraphs=[texts.MAIL_WRONG_CODES.format(when=local_time(when), count=count), texts.MAIL_WRONG_CODES_IF_YOU],
        link=not_me_link,
        link_label=texts.MAIL_NOT_ME_BUTTON,
        after=[texts.MAIL_WRONG_CODES_NOT_YOU],
    )


def new_device(*, full_name: str, when: datetime, device: str, place: str, not_me_link: str) -> EmailData:
    return notice(
        subject=texts.MAIL_NEW_DEVICE_SUBJECT,
        full_name=full_name,
        paragraphs=[texts.MAIL_NEW_DEVICE.format(when=local_time(when), device=device, place=place or "?"),
                    texts.MAIL_NEW_DEVICE_IF_YOU],
        link=not_me_link,
        link_label=texts.MAIL_NOT_ME_BUTTON,
        after=[texts.MAIL_NOT_ME_EXPLAIN],
    )


def two_step_off_by_staff(*, full_name: str, protocol: str, when: datetime, not_me_link: str) -> EmailData:
    """To the address on file: whoever asked the desk may not be the owner."""
    return notice(
        subject=texts.MAIL_TWO_STEP_OFF_SUBJECT,
        full_name=full_name,
        paragraphs=[texts.MAIL_TWO_STEP_OFF.format(when=local_time(when), protocol=protocol),
                    texts.MAIL_TWO_STEP_OFF_IF_YOU],
        link=not_me_link,
        link_label=texts.MAIL_NOT_ME_BUTTON,
        after=[texts.MAIL_TWO_STEP_OFF_NOT_ME.format(protocol=protocol, **support_phones())],
    )


def email_change_confirmation(*, full_name: str, link: str, expires_at: datetime) -> EmailData:
    return notice(
        subject=texts.MAIL_EMAIL_CHANGE_SUBJECT,
        full_name=full_name,
        paragraphs=[texts.MAIL_EMAIL_CHANGE_INTRO],
        link=link,
        link_label=texts.MAIL_EMAIL_CHANGE_BUTTON,
        after=[texts.MAIL_EMAIL_CHANGE_EXPIRES.format(expires=local_time(expires_at))],
    )


def email_change_notice(*, full_name: str, new_email_masked: str, not_me_link: str) -> EmailData:
    return notice(
        subject=texts.MAIL_EMAIL_CHANGE_NOTICE_SUBJECT,
        full_name=full_name,
        paragraphs=[texts.MAIL_EMAIL_CHANGE_NOTICE.format(email=new_email_masked, **support_phones())],
        link=not_me_link,
        link_label=texts.MAIL_NOT_ME_BUTTON,
        after=[texts.MAIL_EMAIL_CHANGE_NOT_ME_EXPLAIN],
    )


def support_receipt(*, full_name: str, protocol: str, topic: str, description: str) -> EmailData:
    return notice(
        subject=texts.MAIL_SUPPORT_RECEIPT_SUBJECT.format(protocol=protocol),
        full_name=full_name,
        paragraphs=[texts.MAIL_SUPPORT_RECEIPT.format(protocol=protocol), texts.MAIL_SUPPORT_TOPIC.format(topic=topic),
                    description],
        **_how_to_follow(protocol, before=[texts.MAIL_SUPPORT_NEXT.format(**support_phones())]),
    )


def support_reply(*, full_name: str, protocol: str, reply: str) -> EmailData:
    return notice(
        subject=texts.MAIL_SUPPORT_REPLY_SUBJECT.format(protocol=protocol),
        full_name=full_name,
        paragraphs=[texts.MAIL_SUPPORT_REPLY.format(protocol=protocol), reply],
        **_how_to_follow(protocol),
    )


def follow_link(protocol: str) -> str:
    """The page where a request is followed, its protocol number filled in (the e-mail is not)."""
    return f"{settings().base_url}{routes.as_served(routes.FOLLOW_REQUEST)}?{routes.FOLLOW_PROTOCOL}={protocol}"


def _how_to_follow(protocol: str, before: list[str] | None = None) -> dict:
    """Support mail is not read when answered: it points to where the request is followed."""
    link = follow_link(protocol)
    return {"link": link, "link_label": texts.MAIL_SUPPORT_FOLLOW_BUTTON,
            "after": [*(before or []), texts.MAIL_SUPPORT_FOLLOW],
            "no_reply": texts.MAIL_SUPPORT_NO_REPLY}
