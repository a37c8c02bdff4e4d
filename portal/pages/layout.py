"""The frame every page shares: accessibility bar (e-MAG), header with menu, main content, footer."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.components import connection_status
from portal.state.menu import CITIZEN, STAFF, VISITOR
from portal.state.menu import MenuState as M
from portal.state.preferences import PreferencesState as P

CONTENT_ID = "conteudo"
MENU_ID = "menu"
MENU_BUTTON_ID = "menu-botao"
MENU_LIST_ID = "menu-lista"


def _skip_link(label: str, target: str, key: str, *also) -> rx.Component:
    # The frontend router takes over in-page links, so focus is moved explicitly.
    return rx.el.a(label, href=f"#{target}", access_key=key, class_name="barra-link",
                   on_click=[rx.set_focus(target), rx.scroll_to(target), *also])


def _accessibility_bar() -> rx.Component:
    def toggle(label: str, pressed, on_click) -> rx.Component:
        return rx.el.button(label, type="button", on_click=on_click, aria_pressed=rx.cond(pressed, "true", "false"),
                            class_name="barra-botao")

    return rx.el.nav(
        rx.box(
            _skip_link(texts.SKIP_TO_CONTENT + " [1]", CONTENT_ID, "1"),
            # On a phone, the menu's links are shown too (on wider screens they always are).
            _skip_link(texts.SKIP_TO_MENU + " [2]", MENU_ID, "2", M.expand),
            rx.spacer(),
            toggle(texts.HIGH_CONTRAST, P.high_contrast == "1", P.toggle_contrast),
            toggle(texts.LARGER_TEXT, P.large_text == "1", P.toggle_text_size),
            class_name="barra-conteudo",
        ),
        aria_label=texts.ACCESSIBILITY_BAR,
        class_name="barra-acessibilidade",
    )


# (label, href, who sees it): the links that fit the visitor, in this order.
_EVERYONE = (VISITOR, CITIZEN, STAFF)
_SIGNED_IN = (CITIZEN, STAFF)
_MENU_ITEMS = (
    (texts.MENU_HOME, routes.HOME, _EVERYONE),
    (texts.MENU_SERVICES, routes.SERVICES, _EVERYONE),
    (texts.MENU_SIGNUP, routes.SIGNUP, (VISITOR,)),
    (texts.MENU_HELP, routes.HOME + "#ajuda", _EVERYONE),
    (texts.MENU_REQUEST_HELP, routes.SUPPORT, _EVERYONE),
    (texts.MENU_ACCOUNT, routes.ACCOUNT, _SIGNED_IN),
    (texts.MENU_DESK, routes.DESK, (STAFF,)),
    (texts.MENU_PRIVACY, routes.PRIVACY, _EVERYONE),
    (texts.MENU_SIGN_IN, routes.HOME, (VISITOR,)),
)


def _menu_item(label: str, href: str, kinds: tuple[str, ...]) -> rx.Component:
    item = rx.el.li(rx.el.a(label, href=href, class_name="menu-link", on_click=M.close))
    if kinds == _EVERYONE:
        return item
    shown = M.kind == kinds[0]
    for kind in kinds[1:]:
        shown = shown | (M.kind == kind)
    return rx.cond(shown, item)


def _menu() -> rx.Component:
    """The header is the main menu: the portal's name, and its links. On a phone the links
    sit behind a "Menu" button (a disclosure: aria-expanded, aria-controls); on wider screens
    the CSS shows them inline and hides the button. The links are plain <a>: they work
    before the page is live."""
    return rx.el.nav(
        rx.el.a(
            rx.el.span(texts.PORTAL_NAME, class_name="marca-nome"),
            rx.el.span(texts.CITY, class_name="marca-cidade"),
            href=routes.HOME,
            class_name="marca",
        ),
        rx.el.button(
            rx.icon("menu", size=20, aria_hidden="true"),
            texts.MENU_BUTTON,
            type="button",
            id=MENU_BUTTON_ID,
            class_name="menu-botao",
            aria_expanded=rx.cond(M.expanded, "true", "false"),
            aria_controls=MENU_LIST_ID,
            on_click=M.toggle,
        ),
        rx.el.ul(*[_menu_item(*item) for item in _MENU_ITEMS], id=MENU_LIST_ID, class_name="menu-lista"),
        id=MENU_ID,
        aria_label=texts.MENU_LABEL,
        tab_index=-1,
        class_name=rx.cond(M.expanded, "cabecalho-conteudo menu-aberto", "cabecalho-conteudo"),
        # Each page asks once which links fit (and closes the phone menu).
        on_mount=M.learn,
    )


def _header() -> rx.Component:
    return rx.el.header(_menu(), class_name="cabecalho")


def _footer() -> rx.Component:
    return rx.el.footer(
        rx.box(
            rx.text(texts.FOOTER, size="2"),
            rx.hstack(
                rx.link(texts.LINK_TERMS, href=routes.TERMS, size="2"),
                rx.link(texts.MENU_PRIVACY, href=routes.PRIVACY, size="2"),
                column_gap="1.5rem",
                row_gap="0",
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


def link_button(label: str, href: str, *, variant: str = "solid", **props) -> rx.Component:
    """A link that looks like a button (never a button inside a link: one focus stop, one
    role). variant: "solid", "outline" or "soft", as Radix's buttons."""
    return rx.link(label, href=href, underline="none", class_name=f"link-botao link-botao-{variant}", **props)


def card(*children: rx.Component, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="3", width="100%"), width="100%", size="3", **props)
