"""Home page (/): sign in with CPF and password, as on the original portal."""

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
    text_input,
)
from portal.pages.help import contacts, help_center, help_link
from portal.core.config import settings
from portal.pages.layout import card, page
from portal.state.form_errors import SUMMARY_ID
from portal.state.login import LoginState


def _govbr() -> list[rx.Component]:
    """"Entrar com gov.br" above the CPF + senha form, when the portal is registered with
    gov.br (a plain link: it works before the page is live)."""
    if not settings().govbr_enabled:
        return [rx.text(texts.LOGIN_INTRO)]
    return [
        # A full page load (not the page router): /auth/govbr is an HTTP route.
        rx.link(texts.GOVBR_BUTTON.removesuffix("gov.br"), rx.el.span("gov.br", class_name="govbr-marca"),
                href=LoginState.govbr_href, reload_document=True, class_name="govbr-botao", underline="none"),
        rx.text(texts.GOVBR_FIRST_TIME, size="2", color="var(--gray-11)"),
        rx.text(texts.LOGIN_INTRO_GOVBR),
    ]


def _login_form() -> rx.Component:
    """Posted by the browser to /auth/entrar, live page or not (portal.web.sign_in_form); the
    page only helps while typing and shows what the post answered."""
    return posted_form(
        rx.vstack(
            error_summary(SUMMARY_ID, [("cpf", LoginState.cpf_error),
                                       ("password", LoginState.password_error)], heading="h3"),
            field(
                texts.LABEL_CPF,
                "cpf",
                text_input("cpf", on_blur=LoginState.format_cpf, error=LoginState.cpf_error,
                           autocomplete="username", input_mode="numeric", placeholder="000.000.000-00"),
                error=LoginState.cpf_error,
                live=False,
            ),
            field(
                texts.LABEL_PASSWORD,
                "password",
                password_input("password", show=LoginState.show_password, on_key_down=LoginState.password_key,
                               error=LoginState.password_error, autocomplete="current-password",
                               # Only whether it is blank leaves the page, not the password.
                               on_blur=lambda value: LoginState.password_left(value != "")),
                error=LoginState.password_error,
                live=False,
            ),
            rx.hstack(caps_lock_warning(LoginState.caps_lock), rx.spacer(),
                      show_password_toggle(LoginState.show_password, LoginState.toggle_password), width="100%"),
            rx.cond(LoginState.error != "", rx.vstack(
                alert(LoginState.error), help_link("usuario-ou-senha-invalido"), width="100%", spacing="1")),
            rx.cond(LoginState.error_hint != "", alert(LoginState.error_hint, kind="warning")),
            rx.cond(LoginState.unconfirmed_message != "", alert(LoginState.unconfirmed_message, kind="warning")),
            _return_field(),
            submit_button(texts.BUTTON_LOGIN, False, posted=True),
            spacing="3",
            width="100%",
        ),
        action=routes.AUTH_SIGN_IN,
    )


def _return_field() -> rx.Component:
    """The page to open after signing in, as the live page read it from its own URL (the page's
    router moves between pages without a document the server could read it from)."""
    return rx.el.input(type="hidden", name=routes.RETURN, value=LoginState.return_to)


def _code_form() -> rx.Component:
    """Two-step on: after the right password, the verification code (no session before it),
    posted by the browser to /auth/entrar/codigo like the password."""
    return posted_form(
        rx.vstack(
            rx.text(LoginState.code_intro),
            field(
                texts.LABEL_TWO_STEP_CODE,
                "code",
                text_input("code", error=LoginState.code_error, autocomplete="one-time-code", input_mode="numeric"),
                error=LoginState.code_error,
                hint=texts.TWO_STEP_CODE_HINT,
            ),
            _return_field(),
            submit_button(texts.BUTTON_TWO_STEP_CONTINUE, False, posted=True),
            rx.button(texts.BUTTON_TWO_STEP_CANCEL, type="button", variant="ghost", on_click=LoginState.cancel_code),
            rx.link(texts.TWO_STEP_LOST, href=routes.SUPPORT),
            spacing="3",
            width="100%",
        ),
        action=routes.AUTH_SIGN_IN_CODE,
    )


def home() -> rx.Component:
    return page(
        rx.text(texts.HOME_SUBTITLE, margin_bottom="1rem"),
        rx.cond(LoginState.notice != "", alert(LoginState.notice, kind="info", margin_bottom="1rem")),
        rx.grid(
            card(
                rx.heading(texts.LOGIN_HEADING, as_="h2", size="5"),
                *_govbr(),
                rx.text(texts.LOGIN_LEGACY_NOTE, size="2", color="var(--gray-11)"),
                rx.cond(LoginState.code_needed, _code_form(), _login_form()),
                rx.link(texts.LINK_RECOVER, href=routes.RECOVER),
                rx.text(texts.SIGNUP_PROMPT, " ", rx.link(texts.LINK_SIGNUP, href=routes.SIGNUP, weight="bold")),
            ),
            contacts(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="5",
            width="100%",
            align_items="start",
        ),
        help_center(),
        title=texts.HOME_TITLE,
    )
