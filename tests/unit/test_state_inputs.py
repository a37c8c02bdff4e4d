"""Crafted events against the state classes themselves: every stored field is bounded and
booleans are strict (a browser never sends these values; an attacker's script does)."""

from __future__ import annotations

import pytest
import reflex as rx

import portal.portal  # noqa: F401 - registers every state class
from portal.accounts import password_policy
from portal.state.signup import SignupState
from portal.state.support import SupportState


@pytest.fixture
def tab() -> rx.State:
    """A tab's state tree, as the in-memory state manager builds it."""
    return rx.State(_reflex_internal_init=True)


def _substate(tab: rx.State, state_class: type[rx.State]):
    return tab.get_substate(state_class.get_full_name().split(".")[1:])


def _call(state, state_class, handler: str, *args):
    return state_class.event_handlers[handler].fn(state, *args)


@pytest.mark.parametrize("value", ["false", "0", "", "no", 1, "true", None])
def test_terms_are_accepted_only_by_a_real_true(tab, value):
    signup = _substate(tab, SignupState)
    _call(signup, SignupState, "set_accept_terms", value)
    assert signup.accept_terms is False
    _call(signup, SignupState, "set_accept_terms", True)
    assert signup.accept_terms is True


def test_a_huge_password_is_not_kept_whole(tab):
    signup = _substate(tab, SignupState)
    _call(signup, SignupState, "password_typed", "senha " * 200_000)
    assert len(signup._password) == password_policy.MAX_LENGTH + 1  # still "too long" for the policy


@pytest.mark.parametrize(("state_class", "handler", "field"), [
    (SignupState, "set_full_name", "full_name"), (SignupState, "set_email", "email"),
    (SignupState, "set_email_confirm", "email_confirm"), (SupportState, "set_name", "name"),
    (SupportState, "set_email", "email"), (SupportState, "set_phone", "phone"),
    (SupportState, "set_description", "description"),
])
def test_typed_fields_are_bounded(tab, state_class, handler, field):
    state = _substate(tab, state_class)
    _call(state, state_class, handler, "x" * 1_000_000)
    assert 0 < len(getattr(state, field)) <= 2500
