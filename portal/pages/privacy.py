"""Privacidade (/privacidade): how data is treated and where LGPD demands go."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.core.config import settings
from portal.help import content
from portal.pages.layout import card, page


def privacy() -> rx.Component:
    url = settings().ouvidoria_url
    return page(
        rx.box(
            card(
                rx.text(texts.PRIVACY_INTRO),
                rx.text(texts.PRIVACY_SELF_SERVICE, " ", rx.link(texts.MENU_ACCOUNT, href=routes.ACCOUNT)),
                rx.heading(texts.PRIVACY_OUVIDORIA_HEADING, as_="h2", size="5"),
                rx.text(texts.PRIVACY_OUVIDORIA, " ", rx.link(url, href=url, is_external=True)),
                rx.text(texts.PRIVACY_DEMANDS_HEADING, weight="bold"),
                rx.el.ul(*[rx.el.li(item) for item in content.LGPD_DEMANDS], class_name="lista"),
                rx.link(texts.LINK_TERMS, href=routes.TERMS),
            ),
            max_width="48rem",
        ),
        title=texts.PRIVACY_TITLE,
    )
