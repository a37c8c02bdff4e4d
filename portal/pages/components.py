"""Form pieces shared by pages: labelled fields with their error, alerts, password inputs."""

from __future__ import annotations

import reflex as rx

from portal import texts


def alert(message, *, kind: str = "error", **props) -> rx.Component:
    """A message box; errors are announced by screen readers (role=alert)."""
    color = {"error": "red", "success": "green", "info": "blue", "warning": "amber"}[kind]
    return rx.callout(
        message,
        color_scheme=color,
        role="alert" if kind == "error" else "status",
        width="100%",
        **props,
    )


def field_error(field_id: str, message) -> rx.Component:
    return rx.cond(
        message != "",
        rx.text(message, id=f"{field_id}-erro", color="var(--red-11)", size="2", role="alert"),
    )


def field(label: str, field_id: str, control: rx.Component, *, error=None, hint: str = "") -> rx.Component:
    parts = [rx.el.label(label, html_for=field_id, style={"fontWeight": "600"})]
    if hint:
        parts.append(rx.text(hint, id=f"{field_id}-dica", size="2", color="var(--gray-11)"))
    parts.append(control)
    if error is not None:
        parts.append(field_error(field_id, error))
    return rx.vstack(*parts, spacing="1", width="100%", align="stretch")


def text_input(field_id: str, *, value, on_change, error, autocomplete: str, input_type: str = "text",
               input_mode: str | None = None, **props) -> rx.Component:
    extra = {"input_mode": input_mode} if input_mode else {}
    return rx.input(
        id=field_id,
        name=field_id,
        value=value,
        on_change=on_change,
        type=input_type,
        auto_complete=autocomplete,
        aria_invalid=rx.cond(error != "", "true", "false"),
        aria_describedby=f"{field_id}-erro",
        size="3",
        width="100%",
        **extra,
        **props,
    )


def password_input(field_id: str, *, show, on_key_down, error, autocomplete: str,
                   on_change=None) -> rx.Component:
    """Uncontrolled on purpose: the password never comes back from the server to the page."""
    props = {"on_change": on_change} if on_change is not None else {}
    if on_key_down is not None:
        props["on_key_down"] = on_key_down
    return rx.input(
        id=field_id,
        name=field_id,
        type=rx.cond(show, "text", "password") if not isinstance(show, bool) else ("text" if show else "password"),
        auto_complete=autocomplete,
        aria_invalid=rx.cond(error != "", "true", "false"),
        aria_describedby=f"{field_id}-erro",
        max_length=256,
        size="3",
        width="100%",
        **props,
    )


def show_password_toggle(show, on_click) -> rx.Component:
    return rx.button(
        rx.cond(show, texts.HIDE_PASSWORD, texts.SHOW_PASSWORD),
        type="button",
        variant="ghost",
        size="2",
        on_click=on_click,
        aria_pressed=rx.cond(show, "true", "false"),
    )


def caps_lock_warning(on) -> rx.Component:
    return rx.cond(on, rx.text(texts.CAPS_LOCK_ON, color="var(--amber-11)", size="2", role="status"))


def submit_button(label: str, busy) -> rx.Component:
    return rx.button(label, type="submit", size="3", loading=busy, width="100%")


def form(*children: rx.Component, on_submit, **props) -> rx.Component:
    """A form whose checks are the portal's own Portuguese messages, not the browser's bubbles."""
    return rx.form(*children, on_submit=on_submit, no_validate=True, width="100%", **props)
