"""One page with one line of text and the same "live" marker as the portal's pages."""

import reflex as rx


def index() -> rx.Component:
    return rx.box(rx.text("Página em branco"), data_ready=rx.cond(rx.State.is_hydrated, "1", "0"))


app = rx.App()
app.add_page(index, route="/")
