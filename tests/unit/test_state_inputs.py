"""Crafted events against the state classes themselves: every stored field is bounded and
booleans are strict (a browser never sends these values; an attacker's script does)."""

from __future__ import annotations

import dataclasses

import pytest
import reflex as rx

import portal.portal  # noqa: F401 - registers every state class
from portal.accounts import password_policy
from portal.state import signup as signup_state
from portal.state import support as support_state
from portal.state.signup import SignupState


@pytest.fixture
def tab() -> rx.State:
    """A tab's state tree, as the in-memory state manager builds it."""
    return rx.State(_reflex_internal_init=True)


def _substate(tab: rx.State, state_class: type[rx.State]):
    return tab.get_substate(state_class.get_full_name().split(".")[1:])


def _call(state, state_class, handler: str, *args):
    return state_class.event_handlers[handler].fn(state, *args)


@pytest.mark.parametrize("value", ["false", "0", "", "no", 1, "true", "on", None, False])
def test_terms_are_accepted_only_by_what_a_checked_box_sends(value):
    assert signup_state.form_from({"accept_terms": value}).accept_terms is False
    assert signup_state.form_from({}).accept_terms is False
    assert signup_state.form_from({"accept_terms": True}).accept_terms is True  # Reflex's value for a checked box


def test_a_huge_password_is_not_kept_whole(tab):
    signup = _substate(tab, SignupState)
    _call(signup, SignupState, "password_typed", "senha " * 200_000)
    assert len(signup._password) == password_policy.MAX_LENGTH + 1  # still "too long" for the policy


def test_the_name_kept_for_the_strength_meter_is_bounded(tab):
    signup = _substate(tab, SignupState)
    _call(signup, SignupState, "set_full_name", "x" * 1_000_000)
    assert len(signup.full_name) <= 500


HUGE = "x" * 1_000_000


@pytest.mark.parametrize("form_from", [signup_state.form_from, support_state.form_from])
def test_every_submitted_field_is_bounded(form_from):
    fields = dataclasses.asdict(form_from(dict.fromkeys(
        ("full_name", "name", "cpf", "email", "email_confirm", "password", "password_confirm", "phone", "topic",
         "description"), HUGE)))
    assert all(len(value) <= 2500 for value in fields.values() if isinstance(value, str))
