"""Form pieces shared by pages: labelled fields with their error, alerts, password inputs."""

from __future__ import annotations

import functools
import operator
from typing import Any

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


def field_error(field_id: str, message, *, live: bool = True) -> rx.Component:
    """A field's message, read as "Erro: …" by screen readers. `live`: announced as it appears
    (role=alert); a form with an error summary passes False, its summary is the announcement."""
    return rx.cond(
        message != "",
        rx.text(rx.el.span(texts.ERROR_PREFIX, class_name="sr-only"), message, id=f"{field_id}-erro",
                color="var(--red-11)", size="2", weight="medium", **({"role": "alert"} if live else {})),
    )


def field(label: str, field_id: str, control: rx.Component, *, error=None, hint: str = "",
          live: bool = True) -> rx.Component:
    """A label, its hint, the control and its error; in error, a red bar beside them all.
    Its id (`<field_id>-campo`) is where the error summary's links scroll to."""
    parts = [rx.el.label(label, html_for=field_id, style={"fontWeight": "600"})]
    if hint:
        parts.append(rx.text(hint, id=f"{field_id}-dica", size="2", color="var(--gray-11)"))
    parts.append(control)
    props = {}
    if error is not None:
        parts.append(field_error(field_id, error, live=live))
        props["class_name"] = rx.cond(error != "", "campo-com-erro", "")
    return rx.vstack(*parts, id=f"{field_id}-campo", spacing="1", width="100%", align="stretch", **props)


def error_summary(summary_id: str, problems: list[tuple[str, Any]], *, heading: str = "h2") -> rx.Component:
    """GOV.UK's error summary at the top of a form: "Há um problema" and, for each field in
    error (`problems`: its id and message, in the form's order), a link that moves focus to it.

    The focus target (tabindex=-1) is always in the page, so that the failed submit's
    rx.set_focus(summary_id) finds it even before its list is drawn; the list is the one
    announcement of the submit (role=alert), field messages are not announced on their own."""
    shown = functools.reduce(operator.or_, [message != "" for _, message in problems])
    items = [
        rx.cond(message != "", rx.el.li(rx.el.a(
            message, href=f"#{field_id}",
            # The page's router would take the in-page link: focus is moved here instead, and
            # the field's label is scrolled into view with it.
            on_click=[rx.prevent_default, rx.set_focus(field_id), rx.scroll_to(f"{field_id}-campo")],
        )))
        for field_id, message in problems
    ]
    return rx.el.div(
        rx.cond(shown, rx.el.div(
            rx.heading(texts.ERROR_SUMMARY_TITLE, as_=heading, size="4"),
            rx.text(texts.ERROR_SUMMARY_INTRO, size="2"),
            rx.el.ul(*items, class_name="resumo-erros-lista"),
            role="alert",
            class_name="resumo-erros",
        )),
        id=summary_id,
        tab_index=-1,
        class_name="resumo-erros-alvo",
        width="100%",
    )


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
                   on_change=None, on_blur=None) -> rx.Component:
    """Uncontrolled on purpose: the password never comes back from the server to the page."""
    props = {"on_change": on_change} if on_change is not None else {}
    if on_blur is not None:
        props["on_blur"] = on_blur
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


def submit_button(label: str, busy, *, posted: bool = False) -> rx.Component:
    """Disabled until the page is live, unless its form is posted by the browser itself
    (posted_form): that one needs neither the page's scripts nor its connection."""
    disabled = {} if posted else {"disabled": ~LIVE}
    return rx.button(label, type="submit", size="3", loading=busy, width="100%", **disabled)


def form(*children: rx.Component, on_submit, **props) -> rx.Component:
    """A form whose checks are the portal's own Portuguese messages, not the browser's bubbles.

    Always method="post": should the browser ever submit it natively (before the page is
    live), nothing typed goes into the URL."""
    return rx.form(*children, on_submit=on_submit, no_validate=True, method="post", width="100%", **props)


def posted_form(*children: rx.Component, action: str, **props) -> rx.Component:
    """A form the browser itself posts to an HTTP endpoint (`action`), live page or not: every
    form that ends in a session cookie, which only an HTTP response can set.

    Reflex gives a form without on_submit a handler that prevents the browser's submit;
    on_submit=None leaves none, so the page renders a plain <form action method> and Enter or
    the button submits it (tests/unit/test_posted_form.py)."""
    return rx.el.form(*children, action=action, method="post", no_validate=True, on_submit=None,
                      style={"width": "100%"}, **props)


def connection_status() -> rx.Component:
    """A discreet, polite status while the page cannot act yet, or lost its connection."""
    return rx.el.p(
        rx.cond(has_connection_errors, texts.CONNECTION_LOST, rx.cond(rx.State.is_hydrated, "", texts.CONNECTING)),
        role="status",
        class_name="estado-conexao",
    )
