"""Solicitar auxílio (/ajuda/solicitar): the support request form and its protocol."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.help.content import TOPICS
from portal.pages.components import alert, error_summary, field, form, submit_button, text_input
from portal.pages.delivery_status import delivery_status
from portal.accounts.signup import MAX_NAME_INPUT
from portal.pages.layout import card, page
from portal.state.form_errors import SUMMARY_ID
from portal.state.support import SupportState as S
from portal.support import requests


# The form's fields, in its order (the error summary lists them so).
FIELDS = ("name", "cpf", "email", "phone", "topic", "description")


def _error(name: str):
    return S.errors.get(name, "")


def _left(name: str):
    """On leaving a field (or choosing a topic): checked again if it shows an error."""
    return lambda value: S.field_left(name, value)


def _topic_select() -> rx.Component:
    return rx.el.select(
        rx.el.option(texts.SUPPORT_TOPIC_PLACEHOLDER, value=""),
        *[rx.el.option(title, value=slug) for slug, title in TOPICS],
        id="topic",
        name="topic",
        on_change=_left("topic"),
        aria_invalid=rx.cond(_error("topic") != "", "true", "false"),
        aria_describedby="topic-erro",
        class_name="campo-select",
    )


def _form() -> rx.Component:
    return form(
        rx.vstack(
            error_summary(SUMMARY_ID, [(name, _error(name)) for name in FIELDS]),
            field(texts.LABEL_SUPPORT_NAME, "name",
                  text_input("name", on_blur=_left("name"), error=_error("name"), autocomplete="name",
                             max_length=MAX_NAME_INPUT),
                  error=_error("name"), live=False),
            field(texts.LABEL_SUPPORT_CPF, "cpf",
                  text_input("cpf", on_blur=S.format_cpf, error=_error("cpf"), autocomplete="off",
                             input_mode="numeric", placeholder="000.000.000-00"),
                  error=_error("cpf"), live=False),
            field(texts.LABEL_SUPPORT_EMAIL, "email",
                  text_input("email", on_blur=S.email_left, error=_error("email"), autocomplete="email",
                             input_type="email"),
                  error=_error("email"), live=False),
            field(texts.LABEL_SUPPORT_PHONE, "phone",
                  text_input("phone", on_blur=_left("phone"), error=_error("phone"), autocomplete="tel",
                             input_type="tel", placeholder="(19) 99876-5432"),
                  error=_error("phone"), live=False),
            field(texts.LABEL_SUPPORT_TOPIC, "topic", _topic_select(), error=_error("topic"), live=False),
            field(texts.LABEL_SUPPORT_DESCRIPTION, "description",
                  rx.text_area(id="description", name="description", on_change=S.description_typed,
                               on_blur=_left("description"), rows="6", size="3", width="100%",
                               max_length=requests.MAX_DESCRIPTION + 500,
                               aria_invalid=rx.cond(_error("description") != "", "true", "false"),
                               aria_describedby="description-erro description-contagem"),
                  error=_error("description"), live=False),
            rx.text(S.description_count, id="description-contagem", size="2", color="var(--gray-11)",
                    aria_live="polite"),
            rx.cond(S.limited_message != "", alert(S.limited_message, kind="warning")),
            submit_button(texts.BUTTON_SEND_REQUEST, S.busy),
            spacing="3",
            width="100%",
        ),
        on_submit=S.submit,
    )


def _fix_receipt_email() -> rx.Component:
    return rx.cond(
        S.fixing_email,
        form(
            rx.vstack(
                field(texts.LABEL_NEW_EMAIL, "receipt_email",
                      rx.input(id="receipt_email", name="receipt_email", type="email", auto_complete="email",
                               size="3", width="100%", aria_describedby="receipt_email-erro"),
                      error=S.errors.get("receipt_email", "")),
                submit_button(texts.BUTTON_SAVE_RECEIPT_EMAIL, S.busy),
                width="100%",
            ),
            on_submit=S.save_receipt_email,
            reset_on_submit=False,
        ),
        rx.fragment(rx.text(texts.DELIVERY_FIX_RECEIPT),
                    rx.button(texts.BUTTON_FIX_EMAIL, type="button", on_click=S.fix_email, color_scheme="red",
                              size="3")),
    )


def _done() -> rx.Component:
    return card(
        alert(texts.SUPPORT_DONE.split("{protocol}")[0] + S.protocol, kind="success"),
        rx.text(texts.SUPPORT_DONE_HELP),
        delivery_status(S, _fix_receipt_email()),
        rx.cond(S.receipt_message != "", alert(S.receipt_message, kind="info")),
        rx.link(texts.LINK_FOLLOW_THIS, href=f"{routes.FOLLOW_REQUEST}?{routes.FOLLOW_PROTOCOL}=" + S.protocol),
        rx.button(texts.BUTTON_NEW_REQUEST, on_click=S.new_request, variant="outline"),
    )


def support() -> rx.Component:
    return page(
        rx.box(
            rx.cond(S.protocol != "", _done(), card(rx.text(texts.SUPPORT_INTRO), _form())),
            max_width="40rem",
        ),
        title=texts.SUPPORT_TITLE,
    )
