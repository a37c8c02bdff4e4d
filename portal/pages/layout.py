"""The frame every page shares: accessibility bar (e-MAG), header with menu, main content, footer."""

from __future__ import annotations

import reflex as rx

from portal import routes, texts
from portal.pages.components import connection_status
from portal.state.preferences import PreferencesState as P

CONTENT_ID = "conteudo"
MENU_ID = "menu"


def _skip_link(label: str, target: str, key: str) -> rx.Component:
    # The frontend router takes over in-page links, so focus is moved explicitly.
    return rx.el.a(label, href=f"#{target}", access_key=key, class_name="barra-link",
                   on_click=[rx.set_focus(target), rx.scroll_to(target)])


def _accessibility_bar() -> rx.Component:
    def toggle(label: str, pressed, on_click) -> rx.Component:
        return rx.el.button(label, type="button", on_click=on_click, aria_pressed=rx.cond(pressed, "true", "false"),
                            class_name="barra-botao")

    return rx.el.nav(
        rx.box(
            _skip_link(texts.SKIP_TO_CONTENT + " [1]", CONTENT_ID, "1"),
            _skip_link(texts.SKIP_TO_MENU + " [2]", MENU_ID, "2"),
            rx.spacer(),
            toggle(texts.HIGH_CONTRAST, P.high_contrast == "1", P.toggle_contrast),
            toggle(texts.LARGER_TEXT, P.large_text == "1", P.toggle_text_size),
            class_name="barra-conteudo",
        ),
        aria_label=texts.ACCESSIBILITY_BAR,
        class_name="barra-acessibilidade",
    )


def _menu() -> rx.Component:
    items = [
        (texts.MENU_HOME, routes.HOME),
        (texts.MENU_SIGNUP, routes.SIGNUP),
        (texts.MENU_HELP, routes.HOME + "#" + "ajuda"),
        (texts.MENU_REQUEST_HELP, routes.SUPPORT),
        (texts.MENU_ACCOUNT, routes.ACCOUNT),
        (texts.MENU_PRIVACY, routes.PRIVACY),
    ]
    return rx.el.nav(
        rx.el.ul(
            *[rx.el.li(rx.el.a(label, href=href, class_name="menu-link")) for label, href in items],
            class_name="menu-lista",
        ),
        id=MENU_ID,
        aria_label=texts.MENU_LABEL,
        tab_index=-1,
    )


def _header() -> rx.Component:
    return rx.el.header(
        rx.box(
            rx.el.a(
                rx.el.span(texts.PORTAL_NAME, class_name="marca-nome"),
                rx.el.span(texts.CITY, class_name="marca-cidade"),
                href=routes.HOME,
                class_name="marca",
            ),
            _menu(),
            class_name="cabecalho-conteudo",
        ),
        class_name="cabecalho",
    )


def _footer() -> rx.Component:
    return rx.el.footer(
        rx.box(
            rx.text(texts.FOOTER, size="2"),
            rx.hstack(
                rx.link(texts.LINK_TERMS, href=routes.TERMS, size="2"),
                rx.link(texts.MENU_PRIVACY, href=routes.PRIVACY, size="2"),
                spacing="4",
                wrap="wrap",
            ),
            max_width="72rem",
            margin="0 auto",
            padding="1.5rem 1rem",
        ),
        border_top="1px solid var(--gray-a5)",
        margin_top="2rem",
    )


def page(*children: rx.Component, title: str) -> rx.Component:
    return rx.box(
        _accessibility_bar(),
        _header(),
        rx.el.main(
            connection_status(),
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
        class_name=P.page_class,
        # "1" once the page is connected and its on_load handlers ran; browser tests wait for
        # it so that what they type is not replaced by the state the server sends on arrival.
        data_ready=rx.cond(rx.State.is_hydrated, "1", "0"),
    )


def card(*children: rx.Component, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="3", width="100%"), width="100%", size="3", **props)
