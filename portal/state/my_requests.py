"""Minhas solicitações, in Minha conta: the signed-in citizen's own support requests."""

from __future__ import annotations

import reflex as rx

from portal.state.follow_request import RequestView, request_view
from portal.state.personal import CitizenState
from portal.state.service_calls import call
from portal.support import follow


class MyRequestsState(CitizenState):
    """Every handler runs only for a signed-in citizen (the guard in PersonalState)."""

    my_requests: list[RequestView] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        viewer = await self._current_viewer()
        self.my_requests = [request_view(item) for item in await call(follow.requests_of, viewer.account_id)]
        self.loaded = True
