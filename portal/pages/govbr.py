"""After "Entrar com gov.br": /govbr/erro (what went wrong, and CPF + senha instead) and
/govbr/vincular (a bronze gov.br identity confirms the portal password once)."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.components import alert, field, password_input, posted_form, submit_button
from portal.pages.layout import card, link_button, page
from portal.state.govbr import GovbrFailedState, GovbrLinkState as L


def govbr_failed() -> rx.Component:
    return page(
        rx.box(
            card(
                alert(GovbrFailedState.message, kind="warning"),
                rx.text(texts.GOVBR_FAILED_INSTEAD),
                link_button(texts.BUTTON_LOGIN, routes.HOME),
                rx.link(texts.GOVBR_TRY_AGAIN, href=routes.AUTH_GOVBR, reload_document=True),
            ),
            max_width="36rem",
        ),
        title=texts.GOVBR_FAILED_TITLE,
    )


def govbr_link() -> rx.Component:
    """The password form is on screen from the first paint and posted by the browser to
    /auth/govbr/vincular (live page or not); once the page knows no link waits, it says so."""
    return page(
        rx.box(
            card(
                rx.cond(
                    L.checked & ~L.waiting,
                    alert(texts.GOVBR_LINK_GONE, kind="warning"),
                    rx.vstack(
                        rx.text(texts.GOVBR_LINK_INTRO),
                        posted_form(
                            rx.vstack(
                                field(texts.LABEL_PASSWORD, "password",
                                      password_input("password", show=False, on_key_down=None, error=L.error,
                                                     autocomplete="current-password"),
                                      error=L.error),
                                submit_button(texts.GOVBR_LINK_BUTTON, False, posted=True),
                                spacing="3",
                                width="100%",
                            ),
                            action=routes.AUTH_GOVBR_LINK,
                        ),
                        rx.link(texts.LINK_RECOVER, href=routes.RECOVER),
                        spacing="3",
                        width="100%",
                    ),
                ),
            ),
            max_width="36rem",
        ),
        title=texts.GOVBR_LINK_TITLE,
    )
