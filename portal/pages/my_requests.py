"""Minhas solicitações (a section of Minha conta), and how one support request is shown,
there and on Acompanhar solicitação."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.layout import card
from portal.state.my_requests import MyRequestsState as M

# The text as written (its line breaks kept), never wider than a phone.
_LINES = {"white_space": "pre-wrap", "overflow_wrap": "anywhere"}


def _status_badge(item) -> rx.Component:
    color = rx.match(item.status, ("respondido", "green"), ("em_andamento", "blue"), "gray")
    return rx.badge(item.status_label, color_scheme=color, size="2", high_contrast=True)


def _reply(reply) -> rx.Component:
    return rx.el.li(
        rx.text(reply.when, size="2", weight="bold"),
        rx.text(reply.body, style=_LINES),
        padding="0.5rem 0 0.5rem 0.75rem",
        border_left="3px solid var(--accent-8)",
        margin_top="0.5rem",
    )


def request_details(item, *, heading: str = "h3") -> rx.Component:
    """Protocol, topic, date, status and the staff's replies (plain text) of one request."""
    return rx.vstack(
        rx.hstack(
            rx.heading(item.heading, as_=heading, size="4"),
            _status_badge(item),
            align="center",
            wrap="wrap",
            spacing="3",
        ),
        rx.text(item.topic, style=_LINES),
        rx.text(item.sent, size="2", color="var(--gray-11)"),
        rx.cond(
            item.replies.length() > 0,
            rx.el.ul(rx.foreach(item.replies, _reply), list_style_type="none", padding="0", margin="0",
                     width="100%"),
            rx.text(texts.FOLLOW_NO_REPLY, size="2"),
        ),
        spacing="2",
        width="100%",
        padding_y="0.75rem",
        border_bottom="1px solid var(--gray-a5)",
    )


def my_requests() -> rx.Component:
    """The section of Minha conta; its data comes from MyRequestsState.load (the page's on_load)."""
    return card(
        rx.heading(texts.MY_REQUESTS_HEADING, as_="h2", size="5"),
        rx.cond(
            M.my_requests.length() > 0,
            rx.vstack(
                rx.text(texts.MY_REQUESTS_INTRO, size="2"),
                rx.foreach(M.my_requests, request_details),
                rx.text(texts.FOLLOW_ADD_MORE, size="2"),
                spacing="3",
                width="100%",
            ),
            rx.cond(M.loaded, rx.text(texts.MY_REQUESTS_EMPTY), rx.text(texts.LOADING, role="status")),
        ),
        rx.text(texts.MY_REQUESTS_OTHER_EMAIL, " ",
                rx.link(texts.LINK_FOLLOW_REQUEST, href=routes.FOLLOW_REQUEST), size="2"),
    )
