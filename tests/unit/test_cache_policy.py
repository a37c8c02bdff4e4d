"""Hashed build files are kept a year; pages and unhashed files are revalidated."""

import pytest

from portal.web.cache_policy import IMMUTABLE, REVALIDATE, cache_control


@pytest.mark.parametrize("path", ["/assets/root-B-WAt3jh.js", "/assets/manifest-f773ceff.js",
                                  "/assets/__reflex_global_styles-CUyN4gU5.css", "/assets/_cadastro_._index-BVePlB5A.js"])
def test_hashed_build_files_are_immutable(path):
    assert cache_control(path) == IMMUTABLE


@pytest.mark.parametrize("path", ["/", "/cadastro", "/cadastro/", "/portal.css", "/favicon.ico", "/assets/app.js",
                                  "/auth/entrar", "/assets/x/../root-B-WAt3jh.js"])
def test_everything_else_is_revalidated(path):
    assert cache_control(path) == REVALIDATE
