"""Accessibility preferences (e-MAG): high contrast and larger text, remembered in the browser."""

from __future__ import annotations

import reflex as rx


class PreferencesState(rx.State):
    # Kept in the browser's localStorage, so every page and later visits use them.
    high_contrast: str = rx.LocalStorage("0", name="portal_alto_contraste", sync=True)
    large_text: str = rx.LocalStorage("0", name="portal_texto_grande", sync=True)

    @rx.var
    def page_class(self) -> str:
        classes = ["portal"]
        if self.high_contrast == "1":
            classes.append("alto-contraste")
        if self.large_text == "1":
            classes.append("texto-grande")
        return " ".join(classes)

    @rx.event
    def toggle_contrast(self):
        self.high_contrast = "0" if self.high_contrast == "1" else "1"

    @rx.event
    def toggle_text_size(self):
        self.large_text = "0" if self.large_text == "1" else "1"
