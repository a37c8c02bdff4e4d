"""After sign-up (/cadastro/enviado): where the link went, resend, correct the e-mail."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.core.config import settings
from portal.pages.components import alert, field, form, submit_button
from portal.mail.failures import Failure
from portal.pages.delivery_status import delivery_status
from portal.pages.help import help_link
from portal.pages.layout import card, page
from portal.state.signup import SignupState as S


def _correct_form() -> rx.Component:
    return form(
        rx.vstack(
            field(texts.LABEL_NEW_EMAIL, "new_email",
                  rx.input(id="new_email", name="new_email", type="email", auto_complete="email", size="3",
                           width="100%", aria_describedby="new_email-erro"),
                  error=S.errors.get("new_email", "")),
            field(texts.LABEL_NEW_EMAIL_CONFIRM, "new_email_confirm",
                  rx.input(id="new_email_confirm", name="new_email_confirm", type="email", auto_complete="email",
                           size="3", width="100%", aria_describedby="new_email_confirm-erro"),
                  error=S.errors.get("new_email_confirm", "")),
            field(texts.LABEL_SIGNUP_PASSWORD, "signup_password",
                  rx.input(id="signup_password", name="signup_password", type="password",
                           auto_complete="current-password", size="3", width="100%",
                           aria_describedby="signup_password-erro"),
                  error=S.errors.get("signup_password", "")),
            submit_button(texts.BUTTON_SAVE_EMAIL, S.busy),
            width="100%",
        ),
        on_submit=S.correct_email,
        reset_on_submit=False,
    )


def _ways_out() -> tuple[rx.Component, ...]:
    return (
        rx.cond(
            S.delivery_failure == Failure.MAILBOX_FULL.value,
            rx.text(texts.DELIVERY_FIX_FULL),
            rx.fragment(
                rx.text(texts.DELIVERY_FIX_SIGNUP),
                rx.button(texts.BUTTON_FIX_EMAIL, on_click=S.fix_email, color_scheme="red", size="3", width="100%"),
            ),
        ),
    )


def _pending() -> rx.Component:
    hours = int(settings().confirmation_ttl_hours)
    return card(
        rx.text(texts.SENT_BODY.split("{email}")[0], rx.el.strong(S.sent_email, class_name="email-enviado"), size="4"),
        delivery_status(S, *_ways_out()),
        rx.text(texts.SENT_CHECK_ADDRESS),
        rx.text(texts.SENT_NEXT_STEPS.format(hours=hours)),
        rx.cond(S.sent_message != "", alert(S.sent_message, kind="info")),
        help_link("nao-recebi-email", texts.HELP_NO_EMAIL),
        rx.button(texts.BUTTON_RESEND, on_click=S.resend, variant="outline", size="3", width="100%"),
        rx.heading(texts.WRONG_EMAIL_HEADING, as_="h2", size="4", margin_top="0.5rem"),
        rx.cond(
            S.correcting,
            _correct_form(),
            rx.button(texts.BUTTON_CORRECT_EMAIL, on_click=S.toggle_correcting, variant="soft", size="3",
                      width="100%"),
        ),
    )


def signup_sent() -> rx.Component:
    return page(
        rx.box(
            rx.cond(
                S.has_pending,
                _pending(),
                card(rx.text(texts.SENT_NO_SIGNUP), rx.link(texts.LINK_SIGNUP, href=routes.SIGNUP)),
            ),
            max_width="36rem",
        ),
        title=texts.SENT_TITLE,
    )
