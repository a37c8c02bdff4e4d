"""The confirmation link's page (/confirmar?resultado=…): success, expired, used, superseded, unknown."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.components import alert
from portal.pages.layout import card, link_button, page
from portal.state.confirm import ConfirmState as C


def _outcome(message: str, help_text: str, kind: str, action: rx.Component) -> rx.Component:
    return card(alert(message, kind=kind), rx.text(help_text), action)


def _login_link(label: str) -> rx.Component:
    return link_button(label, routes.HOME, width="100%")


def confirm() -> rx.Component:
    return page(
        rx.box(
            rx.match(
                C.status,
                ("ok", card(alert(texts.CONFIRM_OK, kind="success"), _login_link(texts.CONFIRM_OK_NEXT))),
                ("email_changed", card(alert(texts.CONFIRM_EMAIL_CHANGED, kind="success"),
                                       _login_link(texts.CONFIRM_OK_NEXT))),
                ("email_in_use", card(alert(texts.CONFIRM_EMAIL_IN_USE), _login_link(texts.CONFIRM_OK_NEXT))),
                ("expired", _outcome(texts.CONFIRM_EXPIRED, texts.CONFIRM_EXPIRED_HELP, "warning", rx.vstack(
                    rx.button(texts.BUTTON_SEND_NEW_LINK, on_click=C.send_new_link, size="3", width="100%"),
                    rx.cond(C.resend_message != "", alert(C.resend_message, kind="info")),
                    width="100%",
                ))),
                ("used", _outcome(texts.CONFIRM_USED, texts.CONFIRM_USED_HELP, "info",
                                  _login_link(texts.CONFIRM_OK_NEXT))),
                ("superseded", _outcome(texts.CONFIRM_SUPERSEDED, texts.CONFIRM_SUPERSEDED_HELP, "warning",
                                        _login_link(texts.CONFIRM_OK_NEXT))),
                ("unknown", _outcome(texts.CONFIRM_UNKNOWN, texts.CONFIRM_UNKNOWN_HELP, "error", rx.hstack(
                    _login_link(texts.CONFIRM_OK_NEXT),
                    link_button(texts.LINK_SIGNUP, routes.SIGNUP, variant="outline"),
                ))),
                card(rx.text(texts.CONFIRM_CHECKING, role="status")),
            ),
            max_width="36rem",
        ),
        title=texts.CONFIRM_TITLE,
    )
