"""Terms of use and privacy notice (/termos)."""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.accounts.signup import TERMS_VERSION
from portal.pages.layout import card, page


def terms() -> rx.Component:
    return page(
        rx.box(
            card(
                rx.text(texts.TERMS_VERSION_LABEL.format(version=TERMS_VERSION), size="2", color="var(--gray-11)"),
                *[rx.text(paragraph) for paragraph in texts.TERMS_PARAGRAPHS],
            ),
            max_width="48rem",
        ),
        title=texts.TERMS_TITLE,
    )
