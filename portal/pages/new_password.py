"""Defina sua nova senha (/nova-senha): the only page after signing in with a temporary password."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.components import (
    alert,
    caps_lock_warning,
    error_summary,
    field,
    password_input,
    posted_form,
    show_password_toggle,
    submit_button,
)
from portal.pages.layout import card, page
from portal.state.form_errors import NEW_PASSWORD_FIELDS, SUMMARY_ID
from portal.state.recovery import NewPasswordState as N


def new_password_fields(state, *, show, on_key_down, recheck: bool = False) -> list[rx.Component]:
    """The 'Nova senha' and 'Confirme a nova senha' pair, shared with Minha conta (both in a
    form with an error summary). `recheck`: the state checks them again on leaving them."""
    on_blur = ((state.new_password_left, state.new_password_confirm_left) if recheck else (None, None))
    return [
        field(texts.LABEL_NEW_PASSWORD, "new_password",
              password_input("new_password", show=show, on_key_down=on_key_down, on_blur=on_blur[0],
                             error=state.errors.get("new_password", ""), autocomplete="new-password"),
              error=state.errors.get("new_password", ""), hint=texts.HINT_PASSWORD, live=False),
        field(texts.LABEL_NEW_PASSWORD_CONFIRM, "new_password_confirm",
              password_input("new_password_confirm", show=show, on_key_down=on_key_down, on_blur=on_blur[1],
                             error=state.errors.get("new_password_confirm", ""), autocomplete="new-password"),
              error=state.errors.get("new_password_confirm", ""), live=False),
    ]


def new_password() -> rx.Component:
    """Posted by the browser to /auth/nova-senha, live page or not (portal.web.new_password_form)."""
    return page(
        rx.box(
            card(
                rx.text(texts.NEW_PASSWORD_INTRO),
                posted_form(
                    rx.vstack(
                        error_summary(SUMMARY_ID, [(f, N.errors.get(f, "")) for f in NEW_PASSWORD_FIELDS]),
                        rx.cond(N.notice != "", alert(N.notice)),
                        *new_password_fields(N, show=N.show_password, on_key_down=N.password_key,
                                             recheck=True),
                        rx.hstack(caps_lock_warning(N.caps_lock), rx.spacer(),
                                  show_password_toggle(N.show_password, N.toggle_password), width="100%"),
                        submit_button(texts.BUTTON_SAVE_PASSWORD, False, posted=True),
                        spacing="3",
                        width="100%",
                    ),
                    action=routes.AUTH_NEW_PASSWORD,
                ),
            ),
            max_width="36rem",
        ),
        title=texts.NEW_PASSWORD_TITLE,
    )
