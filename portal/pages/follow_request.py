"""Acompanhar solicitação (/ajuda/acompanhar): protocol number + e-mail, then the request."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.components import alert, error_summary, field, form, submit_button, text_input
from portal.pages.layout import card, page
from portal.pages.my_requests import request_details
from portal.state.follow_request import FollowRequestState as F
from portal.state.form_errors import SUMMARY_ID


def _error(name: str):
    return F.errors.get(name, "")


def _form() -> rx.Component:
    return card(
        rx.text(texts.FOLLOW_INTRO),
        form(
            rx.vstack(
                error_summary(SUMMARY_ID, [(name, _error(name)) for name in ("protocol", "email")]),
                field(texts.LABEL_FOLLOW_PROTOCOL, "protocol",
                      text_input("protocol", on_blur=F.protocol_left, error=_error("protocol"),
                                 autocomplete="off", input_mode="numeric", placeholder="2026-483-129-577",
                                 max_length=40),
                      error=_error("protocol"), hint=texts.FOLLOW_PROTOCOL_HINT, live=False),
                field(texts.LABEL_FOLLOW_EMAIL, "email",
                      text_input("email", on_blur=F.email_left, error=_error("email"),
                                 autocomplete="email", input_type="email"),
                      error=_error("email"), live=False),
                rx.cond(F.message != "", alert(F.message, kind="warning")),
                submit_button(texts.BUTTON_FOLLOW, F.busy),
                spacing="3",
                width="100%",
            ),
            on_submit=F.submit,
        ),
        rx.link(texts.SUPPORT_TITLE, href=routes.SUPPORT),
    )


def _found() -> rx.Component:
    return card(
        rx.foreach(F.found, lambda item: request_details(item, heading="h2")),
        rx.text(texts.FOLLOW_ADD_MORE, size="2"),
        rx.hstack(
            rx.button(texts.BUTTON_FOLLOW_ANOTHER, on_click=F.another, variant="outline", size="3"),
            rx.link(texts.SUPPORT_TITLE, href=routes.SUPPORT),
            align="center",
            wrap="wrap",
            spacing="4",
        ),
    )


def follow_request() -> rx.Component:
    return page(
        rx.box(rx.cond(F.found.length() > 0, _found(), _form()), max_width="40rem"),
        title=texts.FOLLOW_TITLE,
    )
