"""The main menu: which links fit whoever uses this tab, and whether it is open on a phone.

It knows only the kind of visitor ("visitor", "citizen" or "staff"), never who. As a
personal state it is reset with the rest of the tab on "Sair" or when the session ends, so
the next person in a shared tab never sees the previous person's menu.
"""

from __future__ import annotations

import reflex as rx

from portal.accounts.access import Viewer
from portal.state.personal import PersonalState

VISITOR, CITIZEN, STAFF = "visitor", "citizen", "staff"


def kind_of(viewer: Viewer | None) -> str:
    if viewer is None:
        return VISITOR
    return STAFF if viewer.is_staff else CITIZEN


class MenuState(PersonalState):
    kind: str = VISITOR
    expanded: bool = False  # the "Menu" button's list, on phones (always shown on wider screens)

    @rx.event
    async def learn(self):
        """When a page is shown: the links that fit the person signed in on this browser
        (one session look-up per page), and the phone menu closed."""
        base = await self._base()
        found = await self._event_viewer()
        if base._viewer is not None and (found is None or found.session_id != base._viewer.session_id):
            await self.forget()  # the session this tab's data belongs to has ended: drop that data
        await self._remember(found)
        if self.kind != kind_of(found):
            self.kind = kind_of(found)
        if self.expanded:
            self.expanded = False

    @rx.event
    def toggle(self):
        self.expanded = not self.expanded

    @rx.event
    def expand(self):
        """'Ir para o menu' on a phone: the links are shown, not only the button."""
        self.expanded = True

    @rx.event
    def close(self):
        if self.expanded:
            self.expanded = False
