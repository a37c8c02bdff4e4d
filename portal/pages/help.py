"""The help center beside the sign-in box: contacts with a live opening status, and one
keyboard-operable, deep-linkable section per situation (native <details>/<summary>)."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.core import routes
from portal.core.config import settings
from portal.help import content
from portal.help.content import Section
from portal.pages.delivery_status import delivery_status
from portal.pages.layout import card, link_button
from portal.state.help import HelpState
from portal.state.recovery import RecoveryState
from portal.state.signup import SignupState

HELP_ID = "ajuda"


def _tel(number: str) -> str:
    digits = "".join(c for c in number if c.isdigit())
    return f"tel:{digits}" if len(digits) <= 4 else f"tel:+55{digits}"


def contacts() -> rx.Component:
    cfg = settings()
    return card(
        rx.heading(texts.HELP_CONTACTS_HEADING, as_="h2", size="5"),
        rx.text(texts.HELP_CONTACTS_INTRO),
        rx.text(
            texts.HELP_CONTACT_PHONE_BEFORE,
            rx.link(cfg.support_phone_campinas, href=_tel(cfg.support_phone_campinas)),
            texts.HELP_CONTACT_PHONE_MIDDLE,
            rx.link(cfg.support_phone_other, href=_tel(cfg.support_phone_other)),
            texts.HELP_CONTACT_PHONE_AFTER,
        ),
        rx.text(content.CONTACT_HOURS),
        rx.callout(
            HelpState.hours_status,
            color_scheme=rx.cond(HelpState.open_now, "green", "gray"),
            role="status",
            width="100%",
        ),
        rx.link(texts.HELP_REQUEST_IN_WRITING, href=routes.SUPPORT),
        rx.link(texts.LINK_FOLLOW_REQUEST, href=routes.FOLLOW_REQUEST),
    )


def _mail_status(slug: str) -> rx.Component:
    """In "Não recebi o e-mail…": what became of the mail this tab caused, if any, so the
    citizen reads the portal's answer before the general advice."""
    if slug == "nao-recebi-email":
        return rx.cond(SignupState.has_pending, delivery_status(
            SignupState, link_button(texts.BUTTON_FIX_EMAIL, routes.SIGNUP_SENT, variant="soft")))
    if slug == "nao-recebi-nova-senha":
        return rx.cond(RecoveryState.outcome == "sent", delivery_status(
            RecoveryState, rx.text(texts.DELIVERY_FIX_RECOVERY)))
    return rx.fragment()


def _section(item: Section) -> rx.Component:
    return rx.el.details(
        rx.el.summary(rx.el.h3(item.title), id=item.slug),
        rx.box(
            _mail_status(item.slug),
            rx.text(item.intro),
            rx.el.ul(*[rx.el.li(step) for step in item.steps]),
            rx.text(item.after) if item.after else rx.fragment(),
            rx.hstack(
                *[link_button(action.label, action.href, variant="soft")
                  for action in item.actions],
                wrap="wrap",
                spacing="2",
            ),
            class_name="ajuda-corpo",
        ),
        open=HelpState.open_section == item.slug,
        class_name="ajuda-secao",
    )


def help_link(slug: str, label: str = texts.HELP_WHAT_TO_DO) -> rx.Component:
    """A link from an error message to the help section that explains it."""
    return rx.link(label, href=f"{routes.HOME}#{slug}", on_click=HelpState.show(slug))


def help_center() -> rx.Component:
    cfg = settings()
    sections = content.build_sections(temp_password_hours=cfg.temp_password_ttl_hours,
                                      confirmation_hours=cfg.confirmation_ttl_hours)
    return rx.box(
        rx.heading(texts.MENU_HELP, as_="h2", size="6", margin_bottom="0.5rem", id=HELP_ID),
        *[_section(item) for item in sections],
        width="100%",
        margin_top="2rem",
    )
