"""The one access rule behind every protected page (portal.accounts.access.decide)."""

from __future__ import annotations

import pytest

from portal.core import routes
from portal.accounts.access import SIGNED_OUT, STAFF_NEEDS_TWO_STEP, Access, Decision, Viewer, decide


def _viewer(*, staff: bool = False, temporary: bool = False, two_step: bool = True) -> Viewer:
    return Viewer(account_id=1, session_id=2, full_name="Maria Souza", cpf="52998224725", email="m@example.com",
                  must_change_password=temporary, is_staff=staff, two_step=two_step)


@pytest.mark.parametrize("level", [Access.CITIZEN, Access.STAFF, Access.NEW_PASSWORD])
def test_no_session_is_sent_to_sign_in(level):
    assert decide(None, level) == Decision(None, False, SIGNED_OUT)


def test_public_needs_nothing():
    assert decide(None, Access.PUBLIC).allowed


def test_citizen_pages_take_any_settled_session():
    assert decide(_viewer(), Access.CITIZEN).allowed
    assert decide(_viewer(staff=True), Access.CITIZEN).allowed


@pytest.mark.parametrize("level", [Access.CITIZEN, Access.STAFF])
def test_a_temporary_password_session_may_only_set_the_new_password(level):
    decision = decide(_viewer(staff=True, temporary=True), level)
    assert not decision.allowed and decision.redirect == routes.NEW_PASSWORD
    assert decide(_viewer(temporary=True), Access.NEW_PASSWORD).allowed


def test_new_password_page_sends_settled_sessions_to_minha_conta():
    decision = decide(_viewer(), Access.NEW_PASSWORD)
    assert not decision.allowed and decision.redirect == routes.ACCOUNT


def test_staff_pages_refuse_citizens():
    assert decide(_viewer(staff=True), Access.STAFF).allowed
    decision = decide(_viewer(), Access.STAFF)
    assert not decision.allowed and decision.redirect == routes.ACCOUNT


def test_staff_without_two_step_are_sent_to_turn_it_on():
    decision = decide(_viewer(staff=True, two_step=False), Access.STAFF)
    assert not decision.allowed and decision.redirect == STAFF_NEEDS_TWO_STEP
    assert decide(_viewer(staff=True, two_step=False), Access.CITIZEN).allowed
