"""A link to /ajuda/acompanhar?protocolo=… (the receipt's) fills the protocol field with the
number as stored, through the same cleaning as the form; anything else leaves it empty."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
import reflex as rx
from reflex.istate.data import RouterData

import portal.portal  # noqa: F401 - registers every state class
from portal.core import routes
from portal.state.follow_request import FollowRequestState


def _on_load(query: dict[str, str]):
    tab = rx.State(_reflex_internal_init=True)
    state = tab.get_substate(FollowRequestState.get_full_name().split(".")[1:])
    state.router = RouterData.from_router_data({"pathname": routes.FOLLOW_REQUEST, "query": query,
                                                "asPath": f"{routes.FOLLOW_REQUEST}?{urlencode(query)}"})
    return FollowRequestState.event_handlers["on_load"].fn(state)


def test_the_protocol_in_the_link_fills_the_field_as_stored():
    filled = _on_load({routes.FOLLOW_PROTOCOL: "2026 483 129 577"})
    assert filled is not None and '"2026-483-129-577"' in str(filled.args)


@pytest.mark.parametrize("query", [{}, {routes.FOLLOW_PROTOCOL: ""}, {routes.FOLLOW_PROTOCOL: "2026-483-129-576"},
                                   {routes.FOLLOW_PROTOCOL: "<script>"}])
def test_anything_but_a_protocol_leaves_the_field_empty(query):
    assert _on_load(query) is None
