"""The frame every page shares: skip link, header, main content, footer."""

from __future__ import annotations

import reflex as rx

from portal import routes, texts

CONTENT_ID = "conteudo"


def _header() -> rx.Component:
    return rx.el.header(
        rx.box(
            rx.link(
                rx.vstack(
                    rx.text(texts.PORTAL_NAME, size="6", weight="bold", color="white"),
                    rx.text(texts.CITY, size="2", color="white"),
                    spacing="0",
                ),
                href=routes.HOME,
                underline="none",
            ),
            max_width="72rem",
            margin="0 auto",
            padding="0.9rem 1rem",
        ),
        background="#0b4f8a",
    )


def _footer() -> rx.Component:
    return rx.el.footer(
        rx.box(
            rx.text(texts.FOOTER, size="2"),
            rx.link(texts.LINK_TERMS, href=routes.TERMS, size="2"),
            max_width="72rem",
            margin="0 auto",
            padding="1.5rem 1rem",
        ),
        border_top="1px solid var(--gray-a5)",
        margin_top="2rem",
    )


def page(*children: rx.Component, title: str) -> rx.Component:
    return rx.box(
        rx.el.a(
            texts.SKIP_TO_CONTENT,
            href=f"#{CONTENT_ID}",
            class_name="skip-link",
        ),
        _header(),
        rx.el.main(
            rx.heading(title, as_="h1", size="7", margin_bottom="1rem"),
            *children,
            id=CONTENT_ID,
            tab_index=-1,
            max_width="72rem",
            margin="0 auto",
            padding="1.5rem 1rem",
            width="100%",
        ),
        _footer(),
        min_height="100vh",
    )


def card(*children: rx.Component, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="3", width="100%"), width="100%", size="3", **props)
