"""The "Você quis dizer …?" line under an e-mail field, with its "Usar sugestão" button."""

from __future__ import annotations

import reflex as rx

from portal import texts


def email_suggestion(suggestion, use) -> rx.Component:
    """`suggestion`: the state's email_suggestion var; `use`: the event that applies it."""
    return rx.cond(
        suggestion != "",
        rx.hstack(
            rx.text(texts.EMAIL_SUGGESTION.split("{suggestion}")[0], suggestion, "?", size="2"),
            rx.button(texts.BUTTON_USE_SUGGESTION, type="button", size="2", variant="soft", on_click=use,
                      class_name="botao-sugestao"),
            align="center",
            wrap="wrap",
            role="status",
        ),
    )
