"""/dev/emails: mail caught by the built-in catcher (registered only in catcher mode)."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.pages.layout import card, page
from portal.state.dev_emails import DevEmailsState as D


def _message(message) -> rx.Component:
    return card(
        rx.heading(message.subject, as_="h2", size="4"),
        rx.text(rx.el.strong(texts.DEV_EMAILS_TO + ": "), message.recipient, " · ", message.received, size="2"),
        rx.foreach(message.links, lambda link: rx.link(link, href=link, word_break="break-all")),
        rx.el.details(rx.el.summary(texts.DEV_EMAILS_TEXT_PART), rx.el.pre(message.text, white_space="pre-wrap")),
    )


def dev_emails() -> rx.Component:
    return page(
        rx.text(texts.DEV_EMAILS_INTRO),
        rx.button(texts.DEV_EMAILS_REFRESH, on_click=D.refresh, margin_y="1rem"),
        rx.cond(
            D.messages.length() > 0,
            rx.vstack(rx.foreach(D.messages, _message), spacing="4", width="100%"),
            rx.text(texts.DEV_EMAILS_EMPTY),
        ),
        title=texts.DEV_EMAILS_TITLE,
    )
