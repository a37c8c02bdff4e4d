"""The live status of a mail the page caused, with the way out beside a failure."""

from __future__ import annotations

import reflex as rx


STATUS_ID = "situacao-email"


def delivery_status(state, *ways_out: rx.Component) -> rx.Component:
    """state: a DeliveryStatusMixin state. The region is always there, so screen readers
    announce each change of its text (role=status, polite); a failure is shown as an error."""
    return rx.box(
        rx.cond(
            state.delivery_failed,
            rx.callout(
                rx.vstack(rx.text(state.delivery_text, weight="medium"), *ways_out, spacing="2", width="100%"),
                color_scheme="red", width="100%",
            ),
            rx.cond(state.delivery_text != "",
                    rx.callout(state.delivery_text, color_scheme="blue", width="100%")),
        ),
        id=STATUS_ID,
        role="status",
        aria_live="polite",
        width="100%",
        on_mount=state.watch_delivery,
    )
