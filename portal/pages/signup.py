"""Sign-up page (/cadastro)."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.components import (
    alert,
    caps_lock_warning,
    error_summary,
    field,
    field_error,
    form,
    password_input,
    show_password_toggle,
    submit_button,
    text_input,
)
from portal.accounts.signup import MAX_NAME_INPUT
from portal.pages.email_suggestion import email_suggestion
from portal.pages.layout import card, page
from portal.state.form_errors import SUMMARY_ID
from portal.state.signup import SignupState as S


# The form's fields, in its order (the error summary lists them so).
FIELDS = ("full_name", "cpf", "email", "email_confirm", "password", "password_confirm", "accept_terms")


def _error(name: str):
    return S.errors.get(name, "")


def _strength_meter() -> rx.Component:
    return rx.cond(
        S.strength >= 0,
        rx.hstack(
            rx.text(texts.STRENGTH_LABEL + ":", size="2"),
            rx.progress(value=(S.strength + 1) * 20, max=100, width="8rem", aria_label=texts.STRENGTH_LABEL),
            rx.text(S.strength_label, size="2", weight="bold", aria_live="polite"),
            align="center",
        ),
    )


def _cpf_taken() -> rx.Component:
    return rx.cond(
        S.cpf_taken,
        rx.text(
            rx.link(texts.CPF_TAKEN_LOGIN, href=routes.HOME),
            " · ",
            rx.link(texts.CPF_TAKEN_RECOVER, href=routes.RECOVER),
            size="2",
        ),
    )


def _form() -> rx.Component:
    return form(
        rx.vstack(
            rx.cond(S.notice != "", alert(S.notice, kind="warning")),
            error_summary(SUMMARY_ID, [(name, _error(name)) for name in FIELDS]),
            field(texts.LABEL_FULL_NAME, "full_name",
                  text_input("full_name", on_change=S.set_full_name, on_blur=S.name_left,
                             error=_error("full_name"), autocomplete="name", max_length=MAX_NAME_INPUT),
                  error=_error("full_name"), live=False),
            field(texts.LABEL_CPF, "cpf",
                  text_input("cpf", on_blur=S.format_cpf, error=_error("cpf"), autocomplete="off",
                             input_mode="numeric", placeholder="000.000.000-00"),
                  error=_error("cpf"), hint=texts.HINT_CPF, live=False),
            _cpf_taken(),
            field(texts.LABEL_EMAIL, "email",
                  text_input("email", on_change=S.email_typed, error=_error("email"), autocomplete="email",
                             input_type="email", on_blur=S.check_email),
                  error=_error("email"), live=False),
            email_suggestion(S.email_suggestion, S.use_suggestion),
            field(texts.LABEL_EMAIL_CONFIRM, "email_confirm",
                  text_input("email_confirm", on_blur=S.email_confirm_left, error=_error("email_confirm"),
                             autocomplete="email", input_type="email"),
                  error=_error("email_confirm"), live=False),
            field(texts.LABEL_PASSWORD, "password",
                  password_input("password", show=S.show_password, on_key_down=S.password_key,
                                 error=_error("password"), autocomplete="new-password",
                                 on_change=S.password_typed, on_blur=S.password_left),
                  error=_error("password"), hint=texts.HINT_PASSWORD, live=False),
            _strength_meter(),
            field(texts.LABEL_PASSWORD_CONFIRM, "password_confirm",
                  password_input("password_confirm", show=S.show_password, on_key_down=S.password_key,
                                 error=_error("password_confirm"), autocomplete="new-password",
                                 on_blur=S.password_confirm_left),
                  error=_error("password_confirm"), live=False),
            rx.hstack(caps_lock_warning(S.caps_lock), rx.spacer(),
                      show_password_toggle(S.show_password, S.toggle_password), width="100%"),
            rx.vstack(
                rx.el.label(
                    rx.hstack(
                        # A native checkbox: it can be ticked before the page is live, and keeps it.
                        rx.el.input(type="checkbox", id="accept_terms", name="accept_terms", value="on",
                                    on_change=S.terms_changed, class_name="caixa-marcar",
                                    aria_invalid=rx.cond(_error("accept_terms") != "", "true", "false"),
                                    aria_describedby="accept_terms-erro", aria_labelledby="accept_terms-rotulo"),
                        rx.text(texts.LABEL_ACCEPT_TERMS, id="accept_terms-rotulo"),
                        align="center",
                    ),
                ),
                rx.link(texts.LINK_TERMS, href=routes.TERMS, is_external=True, size="2"),
                field_error("accept_terms", _error("accept_terms"), live=False),
                id="accept_terms-campo",
                class_name=rx.cond(_error("accept_terms") != "", "campo-com-erro", ""),
                spacing="1",
            ),
            submit_button(texts.BUTTON_SIGNUP, S.busy),
            spacing="4",
            width="100%",
        ),
        on_submit=S.submit,
    )


def signup() -> rx.Component:
    return page(
        rx.box(
            card(
                rx.text(texts.SIGNUP_INTRO),
                _form(),
                rx.text(texts.ALREADY_HAVE_ACCOUNT, " ", rx.link(texts.BUTTON_LOGIN, href=routes.HOME)),
            ),
            max_width="36rem",
        ),
        title=texts.SIGNUP_TITLE,
    )
