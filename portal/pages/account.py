"""Minha conta (/minha-conta): data, change e-mail, change password, active sessions."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.pages.delivery_status import delivery_status
from portal.pages.components import (alert, error_summary, field, form, password_input, submit_button,
                                     text_input)
from portal.pages.email_suggestion import email_suggestion
from portal.pages.layout import card, page
from portal.pages.my_requests import my_requests
from portal.pages.new_password import new_password_fields
from portal.state.account import EMAIL_SUMMARY_ID, PASSWORD_SUMMARY_ID
from portal.state.form_errors import NEW_PASSWORD_FIELDS
from portal.state.account import AccountState as A
from portal.state.my_data import MyDataState
from portal.state.two_step import TwoStepState as T


def _row(label: str, value) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(label), rx.data_list.value(value))


def _error(name: str):
    return A.errors.get(name, "")


def _profile() -> rx.Component:
    return card(
        rx.heading(texts.ACCOUNT_GREETING.split("{name}")[0], A.full_name, "!", as_="h2", size="5"),
        rx.data_list.root(
            _row(texts.ACCOUNT_NAME, A.full_name),
            _row(texts.ACCOUNT_CPF, A.cpf_hidden),
            _row(texts.ACCOUNT_EMAIL, A.email),
            orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
        ),
        rx.button(texts.BUTTON_LOGOUT, on_click=A.sign_out, variant="outline", size="3"),
    )


def _change_email() -> rx.Component:
    return card(
        rx.heading(texts.CHANGE_EMAIL_HEADING, as_="h2", size="5"),
        form(
            rx.vstack(
                error_summary(EMAIL_SUMMARY_ID,
                              [(name, _error(name)) for name in ("change_email", "email_password")], heading="h3"),
                field(texts.LABEL_CHANGE_EMAIL, "change_email",
                      rx.input(id="change_email", name="change_email", type="email", auto_complete="email",
                               size="3", width="100%", aria_describedby="change_email-erro",
                               aria_invalid=rx.cond(_error("change_email") != "", "true", "false"),
                               on_blur=A.change_email_left),
                      error=_error("change_email"), live=False),
                email_suggestion(A.email_suggestion, A.use_suggested_email),
                field(texts.LABEL_CURRENT_PASSWORD, "email_password",
                      password_input("email_password", show=False, on_key_down=None, error=_error("email_password"),
                                     autocomplete="current-password"),
                      error=_error("email_password"), live=False),
                rx.cond(A.email_message != "", alert(A.email_message, kind="info")),
                delivery_status(A, rx.text(texts.DELIVERY_FIX_EMAIL_CHANGE),
                                rx.button(texts.BUTTON_FIX_EMAIL, type="button", on_click=rx.set_focus("change_email"),
                                          color_scheme="red", size="3")),
                submit_button(texts.BUTTON_CHANGE_EMAIL, A.busy),
                spacing="3",
                width="100%",
            ),
            on_submit=A.change_email,
        ),
    )


def _change_password() -> rx.Component:
    return card(
        rx.heading(texts.CHANGE_PASSWORD_HEADING, as_="h2", size="5"),
        form(
            rx.vstack(
                error_summary(PASSWORD_SUMMARY_ID,
                              [(name, _error(name)) for name in ("current_password", *NEW_PASSWORD_FIELDS)],
                              heading="h3"),
                field(texts.LABEL_CURRENT_PASSWORD, "current_password",
                      password_input("current_password", show=False, on_key_down=None,
                                     error=_error("current_password"), autocomplete="current-password"),
                      error=_error("current_password"), live=False),
                *new_password_fields(A, show=False, on_key_down=None, recheck=True),
                rx.cond(A.password_message != "", alert(A.password_message, kind="success")),
                submit_button(texts.BUTTON_SAVE_PASSWORD, A.busy),
                spacing="3",
                width="100%",
            ),
            on_submit=A.change_password,
        ),
    )


def _first_password() -> rx.Component:
    """An account made through gov.br has no portal password until the citizen creates one."""
    return card(
        rx.heading(texts.PASSWORD_SET_SECTION, as_="h2", size="5"),
        rx.text(texts.PASSWORD_SET_INTRO),
        form(
            rx.vstack(
                error_summary(PASSWORD_SUMMARY_ID, [(name, _error(name)) for name in NEW_PASSWORD_FIELDS],
                              heading="h3"),
                *new_password_fields(A, show=False, on_key_down=None, recheck=True),
                submit_button(texts.PASSWORD_SET_BUTTON, A.busy),
                spacing="3",
                width="100%",
            ),
            on_submit=A.set_first_password,
        ),
    )


def _code_field(field_id: str, label: str) -> rx.Component:
    return field(label, field_id, text_input(field_id, error="", autocomplete="one-time-code", input_mode="numeric"))


def _password_field(field_id: str, label: str = texts.LABEL_CURRENT_PASSWORD) -> rx.Component:
    return field(label, field_id, password_input(field_id, show=False, on_key_down=None, error="",
                                                 autocomplete="current-password"))


def _two_step_enrolling() -> rx.Component:
    return rx.vstack(
        rx.text(texts.TWO_STEP_SCAN),
        rx.image(src=T.qr_code, alt=texts.TWO_STEP_KEY, width="180px", height="180px"),
        rx.text(texts.TWO_STEP_KEY, ": ", rx.code(T.secret_text, id="chave-totp")),
        rx.text(texts.TWO_STEP_TYPE_FIRST),
        form(
            rx.vstack(_code_field("first_code", texts.LABEL_TWO_STEP_CODE),
                      rx.cond(T.has_password, _password_field("enable_password")),
                      submit_button(texts.BUTTON_TWO_STEP_CONFIRM, False), width="100%"),
            on_submit=T.confirm, reset_on_submit=True,
        ),
        width="100%",
    )


def _recovery_codes() -> rx.Component:
    return rx.vstack(
        alert(texts.TWO_STEP_CODES_INTRO, kind="warning"),
        rx.el.ul(rx.foreach(T.recovery_codes, lambda code: rx.el.li(rx.code(code))), class_name="codigos"),
        rx.hstack(
            rx.button(texts.BUTTON_TWO_STEP_DOWNLOAD, on_click=T.download_codes, variant="outline", size="3"),
            rx.button(texts.BUTTON_TWO_STEP_CODES_SAVED, on_click=T.codes_saved, size="3"),
            wrap="wrap",
        ),
        width="100%",
    )


def _two_step_on() -> rx.Component:
    return rx.vstack(
        rx.text(texts.TWO_STEP_ON.split("{left}")[0], T.codes_left, texts.TWO_STEP_ON.split("{left}")[1]),
        form(
            rx.vstack(rx.cond(T.has_password, _password_field("codes_password")),
                      submit_button(texts.BUTTON_TWO_STEP_NEW_CODES, False), width="100%"),
            on_submit=T.new_codes, reset_on_submit=True,
        ),
        form(
            rx.vstack(rx.cond(T.has_password, _password_field("disable_password")),
                      _code_field("disable_code", texts.LABEL_TWO_STEP_CODE_OFF),
                      submit_button(texts.BUTTON_TWO_STEP_DISABLE, False), width="100%"),
            on_submit=T.disable, reset_on_submit=True,
        ),
        width="100%",
    )


def _two_step() -> rx.Component:
    return card(
        rx.heading(texts.TWO_STEP_HEADING, as_="h2", size="5"),
        rx.cond(T.recovery_codes.length() > 0, _recovery_codes(),
                rx.cond(T.enabled, _two_step_on(),
                        rx.cond(T.enrolling, _two_step_enrolling(), rx.vstack(
                            rx.text(texts.TWO_STEP_OFF),
                            rx.button(texts.BUTTON_TWO_STEP_ENABLE, on_click=T.start, size="3"))))),
        rx.cond(T.error != "", alert(T.error)),
        rx.cond(T.message != "", alert(T.message, kind="info")),
    )


def _govbr() -> rx.Component:
    return card(
        rx.heading(texts.GOVBR_SECTION, as_="h2", size="5"),
        rx.cond(
            A.govbr_level != "",
            rx.vstack(
                rx.text(texts.GOVBR_LINKED.split("{level}")[0], rx.el.strong(A.govbr_level),
                        texts.GOVBR_LINKED.split("{level}")[1]),
                rx.cond(
                    A.has_password,
                    rx.button(texts.GOVBR_UNLINK_BUTTON, on_click=A.unlink_govbr, variant="outline", size="3"),
                    rx.text(texts.GOVBR_UNLINK_NEEDS_PASSWORD, size="2"),
                ),
                spacing="3",
            ),
            rx.text(texts.GOVBR_NOT_LINKED),
        ),
        rx.cond(A.govbr_message != "", alert(A.govbr_message, kind="info")),
    )


def _technical_details(template: str, ip) -> rx.Component:
    """The internet address, for who wants it, out of the main text."""
    return rx.cond(ip != "", rx.el.details(
        rx.el.summary(texts.TECHNICAL_DETAILS, class_name="detalhes-resumo"),
        rx.text(template.split("{ip}")[0], ip, size="2"),
        class_name="detalhes-tecnicos",
    ))


def _session(item) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.vstack(
                rx.text(item.device, weight="bold"),
                rx.cond(item.current, rx.badge(texts.SESSION_THIS, color_scheme="green")),
                rx.text(texts.SESSION_STARTED.split("{when}")[0], item.started, size="2"),
                rx.text(texts.SESSION_LAST_SEEN.split("{when}")[0], item.last_seen, size="2"),
                _technical_details(texts.SESSION_ADDRESS, item.address),
                spacing="1",
            ),
            rx.spacer(),
            rx.cond(
                item.current,
                rx.fragment(),
                rx.button(texts.BUTTON_END_SESSION, on_click=A.end_session(item.id), variant="outline",
                          color_scheme="red", aria_label=texts.BUTTON_END_SESSION + ": " + item.device),
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        padding_y="0.75rem",
        border_bottom="1px solid var(--gray-a5)",
        width="100%",
    )


def _sessions() -> rx.Component:
    return card(
        rx.heading(texts.SESSIONS_HEADING, as_="h2", size="5"),
        rx.text(texts.SESSIONS_INTRO, size="2"),
        rx.foreach(A.sessions, _session),
        rx.cond(A.sessions_message != "", alert(A.sessions_message, kind="info")),
        rx.button(texts.BUTTON_END_OTHERS, on_click=A.end_other_sessions, variant="soft", color_scheme="red"),
    )


def _activity_item(item) -> rx.Component:
    return rx.el.li(
        rx.text(item.what, weight="bold"),
        rx.text(item.when, " · ", item.device, size="2"),
        _technical_details(texts.ACTIVITY_PLACE, item.place),
        padding_y="0.5rem",
        border_bottom="1px solid var(--gray-a5)",
    )


def _activity() -> rx.Component:
    return card(
        rx.heading(texts.ACTIVITY_HEADING, as_="h2", size="5"),
        rx.cond(
            A.activity.length() > 0,
            rx.el.ul(rx.foreach(A.activity, _activity_item), list_style_type="none", padding="0", margin="0",
                     width="100%"),
            rx.text(texts.ACTIVITY_EMPTY),
        ),
    )


def _my_data() -> rx.Component:
    return card(
        rx.heading(texts.DATA_HEADING, as_="h2", size="5"),
        rx.text(texts.DOWNLOAD_EXPLAIN),
        rx.hstack(
            rx.link(texts.BUTTON_VIEW_DATA, href=routes.MY_DATA, class_name="link-botao"),
            rx.button(texts.BUTTON_DOWNLOAD_DATA, on_click=MyDataState.download, variant="outline", size="3"),
            wrap="wrap", align="center", spacing="4",
        ),
        rx.text(texts.DOWNLOAD_FORMAT_NOTE, size="2", color="var(--gray-11)"),
        rx.heading(texts.DELETE_HEADING, as_="h3", size="4", margin_top="0.5rem"),
        rx.text(texts.DELETE_EXPLAIN, size="2"),
        rx.cond(A.confirming_delete, _delete_confirmation(),
                rx.button(texts.BUTTON_DELETE_START, on_click=A.start_delete, variant="outline", color_scheme="red",
                          size="3")),
    )


def _delete_confirmation() -> rx.Component:
    """The second step: what will be lost, then the password and the final button."""
    return rx.vstack(
        rx.heading(texts.DELETE_CONFIRM_HEADING, as_="h4", size="3", id="excluir-confirmacao", tab_index=-1),
        rx.el.ul(*[rx.el.li(loss) for loss in texts.DELETE_LOSSES], class_name="lista"),
        rx.text(texts.DELETE_CONFIRM_MAIL, size="2"),
        form(
            rx.vstack(
                field(texts.LABEL_DELETE_PASSWORD, "delete_password",
                      password_input("delete_password", show=False, on_key_down=None,
                                     error=_error("delete_password"), autocomplete="current-password"),
                      error=_error("delete_password")),
                rx.button(texts.BUTTON_DELETE_ACCOUNT, type="submit", color_scheme="red", size="3"),
                rx.button(texts.BUTTON_DELETE_CANCEL, type="button", on_click=A.cancel_delete, variant="soft",
                          size="3"),
                width="100%",
            ),
            on_submit=A.delete_account,
        ),
        width="100%",
        role="group",
        aria_labelledby="excluir-confirmacao",
    )


def account() -> rx.Component:
    return page(
        rx.cond(
            A.signed_in,
            rx.vstack(
                rx.cond(A.notice != "", alert(A.notice, kind="success")),
                rx.grid(
                    _profile(),
                    _sessions(),
                    rx.cond(A.has_password, _change_email(), rx.fragment()),
                    rx.cond(A.has_password, _change_password(), _first_password()),
                    _two_step(),
                    _govbr(),
                    _activity(),
                    my_requests(),
                    _my_data(),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="5",
                    width="100%",
                    align_items="start",
                ),
                spacing="4",
                width="100%",
            ),
            rx.text(texts.LOADING, role="status"),
        ),
        title=texts.ACCOUNT_TITLE,
    )
