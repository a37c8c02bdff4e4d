""""Meus dados" (/minha-conta/meus-dados): the citizen's data as a page that reads and prints well."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.layout import page
from portal.state.my_data import MyDataState as D


def _row(row) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(row.label), rx.data_list.value(row.value))


def _entry(entry) -> rx.Component:
    return rx.data_list.root(rx.foreach(entry.rows, _row), orientation=rx.breakpoints(initial="vertical",
                                                                                      sm="horizontal"),
                             class_name="dados-item")


def _section(section) -> rx.Component:
    return rx.el.section(
        rx.heading(section.title, as_="h2", size="5", margin_bottom="0.5rem"),
        rx.cond(section.records.length() > 0, rx.foreach(section.records, _entry), rx.text(section.empty)),
        class_name="dados-secao",
    )


def my_data() -> rx.Component:
    return page(
        rx.vstack(
            rx.text(texts.MY_DATA_INTRO),
            rx.text(D.generated, size="2", color="var(--gray-11)"),
            rx.hstack(
                rx.button(texts.BUTTON_PRINT, on_click=D.print_page, size="3"),
                rx.button(texts.BUTTON_DOWNLOAD_COPY, on_click=D.download, variant="outline", size="3"),
                rx.link(texts.BACK_TO_ACCOUNT, href=routes.ACCOUNT),
                wrap="wrap", align="center", spacing="4", class_name="nao-imprimir",
            ),
            rx.foreach(D.sections, _section),
            spacing="4",
            width="100%",
            max_width="48rem",
        ),
        title=texts.MY_DATA_TITLE,
    )
