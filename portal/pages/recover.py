"""Recuperar senha (/recuperar-senha)."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.components import alert, error_summary, field, form, submit_button, text_input
from portal.pages.delivery_status import delivery_status
from portal.pages.help import help_link
from portal.pages.layout import card, page
from portal.state.form_errors import SUMMARY_ID
from portal.state.recovery import RecoveryState as R

FIELDS = ("cpf", "email")  # in the form's order, as the error summary lists them


def _outcome() -> rx.Component:
    return rx.match(
        R.outcome,
        ("sent", rx.vstack(
            alert(R.message, kind="success"),
            delivery_status(R, rx.text(texts.DELIVERY_FIX_RECOVERY),
                            rx.link(texts.MENU_REQUEST_HELP, href=f"{routes.SUPPORT}?assunto=nao-recebi-nova-senha")),
            width="100%",
        )),
        ("not_found", rx.vstack(alert(R.message), rx.text(texts.RECOVER_NOT_FOUND_HELP),
                                help_link("email-e-cpf-nao-encontrados"), width="100%")),
        ("unconfirmed", rx.vstack(
            alert(R.message, kind="warning"),
            rx.button(texts.BUTTON_RESEND_CONFIRMATION, type="button", variant="outline", width="100%",
                      on_click=R.resend_confirmation),
            rx.cond(R.resend_message != "", alert(R.resend_message, kind="info")),
            width="100%",
        )),
        ("limited", alert(R.message, kind="warning")),
        rx.fragment(),
    )


def recover() -> rx.Component:
    return page(
        rx.box(
            card(
                rx.text(texts.RECOVER_INTRO),
                form(
                    rx.vstack(
                        error_summary(SUMMARY_ID, [(name, R.errors.get(name, "")) for name in FIELDS]),
                        field(texts.LABEL_CPF, "cpf",
                              text_input("cpf", on_blur=R.format_cpf, error=R.errors.get("cpf", ""),
                                         autocomplete="username", input_mode="numeric",
                                         placeholder="000.000.000-00"),
                              error=R.errors.get("cpf", ""), live=False),
                        field(texts.LABEL_EMAIL, "email",
                              text_input("email", on_blur=R.email_left, error=R.errors.get("email", ""),
                                         autocomplete="email", input_type="email"),
                              error=R.errors.get("email", ""), live=False),
                        _outcome(),
                        submit_button(texts.BUTTON_RECOVER, R.busy),
                        spacing="3",
                        width="100%",
                    ),
                    on_submit=R.submit,
                ),
                rx.link(texts.BUTTON_LOGIN, href=routes.HOME),
                help_link("esqueci-qual-email", texts.HELP_FORGOT_EMAIL),
            ),
            max_width="36rem",
        ),
        title=texts.RECOVER_TITLE,
    )
