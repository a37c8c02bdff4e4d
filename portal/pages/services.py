"""Serviços (/servicos): the city's online services by category, with a search box.

The list is built into the page from portal/catalog/servicos.toml, so it is there (and its
links work) before the page is live; the search only hides what does not match.
"""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.catalog import services as catalog
from portal.pages.components import LIVE, alert, form
from portal.pages.layout import page
from portal.state.catalog import CatalogState as C

SEARCH_ID = "busca-servico"


def _who() -> rx.Component:
    """Who is signed in, with the way to their pages; for a visitor, the way in."""
    before, after = texts.SERVICES_SIGNED_IN_AS.split("{name}")
    signed_in = rx.vstack(
        rx.text(before, rx.el.strong(C.signed_in_name), after),
        rx.hstack(
            rx.link(texts.SERVICES_LINK_ACCOUNT, href=routes.ACCOUNT, weight="bold"),
            rx.cond(C.staff, rx.link(texts.SERVICES_LINK_DESK, href=routes.DESK, weight="bold")),
            spacing="5",
            wrap="wrap",
        ),
        spacing="1",
    )
    visitor = rx.text(
        texts.SERVICES_SIGN_IN_PROMPT, " ",
        rx.link(texts.SERVICES_LINK_SIGN_IN, href=routes.HOME, weight="bold"), " · ",
        rx.link(texts.SERVICES_LINK_SIGNUP, href=routes.SIGNUP, weight="bold"),
    )
    # Until the page knows who this is, neither (a citizen is not shown "Entrar" for a moment).
    return rx.box(
        rx.cond(rx.State.is_hydrated, rx.cond(C.signed_in_name != "", signed_in, visitor)),
        min_height="3rem",
        margin_bottom="1rem",
    )


def _search() -> rx.Component:
    return form(
        rx.vstack(
            rx.el.label(texts.SERVICES_SEARCH_LABEL, html_for=SEARCH_ID, style={"fontWeight": "600"}),
            rx.text(texts.SERVICES_SEARCH_HINT, id=f"{SEARCH_ID}-dica", size="2", color="var(--gray-11)"),
            rx.hstack(
                # Uncontrolled, like every field of the portal: what is typed before the page is
                # live stays (Enter or "Buscar" then searches it); once live, the list follows the
                # typing, one event per pause (debounce), not per key.
                rx.input(id=SEARCH_ID, name="q", type="search", on_change=C.set_query.debounce(300),
                         aria_describedby=f"{SEARCH_ID}-dica", auto_complete="off",
                         max_length=catalog.MAX_QUERY, size="3", flex="1", min_width="0"),
                rx.button(texts.SERVICES_SEARCH_BUTTON, type="submit", size="3", disabled=~LIVE),
                width="100%",
                spacing="2",
            ),
            spacing="1",
            width="100%",
            max_width="40rem",
        ),
        on_submit=C.search,
        role="search",
    )


def _service(service: catalog.Service) -> rx.Component:
    parts = [
        rx.heading(rx.link(service.name, href=service.link), as_="h3", size="4"),
        rx.text(service.description, size="3"),
    ]
    if service.needs_sign_in:
        parts.append(rx.text(texts.SERVICES_NEEDS_SIGN_IN, size="2", color="var(--gray-11)", weight="medium"))
    item = rx.el.li(rx.card(rx.vstack(*parts, spacing="2"), size="2", height="100%"),
                    id=f"servico-{service.id}")
    return rx.cond(~C.searching | C.shown.contains(service.id), item)


def _category(group: catalog.Category) -> rx.Component:
    heading_id = f"categoria-{group.id}"
    section = rx.el.section(
        rx.heading(group.name, as_="h2", size="5", id=heading_id, margin_bottom="0.75rem"),
        rx.el.ul(
            *[_service(service) for service in group.services],
            style={"listStyle": "none", "margin": 0, "padding": 0, "display": "grid", "gap": "1rem",
                   "gridTemplateColumns": "repeat(auto-fill, minmax(min(100%, 18rem), 1fr))"},
        ),
        aria_labelledby=heading_id,
        margin_top="1.75rem",
    )
    return rx.cond(~C.searching | C.shown_categories.contains(group.id), section)


def services() -> rx.Component:
    return page(
        rx.text(texts.SERVICES_INTRO, margin_bottom="0.75rem"),
        _who(),
        _search(),
        rx.el.p(C.summary, role="status", style={"margin": "1rem 0 0", "fontWeight": "600"}),
        rx.cond(C.nothing_found, alert(texts.SERVICES_NONE_HINT, kind="info", margin_top="0.75rem")),
        *[_category(group) for group in catalog.catalog().groups()],
        title=texts.SERVICES_TITLE,
    )
