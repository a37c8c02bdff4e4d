"""Atendimento (/atendimento): staff queue with filters, a request's details, reply, status."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.help.content import TOPICS
from portal.pages.components import alert, field_error, form
from portal.pages.layout import card, page
from portal.state.desk import DeskState as D
from portal.support.desk import IDENTITY_CHECKS, STATUSES


def _filters() -> rx.Component:
    def select(label: str, select_id: str, value, on_change, options) -> rx.Component:
        return rx.vstack(
            rx.el.label(label, html_for=select_id, style={"fontWeight": "600"}),
            rx.el.select(
                rx.el.option(texts.DESK_ALL, value="todos"),
                *[rx.el.option(title, value=key) for key, title in options],
                id=select_id, value=rx.cond(value == "", "todos", value), on_change=on_change,
                class_name="campo-select",
            ),
            spacing="1",
            min_width="14rem",
        )

    return rx.hstack(
        select(texts.DESK_FILTER_STATUS, "filtro-situacao", D.status_filter, D.set_status_filter,
               [(s, texts.STATUS_LABELS[s]) for s in STATUSES]),
        select(texts.DESK_FILTER_TOPIC, "filtro-assunto", D.topic_filter, D.set_topic_filter, list(TOPICS)),
        wrap="wrap",
        spacing="4",
    )


def _row(row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.button(row.protocol, variant="ghost", on_click=D.open_request(row.id),
                                aria_label=texts.DESK_OPEN + " " + row.protocol)),
        rx.table.cell(row.created),
        rx.table.cell(row.topic),
        rx.table.cell(row.name),
        rx.table.cell(row.status_label),
    )


def _queue() -> rx.Component:
    return rx.cond(
        D.rows.length() > 0,
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(c) for c in texts.DESK_COLUMNS])),
                rx.table.body(rx.foreach(D.rows, _row)),
                width="100%",
            ),
            overflow_x="auto",
            width="100%",
        ),
        rx.text(texts.DESK_EMPTY),
    )


def _account() -> rx.Component:
    """What the account the request is about really has, beside what the request says: a
    typed CPF with someone else's e-mail is how an impostor asks."""
    rows = ((texts.DESK_ACCOUNT_NAME, "full_name"), (texts.DESK_ACCOUNT_CREATED, "created"),
            (texts.DESK_ACCOUNT_EMAIL, "email"), (texts.DESK_ACCOUNT_TWO_STEP, "two_step"),
            (texts.DESK_ACCOUNT_SIGNED_IN, "signed_in"))
    return rx.vstack(
        rx.heading(texts.DESK_ACCOUNT_HEADING, as_="h3", size="4"),
        rx.cond(
            D.account.length() > 0,
            rx.vstack(
                rx.text(texts.DESK_ACCOUNT_INTRO, size="2"),
                rx.data_list.root(
                    *[rx.data_list.item(rx.data_list.label(label), rx.data_list.value(D.account[key]))
                      for label, key in rows],
                    orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                ),
                rx.cond(D.email_mismatch, alert(texts.DESK_EMAIL_MISMATCH, kind="warning")),
                width="100%",
            ),
            rx.text(texts.DESK_ACCOUNT_NONE),
        ),
        width="100%",
    )


def _identity_check(key: str, label: str) -> rx.Component:
    # A native checkbox: found by its label, and ticked before the page is live it stays so.
    return rx.el.label(
        rx.hstack(
            rx.el.input(type="checkbox", id=f"check_{key}", name=f"check_{key}", value="on",
                        class_name="caixa-marcar"),
            rx.text(label),
            align="center",
        ),
    )


def _two_step_off() -> rx.Component:
    """A citizen who lost the phone and the recovery codes: off only with the identity checks
    ticked and a note (both go into the audit log)."""
    return form(
        rx.vstack(
            rx.heading(texts.DESK_TWO_STEP_HEADING, as_="h3", size="4"),
            rx.text(texts.DESK_TWO_STEP_INTRO),
            rx.el.fieldset(
                rx.el.legend(texts.DESK_IDENTITY_CHECKS_LEGEND, style={"fontWeight": "600"}),
                rx.vstack(*[_identity_check(key, texts.DESK_IDENTITY_CHECKS[key]) for key in IDENTITY_CHECKS],
                          spacing="2"),
                aria_describedby="identity_check-erro",
                style={"border": "none", "padding": "0", "margin": "0"},
            ),
            rx.el.label(texts.LABEL_IDENTITY_CHECK, html_for="identity_check", style={"fontWeight": "600"}),
            rx.text_area(id="identity_check", name="identity_check", rows="3", width="100%",
                         aria_describedby="identity_check-erro"),
            field_error("identity_check", D.two_step_error),
            rx.button(texts.BUTTON_DESK_TWO_STEP_OFF, type="submit", color_scheme="red", variant="soft"),
            width="100%",
        ),
        on_submit=D.turn_off_two_step,
    )


def _details() -> rx.Component:
    return rx.cond(
        D.selected_id > 0,
        card(
            rx.hstack(
                rx.heading(texts.DESK_DETAILS.split("{protocol}")[0], D.selected["protocol"], as_="h2", size="5"),
                rx.button(texts.BUTTON_CLOSE_REQUEST, on_click=D.close_request, variant="outline", size="2"),
                justify="between", align="center", width="100%", wrap="wrap",
            ),
            rx.data_list.root(
                *[rx.data_list.item(rx.data_list.label(label), rx.data_list.value(D.selected[key]))
                  for label, key in texts.DESK_FIELD_LABELS],
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
            ),
            rx.el.pre(D.selected["description"], white_space="pre-wrap", font_family="inherit"),
            _account(),
            rx.vstack(
                rx.el.label(texts.DESK_CHANGE_STATUS, html_for="mudar-situacao", style={"fontWeight": "600"}),
                rx.el.select(*[rx.el.option(texts.STATUS_LABELS[s], value=s) for s in STATUSES], id="mudar-situacao",
                             value=D.selected["status"], on_change=D.change_status, class_name="campo-select"),
                spacing="1",
                width="100%",
            ),
            rx.cond(D.replies.length() > 0, rx.vstack(
                rx.heading(texts.DESK_REPLIES, as_="h3", size="4"),
                rx.foreach(D.replies, lambda r: rx.box(rx.text(r.created, size="2", color="var(--gray-11)"),
                                                       rx.el.pre(r.body, white_space="pre-wrap", font_family="inherit"),
                                                       rx.text(r.delivery, size="2", class_name="situacao-resposta"))),
                width="100%",
            )),
            form(
                rx.vstack(
                    rx.el.label(texts.LABEL_REPLY, html_for="reply", style={"fontWeight": "600"}),
                    rx.text_area(id="reply", name="reply", rows="5", width="100%", aria_describedby="reply-erro"),
                    field_error("reply", D.reply_error),
                    rx.button(texts.BUTTON_SEND_REPLY, type="submit"),
                    width="100%",
                ),
                on_submit=D.send_reply,
            ),
            rx.cond(D.account_two_step, _two_step_off()),
            rx.cond(D.notice != "", alert(D.notice, kind="success")),
        ),
        rx.text(texts.DESK_SELECT_PROMPT),
    )


def desk() -> rx.Component:
    return page(
        rx.cond(
            D.allowed,
            rx.vstack(
                rx.hstack(rx.button(texts.BUTTON_LOGOUT, on_click=D.sign_out, variant="outline", size="3"),
                          justify="end", width="100%"),
                _filters(), _queue(), _details(), spacing="5", width="100%",
            ),
            rx.text(texts.LOADING, role="status"),
        ),
        title=texts.DESK_TITLE,
    )
