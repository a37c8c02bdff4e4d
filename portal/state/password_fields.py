"""What every form with password fields shares: show/hide and the caps-lock warning."""

from __future__ import annotations

import reflex as rx

from portal.state.caps_lock import caps_lock_from_key
from portal.state.personal import display_only


class PasswordFieldsMixin(rx.State, mixin=True):
    caps_lock: bool = False
    show_password: bool = False

    @display_only
    @rx.event
    def toggle_password(self):
        self.show_password = not self.show_password

    @display_only  # sent on every keystroke
    @rx.event
    def password_key(self, key: str, info: dict):
        detected = caps_lock_from_key(key, info)
        if detected is not None:
            self.caps_lock = detected
