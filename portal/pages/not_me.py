"""Não fui eu (/nao-fui-eu?resultado=…): the outcome of the link that ended every session."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.components import alert
from portal.pages.layout import card, link_button, page
from portal.state.recovery import NotMeState as M


def not_me() -> rx.Component:
    return page(
        rx.box(
            rx.cond(
                M.checked,
                rx.cond(
                    M.done,
                    card(alert(texts.NOT_ME_DONE, kind="success"),
                         link_button(texts.BUTTON_RECOVER, routes.RECOVER)),
                    card(alert(texts.NOT_ME_INVALID), rx.link(texts.BUTTON_RECOVER, href=routes.RECOVER)),
                ),
                card(rx.text(texts.CONFIRM_CHECKING, role="status")),
            ),
            max_width="36rem",
        ),
        title=texts.NOT_ME_TITLE,
    )
