"""Form pieces shared by pages: labelled fields with their error, alerts, password inputs."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

from portal import texts
from portal.accounts.email_address import MAX_INPUT as MAX_EMAIL_INPUT

# The page can act: connected, hydrated and its on_load done. Before that (a slow phone,
# a lost connection) buttons that need the server look and are disabled, and a disabled
# default button also stops the browser from submitting the form natively on Enter.
LIVE = rx.State.is_hydrated & ~has_connection_errors


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


def text_input(field_id: str, *, error, autocomplete: str, input_type: str = "text",
               input_mode: str | None = None, **props) -> rx.Component:
    """Uncontrolled: what the citizen types stays in the page, even typed before the page is
    live (the server's first snapshot would replace a controlled value); handlers read the
    submitted form. on_change/on_blur handlers may still watch it."""
    extra = {"input_mode": input_mode} if input_mode else {}
    if input_type == "email":
        props.setdefault("max_length", MAX_EMAIL_INPUT)
    return rx.input(
        id=field_id,
        name=field_id,
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


def submit_button(label: str, busy, *, works_before_live: bool = False) -> rx.Component:
    """Disabled until the page is live, unless its form also works as a plain HTTP post."""
    disabled = has_connection_errors if works_before_live else ~LIVE
    return rx.button(label, type="submit", size="3", loading=busy, disabled=disabled, width="100%")


def form(*children: rx.Component, on_submit, action: str | None = None, **props) -> rx.Component:
    """A form whose checks are the portal's own Portuguese messages, not the browser's bubbles.

    Always method="post": should the browser ever submit it natively (before the page is
    live), nothing typed goes into the URL. Only a form with an HTTP endpoint as `action`
    (the sign-in) is meant to work that way."""
    if action is not None:
        props["action"] = action
    return rx.form(*children, on_submit=on_submit, no_validate=True, method="post", width="100%", **props)


def connection_status() -> rx.Component:
    """A discreet, polite status while the page cannot act yet, or lost its connection."""
    return rx.el.p(
        rx.cond(has_connection_errors, texts.CONNECTION_LOST, rx.cond(rx.State.is_hydrated, "", texts.CONNECTING)),
        role="status",
        class_name="estado-conexao",
    )
