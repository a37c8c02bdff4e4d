"""Minha conta (/minha-conta): the signed-in citizen's data."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.pages.layout import card, page
from portal.state.account import AccountState as A


def _row(label: str, value) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(label), rx.data_list.value(value))


def account() -> rx.Component:
    return page(
        rx.cond(
            A.signed_in,
            rx.box(
                card(
                    rx.heading(texts.ACCOUNT_GREETING.split("{name}")[0], A.full_name, "!", as_="h2", size="5"),
                    rx.data_list.root(
                        _row(texts.ACCOUNT_NAME, A.full_name),
                        _row(texts.ACCOUNT_CPF, A.cpf_hidden),
                        _row(texts.ACCOUNT_EMAIL, A.email),
                        orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                    ),
                    rx.button(texts.BUTTON_LOGOUT, on_click=A.logout, variant="outline", size="3"),
                ),
                max_width="40rem",
            ),
            rx.text(texts.LOADING, role="status"),
        ),
        title=texts.ACCOUNT_TITLE,
    )
