"""Every form that ends in a session cookie is posted by the browser itself, live page or not.

Reflex gives a form without on_submit a handler that prevents the browser's submit
(``Form.create``); these forms pass on_submit=None so that none is rendered. A Reflex upgrade
that brings the handler back would leave Enter and "Entrar" doing nothing on a live page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import reflex as rx

import portal.portal  # noqa: F401 - registers every state class
from portal.core import routes
from portal.pages.components import posted_form
from portal.pages.govbr import govbr_link
from portal.pages.home import home
from portal.pages.new_password import new_password

# Every form that ends in a session cookie, the page it is on and the endpoint it posts to.
POSTED = [(home, routes.AUTH_SIGN_IN), (home, routes.AUTH_SIGN_IN_CODE), (govbr_link, routes.AUTH_GOVBR_LINK),
          (new_password, routes.AUTH_NEW_PASSWORD)]


def _tree(component: rx.Component) -> Iterator[rx.Component]:
    yield component
    for child in component.children:
        yield from _tree(child)
    for var in ("cond", "comp1", "comp2"):  # the branches of rx.cond
        branch = getattr(component, var, None)
        if isinstance(branch, rx.Component):
            yield from _tree(branch)


def _forms(page: rx.Component) -> dict[str, rx.Component]:
    found = {}
    for component in _tree(page):
        if getattr(component, "tag", "") in ("form", "Root"):
            action = str(component.render().get("props", []))
            for _, path in POSTED:
                if f'action:"{path}"' in action:
                    found[path] = component
    return found


def test_a_posted_form_renders_no_submit_handler():
    rendered = posted_form(rx.el.input(name="x"), action="/auth/algo").render()
    assert rendered["name"] == '"form"'
    assert 'action:"/auth/algo"' in rendered["props"] and 'method:"post"' in rendered["props"]
    assert not any(prop.startswith("onSubmit") for prop in rendered["props"])
    assert posted_form(action="/auth/algo")._get_all_hooks() == {}


@pytest.mark.parametrize(("page", "path"), POSTED, ids=[path for _, path in POSTED])
def test_the_forms_that_end_in_a_session_post_natively(page, path):
    form = _forms(page()).get(path)
    assert form is not None, f"no form posts to {path}"
    props = form.render()["props"]
    assert 'method:"post"' in props and not any(prop.startswith("onSubmit") for prop in props)
