"""Serviços (/servicos): the search over the city's services, and who is signed in.

The list itself is built into the page (it is the same for everyone and works before the
page is live); this state only holds what the search shows (ids of the services and
categories that match) and, for a signed-in person, their name and whether they are staff.
"""

from __future__ import annotations

import reflex as rx

from portal import texts
from portal.catalog import services as catalog
from portal.state.personal import PersonalState


class CatalogState(PersonalState):
    query: str = ""
    searching: bool = False  # False: every service is shown (the page as built)
    shown: list[str] = []  # service ids that match the search
    shown_categories: list[str] = []  # category ids with at least one match
    signed_in_name: str = ""  # "" for a visitor
    staff: bool = False

    @rx.event
    async def on_load(self):
        # The search box is uncontrolled and starts empty (or with what was typed before the
        # page was live, searched on Enter): the list starts whole.
        if self.searching:
            self._apply("")
        viewer = await self._look_up_viewer()
        # A temporary-password session may only set its new password: nothing to show here.
        settled = viewer is not None and not viewer.must_change_password
        name, staff = (viewer.full_name, viewer.is_staff) if settled else ("", False)
        if (self.signed_in_name, self.staff) != (name, staff):
            self.signed_in_name, self.staff = name, staff

    @rx.event
    def set_query(self, value: str):
        """Typing in the search box (debounced by the input)."""
        self._apply(str(value))

    @rx.event
    def search(self, form_data: dict):
        """Enter or "Buscar"."""
        self._apply(str(form_data.get("q", "")))

    def _apply(self, value: str) -> None:
        self.query = value[: catalog.MAX_QUERY]
        found = catalog.search(catalog.catalog(), self.query)
        self.searching = bool(catalog.words(self.query))
        if not self.searching:
            self.shown, self.shown_categories = [], []
            return
        self.shown = [service.id for service in found]
        self.shown_categories = [group.id for group in catalog.catalog().groups(found)]

    @rx.var
    def summary(self) -> str:
        if not self.searching:
            return texts.SERVICES_COUNT_ALL.format(count=len(catalog.catalog().services))
        query = " ".join(self.query.split())
        if not self.shown:
            return texts.SERVICES_NONE_FOUND.format(query=query)
        if len(self.shown) == 1:
            return texts.SERVICES_FOUND_ONE.format(query=query)
        return texts.SERVICES_FOUND_MANY.format(count=len(self.shown), query=query)

    @rx.var
    def nothing_found(self) -> bool:
        return self.searching and not self.shown
