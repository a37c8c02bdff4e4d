"""/indisponivel: shown when the database cannot be reached. Static: needs no database."""

from __future__ import annotations

import reflex as rx

from portal import filled_texts, texts
from portal.core import routes
from portal.pages.layout import card, link_button, page


def unavailable() -> rx.Component:
    return page(
        rx.box(
            card(
                rx.callout(texts.UNAVAILABLE_BODY, color_scheme="amber", role="alert", width="100%"),
                rx.text(texts.UNAVAILABLE_PHONE.format(**filled_texts.support_phones())),
                # A full page load, so every part of the page is fetched again.
                link_button(texts.UNAVAILABLE_RETRY, routes.HOME, reload_document=True),
            ),
            max_width="36rem",
        ),
        title=texts.UNAVAILABLE_TITLE,
    )
